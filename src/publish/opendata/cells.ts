/**
 * The cell export (../shared/spec/cells.md): one row per non-zero cell, amounts in 元 with two
 * decimals, tables in the standard order, rows in document order.
 */
import type { BudgetDocument } from '../../model/document.js';
import { formatYuan, type Fen } from '../../model/money.js';
import { INCOME_SOURCES, TABLE_IDS, rowColumns, type TableId } from '../../model/tables.js';
import { formatCsv } from '../../util/csv.js';

export interface Cell {
  table: TableId;
  row: string;
  column: string;
  amount: Fen;
}

/**
 * The cells.md vocabulary: the standard columns and rows of each table, plus the key list for
 * other provinces' extra sources. Anything else a layout prints (浙江's 人员/公用 split of 支出总表,
 * the 款 and 项 lines of its 收支总表, 本年收入合计) stays in the JSON document, not in the cells.
 */
const EXPORTED_COLUMNS: Record<TableId, readonly string[]> = {
  summary: ['amount', 'total', 'personnel', 'public', 'project'],
  income: ['total', ...INCOME_SOURCES],
  expenditure: ['total', 'basic', 'project', 'subsidiary', 'to-superior', 'carry-forward'],
  fiscal: ['amount', 'total', 'general', 'fund', 'soe'],
  'general-function': ['total', 'basic', 'project'],
  'fund-function': ['total', 'basic', 'project'],
  'soe-function': ['total', 'basic', 'project'],
  'general-basic-economic': ['total', 'personnel', 'public'],
  'three-public': ['total', 'abroad', 'reception', 'vehicle', 'vehicle-purchase', 'vehicle-operation', 'office-operation'],
};

const TOTAL_TABLE_ROW = /^(income\.(fiscal(\.(general|fund|soe))?|general|fund|soe|business|operating|other|special-account|superior|affiliated|carryover|fund-balance|total)|expenditure\.(\d{3}|total|carry-forward))$/;

function exportedRow(table: TableId, key: string): boolean {
  return table === 'summary' || table === 'fiscal' ? TOTAL_TABLE_ROW.test(key) : true;
}

export function cellsOf(doc: Pick<BudgetDocument, 'tables'>): Cell[] {
  const out: Cell[] = [];
  for (const id of TABLE_IDS) {
    const table = doc.tables.find((t) => t.id === id);
    if (!table) continue;
    for (const row of table.rows) {
      if (!exportedRow(id, row.key)) continue;
      const cols = rowColumns(id, row.key, table.columns).filter((c) => EXPORTED_COLUMNS[id].includes(c));
      for (const column of cols) {
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
