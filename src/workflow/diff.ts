/**
 * What changed between two versions of a document, for a reviewer: the cells (table, row, column,
 * old and new amount in 分) and the narrative paragraphs (section, paragraph, old and new text).
 * Pure, for the server and the browser.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Fen } from '../model/money.js';
import { cellsOf } from '../publish/opendata/cells.js';
import { compareCells } from '../compare/compare.js';
import { describeCell } from './consistent.js';

export interface CellDiff {
  table: string;
  row: string;
  column: string;
  /** 《表》行 · 列, in Chinese. */
  label: string;
  old: Fen | null;
  new: Fen | null;
}

export interface ParagraphDiff {
  section: string;
  /** 1-based paragraph number in its section (of the newer version; of the older one when removed). */
  paragraph: number;
  old: string | null;
  new: string | null;
}

export interface DocumentDiff {
  cells: CellDiff[];
  paragraphs: ParagraphDiff[];
}

function sectionKey(s: { heading: string; kind: string }, n: number): string {
  return `${s.kind}|${s.heading}|${n}`;
}

/** Paragraphs of each section (matched by kind, heading and their order among equals) compared in place. */
function paragraphDiff(a: BudgetDocument, b: BudgetDocument): ParagraphDiff[] {
  const keyed = (doc: BudgetDocument) => {
    const seen = new Map<string, number>();
    return doc.narrative.sections.map((s) => {
      const base = `${s.kind}|${s.heading}`;
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return { key: sectionKey(s, n), s };
    });
  };
  const before = new Map(keyed(a).map((x) => [x.key, x.s]));
  const out: ParagraphDiff[] = [];
  const afterKeys = new Set<string>();
  for (const { key, s } of keyed(b)) {
    afterKeys.add(key);
    const old = before.get(key)?.paragraphs ?? [];
    const n = Math.max(old.length, s.paragraphs.length);
    for (let i = 0; i < n; i++) {
      const x = old[i]?.text ?? null;
      const y = s.paragraphs[i]?.text ?? null;
      if (x !== y) out.push({ section: s.heading, paragraph: i + 1, old: x, new: y });
    }
  }
  for (const [key, s] of before) {
    if (afterKeys.has(key)) continue;
    s.paragraphs.forEach((p, i) => out.push({ section: s.heading, paragraph: i + 1, old: p.text, new: null }));
  }
  return out;
}

export function documentDiff(a: BudgetDocument, b: BudgetDocument): DocumentDiff {
  const cells = compareCells(cellsOf(a), cellsOf(b)).cells.map((c) => ({
    table: c.table,
    row: c.row,
    column: c.column,
    label: describeCell(c.a === null ? b : a, c as Parameters<typeof describeCell>[1]),
    old: c.a,
    new: c.b,
  }));
  return { cells, paragraphs: paragraphDiff(a, b) };
}
