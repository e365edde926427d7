/**
 * Tables with no standard counterpart (`extraTables`: 收入预算总表 of other layouts, 项目绩效目标表…)
 * are published as they were read, in their place: after the paragraph or the standard table that
 * precedes them in the source (by source line), else after the last table. HTML, PDF and XLSX
 * all place and draw them from here.
 */
import type { ExtraTable, NarrativeSection } from '../../model/document.js';
import type { DocumentParts } from '../text/layout.js';

/** Where an extra table goes: after a paragraph of a narrative section, after a standard table, or after all tables. */
export type ExtraPlace = { section: NarrativeSection; paragraph: number } | { table: number } | { end: true };

export interface PlacedExtra {
  extra: ExtraTable;
  /** 1-based, in document order: ids and sheet names. */
  n: number;
  place: ExtraPlace;
}

/** An importer's stand-in title for a table printed without one. */
export const untitled = (t: ExtraTable): boolean => !t.title || /^（未命名/.test(t.title);

export function placeExtras(extras: ExtraTable[], parts: DocumentParts): PlacedExtra[] {
  const marks: { line: number; place: ExtraPlace }[] = [];
  for (const s of [...parts.before, ...parts.after]) s.paragraphs.forEach((p, i) => p.line && marks.push({ line: p.line, place: { section: s, paragraph: i } }));
  parts.tables.forEach(({ table, notes }, i) => {
    if (table.origin?.line) marks.push({ line: table.origin.line, place: { table: i } });
    for (const n of notes) for (const p of n.paragraphs) if (p.line) marks.push({ line: p.line, place: { table: i } });
  });
  marks.sort((a, b) => a.line - b.line);
  // The standard tables are published in the standard order, which may not be the source's: an extra
  // that the source prints after all of them (杭州's 表10, 表11 after its 表9) stays after all of them.
  const lastTable = Math.max(-1, ...parts.tables.map(({ table }) => table.origin?.line ?? -1));
  const placed = extras.map((extra) => {
    const line = extra.origin?.line;
    let place: ExtraPlace = { end: true };
    if (line !== undefined) for (const m of marks) if (m.line < line) place = m.place;
    if (line !== undefined && lastTable >= 0 && line > lastTable && 'table' in place) place = { end: true };
    return { extra, place, line: line ?? Number.MAX_SAFE_INTEGER };
  });
  return placed.sort((a, b) => a.line - b.line).map((p, i) => ({ extra: p.extra, place: p.place, n: i + 1 }));
}

export const extrasAfterParagraph = (placed: PlacedExtra[], s: NarrativeSection, i: number) => placed.filter((p) => 'section' in p.place && p.place.section === s && p.place.paragraph === i);
export const extrasAfterTable = (placed: PlacedExtra[], i: number, last: boolean) => placed.filter((p) => ('table' in p.place && p.place.table === i) || (last && 'end' in p.place));

/** The rows of an extra table as printed, padded to one width: header rows first. */
export function extraRows(t: ExtraTable): { header: string[][]; body: string[][]; width: number } {
  const width = Math.max(1, ...t.headers.map((r) => r.length), ...t.rows.map((r) => r.length));
  const pad = (r: string[]) => [...r, ...Array<string>(width - r.length).fill('')];
  return { header: t.headers.map(pad), body: t.rows.map(pad), width };
}
