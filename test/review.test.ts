/**
 * The reviewer's rules on hand-made PDFs: each defect found at the page and line it is printed
 * on, nothing found on the clean twin. Word and number defects are written into seed 003's
 * narrative and published with the project's PDF writer (so they go through the whole reader);
 * page defects (a blank page, a font whose ToUnicode map is removed) are drawn with raw pdfkit.
 */
import { describe, expect, it } from 'vitest';
import PDFDocument from 'pdfkit';
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readAnyDocument } from '../src/read/index.js';
import { documentPdf } from '../src/publish/pdf/document.js';
import { findCjkFont } from '../src/publish/pdf/fonts.js';
import { checkDocument } from '../src/check/engine.js';
import { extractPages } from '../src/read/pdf/extract.js';
import { pdfLines } from '../src/read/pdf/import.js';
import { documentPages } from '../src/read/pdf/page-facts.js';
import { buildForm, formText } from '../src/review/form.js';
import type { BudgetDocument } from '../src/model/document.js';
import type { Finding } from '../src/check/finding.js';
import { importBytes, exampleBytes, SEED_003 } from './helpers.js';

const catalogs = builtinCatalogs();
const NEW_RULES = /^(page|words|numbers)\./;

/** The raw text of a page's line at a given top (pdf.js items sharing its baseline). */
async function printedLine(pdf: Uint8Array, page: number, top: number): Promise<string> {
  const d = await getDocument({ data: pdf.slice(), verbosity: 0 }).promise;
  const p = await d.getPage(page);
  const h = p.getViewport({ scale: 1 }).height;
  const items = (await p.getTextContent()).items as { str: string; transform: number[] }[];
  const text = items
    .filter((i) => {
      const size = Math.hypot(i.transform[2]!, i.transform[3]!);
      return Math.abs(h - i.transform[5]! - size - top) < 2;
    })
    .map((i) => i.str)
    .join('');
  await d.destroy();
  return text.replace(/\s+/g, '');
}

/** 003 with its own numbered items closed by 句号 (the seed leaves five open): the clean twin. */
function cleanSeed(): BudgetDocument {
  const doc = importBytes(exampleBytes(SEED_003));
  for (const s of doc.narrative.sections) for (const p of s.paragraphs) if (/^\d{1,2}、/.test(p.text) && !/[。；]$/.test(p.text)) p.text += '。';
  return doc;
}

/** The defects, each written into a paragraph of the 编制说明 (year 2025, so last year is 2024). */
function withDefects(doc: BudgetDocument): BudgetDocument {
  const copy = structuredClone(doc);
  const s = copy.narrative.sections.find((x) => x.kind === 'budget-explanation')!;
  const items = s.paragraphs.filter((p) => /^\d{1,2}、/.test(p.text));
  items[0]!.text = items[0]!.text.replace(/。$/, ''); // missing 句号 before item 2
  items[2]!.text = '3、“机关事业单位职业年金缴费支出”科目40万元，主要用于单位缴纳职工”年金。'; // stray quote
  s.paragraphs.push(
    { text: '“卫生健康支出（类）行政事业单位医疗（款）行政单位医疗（项）”（01项）208.8万元，主要用于单位缴纳职工基本医疗保险金，2025年预算安排201.50万元。' },
    { text: '医疗救助支出方面，2024年预算执行数43269.3万元，2025年预算3845.49万元，增加17.62%。' },
    { text: '医疗卫生与计划生育支出主要用于城乡医疗救助。' },
  );
  return copy;
}

async function publishAndCheck(doc: BudgetDocument): Promise<{ pdf: Uint8Array; back: BudgetDocument; findings: Finding[] }> {
  const pdf = await documentPdf(doc);
  const back = await readAnyDocument(pdf.slice(), { fileName: 'review.pdf', catalogs, requireAllTables: false });
  return { pdf, back, findings: checkDocument(back, { catalogs }) };
}

describe('review rules on a published PDF', () => {
  it('finds each word and number defect at the page and line it is printed on, and nothing on the clean twin', async () => {
    const clean = await publishAndCheck(cleanSeed());
    expect(clean.findings.filter((f) => NEW_RULES.test(f.rule)).map((f) => `${f.rule} ${f.message}`)).toEqual([]);

    const bad = await publishAndCheck(withDefects(cleanSeed()));
    const mine = bad.findings.filter((f) => NEW_RULES.test(f.rule) || f.rule === 'text.brackets');
    const expectAt = async (rule: string, words: string, printed: string) => {
      const f = mine.find((x) => x.rule === rule && `${x.location.sentence ?? ''} ${x.message}`.includes(words));
      expect(f, `${rule} “${words}” not found; found: ${mine.map((x) => `${x.rule} ${x.message}`).join(' | ')}`).toBeDefined();
      expect(f!.location.page).toBeGreaterThan(0);
      expect(f!.location.pageLine).toBeGreaterThan(0);
      // The line the finding names is the printed line that carries the words.
      const line = bad.back.pages![f!.location.page! - 1]!.lines[f!.location.pageLine! - 1]!;
      expect(await printedLine(bad.pdf, f!.location.page!, line[1])).toContain(printed);
    };
    await expectAt('words.missing-period', '单位离退休人员生活补助和活动费用', '单位离退休人员生活补助和活动费用');
    await expectAt('text.brackets', '引号不配对：左1个、右2个', '缴纳职工”年金');
    await expectAt('numbers.two-amounts', '208.8万元', '（01项）208.8万元');
    await expectAt('numbers.percent', '43269.3', '43269.3万元');
    await expectAt('words.obsolete-subject', '医疗卫生与计划生育支出', '医疗卫生与计划生育支出');
    const pct = mine.find((f) => f.rule === 'numbers.percent')!;
    expect(pct.expected).toBe('减少91.11%');
    expect(pct.actual).toBe('增加17.62%');
    const two = mine.find((f) => f.rule === 'numbers.two-amounts')!;
    expect([two.expected, two.actual]).toEqual(['208.8万元', '201.50万元']);
    expect(mine.find((f) => f.rule === 'words.obsolete-subject')!.expected).toBe('卫生健康支出');

    // On the form: the narrative's problems under 预算编制说明, numbered, with page and line.
    const form = buildForm(bad.back, bad.findings, { url: 'https://www.shsj.gov.cn/2025/yusuan.html' });
    expect(form.title).toBe('2025年度松江区单位预算公开情况检查表');
    expect(form.entityLabel).toBe('单位名称');
    const explanation = form.rows.find((r) => r.item.id === 'explanation')!;
    expect(explanation.name).toBe('预算编制说明');
    expect(explanation.ok).toBe('否');
    expect(explanation.problems.map((p) => p.finding.rule)).toEqual(expect.arrayContaining(['words.missing-period', 'numbers.two-amounts', 'numbers.percent', 'words.obsolete-subject']));
    expect(formText(form)).toMatch(/预算编制说明：否\n {2}1\. 第\d+页第\d+行：/);
    expect(form.rows.find((r) => r.item.id === 'income')!.name).toBe('《单位收入预算总表》');
  }, 240_000);
});

/** A three-page PDF: text, (a blank page), text with one line in a second font. */
async function pagesPdf(options: { blank: boolean; brokenFont: boolean }): Promise<Uint8Array> {
  const font = findCjkFont();
  const pdf = new PDFDocument({ size: 'A4', margin: 60 });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  pdf.registerFont('body', font.regular.path, font.regular.family);
  pdf.registerFont('other', font.bold.path, font.bold.family);
  pdf.font('body').fontSize(12).text('目 录').text('一、部门主要职能').text('二、部门机构设置');
  if (options.blank) pdf.addPage();
  pdf.addPage();
  pdf.font('body').text('一、部门主要职能');
  pdf.font('other').text('负责全区财政预算的编制与执行。');
  pdf.font('body').text('负责政府采购的监督管理。');
  pdf.end();
  let bytes = await done;
  if (options.brokenFont) {
    // Take the ToUnicode map away from the bold font only (same length, so the xref stays right).
    const text = bytes.toString('latin1').replace(/(\/BaseFont \/[A-Z]+\+[^\s/]*Bold[\s\S]*?)\/ToUnicode/, '$1/ToUnicodX');
    bytes = Buffer.from(text, 'latin1');
  }
  return new Uint8Array(bytes);
}

async function pageFindings(pdf: Uint8Array): Promise<Finding[]> {
  const pages = await extractPages(pdf);
  const doc = importBytes(exampleBytes(SEED_003));
  doc.pages = documentPages(pages, pdfLines(pages));
  return checkDocument(doc, { catalogs }).filter((f) => f.rule.startsWith('page.'));
}

describe('page rules on hand-made PDFs', () => {
  it('finds a blank page and a font without ToUnicode at page and line; the clean twin has neither', async () => {
    expect(await pageFindings(await pagesPdf({ blank: false, brokenFont: false }))).toEqual([]);
    const found = await pageFindings(await pagesPdf({ blank: true, brokenFont: true }));
    const blank = found.filter((f) => f.rule === 'page.blank');
    expect(blank.map((f) => f.location.page)).toEqual([2]);
    expect(blank[0]!.message).toContain('目 录');
    const glyphs = found.filter((f) => f.rule === 'page.undisplayable');
    expect(glyphs.map((f) => [f.location.page, f.location.pageLine])).toEqual([[3, 2]]);
    expect(glyphs[0]!.actual).toBe(String('负责全区财政预算的编制与执行。'.length));
    expect(glyphs[0]!.message).toMatch(/字体 [A-Z]+\+\S*Bold/);
  }, 60_000);
});

describe('review command', () => {
  it('writes the form (XLSX), the report with page crops (HTML) and the summary for a folder', async () => {
    const out = mkdtempSync(join(tmpdir(), 'review-'));
    const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'review', 'examples/pdf/sh-putuo-wanli-2025-dept-budget.pdf', 'examples/003_91fd8cb34c22987a.txt', '--out', out, '--url', 'https://www.shpt.gov.cn/wanli/2025'], { encoding: 'utf8' });
    expect(r.stderr).toContain('审核了 2 份文件');
    const files = readdirSync(out).sort();
    expect(files).toEqual(['003_91fd8cb34c22987a.检查表.html', '003_91fd8cb34c22987a.检查表.json', '003_91fd8cb34c22987a.检查表.xlsx', 'sh-putuo-wanli-2025-dept-budget.检查表.html', 'sh-putuo-wanli-2025-dept-budget.检查表.json', 'sh-putuo-wanli-2025-dept-budget.检查表.xlsx', '汇总.xlsx']);
    const html = readFileSync(join(out, '003_91fd8cb34c22987a.检查表.html'), 'utf8');
    expect(html).toContain('2025年度松江区单位预算公开情况检查表');
    expect(html).toContain('单位名称：上海市松江区医疗保险事务中心');
    const pdfReport = readFileSync(join(out, 'sh-putuo-wanli-2025-dept-budget.检查表.html'), 'utf8');
    expect(pdfReport).toContain('2025年度普陀区部门预算公开情况检查表');

    // The form as the bureau's sheet: title, name, URL, items with 是/否 and numbered problems.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(out, '003_91fd8cb34c22987a.检查表.xlsx'));
    const ws = wb.getWorksheet('检查表')!;
    expect(ws.getCell('A1').value).toBe('2025年度松江区单位预算公开情况检查表');
    expect(ws.getCell('A2').value).toBe('单位名称：上海市松江区医疗保险事务中心');
    expect(ws.getCell('A3').value).toBe('公开网址：https://www.shpt.gov.cn/wanli/2025');
    expect([ws.getCell('B4').value, ws.getCell('C4').value, ws.getCell('D4').value]).toEqual(['检查内容', '符合要求', '问题截图']);
    const rows = new Map<string, ExcelJS.Row>();
    ws.eachRow((r) => rows.set(String(r.getCell(2).value), r));
    expect(rows.get('及时公开单位预算')!.getCell(3).value).toBe('待核');
    const explanation = rows.get('预算编制说明')!;
    expect(explanation.getCell(3).value).toBe('否');
    // 003's items 1、to 5、end without 句号 (seed lines 80–88), problems numbered in line order.
    const problems = String(explanation.getCell(4).value);
    expect(problems).toMatch(/^1\. 第\d+行：/);
    expect(problems).toMatch(/\n\d+\. 第80行：句子未以句号结束：“…单位离退休人员生活补助和活动费用”后缺少“。”/);
    expect(rows.get('名词解释')!.getCell(3).value).toBe('是');

    const summary = new ExcelJS.Workbook();
    await summary.xlsx.readFile(join(out, '汇总.xlsx'));
    const sheet = summary.getWorksheet('汇总')!;
    const scores = [3, 4].map((n) => Number(sheet.getRow(n).getCell(6).value));
    expect(scores[0]).toBeLessThanOrEqual(scores[1]!);
  }, 240_000);
});

describe('false alarms found by the hand check of the corpus sample (bench/results/review-sample.md)', () => {
  it('a list heading before its deeper list is no sentence; a wrapped table cell is one text for its brackets', () => {
    const doc = cleanSeed();
    const s = doc.narrative.sections.find((x) => x.kind === 'budget-explanation')!;
    s.paragraphs.push(
      // Beijing's 收入 list: the heading （一） over items 1. 2. — and a last item 2. before the next heading （二）, which does lack its 句号.
      { text: '（一）本年财政拨款收入 565801.49 万元' },
      { text: '1.一般公共预算拨款收入 565801.49 万元。' },
      { text: '2.政府性基金预算拨款收入，0 万元' },
      { text: '（二）本年其他资金收入 60.46 万元。' },
      // A project table's cell read as short lines: the brackets and quotes close a line or three on.
      { text: '医疗救助补助资金（中央和省级财政补' },
      { text: '助）' },
      { text: '数据深度融合，深化企业标签体系和“一企' },
      { text: '一档”的“企业画像”，支撑企业服务“千' },
      { text: '企千面”和企业全生命周期监测分析。' },
      // A paragraph with a stray closing bracket stays a finding.
      { text: '其中：因公出国（境）费24万元，比上年增加0万元，增长0%，主要原因是与上年持平，无增减变化）；公务接待费8.3万元。' },
    );
    const findings = checkDocument(doc, { catalogs });
    const periods = findings.filter((f) => f.rule === 'words.missing-period').map((f) => f.location.sentence);
    expect(periods).toEqual(['2.政府性基金预算拨款收入，0 万元']);
    const brackets = findings.filter((f) => f.rule === 'text.brackets').map((f) => `${f.message} ${f.location.sentence}`);
    // The second is seed 003's own stray bracket (“…上年减少1853.7万元）,减少23%”), found before and after.
    expect(brackets).toEqual(['括号不配对：左1个、右2个 其中：因公出国（境）费24万元，比上年增加0…', '括号不配对：左0个、右1个 …上年减少1853.7万元）,减少23%，主要原因是…']);
  });
});

describe('text.latin: an English word, not an abbreviation, a unit or a name (bench/results/review-sample.md, 2026-12-06 issue 19)', () => {
  it('flags “Total” and “the project”, not VOCs, InSAR, eVTOL, km, App or the “i” of a name', () => {
    const doc = cleanSeed();
    const s = doc.narrative.sections.find((x) => x.kind === 'budget-explanation')!;
    s.paragraphs.push(
      // 广州 and 深圳's own sentences (guangzhou-39d6f21a p107, guangzhou-f47acfe3 p60, shenzhen-08cc7487 p13, shenzhen-63d734e6 p31, guangzhou-bd1c00de p73).
      { text: '提高花都区涉VOCs工业企业的环保管理水平，推动落实VOCs减排工作。' },
      { text: '开展基于InSAR的“天空地”监测，资助eVTOL航空器项目。' },
      { text: '用于深圳人社“鹏城 i 业”就业促进平台开发项目，完成1.43km堤防交地，升级政务App功能。' },
      // Stray English left in.
      { text: '本年支出Total合计10万元，用于the project建设。' },
    );
    const latin = checkDocument(doc, { catalogs }).filter((f) => f.rule === 'text.latin').map((f) => f.message);
    expect(latin).toEqual(['中文句中夹有英文“Total”', '中文句中夹有英文“the project”']);
  });
});

describe('words.quotes and catalog.name-mismatch (bench/results/review-sample.md, issue 19)', () => {
  it('a quote opened on the line before (a wrapped table cell) is no misplaced quote; a ” before its “ in one sentence still is', () => {
    const doc = cleanSeed();
    const s = doc.narrative.sections.find((x) => x.kind === 'budget-explanation')!;
    s.paragraphs.push({ text: '评选“鹏城卓' }, { text: '越工程师”和“鹏城卓越工' }, { text: '程师团队”，给予培养单位' }, { text: '本年安排”专项“资金用于培训。' });
    const quotes = checkDocument(doc, { catalogs }).filter((f) => f.rule === 'words.quotes').map((f) => f.message);
    expect(quotes).toEqual(['引号方向不对或错位：“本年安排”专项“资金用于培训。”中的右引号”前没有左引号“']);
  });

  it('a 科目 printed under another name is a warning in a document of the catalog’s year', () => {
    const doc = cleanSeed();
    const row = doc.tables.find((t) => t.id === 'expenditure')!.rows.find((r) => r.code === '2080501')!;
    row.label = '行政单位离退休人员';
    const f = checkDocument(doc, { catalogs }).filter((x) => x.rule === 'catalog.name-mismatch' && x.actual === '行政单位离退休人员');
    expect(f.map((x) => x.severity)).toEqual(['warning']);
  });
});
