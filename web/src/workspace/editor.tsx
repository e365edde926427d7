/**
 * A document in the workspace: its tables to edit (when it is a draft of one's own unit), the
 * findings as one types, the sums filled in, and the workflow (submit, return with comments,
 * reopen, approve, publish). Saving sends only the cells changed, with the revision seen.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import { parseAmount } from '../../../src/model/money.js';
import { SEVERITY_NAMES, FAMILY_NAMES } from '../../../src/check/names.js';
import type { Finding } from '../../../src/check/finding.js';
import type { BudgetDocument } from '../../../src/model/document.js';
import { applyEdits, type CellEdit } from '../../../src/workflow/edit.js';
import { consistentEdits, describeCell, type LinkedChange } from '../../../src/workflow/consistent.js';
import type { Identity } from '../../../src/model/identities.js';
import { api, ApiError, content, record, type DocumentRecord } from '../api.js';
import { SCOPE_NAMES, STATE_NAMES, dateTime, money } from '../format.js';
import { Link, setLeaveGuard } from '../router.js';
import { ErrorBox, Show, useLoad, useTitle } from '../ui.js';
import { EditableTable, type CellState } from './grid.js';
import { cellKey, check, findingCells, priorOf } from './live.js';
import { ACTION_NAMES } from './home.js';
import { SinceReturnPanel, UnitList, useUnits } from './review.js';

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  action: string;
  version: number | null;
  revision: number | null;
  details: { comment?: string; from?: string; to?: string; changes?: { path: string; old: unknown; new: unknown }[]; source?: string };
}

export interface Loaded {
  d: DocumentRecord;
  doc: BudgetDocument;
  prior: BudgetDocument | undefined;
  audit: AuditEntry[];
}

export async function loadForEditing(id: number): Promise<Loaded> {
  // The history is shown to those the server shows it to (403 for others, who may still read a published document).
  const history = api.get<{ entries: AuditEntry[] }>(`/api/documents/${id}/audit`).then(
    (r) => r.entries,
    (e: unknown) => (e instanceof ApiError && e.status === 403 ? [] : Promise.reject(e)),
  );
  const [d, doc, audit] = await Promise.all([record(id), content(id), history]);
  return { d, doc, prior: await priorOf(d), audit };
}

/** The reviewer's latest comment when the document came back (shown until it is submitted again). */
export function ReturnComment({ d, audit }: { d: DocumentRecord; audit: AuditEntry[] }) {
  const last = [...audit].sort((a, b) => b.id - a.id).find((e) => e.action === 'return' || e.action === 'submit');
  if (!last || last.action !== 'return' || !['returned', 'draft'].includes(d.state)) return null;
  return (
    <div class="return-comment" role="note">
      <strong>审核意见（退回）：</strong>
      <span class="comment-text">{last.details.comment}</span>
      <span class="muted">
        {' '}
        —— {last.actor}，{dateTime(last.at)}
      </span>
    </div>
  );
}

/**
 * Leaving a view with unsaved edits asks first (`question`, or undefined when nothing would be lost):
 * another view of the app, the back button, a reload or closing the tab.
 */
export function useUnsavedGuard(question: string | undefined): void {
  useEffect(() => {
    if (!question) return;
    const release = setLeaveGuard(() => question);
    const onUnload = (e: BeforeUnloadEvent) => {
      e.preventDefault();
      e.returnValue = question;
    };
    window.addEventListener('beforeunload', onUnload);
    return () => {
      release();
      window.removeEventListener('beforeunload', onUnload);
    };
  }, [question]);
}

/** The id of a cell's input in the editor, to reach it from a finding. */
export const cellInputId = (key: string) => `cell-${key}`;

/** Moves to a cell of the editor: scrolled to the middle of the screen (clear of the sticky bars) and focused. */
export function focusCell(key: string): boolean {
  const input = document.getElementById(cellInputId(key)) as HTMLInputElement | null;
  const target = input ?? (document.querySelector(`[data-cell="${CSS.escape(key)}"]`) as HTMLElement | null);
  if (!target) return false;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
  if (input) input.select();
  return true;
}

export function FindingList({ findings, prefix = 'lf' }: { findings: Finding[]; prefix?: string }) {
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return (
    <section class="live-findings" aria-labelledby="h-findings">
      <h2 id="h-findings" aria-live="polite">
        校验结果：错误 {count('error')} 条、警告 {count('warning')} 条、提示 {count('info')} 条
      </h2>
      {findings.length ? (
        <ol class="findings">
          {findings.map((f, i) => {
            const cells = findingCells(f);
            return (
              <li key={i} id={`${prefix}${i + 1}`} class={`sev-${f.severity}`} data-rule={f.rule}>
                【{SEVERITY_NAMES[f.severity]}·{FAMILY_NAMES[f.family]}】{f.message}
                {f.location.tableTitle ? <span class="where">（《{f.location.tableTitle}》{f.location.rowLabel ?? ''}）</span> : f.location.section ? <span class="where">（“{f.location.section}”）</span> : null}
                {cells.length ? (
                  <button type="button" class="link locate" onClick={() => focusCell(cells[0]!)}>
                    定位到单元格
                  </button>
                ) : null}
              </li>
            );
          })}
        </ol>
      ) : (
        <p>未发现问题。</p>
      )}
    </section>
  );
}

export function Transitions({ d, blocked, onDone }: { d: DocumentRecord; blocked?: string; onDone: (d: DocumentRecord) => void }) {
  const [comment, setComment] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const actions = d.actions ?? [];
  if (!actions.length) return null;
  const run = (action: string) => {
    setBusy(true);
    setError(undefined);
    api.post<{ document: DocumentRecord }>(`/api/documents/${d.id}/transitions`, { action, revision: d.revision, ...(comment.trim() ? { comment: comment.trim() } : {}) }).then(
      (r) => (setBusy(false), setComment(''), onDone(r.document)),
      (e: ApiError) => (setBusy(false), setError(e)),
    );
  };
  const reviewing = actions.includes('return') || actions.includes('approve');
  return (
    <section class="transitions" aria-labelledby="h-flow">
      <h2 id="h-flow">流转</h2>
      {actions.includes('return') ? (
        <p>
          <Link href={`/workspace/documents/${d.id}/review`}>打开公开情况检查表</Link>：按财政局的检查表逐项审核（附原页截图），改好后按检查表退回。
        </p>
      ) : null}
      {reviewing ? (
        <label class="comment">
          审核意见（退回时必填）
          <textarea rows={3} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} placeholder="写明需要修改的地方，如：请核对……" />
        </label>
      ) : null}
      {blocked ? <p class="sev-warning">{blocked}</p> : null}
      <div class="buttons">
        {actions.map((a) => (
          <button key={a} type="button" class={a === 'return' ? 'danger' : a === 'withdraw' ? '' : 'primary'} disabled={busy || (!!blocked && a === 'submit') || (a === 'return' && !comment.trim())} onClick={() => run(a)}>
            {ACTION_NAMES[a] ?? a}
          </button>
        ))}
      </div>
      {error ? <ErrorBox error={error} /> : null}
    </section>
  );
}

export function DocNav({ d, here }: { d: DocumentRecord; here: string }) {
  const links: [string, string][] = [
    [`/workspace/documents/${d.id}`, '表格'],
    [`/workspace/documents/${d.id}/narrative`, '说明文字'],
    [`/workspace/documents/${d.id}/audit`, '历史与审计'],
    // The bureau's 公开情况检查表, for whoever may return the document now (the server decides who sees it).
    ...((d.actions ?? []).includes('return') ? ([[`/workspace/documents/${d.id}/review`, '检查表']] as [string, string][]) : []),
  ];
  return (
    <nav class="doc-nav" aria-label="文件的各部分">
      {links.map(([href, label]) => (
        <Link key={href} href={href} aria-current={here === label ? 'page' : undefined}>
          {label}
        </Link>
      ))}
      {d.state === 'published' ? <Link href={`/documents/${d.id}`}>公开页面</Link> : null}
    </nav>
  );
}

export function DocHeading({ d, doc }: { d: DocumentRecord; doc: BudgetDocument }) {
  return (
    <>
      <p class="crumbs">
        <Link href="/workspace">工作台</Link> › {d.entity.name} › {d.year}年
      </p>
      <h1>{doc.meta.title}</h1>
      <p class="doc-facts">
        <span>{d.entity.name}</span>
        <span>{SCOPE_NAMES[d.scope]}</span>
        <span class={`state state-${d.state}`}>{STATE_NAMES[d.state]}</span>
        <span>
          第 {d.version} 版 · 修订号 {d.revision}
        </span>
      </p>
    </>
  );
}

/**
 * Edits the server refused as stale (409), kept to apply again on the document as it now is, each
 * with the value its cell had when the preparer changed it: a cell someone else saved meanwhile is
 * a conflict the preparer decides, never overwritten in silence.
 */
let carried: { edit: CellEdit; was: number | null }[] = [];
/** What the last save said, shown again after the editor reloads the new version. */
let savedNote: string | undefined;
/** 联动修改 on or off, kept across reloads. */
let linkPreference = true;

const valueIn = (doc: BudgetDocument, c: { table: string; row: string; column: string }) => doc.tables.find((t) => t.id === c.table)?.rows.find((r) => r.key === c.row)?.cells[c.column] ?? null;

interface Conflict {
  edit: CellEdit;
  theirs: number | null;
}

function LinkedList({ base, linked, unresolved }: { base: BudgetDocument; linked: LinkedChange[]; unresolved: Identity[] }) {
  if (!linked.length && !unresolved.length) return null;
  return (
    <details class="linked-changes" open>
      <summary>联动修改 {linked.length} 处（保存时与您的修改一并保存）</summary>
      <ol>
        {linked.map((c) => (
          <li key={cellKey(c)}>
            <button type="button" class="link" onClick={() => focusCell(cellKey(c))}>
              {describeCell(base, c)}
            </button>
            ：{money(c.old, 'yuan')} → {money(c.amount, 'yuan')} 元<span class="muted">（{c.because}）</span>
          </li>
        ))}
      </ol>
      {unresolved.length ? (
        <p class="sev-warning">
          还有 {unresolved.length} 处需要您决定（例如下列合计应分到哪个科目）：
          {unresolved
            .slice(0, 5)
            .map((i) => `${describeCell(base, i.lhs)}（${i.description}）`)
            .join('；')}
          {unresolved.length > 5 ? '……' : ''}
        </p>
      ) : null}
    </details>
  );
}

function ConflictPanel({ base, conflicts, onDecide }: { base: BudgetDocument; conflicts: Conflict[]; onDecide: (c: Conflict, mine: boolean) => void }) {
  if (!conflicts.length) return null;
  return (
    <section class="conflicts" role="alert" aria-labelledby="h-conflicts">
      <h2 id="h-conflicts">他人在您编辑时也改了 {conflicts.length} 个相同的单元格</h2>
      <p>请逐个决定保留哪一个数：决定之前不能保存。</p>
      <ul>
        {conflicts.map((c) => (
          <li key={cellKey(c.edit)} data-conflict={cellKey(c.edit)}>
            {describeCell(base, c.edit)}：他人已保存 <strong>{money(c.theirs, 'yuan')}</strong> 元，您改为 <strong>{money(c.edit.amount, 'yuan')}</strong> 元。
            <span class="buttons">
              <button type="button" class="primary" onClick={() => onDecide(c, true)}>
                用我的 {money(c.edit.amount, 'yuan')}
              </button>
              <button type="button" onClick={() => onDecide(c, false)}>
                保留他人的 {money(c.theirs, 'yuan')}
              </button>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function EditorView({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { d: initial, doc: base, prior, audit } = loaded;
  const [d, setD] = useState(initial);
  // Carried edits: those on cells nobody else changed apply again at once; the others wait for the preparer.
  const [start] = useState(() => {
    const again = new Map<string, CellEdit>();
    const conflicts: Conflict[] = [];
    for (const { edit, was } of carried) {
      const theirs = valueIn(base, edit);
      if (theirs !== was && theirs !== edit.amount) conflicts.push({ edit, theirs });
      else if (theirs !== edit.amount) again.set(cellKey(edit), edit);
    }
    carried = [];
    return { again, conflicts };
  });
  const [edits, setEdits] = useState(start.again);
  const [conflicts, setConflicts] = useState(start.conflicts);
  const [raw, setRaw] = useState(new Map<string, string>());
  const [invalid, setInvalid] = useState(new Map<string, string>());
  const [autoSum, setAutoSumState] = useState(linkPreference);
  const setAutoSum = (on: boolean) => setAutoSumState((linkPreference = on));
  const [focused, setFocused] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string | undefined>(() => {
    const note = savedNote;
    savedNote = undefined;
    return note;
  });
  useTitle(`编辑：${base.meta.title}`);
  const editable = !!d.editable;
  const { doc, sums, unresolved } = useMemo(() => {
    const user = [...edits.values()];
    if (!autoSum || !user.length) return { doc: applyEdits(base, { cells: user }).doc, sums: [] as LinkedChange[], unresolved: [] as Identity[] };
    const r = consistentEdits(base, user);
    return { doc: applyEdits(base, { cells: [...user, ...r.linked.map(({ old: _o, because: _b, ...c }) => c)] }).doc, sums: r.linked, unresolved: r.unresolved };
  }, [base, edits, autoSum]);
  const [findings, setFindings] = useState<Finding[]>(() => check(base, prior));
  useEffect(() => {
    const t = setTimeout(() => setFindings(check(doc, prior)), 60);
    return () => clearTimeout(t);
  }, [doc]);
  const byCell = useMemo(() => {
    const m = new Map<string, { f: Finding; n: number }[]>();
    findings.forEach((f, i) => findingCells(f).forEach((k) => m.set(k, [...(m.get(k) ?? []), { f, n: i + 1 }])));
    return m;
  }, [findings]);
  const sumKeys = useMemo(() => new Set(sums.map(cellKey)), [sums]);
  const cell = (key: string): CellState => ({ ...(raw.has(key) ? { raw: raw.get(key)! } : {}), ...(invalid.has(key) ? { invalid: invalid.get(key)! } : {}), findings: byCell.get(key) ?? [], edited: edits.has(key), filled: sumKeys.has(key) });
  const onInput = (ref: { table: string; row: string; column: string }, text: string) => {
    const key = cellKey(ref);
    const t = text.replace(/[\s，]/g, (c) => (c === '，' ? ',' : ''));
    const amount = t === '' ? null : parseAmount(t, 'yuan');
    setRaw(new Map(raw).set(key, text));
    const inv = new Map(invalid);
    const next = new Map(edits);
    setSaved(undefined);
    if (t !== '' && amount === null) {
      // Not an amount: the checker goes on with the cell's saved value, never with a prefix of what was typed ("12abc" is not 12).
      inv.set(key, `“${text}”不是金额：请输入以元为单位的数，最多两位小数，如 1,234.56`);
      setInvalid(inv);
      next.delete(key);
      setEdits(next);
      return;
    }
    inv.delete(key);
    setInvalid(inv);
    const original = valueIn(base, ref);
    if (amount === original) next.delete(key);
    else next.set(key, { table: ref.table as CellEdit['table'], row: ref.row, column: ref.column, amount });
    setEdits(next);
  };
  const changes: CellEdit[] = [...edits.values(), ...sums.map(({ old: _o, because: _b, ...c }) => c)];
  const dirty = changes.length > 0 || invalid.size > 0 || conflicts.length > 0;
  const leaveQuestion = dirty ? `有 ${changes.length + invalid.size + conflicts.length} 处修改还没有保存，离开将丢失这些修改。确定离开吗？` : undefined;
  useUnsavedGuard(leaveQuestion);
  const discard = () => {
    if (!window.confirm(`放弃全部 ${changes.length + invalid.size} 处未保存的修改吗？放弃后不能恢复。`)) return;
    setEdits(new Map());
    setRaw(new Map());
    setInvalid(new Map());
    setSaved(undefined);
  };
  const save = () => {
    setSaving(true);
    setError(undefined);
    api.patch<{ document: DocumentRecord; changes: unknown[] }>(`/api/documents/${d.id}`, { revision: d.revision, cells: changes }).then(
      (r) => {
        setSaving(false);
        savedNote = `已保存 ${r.changes.length} 处修改（第 ${r.document.version} 版，${new Date().toLocaleTimeString('zh-CN', { hour12: false })}）`;
        setSaved(savedNote);
        setEdits(new Map());
        setRaw(new Map());
        reload();
      },
      (e: ApiError) => (setSaving(false), setError(e)),
    );
  };
  const reapply = () => {
    carried = [...edits.values()].map((edit) => ({ edit, was: valueIn(base, edit) }));
    setEdits(new Map());
    reload();
  };
  const decide = (c: Conflict, mine: boolean) => {
    setConflicts(conflicts.filter((x) => x !== c));
    if (mine) setEdits(new Map(edits).set(cellKey(c.edit), c.edit));
  };
  const focusedFindings = focused ? [...(invalid.has(focused) ? [invalid.get(focused)!] : []), ...(byCell.get(focused) ?? []).map((x) => x.f.message)] : [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const units = useUnits(d);
  const blocked = changes.length ? '有未保存的修改：请先保存，再提交。' : errors ? `还有 ${errors} 条校验错误：改正后才能提交。` : (d.actions ?? []).includes('submit') ? units?.refusal : undefined;
  return (
    <main id="main" class="editor" data-ready="editor">
      <DocHeading d={d} doc={base} />
      <DocNav d={d} here="表格" />
      <ReturnComment d={d} audit={audit} />
      <SinceReturnPanel d={d} />
      <div class="editor-layout">
        <div class="editor-tables">
          {editable ? (
            <div class="edit-bar" role="toolbar" aria-label="编辑">
              <label>
                <input type="checkbox" checked={autoSum} onChange={(e) => setAutoSum((e.target as HTMLInputElement).checked)} /> 联动修改（改一格时，本表的款、类、合计与其他表中相关的数随之改动）
              </label>
              <button type="button" class="primary" disabled={saving || !changes.length || invalid.size > 0 || conflicts.length > 0} onClick={save}>
                {saving ? '正在保存……' : `保存修改${changes.length ? `（${changes.length} 处）` : ''}`}
              </button>
              <button type="button" disabled={!changes.length && !invalid.size} onClick={discard}>
                放弃修改
              </button>
              {saved ? (
                <span role="status" class="saved">
                  {saved}
                </span>
              ) : null}
              {error ? <ErrorBox error={error} /> : null}
              {error?.status === 409 && error.code === 'stale' ? (
                <button type="button" class="primary" onClick={reapply}>
                  载入他人保存的内容，再应用我的 {edits.size} 处修改
                </button>
              ) : null}
            </div>
          ) : (
            <p class="muted">{d.state === 'draft' ? '您不是该单位的编制人，只能查看。' : `文件${STATE_NAMES[d.state]}，不能修改。`}</p>
          )}
          <p class="cell-help" role="status" aria-live="polite">
            {focusedFindings.length ? focusedFindings.join('；') : editable ? '金额单位为元；↑↓ 或回车上下移动，Tab 左右移动；改动的单元格标为蓝色，联动改动的为绿色，有问题的标为红色或橙色。' : ''}
          </p>
          <ConflictPanel base={base} conflicts={conflicts} onDecide={decide} />
          <LinkedList base={base} linked={sums} unresolved={unresolved} />
          {doc.tables.map((t) => (
            <EditableTable key={t.id} table={t} editable={editable} cell={cell} onInput={onInput} onFocusCell={setFocused} />
          ))}
        </div>
        <aside class="editor-side">
          <Transitions d={d} {...(blocked ? { blocked } : {})} onDone={(n) => (setD(n), reload())} />
          <UnitList answer={units} />
          <FindingList findings={findings} />
          {doc.narrative.projects.length ? (
            <section>
              <h2>项目</h2>
              <ul>
                {doc.narrative.projects.map((p, i) => (
                  <li key={i}>
                    <Link href={`/workspace/documents/${d.id}/projects/${i}`}>{p.name}</Link>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </aside>
      </div>
    </main>
  );
}

export function Editor({ id }: { id: number }) {
  const loaded = useLoad(() => loadForEditing(id), [id]);
  return (
    <Show loaded={loaded} what="文件" page>
      {(l) => <EditorView key={`${l.d.id}-${l.d.revision}`} loaded={l} reload={loaded.reload} />}
    </Show>
  );
}
