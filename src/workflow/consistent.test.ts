/**
 * Consistent editing on seed 000 (闵行区医疗保障局 2025), figures read by hand from the seed's tables:
 * one +100 元 change to a 项 changes every figure the identities tie to it, and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { exampleBytes, importBytes, SEED_000 } from '../../test/helpers.js';
import { checkDocument } from '../check/engine.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { applyEdits, type CellEdit } from './edit.js';
import { cellKey, consistentEdits, describeCell } from './consistent.js';

const doc = importBytes(exampleBytes(SEED_000));
const catalogs = builtinCatalogs();
const errors = (d: typeof doc) => checkDocument(d, { catalogs }).filter((f) => f.severity === 'error').map((f) => f.rule);
const plus100 = (yuan: number) => (yuan + 100) * 100;

describe('consistentEdits', () => {
  it('+100 元 on 2101301 城乡医疗救助 项目支出 of 支出预算总表 changes its 款, 类 and 合计 in every table', () => {
    // 支出预算总表 2101301: 合计 22,427,500 = 基本 0 + 项目 22,427,500.
    const edit: CellEdit = { table: 'expenditure', row: '2101301', column: 'project', amount: plus100(22_427_500) };
    const { linked, unresolved } = consistentEdits(doc, [edit]);
    expect(unresolved).toEqual([]);
    expect(Object.fromEntries(linked.map((c) => [cellKey(c), c.amount]))).toEqual({
      // 支出预算总表: the row's 合计, 21013 医疗救助 (234,986,660), 210 (合计 244,650,650, 项目 240,554,219), 合计 (257,801,271, 项目 240,621,219).
      'expenditure|2101301|total': plus100(22_427_500),
      'expenditure|21013|project': plus100(234_986_660),
      'expenditure|21013|total': plus100(234_986_660),
      'expenditure|210|project': plus100(240_554_219),
      'expenditure|210|total': plus100(244_650_650),
      'expenditure|total|project': plus100(240_621_219),
      'expenditure|total|total': plus100(257_801_271),
      // 收入预算总表: the same 科目's 合计 and, of its sources, 财政拨款收入 (事业收入 etc. stay 0.00).
      'income|2101301|total': plus100(22_427_500),
      'income|2101301|fiscal': plus100(22_427_500),
      'income|21013|total': plus100(234_986_660),
      'income|21013|fiscal': plus100(234_986_660),
      'income|210|total': plus100(244_650_650),
      'income|210|fiscal': plus100(244_650_650),
      'income|total|total': plus100(257_801_271),
      'income|total|fiscal': plus100(257_801_271),
      // 一般公共预算支出功能分类预算表 (the only fund with rows): same figures as the 支出预算总表, 项目支出 column.
      'general-function|2101301|total': plus100(22_427_500),
      'general-function|2101301|project': plus100(22_427_500),
      'general-function|21013|total': plus100(234_986_660),
      'general-function|21013|project': plus100(234_986_660),
      'general-function|210|total': plus100(244_650_650),
      'general-function|210|project': plus100(240_554_219),
      'general-function|total|total': plus100(257_801_271),
      'general-function|total|project': plus100(240_621_219),
      // 财政拨款收支预算总表: 二、卫生健康支出 244,650,650 (合计 and 一般公共预算), 支出总计 and 收入 257,801,271.00.
      'fiscal|expenditure.210|total': plus100(244_650_650),
      'fiscal|expenditure.210|general': plus100(244_650_650),
      'fiscal|expenditure.total|total': plus100(257_801_271),
      'fiscal|expenditure.total|general': plus100(257_801_271),
      'fiscal|income.general|amount': plus100(257_801_271),
      'fiscal|income.total|amount': plus100(257_801_271),
      // 财务收支预算总表: 财政拨款收入 and its 一般预算资金, 收入总计; 二、卫生健康支出 and 支出总计.
      'summary|income.fiscal|amount': plus100(257_801_271),
      'summary|income.fiscal.general|amount': plus100(257_801_271),
      'summary|income.total|amount': plus100(257_801_271),
      'summary|expenditure.210|total': plus100(244_650_650),
      'summary|expenditure.total|total': plus100(257_801_271),
    });
    // Each change keeps its old value and says which identity asked for it.
    const row = linked.find((c) => cellKey(c) === 'income|2101301|fiscal')!;
    expect(row.old).toBe(2_242_750_000);
    expect(row.because).toBe('合计 = 各部分之和');
    expect(describeCell(doc, row)).toBe('《收入预算总表》2101301 城乡医疗救助 · 财政拨款收入');
    // Applied together, the document has no error it did not have before (the seed's one narrative finding).
    const after = applyEdits(doc, { cells: [edit, ...linked.map(({ old: _o, because: _b, ...c }) => c)] }).doc;
    expect(errors(after)).toEqual(errors(doc));
    expect(errors(applyEdits(doc, { cells: [edit] }).doc).length).toBeGreaterThan(errors(doc).length);
  });

  it('never guesses which 经济分类 takes a change of 基本支出: that identity is left to the preparer', () => {
    // 2080109 社会保险经办机构 基本支出 8,264,275 → +100: the 经济分类表's 合计 follows the function table's 基本支出 合计,
    // but which of its 类 (301, 302, 303) takes the 100 元 is not determined.
    const edit: CellEdit = { table: 'expenditure', row: '2080109', column: 'basic', amount: plus100(8_264_275) };
    const { linked, unresolved } = consistentEdits(doc, [edit]);
    const keys = linked.map(cellKey);
    expect(keys).toContain('general-function|2080109|basic');
    expect(keys).toContain('general-basic-economic|total|total');
    expect(keys.filter((k) => /^general-basic-economic\|3/.test(k))).toEqual([]);
    expect(unresolved.map((i) => `${i.rule} ${cellKey(i.lhs)}`)).toContain('hierarchy.total general-basic-economic|total|total');
  });

  it('changes nothing when the edit keeps the old value, and never changes the preparer’s own cells', () => {
    expect(consistentEdits(doc, [{ table: 'expenditure', row: '2101301', column: 'project', amount: 2_242_750_000 }]).linked).toEqual([]);
    // Two own cells that disagree (收入 and 支出 of 2101301 both typed): neither is overwritten, the identity is reported.
    const own: CellEdit[] = [
      { table: 'expenditure', row: '2101301', column: 'project', amount: plus100(22_427_500) },
      { table: 'income', row: '2101301', column: 'total', amount: 2_242_750_000 },
    ];
    const r = consistentEdits(doc, own);
    expect(r.linked.map(cellKey)).not.toContain('income|2101301|total');
    expect(r.unresolved.some((i) => i.rule === 'cross.income-expenditure' && i.lhs.row === '2101301')).toBe(true);
  });
});
