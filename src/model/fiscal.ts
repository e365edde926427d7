/**
 * The 财政拨款 of a 科目, one definition for the checker and the narrative composer: the
 * 收入预算总表's 财政拨款收入 where that table prints the column and the row, else the totals of
 * the three fund tables (一般公共预算、政府性基金、国有资本经营预算) added up.
 */
import type { BudgetTable } from './document.js';
import type { Fen } from './money.js';
import { FUNCTION_TABLE_FUND } from './tables.js';

export function fiscalOfCode(tables: readonly BudgetTable[], code: string): Fen {
  const income = tables.find((t) => t.id === 'income');
  const row = income?.columns.includes('fiscal') ? income.rows.find((r) => r.key === code) : undefined;
  if (row) return row.cells.fiscal ?? 0;
  return tables.filter((t) => t.id in FUNCTION_TABLE_FUND).reduce((s, t) => s + (t.rows.find((r) => r.key === code)?.cells.total ?? 0), 0);
}

/** Every 项 (7-digit code) the income or fund tables print, in code order. */
export function itemCodes(tables: readonly BudgetTable[]): string[] {
  const codes = new Set<string>();
  for (const t of tables) if (t.id === 'income' || t.id in FUNCTION_TABLE_FUND) for (const r of t.rows) if (r.code?.length === 7) codes.add(r.code);
  return [...codes].sort();
}
