/**
 * A table as an importer reads it, before numbers whose column is not printed are placed.
 * Shared by the text and PDF importers; `finishTables` turns drafts into model tables.
 */
import type { BudgetTable, ImportNote, Origin, TableRow } from '../model/document.js';
import type { Fen, MoneyUnit } from '../model/money.js';
import type { TableId } from '../model/tables.js';
import type { TableIndex } from '../model/identities.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { ImportError, type ErrorPlace } from './errors.js';
import { PlacementSolver, type PendingRow } from './placement.js';
import { expenditureExtraKey, incomeSourceOfLabel, isExpenditureTotalLabel, stripNumbering } from './titles.js';
import { bareName } from '../catalogs/catalog.js';

export interface DraftRow {
  key: string;
  code?: string;
  label?: string;
  cells: Record<string, Fen>;
  origin: Origin;
  cellOrigins?: Record<string, Origin>;
  /** Numbers whose columns must be worked out (flattened text). */
  pending?: { numbers: Fen[]; columns: string[]; printed: string[] };
}

export interface DraftTable {
  id: TableId;
  title: string;
  unit: MoneyUnit;
  decimals?: number;
  preparer?: string;
  columns: string[];
  rows: DraftRow[];
  note?: string;
  origin: Origin;
}

export interface RowContext {
  file?: string;
  year: number;
  catalogs: CatalogSet;
}

/** Decimal places printed on the table's non-zero amounts (most of them): 0 when rounded to 元. */
export function printedDecimals(amounts: string[]): number | undefined {
  const nonzero = amounts.filter((a) => /[1-9]/.test(a));
  if (nonzero.length === 0) return undefined;
  return Math.max(...nonzero.map((a) => (a.split('.')[1] ?? '').length));
}

/** Income label of 收支总表 / 财政拨款收支总表 → row key, or undefined when not an income label. */
export function incomeRowKey(table: TableId, label: string): string | undefined {
  const source = incomeSourceOfLabel(label);
  if (!source) return undefined;
  if (table === 'fiscal') {
    if (source === 'fiscal') return 'income.fiscal';
    return ['general', 'fund', 'soe', 'total', 'carryover', 'current'].includes(source) ? `income.${source}` : undefined;
  }
  if (['general', 'fund', 'soe'].includes(source)) return `income.fiscal.${source}`;
  return `income.${source}`;
}

/**
 * Expenditure label (a 功能分类 类 name, 支出总计, 本年支出合计, 结转下年) → row key. Some layouts
 * (浙江) list 款 and 项 under each 类 by name: those are found under the 类 above them.
 */
export function expenditureRowKey(label: string, at: number | ErrorPlace, ctx: RowContext, tableTitle: string, under?: string): string {
  if (isExpenditureTotalLabel(label)) return 'expenditure.total';
  const extra = expenditureExtraKey(label);
  if (extra) return extra;
  const code = ctx.catalogs.classByName('function', label, ctx.year);
  if (code) return `expenditure.${code}`;
  const child = under ? childByName(ctx, under, label) : undefined;
  if (child) return `expenditure.${child}`;
  throw new ImportError(
    'unknown-class',
    `${tableTitle}的支出项目“${stripNumbering(label)}”不是已知的支出功能分类类名称`,
    typeof at === 'number' ? { file: ctx.file, line: at } : at,
    '请核对名称是否印错；如为新增科目，可用 budgetbook catalog import 载入当年的科目表。',
  );
}

/** The 类 (and 款) last seen on the expenditure side of a total table that lists 款 and 项 by name (浙江). */
export interface ParentTrail {
  parents?: string[];
  /** Below 二、上年结转 of a 财政拨款收支总表: its fund lines are the carryover's (income.carryover.general …). */
  underCarryover?: boolean;
}

/**
 * An expenditure item of a total table: a 类, or (浙江) a 款 or 项 named under the 类 above it.
 * A name no catalog entry matches under its 类 keeps its printed name in the key when `lenient`
 * (a layout whose rows are certain, as on a PDF page or in a spreadsheet); otherwise it is an error.
 */
export function expenditureKeyUnder(trail: ParentTrail, label: string, at: number | ErrorPlace, ctx: RowContext, tableTitle: string, lenient: boolean): { key: string; unresolved: boolean } {
  const parents = trail.parents ?? [];
  // A 款 or 项 named like its 类 ("五、其他支出" / "其他支出" / "其他支出", 深圳) is its child, not the 类 again.
  const own = parents.length > 0 && !isExpenditureTotalLabel(label) ? ctx.catalogs.classByName('function', label, ctx.year) : undefined;
  if (own && parents.includes(own)) {
    const child = childByName(ctx, parents[parents.length - 1]!, label);
    if (child) {
      trail.parents = [...parents.filter((p) => child.startsWith(p)), child];
      return { key: `expenditure.${child}`, unresolved: false };
    }
  }
  for (const parent of [...parents].reverse()) {
    try {
      const key = expenditureRowKey(label, at, ctx, tableTitle, parent);
      const code = key.slice('expenditure.'.length);
      if (/^\d+$/.test(code)) trail.parents = [...parents.filter((p) => code.startsWith(p) && p !== code), code];
      return { key, unresolved: false };
    } catch {
      continue;
    }
  }
  try {
    const key = expenditureRowKey(label, at, ctx, tableTitle);
    const code = key.slice('expenditure.'.length);
    if (/^\d{3}$/.test(code)) trail.parents = [code];
    return { key, unresolved: false };
  } catch (e) {
    if (!lenient || parents.length === 0) throw e;
    return { key: `expenditure.${parents[0]}:${stripNumbering(label)}`, unresolved: true };
  }
}

/** The 款 or 项 under a code (class or 款, searched two levels deep) whose catalog name is printed. */
export function childByName(ctx: RowContext, parent: string, label: string, scheme: 'function' | 'economic-department' = 'function'): string | undefined {
  const want = bareName(label);
  const cat = ctx.catalogs.forYear(scheme, ctx.year);
  const found = [...(cat?.entries.values() ?? [])].filter((e) => e.code.startsWith(parent) && e.code.length > parent.length && bareName(e.name) === want);
  found.sort((a, b) => a.code.length - b.code.length);
  return found[0]?.code;
}

/**
 * A 支出 table that prints 基本支出 only as its 人员 and 公用 columns (浙江's 支出预算总表): the
 * standard 基本支出 column is their sum, and the import says it computed it.
 */
function deriveBasic(drafts: DraftTable[]): ImportNote[] {
  const notes: ImportNote[] = [];
  for (const d of drafts) {
    if (!['expenditure', 'general-function'].includes(d.id) || d.columns.includes('basic') || !d.columns.includes('personnel')) continue;
    d.columns.splice(d.columns.indexOf('personnel'), 0, 'basic');
    for (const r of d.rows) {
      if (r.pending) continue;
      const p = r.cells.personnel;
      const q = r.cells.public;
      if (p !== undefined || q !== undefined) r.cells.basic = (p ?? 0) + (q ?? 0);
    }
    notes.push({ kind: 'interpretation', table: d.id, message: `${d.title}未单列基本支出合计，基本支出按人员支出与公用支出之和计入` });
  }
  return notes;
}

/** Places pending numbers across all tables of a document and returns model tables. */
export function finishTables(drafts: DraftTable[], file?: string): { tables: BudgetTable[]; notes: ImportNote[] } {
  const index: TableIndex = {};
  for (const d of drafts) index[d.id] = { id: d.id, columns: d.columns, unit: d.unit, rows: d.rows.map((r) => ({ key: r.key, code: r.code, cells: r.cells })) as TableRow[] };
  const pendingRows: { draft: DraftRow; pending: PendingRow }[] = [];
  for (const d of drafts) {
    for (const r of d.rows) {
      if (!r.pending) continue;
      pendingRows.push({
        draft: r,
        pending: { table: d.id, tableTitle: d.title, key: r.key, numbers: r.pending.numbers, columns: r.pending.columns, line: r.origin.line ?? 0, printed: r.pending.printed },
      });
    }
  }
  const notes: ImportNote[] = deriveBasic(drafts);
  if (pendingRows.length > 0) {
    const solver = new PlacementSolver(index, pendingRows.map((p) => p.pending), file);
    const placements = solver.solve();
    placements.forEach((cells, i) => Object.assign(pendingRows[i]!.draft.cells, cells));
    notes.push(...solver.notes);
  }
  const tables = drafts.map((d) => {
    const t: BudgetTable = { id: d.id, title: d.title, unit: d.unit, columns: d.columns, rows: d.rows.map(toModelRow), origin: d.origin };
    if (d.preparer) t.preparer = d.preparer;
    if (d.note) t.note = d.note;
    if (d.decimals !== undefined) t.decimals = d.decimals;
    return t;
  });
  return { tables, notes };
}

function toModelRow(r: DraftRow): TableRow {
  const row: TableRow = { key: r.key, cells: r.cells, origin: r.origin };
  if (r.code) row.code = r.code;
  if (r.label) row.label = r.label;
  if (r.cellOrigins) row.cellOrigins = r.cellOrigins;
  return row;
}
