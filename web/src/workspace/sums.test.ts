/** The editor's sums: what an edited 项 feeds within its table, figures of seed 003 by hand. */
import { describe, expect, it } from 'vitest';
import { exampleBytes, importBytes, SEED_003 } from '../../../test/helpers.js';
import { applyEdits, type CellEdit } from '../../../src/workflow/edit.js';
import { cellKey, fillSums, findingCells } from './sums.js';

const unit = importBytes(exampleBytes(SEED_003));

describe('fillSums', () => {
  it('fills the row total, the 款, the 类 and the 合计 above an edited 项, and nothing in other tables', () => {
    // 003 支出预算总表: 2101301 城乡医疗救助 项目支出 17,706,400.00 元, raised by 100 元.
    const edit: CellEdit = { table: 'expenditure', row: '2101301', column: 'project', amount: 1_770_650_000 };
    const edited = applyEdits(unit, { cells: [edit] }).doc;
    const sums = new Map(fillSums(edited, [edit]).map((e) => [cellKey(e), e.amount]));
    expect(Object.fromEntries(sums)).toEqual({
      'expenditure|2101301|total': 1_770_650_000, // 17,706,500.00
      'expenditure|21013|project': 4_240_650_000, // 42,406,400.00 + 100
      'expenditure|21013|total': 4_240_650_000,
      'expenditure|210|project': 4_917_866_000, // 49,178,560.00 + 100
      'expenditure|210|total': 5_711_102_253, // 57,110,922.53 + 100
      'expenditure|total|project': 4_917_866_000, // 合计 49,178,560.00 + 100
      'expenditure|total|total': 6_070_642_253, // 合计 60,706,322.53 + 100
    });
  });

  it('fills nothing when the edit keeps every sum true, and leaves blank sums blank', () => {
    const same: CellEdit = { table: 'expenditure', row: '2101301', column: 'project', amount: 1_770_640_000 };
    expect(fillSums(applyEdits(unit, { cells: [same] }).doc, [same])).toEqual([]);
    // 2101301 has no 基本支出 printed: a 基本支出 typed there fills the row total, and the blank 基本支出 of 21013 stays blank.
    const basic: CellEdit = { table: 'expenditure', row: '2101301', column: 'basic', amount: 100 };
    const keys = fillSums(applyEdits(unit, { cells: [basic] }).doc, [basic]).map(cellKey);
    expect(keys).toContain('expenditure|2101301|total');
    expect(keys).not.toContain('expenditure|21013|basic');
  });
});

describe('findingCells', () => {
  it('names the cells of a finding, by its cell list or its one cell', () => {
    const loc = { table: 'income', row: '210', column: 'total' };
    expect(findingCells({ rule: 'r', family: 'arithmetic', severity: 'error', message: '', location: loc })).toEqual(['income|210|total']);
    expect(findingCells({ rule: 'r', family: 'arithmetic', severity: 'error', message: '', location: { ...loc, cells: [loc, { table: 'income', row: '21013', column: 'total' }] } })).toEqual(['income|210|total', 'income|21013|total']);
    expect(findingCells({ rule: 'r', family: 'text', severity: 'warning', message: '', location: { section: '名词解释' } })).toEqual([]);
  });
});
