/** What changed between two versions, on seed 000 (闵行区医疗保障局 2025); figures read by hand from its tables. */
import { describe, expect, it } from 'vitest';
import { exampleBytes, importBytes, SEED_000 } from '../../test/helpers.js';
import { applyEdits } from './edit.js';
import { documentDiff } from './diff.js';

const doc = importBytes(exampleBytes(SEED_000));

describe('documentDiff', () => {
  it('is empty for a document and itself', () => {
    expect(documentDiff(doc, doc)).toEqual({ cells: [], paragraphs: [] });
  });

  it('lists a changed cell with its label and both amounts, and a changed, an added and a removed paragraph', () => {
    const s = doc.narrative.sections.findIndex((x) => x.paragraphs.length >= 2);
    const section = doc.narrative.sections[s]!;
    const [p0, p1] = [section.paragraphs[0]!.text, section.paragraphs[1]!.text];
    const n = section.paragraphs.length;
    // 支出预算总表 2101301 城乡医疗救助 项目支出: 22,427,500 元 → 22,427,600 元.
    const edited = applyEdits(doc, {
      cells: [{ table: 'expenditure', row: '2101301', column: 'project', amount: 2_242_760_000 }],
      paragraphs: [
        { section: s, paragraph: 0, text: `${p0}（已改）` },
        { section: s, paragraph: n, text: '新的一段。' },
      ],
    }).doc;
    const d = documentDiff(doc, edited);
    expect(d.cells).toEqual([{ table: 'expenditure', row: '2101301', column: 'project', label: '《支出预算总表》2101301 城乡医疗救助 · 项目支出', old: 2_242_750_000, new: 2_242_760_000 }]);
    expect(d.paragraphs).toEqual([
      { section: section.heading, paragraph: 1, old: p0, new: `${p0}（已改）` },
      { section: section.heading, paragraph: n + 1, old: null, new: '新的一段。' },
    ]);
    // Removed: the second paragraph gone, the later ones move up (compared in place).
    const removed = documentDiff(doc, applyEdits(doc, { paragraphs: [{ section: s, paragraph: 1, text: null }] }).doc);
    expect(removed.paragraphs[0]).toEqual({ section: section.heading, paragraph: 2, old: p1, new: section.paragraphs[2]?.text ?? null });
  });
});
