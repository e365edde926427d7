/** What every rule sees: the document, its tables by id, the catalogs, last year's document. */
import type { BudgetDocument, BudgetTable, TableRow } from '../model/document.js';
import type { CellRef, TableIndex } from '../model/identities.js';
import type { Fen } from '../model/money.js';
import { columnName, tableName, type TableId } from '../model/tables.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import type { Finding, FindingLocation } from './finding.js';

export interface CheckOptions {
  catalogs: CatalogSet;
  prior?: BudgetDocument;
  /** For a 决算 (meta.kind 'final'): that year's 预算, to compare its 预算数 and report execution. */
  budget?: BudgetDocument;
}

export class CheckContext {
  readonly index: TableIndex;
  private readonly rows = new Map<string, TableRow>();

  constructor(
    readonly doc: BudgetDocument,
    readonly options: CheckOptions,
  ) {
    this.index = Object.fromEntries(doc.tables.map((t) => [t.id, t]));
    for (const t of doc.tables) for (const r of t.rows) if (!this.rows.has(`${t.id}|${r.key}`)) this.rows.set(`${t.id}|${r.key}`, r);
  }

  get catalogs(): CatalogSet {
    return this.options.catalogs;
  }

  table(id: TableId): BudgetTable | undefined {
    return this.doc.tables.find((t) => t.id === id);
  }

  row(table: TableId, key: string): TableRow | undefined {
    return this.rows.get(`${table}|${key}`);
  }

  value(ref: CellRef): Fen {
    return this.row(ref.table, ref.row)?.cells[ref.column] ?? 0;
  }

  tableTitle(id: TableId): string {
    return this.table(id)?.title ?? tableName(id, this.doc.meta.kind);
  }

  /** "收入预算总表 2080109 社会保险经办机构 · 财政拨款收入" */
  describeCell(ref: CellRef): string {
    const row = this.row(ref.table, ref.row);
    const label = row?.label && row.label !== ref.row ? ` ${row.label}` : '';
    const rowName = ref.row === 'total' ? '合计' : ref.row === 'budget' ? (this.doc.meta.kind === 'final' ? '预算数' : '') : ref.row === 'final' && ref.table === 'three-public' ? '决算数' : row?.code ? `${ref.row}${label}` : row?.label ?? ref.row;
    return `《${this.tableTitle(ref.table)}》${rowName ? ` ${rowName}` : ''} · ${columnName(ref.table, ref.column, this.doc.meta.kind)}`;
  }

  cellLocation(ref: CellRef, others: CellRef[] = []): FindingLocation {
    const row = this.row(ref.table, ref.row);
    const loc: FindingLocation = { table: ref.table, tableTitle: this.tableTitle(ref.table), row: ref.row, column: ref.column };
    if (row?.label) loc.rowLabel = row.label;
    const origin = row?.cellOrigins?.[ref.column] ?? row?.origin;
    if (origin?.line) loc.line = origin.line;
    if (origin?.page) loc.page = origin.page;
    if (origin?.sheet) loc.sheet = origin.sheet;
    if (origin?.cell) loc.cell = origin.cell;
    if (others.length > 0) loc.cells = [ref, ...others];
    return loc;
  }
}

export interface Rule {
  id: string;
  family: Finding['family'];
  title: string;
  run(ctx: CheckContext): Finding[];
}
