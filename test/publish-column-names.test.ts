/**
 * Issue 17, faithful to the source: a table's header words are published as printed (杭州 prints
 * 日常公用支出 where the standard layout says 公用经费), in every format, and read back the same.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readAnyDocument } from '../src/read/index.js';
import { publishDocument } from '../src/publish/index.js';
import { tableGrid } from '../src/publish/layout/grid.js';
import { exampleText, importText, SEED_000 } from './helpers.js';

const catalogs = builtinCatalogs();
const HANGZHOU = 'examples/pdf/zj-hangzhou-justice-2026-dept-budget.pdf';

async function pdfText(bytes: Uint8Array): Promise<string> {
  const d = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
  let text = '';
  for (let n = 1; n <= d.numPages; n++) text += (await (await d.getPage(n)).getTextContent()).items.map((i) => ('str' in i ? i.str : '')).join('') + '\n';
  await d.destroy();
  return text;
}

describe('Hangzhou 2026: header words as printed', async () => {
  const doc = await readAnyDocument(new Uint8Array(readFileSync(new URL(`../${HANGZHOU}`, import.meta.url))), { fileName: HANGZHOU, catalogs, requireAllTables: false });
  const economic = doc.tables.find((t) => t.id === 'general-basic-economic')!;
  const three = doc.tables.find((t) => t.id === 'three-public')!;

  it('keeps the words its pages print where they differ from the standard names', () => {
    // 表7 prints “人员支出 | 日常公用支出”; the “三公” table “因公出国(境)费用” and “公务用车运行维护费”.
    expect(economic.columnNames).toEqual({ public: '日常公用支出' });
    expect(three.columnNames).toEqual({ abroad: '因公出国(境)费用', 'vehicle-operation': '公务用车运行维护费' });
  });

  it('draws them in the shared layout instead of the standard words', () => {
    const words = tableGrid(economic).header.map((h) => h.text);
    expect(words).toContain('日常公用支出');
    expect(words).not.toContain('公用经费');
    expect(tableGrid(three).header.map((h) => h.text)).toEqual(expect.arrayContaining(['因公出国(境)费用', '公务用车运行维护费']));
  });

  it('prints them in the page and the PDF, and the workbook reads back with them', async () => {
    const [html, pdf, xlsx] = await publishDocument(doc, { catalogs, formats: ['html', 'pdf', 'xlsx'], edition: 'review' });
    expect(new TextDecoder().decode(html!.bytes)).toContain('日常公用支出');
    expect(await pdfText(pdf!.bytes)).toContain('日常公用支出');
    const back = await readAnyDocument(xlsx!.bytes.slice(), { fileName: 'back.xlsx', catalogs, requireAllTables: false });
    expect(back.tables.find((t) => t.id === 'general-basic-economic')!.columnNames).toEqual({ public: '日常公用支出' });
  });
});

describe('seed 000: its own word for the 机关运行经费 column', () => {
  it('prints “2025年机关运行经费预算数” as its “三公” table does', async () => {
    const doc = importText(exampleText(SEED_000), 'x.txt');
    expect(doc.tables.find((t) => t.id === 'three-public')!.columnNames).toEqual({ 'office-operation': '2025年机关运行经费预算数' });
    const [html] = await publishDocument(doc, { catalogs, formats: ['html'], edition: 'review' });
    expect(new TextDecoder().decode(html!.bytes)).toContain('2025年机关运行经费预算数');
  });
});
