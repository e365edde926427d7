/**
 * The cell export (../shared/spec/cells.md): one row per non-zero cell, amounts in 元 with two
 * decimals, tables in the standard order, rows in document order.
 */
import type { BudgetDocument } from '../../model/document.js';
import { formatYuan, type Fen } from '../../model/money.js';
import { TABLE_IDS, rowColumns, type TableId } from '../../model/tables.js';
import { formatCsv } from '../../util/csv.js';

export interface Cell {
  table: TableId;
  row: string;
  column: string;
  amount: Fen;
}

export function cellsOf(doc: Pick<BudgetDocument, 'tables'>): Cell[] {
  const out: Cell[] = [];
  for (const id of TABLE_IDS) {
    const table = doc.tables.find((t) => t.id === id);
    if (!table) continue;
    for (const row of table.rows) {
      const cols = rowColumns(id, row.key, table.columns);
      const extra = Object.keys(row.cells).filter((c) => !cols.includes(c));
      for (const column of [...cols, ...extra]) {
        const amount = row.cells[column];
        if (amount !== undefined && amount !== 0) out.push({ table: id, row: row.key, column, amount });
      }
    }
  }
  return out;
}

export const CELLS_HEADER = ['table', 'row', 'column', 'amount'] as const;

export function cellsCsv(doc: Pick<BudgetDocument, 'tables'>): string {
  return formatCsv([[...CELLS_HEADER], ...cellsOf(doc).map((c) => [c.table, c.row, c.column, formatYuan(c.amount)])]);
}
