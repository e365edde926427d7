/**
 * A 部门决算 table (meta.kind 'final', model/tables.ts FINAL_*) from the lines of its block: PDF lines
 * with their positioned pieces, or markdown rows, whose cells are given positions by their column
 * (so both go the same way). Each number goes under the header word it sits under; a 科目 row is
 * known by its code, a row of the two total tables by its label (决算总表's 本年收入合计, 结余分配 …,
 * or a 功能分类 类 by name). Names wrapped above and below their row are folded into it. Nothing is
 * guessed: a number under no header, two numbers under one, or a label no model row has, stop the
 * table with the line concerned (the document reader then keeps it whole as unread).
 */
import { parseAmount, type Fen } from '../../model/money.js';
import { FINAL_COLUMNS, type TableId } from '../../model/tables.js';
import type { DraftRow, DraftTable, RowContext } from '../draft.js';
import { printedDecimals } from '../draft.js';
import { ImportError } from '../errors.js';
import { stripNumbering } from '../titles.js';
import { normalizeSpaces } from '../text/normalize.js';
import type { Line, TableBlock } from '../text/segment.js';
import { isTableNote, noteText, readFrameLine, type TableFrame } from '../text/table-lines.js';

interface Cell {
  text: string;
  x0: number;
  x1: number;
}

interface Row {
  line: Line;
  cells: Cell[];
}

interface Column {
  column: string;
  x0: number;
  x1: number;
}

const AMOUNT = /^-?(?:(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+|\d{1,3}(?:,\d{3})+)$/;
const CODE = /^\d{3}(?:\d{2}){0,2}$/;
const NUMBERED = /^[一二三四五六七八九十]+、/;
/** Markdown cells are placed one column a hundred points wide, so the same positional reading applies. */
const MD_WIDTH = 100;

/** Header words of each 决算 table → column (the template's wording; a wrapped label by its first piece). */
const HEADER_WORDS: Partial<Record<TableId, [RegExp, string][]>> = {
  income: [[/^本年收入合计$/, 'total'], [/^财政拨款(收入)?$/, 'fiscal'], [/^上级补助收入$/, 'superior'], [/^事业收入$/, 'business'], [/^(事业单位)?经营收入$/, 'operating'], [/^附属单位(上缴收入)?$/, 'affiliated'], [/^其他收入$/, 'other']],
  expenditure: [[/^本年支出合计$/, 'total'], [/^基本支出$/, 'basic'], [/^项目支出$/, 'project'], [/^上缴上级支出$/, 'to-superior'], [/^经营支出$/, 'operating-spending'], [/^对附属单位补(助支出)?$/, 'subsidiary']],
  'general-function': [[/^合计$/, 'total'], [/^基本支出$/, 'basic'], [/^项目支出$/, 'project']],
  'fund-function': [[/^年初结转和(结余)?$/, 'opening'], [/^本年收入$/, 'current-income'], [/^(合计|本年支出合计)$/, 'total'], [/^基本支出$/, 'basic'], [/^项目支出$/, 'project'], [/^年末结转和(结余)?$/, 'closing']],
  fiscal: [[/^决算数$/, 'amount'], [/^合计$/, 'total'], [/^一般公共(预|预算|预算财政拨款)?$/, 'general'], [/^政府性基(金|金预算财政拨款)?$/, 'fund'], [/^国有资本(经营预算财政拨款)?$/, 'soe']],
};
HEADER_WORDS['soe-function'] = HEADER_WORDS['fund-function'];
HEADER_WORDS['general-basic-economic'] = [[/^决算数$/, 'total'], [/^人员经费$/, 'personnel'], [/^公用经费$/, 'public']];

/** The pieces of a line: PDF chunks, or markdown cells at their column's place. */
function cellsOf(line: Line): Cell[] | undefined {
  const t = line.text.trim();
  if (t.startsWith('|')) {
    const parts = t.replace(/^\|/, '').replace(/\|$/, '').split('|').map((c) => c.trim());
    if (parts.every((c) => /^:?-{2,}:?$/.test(c))) return [];
    return parts.flatMap((text, i) => (text ? [{ text: text.replace(/\s+/g, ''), x0: i * MD_WIDTH, x1: i * MD_WIDTH + MD_WIDTH - 10 }] : []));
  }
  if (!line.chunks) return undefined;
  return line.chunks.flatMap((c) => {
    const words = c.text.trim().split(/\s+/).filter(Boolean);
    // Two numbers (or a code and a number) in one piece: x shared out by characters.
    if (words.length > 1 && words.some((w) => AMOUNT.test(w))) {
      const raw = c.text.trim();
      const per = (c.x1 - c.x0) / raw.length;
      let at = 0;
      return words.map((w) => {
        const start = raw.indexOf(w, at);
        at = start + w.length;
        return { text: w, x0: c.x0 + start * per, x1: c.x0 + at * per };
      });
    }
    const text = c.text.replace(/\s+/g, '');
    return text ? [{ text, x0: c.x0, x1: c.x1 }] : [];
  });
}

/** How well a piece sits under a header: their overlap, else (negative) the distance of their centres. */
function fit(a: { x0: number; x1: number }, h: { x0: number; x1: number }): number {
  const overlap = Math.min(a.x1, h.x1) - Math.max(a.x0, h.x0);
  return overlap > 0 ? overlap : -Math.abs((a.x0 + a.x1) / 2 - (h.x0 + h.x1) / 2);
}

function nearest(c: Cell, columns: Column[]): Column {
  return columns.reduce((best, h) => (fit(c, h) > fit(c, best) ? h : best), columns[0]!);
}

function originOf(line: Line) {
  return { line: line.no, ...(line.page ? { page: line.page } : {}), ...(line.y !== undefined ? { y: Math.round(line.y * 10) / 10 } : {}) };
}

class FinalReader {
  readonly amounts: string[] = [];
  readonly notes: string[] = [];
  constructor(
    readonly block: TableBlock,
    readonly ctx: RowContext,
    readonly unit: 'yuan' | 'wanyuan',
  ) {}

  error(code: string, message: string, line: Line, hint: string): ImportError {
    return new ImportError(code, `${this.block.title}${message}`, { file: this.ctx.file, line: line.no, page: line.page }, hint);
  }

  amount(c: Cell, line: Line): Fen {
    const v = parseAmount(c.text, this.unit);
    if (v === null) throw this.error('bad-number', `中的“${c.text}”不是可识别的金额`, line, '金额应为数字，可带千分位逗号和最多两位小数。');
    this.amounts.push(c.text);
    return v;
  }

  /** Numbers of a line under their columns; two under one column, or one under none, stop the table. */
  place(row: DraftRow, cells: Cell[], columns: Column[], line: Line): void {
    for (const c of cells) {
      const h = nearest(c, columns);
      if (fit(c, h) < -1.5 * MD_WIDTH) throw this.error('bad-column', `中的“${c.text}”不在任何一栏之下`, line, '请核对该行的数字是否错位。');
      if (row.cells[h.column] !== undefined) throw this.error('bad-column', `这一行有两个数字（“${c.text}”等）在同一栏“${h.column}”之下`, line, '请核对该行的数字是否错位或粘连。');
      row.cells[h.column] = this.amount(c, line);
    }
  }
}

export interface FinalTableResult {
  table: DraftTable;
  trailing: Line[];
  note?: string;
}

/**
 * A 决算 table block → a draft table (no number left pending: every one is placed by its header).
 * `given`: the unit and 编制单位 when read elsewhere (a workbook's frame cells).
 */
export function parseFinalTable(block: TableBlock, ctx: RowContext, given: TableFrame = {}): FinalTableResult {
  const frame: TableFrame = { ...given };
  const rows: Row[] = [];
  const trailing: Line[] = [];
  let ended = false;
  for (const line of block.lines) {
    const t = normalizeSpaces(line.text).trim();
    if (!t) continue;
    if (ended) {
      if (!isTableNote(t)) trailing.push(line);
      continue;
    }
    if (isTableNote(t)) {
      ended = true;
      continue;
    }
    if (readFrameLine(t, frame)) continue;
    const cells = cellsOf(line);
    if (!cells) throw new ImportError('flat-final', `${block.title}是由 PDF 转出、空白单元格已消失的文字，决算表无法按列读出`, { file: ctx.file, line: line.no }, '请提供 PDF 原件，或以 markdown 表格（每格一栏）给出决算表。');
    if (cells.length > 0) rows.push({ line, cells });
  }
  const r = new FinalReader(block, ctx, frame.unit ?? 'yuan');
  let first = rows.findIndex((x) => isDataRow(block.id, x.cells));
  // The first row's name wrapped above it ("一般公共服务" / "201 …" / "支出") is a piece of that row, not of the header.
  while (first > 0 && isNamePiece(rows[first - 1]!, rows[first]!)) first--;
  const header = first < 0 ? rows : rows.slice(0, first);
  const body = first < 0 ? [] : rows.slice(first);
  let draftRows: DraftRow[];
  let columns: string[];
  switch (block.id) {
    case 'summary':
    case 'fiscal':
      ({ rows: draftRows, columns } = totalTable(r, header, body));
      break;
    case 'general-basic-economic':
      ({ rows: draftRows, columns } = economicTable(r, header, body));
      break;
    case 'three-public':
      ({ rows: draftRows, columns } = threePublicTable(r, header, body));
      break;
    default:
      ({ rows: draftRows, columns } = codeTable(r, header, body));
  }
  const table: DraftTable = { id: block.id, title: block.title, unit: r.unit, columns, rows: draftRows, origin: { line: block.titleLine, ...(block.titlePage ? { page: block.titlePage } : {}) } };
  const decimals = printedDecimals(r.amounts);
  if (decimals !== undefined) table.decimals = decimals;
  if (frame.preparer) table.preparer = frame.preparer;
  const note = noteText(block.lines);
  if (note) table.note = note;
  return { table, trailing, ...(r.notes.length ? { note: r.notes.join('；') } : {}) };
}

function isDataRow(id: TableId, cells: Cell[]): boolean {
  const first = cells[0]?.text ?? '';
  if (cells.some((c) => AMOUNT.test(c.text))) return true;
  if (id === 'summary' || id === 'fiscal') return NUMBERED.test(first);
  if (id === 'three-public') return false;
  return CODE.test(first);
}

const HEADER_LABEL = /^(项目|科目名称|科目编码|功能分类|经济分类|功能分类科目编码|经济分类科目编码|合计|收入|支出|决算数|预算数)$/;

function isNamePiece(row: Row, next: Row): boolean {
  const { line } = row;
  if (line.y === undefined || next.line.y === undefined || line.page !== next.line.page || next.line.y - line.y >= 18) return false;
  return row.cells.every((c) => !AMOUNT.test(c.text) && !CODE.test(c.text) && !HEADER_LABEL.test(c.text) && /[\u4e00-\u9fff]/.test(c.text)) && !Object.values(HEADER_WORDS).some((ws) => ws!.some(([re]) => row.cells.some((c) => re.test(c.text))));
}

/** Header columns of a table from its header words; a word printed twice is the one further right (the 合计 row shares the fund tables' last header line). */
function wordColumns(id: TableId, header: Row[]): Column[] {
  const words = HEADER_WORDS[id] ?? [];
  const found = new Map<string, Column>();
  for (const row of header) {
    for (const c of row.cells) {
      const column = words.find(([re]) => re.test(c.text))?.[1];
      if (!column) continue;
      const prev = found.get(column);
      if (!prev || c.x0 > prev.x0) found.set(column, { column, x0: c.x0, x1: c.x1 });
    }
  }
  return [...found.values()].sort((a, b) => a.x0 - b.x0);
}

/** The 决算数 header words, left to right. */
function amountHeaders(header: Row[]): Column[] {
  return header
    .flatMap((r) => r.cells)
    .filter((c) => /^决算数$/.test(c.text))
    .sort((a, b) => a.x0 - b.x0)
    .map((c) => ({ column: '', x0: c.x0, x1: c.x1 }));
}

function modelColumns(id: TableId, found: string[]): string[] {
  const cols = FINAL_COLUMNS[id].filter((c) => found.includes(c));
  return cols.length > 0 ? cols : [...FINAL_COLUMNS[id]];
}

interface Anchor {
  line: Line;
  code?: string;
  total?: string;
  name: string[];
  numbers: Cell[];
}

/**
 * Rows of a 科目 list (a code table, or one half of the economic table): a row starts with its code
 * or 合计 label, or prints numbers; name pieces on lines of their own are folded into the nearest row.
 */
function anchorsOf(r: FinalReader, lines: Row[], totalLabel: RegExp): Anchor[] {
  const anchors: Anchor[] = [];
  const fragments: Row[] = [];
  for (const row of lines) {
    let [head, ...rest] = row.cells;
    if (!head) continue;
    // A code printed in 类 / 款 / 项 columns ("208 | 05 | 05", as budgetbook prints it): one code.
    while (/^\d{3}(\d{2})?$/.test(head.text) && /^\d{2}$/.test(rest[0]?.text ?? '') && head.text.length < 7) {
      head = { ...head, text: head.text + rest[0]!.text, x1: rest[0]!.x1 };
      rest = rest.slice(1);
    }
    const numbers = row.cells.filter((c) => AMOUNT.test(c.text));
    const words = row.cells.filter((c) => !AMOUNT.test(c.text));
    if (CODE.test(head.text)) anchors.push({ line: row.line, code: head.text, name: rest.filter((c) => !AMOUNT.test(c.text)).map((c) => c.text), numbers });
    else if (totalLabel.test(head.text)) anchors.push({ line: row.line, total: head.text, name: [], numbers });
    else if (numbers.length > 0) {
      // A row whose code was printed alone on the line before (a page's last line, 规划和自然资源局 p. 15).
      const prev = anchors[anchors.length - 1];
      if (prev?.code && prev.numbers.length === 0 && prev.name.length === 0) {
        prev.name.push(...words.map((c) => c.text));
        prev.numbers.push(...numbers);
        continue;
      }
      throw r.error('bad-row', `中的这一行“${row.cells.map((c) => c.text).join(' ')}”有金额，但没有科目编码`, row.line, '科目行应以类（3 位）、款（5 位）或项（7 位）编码开头；请核对是否缺失编码。');
    } else fragments.push(row);
  }
  // Name pieces above and below a row (a long name wraps in its cell): to the nearest row on the page.
  for (const f of fragments) {
    const y = f.line.y;
    if (y === undefined) continue;
    const near = anchors.filter((a) => a.line.page === f.line.page && a.line.y !== undefined && Math.abs(a.line.y - y) < 18).sort((a, b) => Math.abs(a.line.y! - y) - Math.abs(b.line.y! - y))[0];
    if (!near) continue;
    const text = f.cells.map((c) => c.text).join('');
    if (y < near.line.y!) near.name.unshift(text);
    else near.name.push(text);
  }
  return anchors;
}

function codeTable(r: FinalReader, header: Row[], body: Row[]): { rows: DraftRow[]; columns: string[] } {
  const cols = wordColumns(r.block.id, header);
  if (cols.length === 0) throw r.error('header', '的表头中没有找到决算表的栏目（如“本年收入合计”“基本支出”）', header[0]?.line ?? r.block.lines[0]!, '请核对表头是否完整。');
  const rows: DraftRow[] = [];
  for (const a of anchorsOf(r, body, /^(合计|总计)$/)) {
    const row: DraftRow = a.code ? { key: a.code, code: a.code, cells: {}, origin: originOf(a.line) } : { key: 'total', label: a.total!, cells: {}, origin: originOf(a.line) };
    const name = a.name.join('').replace(/\s+/g, '');
    if (a.code && name && !/^[…。.]+$/.test(name)) row.label = name.replace(/…+$/, '');
    r.place(row, a.numbers, cols, a.line);
    const same = rows.find((x) => x.key === row.key);
    if (same) throw r.error('duplicate-row', `中的“${row.label ?? row.key}”出现了两次`, a.line, '请核对是否重复印出。');
    rows.push(row);
  }
  // The template's fund tables print their 合计 label inside the header: the table always has its total row.
  if (!rows.some((x) => x.key === 'total')) rows.unshift({ key: 'total', label: '合计', cells: {}, origin: { line: r.block.titleLine } });
  return { rows, columns: modelColumns(r.block.id, cols.map((c) => c.column)) };
}

/** 一般公共预算财政拨款基本支出决算表: 人员经费 on the left half, 公用经费 on the right, one 决算数 each. */
function economicTable(r: FinalReader, header: Row[], body: Row[]): { rows: DraftRow[]; columns: string[] } {
  const [left, right] = amountHeaders(header);
  // The list layout (one row a 科目, 决算数 | 人员经费 | 公用经费 across, as budgetbook publishes it).
  if (!right && wordColumns('general-basic-economic', header).length === 3) return codeTable(r, header, body);
  if (!left || !right) throw r.error('header', '的表头应有左右两栏“决算数”（人员经费、公用经费）', header[0]?.line ?? r.block.lines[0]!, '请核对表头是否完整。');
  const codeHeads = header.flatMap((x) => x.cells).filter((c) => /^(科目编码|经济分类|经济分类科目编码)$/.test(c.text) && c.x0 > left.x1);
  const split = codeHeads.length > 0 ? Math.min(...codeHeads.map((c) => c.x0)) - 4 : left.x1 + 8;
  const half = (keep: (c: Cell) => boolean) => body.map((b) => ({ ...b, cells: b.cells.filter(keep) })).filter((b) => b.cells.length > 0);
  const rows: DraftRow[] = [];
  const total: DraftRow = { key: 'total', label: '人员经费合计 / 公用经费合计', cells: {}, origin: { line: r.block.titleLine } };
  for (const [side, cells, head] of [['personnel', half((c) => c.x0 < split), left], ['public', half((c) => c.x0 >= split), right]] as const) {
    for (const a of anchorsOf(r, cells, /^(人员经费合计|公用经费合计|合计)$/)) {
      const column = { column: side, x0: head.x0, x1: head.x1 };
      if (a.total) {
        total.origin = originOf(a.line);
        r.place(total, a.numbers, [column], a.line);
        continue;
      }
      const row: DraftRow = { key: a.code!, code: a.code!, cells: {}, origin: originOf(a.line) };
      const name = a.name.join('').replace(/\s+/g, '');
      if (name) row.label = name;
      r.place(row, a.numbers, [column], a.line);
      if (row.cells[side] !== undefined) row.cells.total = row.cells[side]!;
      if (rows.some((x) => x.key === row.key)) throw r.error('duplicate-row', `中的“${row.label ?? row.key}”出现了两次`, a.line, '请核对是否重复印出。');
      rows.push(row);
    }
  }
  if (total.cells.personnel !== undefined || total.cells.public !== undefined) {
    total.cells.total = (total.cells.personnel ?? 0) + (total.cells.public ?? 0);
    r.notes.push(`《${r.block.title}》只印人员经费合计与公用经费合计，基本支出合计按两者之和计入`);
  }
  rows.push(total);
  return { rows, columns: [...FINAL_COLUMNS['general-basic-economic']] };
}

/** 财政拨款“三公”经费支出决算表: each item's 预算数 and 决算数, as the rows `budget` and `final`. */
function threePublicTable(r: FinalReader, header: Row[], body: Row[]): { rows: DraftRow[]; columns: string[] } {
  const GROUPS: [RegExp, string][] = [[/^合计$/, 'total'], [/^因公出国/, 'abroad'], [/^(小计|公务用车购置及运行维护费小计)$/, 'vehicle'], [/^(公务用车)?购置费$/, 'vehicle-purchase'], [/^(公务用车)?运行维护费$/, 'vehicle-operation'], [/^公务接待费$/, 'reception']];
  const all = header.flatMap((x) => x.cells);
  const groups = all.flatMap((c) => {
    const column = GROUPS.find(([re]) => re.test(c.text))?.[1];
    return column ? [{ column, x0: c.x0, x1: c.x1 }] : [];
  });
  const pairs = all.filter((c) => /^(预算数|决算数)$/.test(c.text));
  const columns: Column[] = pairs.map((p) => {
    const g = groups.reduce((best, h) => (fit(p, h) > fit(p, best) ? h : best), groups[0]!);
    return { column: `${p.text === '预算数' ? 'budget' : 'final'}|${g?.column ?? ''}`, x0: p.x0, x1: p.x1 };
  });
  const budget: DraftRow = { key: 'budget', label: '预算数', cells: {}, origin: { line: r.block.titleLine } };
  const final: DraftRow = { key: 'final', label: '决算数', cells: {}, origin: { line: r.block.titleLine } };
  if (new Set(columns.map((c) => c.column)).size !== columns.length || groups.length === 0) {
    throw r.error('header', '的表头无法对应到各项的“预算数”与“决算数”', header[0]?.line ?? r.block.lines[0]!, '表头应为合计、因公出国（境）费、公务用车购置及运行维护费（小计、购置费、运行维护费）、公务接待费，各分预算数与决算数。');
  }
  for (const row of body) {
    const both: DraftRow = { key: '', cells: {}, origin: originOf(row.line) };
    const numbers = row.cells.filter((c) => AMOUNT.test(c.text));
    if (numbers.length !== row.cells.length) throw r.error('bad-row', `中的这一行“${row.cells.map((c) => c.text).join(' ')}”不是一行金额`, row.line, '“三公”经费决算表的数据行只有金额。');
    r.place(both, numbers, columns, row.line);
    for (const [k, v] of Object.entries(both.cells)) {
      const [which, column] = k.split('|') as [string, string];
      const target = which === 'budget' ? budget : final;
      if (target.cells[column] !== undefined) throw r.error('bad-row', '有不止一行金额', row.line, '“三公”经费决算表只有一行预算数与决算数。');
      target.cells[column] = v;
      target.origin = originOf(row.line);
    }
  }
  return { rows: [budget, final], columns: [...FINAL_COLUMNS['three-public']] };
}

/** Labels of the two total tables' rows that are not a 功能分类 类. */
const INCOME_LABELS: [RegExp, string][] = [
  [/^一般公共预算财政拨款(收入)?$/, 'general'],
  [/^政府性基金预算财政拨款(收入)?$/, 'fund'],
  [/^国有资本经营预算财政拨款(收入)?$/, 'soe'],
  [/^上级补助收入$/, 'income.superior'],
  [/^事业收入$/, 'income.business'],
  [/^(事业单位)?经营收入$/, 'income.operating'],
  [/^附属单位上缴收入$/, 'income.affiliated'],
  [/^其他收入$/, 'income.other'],
  [/^本年收入合计$/, 'income.current'],
  [/^使用非财政拨款结余(和专用结余)?$/, 'income.non-fiscal-balance'],
  [/^年初(财政拨款)?结转和结余$/, 'income.carryover'],
  [/^(总计|收入总计)$/, 'income.total'],
];
const EXPENDITURE_LABELS: [RegExp, string][] = [
  [/^本年支出合计$/, 'expenditure.current'],
  [/^结余分配$/, 'expenditure.distribution'],
  [/^年末(财政拨款)?结转和结余$/, 'expenditure.carry-forward'],
  [/^(总计|支出总计)$/, 'expenditure.total'],
];

interface Item {
  side: 'income' | 'expenditure';
  label: string;
  numbers: Cell[];
  line: Line;
}

/** 收入支出决算总表 and 财政拨款收入支出决算总表: income items on the left, expenditure items on the right. */
function totalTable(r: FinalReader, header: Row[], body: Row[]): { rows: DraftRow[]; columns: string[] } {
  const id = r.block.id;
  const heads = amountHeaders(header);
  const cols: Column[] =
    id === 'summary'
      ? heads.slice(0, 2).map((h, i) => ({ ...h, column: i === 0 ? 'amount' : 'total' }))
      : wordColumns('fiscal', header).filter((c) => c.column !== 'amount' || c.x0 === heads[0]?.x0);
  const income = cols.find((c) => c.column === 'amount');
  if (!income || cols.length < 2) throw r.error('header', '的表头应有收入“决算数”与支出各栏', header[0]?.line ?? r.block.lines[0]!, '请核对表头是否完整。');
  const split = income.x1 + 4;
  const items: Item[] = [];
  for (const row of body) {
    const labels = row.cells.filter((c) => !AMOUNT.test(c.text));
    const numbers = row.cells.filter((c) => AMOUNT.test(c.text));
    for (const side of ['income', 'expenditure'] as const) {
      const words = labels.filter((c) => (side === 'income' ? c.x0 < split : c.x0 >= split));
      const nums = numbers.filter((c) => (nearest(c, cols).column === 'amount') === (side === 'income'));
      if (words.length === 0) {
        if (nums.length > 0) throw r.error('bad-row', `这一行的数字“${nums.map((c) => c.text).join(' ')}”前没有项目名称`, row.line, '请核对该行是否被截断。');
        continue;
      }
      const label = words.map((c) => c.text).join('');
      const prev = [...items].reverse().find((x) => x.side === side);
      // The rest of a wrapped label ("二十二、灾害防治及应急管理支" / "出"): no numbering, no row of its own.
      if (prev && nums.length === 0 && !NUMBERED.test(label) && !knownLabel(label) && prev.line.page === row.line.page) {
        prev.label += label;
        continue;
      }
      items.push({ side, label, numbers: nums, line: row.line });
    }
  }
  const rows: DraftRow[] = [];
  let afterCarryover = false;
  for (const item of items) {
    const bare = stripNumbering(item.label);
    let key: string | undefined;
    if (item.side === 'income') {
      const found = INCOME_LABELS.find(([re]) => re.test(bare))?.[1];
      if (found === 'income.carryover') afterCarryover = true;
      key = found && ['general', 'fund', 'soe'].includes(found) ? (id === 'summary' ? `income.fiscal.${found}` : afterCarryover ? `income.carryover.${found}` : `income.${found}`) : found;
      if (id === 'fiscal' && key && !/^income\.(general|fund|soe|current|carryover|total)/.test(key)) key = undefined;
    } else {
      key = EXPENDITURE_LABELS.find(([re]) => re.test(bare))?.[1];
      if (id === 'fiscal' && key === 'expenditure.distribution') key = undefined;
      if (!key) {
        // A 类 with nothing spent is printed and left blank: no row.
        if (item.numbers.length === 0) continue;
        const code = r.ctx.catalogs.classByName('function', bare, r.ctx.year);
        if (code) key = `expenditure.${code}`;
      }
    }
    if (!key) throw r.error('bad-label', `的${item.side === 'income' ? '收入' : '支出'}项目“${item.label}”不是决算表的项目`, item.line, item.side === 'income' ? '收入项目应为模板所列（一般公共预算财政拨款收入……年初结转和结余、总计）。' : '支出项目应为支出功能分类的类名称，或本年支出合计、结余分配、年末结转和结余、总计。');
    if (rows.some((x) => x.key === key)) throw r.error('duplicate-row', `中的“${item.label}”出现了两次`, item.line, '请核对是否重复印出。');
    const row: DraftRow = { key, label: item.label, cells: {}, origin: originOf(item.line) };
    const allowed = key.startsWith('income.') ? cols.filter((c) => c.column === 'amount') : cols.filter((c) => c.column !== 'amount');
    r.place(row, item.numbers, allowed, item.line);
    rows.push(row);
  }
  const columns = id === 'summary' ? ['amount', 'total'] : ['amount', ...modelColumns('fiscal', cols.map((c) => c.column)).filter((c) => c !== 'amount')];
  return { rows, columns };
}

function knownLabel(label: string): boolean {
  const bare = stripNumbering(label);
  return [...INCOME_LABELS, ...EXPENDITURE_LABELS].some(([re]) => re.test(bare));
}
