/**
 * A table in its standard printed layout (src/publish/layout/grid.ts, the layout the published
 * page, the PDF and the XLSX draw), its amounts as inputs: what the preparer edits looks like
 * what will be published. Cells with findings are marked as they are typed.
 */
import type { BudgetTable } from '../../../src/model/document.js';
import type { Finding } from '../../../src/check/finding.js';
import { COLUMN_NAMES } from '../../../src/model/tables.js';
import { tableGrid } from '../../../src/publish/layout/grid.js';
import { cellKey } from './live.js';

export interface CellState {
  /** What the preparer typed, while it is being typed (or is not an amount). */
  raw?: string;
  invalid?: string;
  findings: { f: Finding; n: number }[];
  edited: boolean;
  filled: boolean;
}

export interface GridProps {
  table: BudgetTable;
  editable: boolean;
  cell: (key: string) => CellState;
  onInput: (ref: { table: string; row: string; column: string }, text: string) => void;
  onFocusCell: (key: string | undefined) => void;
}

const RANK = { error: 0, warning: 1, info: 2 } as const;
const STEPS: Record<string, number> = { ArrowDown: 1, Enter: 1, ArrowUp: -1 };

/** ↑, ↓ and Enter move to the amount above or below in the same column, as in a spreadsheet (Tab goes across). */
function moveInColumn(e: KeyboardEvent): void {
  const step = STEPS[e.key];
  if (!step || e.altKey || e.ctrlKey || e.metaKey) return;
  const td = (e.target as HTMLElement).closest('td');
  const tr = td?.parentElement;
  if (!td || !tr) return;
  const column = Array.prototype.indexOf.call(tr.children, td);
  for (let next = step > 0 ? tr.nextElementSibling : tr.previousElementSibling; next; next = step > 0 ? next.nextElementSibling : next.previousElementSibling) {
    const input = next.children[column]?.querySelector('input');
    if (input) {
      e.preventDefault();
      input.focus();
      input.select();
      return;
    }
  }
}

export function EditableTable({ table, editable, cell, onInput, onFocusCell }: GridProps) {
  const grid = tableGrid(table, { unit: 'yuan' });
  const head = Array.from({ length: grid.headerRows }, (_, r) => grid.header.filter((h) => h.row === r).sort((a, b) => a.col - b.col));
  return (
    <section class="table edit-table" id={`table-${table.id}`} data-table={table.id}>
      <h3 class="table-title">{table.title}</h3>
      <p class="table-meta">
        <span>{table.preparer ? `编制单位：${table.preparer}` : ''}</span>
        <span>单位：元</span>
      </p>
      <div class="scroll" tabIndex={0} role="region" aria-label={`${table.title}（可滚动）`}>
        <table class="budget">
          <thead>
            {head.map((cells, r) => (
              <tr key={r}>
                {cells.map((h) => (
                  <th key={h.col} scope="col" rowSpan={h.rowspan > 1 ? h.rowspan : undefined} colSpan={h.colspan > 1 ? h.colspan : undefined}>
                    {h.text}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {grid.body.map((row) => {
              const name = row.cells.find((c) => c.kind === 'name' || c.kind === 'label')?.text ?? row.key;
              return (
                <tr key={row.key} data-row={row.key} class={row.total ? 'total' : undefined}>
                  {row.cells.map((c, i) => {
                    if (c.kind !== 'number') return <td key={i} class={c.kind === 'name' ? `name level${c.level ?? 0}` : c.kind}>{c.text}</td>;
                    const ref = { table: table.id, row: c.ref!.row, column: c.ref!.column };
                    const key = cellKey(ref);
                    const s = cell(key);
                    const worst = s.invalid ? 'error' : s.findings.map((x) => x.f.severity).sort((a, b) => RANK[a] - RANK[b])[0];
                    const cls = ['num', worst ? `finding ${worst}` : '', s.edited ? 'edited' : '', s.filled ? 'filled' : ''].filter(Boolean).join(' ');
                    const label = `${table.title} ${name.trim() || c.ref!.row} ${COLUMN_NAMES[c.ref!.column] ?? c.ref!.column}`;
                    const described = [s.invalid ? `inv-${key}` : '', ...s.findings.map((x) => `lf${x.n}`)].filter(Boolean).join(' ');
                    return (
                      <td key={i} class={cls} data-column={c.ref!.column} data-cell={key} tabIndex={editable ? undefined : -1} title={[s.invalid, ...s.findings.map((x) => x.f.message)].filter(Boolean).join('\n') || undefined}>
                        {editable ? (
                          <input
                            class="amount-input"
                            id={`cell-${key}`}
                            inputMode="decimal"
                            aria-label={label}
                            aria-invalid={worst === 'error' ? 'true' : undefined}
                            aria-describedby={described || undefined}
                            value={s.raw ?? c.text}
                            onInput={(e) => onInput(ref, (e.target as HTMLInputElement).value)}
                            onKeyDown={moveInColumn}
                            onFocus={() => onFocusCell(key)}
                            onBlur={() => onFocusCell(undefined)}
                          />
                        ) : (
                          <span>{c.text}</span>
                        )}
                        {s.invalid ? (
                          <span id={`inv-${key}`} class="sr-only">
                            {s.invalid}
                          </span>
                        ) : null}
                      </td>
                    );
                  })}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {table.note ? <p class="table-note">{table.note}</p> : null}
    </section>
  );
}
