/**
 * The standard printed layout of each of the nine tables as a neutral grid: header cells with
 * their spans, and body rows of text cells. HTML, PDF and XLSX all draw from this one layout.
 */
import type { BudgetTable, TableRow } from '../../model/document.js';
import { formatWanyuan, formatYuanGrouped, type Fen, type MoneyUnit } from '../../model/money.js';
import { COLUMN_NAMES, isCodeTable, rowColumns } from '../../model/tables.js';
import { codeParts, sideBySideLines } from '../text/layout.js';
import type { NameFill } from './names.js';
import { finalHeaders, finalThreePublicGrid, isFinalTable } from './final-grid.js';

export type Align = 'left' | 'center' | 'right';

export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowspan: number;
  colspan: number;
}

export interface GridCell {
  text: string;
  /** The amount in 分 for number cells (blank cells have none). */
  amount?: Fen;
  /** Model address of the cell, for marking findings. */
  ref?: { row: string; column: string };
  kind: 'code' | 'name' | 'label' | 'number' | 'empty';
  /** Indentation level of a 科目 name (0 = 类). */
  level?: number;
  /** A name the source did not print, filled from the document's other tables or the catalog: where from. */
  filled?: string;
}

export interface GridRow {
  key: string;
  cells: GridCell[];
  total: boolean;
}

export interface ColumnSpec {
  kind: 'code' | 'name' | 'label' | 'number';
  /** Relative width (characters of the widest content or header word). */
  width: number;
  align: Align;
}

export interface TableGrid {
  columns: ColumnSpec[];
  header: HeaderCell[];
  headerRows: number;
  body: GridRow[];
  unit: MoneyUnit;
  /** A note under the table when names were filled ("注：带 * 的科目名称……"). */
  filledNote?: string;
}

export interface GridOptions {
  unit?: MoneyUnit;
  /** Print zero cells as 0.00 (the documents' markdown habit) rather than blank. */
  zeros?: boolean;
  /** Names for 科目 rows the source printed without one (publish/layout/names.ts). */
  fillName?: NameFill;
  /** The top header band of the Shanghai template ("项目 | 一般公共预算支出"). */
  band?: boolean;
}

/**
 * An amount as the table prints it: whole-yuan tables (decimals 0) without the ".00" they do not
 * claim, 万元 always with two decimals.
 */
export function printedAmount(fen: Fen, unit: MoneyUnit, decimals?: number): string {
  if (unit === 'wanyuan') return formatWanyuan(fen);
  const grouped = formatYuanGrouped(fen);
  return decimals === 0 && fen % 100 === 0 ? grouped.slice(0, -3) : grouped;
}

function money(fen: Fen | undefined, unit: MoneyUnit, zeros: boolean, decimals?: number): string {
  if (fen === undefined || (fen === 0 && !zeros)) return '';
  return printedAmount(fen, unit, decimals);
}

/** The band over the amounts in the Shanghai template, by table. */
const BANDS: Partial<Record<BudgetTable['id'], string>> = {
  income: '收入预算',
  expenditure: '支出预算',
  'general-function': '一般公共预算支出',
  'fund-function': '政府性基金预算支出',
  'soe-function': '国有资本经营预算支出',
  'general-basic-economic': '一般公共预算基本支出',
};

/** Documents whose layout prints the header band (the Shanghai template; other provinces' layouts do not). */
export function printsBand(meta: { region: string }): boolean {
  return meta.region.startsWith('上海');
}

/** "编制部门" in a department's document, "编制单位" in a unit's, as the documents print it. */
export function preparerWord(scope: 'department' | 'unit' | undefined): string {
  return scope === 'department' ? '编制部门' : '编制单位';
}

function numberCells(row: TableRow, cols: string[], unit: MoneyUnit, zeros: boolean, decimals?: number): GridCell[] {
  return cols.map((c) => {
    const cell: GridCell = { text: money(row.cells[c], unit, zeros, decimals), kind: 'number', ref: { row: row.key, column: c } };
    if (row.cells[c] !== undefined) cell.amount = row.cells[c];
    return cell;
  });
}

const h = (text: string, row: number, col: number, rowspan = 1, colspan = 1): HeaderCell => ({ text, row, col, rowspan, colspan });

/** A column's header word: as the source printed it (columnNames), else the standard name. */
export const columnName = (t: Pick<BudgetTable, 'columnNames'>, column: string): string => t.columnNames?.[column] ?? COLUMN_NAMES[column] ?? column;

/** The total row prints its own word (合计 or 总计), so that a reader gets back what the document says. */
const totalLabel = (r: TableRow): string => (/^(合计|总计)$/.test((r.label ?? '').replace(/\s+/g, '')) ? r.label! : '合计');

function codeGrid(t: BudgetTable, unit: MoneyUnit, zeros: boolean, options: GridOptions): TableGrid {
  const economic = t.id === 'general-basic-economic';
  const levels = economic ? ['类', '款'] : ['类', '款', '项'];
  const cols = t.columns;
  const n = levels.length;
  const band = options.band && BANDS[t.id] ? BANDS[t.id]! : undefined;
  const b = band ? 1 : 0;
  const header = [
    ...(band ? [h('项目', 0, 0, 1, n + 1), h(band, 0, n + 1, 1, cols.length)] : []),
    h(economic ? '部门预算经济分类科目编码' : '功能分类科目编码', b, 0, 1, n),
    h(economic ? '经济分类科目名称' : '功能分类科目名称', b, n, 2, 1),
    ...cols.map((c, i) => h(columnName(t, c), b, n + 1 + i, 2, 1)),
    ...levels.map((l, i) => h(l, b + 1, i)),
  ];
  const filledFrom = new Set<string>();
  const body = t.rows.map((r) => {
    // A row without a code is the 合计, or (浙江) a 科目 printed by name only: its name, no codes.
    const named = !r.code && r.key !== 'total';
    const parts = r.code ? codeParts(r.code).slice(0, n) : named ? levels.map(() => '') : [totalLabel(r), ...levels.slice(1).map(() => '')];
    const level = r.code ? (r.code.length - 3) / 2 : 0;
    const codeCells: GridCell[] = parts.map((p) => ({ text: p, kind: p ? 'code' : 'empty' }));
    const name: GridCell = { text: r.code || named ? r.label ?? '' : '', kind: 'name', level };
    const fill = r.code && !r.label?.trim() ? options.fillName?.(t, r) : undefined;
    if (fill) {
      name.text = `${fill.name}*`;
      name.filled = fill.from;
      filledFrom.add(fill.from);
    }
    return { key: r.key, total: r.key === 'total', cells: [...codeCells, name, ...numberCells(r, cols, unit, zeros, t.decimals)] };
  });
  const columns: ColumnSpec[] = [
    ...levels.map((): ColumnSpec => ({ kind: 'code', width: 3, align: 'center' })),
    { kind: 'name', width: Math.max(8, ...t.rows.map((r) => (r.label?.length ?? 0) + ((r.code?.length ?? 3) - 3) / 2)), align: 'left' },
    ...cols.map((): ColumnSpec => ({ kind: 'number', width: 9, align: 'right' })),
  ];
  const grid: TableGrid = { columns, header, headerRows: 2 + b, body, unit };
  if (filledFrom.size) grid.filledNote = `注：带 * 的科目名称原表未印，据${[...filledFrom].join('、')}补全。`;
  return grid;
}

function totalsGrid(t: BudgetTable, unit: MoneyUnit, zeros: boolean): TableGrid {
  const decimals = t.decimals;
  const expCols = rowColumns(t.id, 'expenditure.total', t.columns);
  const fiscal = t.id === 'fiscal';
  const header = [
    h(fiscal ? '财政拨款收入' : '本年收入', 0, 0, 1, 2),
    h(fiscal ? '财政拨款支出' : '本年支出', 0, 2, 1, 1 + expCols.length),
    h('项目', 1, 0),
    h('预算数', 1, 1),
    h('项目', 1, 2),
    ...expCols.map((c, i) => h(c === 'total' && expCols.length === 1 ? '预算数' : columnName(t, c), 1, 3 + i)),
  ];
  const blank: GridCell = { text: '', kind: 'empty' };
  const body = sideBySideLines(t).map(({ income, expenditure }) => {
    const left = income ? [{ text: income.label ?? '', kind: 'label' as const }, ...numberCells(income, ['amount'], unit, zeros, decimals)] : [blank, blank];
    const right = expenditure ? [{ text: expenditure.label ?? '', kind: 'label' as const }, ...numberCells(expenditure, expCols, unit, zeros, decimals)] : [blank, ...expCols.map(() => blank)];
    const key = `${income?.key ?? ''}|${expenditure?.key ?? ''}`;
    return { key, total: /total/.test(key), cells: [...left, ...right] };
  });
  const labelWidth = (side: 'income' | 'expenditure') => Math.max(8, ...t.rows.filter((r) => r.key.startsWith(side)).map((r) => r.label?.length ?? 0));
  const columns: ColumnSpec[] = [
    { kind: 'label', width: labelWidth('income'), align: 'left' },
    { kind: 'number', width: 9, align: 'right' },
    { kind: 'label', width: labelWidth('expenditure'), align: 'left' },
    ...expCols.map((): ColumnSpec => ({ kind: 'number', width: 9, align: 'right' })),
  ];
  return { columns, header, headerRows: 2, body, unit };
}

function threePublicGrid(t: BudgetTable, unit: MoneyUnit, zeros: boolean): TableGrid {
  const row = t.rows[0] ?? { key: 'budget', cells: {} };
  const cols = t.columns;
  const at = (c: string) => cols.indexOf(c);
  const header = [
    h('“三公”经费预算数', 0, 0, 1, cols.filter((c) => c !== 'office-operation').length),
    ...(cols.includes('office-operation') ? [h(t.columnNames?.['office-operation'] ?? '机关运行经费预算数', 0, at('office-operation'), 3, 1)] : []),
    ...['total', 'abroad', 'reception'].filter((c) => cols.includes(c)).map((c) => h(columnName(t, c), 1, at(c), 2, 1)),
    h(columnName(t, 'vehicle'), 1, at('vehicle'), 1, 3),
    h('小计', 2, at('vehicle')),
    h(columnName(t, 'vehicle-purchase'), 2, at('vehicle-purchase')),
    h(columnName(t, 'vehicle-operation'), 2, at('vehicle-operation')),
  ];
  const columns = cols.map((): ColumnSpec => ({ kind: 'number', width: 9, align: 'right' }));
  return { columns, header, headerRows: 3, body: [{ key: 'budget', total: false, cells: numberCells(row, cols, unit, zeros, t.decimals) }], unit };
}

/** The table in its printed layout, amounts in `unit` (the table's own by default). */
export function tableGrid(t: BudgetTable, options: GridOptions = {}): TableGrid {
  const unit = options.unit ?? t.unit;
  const zeros = options.zeros ?? false;
  if (isFinalTable(t)) {
    if (t.id === 'three-public') return finalThreePublicGrid(t, unit, (fen) => money(fen, unit, zeros, t.decimals));
    return finalHeaders(t, isCodeTable(t.id) ? codeGrid(t, unit, zeros, { ...options, band: false }) : totalsGrid(t, unit, zeros));
  }
  if (isCodeTable(t.id)) return codeGrid(t, unit, zeros, options);
  if (t.id === 'three-public') return threePublicGrid(t, unit, zeros);
  return totalsGrid(t, unit, zeros);
}
