/**
 * Issue 17, item 2: published as the source printed it. Whole-yuan tables without ".00"; the
 * Shanghai header band; 编制部门 in a department's document; every table without a standard
 * counterpart published in its place (Fuzhou: 44 pages, 25 extra tables); 科目 rows printed without
 * a name get it from the document's other tables, marked, and `check` reports them.
 */
import { describe, expect, it } from 'vitest';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import ExcelJS from 'exceljs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { readAnyDocument } from '../src/read/index.js';
import { publishDocument } from '../src/publish/index.js';
import { exampleBytes, exampleText, importText, SEED_000, SEED_003 } from './helpers.js';

const catalogs = builtinCatalogs();

async function pdfPages(pdf: Uint8Array) {
  const d = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let n = 1; n <= d.numPages; n++) {
    const content = await (await d.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
  }
  const outline = (await d.getOutline()) ?? [];
  await d.destroy();
  type Item = { title: string; items: Item[] };
  const titles = (items: Item[]): string[] => items.flatMap((i) => [i.title, ...titles(i.items)]);
  return { pages, bookmarks: titles(outline as Item[]) };
}

const file = (files: { name: string; bytes: Uint8Array }[], ext: string) => files.find((f) => f.name.endsWith(ext))!.bytes;
const text = (b: Uint8Array) => new TextDecoder().decode(b);

describe('seed 000 as the source printed it', async () => {
  const doc = importText(exampleText(SEED_000), 'x.txt');
  const files = await publishDocument(doc, { catalogs, formats: ['html', 'pdf'], force: true });
  const html = text(file(files, '.html'));
  const { pages } = await pdfPages(file(files, '.pdf'));
  const all = pages.join('\n');

  it('prints whole-yuan tables without ".00" (the seed: "| 2080109 | 社会保险经办机构 | 8331275 |")', () => {
    expect(all).toContain('8,331,275');
    expect(all).not.toContain('8,331,275.00');
    expect(html).toContain('>8,331,275<');
  });

  it('keeps the band "项目 | 一般公共预算支出" and the word 编制部门', () => {
    expect(html).toMatch(/<th scope="col" colspan="4" nowrap>项目<\/th><th scope="col" colspan="3" nowrap>一般公共预算支出<\/th>/);
    expect(all).toContain('编制部门：上海市闵行区医疗保障局（汇总）');
    expect(html).not.toContain('编制单位：');
  });

  it('fills the 13 nameless rows of 一般公共预算支出功能分类预算表 from 收入预算总表, marked', () => {
    const section = html.slice(html.indexOf('id="table-general-function"'), html.indexOf('id="table-fund-function"'));
    expect(section.match(/class="name level\d filled"/g)).toHaveLength(13);
    expect(section).toContain('社会保险经办机构*');
    expect(section).toContain('注：带 * 的科目名称原表未印，据本文件《收入预算总表》补全。');
    expect(all).toContain('城乡医疗救助*');
  });

  it('check reports the nameless rows', () => {
    const f = checkDocument(doc, { catalogs }).filter((x) => x.rule === 'catalog.missing-name');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('24 行科目中有 13 行没有科目名称');
    expect(f[0]!.message).toContain('2080109（应为“社会保险经办机构”）');
  });
});

describe('seed 003, a unit', () => {
  it('says 编制单位, as it prints', async () => {
    const doc = importText(exampleText(SEED_003), 'x.txt');
    const html = text(file(await publishDocument(doc, { catalogs, formats: ['html'], force: true }), '.html'));
    expect(html).toContain('编制单位：');
    expect(html).not.toContain('编制部门：');
  });
});

describe('Fuzhou 2026 (44 pages, 8 standard and 25 other tables) republished', async () => {
  const doc = await readAnyDocument(exampleBytes('pdf/fj-fuzhou-medinsurance-2026-dept-budget.pdf'), { fileName: 'fz.pdf', catalogs, requireAllTables: false });
  const files = await publishDocument(doc, { catalogs, formats: ['html', 'pdf', 'xlsx'], force: true });
  const html = text(file(files, '.html'));
  const { pages, bookmarks } = await pdfPages(file(files, '.pdf'));
  const all = pages.join('\n');
  // Titles as the original prints them (pages 11, 17, 28, 30).
  const titles = ['2026年度收入预算总表', '2026年度一般公共预算支出经济分类情况表', '外伤医疗费用结算审核服务费项目绩效目标表', '综合工作经费项目绩效目标表'];

  // 25: the 绩效指标 tables of pp. 27, 38 and 39 are one table each (issue 20; they were cut in two at a
  // row whose 一级指标 cell wraps, “绩效目标指标 / 产出指”).
  it('keeps every table: the 25 extra tables in the HTML, their titles in the PDF, its bookmarks and the 目录', () => {
    expect(doc.extraTables).toHaveLength(25);
    expect(html.match(/<section class="table extra"/g)).toHaveLength(25);
    for (const t of titles) {
      expect(all).toContain(t);
      expect(bookmarks).toContain(t);
      expect(html).toMatch(new RegExp(`<li><a href="#extra-\\d+">${t}</a></li>`));
    }
    // 收入预算总表 sits between 收支预算总表 and 支出预算总表, as in the original.
    const at = (s: string) => html.indexOf(`<h3 class="table-title">${s}</h3>`);
    expect(at('2026年度收支预算总表')).toBeLessThan(at('2026年度收入预算总表'));
    expect(at('2026年度收入预算总表')).toBeLessThan(at('2026年度支出预算总表'));
  });

  it('prints about as many pages as the original (44; 24 before, without the extra tables)', () => {
    expect(pages.length).toBeGreaterThanOrEqual(34);
    expect(pages.length).toBeLessThanOrEqual(50);
  });

  it('gives every extra table a sheet in the workbook', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(file(files, '.xlsx').slice().buffer as ArrayBuffer);
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toContain('收入预算总表-照录');
    expect(names).toContain('外伤医疗费用结算审核服务费项目绩效目标表-照录');
    expect(names.indexOf('收入预算总表-照录')).toBe(names.indexOf('财务收支预算总表') + 1);
  });
});
