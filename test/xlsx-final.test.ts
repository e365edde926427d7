/**
 * A 部门决算 published as XLSX reads back as a 决算 with the same cells: the two real 普陀区 2024
 * 决算 PDFs (../shared/docs) read, published as a workbook and read again; and generated 决算
 * (src/synth/final.ts) over a few seeds.
 */
import { existsSync, readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import type { BudgetDocument } from '../src/model/document.js';
import { FINAL_TABLE_ORDER } from '../src/model/tables.js';
import { SHEET_NAMES } from '../src/model/workbook.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { documentXlsx } from '../src/publish/xlsx/workbook.js';
import { readAnyDocument } from '../src/read/index.js';
import { readXlsxDocument } from '../src/read/xlsx/import.js';
import { generateFinal } from '../src/synth/final.js';
import { generateDocument } from '../src/synth/generate.js';

const catalogs = builtinCatalogs();
const DOCS = new URL('../../shared/docs/', import.meta.url).pathname;
/** 万元 with two decimals → 分. */
const wan = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100) * 10_000;

async function viaXlsx(doc: BudgetDocument): Promise<BudgetDocument> {
  return readXlsxDocument(await documentXlsx(doc, { catalogs }), { fileName: 'final.xlsx', catalogs });
}
/** Each table's rows, in order, with their cells (what a workbook must give back). */
const rowsOf = (doc: BudgetDocument) => doc.tables.map((t) => ({ id: t.id, unit: t.unit, columns: t.columns, rows: t.rows.map((r) => ({ key: r.key, cells: r.cells })) }));
const cells = (doc: BudgetDocument, table: string, key: string) => doc.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key)?.cells;

const SOCIAL = 'sh-putuo-socialwork-2024-dept-final.pdf';
const PLANNING = 'sh-putuo-planning-2024-dept-final.pdf';

describe.skipIf(!existsSync(DOCS + SOCIAL) || !existsSync(DOCS + PLANNING))('普陀区 2024 决算 PDF → XLSX → read', () => {
  for (const file of [SOCIAL, PLANNING]) {
    it(`${file}: the workbook reads back to the PDF's cells`, async () => {
      const pdf = await readAnyDocument(new Uint8Array(readFileSync(DOCS + file)), { fileName: file, catalogs, requireAllTables: false });
      const back = await viaXlsx(pdf);
      expect(back.meta).toMatchObject({ kind: 'final', year: 2024, scope: pdf.meta.scope, entity: { name: pdf.meta.entity.name } });
      expect(back.tables.map((t) => t.id)).toEqual(pdf.tables.map((t) => t.id));
      expect(rowsOf(back)).toEqual(rowsOf(pdf));
      expect(cellsCsv(back)).toBe(cellsCsv(pdf));
      // Rows point at their sheet and cell.
      expect(back.tables[0]!.rows[0]!.origin).toMatchObject({ sheet: expect.any(String), cell: expect.stringMatching(/^[A-Z]+\d+$/) });
    }, 120_000);
  }

  it('figures by hand from the printed tables survive the workbook', async () => {
    const social = await viaXlsx(await readAnyDocument(new Uint8Array(readFileSync(DOCS + SOCIAL)), { fileName: SOCIAL, catalogs, requireAllTables: false }));
    // 支出决算表 p. 8: 20139 264.87 | 62.63 | 202.24; 2080505 wraps its name in the PDF.
    expect(cells(social, 'expenditure', '20139')).toEqual({ total: wan('264.87'), basic: wan('62.63'), project: wan('202.24') });
    expect(social.tables.find((t) => t.id === 'expenditure')!.rows.find((r) => r.key === '2080505')).toMatchObject({ label: '机关事业单位基本养老保险缴费支出', cells: { total: wan('6.18'), basic: wan('6.18') } });
    // 财政拨款收入支出决算总表 p. 10: 221 住房保障支出 29.42 under 合计 and 一般公共预算财政拨款.
    expect(cells(social, 'fiscal', 'expenditure.221')).toEqual({ total: wan('29.42'), general: wan('29.42') });
    // 基本支出决算表 p. 13: 人员经费合计 95.36, 公用经费合计 10.23.
    expect(cells(social, 'general-basic-economic', 'total')).toEqual({ personnel: wan('95.36'), public: wan('10.23'), total: wan('105.59') });
  }, 120_000);
});

describe('generated 决算 → XLSX → read', () => {
  for (const seed of [1, 7, 23, 101, 4242]) {
    it(`seed ${seed}: the same cells, as a 决算 with its nine tables`, async () => {
      const scope = seed % 2 === 0 ? ('unit' as const) : ('department' as const);
      const budget = generateDocument({ seed, scope, year: 2022 + (seed % 4), catalogs });
      const final = generateFinal({ budget, seed: seed * 7 + 1, catalogs });
      const back = await viaXlsx(final);
      expect(back.meta.kind).toBe('final');
      expect(back.meta.year).toBe(final.meta.year);
      expect(back.tables.map((t) => t.id)).toEqual([...FINAL_TABLE_ORDER]);
      expect(rowsOf(back)).toEqual(rowsOf(final));
      expect(cellsCsv(back)).toBe(cellsCsv(final));
    }, 60_000);
  }
});

describe('a 决算 workbook changed by hand', () => {
  const final = () => {
    const budget = generateDocument({ seed: 3, scope: 'department', year: 2024, catalogs });
    return generateFinal({ budget, seed: 22, catalogs });
  };
  async function edited(change: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await documentXlsx(final(), { catalogs })) as unknown as ArrayBuffer);
    change(wb);
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('without merged cells and without the 说明文字, 导入说明 and cells sheets: the same cells', async () => {
    const bytes = await edited((wb) => {
      for (const name of [SHEET_NAMES.narrative, SHEET_NAMES.notes, SHEET_NAMES.cells]) {
        const ws = wb.getWorksheet(name);
        if (ws) wb.removeWorksheet(ws.id);
      }
      for (const ws of wb.worksheets) for (const range of [...((ws.model as { merges?: string[] }).merges ?? [])]) ws.unMergeCells(range);
    });
    const check = new ExcelJS.Workbook();
    await check.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    expect(check.worksheets.every((ws) => ((ws.model as { merges?: string[] }).merges ?? []).length === 0)).toBe(true);
    const doc = final();
    const back = await readXlsxDocument(bytes, { fileName: 'typed.xlsx', catalogs });
    expect(back.meta.kind).toBe('final');
    expect(cellsCsv(back)).toBe(cellsCsv(doc));
  });

  it('a number under no column is refused at its sheet and cell', async () => {
    let sheet = '';
    let cell = '';
    const bytes = await edited((wb) => {
      const ws = wb.worksheets.find((w) => /^支出决算表/.test(w.name))!;
      sheet = ws.name;
      const row = ws.getRow(ws.rowCount);
      const target = row.getCell(row.cellCount + 6);
      target.value = 12.5;
      cell = target.address;
    });
    const err = await readXlsxDocument(bytes, { fileName: 'bad.xlsx', catalogs }).then(
      () => undefined,
      (e: unknown) => e as { code: string; message: string; place: { sheet?: string; cell?: string } },
    );
    expect(err?.code).toBe('bad-column');
    expect(err?.message).toMatch(/支出决算表中的“12.50?”不在任何一栏之下/);
    expect(err?.place.sheet).toBe(sheet);
    expect(err?.place.cell).toMatch(/^[A-Z]+\d+$/);
    expect(cell).toMatch(/^[A-Z]+\d+$/);
  });

  it('基本支出决算表 typed in two halves (人员经费 left, 公用经费 right), as the PDF prints it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('基本支出');
    const rows: (string | number | null)[][] = [
      ['2024年度一般公共预算财政拨款基本支出决算表'],
      ['编制部门：上海市普陀区某局', null, null, null, null, '单位：万元'],
      ['人员经费', null, null, '公用经费'],
      ['科目编码', '科目名称', '决算数', '科目编码', '科目名称', '决算数'],
      ['301', '工资福利支出', 95.36, '302', '商品和服务支出', 10.03],
      ['30102', '津贴补贴', 39.72, '30299', '其他商品和服务支出', 0.2],
      ['人员经费合计', null, 95.36, '公用经费合计', null, 10.23],
    ];
    rows.forEach((r) => {
      const row = ws.addRow(r);
      row.eachCell((c) => {
        if (typeof c.value === 'number') c.numFmt = '#,##0.00';
      });
    });
    const back = await readXlsxDocument(new Uint8Array(await wb.xlsx.writeBuffer()), { fileName: 'halves.xlsx', catalogs, requireAllTables: false });
    expect(back.meta).toMatchObject({ kind: 'final', year: 2024 });
    expect(cells(back, 'general-basic-economic', '301')).toEqual({ total: wan('95.36'), personnel: wan('95.36') });
    expect(cells(back, 'general-basic-economic', '30299')).toEqual({ total: wan('0.20'), public: wan('0.20') });
    expect(cells(back, 'general-basic-economic', 'total')).toEqual({ personnel: wan('95.36'), public: wan('10.23'), total: wan('105.59') });
    expect(back.notes.filter((n) => /人员经费合计与公用经费合计/.test(n.message))).toHaveLength(1);
  });
});
