/**
 * A table of the portal (a 科目 drill-down, a comparison, the 三公经费 of a city…) as a workbook,
 * drawn by the publisher's own grid code: the grid is layout/grid.ts's TableGrid, its header and
 * cells drawn by table-sheet.ts as the nine tables are. Amount cells hold the exact amount (分 in
 * 元 or 万元, never rounded); the format shows two decimals, as the page does.
 */
import type ExcelJS from 'exceljs';
import { drawCell, drawHeader, excelWorkbook, FONT } from './table-sheet.js';
import { decimalsNeeded } from '../../model/money.js';
import type { TableGrid } from '../layout/grid.js';

export interface ViewTable {
  /** The sheet's title row, e.g. "科目 2101301 各单位金额". */
  title: string;
  /** A line under the title (where the figures come from, the filters). */
  subtitle?: string;
  grid: TableGrid;
}

/** Excel's sheet names: at most 31 characters, none of []:*?/\\. */
export function sheetNameOf(title: string): string {
  return title.replace(/[[\]:*?/\\]/g, '').slice(0, 31) || '表';
}

function widths(grid: TableGrid): number[] {
  return grid.columns.map((c, i) => {
    const header = Math.max(0, ...grid.header.filter((h) => h.col === i && h.colspan === 1).map((h) => h.text.length));
    const longest = Math.max(0, ...grid.body.map((r) => r.cells[i]?.text.length ?? 0));
    if (c.kind === 'code') return Math.max(8, longest + 2);
    if (c.kind === 'number') return Math.max(12, longest + 3, Math.min(18, header * 2 + 2));
    return Math.min(50, Math.max(8, header * 2 + 2, longest * 2 + 2));
  });
}

export function drawViewSheet(ws: ExcelJS.Worksheet, view: ViewTable): void {
  const { grid } = view;
  const width = Math.max(1, grid.columns.length);
  const amounts = grid.body.flatMap((r) => r.cells.map((c) => c.amount).filter((a): a is number => a !== undefined));
  // Two decimals as on the page; the value itself is exact (amountValue), so a sum in Excel loses no 分.
  const format = '#,##0.00';
  const decimals = Math.max(2, ...amounts.map((a) => decimalsNeeded(a, grid.unit)));
  ws.getCell(1, 1).value = view.title;
  if (width > 1) ws.mergeCells(1, 1, 1, width);
  ws.getCell(1, 1).font = { ...FONT, bold: true, size: 14 };
  ws.getCell(1, 1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 26;
  if (width > 2) ws.mergeCells(2, 1, 2, width - 1);
  if (view.subtitle) ws.getCell(2, 1).value = view.subtitle;
  ws.getCell(2, width).value = `单位：${grid.unit === 'wanyuan' ? '万元' : '元'}`;
  ws.getCell(2, width).alignment = { horizontal: 'right' };
  ws.getRow(2).font = FONT;
  const top = 3;
  const w = widths(grid);
  w.forEach((x, i) => (ws.getColumn(i + 1).width = x));
  drawHeader(ws, grid, top, w);
  let r = top + grid.headerRows;
  for (const row of grid.body) {
    const xrow = ws.getRow(r++);
    row.cells.forEach((g, i) => drawCell(xrow.getCell(i + 1), g, grid.unit, decimals, format, row.total));
  }
  if (amounts.length && decimals > 2) {
    ws.getCell(r, 1).value = '注：金额单元格中是精确数（到分），显示保留两位小数（四舍五入）。';
    ws.getCell(r, 1).font = FONT;
    if (width > 1) ws.mergeCells(r, 1, r, width);
  }
  ws.views = [{ state: 'frozen', ySplit: top + grid.headerRows - 1 }];
  ws.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${top}:${top + grid.headerRows - 1}` };
}

/** One table as a workbook (the bytes of an .xlsx). */
export async function viewXlsx(view: ViewTable): Promise<Uint8Array> {
  const wb = excelWorkbook();
  wb.creator = 'budgetbook';
  wb.title = view.title;
  wb.created = wb.modified = new Date(Date.UTC(2000, 0, 1));
  drawViewSheet(wb.addWorksheet(sheetNameOf(view.title)), view);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
