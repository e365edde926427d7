/**
 * Findings placed on the printed page: a finding at a line of a PDF document gets its page, the
 * line's number on that page (as a reader counts, headers and page numbers left out) and the
 * line's box; a finding at a cell gets the cell's page and box. Needs the document's `pages`
 * (PDF only); other documents' findings are returned as they are.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding, FindingLocation } from './finding.js';

export interface LinePlace {
  page: number;
  pageLine: number;
  box: { x0: number; y0: number; x1: number; y1: number };
}

export function lineIndex(doc: BudgetDocument): Map<number, LinePlace> {
  const index = new Map<number, LinePlace>();
  for (const p of doc.pages ?? []) {
    p.lines.forEach(([no, y, x0, x1, h], i) => index.set(no, { page: p.number, pageLine: i + 1, box: { x0, y0: y, x1, y1: y + h } }));
  }
  return index;
}

function cellBox(doc: BudgetDocument, loc: FindingLocation): { page: number; box: LinePlace['box'] } | undefined {
  if (!loc.table || !loc.row) return undefined;
  const row = doc.tables.find((t) => t.id === loc.table)?.rows.find((r) => r.key === loc.row);
  const o = (loc.column ? row?.cellOrigins?.[loc.column] : undefined) ?? row?.origin;
  if (!o?.page || o.x === undefined || o.y === undefined) return undefined;
  return { page: o.page, box: { x0: o.x, y0: o.y, x1: o.x + (o.width ?? 40), y1: o.y + (o.height ?? 10) } };
}

export function placeFindings(doc: BudgetDocument, findings: Finding[]): Finding[] {
  if (!doc.pages?.length) return findings;
  const index = lineIndex(doc);
  return findings.map((f) => {
    const loc = f.location;
    if (loc.box) return f;
    const cell = cellBox(doc, loc);
    if (cell) return { ...f, location: { ...loc, page: cell.page, box: cell.box, ...(loc.line && index.get(loc.line) ? { pageLine: index.get(loc.line)!.pageLine } : {}) } };
    const at = loc.line !== undefined ? index.get(loc.line) : undefined;
    if (!at) return f;
    return { ...f, location: { ...loc, page: at.page, pageLine: at.pageLine, box: at.box } };
  });
}
