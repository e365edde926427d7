/**
 * One of the nine tables as a worksheet, drawn from the shared grid layout (layout/grid.ts):
 * title, 编制单位 and 单位 line, merged multi-row header, 科目 codes as text, names indented by
 * level, amounts as numbers with a number format, the note below; frozen below the header and set
 * up to print on A4 landscape, one page wide, header rows repeated.
 */
import type ExcelJS from 'exceljs';
import type { BudgetTable } from '../../model/document.js';
import { decimalsNeeded, fenToNumber, formatExact, type Fen, type MoneyUnit } from '../../model/money.js';
import { preparerWord, tableGrid, type GridCell, type GridOptions, type TableGrid } from '../layout/grid.js';
import type { ExtraTable } from '../../model/document.js';
import { extraRows } from '../layout/extras.js';
import { excelWorkbookClass } from '../packages.js';

/** ExcelJS's Workbook class alone (publish/packages.ts). */
export function excelWorkbook(): ExcelJS.Workbook {
  const Workbook = excelWorkbookClass();
  return new Workbook();
}

const THIN: Partial<ExcelJS.Border> = { style: 'thin', color: { argb: 'FF555555' } };
const BORDER: Partial<ExcelJS.Borders> = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } };
export const FONT: Partial<ExcelJS.Font> = { name: '宋体', size: 10 };
const BOLD: Partial<ExcelJS.Font> = { ...FONT, bold: true };

/**
 * One style object for all the cells of a sheet that look alike. ExcelJS turns a cell's style
 * into XML to find its number in styles.xml, for every cell — most of a workbook's time — unless
 * it has seen the same style object before. Frozen: a later change to one cell's style (cell.font
 * = …) throws instead of changing its look-alikes.
 */
const sheetStyles = new WeakMap<ExcelJS.Worksheet, Map<string, Partial<ExcelJS.Style>>>();
function styleOf(ws: ExcelJS.Worksheet, key: string, make: () => Partial<ExcelJS.Style>): Partial<ExcelJS.Style> {
  const styles = sheetStyles.get(ws) ?? sheetStyles.set(ws, new Map()).get(ws)!;
  let style = styles.get(key);
  if (!style) styles.set(key, (style = Object.freeze(make())));
  return style;
}

/** Rows above the header: the title, then 编制单位 and 单位. */
const TITLE_ROWS = 2;

/** Decimal places the table prints: as the document printed them, more where an amount needs them. */
function tableDecimals(t: BudgetTable, unit: MoneyUnit): number {
  const amounts = t.rows.flatMap((r) => Object.values(r.cells));
  return Math.max(t.decimals ?? 2, ...amounts.map((a) => decimalsNeeded(a, unit)));
}

export function numberFormat(unit: MoneyUnit, decimals: number): string {
  const frac = decimals > 0 ? '.' + '0'.repeat(decimals) : '';
  return unit === 'wanyuan' ? `0${frac}` : `#,##0${frac}`;
}

/** An amount as the cell's value: a number when a double holds it exactly, else its exact text. */
export function amountValue(fen: Fen, unit: MoneyUnit, decimals: number): number | string {
  return fenToNumber(fen, unit) ?? formatExact(fen, unit, decimals);
}

function columnWidths(grid: TableGrid, t: BudgetTable): number[] {
  return grid.columns.map((c, i) => {
    if (c.kind === 'code') return 6;
    const header = Math.max(0, ...grid.header.filter((h) => h.col === i && h.colspan === 1).map((h) => h.text.length));
    if (c.kind === 'number') {
      const longest = Math.max(0, ...grid.body.map((r) => r.cells[i]?.text.length ?? 0));
      return Math.max(12, longest + 3, Math.min(18, header * 2 + 2));
    }
    return Math.min(60, Math.max(c.width, header, t.id === 'three-public' ? 0 : 8) * 2 + 2);
  });
}

/** Header rows tall enough for the words wrapped in their (merged) cells: about two width units a character. */
function headerHeights(grid: TableGrid, widths: number[]): number[] {
  const lines = Array.from({ length: grid.headerRows }, () => 1);
  for (const h of grid.header) {
    const width = widths.slice(h.col, h.col + h.colspan).reduce((a, b) => a + b, 0);
    const need = Math.ceil((h.text.length * 2) / Math.max(1, width - 1));
    const per = Math.ceil(need / h.rowspan);
    for (let r = h.row; r < h.row + h.rowspan; r++) lines[r] = Math.max(lines[r]!, per);
  }
  return lines.map((n) => 8 + 13 * n);
}

/** The merged, shaded header rows of a grid from row `top` (also the portal's tables, view-sheet.ts). */
export function drawHeader(ws: ExcelJS.Worksheet, grid: TableGrid, top: number, widths: number[]): void {
  const width = grid.columns.length;
  const heights = headerHeights(grid, widths);
  for (let r = 0; r < grid.headerRows; r++) {
    const row = ws.getRow(top + r);
    row.height = heights[r]!;
    for (let c = 1; c <= width; c++) row.getCell(c).style = styleOf(ws, 'header', () => ({ fill: HEADER_FILL, border: BORDER, font: BOLD, alignment: { horizontal: 'center', vertical: 'middle', wrapText: true } }));
  }
  for (const h of grid.header) {
    ws.getCell(top + h.row, h.col + 1).value = h.text;
    if (h.rowspan > 1 || h.colspan > 1) ws.mergeCells(top + h.row, h.col + 1, top + h.row + h.rowspan - 1, h.col + h.colspan);
  }
}

/** One body cell of a grid: a number with its format, a code centred, a name indented by level. */
export function drawCell(cell: ExcelJS.Cell, g: GridCell, unit: MoneyUnit, decimals: number, format: string, total: boolean): void {
  const font = total ? BOLD : FONT;
  if (g.kind === 'number') {
    cell.style = styleOf(cell.worksheet, `number ${total} ${format}`, () => ({ border: BORDER, font, alignment: { horizontal: 'right' }, numFmt: format }));
    if (g.amount !== undefined) cell.value = amountValue(g.amount, unit, decimals);
    return;
  }
  const alignment: Partial<ExcelJS.Alignment> | undefined = g.kind === 'code' ? { horizontal: 'center' } : g.kind === 'name' ? { horizontal: 'left', indent: g.level ?? 0 } : undefined;
  cell.style = styleOf(cell.worksheet, `${g.kind} ${total} ${g.kind === 'name' ? (g.level ?? 0) : ''}`, () => ({ border: BORDER, font, ...(alignment ? { alignment } : {}) }));
  // A name the source did not print stays blank, as the data the workbook carries (it reads back
  // to the same document); a comment on the cell gives the name and where it comes from.
  if (g.filled) cell.note = `原表未印科目名称；据${g.filled}，应为“${g.text.replace(/\*$/, '')}”`;
  else if (g.text) cell.value = g.text;
}

export interface SheetOptions extends Pick<GridOptions, 'fillName' | 'band'> {
  scope?: 'department' | 'unit';
}

/** Draws table `t` on `ws`. */
export function drawTableSheet(ws: ExcelJS.Worksheet, t: BudgetTable, options: SheetOptions = {}): void {
  const grid = tableGrid(t, { zeros: true, ...(options.fillName ? { fillName: options.fillName } : {}), band: options.band ?? false });
  const width = grid.columns.length;
  const decimals = tableDecimals(t, grid.unit);
  const format = numberFormat(grid.unit, decimals);
  ws.getCell(1, 1).value = t.title;
  ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { ...BOLD, size: 16 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 30;
  if (t.preparer) ws.getCell(2, 1).value = `${preparerWord(options.scope)}：${t.preparer}`;
  if (width > 2) ws.mergeCells(2, 1, 2, width - 1);
  ws.getCell(2, width).value = `单位：${grid.unit === 'wanyuan' ? '万元' : '元'}`;
  ws.getCell(2, width).alignment = { horizontal: 'right' };
  ws.getRow(2).font = FONT;
  const top = TITLE_ROWS + 1;
  const widths = columnWidths(grid, t);
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  drawHeader(ws, grid, top, widths);
  let r = top + grid.headerRows;
  for (const row of grid.body) {
    const xrow = ws.getRow(r++);
    row.cells.forEach((g, i) => drawCell(xrow.getCell(i + 1), g, grid.unit, decimals, format, row.total));
  }
  for (const line of t.note?.split('\n') ?? []) {
    ws.getCell(r, 1).value = line;
    ws.mergeCells(r, 1, r, width);
    ws.getCell(r, 1).alignment = { wrapText: true, vertical: 'top' };
    ws.getCell(r, 1).font = FONT;
    ws.getRow(r).height = 8 + 13 * Math.ceil((line.length * 2) / widths.reduce((a, b) => a + b, 0));
    r++;
  }
  const headerEnd = top + grid.headerRows - 1;
  const frozenColumns = grid.columns.findIndex((c) => c.kind === 'number');
  ws.views = [{ state: 'frozen', ySplit: headerEnd, xSplit: grid.columns.every((c, i) => i < frozenColumns || c.kind === 'number') ? frozenColumns : 0 }];
  ws.pageSetup = {
    paperSize: 9,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: `${top}:${headerEnd}`,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

/** Suffix of an extra table's title on its sheet: says it is copied as read (and keeps the reader from taking it for a standard table). */
export const EXTRA_TITLE_SUFFIX = '（按原表照录）';

/** Tables with no standard counterpart, as read, one after the other on one sheet: title, header rows shaded, cells as text. */
export function drawExtraSheet(ws: ExcelJS.Worksheet, tables: ExtraTable[]): void {
  let r = 1;
  let widest = 1;
  for (const t of tables) {
    const { header, body, width } = extraRows(t);
    widest = Math.max(widest, width);
    if (t.title && !/^（未命名/.test(t.title)) {
      // Title and "（按原表照录）" in two cells: a one-cell title row would be read as one of the nine tables.
      ws.getCell(r, 1).value = t.title;
      ws.getCell(r, 1).font = { ...BOLD, size: 14 };
      ws.getCell(r, 2).value = EXTRA_TITLE_SUFFIX;
      r += 2;
    }
    for (const [rows, head] of [[header, true], [body, false]] as const) {
      for (const cells of rows) {
        const row = ws.getRow(r++);
        cells.forEach((text, i) => {
          const cell = row.getCell(i + 1);
          if (text) cell.value = text;
          cell.style = styleOf(ws, `extra ${head}`, () => ({ border: BORDER, font: head ? BOLD : FONT, alignment: { wrapText: true, vertical: 'top', ...(head ? { horizontal: 'center' as const } : {}) }, ...(head ? { fill: HEADER_FILL } : {}) }));
        });
      }
    }
    r += 1;
  }
  for (let c = 1; c <= widest; c++) ws.getColumn(c).width = 18;
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}
