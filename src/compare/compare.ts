/**
 * Two documents cell by cell (the cells.md cells): each cell of either, its two amounts, the
 * change in 分 and the change as a percentage of the first. Pure, for the server and the browser.
 */
import type { Cell } from '../publish/opendata/cells.js';
import type { Fen } from '../model/money.js';

export interface CellChange {
  table: string;
  row: string;
  column: string;
  a: Fen | null;
  b: Fen | null;
  /** b − a (分); an absent cell counts as 0. */
  change: Fen;
  /** change ÷ a × 100, two decimals; null when a is absent or 0. */
  percent: number | null;
  status: 'added' | 'removed' | 'changed' | 'same';
}

export interface Comparison {
  cells: CellChange[];
  counts: Record<CellChange['status'], number>;
}

/** A percentage from two integers, rounded half away from zero to two decimals. */
export function percentOf(change: Fen, base: Fen): number | null {
  if (base === 0) return null;
  const hundredths = Math.round((Math.abs(change) * 10_000) / Math.abs(base));
  return (Math.sign(change) * Math.sign(base) * hundredths) / 100;
}

export function compareCells(a: Cell[], b: Cell[], options: { includeSame?: boolean } = {}): Comparison {
  const key = (c: Cell) => `${c.table}|${c.row}|${c.column}`;
  const inB = new Map(b.map((c) => [key(c), c]));
  const out: CellChange[] = [];
  const seen = new Set<string>();
  const push = (table: string, row: string, column: string, x: Fen | null, y: Fen | null) => {
    const change = (y ?? 0) - (x ?? 0);
    const status = x === null ? 'added' : y === null ? 'removed' : change === 0 ? 'same' : 'changed';
    out.push({ table, row, column, a: x, b: y, change, percent: x === null ? null : percentOf(change, x), status });
  };
  for (const c of a) {
    const k = key(c);
    seen.add(k);
    push(c.table, c.row, c.column, c.amount, inB.get(k)?.amount ?? null);
  }
  for (const c of b) if (!seen.has(key(c))) push(c.table, c.row, c.column, null, c.amount);
  const counts = { added: 0, removed: 0, changed: 0, same: 0 };
  for (const c of out) counts[c.status]++;
  return { cells: options.includeSame ? out : out.filter((c) => c.status !== 'same'), counts };
}
