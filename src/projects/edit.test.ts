/**
 * Editing a 测算 line as the workspace grid will: the project recomputes, the narrative carries
 * the new text, and the document published as text reads back with the edit.
 */
import { describe, expect, it } from 'vitest';
import { addEstimateLine, editEstimateLine, EditError, estimateView, removeEstimateLine } from './edit.js';
import { SEED_003, exampleBytes, importBytes, importText } from '../../test/helpers.js';
import { writeFlatText } from '../publish/text/flat.js';
import { writeMarkdownText } from '../publish/text/markdown.js';

const doc = importBytes(exampleBytes(SEED_003), SEED_003);
const index = doc.narrative.projects.findIndex((p) => p.name === '非编人员经费');

describe('the 测算 grid', () => {
  it('shows each line with its product and the total', () => {
    const view = estimateView(doc.narrative.projects[index]!);
    expect(view.rows.map((r) => [r.line.label, r.computed, r.status])).toEqual([
      ['伙食费', 76_800_00, 'ok'],
      ['托幼管理费', 1_200_00, 'ok'],
      ['人工成本', 1_747_200_00, 'ok'],
      ['单位成本', 704_000_00, 'ok'],
      ['误餐费', 4_800_00, 'ok'],
    ]);
    expect([view.total, view.budget]).toEqual([2_534_000_00, undefined]);
  });

  it('an edited quantity recomputes the line (in its own style) and the total: 17 × 44000 = 74.8万元', () => {
    const { doc: edited, project, view } = editEstimateLine(doc, index, 3, { factors: [{ quantity: '17', unit: '人' }] });
    expect(project.estimate![3]!.text).toBe('单位成本17人*44000元=74.8万元');
    expect(view.total).toBe(2_578_000_00);
    expect(project.parts.find((p) => p.heading === '实施方案')!.text).toContain('；单位成本17人*44000元=74.8万元；误餐费');
    expect(edited.narrative.sections.some((s) => s.paragraphs.some((p) => p.text.includes('单位成本17人*44000元=74.8万元')))).toBe(true);
    expect(doc.narrative.projects[index]!.estimate![3]!.text).toBe('单位成本16人*44000元=70.4万元');
  });

  it('a stated amount typed in by hand is kept, and shows as a mismatch', () => {
    const { view } = editEstimateLine(doc, index, 0, { amountText: '7.70万元' });
    expect(view.rows[0]!.status).toBe('mismatch');
    expect(view.rows[0]!.comparison!.difference).toBe('0.02万元');
  });

  it('publishes the edit: written as text (both layouts) and read back, the lines are the edited ones', () => {
    let edited = editEstimateLine(doc, index, 3, { factors: [{ quantity: '17', unit: '人' }] }).doc;
    edited = addEstimateLine(edited, index, { label: '体检费', factors: [{ quantity: '16', unit: '人' }], rateText: '500元' }).doc;
    edited = removeEstimateLine(edited, index, 1).doc;
    for (const write of [writeFlatText, writeMarkdownText]) {
      const back = importText(write(edited), SEED_003, false).narrative.projects.find((p) => p.name === '非编人员经费')!;
      expect(back.estimate!.map((l) => l.text)).toEqual(['伙食费16人*4800元=7.68万元', '人工成本16人*109200元=174.72万元', '单位成本17人*44000元=74.8万元', '误餐费48人次*100元=0.48万元', '体检费16人*500元=0.80万元']);
    }
  });

  it('refuses what is not a line, in Chinese', () => {
    expect(() => editEstimateLine(doc, index, 0, { rateText: '四千八' })).toThrow(new EditError('单价“四千八”不是金额：请写如 4800元 或 0.5万元/人'));
    expect(() => editEstimateLine(doc, index, 9, {})).toThrow('项目“非编人员经费”没有第 10 行测算');
  });
});
