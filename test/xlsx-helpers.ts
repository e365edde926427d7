/**
 * XLSX test helpers: publish and read back; the document without what a workbook cannot carry
 * (where each value was read, the file it came from); and a workbook typed the way people type
 * them — built here with exceljs, independently of the publisher.
 */
import ExcelJS from 'exceljs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import type { BudgetDocument, BudgetTable, TableRow } from '../src/model/document.js';
import { formatYuanGrouped, formatWanyuan } from '../src/model/money.js';
import { documentXlsx } from '../src/publish/xlsx/workbook.js';
import { readXlsxDocument } from '../src/read/xlsx/import.js';

const catalogs = builtinCatalogs();

export async function readXlsx(bytes: Uint8Array, fileName = 'test.xlsx', requireAllTables = true): Promise<BudgetDocument> {
  return readXlsxDocument(bytes, { fileName, catalogs, requireAllTables });
}

export async function roundTrip(doc: BudgetDocument): Promise<BudgetDocument> {
  return readXlsx(await documentXlsx(doc));
}

/** The error a read throws, for assertions on its code, message and place. */
export async function xlsxError(bytes: Uint8Array, fileName = 'bad.xlsx') {
  try {
    await readXlsx(bytes, fileName);
  } catch (e) {
    const err = e as { code: string; message: string; place: { file?: string; sheet?: string; cell?: string }; hint: string; describe(): string };
    return { code: err.code, message: err.message, place: err.place, hint: err.hint, text: err.describe() };
  }
  throw new Error('read did not fail');
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).filter(([k]) => k !== 'origin' && k !== 'cellOrigins' && k !== 'location').map(([k, x]) => [k, strip(x)]));
  return v;
}

/**
 * What import(publish(x)) must give back of x: everything but where values were read (origins,
 * figure locations: the workbook is now where they are), the source file, and a table's `decimals`
 * where x states none (a workbook always prints some: its number format says how many).
 */
export function carried(doc: BudgetDocument, decimalsOf?: BudgetDocument) {
  const { source: _source, ...meta } = doc.meta;
  const tables = doc.tables.map((t) => {
    const keep = decimalsOf ? decimalsOf.tables.find((x) => x.id === t.id)?.decimals !== undefined : true;
    const { decimals, ...rest } = t;
    return strip(keep && decimals !== undefined ? { ...rest, decimals } : rest);
  });
  return { meta, tables, extraTables: strip(doc.extraTables), notes: strip(doc.notes), narrative: strip(doc.narrative) };
}

// ——— a workbook typed by hand ———

type Cell = string | number | null;

/** Header rows as people type them: spaces inside words, no merges (text in the first cell of a span). */
function headerRows(t: BudgetTable): Cell[][] {
  const names: Record<string, string> = { total: '合  计', fiscal: '财政拨款收入', business: '事业收入', operating: '事业单位经营收入', other: '其他收入', basic: '基本支出', project: '项目支出', personnel: '人员经费', public: '公用经费' };
  const cols = t.columns.map((c) => names[c] ?? c);
  switch (t.id) {
    case 'summary':
      return t.columns.includes('personnel')
        ? [['本年收入', null, '本年支出'], ['项  目', '预算数', '项  目', '合计', '人员经费', '公用经费', '项目支出']]
        : [['本年收入', null, '本年支出'], ['项  目', '预算数', '项  目', '预算数']];
    case 'fiscal':
      return [['财政拨款收入', null, '财政拨款支出'], ['项  目', '预算数', '项  目', '合计', '一般公共预算', '政府性基金预算', '国有资本经营预算']];
    case 'three-public':
      return [
        ['2025年“三公”经费预算数', null, null, null, null, null, '2025年机关运行经费预算数'],
        ['合计', '因公出国(境)费', '公务接待费', '公务用车购置及运行费'],
        [null, null, null, '小计', '购置费', '运行费'],
      ];
    case 'general-basic-economic':
      return [['项  目', null, '一般公共预算基本支出'], ['部门预算经济分类科目 编码', null, '经济分类科目名称', ...cols], ['类', '款']];
    default:
      return [['项  目', null, null, '收入预算'], ['功能分类科目编码', null, null, '功能分类科目名称', ...cols], ['类', '款', '项']];
  }
}

/** Amounts typed as text with thousands separators, as numbers, or (for blank cells) as 0, by table. */
type Style = 'text' | 'number' | 'zeros';

function amount(fen: number | undefined, unit: 'yuan' | 'wanyuan', style: Style): Cell {
  if (fen === undefined) return style === 'zeros' ? 0 : null;
  if (style === 'text') return unit === 'wanyuan' ? formatWanyuan(fen) : formatYuanGrouped(fen);
  return unit === 'wanyuan' ? fen / 1_000_000 : fen / 100;
}

function bodyRows(t: BudgetTable, style: Style): Cell[][] {
  const unit = t.unit;
  if (t.id === 'three-public') return [t.columns.map((c) => amount(t.rows[0]?.cells[c], unit, style))];
  if (t.id === 'summary' || t.id === 'fiscal') {
    const income = t.rows.filter((r) => r.key.startsWith('income.') && r.key !== 'income.total');
    const spend = t.rows.filter((r) => r.key.startsWith('expenditure.') && r.key !== 'expenditure.total');
    const expCols = t.columns.filter((c) => c !== 'amount');
    const side = (r: TableRow | undefined, cols: string[]): Cell[] => [r?.label ?? null, ...cols.map((c) => (r ? amount(r.cells[c], unit, style) : null))];
    const rows: Cell[][] = [];
    for (let i = 0; i < Math.max(income.length, spend.length); i++) rows.push([...side(income[i], ['amount']), ...side(spend[i], expCols)]);
    const total = (k: string) => t.rows.find((r) => r.key === k);
    rows.push([...side(total('income.total'), ['amount']), ...side(total('expenditure.total'), expCols)]);
    return rows;
  }
  const economic = t.id === 'general-basic-economic';
  return t.rows.map((r) => {
    const code = r.code ?? '';
    // 类 typed as a number; 款 and 项 as numbers too (Excel drops the leading 0: 05 → 5).
    const parts: Cell[] = r.code ? [Number(code.slice(0, 3)), code.length > 3 ? Number(code.slice(3, 5)) : null, code.length > 5 ? Number(code.slice(5, 7)) : null] : ['合 计', null, null];
    const codes = economic ? parts.slice(0, 2) : parts;
    return [...codes, r.code ? r.label ?? null : null, ...t.columns.map((c) => amount(r.cells[c], unit, style))];
  });
}

function put(ws: ExcelJS.Worksheet, rows: Cell[][], top: number, left = 1): number {
  rows.forEach((cells, i) => cells.forEach((v, j) => v !== null && (ws.getCell(top + i, left + j).value = v)));
  return top + rows.length;
}

/**
 * The nine tables of `doc` typed by hand: sheets named 表1…表9 with the title in the first row
 * (the “三公” table only by its sheet name), 编制单位 and 单位 in separate cells (or one), no
 * merges, header words spaced, amounts as text, numbers or 0 by table, 款/项 codes as numbers,
 * blank rows, one table starting in column B, the 收入 table split over two sheets, no 文档信息
 * or 说明文字 sheet.
 */
export async function handTypedWorkbook(doc: BudgetDocument): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const styles: Style[] = ['text', 'number', 'zeros'];
  doc.tables.forEach((t, i) => {
    const style = styles[i % 3]!;
    const left = t.id === 'general-basic-economic' ? 2 : 1;
    const byName = t.id === 'three-public';
    const ws = wb.addWorksheet(byName ? '“三公”经费和机关运行经费预算表' : `表${i + 1}`);
    let r = 1;
    if (!byName) ws.getCell(r++, left).value = t.title;
    const unit = `单位：${t.unit === 'wanyuan' ? '万元' : '元'}`;
    if (t.id === 'fiscal') ws.getCell(r++, left).value = `编制单位：${t.preparer}    ${unit}`;
    else {
      ws.getCell(r, left).value = `编制单位：${t.preparer}`;
      ws.getCell(r++, left + 5).value = unit;
    }
    r++; // a blank row
    r = put(ws, headerRows(t), r, left);
    const body = bodyRows(t, style);
    if (t.id !== 'income') {
      r = put(ws, body, r, left);
      if (t.note) ws.getCell(r + 1, left).value = t.note;
      return;
    }
    const half = Math.ceil(body.length / 2);
    put(ws, body.slice(0, half), r, left);
    const rest = wb.addWorksheet(`表${i + 1}（续）`);
    rest.getCell(1, 1).value = `${t.title}（续）`;
    rest.getCell(2, 1).value = unit;
    put(rest, body.slice(half), put(rest, headerRows(t), 3));
  });
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
