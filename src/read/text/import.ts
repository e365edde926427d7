/**
 * The text importer: a disclosure as UTF-8/GBK text, with tables either as markdown (every cell
 * in place) or flattened from a PDF (blank cells gone; numbers placed by the identities).
 */
import type { BudgetDocument, ExtraTable, ImportNote } from '../../model/document.js';
import { TABLE_IDS, TABLE_NAMES, isCodeTable, type TableId } from '../../model/tables.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { finishTables, type DraftTable, type RowContext } from '../draft.js';
import { parseFinalTable } from '../final/table.js';
import { formatWanyuan, formatYuan } from '../../model/money.js';
import { standardOfExtra } from '../classify.js';
import { ImportError } from '../errors.js';
import { readMeta } from '../meta.js';
import { assembleDocument } from '../document.js';
import { buildSections, toModelSections, type SourceLine } from '../narrative/sections.js';
import { decodeText } from './decode.js';
import { extraTable, parseFlatTable } from './flat-table.js';
import { parseMarkdownTable } from './markdown-table.js';
import { normalizeNumerals } from './normalize.js';
import { isTableNote } from './table-lines.js';
import { headingKind } from '../narrative/headings.js';
import { segment, segmentByContent, splitLines, type Line, type TableBlock } from './segment.js';

export interface ReadOptions {
  fileName?: string;
  catalogs: CatalogSet;
  /** Refuse a document that lacks one of the nine tables (cell export); the checker reads leniently. */
  requireAllTables?: boolean;
}

// "2026 部门预算情况的说明" (北京) prints the year without 年.
const YEAR = /(?<!\d)(\d{4})(?:年度?(中央|省级|市级|区级|县级)?(.{0,30}?)|(?=部门|单位))(部门|单位)(预算|决算)/;

/** A document of tables only, titled by its table ("广州市生态环境局2026年项目支出绩效目标表"). */
const TABLE_YEAR = /(?<!\d)(\d{4})年度?.{0,40}表/;

/** A cover printed over several lines ("2026 年度" / "福州市医疗保障局" / "部门预算"), read as one. */
export function coverText(lines: Line[]): string {
  const firstPage = lines.filter((l) => (l.page ?? 1) === (lines[0]?.page ?? 1)).slice(0, 8);
  return firstPage.map((l) => l.text.replace(/\s+/g, '')).join('');
}

export function readTextDocument(bytes: Uint8Array, options: ReadOptions): BudgetDocument {
  const file = options.fileName;
  try {
    return readDecoded(bytes, options);
  } catch (e) {
    if (e instanceof ImportError && file) throw e.withFile(file);
    throw e;
  }
}

function readDecoded(bytes: Uint8Array, options: ReadOptions): BudgetDocument {
  const file = options.fileName;
  const { text, encoding } = decodeText(bytes);
  if (text.trim() === '') throw new ImportError('empty', '文件只有空白，没有内容', { file }, '请检查文件是否完整。');
  return readLines({ original: splitLines(text), normalized: splitLines(normalizeNumerals(text)), options, encoding });
}

export interface LineInput {
  /** The document's lines as printed (narrative quotes come from these). */
  original: Line[];
  /** The same lines with numerals normalised (tables are read from these). */
  normalized: Line[];
  options: ReadOptions;
  encoding?: string;
  pdf?: boolean;
}

/** Lines of a text file or of a PDF → the document: tables, narrative, metadata, placement. */
export function readLines(input: LineInput): BudgetDocument {
  const { original, normalized: lines, options } = input;
  const file = options.fileName;
  const yearMatch = original.slice(0, 80).map((l) => YEAR.exec(l.text.replace(/\s+/g, ''))).find(Boolean) ?? YEAR.exec(coverText(original)) ?? TABLE_YEAR.exec(original.find((l) => l.text.trim())?.text.replace(/\s+/g, '') ?? '');
  if (!yearMatch) {
    throw new ImportError('no-title', '找不到文件标题（如“闵行区2025年区级部门预算”），无法确定年度与预算类别', { file }, '请确认这是一份部门预算或单位预算公开文件，标题在文件开头。');
  }
  const ctx: RowContext = { file, year: Number(yearMatch[1]), catalogs: options.catalogs, ...(yearMatch[5] === '决算' ? { kind: 'final' as const } : {}) };
  // Strict (cell export of a complete disclosure, the tests of refusals): the first table that cannot be read stops the import.
  const strict = options.requireAllTables ?? true;
  const unread: ImportNote[] = [];
  const narrativeLines: SourceLine[] = [];
  const drafts: DraftTable[] = [];
  const extraTables: ExtraTable[] = [];
  const tableNotes: { title: string; line: number; lines: SourceLine[] }[] = [];
  const titleLines: number[] = [];
  let markdownTables = 0;
  // Tables of a title that is not a standard one are identified by their content (not in a 决算, whose tables are others).
  const segments = /决算/.test(yearMatch[0]) ? segment(lines) : segmentByContent(lines, { catalogs: options.catalogs, year: ctx.year });
  for (const seg of segments) {
    if (seg.kind === 'text') {
      narrativeLines.push(original[seg.line.no - 1]!);
      continue;
    }
    titleLines.push(seg.block.titleLine);
    if (seg.kind === 'extra') {
      extraTables.push(extraTable({ ...seg.block, id: 'income' }, '本表没有对应的标准表（部门预算公开九张表之外），原样保留'));
      continue;
    }
    const markdown = seg.block.lines.some((l) => l.text.trim().startsWith('|'));
    if (markdown) markdownTables++;
    if (seg.block.identified) unread.push({ kind: 'interpretation', table: seg.block.id, message: seg.block.identified, origin: { line: seg.block.titleLine, ...(seg.block.titlePage ? { page: seg.block.titlePage } : {}) } });
    try {
      const parsed = ctx.kind === 'final' ? parseFinalTable(seg.block, ctx) : markdown ? parseMarkdownTable(seg.block, ctx) : parseFlatTable(seg.block, ctx);
      if ('extra' in parsed) {
        extraTables.push(parsed.extra);
        continue;
      }
      const { table, trailing } = parsed;
      assertComplete(table, seg.block, markdown, file);
      if (drafts.some((d) => d.id === table.id)) {
        throw new ImportError('duplicate-table', `${table.title}在文件中出现了两次`, { file, line: seg.block.titleLine, page: seg.block.titlePage }, '请删去重复的表，或核对表名是否印错。');
      }
      drafts.push(table);
      const also = parsed as { whole?: ExtraTable; note?: string };
      if (also.whole) extraTables.push(also.whole);
      if (also.note) unread.push({ kind: 'interpretation', table: table.id, message: also.note });
      if (trailing.length > 0) tableNotes.push({ title: table.title, line: trailing[0]!.no, lines: trailing.map((l) => original[l.no - 1]!) });
    } catch (e) {
      if (!(e instanceof ImportError) || strict) throw e;
      unread.push(unreadTable(seg.block, e, extraTables));
    }
  }
  const notes: ImportNote[] = [];
  const narrative = withoutCharts(narrativeLines, titleLines, notes);
  narrativeLines.splice(0, narrativeLines.length, ...takeTabularRegions(narrative, extraTables));
  if (drafts.length === 0 && (strict || extraTables.length === 0 && unread.length === 0 && !yearMatch)) {
    throw new ImportError('no-tables', '文件中没有找到任何预算表（如“财务收支预算总表”）', { file }, '请确认文件包含部门预算的九张表。');
  }
  if (strict) assertAllTables(drafts, extraTables, file, ctx);
  const sections = buildSections(narrativeLines, tableNotes);
  const meta = readMeta({ lines: original, sections, file });
  meta.source = { layout: input.pdf ? 'pdf' : markdownTables * 2 >= drafts.length ? 'markdown' : 'flat' };
  if (input.encoding) meta.source.encoding = input.encoding;
  if (file) meta.source.fileName = file;
  const finished = finishLeniently(drafts, file, strict, unread, extraTables);
  notes.push(...finished.notes, ...unread);
  return assembleDocument({ meta, tables: finished.tables, extraTables, read: sections, sections: toModelSections(sections), notes });
}

/**
 * A table that could not be read: a note naming its page, title, line and what was expected, and
 * its lines kept whole as a table of its own, so that no printed number is lost.
 */
function unreadTable(block: TableBlock, e: ImportError, extraTables: ExtraTable[]): ImportNote {
  const page = e.place.page ?? block.titlePage;
  const at = page ? `第 ${page} 页` : `第 ${block.titleLine} 行起`;
  const line = !page && e.place.line && e.place.line !== block.titleLine ? `（第 ${e.place.line} 行）` : '';
  const message = `${at}的《${block.title}》未能读出：${e.message}${line}${e.hint ? `。处理建议：${e.hint}` : ''}`;
  extraTables.push(extraTable({ ...block }, `未能读出：${e.message}`));
  const note: ImportNote = { kind: 'unread-table', message, table: block.id, origin: { line: e.place.line ?? block.titleLine, ...(page ? { page } : {}) } };
  return note;
}

/**
 * Numbers placed by the identities across tables: when no placement fits, the tables with
 * numbers still to place are reported unread (kept whole), and the others are finished.
 */
function finishLeniently(drafts: DraftTable[], file: string | undefined, strict: boolean, unread: ImportNote[], extraTables: ExtraTable[]): ReturnType<typeof finishTables> {
  let left = drafts;
  for (;;) {
    try {
      return finishTables(left, file);
    } catch (e) {
      if (!(e instanceof ImportError) || strict) throw e;
      const pending = left.filter((d) => d.rows.some((r) => r.pending));
      // The table the error names, else every table with numbers still to place.
      const named = pending.filter((d) => e.message.startsWith(d.title) || e.place.table === d.title);
      const failed = named.length > 0 ? named.slice(0, 1) : pending;
      if (failed.length === 0) throw e;
      for (const d of failed) {
        const page = d.origin.page;
        unread.push({ kind: 'unread-table', table: d.id, message: `${page ? `第 ${page} 页` : `第 ${d.origin.line} 行起`}的《${d.title}》未能读出：${e.message}${e.hint ? `。处理建议：${e.hint}` : ''}`, origin: d.origin });
        extraTables.push(draftAsExtra(d, `未能读出：${e.message}`));
      }
      left = left.filter((d) => !failed.includes(d));
    }
  }
}

/** A draft whose numbers could not all be placed, kept as printed: each row's label and numbers. */
function draftAsExtra(d: DraftTable, reason: string): ExtraTable {
  const rows = d.rows.map((r) => [r.code ?? '', r.label ?? r.key, ...(r.pending ? r.pending.printed : Object.values(r.cells).map((v) => (d.unit === 'wanyuan' ? formatWanyuan(v) : formatYuan(v))))]);
  return { title: d.title, headers: [d.columns], rows, origin: d.origin, reason };
}

/**
 * A “图表” part (as budgetbook prints before the tables) holds chart labels drawn from the
 * tables, not narrative: its lines up to the next table are left out, and a note says so.
 */
function withoutCharts(lines: SourceLine[], titleLines: number[], notes: ImportNote[]): SourceLine[] {
  const at = lines.findIndex((l) => /^图\s*表$/.test(l.text.trim()));
  if (at < 0) return lines;
  const start = lines[at]!.no;
  const end = Math.min(...titleLines.filter((n) => n > start), Infinity);
  const dropped = lines.filter((l) => l.no >= start && l.no < end);
  const pages = [...new Set(dropped.map((l) => (l as Line).page).filter((p): p is number => p !== undefined))];
  const where = pages.length ? `第 ${pages[0]}${pages.length > 1 ? `–${pages[pages.length - 1]}` : ''} 页` : `第 ${start} 行起`;
  notes.push({ kind: 'interpretation', message: `${where}的“图表”由表中数字绘成，未作为说明文字读入`, origin: { line: start } });
  return lines.filter((l) => l.no < start || l.no >= end);
}

/**
 * Runs of PDF lines laid out in columns that no title made into a table (福建's 项目绩效目标表,
 * one per page): kept whole as extra tables, titled by the line above them when it names a table,
 * and out of the narrative, where their cells would read as broken sentences.
 */
function takeTabularRegions(lines: SourceLine[], extra: ExtraTable[]): SourceLine[] {
  const out: SourceLine[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] as Line;
    if (!line.tabular) {
      out.push(line);
      i++;
      continue;
    }
    let j = i;
    const region: Line[] = [];
    while (j < lines.length) {
      const l = lines[j] as Line;
      const short = l.text.replace(/\s+/g, '').length <= 8 && !/[。；]$/.test(l.text);
      const inCell = (l.inset ?? 0) > 4 && !/[。；]$/.test(l.text);
      if (!l.tabular && (!short || startsOwnText(l)) && !inCell && !inColumn(region, l)) break;
      region.push(l);
      j++;
    }
    if (region.filter((l) => l.tabular).length < 3) {
      out.push(...region);
      i = j;
      continue;
    }
    // The first cell's lines printed above the row's first line in columns (a cell centred on its row).
    const cols = columnsOf(region);
    while (out.length > 0 && startsInColumn(cols, out[out.length - 1] as Line)) region.unshift(out.pop() as Line);
    const back = [out[out.length - 1], out[out.length - 2]];
    const at = back.findIndex((l) => l && /表$/.test(l.text.replace(/\s+/g, '')) && l.text.length <= 60);
    const title = at >= 0 ? back[at]!.text.replace(/\s+/g, '') : '（未命名的表格）';
    if (at >= 0) out.splice(out.length - 1 - at, 1);
    const table: ExtraTable = { title, headers: [], rows: region.map((l) => (l.chunks ?? []).map((c) => c.text.trim())), reason: '说明部分中的表格（如项目绩效目标表），没有对应的标准表' };
    table.origin = { line: region[0]!.no, ...(region[0]!.page ? { page: region[0]!.page } : {}) };
    extra.push(table);
    i = j;
  }
  return out;
}

/** Where the columns right of the first start (the pieces after the first of a region's rows in columns), and the region's pages. */
interface Columns {
  inner: number[];
  pages: Set<number | undefined>;
}

function columnsOf(region: Line[]): Columns {
  return { inner: region.filter((l) => l.tabular && l.chunks).flatMap((l) => l.chunks!.slice(1).map((c) => c.x0)), pages: new Set(region.map((r) => r.page)) };
}

/** Points a cell's line may start off its column (a cell's text centred, or opened by a full-width quote). */
const COLUMN_SLACK = 8;

/**
 * A line of a cell of the region's table that wrapped onto lines of its own: it starts in one of
 * the columns right of the first (its sentence may end there: “…赛事保障“一体联动”。”).
 */
function startsInColumn(cols: Columns, l: Line): boolean {
  const first = l.chunks?.[0];
  if (!first || !cols.pages.has(l.page) || startsOwnText(l)) return false;
  return cols.inner.some((x) => Math.abs(first.x0 - x) <= COLUMN_SLACK);
}

/** A heading, a table's note, or a numbered item near the margin (far right of it, an item of a cell's list): the page's own text. */
function startsOwnText(l: Line): boolean {
  const t = l.text.trim();
  return isTableNote(t) || !!headingKind(t, undefined) || ((l.inset ?? 0) <= 4 && /^[（(]?[一二三四五六七八九十\d]+[)）、.．]/.test(t));
}

/**
 * The same, or a wrapped line of the first column (a project's name: “市级重要商品储备财政补助”, with
 * its amount or not): none of its pieces runs across the start of a column, and it is no heading,
 * note or sentence (a line of the page's own text runs across the columns to the margin).
 */
function inColumn(region: Line[], l: Line): boolean {
  if (region.length === 0 || !l.chunks?.length) return false;
  const cols = columnsOf(region);
  if (startsInColumn(cols, l)) return true;
  if (cols.inner.length === 0 || !cols.pages.has(l.page)) return false;
  const t = l.text.trim();
  const across = l.chunks.some((c) => cols.inner.some((x) => c.x0 < x - COLUMN_SLACK && c.x1 > x + COLUMN_SLACK));
  return !across && !/[。；：:]$/.test(t) && !startsOwnText(l);
}

/** A table must end in its total row; a block that stops before it was cut off. */
function assertComplete(table: DraftTable, block: TableBlock, markdown: boolean, file?: string): void {
  const hasTotal = isCodeTable(table.id)
    ? table.rows.some((r) => r.key === 'total')
    : table.id === 'three-public'
      ? table.rows.length > 0
      : table.rows.some((r) => r.key === 'expenditure.total') && table.rows.some((r) => r.key === 'income.total');
  if (hasTotal) return;
  const last = block.lines.filter((l) => l.text.trim())[0];
  throw new ImportError(
    'cut-off',
    `${table.title}不完整：${table.id === 'three-public' ? '没有数据行' : '缺少合计（总计）行'}，表格可能被截断`,
    { file, line: last?.no ?? block.titleLine, page: last?.page ?? block.titlePage },
    markdown ? '请核对文件是否完整，表格末行应为“合计”。' : '请核对文件是否完整（如 PDF 转文本时丢失了页面）。',
  );
}

/** Every one of the nine, or (other layouts) that table laid out otherwise and kept whole (known by its title or content). */
export function assertAllTables(drafts: DraftTable[], extras: ExtraTable[], file: string | undefined, by: { catalogs: CatalogSet; year: number }): void {
  const missing: TableId[] = TABLE_IDS.filter((id) => !drafts.some((d) => d.id === id) && !extras.some((x) => standardOfExtra(x, by.catalogs, by.year) === id));
  if (missing.length === 0) return;
  throw new ImportError(
    'missing-table',
    `缺少${missing.map((id) => `“${TABLE_NAMES[id]}”`).join('、')}（部门预算公开应有九张表，空表也应公开并加注说明）`,
    { file },
    '请核对文件是否完整；如只需校验已有内容，请用 budgetbook check。',
  );
}
