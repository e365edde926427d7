/**
 * The sheets that carry the rest of the document, so that reading the workbook back loses
 * nothing: 文档信息 (metadata), 说明文字 (narrative sections, one paragraph a row), 其他表格 (tables
 * with no standard counterpart), 导入说明 (the import's notes) and `cells` (cells.md, amounts in 元).
 * Their names and header rows come from model/workbook.ts, which the reader uses too.
 */
import type ExcelJS from 'exceljs';
import type { BudgetDocument, Origin } from '../../model/document.js';
import { fenToNumber, formatYuan } from '../../model/money.js';
import { EXTRA_ROW_KINDS, KIND_WORDS, LEVEL_WORDS, META_LABELS, NOTE_KIND_WORDS, SCOPE_WORDS, SECTION_KIND_WORDS, SHEET_HEADERS, type DataSheet } from '../../model/workbook.js';
import { cellsOf } from '../opendata/cells.js';
import { FONT } from './table-sheet.js';

type Row = (string | number | undefined)[];

/** A data sheet: its header row, then one row per entry; the `wrap` column's long texts wrap. */
function sheet(ws: ExcelJS.Worksheet, kind: DataSheet, rows: Row[], widths: number[], wrap?: number): void {
  const header = ws.addRow([...SHEET_HEADERS[kind]]);
  header.font = { ...FONT, bold: true };
  header.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF0F0F0' } }));
  for (const r of rows) {
    const row = ws.addRow(r.map((v) => (v === undefined ? null : v)));
    row.font = FONT;
    if (wrap) row.getCell(wrap).alignment = { wrapText: true, vertical: 'top' };
  }
  widths.forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1', margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 } };
}

export function metaSheet(ws: ExcelJS.Worksheet, doc: BudgetDocument): void {
  const m = doc.meta;
  const rows: Row[] = [
    [META_LABELS.title, m.title],
    [META_LABELS.year, m.year],
    [META_LABELS.kind, KIND_WORDS[m.kind]],
    [META_LABELS.scope, SCOPE_WORDS[m.scope]],
    [META_LABELS.level, LEVEL_WORDS[m.level]],
    [META_LABELS.region, m.region],
    [META_LABELS.entity, m.entity.name, m.entity.code],
    ...m.memberUnits.map((u): Row => [META_LABELS.member, u.name, u.code]),
  ];
  const counts = m.memberCounts ?? {};
  for (const k of ['administrative', 'civilServiceManaged', 'institution'] as const) if (counts[k] !== undefined) rows.push([META_LABELS[k], counts[k]]);
  sheet(ws, 'meta', rows, [16, 50, 12]);
}

export function narrativeSheet(ws: ExcelJS.Worksheet, doc: BudgetDocument): void {
  const rows: Row[] = doc.narrative.sections.flatMap((s, i) => {
    const head = [i + 1, s.heading, SECTION_KIND_WORDS[s.kind]];
    if (s.paragraphs.length === 0) return [head];
    return s.paragraphs.map((p): Row => [...head, p.text, p.line, p.page]);
  });
  sheet(ws, 'narrative', rows, [6, 30, 16, 100, 10, 10], 4);
}

const originCells = (o: Origin | undefined): Row => [o?.line, o?.page];

export function extraSheet(ws: ExcelJS.Worksheet, doc: BudgetDocument): void {
  const rows: Row[] = doc.extraTables.flatMap((t, i) => {
    const lead = [i + 1, t.title];
    return [
      [...lead, EXTRA_ROW_KINDS.reason, t.reason],
      ...(t.origin ? [[...lead, EXTRA_ROW_KINDS.origin, ...originCells(t.origin)]] : []),
      ...t.headers.map((h): Row => [...lead, EXTRA_ROW_KINDS.header, ...h]),
      ...t.rows.map((r): Row => [...lead, EXTRA_ROW_KINDS.body, ...r]),
    ];
  });
  sheet(ws, 'extra', rows, [6, 30, 8, 20, 20, 20, 20, 20, 20]);
}

export function notesSheet(ws: ExcelJS.Worksheet, doc: BudgetDocument): void {
  const rows = doc.notes.map((n): Row => [NOTE_KIND_WORDS[n.kind], n.message, n.table, n.row, ...originCells(n.origin)]);
  sheet(ws, 'notes', rows, [12, 90, 20, 16, 10, 10], 2);
}

/** cells.md as a sheet: the amount is a number in 元 (exact text beyond a double's reach). */
export function cellsSheet(ws: ExcelJS.Worksheet, doc: BudgetDocument): void {
  const rows = cellsOf(doc).map((c): Row => [c.table, c.row, c.column, fenToNumber(c.amount, 'yuan') ?? formatYuan(c.amount)]);
  sheet(ws, 'cells', rows, [24, 24, 18, 18]);
  ws.getColumn(4).numFmt = '0.00';
}
