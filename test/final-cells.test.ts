/**
 * 部门决算 PDFs (../shared/docs: the district's template and two real 2024 决算): cells written by
 * hand from the printed tables (read by eye, page by page), the tables' own identities on what was
 * read, and the 决算 rules on what the documents say.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { readAnyDocument } from '../src/read/index.js';
import { FINAL_TABLE_NAMES, FINAL_TABLE_ORDER } from '../src/model/tables.js';
import { publishFormat } from '../src/publish/index.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';

const catalogs = builtinCatalogs();
const DOCS = new URL('../../shared/docs/', import.meta.url).pathname;
/** 万元 with two decimals → 分. */
const wan = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100) * 10_000;

async function read(file: string) {
  return readAnyDocument(new Uint8Array(readFileSync(DOCS + file)), { fileName: file, catalogs, requireAllTables: false });
}
type Doc = Awaited<ReturnType<typeof read>>;
const cells = (doc: Doc, table: string, key: string) => doc.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key)?.cells;
/** Errors of the tables' own identities (rounding differences of 万元 tables are info, not errors). */
const identityErrors = (doc: Doc) =>
  checkDocument(doc, { catalogs })
    .filter((f) => (f.family === 'arithmetic' || f.family === 'cross-table') && f.severity === 'error')
    .map((f) => f.message);

const SOCIAL = 'sh-putuo-socialwork-2024-dept-final.pdf';
const PLANNING = 'sh-putuo-planning-2024-dept-final.pdf';
const TEMPLATE = 'template-dept-final-accounts.pdf';

describe.skipIf(!existsSync(DOCS + SOCIAL))('中共上海市普陀区委社会工作部 2024 年度部门决算', () => {
  it('reads a 决算 with its nine tables, in 万元', async () => {
    const doc = await read(SOCIAL);
    expect(doc.meta).toMatchObject({ kind: 'final', year: 2024, scope: 'department', entity: { name: '中共上海市普陀区委社会工作部' } });
    expect(doc.tables.map((t) => t.id).sort()).toEqual([...FINAL_TABLE_ORDER].sort());
    expect(doc.tables.every((t) => t.unit === 'wanyuan')).toBe(true);
    expect(doc.notes.filter((n) => n.kind === 'unread-table')).toEqual([]);
  }, 60_000);

  it('收入支出决算总表 (p. 5), 支出决算表 (pp. 8–9), 财政拨款收入支出决算总表 (pp. 10–11) and 基本支出决算表 (p. 13), by hand', async () => {
    const doc = await read(SOCIAL);
    expect(cells(doc, 'summary', 'income.fiscal.general')).toEqual({ amount: wan('307.82') });
    expect(cells(doc, 'summary', 'expenditure.201')).toEqual({ total: wan('264.87') });
    expect(cells(doc, 'summary', 'expenditure.208')).toEqual({ total: wan('10.82') });
    expect(cells(doc, 'summary', 'expenditure.210')).toEqual({ total: wan('2.71') });
    expect(cells(doc, 'summary', 'expenditure.221')).toEqual({ total: wan('29.42') });
    expect(cells(doc, 'summary', 'income.carryover')).toEqual({});
    expect(cells(doc, 'summary', 'income.total')).toEqual({ amount: wan('307.82') });
    expect(cells(doc, 'summary', 'expenditure.total')).toEqual({ total: wan('307.82') });

    expect(cells(doc, 'expenditure', 'total')).toEqual({ total: wan('307.82'), basic: wan('105.58'), project: wan('202.24') });
    expect(cells(doc, 'expenditure', '20139')).toEqual({ total: wan('264.87'), basic: wan('62.63'), project: wan('202.24') });
    expect(cells(doc, 'expenditure', '2013999')).toEqual({ total: wan('202.24'), project: wan('202.24') });
    // The name wraps above and below the row's numbers: "机关事业单位基本养老保" / "2080505 6.18 6.18" / "险缴费支出".
    const exp = doc.tables.find((t) => t.id === 'expenditure')!;
    expect(exp.rows.find((r) => r.key === '2080505')).toMatchObject({ label: '机关事业单位基本养老保险缴费支出', cells: { total: wan('6.18'), basic: wan('6.18') } });
    expect(cells(doc, 'expenditure', '2101102')).toEqual({ total: wan('0.49'), basic: wan('0.49') });

    expect(cells(doc, 'fiscal', 'income.general')).toEqual({ amount: wan('307.82') });
    expect(cells(doc, 'fiscal', 'expenditure.221')).toEqual({ total: wan('29.42'), general: wan('29.42') });
    expect(cells(doc, 'fiscal', 'expenditure.current')).toEqual({ total: wan('307.82'), general: wan('307.82') });

    // Two halves: 人员经费 (301, 303) left, 公用经费 (302, 310) right.
    expect(cells(doc, 'general-basic-economic', '301')).toEqual({ total: wan('95.36'), personnel: wan('95.36') });
    expect(cells(doc, 'general-basic-economic', '30102')).toEqual({ total: wan('39.72'), personnel: wan('39.72') });
    expect(cells(doc, 'general-basic-economic', '30108')).toEqual({ total: wan('6.18'), personnel: wan('6.18') });
    expect(cells(doc, 'general-basic-economic', '30239')).toEqual({ total: wan('2.43'), public: wan('2.43') });
    expect(cells(doc, 'general-basic-economic', '30299')).toEqual({ total: wan('0.20'), public: wan('0.20') });
    // 人员经费合计 95.36 and 公用经费合计 10.23 are printed; their sum is the table's 决算数 (a note says so).
    expect(cells(doc, 'general-basic-economic', 'total')).toEqual({ personnel: wan('95.36'), public: wan('10.23'), total: wan('105.59') });
    expect(doc.notes.some((n) => /人员经费合计与公用经费合计/.test(n.message))).toBe(true);

    // 三公 and the two fund tables print no figures, and say so.
    expect(cells(doc, 'three-public', 'budget')).toEqual({});
    expect(cells(doc, 'three-public', 'final')).toEqual({});
    expect(doc.tables.find((t) => t.id === 'fund-function')!.note).toMatch(/本年度没有政府性基金预算财政拨款收入和支出，故本表无数据/);
  }, 60_000);

  it('closes every identity of its tables; the 决算 rules find the 完成率 against a 年初预算 of 0', async () => {
    const doc = await read(SOCIAL);
    expect(identityErrors(doc)).toEqual([]);
    const findings = checkDocument(doc, { catalogs }).filter((f) => f.severity !== 'info');
    // p. 18: "年初预算为 0 万元，全年预算为 321.02 万元，支出决算为 307.82 万元，完成年初预算的 95.89%" (95.89% is of 全年预算).
    expect(findings.map((f) => f.rule)).toEqual(['final.completion-rate']);
    // 基本支出决算表 302 = 10.23 while its 款 add up to 10.22: a rounding difference of 万元, reported as such.
    expect(checkDocument(doc, { catalogs }).some((f) => f.rule === 'arithmetic.hierarchy' && f.severity === 'info' && /302/.test(f.message))).toBe(true);
  }, 60_000);
});

describe.skipIf(!existsSync(DOCS + PLANNING))('上海市普陀区规划和自然资源局 2024 年度部门决算', () => {
  it('收入支出决算总表 (p. 7), 一般公共预算财政拨款支出决算表 (pp. 14–15), “三公”经费支出决算表 (p. 17) and 基本支出决算表 (p. 16), by hand', async () => {
    const doc = await read(PLANNING);
    expect(doc.meta).toMatchObject({ kind: 'final', year: 2024, entity: { name: '上海市普陀区规划和自然资源局' } });
    expect(doc.tables.map((t) => t.id).sort()).toEqual([...FINAL_TABLE_ORDER].sort());
    expect(cells(doc, 'summary', 'income.fiscal.general')).toEqual({ amount: wan('9746.50') });
    expect(cells(doc, 'summary', 'income.current')).toEqual({ amount: wan('9746.50') });
    expect(cells(doc, 'summary', 'income.carryover')).toEqual({ amount: wan('112.88') });
    expect(cells(doc, 'summary', 'income.total')).toEqual({ amount: wan('9859.38') });
    expect(cells(doc, 'summary', 'expenditure.212')).toEqual({ total: wan('3845.25') });
    expect(cells(doc, 'summary', 'expenditure.220')).toEqual({ total: wan('4461.67') });
    expect(cells(doc, 'summary', 'expenditure.current')).toEqual({ total: wan('9759.38') });
    expect(cells(doc, 'summary', 'expenditure.carry-forward')).toEqual({ total: wan('100.00') });
    expect(cells(doc, 'summary', 'expenditure.total')).toEqual({ total: wan('9859.38') });

    expect(cells(doc, 'general-function', '2120101')).toEqual({ total: wan('1092.80'), basic: wan('1084.02'), project: wan('8.77') });
    expect(cells(doc, 'general-function', '2200199')).toEqual({ total: wan('45.00'), basic: 0, project: wan('45.00') });
    // p. 14 ends with "22102" alone; its name and numbers are the first line of p. 15.
    expect(cells(doc, 'general-function', '22102')).toEqual({ total: wan('461.08'), basic: wan('461.08'), project: 0 });
    expect(cells(doc, 'general-function', 'total')).toEqual({ total: wan('9746.50'), basic: wan('5364.75'), project: wan('4381.74') });

    expect(cells(doc, 'three-public', 'budget')).toEqual({ total: wan('2.85'), abroad: 0, vehicle: 0, 'vehicle-purchase': 0, 'vehicle-operation': 0, reception: wan('2.85') });
    expect(cells(doc, 'three-public', 'final')).toEqual({ total: wan('0.39'), abroad: 0, vehicle: 0, 'vehicle-purchase': 0, 'vehicle-operation': 0, reception: wan('0.39') });

    expect(cells(doc, 'general-basic-economic', '30217')).toEqual({ total: wan('0.39'), public: wan('0.39') });
    expect(cells(doc, 'general-basic-economic', '31002')).toEqual({ total: wan('39.76'), public: wan('39.76') });
    expect(cells(doc, 'general-basic-economic', '30302')).toEqual({ total: wan('67.96'), personnel: wan('67.96') });
    expect(cells(doc, 'general-basic-economic', 'total')).toEqual({ personnel: wan('4884.09'), public: wan('480.66'), total: wan('5364.75') });
  }, 60_000);

  it('closes every identity of its tables (the 1-分 differences are 万元 rounding, info)', async () => {
    const doc = await read(PLANNING);
    expect(identityErrors(doc)).toEqual([]);
    // p. 22, 六: "一般公共预算财政拨款基本支出 5377.64 万元。其中：人员经费 4896.98 万元" — the 基本支出 of all funds (支出决算表),
    // not of 一般公共预算财政拨款 (5364.75, 人员经费合计 4884.09); p. 21, 结构: 卫生健康支出（类）236.63 where the table has 236.64.
    const stated = checkDocument(doc, { catalogs }).filter((f) => f.rule === 'final.stated-total');
    expect(stated.map((f) => [f.severity, f.actual, f.expected])).toEqual([
      ['error', '5377.64', '5364.75'],
      ['error', '4896.98', '4884.09'],
      ['warning', '236.63', '236.64'],
    ]);
    // 年初 + 收入 − 支出 = 年末 in total: 112.88 + 9746.50 − 9759.38 = 100.00; with 90.00 printed instead, an error.
    const balance = (d: Doc) => checkDocument(d, { catalogs }).filter((f) => f.severity === 'error' && /年末结转和结余 = 年初结转和结余/.test(f.message));
    expect(balance(doc)).toEqual([]);
    const wrong = structuredClone(doc);
    wrong.tables.find((t) => t.id === 'summary')!.rows.find((r) => r.key === 'expenditure.carry-forward')!.cells.total = wan('90.00');
    expect(balance(wrong).length).toBe(1);
  }, 60_000);

  it('check --budget with another entity’s budget says so and compares nothing', async () => {
    const doc = await read(PLANNING);
    const budget = await read('sh-putuo-wanli-2024-dept-budget.pdf');
    const findings = checkDocument(doc, { catalogs, budget }).filter((f) => f.rule.startsWith('final.budget'));
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['final.budget-document', 'warning']]);
    expect(findings[0]!.message).toContain('上海市普陀区人民政府万里街道办事处');
  }, 60_000);
});

describe.skipIf(!existsSync(DOCS + SOCIAL))('publishing a read 决算', () => {
  it('prints the 决算 tables under their own titles and column words, in the template’s order; its PDF reads back to the same cells', async () => {
    const doc = await read(SOCIAL);
    const options = { catalogs, force: true, created: '2026-01-01T00:00:00Z' };
    const html = new TextDecoder().decode((await publishFormat('html', doc, options)).bytes);
    const titles = FINAL_TABLE_ORDER.map((id) => html.indexOf(FINAL_TABLE_NAMES[id]));
    expect(titles.every((i) => i > 0)).toBe(true);
    expect([...titles].sort((a, b) => a - b)).toEqual(titles);
    for (const word of ['本年收入合计', '本年支出合计', '年初结转和结余', '公务用车运行维护费', '决算数']) expect(html).toContain(word);
    const datapackage = new TextDecoder().decode((await publishFormat('datapackage', doc, options)).bytes);
    expect(datapackage).toContain('收入支出决算总表');
    expect(datapackage).not.toContain('财务收支预算总表');
    const pdf = await publishFormat('pdf', doc, options);
    const back = await readAnyDocument(pdf.bytes, { fileName: 'published.pdf', catalogs, requireAllTables: false });
    expect(back.meta.kind).toBe('final');
    expect(cellsCsv(back).split('\n').sort()).toEqual(cellsCsv(doc).split('\n').sort());
  }, 120_000);
});

describe.skipIf(!existsSync(DOCS + TEMPLATE))('部门决算模板 (template-dept-final-accounts.pdf)', () => {
  it('reads all nine tables of headers and 科目 rows, without a figure', async () => {
    const doc = await read(TEMPLATE);
    expect(doc.meta.kind).toBe('final');
    expect(doc.tables.map((t) => t.id).sort()).toEqual([...FINAL_TABLE_ORDER].sort());
    expect(doc.tables.flatMap((t) => t.rows.flatMap((r) => Object.values(r.cells)))).toEqual([]);
    expect(doc.tables.find((t) => t.id === 'income')!.rows.map((r) => r.key)).toEqual(['total', '205', '20502', '2050205', '207', '20799']);
    expect(doc.tables.find((t) => t.id === 'general-basic-economic')!.rows.filter((r) => r.code).length).toBe(65);
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});
