/**
 * Issue 17, print grade: the HTML prints tables on landscape pages, unclipped; the PDF's
 * bookmarks are nested (the parts of 其他相关情况说明 under it) and its table type is 9 pt.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { publishDocument } from '../src/publish/index.js';
import { exampleText, importText, SEED_000 } from './helpers.js';

const catalogs = builtinCatalogs();

describe('seed 000 for print', async () => {
  const doc = importText(exampleText(SEED_000), 'x.txt');
  const files = await publishDocument(doc, { catalogs, formats: ['html', 'pdf'], force: true });
  const html = new TextDecoder().decode(files[0]!.bytes);

  it('HTML: tables on landscape pages, no scrolling box to clip them, figures kept with their unit', () => {
    expect(html).toContain('@page table { size: 297mm 210mm;');
    expect(html).toMatch(/@media print \{[^]*section\.table \{ page: table;[^]*\.scroll \{ overflow: visible; \}/);
    expect(html).toContain('<span class="nw">25780.13万元</span>');
    // The copied 目录 keeps its words, not its dot leaders.
    expect(html).not.toMatch(/<p>[^<]*\.{6,}/);
  });

  it('PDF: the parts of 其他相关情况说明 are nested under it; table figures at 9 pt', async () => {
    const pdf = await getDocument({ data: files[1]!.bytes.slice(), verbosity: 0 }).promise;
    type Item = { title: string; items: Item[] };
    const outline = (await pdf.getOutline()) as Item[];
    const other = outline.find((i) => i.title === '其他相关情况说明')!;
    expect(other.items.map((i) => i.title)).toContain('一、2025年“三公”经费预算情况说明');
    expect(outline.map((i) => i.title)).not.toContain('一、2025年“三公”经费预算情况说明');
    const tables = outline.find((i) => i.title === '预算表')!;
    expect(tables.items[0]!.title).toBe('2025年部门财务收支预算总表');
    // The first table's page: the 预算表 bookmark goes there, not to the chart page before it.
    const dest = async (i: Item) => pdf.getPageIndex(((i as unknown as { dest: unknown[] }).dest as [{ num: number; gen: number }])[0]);
    expect(await dest(tables)).toBe(await dest(tables.items[0]!));
    const page = await pdf.getPage((await dest(tables.items[0]!)) + 1);
    const sizes = (await page.getTextContent()).items.filter((i) => 'str' in i && /^[\d,]+$/.test(i.str)).map((i) => Math.abs((i as { transform: number[] }).transform[0]!));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(9);
    await pdf.destroy();
  });
});
