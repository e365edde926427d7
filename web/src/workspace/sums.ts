/**
 * What the editor computes from an edit, pure (tested in Node): the edits applied by the same
 * code the server applies them with (src/workflow/edit.ts), and the sums they feed filled in
 * from the tables' own identities (src/model/identities.ts).
 */
import type { Finding } from '../../../src/check/finding.js';
import type { BudgetDocument } from '../../../src/model/document.js';
import { documentIdentities, type TableIndex } from '../../../src/model/identities.js';
import { applyEdits, type CellEdit } from '../../../src/workflow/edit.js';

export const cellKey = (c: { table: string; row: string; column: string }) => `${c.table}|${c.row}|${c.column}`;

function amountAt(doc: BudgetDocument, c: { table: string; row: string; column: string }): number {
  return doc.tables.find((t) => t.id === c.table)?.rows.find((r) => r.key === c.row)?.cells[c.column] ?? 0;
}

/**
 * The sums within a table that an edited cell feeds (row total = its parts, 款 = Σ项, 类 = Σ款,
 * 合计 = Σ类), recomputed from the edited values, upwards until nothing changes. Only sums the
 * document already prints are filled; other tables are left for the checker to compare.
 */
export function fillSums(doc: BudgetDocument, edited: CellEdit[]): CellEdit[] {
  const index: TableIndex = Object.fromEntries(doc.tables.map((t) => [t.id, t]));
  const identities = documentIdentities(index).filter((i) => i.relation === '=' && !i.soft && i.family !== 'cross-table' && i.rhs.every((r) => r.table === i.lhs.table));
  const sums: CellEdit[] = [];
  let current = doc;
  const queue = edited.map(cellKey);
  for (let guard = 0; queue.length && guard < 10_000; guard++) {
    const key = queue.shift()!;
    for (const idn of identities) {
      if (!idn.rhs.some((r) => cellKey(r) === key)) continue;
      const printed = current.tables.find((t) => t.id === idn.lhs.table)?.rows.find((r) => r.key === idn.lhs.row)?.cells[idn.lhs.column];
      if (printed === undefined) continue;
      const sum = idn.rhs.reduce((s, r) => s + amountAt(current, r), 0);
      if (sum === printed) continue;
      const edit: CellEdit = { table: idn.lhs.table, row: idn.lhs.row, column: idn.lhs.column, amount: sum };
      sums.push(edit);
      current = applyEdits(current, { cells: [edit] }).doc;
      queue.push(cellKey(edit));
    }
  }
  return sums;
}

/** Cells a finding is about, as keys. */
export function findingCells(f: Finding): string[] {
  const l = f.location;
  if (l.cells?.length) return l.cells.map(cellKey);
  return l.table && l.row && l.column ? [cellKey({ table: l.table, row: l.row, column: l.column })] : [];
}
