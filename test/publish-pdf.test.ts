/**
 * The published PDF: read back by the PDF importer it gives the document's cells (the seeds
 * against their hand-written cells, generated documents against themselves), and it is a
 * proper printed file — Chinese fonts embedded as subsets, selectable text, bookmarks, page
 * numbers, A4, tables continued on the next page under a repeated header.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readAnyDocument } from '../src/read/index.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { documentPdf } from '../src/publish/pdf/document.js';
import { documentCharts } from '../src/publish/charts/charts.js';
import { generateDocument } from '../src/synth/generate.js';
import type { BudgetDocument } from '../src/model/document.js';
import { exampleBytes, fixture, importBytes, SEED_000, SEED_003 } from './helpers.js';

const catalogs = builtinCatalogs();
const RUNS = Number(process.env.PDF_ROUNDTRIP_RUNS ?? 12);

async function publishAndRead(doc: BudgetDocument): Promise<{ pdf: Uint8Array; back: BudgetDocument }> {
  const pdf = await documentPdf(doc, { charts: documentCharts(doc) });
  return { pdf, back: await readAnyDocument(pdf.slice(), { fileName: 'published.pdf', catalogs }) };
}

/**
 * Narrative parts, paragraph by paragraph. Where a printed line breaks at a space (before "and"
 * in 000) the space is gone when the line is joined again, so whitespace is not compared; the
 * contents list loses the markdown list marks the text seed gives it.
 */
function sections(doc: BudgetDocument) {
  return doc.narrative.sections.filter((s) => s.kind !== 'contents').map((s) => [s.kind, s.heading, s.paragraphs.map((p) => p.text.replace(/\s+/g, ''))]);
}

async function pdfText(pdf: Uint8Array) {
  const d = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  const pages: { width: number; height: number; text: string }[] = [];
  for (let n = 1; n <= d.numPages; n++) {
    const page = await d.getPage(n);
    const view = page.getViewport({ scale: 1 });
    const content = await page.getTextContent();
    pages.push({ width: view.width, height: view.height, text: content.items.map((i) => ('str' in i ? i.str : '')).join('') });
  }
  const outline = (await d.getOutline()) ?? [];
  await d.destroy();
  return { pages, outline };
}

describe.each([
  ['000', SEED_000],
  ['003', SEED_003],
])('seed %s published as PDF', (name, seed) => {
  const doc = importBytes(exampleBytes(seed), seed);
  const published = publishAndRead(doc);

  it('reads back to the hand-written cells', async () => {
    const { back } = await published;
    expect(cellsCsv(back)).toBe(fixture(`expected/${name}.cells.csv`));
  });

  it('reads back to the same metadata, narrative parts and stated figures', async () => {
    const { back } = await published;
    const { source: _a, ...meta } = doc.meta;
    const { source: _b, ...backMeta } = back.meta;
    expect(backMeta).toEqual(meta);
    expect(sections(back)).toEqual(sections(doc));
    expect(back.narrative.amounts.map((a) => [a.subject, a.amount])).toEqual(doc.narrative.amounts.map((a) => [a.subject, a.amount]));
    // The chart pages are the publisher's own drawing of the tables, and the import says it left them out.
    expect(back.notes.filter((n) => n.message.includes('图表'))).toHaveLength(1);
  });

  it('is A4 with embedded subset CJK fonts, selectable Chinese text, bookmarks and page numbers', async () => {
    const { pdf } = await published;
    const latin1 = new TextDecoder('latin1').decode(pdf);
    expect(latin1).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/);
    expect(latin1).toMatch(/\/FontFile3?/);
    const { pages, outline } = await pdfText(pdf);
    for (const p of pages) expect([Math.round(p.width), Math.round(p.height)].sort()).toEqual([595, 842]);
    expect(pages[0]!.text).toContain(doc.meta.title);
    pages.slice(1).forEach((p, i) => expect(p.text).toContain(`第 ${i + 2} 页`));
    const titles = outline.map((o) => o.title);
    expect(titles).toContain('预算表');
    expect(titles).toContain('图表');
    const tables = outline.find((o) => o.title === '预算表')!.items.map((o) => o.title);
    expect(tables).toEqual(doc.tables.map((t) => t.title));
  });
});

describe('a real PDF published again as PDF (杭州: 科目 printed by name among coded rows, a list of the tables’ titles, charts)', () => {
  it('reads back to the same tables and cells', async () => {
    const source = await readAnyDocument(new Uint8Array(readFileSync(new URL('../examples/pdf/zj-hangzhou-justice-2026-dept-budget.pdf', import.meta.url))), { fileName: 'hangzhou.pdf', catalogs, requireAllTables: false });
    const { back } = await publishAndRead(source);
    // In the source's order (its 表6 基本支出 and 表7 三公 before 表8 基金 and 表9 国有资本), as its titles number them.
    expect(back.tables.map((t) => t.id)).toEqual(['summary', 'expenditure', 'fiscal', 'general-function', 'general-basic-economic', 'three-public', 'fund-function', 'soe-function']);
    // The extras whole, once each (the list of titles starts none; a “（续表）” page goes on its table).
    expect(back.extraTables.map((t) => t.title)).toEqual(['表2：2026年市级部门收入预算总表', '表10：2026年市级部门项目支出预算表', '表11：2026年市级部门项目支出绩效表']);
    expect(cellsCsv(back)).toBe(cellsCsv(source));
    // Printed as “社会工作事务 0.19 … 0.19” under “201 一般公共服务支出 12868.19 … 12868.19”: a row of its own.
    const row = back.tables.find((t) => t.id === 'expenditure')!.rows.find((r) => r.key === 'name:社会工作事务');
    expect(row?.cells).toEqual({ total: 190_000, project: 190_000 });
    expect(back.tables.find((t) => t.id === 'expenditure')!.rows.find((r) => r.code === '201')?.cells.total).toBe(12_868_190_000);
    expect(back.notes.filter((n) => n.kind === 'unread-table')).toEqual([]);
  }, 60_000);
});

describe('generated documents published as PDF', () => {
  it('read back to the same cells, metadata and narrative', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<'unit' | 'department'>('unit', 'department'), async (seed, scope) => {
        const doc = generateDocument({ seed, scope });
        const { back } = await publishAndRead(doc);
        expect(cellsCsv(back)).toBe(cellsCsv(doc));
        const { source: _a, ...meta } = doc.meta;
        const { source: _b, ...backMeta } = back.meta;
        expect(backMeta).toEqual(meta);
        // The 目录 is the publisher's own, made from what is published (publish-print.test.ts), not the source's.
        const parts = (d: BudgetDocument) => d.narrative.sections.filter((s) => s.kind !== 'contents').map((s) => [s.kind, s.heading, s.paragraphs.map((p) => p.text)]);
        expect(parts(back)).toEqual(parts(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('continues a long table on the next page under its header, titled again with its unit, and reads it back whole', async () => {
    // The first generated department whose 收入预算总表 has more rows than a landscape page holds.
    const seed = Array.from({ length: 200 }, (_, i) => i + 1).find((s) => generateDocument({ seed: s, scope: 'department' }).tables.find((t) => t.id === 'income')!.rows.length > 40)!;
    const doc = generateDocument({ seed, scope: 'department' });
    const pdf = await documentPdf(doc);
    const { pages } = await pdfText(pdf);
    const incomePages = pages.filter((p) => p.text.includes('功能分类科目编码') && p.text.includes('事业单位经营收入'));
    expect(incomePages.length).toBeGreaterThanOrEqual(2);
    // A continuation page carries the title and the unit again.
    const title = doc.tables.find((t) => t.id === 'income')!.title;
    expect(incomePages[1]!.text).toContain(title);
    expect(incomePages[1]!.text).toContain('单位：元');
    const back = await readAnyDocument(pdf.slice(), { fileName: 'long.pdf', catalogs });
    expect(cellsCsv(back)).toBe(cellsCsv(doc));
  });

  it('is the same bytes for the same document', async () => {
    const doc = generateDocument({ seed: 7, scope: 'unit' });
    const [a, b] = await Promise.all([documentPdf(doc), documentPdf(doc)]);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});
