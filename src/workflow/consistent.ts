/**
 * Consistent editing: the preparer changes some cells (a 项 of 支出预算总表, say); every figure the
 * tables' identities tie to them (src/model/identities.ts) changes with them, in every table — the 款,
 * the 类 and 合计 above, the same 科目 in 收入预算总表 and the function tables, the 财政拨款收支总表 and the
 * 收支总表 — so that every identity that held before still holds. Pure: the editor lists the result
 * before saving, the server applies it as ordinary cell edits.
 *
 * How: each hard identity lhs = Σrhs keeps its residual. A change to one of its cells is balanced by
 * a cell not yet changed: the sum (lhs) when it is free, else one part chosen by the preferences below
 * (the column the preparer edited, 财政拨款 before other sources, the 一般公共预算 before the funds, a
 * printed row before a missing one). Every balanced cell is a change in turn, until nothing is left.
 * Which 款 or 类 under a fixed total should take a change is never guessed: that identity, like one
 * whose cells are all fixed and no longer balance, is returned as unresolved for the preparer.
 */
import type { BudgetDocument } from '../model/document.js';
import { documentIdentities, type CellRef, type Identity, type TableIndex } from '../model/identities.js';
import { COLUMN_NAMES, TABLE_NAMES, type TableId } from '../model/tables.js';
import type { CellEdit } from './edit.js';

export const cellKey = (c: { table: string; row: string; column: string }) => `${c.table}|${c.row}|${c.column}`;

/** A figure changed to keep an identity: which cell, from what to what, and the identity that asked for it. */
export interface LinkedChange extends CellEdit {
  amount: number;
  old: number | null;
  /** The identity, in words ("款 = Σ项", "收入总表与支出总表同一科目的合计相等"). */
  because: string;
}

export interface ConsistentResult {
  /** The figures changed along with the preparer's own, in the order they were found. */
  linked: LinkedChange[];
  /** Identities the preparer's own figures contradict (no free cell left to balance them). */
  unresolved: Identity[];
}

/** A document's rows by table and key, looked up once (the propagation asks for the same rows many times). */
const rowIndex = new WeakMap<BudgetDocument, Map<string, Record<string, number>>>();
function rowsOf(doc: BudgetDocument): Map<string, Record<string, number>> {
  let m = rowIndex.get(doc);
  if (!m) {
    m = new Map(doc.tables.flatMap((t) => t.rows.map((r) => [`${t.id}|${r.key}`, r.cells] as const)));
    rowIndex.set(doc, m);
  }
  return m;
}

function valueAt(doc: BudgetDocument, r: CellRef): number | null {
  return rowsOf(doc).get(`${r.table}|${r.row}`)?.[r.column] ?? null;
}

function rowExists(doc: BudgetDocument, r: CellRef): boolean {
  return rowsOf(doc).has(`${r.table}|${r.row}`);
}

const FUND_ORDER = ['general', 'fund', 'soe'];
const TABLE_ORDER: string[] = ['general-function', 'fund-function', 'soe-function'];

/** How fit a part is to absorb a change (lower is better). */
function rank(r: CellRef, doc: BudgetDocument, origin: Set<string>): number[] {
  const carry = /carryover|carry-forward/.test(r.row) ? 1 : 0;
  const missing = rowExists(doc, r) ? 0 : 1;
  const sameColumn = origin.has(r.column) ? 0 : 1;
  const fiscal = r.column === 'fiscal' || /^income\.fiscal/.test(r.row) ? 0 : 1;
  const fund = FUND_ORDER.findIndex((f) => r.column === f || r.row.endsWith(`.${f}`));
  const table = TABLE_ORDER.indexOf(r.table);
  const blank = valueAt(doc, r) === null ? 1 : 0;
  return [missing, carry, sameColumn, fiscal, fund < 0 ? 0 : fund, table < 0 ? 0 : table, blank];
}

const before = (a: number[], b: number[]) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! < b[i]!;
  return false;
};

/**
 * The changes `edits` call for in the rest of `doc` (`doc` is the document before the edits).
 * The preparer's own cells are never changed; a cell cleared (null) counts as 0 in the sums.
 */
export function consistentEdits(doc: BudgetDocument, edits: readonly CellEdit[]): ConsistentResult {
  const index: TableIndex = Object.fromEntries(doc.tables.map((t) => [t.id, t]));
  const identities = documentIdentities(index).filter((i) => i.relation === '=' && !i.soft);
  const byCell = new Map<string, Identity[]>();
  for (const idn of identities) for (const r of [idn.lhs, ...idn.rhs]) byCell.set(cellKey(r), [...(byCell.get(cellKey(r)) ?? []), idn]);

  const delta = new Map<string, number>();
  const fixed = new Set<string>();
  const origin = new Set<string>();
  for (const e of edits) {
    const key = cellKey(e);
    delta.set(key, (e.amount ?? 0) - (valueAt(doc, e) ?? 0));
    fixed.add(key);
    origin.add(e.column);
  }
  const linked = new Map<string, LinkedChange>();
  const unresolved = new Set<Identity>();
  const queue = [...fixed];
  const d = (r: CellRef) => delta.get(cellKey(r)) ?? 0;
  for (let guard = 0; queue.length && guard < 100_000; guard++) {
    const key = queue.shift()!;
    for (const idn of byCell.get(key) ?? []) {
      const residual = d(idn.lhs) - idn.rhs.reduce((s, r) => s + d(r), 0);
      if (residual === 0) continue;
      let target: CellRef | undefined;
      let sign = 1;
      if (!fixed.has(cellKey(idn.lhs)) && rowExists(doc, idn.lhs)) {
        target = idn.lhs;
        sign = -1;
      } else if (idn.family === 'hierarchy' && idn.rhs.filter((r) => !fixed.has(cellKey(r))).length > 1) {
        // Which 款 of a 类 (which 类 of the 合计) takes the change is the preparer's decision, not a guess.
        target = undefined;
      } else {
        let best: number[] | undefined;
        for (const r of idn.rhs) {
          if (fixed.has(cellKey(r))) continue;
          const k = rank(r, doc, origin);
          if (!best || before(k, best)) (best = k), (target = r);
        }
        if (target && !rowExists(doc, target)) target = undefined;
      }
      if (!target) {
        unresolved.add(idn);
        continue;
      }
      const tk = cellKey(target);
      const change = sign * residual;
      delta.set(tk, d(target) + change);
      fixed.add(tk);
      const old = valueAt(doc, target);
      linked.set(tk, { table: target.table, row: target.row, column: target.column, old, amount: (old ?? 0) + d(target), because: idn.description });
      queue.push(tk);
    }
  }
  // An identity left unbalanced by the last choices (two paths disagreeing) is unresolved too.
  for (const idn of identities) {
    if (d(idn.lhs) - idn.rhs.reduce((s, r) => s + d(r), 0) !== 0 && [idn.lhs, ...idn.rhs].some((r) => fixed.has(cellKey(r)))) unresolved.add(idn);
  }
  return { linked: [...linked.values()].filter((c) => c.amount !== c.old), unresolved: [...unresolved] };
}

/** Where a linked change is, in words: 《收入预算总表》2101301 城乡医疗救助 · 财政拨款收入. */
export function describeCell(doc: BudgetDocument, c: CellRef): string {
  const t = doc.tables.find((x) => x.id === c.table);
  const row = t?.rows.find((r) => r.key === c.row);
  const rowName = c.row === 'total' ? '合计' : [row?.code, row?.label].filter(Boolean).join(' ') || c.row;
  return `《${TABLE_NAMES[c.table as TableId] ?? c.table}》${rowName} · ${COLUMN_NAMES[c.column] ?? c.column}`;
}
