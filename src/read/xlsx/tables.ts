/**
 * Finding the tables in a workbook: a table starts at a row holding just its title (confirmed by
 * a 单位 or 编制单位 cell or a row of several cells below it, so a contents list is not taken for
 * tables), or, on a sheet without one, the sheet's name says which table it is. It runs to the
 * next title or narrative heading. Several tables may share a sheet (a page saved from HTML), and
 * a table may go on over a second sheet ("（续）"): its rows join the first part's. Rows outside
 * tables are text: the cover and the narrative of a workbook that has no 说明文字 sheet.
 */
import type { ExtraTable, Origin } from '../../model/document.js';
import type { MoneyUnit } from '../../model/money.js';
import { isCodeTable, type TableId } from '../../model/tables.js';
import type { DraftTable, RowContext } from '../draft.js';
import { ImportError } from '../errors.js';
import { parseFinalTable } from '../final/table.js';
import { isDataRow, parseGridTable, type GridRowInput } from '../grid-table.js';
import type { Line } from '../text/segment.js';
import { headingKind } from '../narrative/headings.js';
import { isTableNote } from '../text/table-lines.js';
import { isExtraTableTitle, isTableNumberLine, isTotalLabel, preparerOfLine, tableIdOfTitle, unitOfLine } from '../titles.js';
import type { SheetCell, SheetData, SheetRow } from './workbook.js';

export interface TablePart {
  id: TableId;
  title: string;
  sheet: string;
  /** Where the title is (the sheet's first cell when the sheet name gave the table). */
  at: string;
  rows: SheetRow[];
  unit?: MoneyUnit;
  preparer?: string;
  notes: string[];
  /** Text rows under the table that are not its note: a 表下说明 of the narrative. */
  trailing: SheetRow[];
  /** A data row has been seen (rows before it are the header). */
  started?: boolean;
}

export interface ExtraPart {
  title: string;
  sheet: string;
  at: string;
  rows: SheetRow[];
}

export interface SheetParts {
  tables: TablePart[];
  extras: ExtraPart[];
  text: SheetRow[];
}

const filled = (r: SheetRow): SheetCell[] => r.cells.filter((c) => c.text !== '');

/** The row's only text, when it has one cell filled (a title, a note, a paragraph). */
function single(r: SheetRow): string | undefined {
  const f = filled(r);
  return f.length === 1 ? f[0]!.text : undefined;
}

/** "收入预算总表（续）", "收入预算总表 (2)" → the table's title. */
export function withoutContinuation(title: string): string {
  return title.replace(/\s*[（(]\s*(续|续表|\d+)\s*[)）]\s*$|\s*续表?$/, '').trim();
}

const titleId = (text: string | undefined) => (text ? tableIdOfTitle(withoutContinuation(text)) : undefined);

function isFrameCell(text: string): boolean {
  return /[：:]/.test(text) && Boolean(unitOfLine(text) || preparerOfLine(text));
}

function confirms(rows: SheetRow[], from: number): boolean {
  for (const r of rows.slice(from, from + 8)) {
    if (filled(r).some((c) => isFrameCell(c.text) || /^编制(部门|单位)/.test(c.text))) return true;
    if (filled(r).length >= 2) return true;
    if (titleId(single(r))) return false;
  }
  return false;
}

/** Cells from the table's first used column on (a table may start in column B). */
function fromColumn(r: SheetRow, first: number): SheetCell[] {
  return r.cells.slice(first);
}

/** "编制单位：X单位：元" (two spans of an HTML page run together in one cell) → "编制单位：X 单位：元". */
const spacedUnit = (text: string) => text.replace(/(\S)(单位\s*[：:]\s*(万元|元)\s*)$/, '$1 $2');

function addRow(part: TablePart, row: SheetRow): void {
  const cells = row.cells.map((c) => {
    if (!isFrameCell(c.text)) return c;
    const text = spacedUnit(c.text);
    part.unit ??= unitOfLine(text);
    part.preparer ??= preparerOfLine(text);
    return { ...c, text: '', raw: '' };
  });
  const kept = { ...row, cells };
  const only = single(kept);
  if (filled(kept).length === 0) return;
  if (only !== undefined && isTableNote(only)) {
    part.notes.push(only);
    return;
  }
  const data = isDataRow(fromColumn(kept, firstColumn([kept])).map((c) => c.text), part.id);
  if (only !== undefined && part.started && !data) {
    part.trailing.push(kept);
    return;
  }
  part.started ||= data;
  part.rows.push(kept);
}

function firstColumn(rows: SheetRow[]): number {
  return Math.min(...rows.map((r) => r.cells.findIndex((c) => c.text !== '')).filter((i) => i >= 0));
}

/**
 * A sheet of one table whose title and sheet name are none of the standard ones ("表一", "Sheet3",
 * a new province's wording): its title row (a short row ending in 表, or a table number) and its
 * rows, for the classifier. Undefined when the sheet holds a table found by title.
 */
export function untitledSheet(sheet: SheetData, out: SheetParts): { title: string; titleRow: number; lines: string[][] } | undefined {
  if (out.tables.some((t) => t.sheet === sheet.name) || out.extras.some((x) => x.sheet === sheet.name)) return undefined;
  // Tables copied as read ("…-照录", "（按原表照录）"): kept whole, never one of the nine.
  if (/照录\d*$/.test(sheet.name) || sheet.rows.some((r) => r.cells.some((c) => /按原表照录/.test(c.text)))) return undefined;
  const titleRow = sheet.rows.slice(0, 3).findIndex((r) => {
    const t = single(r)?.replace(/\s+/g, '') ?? '';
    return t.length <= 48 && (/表([（(][^（）()]{0,12}[)）])?$/.test(t) || isTableNumberLine(t));
  });
  const title = titleRow >= 0 ? single(sheet.rows[titleRow]!)!.replace(/\s+/g, '') : sheet.name;
  return { title, titleRow, lines: sheet.rows.filter((_, i) => i !== titleRow).map((r) => filled(r).map((c) => c.text)) };
}

/** The tables, other tables and text rows of one sheet that is not a data sheet; `identified`: the sheet is that table (by its content). */
export function segmentSheet(sheet: SheetData, out: SheetParts, identified?: { id: TableId; title: string; titleRow: number }): void {
  const rows = sheet.rows;
  const byName = titleId(sheet.name);
  const titled = !identified && rows.some((r, i) => titleId(single(r)) && confirms(rows, i + 1));
  let part: TablePart | undefined;
  let extra: ExtraPart | undefined;
  const start = (id: TableId, title: string, at: string) => {
    part = { id, title: title.replace(/\s+/g, ''), sheet: sheet.name, at, rows: [], notes: [], trailing: [] };
    out.tables.push(part);
  };
  if (identified) start(identified.id, identified.title, rows[Math.max(identified.titleRow, 0)]?.cells[0]?.address ?? 'A1');
  else if (!titled && byName) start(byName, withoutContinuation(sheet.name), rows[0]?.cells[0]?.address ?? 'A1');
  rows.forEach((row, i) => {
    if (identified && i === identified.titleRow) return;
    const text = single(row);
    const id = titleId(text);
    if (id && confirms(rows, i + 1)) {
      extra = undefined;
      start(id, withoutContinuation(text!), filled(row)[0]!.address);
      return;
    }
    if (text && isExtraTableTitle(text) && confirms(rows, i + 1)) {
      part = undefined;
      extra = { title: text.replace(/\s+/g, ''), sheet: sheet.name, at: filled(row)[0]!.address, rows: [] };
      out.extras.push(extra);
      return;
    }
    if (text && headingKind(text, undefined)) part = extra = undefined;
    if (part) addRow(part, row);
    else if (extra) extra.rows.push(row);
    else out.text.push(row);
  });
}

/** Runs of rows, split where a header starts again after data rows (a continuation with its own header). */
function groupsOf(part: TablePart, file: string | undefined): GridRowInput[][] {
  if (part.rows.length === 0) return [];
  const first = firstColumn(part.rows);
  const groups: GridRowInput[][] = [];
  let current: GridRowInput[] = [];
  let inData = false;
  for (const r of part.rows) {
    const cells = fromColumn(r, first);
    const texts = cells.map((c) => c.text);
    const data = isDataRow(texts, part.id);
    if (!data && inData) {
      groups.push(current);
      current = [];
    }
    inData = data;
    const addressOf = (col: number) => cells[col]?.address ?? r.cells[0]!.address.replace(/^[A-Z]+/, columnName(first + col));
    current.push({
      cells: texts,
      numeric: cells.map((c) => c.numeric),
      origin: { sheet: part.sheet, cell: cells.find((c) => c.text)?.address ?? addressOf(0) },
      place: (col) => ({ file, sheet: part.sheet, cell: addressOf(col) }),
      cellOrigin: (col): Origin => ({ sheet: part.sheet, cell: addressOf(col) }),
    });
  }
  groups.push(current);
  return groups;
}

/** Column letters of a 0-based column index (0 → A, 26 → AA). */
function columnName(i: number): string {
  let n = i + 1;
  let s = '';
  while (n > 0) {
    s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** The part holds its table's total row (合计, or 收入总计 and 支出总计): a table goes on after it only as a duplicate. */
function hasTotal(part: TablePart): boolean {
  const first = firstColumn(part.rows);
  return part.rows.some((r) => {
    const texts = fromColumn(r, first).map((c) => c.text);
    if (!isDataRow(texts, part.id)) return false;
    if (part.id === 'three-public') return true;
    return isCodeTable(part.id) ? isTotalLabel(texts[0] ?? '') : texts.some((t) => /^(收入|支出)(总计|合计)$/.test(t.replace(/\s+/g, '')));
  });
}

export interface AssembledTable {
  draft: DraftTable;
  parts: TablePart[];
  /** The unit was not printed: read as the standard layout's. */
  unitAssumed: boolean;
  /** How the 决算 reader read the table (the economic table's 合计 from its two halves). */
  note?: string;
}

/** Parts of the same table joined in workbook order, each table read by the grid-table reader. */
export function assembleTables(parts: TablePart[], ctx: RowContext): AssembledTable[] {
  const byId = new Map<TableId, TablePart[]>();
  for (const p of parts) {
    const seen = byId.get(p.id);
    if (seen && seen.some(hasTotal) && p.rows.length > 0) {
      throw new ImportError(
        'duplicate-table',
        `${seen[0]!.title}出现了两次：工作表“${seen[0]!.sheet}”${seen[0]!.at} 与工作表“${p.sheet}”${p.at}`,
        { file: ctx.file, sheet: p.sheet, cell: p.at },
        '请删去重复的表；如果后一部分是续表，前一部分不应有合计行（合计行只在续表末尾）。',
      );
    }
    byId.set(p.id, [...(seen ?? []), p]);
  }
  return [...byId.values()].map((ps) => {
    const first = ps[0]!;
    const unit = ps.find((p) => p.unit)?.unit;
    const preparer = ps.find((p) => p.preparer)?.preparer;
    const notes = ps.flatMap((p) => p.notes);
    const final = ctx.kind === 'final' ? finalTableOf(ps, ctx, unit, preparer, notes) : undefined;
    const draft = final ? final.table : parseGridTable(
      {
        id: first.id,
        title: first.title,
        unit: unit ?? (first.id === 'three-public' ? 'wanyuan' : 'yuan'),
        groups: ps.flatMap((p) => groupsOf(p, ctx.file)),
        origin: { sheet: first.sheet, cell: first.at },
        ...(preparer ? { preparer } : {}),
        ...(notes.length > 0 ? { note: notes.join('\n') } : {}),
        lenientNames: true,
      },
      ctx,
    );
    assertComplete(draft, ps, ctx.file);
    return { draft, parts: ps, unitAssumed: unit === undefined, ...(final?.note ? { note: final.note } : {}) };
  });
}

/** Width of a column when a sheet row is given to the 决算 reader as positioned pieces (as it places markdown cells). */
const COLUMN_WIDTH = 100;

/**
 * A header typed without merged cells ("因公出国（境）费" above its 预算数 and 决算数, the cell to its
 * right left blank): each header cell covers the blank cells to its right, up to the next filled
 * cell of its row and within the cell above it. Header rows are those above the first number.
 * Nothing when the part has merged cells (they say the spans themselves).
 */
function unmergedSpans(rows: SheetRow[]): Map<number, number>[] {
  if (rows.some((r) => r.cells.some((c) => (c.span ?? 1) > 1))) return [];
  const firstData = rows.findIndex((r) => r.cells.some((c) => c.numeric || /^-?[\d,]*\d(\.\d+)?$/.test(c.text)));
  const header = firstData < 0 ? rows : rows.slice(0, firstData);
  const width = Math.max(...rows.map((r) => r.cells.length));
  let above: [number, number][] = [[0, width]];
  return header.map((r) => {
    const filled = r.cells.flatMap((c, i) => (c.text ? [i] : []));
    const spans = new Map<number, number>();
    const ranges: [number, number][] = [];
    filled.forEach((i, j) => {
      const parentEnd = above.find(([a, b]) => a <= i && i < b)?.[1] ?? width;
      const end = Math.min(filled[j + 1] ?? width, parentEnd);
      spans.set(i, end - i);
      ranges.push([i, end]);
    });
    above = ranges;
    return spans;
  });
}

/**
 * A 决算 table's parts read by the 决算 reader (read/final/table.ts), each row a line of pieces at
 * its cells' columns (a merged cell across the columns it covers), so that every number goes under
 * the header word above it, as in a PDF. Rows and errors point back to their sheet and cell.
 */
function finalTableOf(ps: TablePart[], ctx: RowContext, unit: MoneyUnit | undefined, preparer: string | undefined, notes: string[]): { table: DraftTable; note?: string } {
  const first = ps[0]!;
  const places = new Map<number, { sheet: string; cell: string }>();
  const lines: Line[] = ps.flatMap((p) => {
    const spans = unmergedSpans(p.rows);
    return p.rows.map((r, k) => {
      const cells = r.cells.map((c, i) => ({ c, i })).filter(({ c }) => c.text !== '');
      places.set(r.line, { sheet: p.sheet, cell: cells[0]?.c.address ?? p.at });
      const chunks = cells.map(({ c, i }) => ({ text: c.text, x0: i * COLUMN_WIDTH, x1: (i + (spans[k]?.get(i) ?? c.span ?? 1)) * COLUMN_WIDTH - 10 }));
      return { text: cells.map(({ c }) => c.text).join(' '), no: r.line, chunks } as Line;
    });
  });
  const block = { id: first.id, title: first.title, titleLine: ps[0]!.rows[0]?.line ?? 0, lines };
  let table: DraftTable;
  let note: string | undefined;
  try {
    ({ table, note } = parseFinalTable(block, ctx, { unit: unit ?? (first.id === 'three-public' ? 'wanyuan' : 'yuan'), ...(preparer ? { preparer } : {}) }));
  } catch (e) {
    if (!(e instanceof ImportError)) throw e;
    const at = e.place.line !== undefined ? places.get(e.place.line) : undefined;
    throw new ImportError(e.code, e.message, { file: ctx.file, ...(at ?? { sheet: first.sheet, cell: first.at }) }, e.hint);
  }
  for (const row of table.rows) {
    const at = row.origin.line !== undefined ? places.get(row.origin.line) : undefined;
    row.origin = at ?? { sheet: first.sheet, cell: first.at };
  }
  table.origin = { sheet: first.sheet, cell: first.at };
  if (notes.length > 0) table.note = notes.join('\n');
  return { table, ...(note ? { note } : {}) };
}

/** A table must end in its total row; one that stops before it was cut off. */
function assertComplete(table: DraftTable, parts: TablePart[], file?: string): void {
  const ok = isCodeTable(table.id)
    ? table.rows.some((r) => r.key === 'total')
    : table.id === 'three-public'
      ? table.rows.length > 0
      : table.rows.some((r) => r.key === 'expenditure.total') && table.rows.some((r) => r.key === 'income.total');
  if (ok) return;
  const last = parts[parts.length - 1]!;
  const lastRow = last.rows[last.rows.length - 1];
  throw new ImportError(
    'cut-off',
    `${table.title}不完整：${table.id === 'three-public' ? '没有数据行' : '缺少合计（总计）行'}`,
    { file, sheet: last.sheet, cell: lastRow ? filled(lastRow)[0]?.address : last.at },
    table.id === 'three-public' ? '请在表头下填写一行金额。' : '表格末行应为“合计”（收支总表为“收入总计”与“支出总计”）；如表被分在两个工作表，请确认续表完整。',
  );
}

/** A table with no standard counterpart, kept whole: header rows down to the first row with an amount. */
export function extraTableOf(part: ExtraPart): ExtraTable {
  const rows = part.rows.map((r) => {
    const cells = r.cells.map((c) => c.text);
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  const firstBody = rows.findIndex((cells) => cells.some((c) => /^-?[\d,]+\.\d+$|^-?\d{1,3}(,\d{3})+$/.test(c)));
  const split = firstBody < 0 ? rows.length : firstBody;
  return {
    title: part.title,
    headers: rows.slice(0, split),
    rows: rows.slice(split),
    origin: { sheet: part.sheet, cell: part.at },
    reason: '工作簿中的这张表没有对应的标准表（部门预算公开九张表之外），原样保留',
  };
}
