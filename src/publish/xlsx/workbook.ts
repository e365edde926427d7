/**
 * A document as an XLSX workbook: one sheet per table in the standard layout, named by the
 * table's standard Chinese name, then the sheets that carry the rest of the document (说明文字,
 * 文档信息, 其他表格, 导入说明) and the `cells` sheet. src/read/xlsx reads it back to the same document.
 */
import type { BudgetDocument } from '../../model/document.js';
import { TABLE_NAMES, tableName } from '../../model/tables.js';
import { SHEET_NAMES } from '../../model/workbook.js';
import { cellsSheet, extraSheet, metaSheet, narrativeSheet, notesSheet } from './data-sheets.js';
import { drawExtraSheet, drawTableSheet, excelWorkbook } from './table-sheet.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { printsBand } from '../layout/grid.js';
import { nameFiller } from '../layout/names.js';
import { extrasAfterTable, placeExtras, untitled, type PlacedExtra } from '../layout/extras.js';
import { documentParts } from '../text/layout.js';

/**
 * The sheet of extra tables: a name Excel accepts (at most 31 characters, none of []:*?/\\, unique)
 * ending in "-照录", so that the reader never takes it for one of the nine tables by its name.
 */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[[\]:*?/\\]/g, '').replace(/^\d{4}年度?/, '').slice(0, 24) || '表格';
  let name = `${base}-照录`;
  for (let i = 2; used.has(name); i++) name = `${base}-照录${i}`;
  used.add(name);
  return name;
}

/** Extra tables in runs: a titled one with the untitled pieces that follow it share its sheet. */
function extraGroups(list: PlacedExtra[]): PlacedExtra[][] {
  const groups: PlacedExtra[][] = [];
  for (const p of list) {
    const last = groups[groups.length - 1];
    if (last && untitled(p.extra)) last.push(p);
    else groups.push([p]);
  }
  return groups;
}

export async function documentXlsx(doc: BudgetDocument, options: { catalogs?: CatalogSet } = {}): Promise<Uint8Array> {
  const wb = excelWorkbook();
  wb.creator = 'budgetbook';
  wb.title = doc.meta.title;
  // Fixed dates: the same document gives the same workbook contents.
  wb.created = wb.modified = new Date(Date.UTC(doc.meta.year, 0, 1));
  // A table twice (the model allows it) gets "（2）": the reader joins it to the first and reports the duplicate.
  const used = new Map<string, number>();
  const names = new Set<string>([...Object.values(SHEET_NAMES), ...Object.values(TABLE_NAMES)]);
  const sheet = { fillName: nameFiller(doc, options.catalogs), band: printsBand(doc.meta), scope: doc.meta.scope };
  const parts = documentParts(doc);
  const extras = placeExtras(doc.extraTables, parts);
  const extraSheets = (list: PlacedExtra[]) => {
    for (const g of extraGroups(list)) drawExtraSheet(wb.addWorksheet(sheetName(untitled(g[0]!.extra) ? '其他表格' : g[0]!.extra.title, names)), g.map((p) => p.extra));
  };
  // Sheets in the document's order (the reader gives them back in it); extra tables after the table they follow.
  for (const t of doc.tables) {
    const n = (used.get(t.id) ?? 0) + 1;
    used.set(t.id, n);
    const title = tableName(t.id, doc.meta.kind);
    drawTableSheet(wb.addWorksheet(n === 1 ? title : `${title}（${n}）`), t, sheet);
    const i = parts.tables.findIndex((p) => p.table === t);
    if (i >= 0) extraSheets(extrasAfterTable(extras, i, i === parts.tables.length - 1));
  }
  // Extra tables placed in the narrative (项目绩效目标表…), after the tables.
  extraSheets(extras.filter((p) => 'section' in p.place || (parts.tables.length === 0 && 'end' in p.place)));
  narrativeSheet(wb.addWorksheet(SHEET_NAMES.narrative), doc);
  metaSheet(wb.addWorksheet(SHEET_NAMES.meta), doc);
  if (doc.extraTables.length > 0) extraSheet(wb.addWorksheet(SHEET_NAMES.extra), doc);
  if (doc.notes.length > 0) notesSheet(wb.addWorksheet(SHEET_NAMES.notes), doc);
  cellsSheet(wb.addWorksheet(SHEET_NAMES.cells), doc);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
