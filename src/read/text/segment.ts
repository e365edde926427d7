/**
 * A text disclosure as a sequence of narrative lines and table blocks. A table block starts at
 * a title line confirmed by what follows it (a unit line or a markdown row, so that the table of
 * contents is not taken for tables) and runs to the next title or narrative heading.
 */
import type { TableId } from '../../model/tables.js';
import { headingKind } from '../narrative/headings.js';
import { tableIdOfTitle, unitOfLine } from '../titles.js';

/** A run of text on a PDF line, with its horizontal extent (points from the left edge). */
export interface LineChunk {
  text: string;
  x0: number;
  x1: number;
}

/** A line of a document: of a text file, or rebuilt from a PDF page's positioned text. */
export interface Line {
  text: string;
  no: number;
  page?: number;
  /** Top of the line, points from the top of the page (PDF only). */
  y?: number;
  chunks?: LineChunk[];
  /** The line starts further right than the page's text (a PDF paragraph's first line). */
  indent?: boolean;
  /** The line runs to the right margin, so its sentence goes on in the next line (PDF only). */
  wrapped?: boolean;
  /** Its pieces stand apart in columns: a row of a table, not a sentence (PDF only). */
  tabular?: boolean;
  /** How far the line starts right of the page's text margin, in line heights (PDF only). */
  inset?: number;
}

export interface TableBlock {
  id: TableId;
  title: string;
  titleLine: number;
  titlePage?: number;
  lines: Line[];
}

export type Segment = { kind: 'text'; line: Line } | { kind: 'table'; block: TableBlock };

export function splitLines(text: string): Line[] {
  return text.split(/\r\n|\r|\n/).map((t, i) => ({ text: t, no: i + 1 }));
}

function confirmsTable(lines: Line[], from: number): boolean {
  let seen = 0;
  for (let i = from; i < lines.length && seen < 8; i++) {
    const t = lines[i]!.text.trim();
    if (!t) continue;
    seen++;
    if (unitOfLine(t) || t.startsWith('|') || /^编制(部门|单位)/.test(t)) return true;
    if (tableIdOfTitle(t)) return false;
  }
  return false;
}

export function segment(lines: Line[]): Segment[] {
  const out: Segment[] = [];
  let block: TableBlock | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const id = tableIdOfTitle(line.text);
    if (id && confirmsTable(lines, i + 1)) {
      block = { id, title: line.text.trim().replace(/\s+/g, ''), titleLine: line.no, lines: [] };
      if (line.page) block.titlePage = line.page;
      out.push({ kind: 'table', block });
      continue;
    }
    if (block && headingKind(line.text, undefined)) block = undefined;
    if (block) block.lines.push(line);
    else out.push({ kind: 'text', line });
  }
  return out;
}
