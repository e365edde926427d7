/**
 * A text disclosure as a sequence of narrative lines and table blocks. A table block starts at
 * a title line confirmed by what follows it (a unit line or a markdown row, so that the table of
 * contents is not taken for tables) and runs to the next title or narrative heading.
 */
import type { TableId } from '../../model/tables.js';
import { headingKind } from '../narrative/headings.js';
import { isExtraTableTitle, isTableNumberLine, tableIdOfTitle, unitOfLine } from '../titles.js';

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
  /** Known from the layout (budgetbook's own PDFs): the line goes on the paragraph before it, or starts one. */
  continues?: boolean;
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

export type ExtraBlock = Omit<TableBlock, 'id'>;

export type Segment = { kind: 'text'; line: Line } | { kind: 'table'; block: TableBlock } | { kind: 'extra'; block: ExtraBlock };

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

/** A table of another layout (项目支出预算表, 项目绩效目标表): its title, then a unit line or rows in columns. */
function startsExtra(lines: Line[], i: number): boolean {
  const line = lines[i]!;
  if (!isExtraTableTitle(line.text) || /^[（(]?[一二三四五六七八九十\d]+[)）、.．]/.test(line.text.trim())) return false;
  if (confirmsTable(lines, i + 1)) return true;
  const next = lines.slice(i + 1, i + 6).filter((l) => l.page === line.page);
  return next.filter((l) => l.tabular).length >= 2;
}

export function segment(lines: Line[]): Segment[] {
  const out: Segment[] = [];
  let block: TableBlock | undefined;
  let extra: ExtraBlock | undefined;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const id = tableIdOfTitle(line.text);
    if (block && isTableNumberLine(line.text)) continue;
    // A title repeated on the next page (深圳), or 续表: the same table goes on.
    if (id && block && block.id === id && (block.title === line.text.trim().replace(/\s+/g, '') || /^续表/.test(line.text.trim()))) continue;
    if (id && confirmsTable(lines, i + 1)) {
      extra = undefined;
      block = { id, title: line.text.trim().replace(/\s+/g, ''), titleLine: line.no, lines: [] };
      if (line.page) block.titlePage = line.page;
      out.push({ kind: 'table', block });
      continue;
    }
    if (extra && isTableNumberLine(line.text)) continue;
    if (extra && extra.title === line.text.trim().replace(/\s+/g, '')) continue;
    if (startsExtra(lines, i)) {
      block = undefined;
      extra = { title: line.text.trim().replace(/\s+/g, ''), titleLine: line.no, lines: [] };
      if (line.page) extra.titlePage = line.page;
      out.push({ kind: 'extra', block: extra });
      continue;
    }
    if (headingKind(line.text, undefined)) block = extra = undefined;
    // An extra table without a unit line runs to the end of its page.
    if (extra && line.page !== undefined && extra.titlePage !== undefined && line.page !== extra.titlePage && !extra.lines.some((l) => /单位\s*[：:]/.test(l.text))) extra = undefined;
    if (block) block.lines.push(line);
    else if (extra) extra.lines.push(line);
    else out.push({ kind: 'text', line });
  }
  return out;
}
