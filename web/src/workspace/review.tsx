/**
 * What a document's workflow needs beside its tables: a department's units and their states (it is
 * submitted only once they are all approved: UNITS_BEFORE in src/workflow/workflow.ts), and, for the
 * reviewer of a resubmitted document, what changed since it was returned (cells and paragraphs).
 */
import { useEffect, useState } from 'preact/hooks';
import { api, type DocumentRecord } from '../api.js';
import { STATE_NAMES, dateTime, money } from '../format.js';
import { Link } from '../router.js';
import type { CellDiff, ParagraphDiff } from '../../../src/workflow/diff.js';

export interface UnitsAnswer {
  units: { id: number; name: string; state: keyof typeof STATE_NAMES }[];
  refusal?: string;
}

/** A department's units (fetched once per revision shown); undefined for a unit's document or while loading. */
export function useUnits(d: DocumentRecord): UnitsAnswer | undefined {
  const [answer, setAnswer] = useState<UnitsAnswer>();
  useEffect(() => {
    if (d.scope !== 'department') return;
    let live = true;
    api.get<UnitsAnswer>(`/api/documents/${d.id}/units`).then((r) => live && setAnswer(r), () => undefined);
    return () => void (live = false);
  }, [d.id, d.revision, d.scope]);
  return d.scope === 'department' ? answer : undefined;
}

export function UnitList({ answer }: { answer: UnitsAnswer | undefined }) {
  if (!answer?.units.length) return null;
  return (
    <section class="unit-states" aria-labelledby="h-units">
      <h2 id="h-units">下属单位的预算</h2>
      <ul>
        {answer.units.map((u) => (
          <li key={u.id}>
            <Link href={`/workspace/documents/${u.id}`}>{u.name}</Link> <span class={`state state-${u.state}`}>{STATE_NAMES[u.state]}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface SinceReturn {
  returned: { at: string; by: string; comment: string | null; version: number } | null;
  version: number | null;
  cells: CellDiff[];
  paragraphs: ParagraphDiff[];
}

/** The differing middle of two texts (common start and end kept plain), to mark what was struck and what was added. */
function split(a: string, b: string): [string, string, string, string] {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  let j = 0;
  while (j < a.length - i && j < b.length - i && a[a.length - 1 - j] === b[b.length - 1 - j]) j++;
  return [a.slice(0, i), a.slice(i, a.length - j), b.slice(i, b.length - j), a.slice(a.length - j)];
}

function ParagraphChange({ p }: { p: ParagraphDiff }) {
  if (p.old === null) return <p class="diff-text"><ins>{p.new}</ins></p>;
  if (p.new === null) return <p class="diff-text"><del>{p.old}</del></p>;
  const [head, gone, added, tail] = split(p.old, p.new);
  return (
    <p class="diff-text">
      {head}
      {gone ? <del>{gone}</del> : null}
      {added ? <ins>{added}</ins> : null}
      {tail}
    </p>
  );
}

/** Shown to those who review a document that came back after a return: every cell and paragraph changed since. */
export function SinceReturnPanel({ d }: { d: DocumentRecord }) {
  const reviewing = (d.actions ?? []).some((a) => a === 'approve' || a === 'return');
  const [r, setR] = useState<SinceReturn>();
  useEffect(() => {
    if (!reviewing) return;
    let live = true;
    api.get<SinceReturn>(`/api/documents/${d.id}/since-return`).then((x) => live && setR(x), () => undefined);
    return () => void (live = false);
  }, [d.id, d.revision, reviewing]);
  if (!reviewing || !r?.returned) return null;
  const none = !r.cells.length && !r.paragraphs.length;
  return (
    <section class="since-return" aria-labelledby="h-since">
      <h2 id="h-since">
        自退回以来的修改（第 {r.returned.version} 版 → 第 {r.version} 版）
      </h2>
      <p class="muted">
        {r.returned.by}于 {dateTime(r.returned.at)} 退回{r.returned.comment ? `：“${r.returned.comment}”` : ''}
      </p>
      {none ? <p>退回后没有修改任何单元格或段落。</p> : null}
      {r.cells.length ? (
        <div class="scroll" tabIndex={0} role="region" aria-label="改动的单元格（可左右滚动）">
          <table class="plain diff-cells">
            <caption>改动的单元格 {r.cells.length} 处（元）</caption>
            <thead>
              <tr>
                <th scope="col">单元格</th>
                <th scope="col" class="num">退回时</th>
                <th scope="col" class="num">现在</th>
              </tr>
            </thead>
            <tbody>
              {r.cells.map((c) => (
                <tr key={`${c.table}|${c.row}|${c.column}`}>
                  <th scope="row">{c.label}</th>
                  <td class="num">{money(c.old, 'yuan')}</td>
                  <td class="num">{money(c.new, 'yuan')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {r.paragraphs.length ? (
        <>
          <h3>改动的段落 {r.paragraphs.length} 处</h3>
          <ol class="diff-paragraphs">
            {r.paragraphs.map((p, i) => (
              <li key={i}>
                <span class="muted">
                  “{p.section || '封面'}”第 {p.paragraph} 段{p.old === null ? '（新增）' : p.new === null ? '（删去）' : ''}
                </span>
                <ParagraphChange p={p} />
              </li>
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
