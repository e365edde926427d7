/**
 * Issue 17, print grade: the HTML prints tables on landscape pages, unclipped; the PDF's
 * bookmarks are nested (the parts of 其他相关情况说明 under it) and its table type is 9 pt.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import type { TextItem } from 'pdfjs-dist/types/src/display/api.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { publishDocument } from '../src/publish/index.js';
import { exampleText, importText, SEED_000, SEED_003 } from './helpers.js';

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

describe.each([
  ['000', SEED_000],
  ['003', SEED_003],
])('seed %s: the PDF 目录', async (_name, seed) => {
  const doc = importText(exampleText(seed), 'x.txt');
  const [file] = await publishDocument(doc, { catalogs, formats: ['pdf'], force: true });

  it('lists every published part, table and chart after the cover with the page it is on, and links there', async () => {
    const pdf = await getDocument({ data: file!.bytes.slice(), verbosity: 0 }).promise;
    type Item = { title: string; items: Item[]; dest: unknown };
    const pageOf = async (dest: unknown) => pdf.getPageIndex((typeof dest === 'string' ? await pdf.getDestination(dest) : (dest as unknown[]))![0] as { num: number; gen: number });
    const outline = (await pdf.getOutline()) as Item[];
    // The 目录's own bookmark comes first and points at page 2, right after the cover.
    expect(outline[0]!.title.replace(/\s/g, '')).toBe('目录');
    expect(await pageOf(outline[0]!.dest)).toBe(1);
    const flat: Item[] = [];
    const walk = (items: Item[]) => items.forEach((i) => (flat.push(i), walk(i.items)));
    walk(outline.slice(1));
    expect(flat.map((i) => i.title)).toEqual(expect.arrayContaining(['预算表', '图表', ...doc.tables.map((t) => t.title)]));
    const page2 = await pdf.getPage(2);
    const text = (await page2.getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join(' ');
    const links = (await page2.getAnnotations()).filter((a) => a.subtype === 'Link');
    expect(links).toHaveLength(flat.length);
    for (const [k, item] of flat.entries()) {
      const page = await pageOf(item.dest);
      // "名称 ………… 页码" with the printed page number (page 1 is the cover), and a link to that page.
      expect(text).toMatch(new RegExp(`${item.title.replace(/[()（）“”]/g, '.')}\\s*\\.{3,}\\s*${page + 1}(?!\\d)`));
      expect(await pageOf(links[k]!.dest)).toBe(page);
      // The page the 目录 names prints that number at its foot.
      const foot = (await (await pdf.getPage(page + 1)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('');
      expect(foot).toContain(`第 ${page + 1} 页`);
    }
    await pdf.destroy();
  });
});

describe('seed 000: the PDF narrative set as Chinese', async () => {
  const doc = importText(exampleText(SEED_000), 'x.txt');
  const [file] = await publishDocument(doc, { catalogs, formats: ['pdf'], force: true });
  const MARGIN = 56;

  /** Body lines (10.5 pt) of the portrait pages: where each starts and ends, and its text. */
  async function bodyLines() {
    const pdf = await getDocument({ data: file!.bytes.slice(), verbosity: 0 }).promise;
    const out: { page: number; y: number; x0: number; x1: number; text: string; right: number }[] = [];
    for (let n = 2; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const { width, height } = page.getViewport({ scale: 1 });
      if (width > height) continue;
      const items = (await page.getTextContent()).items.filter((i): i is TextItem => 'str' in i && i.str !== '' && Math.abs(i.transform[0]! - 10.5) < 0.01);
      const byY = new Map<number, TextItem[]>();
      for (const i of items) byY.set(Math.round(i.transform[5]!), [...(byY.get(Math.round(i.transform[5]!)) ?? []), i]);
      for (const [y, l] of [...byY].sort((a, b) => b[0] - a[0])) {
        out.push({ page: n, y, x0: Math.min(...l.map((i) => i.transform[4]!)), x1: Math.max(...l.map((i) => i.transform[4]! + i.width)), text: l.map((i) => i.str).join(''), right: width - MARGIN });
      }
    }
    await pdf.destroy();
    return out;
  }

  it('starts no line with closing punctuation and ends none with opening punctuation', async () => {
    const lines = await bodyLines();
    expect(lines.length).toBeGreaterThan(100);
    expect(lines.filter((l) => /^[，。、；：！？）】」』”’》]/.test(l.text)).map((l) => l.text)).toEqual([]);
    expect(lines.filter((l) => /[（【「『“‘《]$/.test(l.text)).map((l) => l.text)).toEqual([]);
  });

  it('justifies every line its paragraph goes on after, unless a number moved down whole with its unit', async () => {
    const lines = await bodyLines();
    // A paragraph goes on in a line at the text margin (not indented) right under the line before it.
    const continued = lines.filter((l, i) => {
      const next = lines[i + 1];
      return next && next.page === l.page && Math.abs(next.x0 - MARGIN) < 0.5 && l.y - next.y < 21 && !/^[\d]/.test(next.text);
    });
    expect(continued.length).toBeGreaterThan(30);
    expect(continued.filter((l) => Math.abs(l.x1 - l.right) > 0.5).map((l) => `${l.text}（右端 ${l.x1.toFixed(1)}）`)).toEqual([]);
  });
});
