/**
 * Tables written as markdown (| cell | cell |), as in seed 000: every cell is in its column,
 * so numbers are placed by the header. A table split by a page break continues in a second
 * markdown block, with its own header or a blank one (then the previous header still holds).
 */
import { parseAmount, type Fen } from '../../model/money.js';
import type { TableId } from '../../model/tables.js';
import { DEFAULT_COLUMNS, SUMMARY_UNIT_COLUMNS, isCodeTable } from '../../model/tables.js';
import type { DraftRow, DraftTable, RowContext } from '../draft.js';
import { expenditureRowKey, incomeRowKey, printedDecimals } from '../draft.js';
import { ImportError } from '../errors.js';
import { columnOfHeader, isTotalLabel } from '../titles.js';
import type { Line, TableBlock } from './segment.js';
import { isTableNote, noteText, readFrameLine, type TableFrame } from './table-lines.js';

type Role = { kind: 'code'; level: 0 | 1 | 2 } | { kind: 'name' } | { kind: 'label'; side: 'income' | 'expenditure' } | { kind: 'amount'; column: string } | { kind: 'none' };

interface MdRow {
  cells: string[];
  line: Line;
}

function splitRow(text: string): string[] {
  const inner = text.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split('|').map((c) => c.trim());
}

const isSeparator = (cells: string[]) => cells.every((c) => /^:?-{2,}:?$/.test(c));
const CODE_WORDS: Record<string, 0 | 1 | 2> = { 类: 0, 款: 1, 项: 2 };

function isDataRow(cells: string[], table: TableId): boolean {
  const first = cells[0] ?? '';
  if (isCodeTable(table)) return /^\d{3}$/.test(first) || isTotalLabel(first);
  if (table === 'three-public') return cells.some((c) => /\d/.test(c)) && cells.every((c) => c === '' || /^[-\d,.]+$/.test(c));
  return cells.some((c) => /^[-\d,]+(\.\d+)?$/.test(c)) || /^[一二三四五六七八九十\d]+[、.]/.test(first) || /总计|合计/.test(first);
}

/** Column roles from the header rows: for each column, the most specific header word under it. */
function rolesFromHeader(header: string[][], table: TableId, width: number): Role[] | undefined {
  if (header.every((r) => r.every((c) => c === ''))) return undefined;
  const roles: Role[] = [];
  let labelsSeen = 0;
  for (let i = 0; i < width; i++) {
    const words = header.map((r) => r[i] ?? '').filter(Boolean);
    let role: Role = { kind: 'none' };
    for (const w of [...words].reverse()) {
      const bare = w.replace(/\s+/g, '');
      if (bare in CODE_WORDS) role = { kind: 'code', level: CODE_WORDS[bare]! };
      else if (/科目名称$/.test(bare)) role = { kind: 'name' };
      else if (/^项目$/.test(bare) && !isCodeTable(table)) role = { kind: 'label', side: labelsSeen === 0 ? 'income' : 'expenditure' };
      else {
        const col = columnOfHeader(bare, table);
        if (!col) continue;
        role = { kind: 'amount', column: col === 'amount' && labelsSeen > 1 ? 'total' : col };
      }
      break;
    }
    if (role.kind === 'label') labelsSeen++;
    roles.push(role);
  }
  return roles;
}

function amountOf(text: string, unit: 'yuan' | 'wanyuan', line: Line, ctx: RowContext, title: string): Fen | undefined {
  if (text === '' || text === '-' || text === '—') return undefined;
  const v = parseAmount(text, unit);
  if (v === null) {
    throw new ImportError('bad-number', `${title}中的“${text}”不是可识别的金额`, { file: ctx.file, line: line.no }, '金额应为数字，可带千分位逗号和最多两位小数（万元表最多六位）。');
  }
  return v;
}

export function parseMarkdownTable(block: TableBlock, ctx: RowContext): { table: DraftTable; trailing: Line[] } {
  const frame: TableFrame = {};
  const groups: MdRow[][] = [];
  const trailing: Line[] = [];
  let current: MdRow[] | undefined;
  for (const line of block.lines) {
    const t = line.text.trim();
    if (t.startsWith('|')) {
      const cells = splitRow(t);
      if (isSeparator(cells)) continue;
      if (!current) groups.push((current = []));
      current.push({ cells, line });
      continue;
    }
    current = undefined;
    if (!t || readFrameLine(t, frame) || isTableNote(t)) continue;
    trailing.push(line);
  }
  const unit = frame.unit ?? 'yuan';
  let roles: Role[] | undefined;
  const rows: DraftRow[] = [];
  for (const group of groups) {
    const firstData = group.findIndex((r) => isDataRow(r.cells, block.id));
    const header = group.slice(0, firstData < 0 ? group.length : firstData).map((r) => r.cells);
    const width = Math.max(...group.map((r) => r.cells.length));
    roles = rolesFromHeader(header, block.id, width) ?? (roles && roles.length === width ? roles : undefined);
    if (!roles) {
      throw new ImportError('header', `${block.title}的续表没有表头，列数（${width}）也与前表不同，无法确定各列`, { file: ctx.file, line: group[0]!.line.no }, '请补上续表的表头。');
    }
    if (block.id === 'three-public' && !roles.some((r) => r.kind === 'amount')) roles = DEFAULT_COLUMNS['three-public'].map((c) => ({ kind: 'amount', column: c }) as Role);
    for (const r of group.slice(firstData < 0 ? group.length : firstData)) {
      if (r.cells.every((c) => c === '')) continue;
      rows.push(...rowOf(r, roles, block, unit, ctx));
    }
  }
  const columns = columnsOf(block.id, roles ?? []);
  const table: DraftTable = { id: block.id, title: block.title, unit, columns, rows, origin: { line: block.titleLine } };
  const decimals = printedDecimals(groups.flat().flatMap((r) => r.cells.filter((c) => /^-?[\d,]+(\.\d+)?$/.test(c) && /[.,]/.test(c))));
  if (decimals !== undefined) table.decimals = decimals;
  if (frame.preparer) table.preparer = frame.preparer;
  const note = noteText(block.lines);
  if (note) table.note = note;
  return { table, trailing };
}

function columnsOf(id: TableId, roles: Role[]): string[] {
  const found = roles.flatMap((r) => (r.kind === 'amount' ? [r.column] : []));
  if (id === 'summary') return found.includes('personnel') ? [...SUMMARY_UNIT_COLUMNS] : ['amount', 'total'];
  if (id === 'fiscal') return [...DEFAULT_COLUMNS.fiscal];
  const unique = [...new Set(found)];
  return unique.length > 0 ? unique : [...DEFAULT_COLUMNS[id]];
}

function rowOf(r: MdRow, roles: Role[], block: TableBlock, unit: 'yuan' | 'wanyuan', ctx: RowContext): DraftRow[] {
  const origin = { line: r.line.no };
  if (isCodeTable(block.id) || block.id === 'three-public') {
    const codes: string[] = ['', '', ''];
    let name: string | undefined;
    const cells: Record<string, Fen> = {};
    roles.forEach((role, i) => {
      const text = r.cells[i] ?? '';
      if (role.kind === 'code') codes[role.level] = text;
      else if (role.kind === 'name' && text) name = text;
      else if (role.kind === 'amount') {
        const v = amountOf(text, unit, r.line, ctx, block.title);
        if (v !== undefined) cells[role.column] = v;
      }
    });
    if (block.id === 'three-public') return [{ key: 'budget', cells, origin }];
    if (isTotalLabel(codes[0]!)) return [{ key: 'total', label: codes[0]!, cells, origin }];
    const code = codeOf(codes, r.line, ctx, block.title);
    const row: DraftRow = { key: code, code, cells, origin };
    if (name) row.label = name;
    return [row];
  }
  return totalTableRows(r, roles, block, unit, ctx);
}

function codeOf(parts: string[], line: Line, ctx: RowContext, title: string): string {
  const [c1 = '', c2 = '', c3 = ''] = parts;
  if (!/^\d{3}$/.test(c1) || (c2 && !/^\d{2}$/.test(c2)) || (c3 && !/^\d{2}$/.test(c3)) || (!c2 && c3)) {
    throw new ImportError('bad-code', `${title}中的科目编码“${parts.filter(Boolean).join(' ')}”不符合类（3位）/款（2位）/项（2位）的格式`, { file: ctx.file, line: line.no }, '请核对编码是否印错。');
  }
  return c1 + c2 + c3;
}

/** A row of 收支总表 / 财政拨款收支总表 carries an income item and an expenditure item side by side. */
function totalTableRows(r: MdRow, roles: Role[], block: TableBlock, unit: 'yuan' | 'wanyuan', ctx: RowContext): DraftRow[] {
  const out: DraftRow[] = [];
  let side: DraftRow | undefined;
  roles.forEach((role, i) => {
    const text = r.cells[i] ?? '';
    if (role.kind === 'label') {
      side = undefined;
      if (!text) return;
      const key = role.side === 'income' ? incomeRowKey(block.id, text) : expenditureRowKey(text, r.line.no, ctx, block.title);
      if (!key) throw new ImportError('bad-label', `${block.title}的收入项目“${text}”无法识别`, { file: ctx.file, line: r.line.no }, '收入项目应为财政拨款收入、事业收入、其他收入等。');
      side = { key, label: text, cells: {}, origin: { line: r.line.no } };
      out.push(side);
    } else if (role.kind === 'amount' && side) {
      const v = amountOf(text, unit, r.line, ctx, block.title);
      const column = side.key.startsWith('income.') ? 'amount' : role.column;
      if (v !== undefined) side.cells[column] = v;
    }
  });
  return out;
}
