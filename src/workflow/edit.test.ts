import { describe, expect, it } from 'vitest';
import { exampleBytes, importBytes, SEED_000 } from '../../test/helpers.js';
import { applyEdits, EditError } from './edit.js';

describe('applyEdits', () => {
  const doc = importBytes(exampleBytes(SEED_000));

  it('sets, adds and clears cells, each change with its old and new value, leaving the original alone', () => {
    const { doc: next, changes } = applyEdits(doc, {
      cells: [
        { table: 'three-public', row: 'budget', column: 'reception', amount: 2_000_000 },
        { table: 'income', row: '2080199', column: 'fiscal', amount: 100, label: '其他人力资源和社会保障管理事务支出' },
        { table: 'income', row: '2080109', column: 'business', amount: null },
      ],
    });
    // 000 prints 公务接待费 1.00 万元 (1,000,000 分) and 2080109 事业收入 as 0.00.
    expect(changes).toEqual([
      { path: 'tables.three-public.budget.reception', old: 1_000_000, new: 2_000_000 },
      { path: 'tables.income.2080199.fiscal', old: null, new: 100 },
      { path: 'tables.income.2080109.business', old: 0, new: null },
    ]);
    const income = next.tables.find((t) => t.id === 'income')!;
    expect(income.rows.at(-2)).toMatchObject({ key: '2080199', code: '2080199', label: '其他人力资源和社会保障管理事务支出', cells: { fiscal: 100 } });
    expect(income.rows.at(-1)!.key).toBe('total');
    expect(doc.tables.find((t) => t.id === 'three-public')!.rows[0]!.cells.reception).toBe(1_000_000);
  });

  it('records no change for the same value', () => {
    expect(applyEdits(doc, { cells: [{ table: 'three-public', row: 'budget', column: 'reception', amount: 1_000_000 }] }).changes).toEqual([]);
  });

  it('reads the figures of an edited paragraph again', () => {
    const s = doc.narrative.sections.findIndex((x) => x.kind === 'budget-explanation');
    const p = doc.narrative.sections[s]!.paragraphs.findIndex((x) => x.text.includes('收入预算25780.13万元'));
    const text = doc.narrative.sections[s]!.paragraphs[p]!.text.replace('收入预算25780.13万元', '收入预算25780.14万元');
    const { doc: next, changes } = applyEdits(doc, { paragraphs: [{ section: s, paragraph: p, text }] });
    expect(changes).toHaveLength(1);
    expect(next.narrative.amounts.find((a) => a.subject === 'income.total')!.amount).toBe(257_801_400_00);
    expect(doc.narrative.amounts.find((a) => a.subject === 'income.total')!.amount).toBe(257_801_300_00);
  });

  it('says in Chinese what cannot be edited', () => {
    expect(() => applyEdits(doc, { cells: [{ table: 'income', row: '2080109', column: 'nothing', amount: 1 }] })).toThrow(new EditError('表“2025年部门收入预算总表”没有列“nothing”（有：total、fiscal、business、operating、other）'));
    expect(() => applyEdits(doc, { paragraphs: [{ section: 999, paragraph: 0, text: 'x' }] })).toThrow(EditError);
  });
});
