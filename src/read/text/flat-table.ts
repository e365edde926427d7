/**
 * Tables flattened from a PDF into lines of text, as in seed 003: blank cells vanished, so a
 * row "210 13 医疗救助 42,406,400.00 42,376,400.00 30,000.00" says which numbers it has but not
 * in which columns. Rows are read here with their numbers pending; draft.ts places them.
 */
import { looksLikeAmount, parseAmount, type Fen } from '../../model/money.js';
import type { TableId } from '../../model/tables.js';
import { COLUMN_NAMES, DEFAULT_COLUMNS, INCOME_SOURCES, SUMMARY_UNIT_COLUMNS, isCodeTable, rowColumns } from '../../model/tables.js';
import type { DraftRow, DraftTable, RowContext } from '../draft.js';
import type { ExtraTable, Origin } from '../../model/document.js';
import { childByName, expenditureKeyUnder as sharedKeyUnder, expenditureRowKey, incomeRowKey, printedColumnNames, printedDecimals } from '../draft.js';
import { ImportError } from '../errors.js';
import { columnOfHeader, threePublicRowOfLabel, incomeSourceOfLabel, isNonClassExpenditure, stripNumbering, isExpenditureTotalLabel, isAnyTableTitle, isTotalLabel, tableIdOfTitle } from '../titles.js';
import { foldFragments } from '../pdf/fragments.js';
import { normalizeSpaces } from './normalize.js';
import type { Line, LineChunk, TableBlock } from './segment.js';
import { isTableNote, noteText, readFrameLine, type TableFrame } from './table-lines.js';

const AMOUNT_TOKEN = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
/** A token with digits and no hanzi after a name is a number, even when misprinted ("222,3OO.00"). */
const MISPRINTED_NUMBER = /^(?=.*\d)[^\u4e00-\u9fff（）()]+$/;
const HEADER_WORDS = /合计|科目|编码|预算数|项\s*目|本年收入|本年支出|基本支出|项目支出|人员经费|公用经费|类\s+款|^类$|经费|收入预算|支出预算/;

/** Each line is split again by every question asked of it: the answers are kept (frozen, shared). */
const tokenCache = new Map<string, readonly string[]>();

function tokens(text: string): readonly string[] {
  let toks = tokenCache.get(text);
  if (toks) return toks;
  if (tokenCache.size >= 20_000) tokenCache.clear();
  toks = Object.freeze(normalizeSpaces(text).trim().split(/ +/).filter(Boolean).flatMap(unglue));
  tokenCache.set(text, toks);
  return toks;
}

const TWO_DECIMALS = /-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}/g;
/**
 * Amounts printed touching ("13,486.0218,308.57", 重庆): where every amount has exactly two decimals,
 * each ends two digits after its point, so the token is split there.
 */
function unglue(token: string): string[] {
  // An amount printed touching the next cell's name ("37,891.58一、一般公共服务支出", 重庆).
  const named = /^(-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2})([\u4e00-\u9fff（(].*)$/.exec(token);
  if (named) return [named[1]!, named[2]!];
  if (!/^(?:-?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}){2,}$/.test(token)) return [token];
  return token.match(TWO_DECIMALS) ?? [token];
}

interface Span {
  x0: number;
  x1: number;
}

/** Where each amount sits on a PDF line, in order (NaN where two numbers share a chunk). */
function amountCentres(line: Line): Span[] | undefined {
  if (!line.chunks) return undefined;
  return line.chunks.flatMap((c) => {
    const nums = tokens(c.text).filter((t) => AMOUNT_TOKEN.test(t));
    if (nums.length === 1) return [{ x0: c.x0, x1: c.x1 }];
    // Amounts printed touching in one piece: x shared out by characters.
    const raw = c.text.trim();
    if (nums.join('') === raw) {
      const per = (c.x1 - c.x0) / raw.length;
      let at = 0;
      return nums.map((n) => ({ x0: c.x0 + per * at, x1: c.x0 + per * (at += n.length) }));
    }
    return nums.map(() => ({ x0: NaN, x1: NaN }));
  });
}

/**
 * Where each column sits on a PDF page, from the header words above the rows. A label that
 * wraps ("事业单位" over "经营收入", or over three lines) is joined with the pieces below it;
 * where a spanning label and the labels under it name the same column (公务用车购置及运行费 over
 * 小计), the lower one wins. Returned left to right.
 */
/** "合 计" printed with spaced characters arrives as one-character pieces: join them. */
function joinSpaced(chunks: LineChunk[]): LineChunk[] {
  const out: LineChunk[] = [];
  for (const c of chunks) {
    const last = out[out.length - 1];
    if (last && c.text.trim().length <= 2 && last.text.trim().length <= 2 && c.x0 - last.x1 < 14 && /[\u4e00-\u9fff]/.test(c.text + last.text)) out[out.length - 1] = { text: last.text + c.text, x0: last.x0, x1: c.x1 };
    else out.push({ ...c });
  }
  return out;
}

/** A header piece holding several labels ("合计 因公出国(境)费 公务接待费"): one per label, x shared out by characters. */
function splitWords(c: LineChunk): LineChunk[] {
  const words = c.text.trim().split(/\s+/);
  if (words.length < 2) return [c];
  const chars = c.text.trim().length;
  const width = (c.x1 - c.x0) / chars;
  let at = 0;
  return words.map((w) => {
    const start = c.text.trim().indexOf(w, at);
    at = start + w.length;
    return { text: w, x0: c.x0 + start * width, x1: c.x0 + at * width };
  });
}

function headerColumns(id: TableId, header: Line[], year?: number): { column: string; x: number; x0: number; x1: number; label: string }[] {
  const chunks = header.flatMap((l) => joinSpaced((l.chunks ?? []).flatMap(splitWords)).map((c) => ({ ...c, y: l.y ?? 0 })));
  const found: { column: string; x: number; y: number; x0: number; x1: number; label: string }[] = [];
  const used = new Set<number>();
  const overlaps = (a: { x0: number; x1: number }, b: { x0: number; x1: number }) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0.4 * Math.min(a.x1 - a.x0, b.x1 - b.x0);
  chunks.forEach((first, i) => {
    if (used.has(i)) return;
    let c = first;
    let text = c.text.replace(/\s+/g, '');
    let column = columnOfHeader(text, id);
    const taken: number[] = [];
    let last = c;
    // A label printed in two close pieces on its line ("因公出国" "(境)费", 重庆), or in spaced characters ("合" "计").
    const next = chunks[i + 1];
    const spaced = next && /^[\u4e00-\u9fff]$/.test(c.text.trim()) && /^[\u4e00-\u9fff]$/.test(next.text.trim()) ? 3 * (c.x1 - c.x0) : 12;
    if (!column && next && !used.has(i + 1) && next.y === c.y && next.x0 - c.x1 >= 0 && next.x0 - c.x1 < spaced) {
      const joined = columnOfHeader(text + next.text.replace(/\s+/g, ''), id);
      if (joined) {
        column = joined;
        text += next.text.replace(/\s+/g, '');
        taken.push(i + 1);
        c = { ...c, x1: next.x1 };
      }
    }
    for (let k = 0; k < 3 && !column; k++) {
      const below = chunks.findIndex((d, j) => j > i && !used.has(j) && !taken.includes(j) && d.y > last.y && d.y - last.y < 20 && overlaps(c, d));
      if (below < 0) break;
      taken.push(below);
      last = chunks[below]!;
      text += last.text.replace(/\s+/g, '');
      column = columnOfHeader(text, id);
    }
    if (!column) return;
    // An earlier year's figures beside the budget year's ("2025年预算数", 重庆): a column the standard table does not hold.
    const otherYear = /^(\d{4})年/.exec(text);
    if (column === 'amount' && year !== undefined && otherYear && Number(otherYear[1]) < year) {
      column = 'prior';
      // "2025年预算" over "数": the label whole, for the note.
      const rest = chunks.findIndex((d, j) => j > i && !used.has(j) && d.y > last.y && d.y - last.y < 20 && d.text.trim() === '数' && overlaps(c, d));
      if (rest >= 0 && text.endsWith('预算')) {
        text += '数';
        taken.push(rest);
      }
    }
    // 小计 is the subtotal of the label spanning it (基本支出 → basic; 公务用车购置及运行费 → vehicle).
    if (text === '小计') {
      const span = chunks
        .filter((d) => d.y < c.y && c.y - d.y < 60 && ['basic', 'vehicle'].includes(columnOfHeader(d.text, id) ?? '') && Math.abs((d.x0 + d.x1) / 2 - (c.x0 + c.x1) / 2) < 120)
        .sort((a, b) => Math.abs((a.x0 + a.x1) / 2 - (c.x0 + c.x1) / 2) - Math.abs((b.x0 + b.x1) / 2 - (c.x0 + c.x1) / 2))[0];
      if (span) column = columnOfHeader(span.text, id)!;
    }
    taken.forEach((j) => used.add(j));
    // A 小计 under another table's group (深圳's 政府采购项目) is not the total when a 合计/总计 column is printed.
    if (column === 'total' && text === '小计' && chunks.some((d) => /^(合计|总计|支出总计|收入总计)$/.test(d.text.replace(/\s+/g, '')))) return;
    found.push({ column, x: (c.x0 + c.x1) / 2, y: c.y, x0: c.x0, x1: c.x1, label: text });
  });
  // A spanning label over its split (基本支出 over 人员/公用; 财政拨款 over its funds, 深圳) is a column only with a 小计 of its own.
  for (const [span, subs] of [['basic', ['personnel', 'public']], ['vehicle', ['vehicle-purchase', 'vehicle-operation']], ['fiscal', ['general', 'fund', 'soe']]] as const) {
    const spans = found.filter((f) => f.column === span);
    const lowest = Math.max(...found.filter((f) => (subs as readonly string[]).includes(f.column)).map((f) => f.y), -Infinity);
    if (spans.length > 0 && spans.every((f) => f.y < lowest)) for (const f of spans) found.splice(found.indexOf(f), 1);
  }
  const byColumn = new Map<string, { x: number; y: number; x0: number; x1: number; label: string }>();
  let amounts = 0;
  for (const f of found.sort((a, b) => a.x - b.x)) {
    let column = f.column;
    if (column === 'amount' && (id === 'summary' || id === 'fiscal') && amounts++ > 0) column = 'total';
    else if (column === 'amount' && isCodeTable(id)) column = 'total';
    const prev = byColumn.get(column);
    if (!prev || f.y > prev.y) byColumn.set(column, { x: f.x, y: f.y, x0: f.x0, x1: f.x1, label: f.label });
  }
  return [...byColumn].map(([column, p]) => ({ column, x: p.x, x0: p.x0, x1: p.x1, label: p.label })).sort((a, b) => a.x - b.x);
}

function columnCentres(id: TableId, header: Line[], columns: string[], year?: number): Map<string, Span> | undefined {
  const centres = new Map(headerColumns(id, header, year).map((h) => [h.column, { x0: h.x0, x1: h.x1 }]));
  return columns.every((c) => centres.has(c)) ? centres : undefined;
}

/** On a PDF page the header says which columns the table has, in printed order. */
function pdfColumns(id: TableId, header: Line[], year?: number): string[] | undefined {
  if (!header.some((l) => l.chunks)) return undefined;
  // 财政拨款收支总表 split by fund ("一般" over "公共预算", 重庆): 预算数 on the income side, then the expenditure side's columns as printed.
  if (id === 'fiscal') {
    const found = headerColumns(id, header).map((h) => h.column);
    return found[0] === 'amount' && found[1] === 'total' && found.slice(2).every((c) => ['general', 'fund', 'soe'].includes(c)) ? found : undefined;
  }
  if (!(isCodeTable(id) || id === 'three-public')) return undefined;
  const found = headerColumns(id, header, year).map((h) => h.column).filter((c) => c in COLUMN_NAMES && c !== 'amount');
  return found.includes('total') ? found : undefined;
}

/** The column each number sits under, if every number falls under a different column in order. */
/** How well a number sits under a header: their overlap, else (negative) the distance of their centres. */
function fit(n: Span, h: Span): number {
  const overlap = Math.min(n.x1, h.x1) - Math.max(n.x0, h.x0);
  return overlap > 0 ? overlap : -Math.abs((n.x0 + n.x1) / 2 - (h.x0 + h.x1) / 2);
}

function placeByPosition(xs: Span[] | undefined, columns: string[], centres: Map<string, Span> | undefined): string[] | undefined {
  if (!xs || !centres || xs.some((x) => Number.isNaN(x.x0))) return undefined;
  const placed = xs.map((x) => columns.reduce((best, c) => (fit(x, centres.get(c)!) > fit(x, centres.get(best)!) ? c : best), columns[0]!));
  const order = placed.map((c) => columns.indexOf(c));
  return order.every((o, i) => i === 0 || o > order[i - 1]!) ? placed : undefined;
}

/** Columns the header mentions, in the table's standard order (flattened headers lose positions). */
function columnsFromHeader(id: TableId, header: string): string[] {
  const words = new Set(header.split(/\s+/).map((w) => columnOfHeader(w, id)).filter(Boolean));
  switch (id) {
    case 'summary':
      return /人员经费|公用经费|项目支出/.test(header) ? [...SUMMARY_UNIT_COLUMNS] : ['amount', 'total'];
    case 'income':
      return ['total', ...INCOME_SOURCES.filter((s) => DEFAULT_COLUMNS.income.includes(s) || words.has(s))];
    case 'fiscal':
      return ['amount', 'total', ...(['general', 'fund', 'soe'] as const).filter((c) => words.has(c))];
    case 'expenditure': {
      const extra = ['subsidiary', 'to-superior', 'carry-forward'].filter((c) => words.has(c));
      return [...DEFAULT_COLUMNS.expenditure, ...extra];
    }
    default:
      return [...DEFAULT_COLUMNS[id]];
  }
}

interface Split {
  label: string;
  numbers: string[];
}

/** "四、其他收入 30,000.00 七、社会保障和就业支出 1,258,600.00" → label/number runs. */
const ITEM_START = /^([一二三四五六七八九十]+、|\d+、|[（(][一二三四五六七八九十\d]+[)）]|(收入|支出)(总计|合计))/;

function runs(toks: readonly string[]): Split[] {
  const out: Split[] = [];
  for (const t of toks) {
    const last = out[out.length - 1];
    if (AMOUNT_TOKEN.test(t)) {
      if (!last) out.push({ label: '', numbers: [t] });
      else last.numbers.push(t);
    } else if (last && last.numbers.length === 0 && !ITEM_START.test(t)) last.label += t;
    else out.push({ label: t, numbers: [] });
  }
  return out;
}

interface Reader {
  block: TableBlock;
  columns: string[];
  unit: 'yuan' | 'wanyuan';
  ctx: RowContext;
  /** Column positions on a PDF page; absent for text, where the identities place numbers. */
  centres?: Map<string, Span>;
  /** The 类 (and 款) last seen in a total table that lists 款 and 项 by name (浙江). */
  parents?: string[];
  unresolved?: { label: string; line: Line }[];
  /** The table names its 科目 without codes: codes come from the catalog by name under the row above. */
  byName?: boolean;
  /** Lines of a coded table printed by name only (namedAmongCoded). */
  namedLines?: Set<number>;
  /** A 预算单位 column (深圳): the unit's own row, before its 科目, is the table's total. */
  unitColumn?: boolean;
  /** Codes printed without a leading zero and read with it, with their page and line (for the note). */
  padded?: string[];
  /** Interpretations of the table, each a sentence of the note. */
  said?: string[];
  /** The second unit's row (深圳, a department of several units): from it on, rows are the units' own, kept whole. */
  perUnit?: { name: string; line: Line };
  /** The body's lines with wrapped names and numbers folded into their rows (a table by unit kept whole shows these). */
  rowLines?: Line[];
  /** Rows below the standard table's depth (重庆's 7-digit economic items), kept as notes with their page and line. */
  details?: string[];
  /** Below 二、上年结转 of a 财政拨款收支总表, its parts by fund (重庆): income.carryover.general …. */
  underCarryover?: boolean;
  /** The printed label of another year's column (its numbers go to a note), whose place is centres' 'prior'. */
  prior?: string;
  /** The header's lines as printed (spaces dropped): repeated over a continuation page, they are no rows. */
  headerTexts?: Set<string>;
}

/**
 * A table with no counterpart among the nine (or a counterpart laid out by unit instead of by
 * 科目, as 浙江's and 福建's 收入预算总表): kept whole, header lines and rows as printed.
 */
export function extraTable(block: TableBlock, reason: string): ExtraTable {
  const cellsOf = (l: Line) => (l.chunks ? l.chunks.map((c) => c.text.trim()) : [...tokens(l.text)]);
  const lines = block.lines.filter((l) => l.text.trim());
  const firstRow = lines.findIndex((l) => tokens(l.text).some((t) => AMOUNT_TOKEN.test(t) && /[.,]/.test(t)));
  const split = firstRow < 0 ? lines.length : firstRow;
  const table: ExtraTable = { title: block.title, headers: lines.slice(0, split).map(cellsOf), rows: lines.slice(split).map(cellsOf), reason };
  table.origin = originOf(block.titleLine, block.titlePage);
  return table;
}

/** "[2080501]行政单位离退休" (广州): the code in brackets before the name, read as "2080501 行政单位离退休". */
/** "合   计" printed with spaced characters: one word. */
function spacedTotal(line: Line): Line {
  const re = /(^|\s)(合|总|小)\s+计(?=\s|$)/g;
  if (!re.test(line.text)) return line;
  const chunks = line.chunks?.map((c) => ({ ...c, text: c.text.replace(re, '$1$2计') }));
  return { ...line, text: line.text.replace(re, '$1$2计'), ...(chunks ? { chunks } : {}) };
}

function bracketedCode(line: Line): Line {
  const re = /^(\s*)[\[［【](\d{3,7})[\]］】]\s*/;
  if (!re.test(line.text)) return line;
  const chunks = line.chunks?.map((c, i) => (i === 0 ? { ...c, text: c.text.replace(re, '$2 ') } : c));
  return { ...line, text: line.text.replace(re, '$1$2 '), ...(chunks ? { chunks } : {}) };
}

/**
 * A “三公” table printing two years side by side, each under its year (重庆: “2025年预算数” over one
 * set of items, “2026年预算数” over the next): the budget year's half is the table, cut at the
 * midpoint between the two year labels; the other year's figures go into the table's note.
 */
function budgetYearHalf(block: TableBlock, year: number): { lines: Line[]; details: string[] } | undefined {
  const at = block.lines.findIndex((l) => (l.chunks ?? []).filter((c) => /^\d{4}年(预算数?)?$/.test(c.text.replace(/\s+/g, ''))).length >= 2);
  if (at < 0) return undefined;
  const labels = block.lines[at]!.chunks!
    .filter((c) => /^\d{4}年(预算数?)?$/.test(c.text.replace(/\s+/g, '')))
    .map((c) => ({ year: Number(c.text.replace(/\s+/g, '').slice(0, 4)), x: (c.x0 + c.x1) / 2, text: c.text.replace(/\s+/g, '') }))
    .sort((a, b) => a.x - b.x);
  const i = labels.findIndex((l) => l.year === year);
  if (i < 0 || new Set(labels.map((l) => l.year)).size !== labels.length) return undefined;
  const lo = i > 0 ? (labels[i - 1]!.x + labels[i]!.x) / 2 : -Infinity;
  const hi = i < labels.length - 1 ? (labels[i]!.x + labels[i + 1]!.x) / 2 : Infinity;
  const labelOf = (x: number) => [...labels].sort((a, b) => Math.abs(a.x - x) - Math.abs(b.x - x))[0]!.text;
  const isAmount = (c: LineChunk) => AMOUNT_TOKEN.test(c.text.trim());
  const firstRow = block.lines.findIndex((l, k) => k > at && (l.chunks ?? []).some(isAmount));
  const details: string[] = [];
  const lines = block.lines.map((l, k) => {
    // The header under the year labels, and the rows of figures only (not a note under the table).
    if (k < at || !l.chunks || (k > firstRow && firstRow >= 0 && !l.chunks.every(isAmount))) return l;
    const keep = l.chunks.filter((c) => (c.x0 + c.x1) / 2 >= lo && (c.x0 + c.x1) / 2 < hi);
    const other = l.chunks.filter((c) => !keep.includes(c) && isAmount(c));
    if (other.length > 0) details.push(`第 ${l.page ?? l.no} ${l.page ? '页' : '行'}“${labelOf((other[0]!.x0 + other[0]!.x1) / 2)}”栏中的 ${other.map((c) => c.text.trim()).join(' ')}`);
    return { ...l, chunks: keep, text: keep.map((c) => c.text).join('  ') };
  });
  return { lines, details };
}

export function parseFlatTable(block: TableBlock, ctx: RowContext): { table: DraftTable; trailing: Line[]; whole?: ExtraTable; note?: string } | { extra: ExtraTable } {
  block = { ...block, lines: block.lines.map(spacedTotal) };
  // 重庆's “三公” table with last year's figures beside this year's.
  const half = block.id === 'three-public' ? budgetYearHalf(block, ctx.year) : undefined;
  if (half) block = { ...block, lines: half.lines };
  if (isCodeTable(block.id)) block = { ...block, lines: block.lines.map(bracketedCode) };
  const frame: TableFrame = {};
  const header: Line[] = [];
  const body: Line[] = [];
  const early: Line[] = [];
  let started = false;
  let ended = false;
  const trailing: Line[] = [];
  for (const line of block.lines) {
    const t = normalizeSpaces(line.text).trim();
    if (!t) continue;
    if (ended) {
      if (!isTableNote(t)) trailing.push(line);
      continue;
    }
    if (!started && readFrameLine(t, frame)) continue;
    if (started && isTableNote(t)) {
      ended = true;
      continue;
    }
    // The unit's own row (its name maybe wrapped above and below its numbers) starts the rows.
    const unitLine = isCodeTable(block.id) && header.some((l) => /预算单位/.test(l.text)) && isUnitLine(t);
    // A number wrapped above the first row (浙江's 合计) belongs to the body, not the header.
    if (!started && !unitLine && block.id !== 'three-public' && line.chunks && tokens(t).every((x) => AMOUNT_TOKEN.test(x) && /[.,]/.test(x))) {
      early.push(line);
      continue;
    }
    // "总 计 预算拨款 经营预算 管理资金" (重庆): a header line whose wrapped label starts like a total row, words only.
    const headerWords = !started && header.length > 0 && tokens(t).length >= 3 && !/\d/.test(t);
    if (!started && (!startsRow(block.id, t) || headerWords) && !unitLine) {
      header.push(line);
      continue;
    }
    if (!started) body.push(...early);
    // The unit's name wrapped above its numbers (深圳) was taken for a header line: the pieces just above the row, left of its numbers, are the row's.
    if (!started && unitLine) body.unshift(...wrappedAbove(header, line));
    started = true;
    body.push(line);
    // Some layouts print the 合计 row first; a code table ends at a 合计 that follows its rows.
    const codeRowsSeen = body.some((l) => CODE_TOKEN.test(tokens(l.text)[0] ?? ''));
    if (endsTable(block.id, t) && (!isCodeTable(block.id) || codeRowsSeen)) ended = true;
  }
  const unit = frame.unit ?? 'yuan';
  const headerText = header.map((l) => normalizeSpaces(l.text).trim()).join(' ');
  if (isCodeTable(block.id) && /(单位|部门)名称(?!\s*[：:])/.test(headerText)) return { extra: extraTable(block, '按单位列示，而非按科目列示，没有对应的标准表') };
  let columns = pdfColumns(block.id, header, ctx.year) ?? columnsFromHeader(block.id, headerText);
  // A “三公” table listed one item a row with its funds across (广州): the items are the columns.
  // Its funds are not among the standard table's columns: the table is also kept whole, so that no printed amount is lost.
  const byFund = block.id === 'three-public' && columns.some((c) => ['general', 'fund', 'soe'].includes(c));
  if (byFund) columns = [...DEFAULT_COLUMNS['three-public']];
  const reader: Reader = { block, columns, unit, ctx, headerTexts: new Set(header.map((l) => l.text.replace(/\s+/g, ''))) };
  if (half?.details.length) reader.details = [...half.details];
  if (isCodeTable(block.id) && /预算单位/.test(headerText)) reader.unitColumn = true;
  const centres = columnCentres(block.id, header, columns, ctx.year);
  if (centres) reader.centres = centres;
  // Another year's column is a leaf of the header: no other column sits under it.
  const found = centres ? headerColumns(block.id, header, ctx.year) : [];
  const prior = found.find((h) => h.column === 'prior');
  if (prior && !found.some((h) => h !== prior && h.x > prior.x0 && h.x < prior.x1)) reader.prior = prior.label;
  const rows = readRows(reader, body);
  if (block.id === 'three-public' && rows.length === 0) {
    const byYear = threePublicByYear(reader, header);
    if (byYear) {
      rows.push(byYear.row);
      // The items the table prints: 深圳's has no 机关运行经费, which is stated in the words only.
      columns = reader.columns = DEFAULT_COLUMNS['three-public'].filter((c) => c in byYear.row.cells);
      reader.details = byYear.details;
    }
  }
  // A “三公” table whose every cell is blank prints its header and no numbers at all.
  if (block.id === 'three-public' && rows.length === 0 && /运行费/.test(headerText)) rows.push({ key: 'budget', cells: {}, origin: { line: block.titleLine } });
  const table: DraftTable = { id: block.id, title: block.title, unit, columns, rows, origin: originOf(block.titleLine, block.titlePage) };
  // The header words as printed (PDF pages, where each word's column is known).
  const names = header.some((l) => l.chunks) && !byFund ? printedColumnNames(block.id, columns, headerColumns(block.id, header, ctx.year).map((h) => ({ column: h.column, text: h.label }))) : undefined;
  if (names) table.columnNames = names;
  const decimals = printedDecimals(body.flatMap((l) => tokens(l.text).filter((t) => AMOUNT_TOKEN.test(t) && /[.,]/.test(t))));
  if (decimals !== undefined) table.decimals = decimals;
  if (frame.preparer) table.preparer = frame.preparer;
  const note = noteText(block.lines);
  if (note) table.note = note;
  // 深圳's 收入总表 prints 财政拨款 by fund only: 财政拨款 is their sum.
  const funds = ['general', 'fund', 'soe'].filter((c) => columns.includes(c));
  if (block.id === 'income' && funds.length > 0 && !columns.includes('fiscal') && rows.every((r) => !r.pending)) {
    for (const r of rows) {
      if (funds.some((f) => r.cells[f] !== undefined)) r.cells.fiscal = funds.reduce((a, f) => a + (r.cells[f] ?? 0), 0);
      for (const f of funds) delete r.cells[f];
    }
    table.columns = columns.filter((c) => !funds.includes(c));
    table.columns.splice(1, 0, 'fiscal');
    reader.details = [...(reader.details ?? []), '财政拨款按一般公共预算、政府性基金预算、国有资本经营预算拨款之和计入'];
  }
  if (reader.details?.length) {
    const what = reader.details.some((d) => d.includes('栏中的')) ? '标准表以外各栏的数字未计入标准表' : block.id === 'income' ? '财政拨款按资金来源分列' : block.id === 'general-basic-economic' ? '经济分类款以下的明细行未计入标准表（其款已计入）' : block.id === 'three-public' ? `上年数与增减变化未计入标准表（标准表为 ${ctx.year} 年各项按资金来源相加）` : '不属于支出功能分类的支出项目未计入标准表';
    return byUnit(reader, { table, trailing, note: `《${block.title}》中${what}：${reader.details.join('；')}`, ...(byFund ? { whole: extraTable(block, BY_FUND) } : {}) });
  }
  if (byFund) return byUnit(reader, { table, trailing, whole: extraTable(block, BY_FUND), note: `《${block.title}》按资金来源分列，标准表取其合计栏；全表原样保留` });
  // 深圳's 一般公共预算支出表（按经济分类） holds 基本支出 and 项目支出: its 基本支出 column is the standard table, and the table is also kept whole.
  if (block.id === 'general-basic-economic' && columns.includes('basic') && columns.includes('project') && rows.every((r) => !r.pending)) {
    for (const r of rows) r.cells = r.cells.basic === undefined ? {} : { total: r.cells.basic };
    table.columns = ['total'];
    table.rows = rows.filter((r) => r.key === 'total' || r.cells.total !== undefined);
    return byUnit(reader, { table, trailing, whole: extraTable(block, '含基本支出与项目支出的经济分类表，原样保留；标准表取其基本支出列'), note: `《${block.title}》含项目支出，“一般公共预算基本支出经济分类”取其基本支出列` });
  }
  return byUnit(reader, { table, trailing });
}

/**
 * A table listed unit by unit (深圳, a department of several units): the department's own row (its
 * 合计, and any 科目 printed under it before the second unit) is the standard table; the whole
 * table, every unit's rows with their 科目, is kept as printed.
 */
function byUnit<T extends { table: DraftTable; trailing: Line[]; whole?: ExtraTable; note?: string }>(r: Reader, result: T): T {
  if (r.padded) r.said = [...(r.said ?? []), `《${r.block.title}》中少印了前导零的编码：${r.padded.join('；')}`];
  if (r.said) result = { ...result, note: [result.note, ...r.said].filter(Boolean).join('；') };
  if (!r.perUnit) return result;
  const { name, line } = r.perUnit;
  const at = line.page ? `第 ${line.page} 页` : `第 ${line.no} 行`;
  const own = result.table.rows.some((x) => x.key !== 'total') ? '合计行及其下所列科目' : '合计行';
  const reason = `${result.whole ? `${result.whole.reason}；` : ''}按预算单位分列，各单位的行及其科目原样保留，标准表只取部门的${own}`;
  const note = `《${r.block.title}》按预算单位分列（${at}“${name}”起为各单位的行），标准表只取部门的${own}，各单位的行原样保留`;
  const whole = extraTable(r.block, reason);
  // One row a unit, its wrapped name joined ("深圳市人力资源和社会保障" / numbers / "局（本级）"), the header as printed above.
  const rowLines = r.rowLines ?? [];
  const first = Math.min(...rowLines.map((l) => l.no));
  const cellsOf = (l: Line) => (l.chunks ? l.chunks.map((c) => c.text.trim()) : [...tokens(l.text)]);
  const header = r.block.lines.filter((l) => l.text.trim() && l.no < first);
  whole.headers = header.map(cellsOf);
  // The header repeated over a continuation page (words without amounts) is not a row.
  whole.rows = rowLines.filter((l) => tokens(l.text).some((t) => AMOUNT_TOKEN.test(t) && /[.,]/.test(t))).map(cellsOf);
  return { ...result, whole, note: result.note ? `${result.note}；${note}` : note };
}

function originOf(line: number, page?: number, y?: number): Origin {
  const o: Origin = { line };
  if (page) o.page = page;
  if (y !== undefined) o.y = Math.round(y * 10) / 10;
  return o;
}

const CODE_TOKEN = /^\d{3}(\d{2}){0,2}$/;

/**
 * A “三公” row: only numbers (上海), 合计 and numbers (浙江, by unit: the 合计 row is the budget), or
 * one item and its figure in a vertical list (福建: "2、公务接待费 5.00").
 */
function threePublicLine(t: string): { label: string; numbers: string[] } | undefined {
  const toks = tokens(t);
  const numbers = toks.filter((x) => AMOUNT_TOKEN.test(x));
  const label = toks.filter((x) => !AMOUNT_TOKEN.test(x)).join('');
  if (numbers.length === 0) return undefined;
  if (label === '' || isTotalLabel(label)) return { label, numbers };
  if (numbers.length === 1 && verticalColumn(label)) return { label, numbers };
  // 广州: one item a row, its 合计 first, then by fund (一般公共预算 …).
  if (numbers.length > 1 && verticalColumn(label)) return { label, numbers: numbers.slice(0, 1) };
  return undefined;
}

function verticalColumn(label: string): string | undefined {
  const bare = label.replace(/^其中[：:]?/, '').replace(/^[（(]?[\d一二三四五六七八九十]+[)）、.．]/, '');
  return isTotalLabel(bare) ? 'total' : threePublicRowOfLabel(bare);
}

function startsRow(id: TableId, t: string): boolean {
  const toks = tokens(t);
  // "合计 人员经费 日常公用支出" is a header line, not the 合计 row.
  if (isTotalLabel(toks[0] ?? '') && toks.length > 1 && toks.slice(1).every((x) => columnOfHeader(x, id))) return false;
  if (isCodeTable(id)) return CODE_TOKEN.test(toks[0] ?? '') || isTotalLabel(toks[0] ?? '');
  if (id === 'three-public') return threePublicLine(t) !== undefined;
  const first = runs(toks)[0]?.label ?? '';
  // "财政拨款收入 财政拨款支出" over the two sides is a header: a first row is numbered or has figures.
  const hasFigures = toks.some((x) => AMOUNT_TOKEN.test(x));
  return (hasFigures && (Boolean(incomeSourceOfLabel(first)) || isTotalLabel(first))) || /^[一二三四五六七八九十]+、/.test(first) || isExpenditureTotalLabel(first);
}

function endsTable(id: TableId, t: string): boolean {
  const toks = tokens(t);
  // "合计 基本支出 项目支出" repeated over a new page is a header, not the 合计 row.
  if (isCodeTable(id)) return isTotalLabel(toks[0] ?? '') && toks.some((x) => AMOUNT_TOKEN.test(x));
  if (id === 'three-public') return (threePublicLine(t)?.label ?? '') === '';
  return runs(toks).some((r) => isExpenditureTotalLabel(r.label));
}

function amounts(texts: string[], r: Reader, line: Line): Fen[] {
  return texts.map((x) => {
    const v = parseAmount(x, r.unit);
    if (v === null) throw new ImportError('bad-number', `${r.block.title}中的“${x}”不是可识别的金额`, { file: r.ctx.file, line: line.no, page: line.page }, '金额应为数字，可带千分位逗号和最多两位小数。');
    return v;
  });
}

/**
 * A row with all its columns printed is fixed; on a PDF page each number goes under the column
 * it sits under; otherwise (text) fewer numbers than columns leave the row pending for placement.
 */
function withNumbers(r: Reader, row: DraftRow, nums: Fen[], printed: string[], columns: string[], xs?: Span[]): DraftRow {
  if (nums.length === 0) return row;
  // Numbers under another year's column: kept in a note, the rest placed as usual.
  const priorAt = r.prior ? r.centres?.get('prior') : undefined;
  if (priorAt && xs && xs.length === nums.length && !xs.some((x) => Number.isNaN(x.x0)) && columns.every((c) => r.centres!.has(c))) {
    const isPrior = xs.map((x) => columns.every((c) => fit(x, priorAt) > fit(x, r.centres!.get(c)!)));
    if (isPrior.some(Boolean)) {
      const where = row.origin.page ? `第 ${row.origin.page} 页` : `第 ${row.origin.line} 行`;
      r.details = [...(r.details ?? []), `${where}“${[row.code, row.label].filter(Boolean).join(' ') || row.key}”“${r.prior}”栏中的 ${printed.filter((_, i) => isPrior[i]).join(' ')}`];
      const keep = (_: unknown, i: number) => !isPrior[i];
      return withNumbers({ ...r, prior: undefined } as Reader, row, nums.filter(keep), printed.filter(keep), columns, xs.filter(keep));
    }
  }
  if (nums.length === columns.length) {
    columns.forEach((c, i) => (row.cells[c] = nums[i]!));
    return row;
  }
  const placed = placeByPosition(xs, columns, r.centres);
  if (placed) {
    placed.forEach((c, i) => (row.cells[c] = nums[i]!));
    return row;
  }
  // Numbers right of every column the model knows (深圳's 政府采购项目 columns): the others placed, these kept in a note.
  if (xs && r.centres && nums.length > columns.length && !xs.some((x) => Number.isNaN(x.x0))) {
    const right = Math.max(...columns.map((c) => r.centres!.get(c)?.x1 ?? -Infinity));
    const inside = xs.map((x, i) => ({ x, i })).filter(({ x }) => x.x0 < right + 4);
    const beyond = xs.map((x, i) => ({ x, i })).filter(({ x }) => x.x0 >= right + 4);
    const placedInside = beyond.length > 0 ? placeByPosition(inside.map((p) => p.x), columns, r.centres) : undefined;
    if (placedInside) {
      placedInside.forEach((c, k) => (row.cells[c] = nums[inside[k]!.i]!));
      const where = row.origin.page ? `第 ${row.origin.page} 页` : `第 ${row.origin.line} 行`;
      r.details = [...(r.details ?? []), `${where}“${row.label ?? row.code ?? (row.key === 'budget' ? '预算数' : row.key)}”右侧栏中的 ${beyond.map((b) => printed[b.i]).join(' ')}`];
      return row;
    }
  }
  row.pending = { numbers: nums, columns, printed };
  return row;
}

/** A line that is a row of a code table: starts with a code or 合计 (else, on a PDF page, a fragment). */
function isCodeLine(line: Line): boolean {
  const first = tokens(line.text)[0] ?? '';
  return CODE_TOKEN.test(first) || isTotalLabel(first);
}

/** A 科目 row printed by name only (浙江): a name on the left and at least one amount. */
function isNamedRow(line: Line): boolean {
  const toks = tokens(line.text);
  return /[\u4e00-\u9fff]/.test(toks[0] ?? '') && toks.some((t) => AMOUNT_TOKEN.test(t) && /[.,]/.test(t));
}

function readRows(r: Reader, body: Line[]): DraftRow[] {
  const rows: DraftRow[] = [];
  r.byName = isCodeTable(r.block.id) && !!body[0]?.chunks && !body.some((l) => CODE_TOKEN.test(tokens(l.text)[0] ?? ''));
  const hasAmount = (l: Line) => tokens(l.text).some((t) => AMOUNT_TOKEN.test(t) && /[.,]/.test(t));
  // A unit's row in a 预算单位 column (深圳) is a row, its name maybe wrapped above and below its numbers.
  const isUnitRow = (l: Line) => isCodeTable(r.block.id) && !!r.unitColumn && !isCodeLine(l) && isUnitLine(l.text);
  r.namedLines = namedAmongCoded(r, body);
  const isRow = (l: Line) => isCodeLine(l) || isUnitRow(l) || ((!!r.byName || r.namedLines!.has(l.no)) && isNamedRow(l)) || HEADER_WORDS.test(l.text) || !!tableIdOfTitle(l.text);
  // In a total table a row is any line with words; lines of numbers alone are pieces of a wrapped figure.
  // A name wrapped around its numbers ("一、文化旅游体育与传媒支" / numbers / "出", 上海) is a fragment of the
  // line with numbers just above or below it that has nothing printed where the name is.
  const wrappedName = (l: Line) =>
    !!l.chunks &&
    l.y !== undefined &&
    !hasAmount(l) &&
    body.some((o) => o !== l && o.page === l.page && o.y !== undefined && Math.abs(o.y - l.y!) < 12 && hasAmount(o) && !o.chunks!.some((c) => l.chunks!.some((d) => Math.min(c.x1, d.x1) - Math.max(c.x0, d.x0) > 2)));
  const wrapped = body.filter(wrappedName);
  const isTotalRow = (l: Line) => (/[\u4e00-\u9fff]/.test(l.text) && !wrapped.includes(l)) || (hasAmount(l) && wrapped.some((o) => o.page === l.page && Math.abs((o.y ?? 0) - (l.y ?? 0)) < 12));
  const lines = isCodeTable(r.block.id) ? foldFragments(body, isRow) : r.block.id === 'three-public' ? body : foldFragments(body, isTotalRow);
  if (r.unitColumn) r.rowLines = lines;
  for (const line of lines) {
    // The units' own rows (the second unit on): kept whole with the table, not rows of the department's table.
    if (r.perUnit) continue;
    const toks = tokens(line.text);
    if (isUnitRow(line) && !isTotalLabel(toks[0] ?? '')) {
      const row = unitRow(r, rows, toks, line);
      if (row) rows.push(row);
      continue;
    }
    if (r.block.id === 'general-basic-economic' && /^\d{7}$/.test(toks[0] ?? '') && rows.some((x) => x.code === toks[0]!.slice(0, 5))) {
      r.details = [...(r.details ?? []), `第 ${line.page ?? line.no} ${line.page ? '页' : '行'}“${toks.join(' ')}”`];
      continue;
    }
    if (isCodeTable(r.block.id)) {
      const row = codeRow(r, toks, line);
      if (row) rows.push(row);
      else continuation(r, rows, toks, line);
    } else if (r.block.id === 'three-public') {
      threePublicRow(r, rows, line);
    } else {
      rows.push(...totalTableRows(r, toks, line));
    }
  }
  return rows;
}

/**
 * In a table whose 科目 rows carry codes, a row printed by name only (a 科目 the publisher's catalog
 * lacked): a name and amounts in the same columns as the amounts of the row beside it. A wrapped
 * piece of a row never has that: its numbers are the halves of the row's own.
 */
function namedAmongCoded(r: Reader, body: Line[]): Set<number> {
  const out = new Set<number>();
  if (!isCodeTable(r.block.id) || r.byName) return out;
  const amountChunks = (l: Line) => (l.chunks ?? []).filter((c) => AMOUNT_TOKEN.test(c.text) && /[.,]/.test(c.text));
  const overlaps = (a: LineChunk, b: LineChunk) => Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0) > 0;
  for (const l of body) {
    if (!l.chunks || l.y === undefined || isCodeLine(l) || !isNamedRow(l)) continue;
    const mine = amountChunks(l);
    const beside = body.filter((o) => o !== l && o.page === l.page && o.y !== undefined && Math.abs(o.y - l.y!) < 18 && (isCodeLine(o) || isNamedRow(o)));
    if (beside.some((o) => amountChunks(o).some((c) => mine.some((m) => overlaps(c, m))))) out.add(l.no);
  }
  return out;
}

/** Header lines that are a name's pieces just above a row's numbers (taken off the header). */
function wrappedAbove(header: Line[], row: Line): Line[] {
  const left = Math.min(...(row.chunks ?? []).filter((c) => tokens(c.text).some((x) => AMOUNT_TOKEN.test(x))).map((c) => c.x0));
  const out: Line[] = [];
  for (let last = header[header.length - 1]; last; last = header[header.length - 1]) {
    const gap = (row.y ?? NaN) - (last.y ?? NaN);
    if (last.page !== row.page || !(gap > 0 && gap < 12) || /\d/.test(last.text) || !(last.chunks ?? []).every((c) => c.x1 < left)) break;
    out.unshift(header.pop()!);
  }
  return out;
}

/** A line of a 预算单位 column (深圳): a unit's name and its amounts, or (its name wrapped away) three amounts or more. */
function isUnitLine(t: string): boolean {
  const toks = tokens(t);
  const money = (x: string) => AMOUNT_TOKEN.test(x) && /[.,]/.test(x);
  return /^[\u4e00-\u9fff]/.test(t.trim()) ? toks.some(money) : toks.length >= 3 && toks.every(money);
}

/**
 * The unit's own row in a table with a 预算单位 column (深圳): its figures are the table's total.
 * A second unit's row means the units follow one by one, each with its 科目: the first row (and
 * any 科目 printed under it before the second unit) is the department's, the rest is kept whole.
 */
function unitRow(r: Reader, rows: DraftRow[], toks: readonly string[], line: Line): DraftRow | undefined {
  const name = toks.filter((t) => !AMOUNT_TOKEN.test(t)).join('');
  if (rows.some((x) => x.key === 'total')) {
    r.perUnit = { name, line };
    return undefined;
  }
  const printed = toks.filter((t) => AMOUNT_TOKEN.test(t));
  const row: DraftRow = { key: 'total', label: name, cells: {}, origin: originOf(line.no, line.page, line.y) };
  return withNumbers(r, row, amounts(printed, r, line), printed, r.columns, amountCentres(line)?.slice(-printed.length));
}

/**
 * A “三公” table with a row per year and a column per item and fund (深圳: 总计, 因公出国(境)费 …
 * each split into 一般公共预算 / 政府性基金预算 / 国有资本经营预算; rows 2025 年, 2026 年, 增减变化金额):
 * the budget year's row, each item the sum of its funds; the other rows are kept in a note.
 */
function threePublicByYear(r: Reader, lines: Line[]): { row: DraftRow; details: string[] } | undefined {
  const yearRow = lines.findIndex((l) => l.text.replace(/\s+/g, '').includes(`${r.ctx.year}年`) && tokens(l.text).filter((t) => AMOUNT_TOKEN.test(t)).length >= 6);
  if (yearRow < 0) return undefined;
  const items = ['total', 'abroad', 'reception', 'vehicle', 'vehicle-purchase', 'vehicle-operation'];
  // Each item's label, the lowest where a spanning label sits over its 小计; in printed order.
  const found = new Map<string, { x: number; y: number }>();
  for (const l of lines.slice(0, yearRow)) {
    for (const c of l.chunks ?? []) {
      const column = columnOfHeader(c.text, 'three-public');
      if (!column || !items.includes(column)) continue;
      const prev = found.get(column);
      if (!prev || (l.y ?? 0) > prev.y) found.set(column, { x: c.x0, y: l.y ?? 0 });
    }
  }
  const order = [...found].sort((a, b) => a[1].x - b[1].x).map(([c]) => c);
  const line = lines[yearRow]!;
  const printed = tokens(line.text.replace(/\b(19|20)\d{2}\s*年/, ' ')).filter((t) => AMOUNT_TOKEN.test(t));
  if (order.length === 0 || printed.length % order.length !== 0) return undefined;
  const per = printed.length / order.length;
  const nums = amounts(printed, r, line);
  const row: DraftRow = { key: 'budget', cells: {}, origin: originOf(line.no, line.page, line.y) };
  order.forEach((c, i) => (row.cells[c] = nums.slice(i * per, (i + 1) * per).reduce((a, b) => a + b, 0)));
  const details = lines
    .filter((l, i) => i !== yearRow && tokens(l.text).some((t) => AMOUNT_TOKEN.test(t)))
    .map((l) => `第 ${l.page ?? l.no} ${l.page ? '页' : '行'}“${tokens(l.text).join(' ')}”`);
  return { row, details };
}

const BY_FUND = '按资金来源（一般公共预算、政府性基金预算、国有资本经营预算）分列的“三公”经费表，原样保留；标准表取其合计栏';

function threePublicRow(r: Reader, rows: DraftRow[], line: Line): void {
  const parsed = threePublicLine(line.text);
  if (!parsed) return;
  const budget = rows[0] ?? { key: 'budget', cells: {}, origin: originOf(line.no, line.page, line.y) };
  if (rows.length === 0) rows.push(budget);
  const nums = amounts(parsed.numbers, r, line);
  const column = parsed.label && !isTotalLabel(parsed.label) ? verticalColumn(parsed.label) : nums.length === 1 && parsed.label ? 'total' : undefined;
  if (column) {
    budget.cells[column] = nums[0]!;
    return;
  }
  // By unit (浙江): the 合计 row is the budget; the units' rows below it add nothing new.
  if (Object.keys(budget.cells).length > 0 || budget.pending) return;
  const xs = amountCentres(line)?.slice(-nums.length);
  Object.assign(budget, withNumbers(r, budget, nums, parsed.numbers, r.columns, xs));
}

function codeRow(r: Reader, toks: readonly string[], line: Line): DraftRow | undefined {
  const maxSub = r.block.id === 'general-basic-economic' ? 1 : 2;
  let i = 0;
  let code = '';
  let key: string;
  if (isTotalLabel(toks[0] ?? '')) {
    key = 'total';
    i = 1;
  } else if (/^\d{3}$/.test(toks[0] ?? '')) {
    code = toks[0]!;
    i = 1;
    while (i <= maxSub && /^\d{2}$/.test(toks[i] ?? '')) {
      code += toks[i]!;
      i++;
    }
    // A 款 printed without its leading zero ("301 2 津贴补贴", 上海): one digit before the name is a code, not an amount.
    if (i <= maxSub && /^\d$/.test(toks[i] ?? '') && /^[\u4e00-\u9fff]/.test(toks[i + 1] ?? '')) {
      code += `0${toks[i]!}`;
      r.padded = [...(r.padded ?? []), `第 ${line.page ?? line.no} ${line.page ? '页' : '行'}“${toks.slice(0, i + 2).join(' ')}”的编码“${toks[i]!}”按“0${toks[i]!}”读作 ${code}`];
      i++;
    }
    key = code;
  } else if (CODE_TOKEN.test(toks[0] ?? '') && toks[0]!.length <= 3 + maxSub * 2) {
    code = toks[0]!;
    i = 1;
    key = code;
  } else if ((r.byName || r.namedLines?.has(line.no)) && isNamedRow(line)) {
    let name = '';
    while (i < toks.length && !AMOUNT_TOKEN.test(toks[i]!)) name += toks[i++]!;
    code = codeByName(r, name, line);
    key = code || `name:${name}`;
    const row: DraftRow = { key, label: name, cells: {}, origin: originOf(line.no, line.page, line.y) };
    if (code) row.code = code;
    const printed = toks.slice(i);
    return withNumbers(r, row, amounts(printed, r, line), printed, r.columns, amountCentres(line)?.slice(-printed.length));
  } else return undefined;
  let label = '';
  while (i < toks.length && !AMOUNT_TOKEN.test(toks[i]!) && !(label && MISPRINTED_NUMBER.test(toks[i]!))) label += toks[i++]!;
  const printed = toks.slice(i);
  const nonAmount = printed.find((x) => !AMOUNT_TOKEN.test(x));
  if (nonAmount) {
    throw new ImportError('bad-number', `${r.block.title}中的“${nonAmount}”夹在金额之间，不是可识别的金额`, { file: r.ctx.file, line: line.no, page: line.page }, '请核对该行是否有错字或两行粘连。');
  }
  const row: DraftRow = { key, cells: {}, origin: originOf(line.no, line.page, line.y) };
  if (code) row.code = code;
  if (label) row.label = label;
  else if (key === 'total') row.label = toks[0]!;
  return withNumbers(r, row, amounts(printed, r, line), printed, r.columns, amountCentres(line)?.slice(-printed.length));
}

/** A line inside a table that is not a row: a repeated page header (skipped) or the rest of a wrapped name. */
function continuation(r: Reader, rows: DraftRow[], toks: readonly string[], line: Line): void {
  const text = toks.join('');
  if (HEADER_WORDS.test(toks.join(' ')) && !toks.some((t) => looksLikeAmount(t))) return;
  if (isAnyTableTitle(line.text)) return;
  // On a PDF page, words over the amount columns are a repeated header, not the rest of a name.
  if (line.chunks && r.centres && !toks.some((t) => AMOUNT_TOKEN.test(t) && /[.,]/.test(t)) && line.chunks.some((c) => c.x0 > Math.min(...[...r.centres!.values()].map((h) => (h.x0 + h.x1) / 2)) - 20)) return;
  const prev = rows[rows.length - 1];
  if (prev && !toks.some((t) => AMOUNT_TOKEN.test(t))) {
    prev.label = (prev.label ?? '') + text;
    return;
  }
  throw new ImportError('bad-row', `${r.block.title}中的这一行“${line.text.trim()}”既不是科目行也不是合计行`, { file: r.ctx.file, line: line.no, page: line.page }, '科目行应以 3 位类编码开头；请核对是否有错字或缺失的编码。');
}

/** An expenditure item of a total table (draft.ts); on a PDF page a name unknown under its 类 keeps its printed name. */
function expenditureKeyUnder(r: Reader, label: string, line: Line): string {
  const { key, unresolved } = sharedKeyUnder(r, label, line.no, r.ctx, r.block.title, Boolean(line.chunks));
  if (unresolved) r.unresolved = [...(r.unresolved ?? []), { label, line }];
  return key;
}

/** The code of a 科目 printed by name: a 类, or a 款/项 under the rows above it. */
function codeByName(r: Reader, name: string, line: Line): string {
  const scheme = r.block.id === 'general-basic-economic' ? 'economic-department' : 'function';
  const parents = r.parents ?? [];
  for (const parent of [...parents].reverse()) {
    const child = childByName(r.ctx, parent, name, scheme);
    if (child) {
      r.parents = [...parents.filter((p) => child.startsWith(p) && p !== child), child];
      return child;
    }
  }
  const cls = r.ctx.catalogs.classByName(scheme, name, r.ctx.year);
  if (cls) {
    r.parents = [cls];
    return cls;
  }
  r.unresolved = [...(r.unresolved ?? []), { label: name, line }];
  return '';
}

/**
 * On a PDF line each cell is a chunk: a label chunk far from the one before it starts a new item
 * even without numbering ("政府性基金预算" beside "其他社会工作事务支出"); close chunks are one label
 * printed with spaced characters ("收 入 总 计").
 */
function chunkRuns(line: Line): Split[] {
  const out: Split[] = [];
  let prevEnd = -Infinity;
  for (const c of line.chunks!) {
    const newCell = c.x0 - prevEnd >= 15;
    tokens(c.text).forEach((t, k) => {
      const last = out[out.length - 1];
      if (AMOUNT_TOKEN.test(t)) {
        if (!last) out.push({ label: '', numbers: [t] });
        else last.numbers.push(t);
      } else if (last && last.numbers.length === 0 && !ITEM_START.test(t) && (k > 0 || !newCell)) last.label += t;
      else out.push({ label: t, numbers: [] });
    });
    prevEnd = c.x1;
  }
  return out;
}

/** The header of a total table repeated on a new page: "本年收入 本年支出", "财政拨款收入 财政拨款支出", "项目 预算数 …", "项 目 2026 年预算数 …" (深圳). */
const REPEATED_HEADER = /^(本年收入|财政拨款收入|收\s*入)\s+(本年支出|财政拨款支出|支\s*出)$|^项\s*目\s+(\d{4}\s*年)?预算数/;

function totalTableRows(r: Reader, toks: readonly string[], line: Line): DraftRow[] {
  if (REPEATED_HEADER.test(normalizeSpaces(line.text).trim())) return [];
  if (r.headerTexts?.has(line.text.replace(/\s+/g, '')) && !toks.some((t) => AMOUNT_TOKEN.test(t))) return [];
  const out: DraftRow[] = [];
  const xs = amountCentres(line);
  let used = 0;
  for (const run of line.chunks ? chunkRuns(line) : runs(toks)) {
    if (!run.label) {
      throw new ImportError('bad-row', `${r.block.title}这一行的数字“${run.numbers.join(' ')}”前没有项目名称`, { file: r.ctx.file, line: line.no, page: line.page }, '请核对该行是否被截断。');
    }
    if (isNonClassExpenditure(run.label)) {
      r.details = [...(r.details ?? []), `第 ${line.page ?? line.no} ${line.page ? '页' : '行'}“${run.label} ${run.numbers.join(' ')}”`];
      used += run.numbers.length;
      continue;
    }
    // "合 计 … 合 计" (重庆): the income side's total, then the expenditure side's.
    const total = isTotalLabel(run.label) ? (out.length === 0 ? 'income.total' : 'expenditure.total') : undefined;
    let incomeKey = total ?? (out.length === 0 ? incomeRowKey(r.block.id, run.label) : undefined);
    if (r.block.id === 'fiscal' && incomeKey) {
      if (r.underCarryover && /^income\.(general|fund|soe)$/.test(incomeKey)) incomeKey = incomeKey.replace('income.', 'income.carryover.');
      else r.underCarryover = incomeKey === 'income.carryover';
    }
    const key = incomeKey ?? expenditureKeyUnder(r, run.label, line);
    const row: DraftRow = { key, label: run.label, cells: {}, origin: originOf(line.no, line.page, line.y) };
    const rowCols = rowColumns(r.block.id, key, r.columns);
    const nums = amounts(run.numbers, r, line);
    out.push(withNumbers(r, row, nums, run.numbers, rowCols, xs?.slice(used, used + nums.length)));
    used += nums.length;
  }
  return out;
}
