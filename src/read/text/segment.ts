/**
 * A text disclosure as a sequence of narrative lines and table blocks. A table block starts at
 * a title line confirmed by what follows it (a unit line or a markdown row, so that the table of
 * contents is not taken for tables) and runs to the next title or narrative heading. A title that
 * is not a standard one gives its table by the table's content (`segmentByContent`).
 */
import type { CatalogSet } from '../../catalogs/catalog.js';
import { TABLE_NAMES, type TableId } from '../../model/tables.js';
import { classifyFacts, classifyTable, factsOf, type Classification } from '../classify.js';
import { headingKind } from '../narrative/headings.js';
import { isAnyTableTitle, isExtraTableTitle, isTableNumberLine, tableIdOfTitle, unitOfLine } from '../titles.js';

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
  /** The title is not a standard one: how the content identified the table (recorded in notes). */
  identified?: string;
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
    // Another table's title first: a list of titles (the unit line below is that other table's).
    if (isAnyTableTitle(t)) return false;
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

/** "表10：…预算表（续表）" goes on the table titled "表10：…预算表". */
function continues(title: string, text: string): boolean {
  const t = text.replace(/\s+/g, '');
  return t !== title && t.replace(/[（(]续表?[)）]$/, '').replace(/^续表[：:]?/, '') === title;
}

/** The nearest line with text before (step −1) or after (step 1) line i. */
function textBeside(lines: Line[], i: number, step: 1 | -1): string {
  for (let j = i + step; j >= 0 && j < lines.length; j += step) if (lines[j]!.text.trim()) return lines[j]!.text;
  return '';
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
    if (id && block && block.id === id && (block.title === line.text.trim().replace(/\s+/g, '') || /^续表/.test(line.text.trim()) || continues(block.title, line.text))) continue;
    if (id && confirmsTable(lines, i + 1)) {
      extra = undefined;
      block = { id, title: line.text.trim().replace(/\s+/g, ''), titleLine: line.no, lines: [] };
      if (line.page) block.titlePage = line.page;
      out.push({ kind: 'table', block });
      continue;
    }
    if (extra && isTableNumberLine(line.text)) continue;
    if (extra && (extra.title === line.text.trim().replace(/\s+/g, '') || continues(extra.title, line.text))) continue;
    // A list of the tables' titles (“表10.…预算表” over “表11.…绩效表”): none of them starts a table.
    if (!block && !extra && isAnyTableTitle(line.text) && (isAnyTableTitle(textBeside(lines, i, -1)) || isAnyTableTitle(textBeside(lines, i, 1)))) {
      out.push({ kind: 'text', line });
      continue;
    }
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

/**
 * A title that is none of the standard ones ("表一", "附表3", a new province's wording), confirmed
 * as a table's by a unit line or rows in columns below it.
 */
function isOtherTitle(lines: Line[], i: number): boolean {
  const line = lines[i]!;
  const t = line.text.replace(/\s+/g, '');
  if (t.length < 2 || t.length > 48 || /[，。；]|见|如下|下表|附后/.test(t)) return false;
  const numbered = isTableNumberLine(t);
  if (!numbered && (!/表([（(][^（）()]{0,12}[)）])?$/.test(t) || /^[（(]?[一二三四五六七八九十]+[)）、]|^\d+[、.．]/.test(t))) return false;
  if (tableIdOfTitle(line.text)) return false;
  // A number over the title proper ("表3" / "收支总表"): the title line is the table's.
  const next = lines.slice(i + 1, i + 3).find((l) => l.text.trim());
  if (numbered && next && (isAnyTableTitle(next.text) || isTableNumberLine(next.text) || /表([（(][^（）()]{0,12}[)）])?$/.test(next.text.replace(/\s+/g, '')))) return false;
  if (confirmsTable(lines, i + 1)) return true;
  return lines.slice(i + 1, i + 6).filter((l) => l.page === line.page && l.tabular).length >= 2;
}

interface Region {
  start: number;
  end: number;
  title: string;
  lines: Line[];
  found: Classification;
}

export interface ContentOptions {
  catalogs: CatalogSet;
  year: number;
}

/** The items of a line for the classifier: a PDF line's pieces, a markdown row's cells, or its words. */
export function itemsOf(line: Line): string[] {
  if (line.chunks) return line.chunks.map((c) => c.text);
  const t = line.text.trim();
  return t.startsWith('|') ? t.split('|').map((c) => c.trim()).filter(Boolean) : [t];
}

/**
 * The document's tables, with those of a title that is not a standard one identified by what they
 * hold (classify.ts): each such title starts a region that runs, as a table does, to the next
 * title or narrative heading. A region whose content is one of the nine, not already found by
 * its title, becomes that table; every other region stays as `segment` reads it.
 */
export function segmentByContent(lines: Line[], options: ContentOptions): Segment[] {
  const index = new Map(lines.map((l, i) => [l.no, i]));
  const segments = checkTitles(segment(lines), lines, index, options);
  const chosen = assign(regionsOf(lines, segments, options), segments);
  return chosen.size === 0 ? segments : carve(segments, lines, index, chosen);
}

/** From each title that is not a standard one to the next title or heading, with what its content allows. */
function regionsOf(lines: Line[], segments: Segment[], options: ContentOptions): Region[] {
  const starts = new Set(segments.flatMap((s) => (s.kind === 'text' ? [] : [s.block.titleLine])));
  const regions: Region[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!isOtherTitle(lines, i)) continue;
    const title = lines[i]!.text.trim().replace(/\s+/g, '');
    let j = i + 1;
    const body: Line[] = [];
    for (; j < lines.length; j++) {
      const l = lines[j]!;
      const t = l.text.trim().replace(/\s+/g, '');
      if (starts.has(l.no) || headingKind(l.text, undefined)) break;
      // The same title repeated on the next page, 续表, or a number line that starts no table: the table goes on.
      if (t === title || /^续表/.test(t)) continue;
      if (isOtherTitle(lines, j)) break;
      if (isTableNumberLine(t)) continue;
      body.push(l);
    }
    const found = classifyTable({ title, lines: body.map(itemsOf) }, options.catalogs, options.year);
    if (found.candidates.length > 0) regions.push({ start: i, end: j, title, lines: body, found });
    i = j - 1;
  }
  return regions;
}

/** Each region to a table not found by its title: those the content decides first, then the others in order, each to its first free candidate. */
function assign(regions: Region[], segments: Segment[]): Map<Region, TableId> {
  const taken = new Set<TableId>(segments.flatMap((s) => (s.kind === 'table' ? [s.block.id] : [])));
  const chosen = new Map<Region, TableId>();
  for (const decided of [true, false]) {
    for (const r of regions) {
      if ((r.found.candidates.length === 1) !== decided) continue;
      const id = r.found.candidates.find((c) => !taken.has(c));
      if (!id) continue;
      chosen.set(r, id);
      taken.add(id);
    }
  }
  return chosen;
}

/** The segments with each chosen region's lines taken out of where `segment` put them, as a table of its own. */
function carve(segments: Segment[], lines: Line[], index: Map<number, number>, chosen: Map<Region, TableId>): Segment[] {
  const owner = (no: number) => [...chosen.keys()].find((r) => index.get(no)! >= r.start && index.get(no)! < r.end);
  const out: Segment[] = [];
  const placed = new Set<Region>();
  const place = (r: Region | undefined) => {
    if (!r || placed.has(r)) return;
    placed.add(r);
    out.push({ kind: 'table', block: regionBlock(lines, r, chosen.get(r)!) });
  };
  for (const s of segments) {
    const r = owner(s.kind === 'text' ? s.line.no : s.block.titleLine);
    if (r) place(r);
    else if (s.kind === 'text') out.push(s);
    else {
      // A table read on over titles it did not know (a number line is skipped inside a table): it ends at the first.
      const lines = s.block.lines.filter((l) => !owner(l.no));
      out.push(s.kind === 'table' ? { kind: 'table', block: { ...s.block, lines } } : { kind: 'extra', block: { ...s.block, lines } });
      for (const l of s.block.lines) place(owner(l.no));
    }
  }
  return out;
}

/**
 * Tables of a standard title, checked against their content (up to the next title of another
 * table). The title decides; where the content decides otherwise, a note says so. A title
 * printed twice (a copy of the table before it) gives way to the content when that names a
 * table not yet found.
 */
function checkTitles(segments: Segment[], lines: Line[], index: Map<number, number>, options: ContentOptions): Segment[] {
  const titled = new Set(segments.flatMap((s) => (s.kind === 'table' ? [s.block.id] : [])));
  const seen = new Set<TableId>();
  return segments.map((s) => {
    if (s.kind !== 'table') return s;
    const end = s.block.lines.findIndex((l) => isOtherTitle(lines, index.get(l.no)!));
    const own = end < 0 ? s.block.lines : s.block.lines.slice(0, end);
    const verdict = classifyFacts(factsOf({ title: s.block.title, lines: own.map(itemsOf) }, options.catalogs, options.year));
    const id = s.block.id;
    const content = verdict.candidates.length === 1 ? verdict.candidates[0]! : undefined;
    const repeated = seen.has(id);
    seen.add(id);
    if (!content || content === id) return s;
    if (repeated && !titled.has(content) && !seen.has(content)) {
      seen.add(content);
      return { kind: 'table', block: { ...s.block, id: content, identified: `《${s.block.title}》与前面的表同名，按内容识别为“${TABLE_NAMES[content]}”：${verdict.evidence}` } };
    }
    return { kind: 'table', block: { ...s.block, identified: `《${s.block.title}》按表名读作“${TABLE_NAMES[id]}”，但其内容像“${TABLE_NAMES[content]}”（${verdict.evidence}），请核对表名` } };
  });
}

function regionBlock(lines: Line[], r: Region, id: TableId): TableBlock {
  const title = lines[r.start]!;
  const how = r.found.candidates.length > 1 ? `（可能的表：${r.found.candidates.map((c) => `“${TABLE_NAMES[c]}”`).join('、')}，按文件中的顺序取尚未出现的一张）` : '';
  const against = r.found.overrode ? '；表名所用的词指向别的表，以内容为准' : '';
  const block: TableBlock = {
    id,
    title: r.title,
    titleLine: title.no,
    lines: r.lines,
    identified: `表名《${r.title}》不是标准表名，按内容识别为“${TABLE_NAMES[id]}”：${r.found.evidence}${how}${against}`,
  };
  if (title.page) block.titlePage = title.page;
  return block;
}
