/**
 * An XLSX file as plain rows of cell texts, each cell with its address. A number becomes the
 * text it shows, without rounding: the exact decimal of the value, padded to the number format's
 * places and grouped when the format groups (10148231 under "#,##0" → "10,148,231"), so that the
 * table reader sees what a reader of the printed table sees and 分 are never lost. Merged cells
 * keep their text in the top-left cell only.
 */
import type ExcelJS from 'exceljs';
import { decimalOfNumber } from '../../model/money.js';
import { ImportError } from '../errors.js';

export interface SheetCell {
  /** The text, trimmed ('' for a blank cell). */
  text: string;
  /** The text as stored, for narrative paragraphs. */
  raw: string;
  /** The cell held a number (or a formula whose result is one). */
  numeric: boolean;
  address: string;
  /** Columns the cell covers (a merged cell's top-left; 1 when absent). */
  span?: number;
}

export interface SheetRow {
  /** Row number in the sheet (1-based). */
  no: number;
  /** Row number counted through the workbook, sheet after sheet: orders rows of different sheets. */
  line: number;
  /** Cells by column (index 0 = column A). */
  cells: SheetCell[];
}

export interface SheetData {
  name: string;
  rows: SheetRow[];
}

/** A ZIP file (XLSX, DOCX, ODS …) starts with a local file header. */
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}

const buffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

/** A whole ZIP ends with its directory (the end-of-central-directory record); a cut one does not. */
function isWholeZip(bytes: Uint8Array): boolean {
  return buffer(bytes).lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) >= Math.max(0, bytes.length - 65_557);
}

/** An XLSX workbook names xl/workbook.xml in its ZIP directory (names are stored uncompressed). */
export function isXlsx(bytes: Uint8Array): boolean {
  return isZip(bytes) && buffer(bytes).includes('xl/workbook.xml');
}

/** Places and grouping the first section of a number format shows ("#,##0.00" → 2, grouped). */
function formatShape(numFmt: string | undefined): { decimals: number; grouped: boolean } {
  const first = (numFmt ?? '').split(';')[0]!.replace(/"[^"]*"|\[[^\]]*\]|\\./g, '');
  const frac = /\.([0#?]+)/.exec(first);
  return { decimals: frac ? frac[1]!.replace(/[#?]/g, '').length : 0, grouped: /[#0],[#0]/.test(first) };
}

/** A number as its cell shows it, with every digit of the value kept. */
export function numberText(v: number, numFmt: string | undefined): string {
  const exact = decimalOfNumber(v);
  const { decimals, grouped } = formatShape(numFmt);
  const [whole = '', frac = ''] = exact.replace('-', '').split('.');
  const padded = frac.length < decimals ? frac.padEnd(decimals, '0') : frac;
  const int = grouped ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') : whole;
  return `${exact.startsWith('-') ? '-' : ''}${int}${padded ? '.' + padded : ''}`;
}

interface Value {
  text: string;
  numeric: boolean;
}

function valueOf(v: ExcelJS.CellValue, cell: ExcelJS.Cell, sheet: string, file?: string): Value {
  if (v === null || v === undefined) return { text: '', numeric: false };
  if (typeof v === 'number') return { text: numberText(v, cell.numFmt), numeric: true };
  if (typeof v === 'string') return { text: v, numeric: false };
  if (typeof v === 'boolean') return { text: v ? 'TRUE' : 'FALSE', numeric: false };
  if (v instanceof Date) return { text: v.toISOString().slice(0, 10), numeric: false };
  if ('richText' in v) return { text: v.richText.map((r) => r.text).join(''), numeric: false };
  if ('hyperlink' in v) return { text: String(v.text ?? ''), numeric: false };
  if ('error' in v) return { text: String(v.error), numeric: false };
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    if (result === undefined || result === null) {
      const formula = 'formula' in v ? v.formula : (v as { sharedFormula: string }).sharedFormula;
      throw new ImportError(
        'formula-no-result',
        `单元格是公式（=${formula}），但文件中没有保存计算结果`,
        { file, sheet, cell: cell.address },
        '请在 Excel 或 WPS 中打开并保存一次（会存下计算结果），或把公式改为数值。',
      );
    }
    return valueOf(result as ExcelJS.CellValue, cell, sheet, file);
  }
  return { text: String(v), numeric: false };
}

/** Loads the workbook; a file that is not a readable XLSX is refused with what it is instead. */
export async function loadWorkbook(bytes: Uint8Array, file?: string): Promise<SheetData[]> {
  if (!isWholeZip(bytes)) {
    throw new ImportError('bad-xlsx', 'XLSX 文件已损坏：压缩包不完整（缺少末尾的文件目录）', { file }, '文件可能下载或复制不完整：请重新获取原文件，或在 Excel/WPS 中打开修复后另存为 .xlsx。');
  }
  if (!isXlsx(bytes)) {
    throw new ImportError('not-xlsx', 'ZIP 压缩包中没有 xl/workbook.xml，不是 XLSX 工作簿（可能是 DOCX、ODS 或其他压缩包）', { file }, '请在 Excel、WPS 或 LibreOffice 中另存为 .xlsx 后再导入。');
  }
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch (e) {
    throw new ImportError('bad-xlsx', `XLSX 文件已损坏，无法读取（${(e as Error).message}）`, { file }, '文件可能下载或复制不完整：请重新获取原文件，或在 Excel/WPS 中打开修复后另存为 .xlsx。');
  }
  let offset = 0;
  const sheets: SheetData[] = [];
  for (const ws of wb.worksheets) {
    const rows: SheetRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, no) => {
      const cells: SheetCell[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        const slave = cell.isMerged && cell.master.address !== cell.address;
        const { text, numeric } = slave ? { text: '', numeric: false } : valueOf(cell.value, cell, ws.name, file);
        // A merged cell across columns: its top-left cell on this row covers them (the 决算 reader places headers by it).
        const master = slave && Number(cell.master.row) === no ? cells[Number(cell.master.col) - 1] : undefined;
        if (master) master.span = (master.span ?? 1) + 1;
        cells.push({ text: text.trim(), raw: text, numeric, address: cell.address });
      }
      if (cells.some((c) => c.text)) rows.push({ no, line: offset + no, cells });
    });
    offset += ws.rowCount;
    sheets.push({ name: ws.name, rows });
  }
  return sheets;
}
