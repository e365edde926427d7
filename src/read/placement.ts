/**
 * Placing numbers into columns when blank cells vanished (text flattened from a PDF): a row
 * prints k numbers for n columns, in column order. Each row gets its candidate placements; the
 * document's identities (model/identities.ts) must pick exactly one combination. Two or more
 * combinations that fit, or none, stop the import with the lines concerned: never a guess.
 * Soft evidence (model/identities.ts `soft`) may break a tie, and the import says so.
 */
import type { Fen } from '../model/money.js';
import { type CellRef, type Identity, type TableIndex, documentIdentities, toleranceFen } from '../model/identities.js';
import type { ImportNote } from '../model/document.js';
import type { TableId } from '../model/tables.js';
import { COLUMN_NAMES } from '../model/tables.js';
import { ImportError } from './errors.js';

export interface PendingRow {
  table: TableId;
  tableTitle: string;
  key: string;
  numbers: Fen[];
  /** The columns this row can fill, in printed order. */
  columns: string[];
  line: number;
  printed: string[];
}

type Placement = Record<string, Fen>;

const SEARCH_LIMIT = 500_000;
const SOLUTION_LIMIT = 64;

/** Every order-preserving way to put k numbers into n columns. */
export function candidatePlacements(numbers: Fen[], columns: string[]): Placement[] {
  const out: Placement[] = [];
  const pick = (ni: number, ci: number, acc: Placement) => {
    if (ni === numbers.length) {
      out.push({ ...acc });
      return;
    }
    for (let c = ci; c <= columns.length - (numbers.length - ni); c++) {
      acc[columns[c]!] = numbers[ni]!;
      pick(ni + 1, c + 1, acc);
      delete acc[columns[c]!];
    }
  };
  pick(0, 0, {});
  return out;
}


interface Term {
  fixed: Fen;
  /** Pending row index, or -1 when the value is fixed. */
  row: number;
  /** Index of the column among the pending row's columns (-1: a column it cannot fill). */
  col: number;
}

interface Constraint {
  identity: Identity;
  lhs: Term;
  rhs: Term[];
  rows: number[];
  tolerance: number;
}

function describeRow(p: PendingRow): string {
  return `第 ${p.line} 行“${p.printed.join(' ')}”`;
}

function placementText(p: Placement): string {
  return Object.entries(p)
    .map(([c, v]) => `${COLUMN_NAMES[c] ?? c}=${(v / 100).toFixed(2)}`)
    .join('，');
}

export class PlacementSolver {
  private readonly candidates: Placement[][];
  private readonly constraints: Constraint[] = [];
  /** 1 where the constraint is a hard identity, 0 where it is soft evidence. */
  private hard = new Uint8Array(0);
  private readonly byRow: number[][];
  readonly notes: ImportNote[] = [];

  constructor(
    private readonly tables: TableIndex,
    private readonly pending: PendingRow[],
    private readonly file?: string,
  ) {
    this.candidates = pending.map((p) => this.initialCandidates(p));
    const pendingIndex = new Map<string, Map<string, number>>();
    pending.forEach((p, i) => {
      if (!pendingIndex.has(p.table)) pendingIndex.set(p.table, new Map());
      pendingIndex.get(p.table)!.set(p.key, i);
    });
    const fixedRows = new Map<string, Map<string, Record<string, Fen>>>();
    for (const t of Object.values(tables)) {
      if (!t) continue;
      const rows = new Map<string, Record<string, Fen>>();
      for (const row of t.rows) if (!rows.has(row.key)) rows.set(row.key, row.cells);
      fixedRows.set(t.id, rows);
    }
    const term = (r: CellRef): Term => {
      const idx = pendingIndex.get(r.table)?.get(r.row);
      if (idx === undefined) return { fixed: fixedRows.get(r.table)?.get(r.row)?.[r.column] ?? 0, row: -1, col: -1 };
      return { fixed: 0, row: idx, col: pending[idx]!.columns.indexOf(r.column) };
    };
    for (const identity of documentIdentities(tables)) {
      const lhs = term(identity.lhs);
      const rhs = identity.rhs.map(term);
      const rows: number[] = [];
      for (const t of [lhs, ...rhs]) if (t.row >= 0 && !rows.includes(t.row)) rows.push(t.row);
      if (rows.length === 0) continue;
      this.constraints.push({ identity, lhs, rhs, rows, tolerance: toleranceFen(identity, tables) });
    }
    this.hard = Uint8Array.from(this.constraints, (c) => (c.identity.soft ? 0 : 1));
    this.byRow = pending.map(() => []);
    this.constraints.forEach((c, i) => c.rows.forEach((r) => this.byRow[r]!.push(i)));
    this.index();
    this.narrowByOwnRow();
    this.index();
  }

  /** Candidate values as flat arrays (candidate × column), and each column's least and greatest value. */
  private values: Float64Array[] = [];
  private lo: Float64Array[] = [];
  private hi: Float64Array[] = [];

  private index(): void {
    this.candidates.forEach((cands, r) => {
      const cols = this.pending[r]!.columns;
      const vals = new Float64Array(cands.length * cols.length);
      const lo = new Float64Array(cols.length).fill(Infinity);
      const hi = new Float64Array(cols.length).fill(-Infinity);
      cands.forEach((c, ci) =>
        cols.forEach((col, k) => {
          const v = c[col] ?? 0;
          vals[ci * cols.length + k] = v;
          if (v < lo[k]!) lo[k] = v;
          if (v > hi[k]!) hi[k] = v;
        }),
      );
      this.values[r] = vals;
      this.lo[r] = lo;
      this.hi[r] = hi;
    });
  }

  private initialCandidates(p: PendingRow): Placement[] {
    if (p.numbers.length > p.columns.length) {
      throw new ImportError(
        'too-many-numbers',
        `${p.tableTitle}${describeRow(p)}有 ${p.numbers.length} 个数字，但本表只有 ${p.columns.length} 个金额列`,
        { file: this.file, line: p.line },
        '请核对该行是否与下一行粘连，或表头列数是否被识别错误。',
      );
    }
    return candidatePlacements(p.numbers, p.columns);
  }

  private feasible(c: Constraint, choice: Int32Array): boolean {
    let llo: number;
    let lhi: number;
    const l = c.lhs;
    if (l.row < 0) llo = lhi = l.fixed;
    else if (l.col < 0) llo = lhi = 0;
    else if (choice[l.row]! >= 0) llo = lhi = this.values[l.row]![choice[l.row]! * this.pending[l.row]!.columns.length + l.col]!;
    else {
      llo = this.lo[l.row]![l.col]!;
      lhi = this.hi[l.row]![l.col]!;
    }
    let slo = 0;
    let shi = 0;
    for (const t of c.rhs) {
      if (t.row < 0) {
        slo += t.fixed;
        shi += t.fixed;
      } else if (t.col >= 0) {
        const ch = choice[t.row]!;
        if (ch >= 0) {
          const v = this.values[t.row]![ch * this.pending[t.row]!.columns.length + t.col]!;
          slo += v;
          shi += v;
        } else {
          slo += this.lo[t.row]![t.col]!;
          shi += this.hi[t.row]![t.col]!;
        }
      }
    }
    if (c.identity.relation === '>=') return lhi + c.tolerance >= slo;
    return llo <= shi + c.tolerance && slo <= lhi + c.tolerance;
  }

  /** Drops candidates that break an identity of their own row alone (合计 = 各部分之和). */
  private narrowByOwnRow(): void {
    this.candidates.forEach((cands, r) => {
      if (cands.length < 2) return;
      const own = this.byRow[r]!.filter((i) => this.hard[i]).map((i) => this.constraints[i]!).filter((c) => c.rows.length === 1);
      const choice = new Int32Array(this.pending.length).fill(-1);
      const kept = cands.filter((_, ci) => {
        choice[r] = ci;
        return own.every((c) => {
          const onlyThisRow = [c.lhs, ...c.rhs].every((t) => t.row === r || t.row < 0);
          return !onlyThisRow || this.feasible(c, choice);
        });
      });
      if (kept.length === 0) {
        const p = this.pending[r]!;
        throw new ImportError(
          'no-placement',
          `${p.tableTitle}${describeRow(p)}的数字无论放在哪些列都不满足“合计 = 各部分之和”`,
          { file: this.file, line: p.line },
          '请核对该行的数字是否印错或漏印，修正原文件后再导入。',
        );
      }
      this.candidates[r] = kept;
    });
  }

  /** Every combination of candidates that the active identities allow (up to a limit). */
  private enumerate(active: Uint8Array, limit = SOLUTION_LIMIT): { solutions: Int32Array[]; exhausted: boolean } {
    const n = this.pending.length;
    const order = [...Array(n).keys()].filter((r) => this.candidates[r]!.length > 1);
    const choice = new Int32Array(n).fill(-1);
    for (let r = 0; r < n; r++) if (this.candidates[r]!.length === 1) choice[r] = 0;
    const ok = (i: number) => active[i] === 0 || this.feasible(this.constraints[i]!, choice);
    const solutions: Int32Array[] = [];
    if (!this.constraints.every((_, i) => ok(i))) return { solutions, exhausted: false };
    let steps = 0;
    const search = (depth: number): void => {
      if (solutions.length >= limit || steps > SEARCH_LIMIT) return;
      if (depth === order.length) {
        solutions.push(choice.slice());
        return;
      }
      const r = order[depth]!;
      for (let ci = 0; ci < this.candidates[r]!.length; ci++) {
        if (++steps > SEARCH_LIMIT) return;
        choice[r] = ci;
        if (this.byRow[r]!.every(ok)) search(depth + 1);
      }
      choice[r] = -1;
    };
    search(0);
    return { solutions, exhausted: steps > SEARCH_LIMIT };
  }

  solve(): Placement[] {
    let active: Uint8Array = this.hard.slice();
    let { solutions, exhausted } = this.enumerate(active);
    if (solutions.length === 0 && !exhausted) ({ active, solutions } = this.relax(active));
    if (exhausted && solutions.length === 0) {
      throw new ImportError('placement-search', '表格数字的放列组合过多，无法在限定步数内确定', { file: this.file }, '请提供带空白单元格的版本（如原始 PDF 或表格文件）。');
    }
    const chosen = solutions.length === 1 ? solutions[0]! : this.breakTie(active, solutions);
    this.noteTables();
    return this.pending.map((_, r) => this.candidates[r]![chosen[r]!]!);
  }

  /**
   * No combination fits. If some identity fails whatever the pending rows hold, the printed
   * figures themselves break it (a misprint in a row that prints all its columns): it is left
   * out, the others must still decide every row, and the note says so (the checker reports the
   * break). Otherwise the import stops with the lines concerned.
   */
  private relax(all: Uint8Array): { active: Uint8Array; solutions: Int32Array[] } {
    const broken = [...all.keys()].filter((i) => all[i] && !this.feasibleAlone(this.constraints[i]!));
    if (broken.length === 0) return this.reportInfeasible();
    const active = all.slice();
    for (const i of broken) active[i] = 0;
    const { solutions } = this.enumerate(active);
    if (solutions.length === 0) return this.reportInfeasible();
    this.noteRelaxed(broken);
    return { active, solutions };
  }

  private noteRelaxed(dropped: number[]): void {
    const identities = [...new Set(dropped.map((i) => this.describeConstraint(this.constraints[i]!)))];
    this.notes.push({
      kind: 'placement',
      message: `表中数字不能同时满足全部勾稽关系（${identities.join('；')}），放列时未用这${identities.length > 1 ? '些' : '条'}关系，由其余关系确定；该处不符见校验结果`,
    });
  }

  private describeConstraint(c: Constraint): string {
    const p = this.pending[c.rows[0]!]!;
    return `${p.tableTitle} ${c.identity.lhs.row === 'total' ? '合计' : c.identity.lhs.row}：${c.identity.description}（${COLUMN_NAMES[c.identity.lhs.column] ?? c.identity.lhs.column}）`;
  }

  private reportInfeasible(): never {
    const all = new Int32Array(this.pending.length).fill(-1);
    for (let r = 0; r < this.pending.length; r++) if (this.candidates[r]!.length === 1) all[r] = 0;
    const culprit = this.constraints.find((c) => !this.feasibleAlone(c)) ?? this.constraints.find((c) => !this.feasible(c, all));
    const rows = culprit ? culprit.rows.map((r) => this.pending[r]!) : this.pending.slice(0, 1);
    const first = rows[0]!;
    const lines = rows.map((p) => p.line).sort((a, b) => a - b);
    throw new ImportError(
      'no-placement',
      `${first.tableTitle}第 ${lines.join('、')} 行的数字无论放在哪些列都不能满足“${culprit?.identity.description ?? '表内勾稽关系'}”，无法确定空白单元格的位置`,
      { file: this.file, line: first.line },
      '该处原文件可能有印错或漏印的数字；请核对原文件（如原始 PDF）并修正后再导入。',
    );
  }

  private feasibleAlone(c: Constraint): boolean {
    const choice = new Int32Array(this.pending.length).fill(-1);
    const rec = (i: number): boolean => {
      if (i === c.rows.length) return this.feasible(c, choice);
      const r = c.rows[i]!;
      for (let ci = 0; ci < this.candidates[r]!.length; ci++) {
        choice[r] = ci;
        if (this.feasible(c, choice) && rec(i + 1)) return true;
      }
      choice[r] = -1;
      return false;
    };
    return c.rows.length > 12 ? true : rec(0);
  }

  /** Several placements fit the identities: the one that also fits all soft evidence, if it is unique. */
  private breakTie(active: Uint8Array, solutions: Int32Array[]): Int32Array {
    const soft = [...this.hard.keys()].filter((i) => !this.hard[i]);
    const withEvidence = active.slice();
    for (const i of soft) withEvidence[i] = 1;
    const preferred = this.enumerate(withEvidence, 2).solutions;
    const differing = [...Array(this.pending.length).keys()].filter((r) => new Set(solutions.map((s) => s[r])).size > 1);
    if (preferred.length === 1) {
      const w = preferred[0]!;
      const decisive = soft.map((i) => this.constraints[i]!).filter((c) => solutions.some((s) => !this.feasible(c, s)));
      const because = [...new Set(decisive.map((c) => c.identity.description))].join('；') || '表内外的参考关系';
      for (const r of differing) {
        const p = this.pending[r]!;
        this.notes.push({
          kind: 'placement',
          table: p.table,
          row: p.key,
          origin: { line: p.line },
          message: `${p.tableTitle}第 ${p.line} 行的数字仅凭勾稽关系有多种放法，依据“${because}”放为：${placementText(this.candidates[r]![w[r]!]!)}`,
        });
      }
      return w;
    }
    const first = differing[0] ?? 0;
    const p = this.pending[first]!;
    const alternatives = [...new Set(solutions.slice(0, 8).map((s) => placementText(this.candidates[first]![s[first]!]!)))].slice(0, 3);
    throw new ImportError(
      'ambiguous-placement',
      `${p.tableTitle}第 ${differing.map((r) => this.pending[r]!.line).join('、')} 行的数字有不止一种放列方式都满足勾稽关系（例如第 ${p.line} 行：${alternatives.join(' 或 ')}），不能确定空白单元格的位置`,
      { file: this.file, line: p.line },
      '请提供保留空白单元格的版本（原始 PDF、表格文件，或以 0.00 填写空白单元格的文本）。',
    );
  }

  private noteTables(): void {
    const byTable = new Map<string, PendingRow[]>();
    for (const r of this.pending.keys()) {
      if (this.candidates[r]!.length < 2) continue;
      const p = this.pending[r]!;
      byTable.set(p.tableTitle, [...(byTable.get(p.tableTitle) ?? []), p]);
    }
    for (const [title, rows] of byTable) {
      this.notes.push({
        kind: 'placement',
        table: rows[0]!.table,
        message: `${title}：原文空白单元格已消失，${rows.length} 行（第 ${rows.map((p) => p.line).join('、')} 行）的数字按表内及表间勾稽关系唯一确定所在列`,
      });
    }
  }
}
