/**
 * XLSX publishing and import, against the seeds' hand-transcribed cells
 * (fixtures/expected/*.cells.csv): our own workbook, a workbook typed by hand in the same layout,
 * and workbooks LibreOffice made from the HTML page; the workbook's layout as a reader sees it;
 * exact amounts; bad workbooks with their located Chinese errors; the CLI.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SEED_000, SEED_003, exampleBytes, fixture, importBytes } from './helpers.js';
import { carried, handTypedWorkbook, readXlsx, roundTrip, xlsxError } from './xlsx-helpers.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { documentXlsx } from '../src/publish/xlsx/workbook.js';
import { publishFormat } from '../src/publish/index.js';
import { readAnyDocument } from '../src/read/index.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { generateDocument } from '../src/synth/generate.js';
import type { BudgetDocument } from '../src/model/document.js';

const doc000 = importBytes(exampleBytes(SEED_000), SEED_000);
const doc003 = importBytes(exampleBytes(SEED_003), SEED_003);
const SEEDS: [string, BudgetDocument][] = [
  ['000', doc000],
  ['003', doc003],
];

async function workbookOf(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  return wb;
}

async function edited(doc: BudgetDocument, edit: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = await workbookOf(await documentXlsx(doc));
  edit(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe('the seeds published to XLSX and read back', () => {
  for (const [name, doc] of SEEDS) {
    it(`${name}: gives the hand-transcribed cells`, async () => {
      expect(cellsCsv(await roundTrip(doc))).toBe(fixture(`expected/${name}.cells.csv`));
    });

    it(`${name}: gives back the whole document (tables, metadata, narrative, figures, notes)`, async () => {
      const back = await roundTrip(doc);
      expect(carried(back)).toEqual(carried(doc));
      expect(back.meta.source).toEqual({ layout: 'xlsx', fileName: 'test.xlsx' });
    });

    it(`${name}: is a fixpoint after one round, origins included`, async () => {
      const once = await roundTrip(doc);
      expect(await roundTrip(once)).toEqual(once);
    });
  }

  it('003: every amount cell says where it is in the workbook', async () => {
    const back = await roundTrip(doc003);
    const row = back.tables.find((t) => t.id === 'income')!.rows.find((r) => r.key === '2080109' || r.key === '2101399')!;
    expect(row.key).toBe('2101399');
    // 收入预算总表: title, 编制单位, the 项目 | 收入预算 band and two header rows, then 208 on row 6 … 2101399 is the 13th row (row 18).
    expect(row.cellOrigins?.other).toEqual({ sheet: '收入预算总表', cell: 'I18' });
  });
});

describe('real PDFs of other layouts (浙江, 福建, 上海市级) through XLSX', () => {
  const REAL = ['sh-putuo-wanli-2025-dept-budget', 'sh-municipal-finance-bureau-2025-unit-budget', 'zj-hangzhou-justice-2026-dept-budget', 'fj-fuzhou-medinsurance-2026-dept-budget'];
  /** As in pdf.test.ts: tables the hand transcription maps otherwise (fixtures/pdf-expected/NOTES.md). */
  const NOT_COMPARED: Record<string, RegExp> = { 'zj-hangzhou-justice-2026-dept-budget': /^income,/, 'fj-fuzhou-medinsurance-2026-dept-budget': /^income,|^summary,income\.fiscal,/ };
  const lines = (csv: string) => csv.trim().split('\n').slice(1);
  for (const name of REAL) {
    it(`${name}: the hand-transcribed cells, and the whole document (科目 by name, extra tables) back`, async () => {
      const pdf = await readAnyDocument(new Uint8Array(readFileSync(new URL(`../examples/pdf/${name}.pdf`, import.meta.url))), { catalogs: builtinCatalogs() });
      const back = await roundTrip(pdf);
      const expected = lines(fixture(`pdf-expected/${name}.cells.csv`)).filter((l) => !NOT_COMPARED[name]?.test(l));
      const tables = new Set(expected.map((l) => l.split(',')[0]));
      expect(lines(cellsCsv(back)).filter((l) => tables.has(l.split(',')[0]!) && !NOT_COMPARED[name]?.test(l))).toEqual(expected);
      expect(carried(back, pdf)).toEqual(carried(pdf));
    });
  }
});

describe('the workbook as a spreadsheet user sees it', () => {
  it('000: sheets named in Chinese, tables first, then 说明文字, 文档信息, 导入说明 and cells', async () => {
    const wb = await workbookOf(await documentXlsx(doc000));
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      '财务收支预算总表',
      '收入预算总表',
      '支出预算总表',
      '财政拨款收支预算总表',
      '一般公共预算支出功能分类预算表',
      '政府性基金预算支出功能分类预算表',
      '国有资本经营预算支出功能分类预算表',
      '一般公共预算基本支出部门预算经济分类预算表',
      '“三公”经费和机关运行经费预算表',
      '说明文字',
      '文档信息',
      'cells',
    ]);
  });

  it('000 收入预算总表: title, 编制部门 and 单位, the 项目 | 收入预算 band over a merged two-row header, codes as text, amounts as numbers', async () => {
    const ws = (await workbookOf(await documentXlsx(doc000))).getWorksheet('收入预算总表')!;
    expect(ws.getCell('A1').value).toBe('2025年部门收入预算总表');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['A1:I1', 'A3:D3', 'E3:I3', 'A4:C4', 'D4:D5', 'E4:E5', 'I4:I5']));
    // The seed prints “编制部门：” over its tables (a department's document) and the band “项目 | 收入预算”.
    expect(ws.getCell('A2').value).toBe('编制部门：上海市闵行区医疗保障局（汇总）');
    expect([ws.getCell('A3').value, ws.getCell('E3').value]).toEqual(['项目', '收入预算']);
    expect(ws.getCell('I2').value).toBe('单位：元');
    expect([ws.getCell('A4').value, ws.getCell('D4').value, ws.getCell('E4').value, ws.getCell('F4').value]).toEqual(['功能分类科目编码', '功能分类科目名称', '合计', '财政拨款收入']);
    expect([ws.getCell('A5').value, ws.getCell('B5').value, ws.getCell('C5').value]).toEqual(['类', '款', '项']);
    // Row 8: 208 01 09 社会保险经办机构 8,331,275 (the document prints whole 元 here).
    expect([ws.getCell('A8').value, ws.getCell('B8').value, ws.getCell('C8').value, ws.getCell('D8').value]).toEqual(['208', '01', '09', '社会保险经办机构']);
    expect(ws.getCell('D8').alignment.indent).toBe(2);
    expect(ws.getCell('E8').value).toBe(8331275);
    expect(ws.getCell('E8').numFmt).toBe('#,##0');
    expect(ws.getCell('G8').value).toBe(0);
    expect(ws.getCell('A30').value).toBe('合计');
    expect(ws.getCell('E30').value).toBe(257801271);
  });

  it('000 收入预算总表: frozen below the header and beside the names; A4 landscape, one page wide, header rows repeated', async () => {
    const ws = (await workbookOf(await documentXlsx(doc000))).getWorksheet('收入预算总表')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 4 });
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '3:5' });
    expect(ws.pageSetup.margins).toMatchObject({ left: 0.5, right: 0.5 });
  });

  it('“三公” table in 万元 with 0.00; 003 财务收支预算总表 in 元 with #,##0.00', async () => {
    const t3 = (await workbookOf(await documentXlsx(doc000))).getWorksheet('“三公”经费和机关运行经费预算表')!;
    expect(t3.getCell('G2').value).toBe('单位：万元');
    // Three header rows (3–5), then 1.00 0.00 1.00 0.00 0.00 0.00 184.19 on row 6.
    expect([1, 2, 3, 4, 5, 6, 7].map((c) => t3.getCell(6, c).value)).toEqual([1, 0, 1, 0, 0, 0, 184.19]);
    expect(t3.getCell('G6').numFmt).toBe('0.00');
    const s = (await workbookOf(await documentXlsx(doc003))).getWorksheet('财务收支预算总表')!;
    expect([s.getCell('A5').value, s.getCell('B5').value, s.getCell('C5').value]).toEqual(['一、财政拨款收入', 60676322.53, '一、一般公共服务支出']);
    expect(s.getCell('B5').numFmt).toBe('#,##0.00');
  });

  it('the cells sheet is cells.md with amounts as numbers in 元', async () => {
    const ws = (await workbookOf(await documentXlsx(doc000))).getWorksheet('cells')!;
    expect(ws.getRow(1).values).toEqual([undefined, 'table', 'row', 'column', 'amount']);
    expect(ws.getRow(2).values).toEqual([undefined, 'summary', 'income.fiscal', 'amount', 257801271]);
    expect(ws.rowCount).toBe(fixture('expected/000.cells.csv').trim().split('\n').length);
  });

  it('publishFormat writes it as an .xlsx file', async () => {
    const f = await publishFormat('xlsx', doc003, { catalogs: builtinCatalogs() });
    expect(f.name).toBe('budget.xlsx');
    expect(f.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(cellsCsv(await readXlsx(f.bytes))).toBe(fixture('expected/003.cells.csv'));
  });
});

describe('amounts are exact', () => {
  const base = generateDocument({ seed: 7, scope: 'unit' });
  const withCell = (table: string, row: string, column: string, fen: number): BudgetDocument => {
    const doc = structuredClone(base);
    doc.tables.find((t) => t.id === table)!.rows.find((r) => r.key === row)!.cells[column] = fen;
    return doc;
  };

  it('a 万元 amount of 1 分 is written with six decimals and read back as 1 分', async () => {
    const doc = withCell('three-public', 'budget', 'vehicle-purchase', 1);
    const ws = (await workbookOf(await documentXlsx(doc))).getWorksheet('“三公”经费和机关运行经费预算表')!;
    expect(ws.getCell('E6').value).toBe(0.000001);
    expect(ws.getCell('E6').numFmt).toBe('0.000000');
    expect((await roundTrip(doc)).tables.find((t) => t.id === 'three-public')!.rows[0]!.cells['vehicle-purchase']).toBe(1);
  });

  it('an amount no double holds to the 分 is written as its exact text and read back exactly', async () => {
    const fen = 9_007_199_254_740_991; // 90,071,992,547,409.91 元
    const doc = withCell('income', 'total', 'other', fen);
    const ws = (await workbookOf(await documentXlsx(doc))).getWorksheet('收入预算总表')!;
    const total = ws.getColumn(1).values.findIndex((v) => v === '合计');
    expect(ws.getCell(total, 9).value).toBe('90071992547409.91');
    expect((await roundTrip(doc)).tables.find((t) => t.id === 'income')!.rows.find((r) => r.key === 'total')!.cells.other).toBe(fen);
  });
});

describe('workbooks typed by hand in the standard layout', () => {
  for (const [name, doc] of SEEDS) {
    it(`${name}: sheets 表1…, no merges, amounts as text, numbers or 0, 款 as numbers, a table over two sheets → the hand-transcribed cells`, async () => {
      const back = await readXlsx(await handTypedWorkbook(doc), `${name}-hand.xlsx`);
      expect(cellsCsv(back)).toBe(fixture(`expected/${name}.cells.csv`));
    });
  }

  it('without 文档信息 or a cover, the metadata comes from the titles and the 编制单位 line, and the import says so', async () => {
    const m003 = await readXlsx(await handTypedWorkbook(doc003));
    expect(m003.meta).toMatchObject({ year: 2025, kind: 'budget', scope: 'unit', level: 'district', region: '上海市松江区', entity: { name: '上海市松江区医疗保险事务中心', code: '157002' }, title: '上海市松江区医疗保险事务中心2025年单位预算' });
    expect(m003.notes.map((n) => n.message).join('\n')).toContain('文件标题“上海市松江区医疗保险事务中心2025年单位预算”是据此拟定的');
    const m000 = await readXlsx(await handTypedWorkbook(doc000));
    expect(m000.meta).toMatchObject({ year: 2025, scope: 'department', region: '上海市闵行区', entity: { name: '上海市闵行区医疗保障局' } });
    expect(m000.meta.entity.code).toBeUndefined();
  });

  it('a cover sheet with just the title: the title from it, the entity from the 编制单位 line', async () => {
    const wb = await workbookOf(await handTypedWorkbook(doc003));
    wb.addWorksheet('封面').getCell('B3').value = '上海市松江区2025年区级单位预算';
    const back = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(back.meta).toMatchObject({ title: '上海市松江区2025年区级单位预算', year: 2025, scope: 'unit', level: 'district', region: '上海市松江区', entity: { name: '上海市松江区医疗保险事务中心', code: '157002' } });
    expect(back.notes.some((n) => n.message.includes('拟定'))).toBe(false);
  });

  it('the table named only by its sheet is found; its note and the preparer in one cell with the unit are read', async () => {
    const back = await readXlsx(await handTypedWorkbook(doc000));
    expect(back.tables.find((t) => t.id === 'three-public')!.title).toBe('“三公”经费和机关运行经费预算表');
    expect(back.tables.find((t) => t.id === 'fund-function')!.note).toBe('注：本部门2025年无政府性基金预算安排的支出，故本表无数据。');
    expect(back.tables.find((t) => t.id === 'fiscal')!.preparer).toBe('上海市闵行区医疗保障局（汇总）');
  });

  it('a “三公” table without a 单位 line is read in 万元, and the import says it assumed so', async () => {
    const wb = await workbookOf(await handTypedWorkbook(doc003));
    wb.getWorksheet('“三公”经费和机关运行经费预算表')!.getCell('F1').value = null;
    const back = await readXlsx(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(back.tables.find((t) => t.id === 'three-public')!.rows[0]!.cells).toMatchObject({ total: 200_000, reception: 200_000, 'office-operation': 93_470_000 });
    expect(back.notes.find((n) => n.table === 'three-public')?.message).toContain('没有写明金额单位，按标准版式读作“万元”');
  });
});

describe('workbooks LibreOffice made from the HTML page (test/fixtures/xlsx-libreoffice, scripts/make-libreoffice-xlsx.ts)', () => {
  for (const name of ['000', '003']) {
    it(`${name}: all tables on one sheet → the hand-transcribed cells`, async () => {
      const back = await readAnyDocument(new Uint8Array(readFileSync(new URL(`./fixtures/xlsx-libreoffice/${name}.xlsx`, import.meta.url))), { catalogs: builtinCatalogs(), fileName: `${name}.xlsx` });
      expect(cellsCsv(back)).toBe(fixture(`expected/${name}.cells.csv`));
    });
  }

  it('000: the cover, narrative and figures come from the text rows, as from the text file', async () => {
    const back = await readAnyDocument(new Uint8Array(readFileSync(new URL('./fixtures/xlsx-libreoffice/000.xlsx', import.meta.url))), { catalogs: builtinCatalogs() });
    expect(back.meta).toMatchObject({ title: '闵行区2025年区级部门预算', year: 2025, scope: 'department', region: '上海市闵行区', entity: { name: '上海市闵行区医疗保障局' }, memberCounts: { administrative: 1, institution: 1 } });
    expect(back.meta.memberUnits.map((u) => u.name)).toEqual(['上海市闵行区医疗保障局本级', '上海市闵行区医疗保险事务中心']);
    const items = back.narrative.amounts.filter((a) => a.subject === 'item').map((a) => a.text);
    expect(items.slice(0, 3)).toEqual(['833.12万元', '22.36万元', '106.23万元']);
    expect(items).toHaveLength(15);
    expect(back.narrative.projects.map((p) => p.annualBudgetText)).toEqual(['21255.92万元', '2241万元']);
  });
});

describe('bad workbooks: a located Chinese error, nothing read', () => {
  it('a ZIP that is not a workbook (no xl/workbook.xml)', async () => {
    const bytes = Buffer.from(await documentXlsx(doc003));
    const renamed = new Uint8Array(Buffer.from(bytes.toString('latin1').replaceAll('xl/workbook.xml', 'xl/workbook.xmz'), 'latin1'));
    const e = await xlsxError(renamed, 'a.docx');
    expect(e.code).toBe('not-xlsx');
    expect(e.text).toContain('文件 a.docx：ZIP 压缩包中没有 xl/workbook.xml，不是 XLSX 工作簿');
    expect(e.hint).toContain('另存为 .xlsx');
  });

  it('a corrupt (truncated) workbook', async () => {
    const bytes = await documentXlsx(doc003);
    const e = await xlsxError(bytes.slice(0, Math.floor(bytes.length / 2)), 'cut.xlsx');
    expect(e.code).toBe('bad-xlsx');
    expect(e.message).toContain('XLSX 文件已损坏');
    expect(e.place.file).toBe('cut.xlsx');
  });

  it('a word in an amount cell: the sheet and the cell', async () => {
    const bytes = await edited(doc003, (wb) => (wb.getWorksheet('收入预算总表')!.getCell('F9').value = '七十四万'));
    const e = await xlsxError(bytes);
    expect(e.code).toBe('bad-number');
    expect(e.text).toBe('文件 bad.xlsx 工作表“收入预算总表” F9：2025年预算单位收入预算总表中的“七十四万”不是可识别的金额\n处理建议：金额应为数字，可带千分位逗号和最多两位小数（万元表最多六位）。');
  });

  it('an amount with more decimals than 分: reported, not rounded', async () => {
    const bytes = await edited(doc003, (wb) => (wb.getWorksheet('支出预算总表')!.getCell('E9').value = 740000.005));
    const e = await xlsxError(bytes);
    expect(e.place).toMatchObject({ sheet: '支出预算总表', cell: 'E9' });
    expect(e.message).toContain('金额“740,000.005”有 3 位小数');
  });

  it('a formula saved without its result', async () => {
    const bytes = await edited(doc003, (wb) => (wb.getWorksheet('支出预算总表')!.getCell('E9').value = { formula: 'SUM(E10:E12)' } as ExcelJS.CellFormulaValue));
    const e = await xlsxError(bytes);
    expect(e.code).toBe('formula-no-result');
    expect(e.text).toContain('工作表“支出预算总表” E9：单元格是公式（=SUM(E10:E12)），但文件中没有保存计算结果');
  });

  it('a workbook with no budget table', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').getCell('A1').value = '会议纪要';
    const e = await xlsxError(new Uint8Array(await wb.xlsx.writeBuffer()));
    expect(e.code).toBe('no-tables');
    expect(e.message).toContain('“Sheet1”');
  });

  it('a section kind the 说明文字 sheet does not know', async () => {
    const bytes = await edited(doc003, (wb) => (wb.getWorksheet('说明文字')!.getCell('C3').value = '杂项'));
    const e = await xlsxError(bytes);
    expect(e.place).toMatchObject({ sheet: '说明文字', cell: 'C3' });
    expect(e.message).toContain('类别“杂项”无法识别');
    expect(e.hint).toContain('预算编制说明');
  });

  it('a table twice is refused, with both places', async () => {
    const doc = structuredClone(doc003);
    doc.tables.push(structuredClone(doc.tables[1]!));
    const e = await xlsxError(await documentXlsx(doc));
    expect(e.code).toBe('duplicate-table');
    expect(e.message).toBe('2025年预算单位收入预算总表出现了两次：工作表“收入预算总表”A1 与工作表“收入预算总表（2）”A1');
  });

  it('a table missing its 合计 row is refused as cut off', async () => {
    const bytes = await edited(doc003, (wb) => wb.getWorksheet('支出预算总表')!.spliceRows(26, 1));
    const e = await xlsxError(bytes);
    expect(e.code).toBe('cut-off');
    expect(e.place.sheet).toBe('支出预算总表');
  });
});

describe('nothing is fixed: a total that does not add up is read as written, and check reports it at its cell', () => {
  it('003 收入预算总表 208 合计 changed', async () => {
    const bytes = await edited(doc003, (wb) => (wb.getWorksheet('收入预算总表')!.getCell('E6').value = 1258700));
    const back = await readXlsx(bytes);
    expect(back.tables.find((t) => t.id === 'income')!.rows.find((r) => r.key === '208')!.cells.total).toBe(125_870_000);
    const findings = checkDocument(back, { catalogs: builtinCatalogs() }).filter((f) => f.severity === 'error' && f.location.table === 'income' && f.location.row === '208');
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.some((f) => f.location.sheet === '收入预算总表' && f.location.cell === 'E6')).toBe(true);
  });
});

describe('budgetbook cells | json | check <file.xlsx>', () => {
  const root = new URL('..', import.meta.url).pathname;
  const home = mkdtempSync(join(tmpdir(), 'budgetbook-xlsx-'));
  const run = (...args: string[]) => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BUDGETBOOK_HOME: home } });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };

  it('reads a published workbook', async () => {
    const path = join(home, '003.xlsx');
    writeFileSync(path, await documentXlsx(doc003));
    const cells = run('cells', path);
    expect(cells.code).toBe(0);
    expect(cells.out).toBe(fixture('expected/003.cells.csv'));
    expect(JSON.parse(run('json', path).out).meta.source).toEqual({ layout: 'xlsx', fileName: path });
    const check = run('check', path);
    expect(check.out).toContain('上海市松江区医疗保险事务中心 2025 年单位预算');
  });

  it('a bad workbook: exit 2, the sheet and cell on stderr, nothing on stdout', async () => {
    const path = join(home, 'bad.xlsx');
    writeFileSync(path, await edited(doc003, (wb) => (wb.getWorksheet('收入预算总表')!.getCell('F9').value = 'abc')));
    const r = run('cells', path);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('工作表“收入预算总表” F9');
  });
});
