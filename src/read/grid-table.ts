/**
 * A table whose every cell sits in its column: rows of cell texts under header rows, as markdown
 * prints it (seed 000) and as a spreadsheet holds it. Numbers are placed by the header. A table
 * split by a page break (or over two sheets) continues in a second group of rows, with its own
 * header or none (then the previous header still holds). The markdown and XLSX importers both
 * read through here; each says where a cell is, so errors point at a line or at a cell address.
 */
import type { Origin } from '../model/document.js';
import { parseAmount, looksLikeAmount, type Fen, type MoneyUnit } from '../model/money.js';
import type { TableId } from '../model/tables.js';
import { DEFAULT_COLUMNS, SUMMARY_UNIT_COLUMNS, isCodeTable } from '../model/tables.js';
import type { DraftRow, DraftTable, RowContext } from './draft.js';
import { expenditureKeyUnder, incomeRowKey, printedDecimals, type ParentTrail } from './draft.js';
import { ImportError, type ErrorPlace } from './errors.js';
import { columnOfHeader, isTotalLabel } from './titles.js';

type Role = { kind: 'code'; level: 0 | 1 | 2 } | { kind: 'name' } | { kind: 'label'; side: 'income' | 'expenditure' } | { kind: 'amount'; column: string } | { kind: 'none' };

export interface GridRowInput {
  /** Cell texts, trimmed; '' for a blank cell. */
  cells: string[];
  /** Cells that held a number rather than text (a 款 typed as 1 means 01). */
  numeric?: boolean[];
  origin: Origin;
  /** Where cell `col` is, for errors. */
  place(col: number): ErrorPlace;
  /** Where cell `col` is, kept in the document (XLSX: its address). */
  cellOrigin?(col: number): Origin;
}

export interface GridTableInput {
  id: TableId;
  title: string;
  unit: MoneyUnit;
  /** Runs of rows, each starting with its header rows (or none, continuing the previous header). */
  groups: GridRowInput[][];
  origin: Origin;
  preparer?: string;
  note?: string;
  /** A 款 or 项 name of a total table not found under its 类 keeps its printed name (rows are certain here). */
  lenientNames?: boolean;
}

const CODE_WORDS: Record<string, 0 | 1 | 2> = { 类: 0, 款: 1, 项: 2 };

export function isDataRow(cells: string[], table: TableId): boolean {
  const first = cells[0] ?? '';
  // A 科目 printed by name only (浙江, no code in the catalog) has blank code cells and amounts.
  if (isCodeTable(table)) return /^\d{3}$/.test(first) || isTotalLabel(first) || (first === '' && cells.some((c) => /^-?(\d{1,3}(,\d{3})+|\d+)\.\d+$|^-?\d{1,3}(,\d{3})+$/.test(c)));
  if (table === 'three-public') return cells.some((c) => /\d/.test(c)) && cells.every((c) => c === '' || /^[-\d,.]+$/.test(c));
  // The income side may be blank where the expenditure side still lists its 类.
  return cells.some((c) => /^[-\d,]+(\.\d+)?$/.test(c) || /^[一二三四五六七八九十\d]+、/.test(c) || /^(收入|支出)(总计|合计)$/.test(c)) || /^[一二三四五六七八九十\d]+[、.]/.test(first) || /总计|合计/.test(first);
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

function amountOf(text: string, unit: MoneyUnit, place: ErrorPlace, title: string): Fen | undefined {
  if (text === '' || text === '-' || text === '—') return undefined;
  const v = parseAmount(text, unit);
  if (v !== null) return v;
  if (looksLikeAmount(text)) {
    const decimals = (text.split('.')[1] ?? '').length;
    throw new ImportError(
      'bad-number',
      `${title}中的金额“${text}”有 ${decimals} 位小数，超出${unit === 'yuan' ? '“元”表两位小数（分）' : '“万元”表六位小数（分）'}的精度`,
      place,
      '金额以分为最小单位，导入时不作四舍五入：请核对原数，改为正确的金额。',
    );
  }
  throw new ImportError('bad-number', `${title}中的“${text}”不是可识别的金额`, place, '金额应为数字，可带千分位逗号和最多两位小数（万元表最多六位）。');
}

/** A grid table → a draft table; throws located errors for what cannot be read. */
export function parseGridTable(input: GridTableInput, ctx: RowContext): DraftTable {
  let roles: Role[] | undefined;
  const rows: DraftRow[] = [];
  const trail: ParentTrail = {};
  for (const group of input.groups) {
    if (group.length === 0) continue;
    const firstData = group.findIndex((r) => isDataRow(r.cells, input.id));
    const header = group.slice(0, firstData < 0 ? group.length : firstData).map((r) => r.cells);
    const width = Math.max(...group.map((r) => r.cells.length));
    roles = rolesFromHeader(header, input.id, width) ?? (roles && roles.length === width ? roles : undefined);
    if (!roles) {
      throw new ImportError('header', `${input.title}的续表没有表头，列数（${width}）也与前表不同，无法确定各列`, group[0]!.place(0), '请补上续表的表头。');
    }
    if (input.id === 'three-public' && !roles.some((r) => r.kind === 'amount')) roles = DEFAULT_COLUMNS['three-public'].map((c) => ({ kind: 'amount', column: c }) as Role);
    for (const r of group.slice(firstData < 0 ? group.length : firstData)) {
      if (r.cells.every((c) => c === '')) continue;
      rows.push(...rowOf(r, roles, input, ctx, trail));
    }
  }
  const columns = columnsOf(input.id, roles ?? []);
  const table: DraftTable = { id: input.id, title: input.title, unit: input.unit, columns, rows, origin: input.origin };
  const decimals = printedDecimals(input.groups.flat().flatMap((r) => r.cells.filter((c) => /^-?[\d,]+(\.\d+)?$/.test(c) && /[.,]/.test(c))));
  if (decimals !== undefined) table.decimals = decimals;
  if (input.preparer) table.preparer = input.preparer;
  if (input.note) table.note = input.note;
  return table;
}

function columnsOf(id: TableId, roles: Role[]): string[] {
  const found = roles.flatMap((r) => (r.kind === 'amount' ? [r.column] : []));
  if (id === 'summary') return found.includes('personnel') ? [...SUMMARY_UNIT_COLUMNS] : ['amount', 'total'];
  if (id === 'fiscal') return ['amount', 'total', ...(['general', 'fund', 'soe'] as const).filter((c) => found.includes(c))];
  const unique = [...new Set(found)];
  return unique.length > 0 ? unique : [...DEFAULT_COLUMNS[id]];
}

function setCell(row: DraftRow, column: string, value: Fen, r: GridRowInput, col: number): void {
  row.cells[column] = value;
  const origin = r.cellOrigin?.(col);
  if (origin) (row.cellOrigins ??= {})[column] = origin;
}

function rowOf(r: GridRowInput, roles: Role[], input: GridTableInput, ctx: RowContext, trail: ParentTrail): DraftRow[] {
  const origin = r.origin;
  if (!(isCodeTable(input.id) || input.id === 'three-public')) return totalTableRows(r, roles, input, ctx, trail);
  const codes: string[] = ['', '', ''];
  const codeCols: number[] = [];
  let name: string | undefined;
  const row: DraftRow = { key: '', cells: {}, origin };
  roles.forEach((role, i) => {
    const text = r.cells[i] ?? '';
    if (role.kind === 'code') {
      codes[role.level] = role.level > 0 && r.numeric?.[i] && /^\d$/.test(text) ? `0${text}` : text;
      codeCols[role.level] = i;
    } else if (role.kind === 'name' && text) name = text;
    else if (role.kind === 'amount') {
      const v = amountOf(text, input.unit, r.place(i), input.title);
      if (v !== undefined) setCell(row, role.column, v, r, i);
    }
  });
  if (input.id === 'three-public') return [{ ...row, key: 'budget' }];
  if (isTotalLabel(codes[0]!)) return [{ ...row, key: 'total', label: codes[0]! }];
  if (codes.every((c) => c === '') && name) return [{ ...row, key: `name:${name}`, label: name }];
  row.key = row.code = codeOf(codes, r.place(codeCols[0] ?? 0), input.title);
  if (name) row.label = name;
  return [row];
}

function codeOf(parts: string[], place: ErrorPlace, title: string): string {
  const [c1 = '', c2 = '', c3 = ''] = parts;
  if (!/^\d{3}$/.test(c1) || (c2 && !/^\d{2}$/.test(c2)) || (c3 && !/^\d{2}$/.test(c3)) || (!c2 && c3)) {
    throw new ImportError('bad-code', `${title}中的科目编码“${parts.filter(Boolean).join(' ')}”不符合类（3位）/款（2位）/项（2位）的格式`, place, '请核对编码是否印错。');
  }
  return c1 + c2 + c3;
}

/** A row of 收支总表 / 财政拨款收支总表 carries an income item and an expenditure item side by side. */
function totalTableRows(r: GridRowInput, roles: Role[], input: GridTableInput, ctx: RowContext, trail: ParentTrail): DraftRow[] {
  const out: DraftRow[] = [];
  let side: DraftRow | undefined;
  roles.forEach((role, i) => {
    const text = r.cells[i] ?? '';
    if (role.kind === 'label') {
      side = undefined;
      if (!text) return;
      const place = r.place(i);
      let key = role.side === 'income' ? (isTotalLabel(text) ? 'income.total' : incomeRowKey(input.id, text)) : isTotalLabel(text) ? 'expenditure.total' : expenditureKeyUnder(trail, text, place, ctx, input.title, input.lenientNames ?? false).key;
      // Below 上年结转 of a 财政拨款收支总表, its parts by fund (重庆), as the PDF reader keys them.
      if (input.id === 'fiscal' && key?.startsWith('income.')) {
        if (trail.underCarryover && /^income\.(general|fund|soe)$/.test(key)) key = key.replace('income.', 'income.carryover.');
        else trail.underCarryover = key === 'income.carryover';
      }
      if (!key) throw new ImportError('bad-label', `${input.title}的收入项目“${text}”无法识别`, place, '收入项目应为财政拨款收入、事业收入、其他收入等。');
      side = { key, label: text, cells: {}, origin: r.cellOrigin?.(i) ?? r.origin };
      out.push(side);
    } else if (role.kind === 'amount' && side) {
      const v = amountOf(text, input.unit, r.place(i), input.title);
      const column = side.key.startsWith('income.') ? 'amount' : role.column;
      if (v !== undefined) setCell(side, column, v, r, i);
    }
  });
  return out;
}
