/**
 * A document as an XLSX workbook: one sheet per table in the standard layout, named by the
 * table's standard Chinese name, then the sheets that carry the rest of the document (说明文字,
 * 文档信息, 其他表格, 导入说明) and the `cells` sheet. src/read/xlsx reads it back to the same document.
 */
import type { BudgetDocument } from '../../model/document.js';
import { TABLE_NAMES } from '../../model/tables.js';
import { SHEET_NAMES } from '../../model/workbook.js';
import { cellsSheet, extraSheet, metaSheet, narrativeSheet, notesSheet } from './data-sheets.js';
import { drawTableSheet } from './table-sheet.js';

export async function documentXlsx(doc: BudgetDocument): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = 'budgetbook';
  wb.title = doc.meta.title;
  // Fixed dates: the same document gives the same workbook contents.
  wb.created = wb.modified = new Date(Date.UTC(doc.meta.year, 0, 1));
  // A table twice (the model allows it) gets "（2）": the reader joins it to the first and reports the duplicate.
  const used = new Map<string, number>();
  for (const t of doc.tables) {
    const n = (used.get(t.id) ?? 0) + 1;
    used.set(t.id, n);
    drawTableSheet(wb.addWorksheet(n === 1 ? TABLE_NAMES[t.id] : `${TABLE_NAMES[t.id]}（${n}）`), t);
  }
  narrativeSheet(wb.addWorksheet(SHEET_NAMES.narrative), doc);
  metaSheet(wb.addWorksheet(SHEET_NAMES.meta), doc);
  if (doc.extraTables.length > 0) extraSheet(wb.addWorksheet(SHEET_NAMES.extra), doc);
  if (doc.notes.length > 0) notesSheet(wb.addWorksheet(SHEET_NAMES.notes), doc);
  cellsSheet(wb.addWorksheet(SHEET_NAMES.cells), doc);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
