import { describe, expect, it } from 'vitest';
import { exampleBytes, importBytes, SEED_000, SEED_003 } from '../../test/helpers.js';
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

  it('adds no row whose key is not the model’s (issue 13: a formula or markup as a row key)', () => {
    for (const row of ['=HYPERLINK("http://evil.example/","click")', 'name:<img src=x onerror=window.__x=1>']) {
      expect(() => applyEdits(doc, { cells: [{ table: 'income', row, column: 'fiscal', amount: 100 }] })).toThrow(EditError);
    }
    expect(() => applyEdits(doc, { cells: [{ table: 'income', row: '@SUM(A1)', column: 'fiscal', amount: 100 }] })).toThrow('表“2025年部门收入预算总表”不能新增行“@SUM(A1)”：行键应为科目编码（3、5 或 7 位数字）、total，或 name:名称');
  });

  it('says in Chinese what cannot be edited', () => {
    expect(() => applyEdits(doc, { cells: [{ table: 'income', row: '2080109', column: 'nothing', amount: 1 }] })).toThrow(new EditError('表“2025年部门收入预算总表”没有列“nothing”（有：total、fiscal、business、operating、other）'));
    expect(() => applyEdits(doc, { paragraphs: [{ section: 999, paragraph: 0, text: 'x' }] })).toThrow(EditError);
  });

  it("reads a project again when its paragraph changes: 003's 伙食费 line as edited", () => {
    const unit = importBytes(exampleBytes(SEED_003));
    const si = unit.narrative.sections.findIndex((s) => s.paragraphs.some((p) => p.text.includes('伙食费16人*4800元=7.68万元')));
    const pi = unit.narrative.sections[si]!.paragraphs.findIndex((p) => p.text.includes('伙食费16人*4800元=7.68万元'));
    const text = unit.narrative.sections[si]!.paragraphs[pi]!.text.replace('伙食费16人*4800元=7.68万元', '伙食费17人*4800元=8.16万元');
    const before = unit.narrative.projects.find((p) => p.estimate?.some((l) => l.label === '伙食费'))!;
    const { doc: next } = applyEdits(unit, { paragraphs: [{ section: si, paragraph: pi, text }] });
    const project = next.narrative.projects.find((p) => p.name === before.name)!;
    const line = project.estimate!.find((l) => l.label === '伙食费')!;
    // 17 人 × 4,800 元 = 81,600 元 = 8.16 万元 = 8,160,000 分; the other four lines unchanged.
    expect(line.factors).toEqual([{ quantity: '17', unit: '人' }]);
    expect(line.amount).toBe(8_160_000);
    expect(project.estimate).toHaveLength(before.estimate!.length);
  });
});
