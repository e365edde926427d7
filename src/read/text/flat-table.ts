/**
 * Tables flattened from a PDF into lines of text, as in seed 003: blank cells vanished, so a
 * row "210 13 医疗救助 42,406,400.00 42,376,400.00 30,000.00" says which numbers it has but not
 * in which columns. Rows are read here with their numbers pending; draft.ts places them.
 */
import { looksLikeAmount, parseAmount, type Fen } from '../../model/money.js';
import type { TableId } from '../../model/tables.js';
import { DEFAULT_COLUMNS, INCOME_SOURCES, SUMMARY_UNIT_COLUMNS, isCodeTable, rowColumns } from '../../model/tables.js';
import type { DraftRow, DraftTable, RowContext } from '../draft.js';
import { expenditureRowKey, incomeRowKey } from '../draft.js';
import { ImportError } from '../errors.js';
import { columnOfHeader, incomeSourceOfLabel, isExpenditureTotalLabel, isTotalLabel } from '../titles.js';
import { normalizeSpaces } from './normalize.js';
import type { Line, TableBlock } from './segment.js';
import { isTableNote, noteText, readFrameLine, type TableFrame } from './table-lines.js';

const AMOUNT_TOKEN = /^[-+]?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
/** A token with digits and no hanzi after a name is a number, even when misprinted ("222,3OO.00"). */
const MISPRINTED_NUMBER = /^(?=.*\d)[^\u4e00-\u9fff（）()]+$/;
const HEADER_WORDS = /合计|科目|编码|预算数|项\s*目|本年收入|本年支出|基本支出|项目支出|人员经费|公用经费|类\s+款|^类$|经费|收入预算|支出预算/;

function tokens(text: string): string[] {
  return normalizeSpaces(text).trim().split(/ +/).filter(Boolean);
}

/** Columns the header mentions, in the table's standard order (flattened headers lose positions). */
function columnsFromHeader(id: TableId, header: string): string[] {
  const words = new Set(header.split(/\s+/).map((w) => columnOfHeader(w)).filter(Boolean));
  switch (id) {
    case 'summary':
      return /人员经费|公用经费|项目支出/.test(header) ? [...SUMMARY_UNIT_COLUMNS] : ['amount', 'total'];
    case 'income':
      return ['total', ...INCOME_SOURCES.filter((s) => DEFAULT_COLUMNS.income.includes(s) || words.has(s))];
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

function runs(toks: string[]): Split[] {
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

export function parseFlatTable(block: TableBlock, ctx: RowContext): { table: DraftTable; trailing: Line[] } {
  const frame: TableFrame = {};
  const headerText: string[] = [];
  const body: Line[] = [];
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
    if (!started && !startsRow(block.id, t)) {
      headerText.push(t);
      continue;
    }
    started = true;
    body.push(line);
    if (endsTable(block.id, t)) ended = true;
  }
  const unit = frame.unit ?? 'yuan';
  const columns = columnsFromHeader(block.id, headerText.join(' '));
  const rows = readRows(block, body, columns, unit, ctx);
  // A “三公” table whose every cell is blank prints its header and no numbers at all.
  if (block.id === 'three-public' && rows.length === 0 && /运行费/.test(headerText.join(''))) rows.push({ key: 'budget', cells: {}, origin: { line: block.titleLine } });
  const table: DraftTable = { id: block.id, title: block.title, unit, columns, rows, origin: { line: block.titleLine } };
  if (frame.preparer) table.preparer = frame.preparer;
  const note = noteText(block.lines);
  if (note) table.note = note;
  return { table, trailing };
}

function startsRow(id: TableId, t: string): boolean {
  const toks = tokens(t);
  if (isCodeTable(id)) return /^\d{3}$/.test(toks[0] ?? '') || isTotalLabel(toks[0] ?? '');
  if (id === 'three-public') return toks.length > 0 && toks.every((x) => AMOUNT_TOKEN.test(x));
  const first = runs(toks)[0]?.label ?? '';
  return Boolean(incomeSourceOfLabel(first)) || /^[一二三四五六七八九十]+、/.test(first) || isExpenditureTotalLabel(first);
}

function endsTable(id: TableId, t: string): boolean {
  const toks = tokens(t);
  if (isCodeTable(id)) return isTotalLabel(toks[0] ?? '');
  if (id === 'three-public') return true;
  return runs(toks).some((r) => isExpenditureTotalLabel(r.label));
}

function amounts(texts: string[], unit: 'yuan' | 'wanyuan', line: Line, ctx: RowContext, title: string): Fen[] {
  return texts.map((x) => {
    const v = parseAmount(x, unit);
    if (v === null) throw new ImportError('bad-number', `${title}中的“${x}”不是可识别的金额`, { file: ctx.file, line: line.no }, '金额应为数字，可带千分位逗号和最多两位小数。');
    return v;
  });
}

/** A row with all its columns printed is fixed; fewer numbers leave it pending for placement. */
function withNumbers(row: DraftRow, nums: Fen[], printed: string[], columns: string[]): DraftRow {
  if (nums.length === 0) return row;
  if (nums.length === columns.length) {
    columns.forEach((c, i) => (row.cells[c] = nums[i]!));
    return row;
  }
  row.pending = { numbers: nums, columns, printed };
  return row;
}

function readRows(block: TableBlock, body: Line[], columns: string[], unit: 'yuan' | 'wanyuan', ctx: RowContext): DraftRow[] {
  const rows: DraftRow[] = [];
  for (const line of body) {
    const toks = tokens(line.text);
    if (isCodeTable(block.id)) {
      const row = codeRow(block, toks, line, columns, unit, ctx);
      if (row) rows.push(row);
      else continuation(rows, toks, line, block, ctx);
    } else if (block.id === 'three-public') {
      const nums = amounts(toks, unit, line, ctx, block.title);
      rows.push(withNumbers({ key: 'budget', cells: {}, origin: { line: line.no } }, nums, toks, columns));
    } else {
      rows.push(...totalTableRows(block, toks, line, columns, unit, ctx));
    }
  }
  return rows;
}

function codeRow(block: TableBlock, toks: string[], line: Line, columns: string[], unit: 'yuan' | 'wanyuan', ctx: RowContext): DraftRow | undefined {
  const maxSub = block.id === 'general-basic-economic' ? 1 : 2;
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
    key = code;
  } else return undefined;
  let label = '';
  while (i < toks.length && !AMOUNT_TOKEN.test(toks[i]!) && !(label && MISPRINTED_NUMBER.test(toks[i]!))) label += toks[i++]!;
  const printed = toks.slice(i);
  const nonAmount = printed.find((x) => !AMOUNT_TOKEN.test(x));
  if (nonAmount) {
    throw new ImportError('bad-number', `${block.title}中的“${nonAmount}”夹在金额之间，不是可识别的金额`, { file: ctx.file, line: line.no }, '请核对该行是否有错字或两行粘连。');
  }
  const row: DraftRow = { key, cells: {}, origin: { line: line.no } };
  if (code) row.code = code;
  if (label) row.label = label;
  else if (key === 'total') row.label = toks[0]!;
  return withNumbers(row, amounts(printed, unit, line, ctx, block.title), printed, columns);
}

/** A line inside a table that is not a row: a repeated page header (skipped) or the rest of a wrapped name. */
function continuation(rows: DraftRow[], toks: string[], line: Line, block: TableBlock, ctx: RowContext): void {
  const text = toks.join('');
  if (HEADER_WORDS.test(toks.join(' ')) && !toks.some((t) => looksLikeAmount(t))) return;
  const prev = rows[rows.length - 1];
  if (prev && !toks.some((t) => AMOUNT_TOKEN.test(t))) {
    prev.label = (prev.label ?? '') + text;
    return;
  }
  throw new ImportError('bad-row', `${block.title}中的这一行“${line.text.trim()}”既不是科目行也不是合计行`, { file: ctx.file, line: line.no }, '科目行应以 3 位类编码开头；请核对是否有错字或缺失的编码。');
}

function totalTableRows(block: TableBlock, toks: string[], line: Line, columns: string[], unit: 'yuan' | 'wanyuan', ctx: RowContext): DraftRow[] {
  const out: DraftRow[] = [];
  for (const run of runs(toks)) {
    if (!run.label) {
      throw new ImportError('bad-row', `${block.title}这一行的数字“${run.numbers.join(' ')}”前没有项目名称`, { file: ctx.file, line: line.no }, '请核对该行是否被截断。');
    }
    const incomeKey = out.length === 0 ? incomeRowKey(block.id, run.label) : undefined;
    const key = incomeKey ?? expenditureRowKey(run.label, line.no, ctx, block.title);
    const row: DraftRow = { key, label: run.label, cells: {}, origin: { line: line.no } };
    const rowCols = rowColumns(block.id, key, columns);
    const nums = amounts(run.numbers, unit, line, ctx, block.title);
    out.push(withNumbers(row, nums, run.numbers, rowCols));
  }
  return out;
}
