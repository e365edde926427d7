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
import { api, ApiError, content, record, type DocumentRecord } from '../api.js';
import { SCOPE_NAMES, STATE_NAMES, dateTime } from '../format.js';
import { Link } from '../router.js';
import { ErrorBox, Show, useLoad, useTitle } from '../ui.js';
import { EditableTable, type CellState } from './grid.js';
import { cellKey, check, fillSums, findingCells, priorOf } from './live.js';
import { ACTION_NAMES } from './home.js';

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
  const [d, doc, audit] = await Promise.all([record(id), content(id), api.get<{ entries: AuditEntry[] }>(`/api/documents/${id}/audit`).then((r) => r.entries)]);
  return { d, doc, prior: await priorOf(d), audit };
}

/** The reviewer's latest comment when the document came back (shown until it is submitted again). */
export function ReturnComment({ d, audit }: { d: DocumentRecord; audit: AuditEntry[] }) {
  const last = [...audit].sort((a, b) => b.id - a.id).find((e) => e.action === 'return' || e.action === 'submit');
  if (!last || last.action !== 'return' || !['returned', 'draft'].includes(d.state)) return null;
  return (
    <div class="return-comment" role="note">
      <strong>审核意见（退回）：</strong>
      {last.details.comment}
      <span class="muted">
        {' '}
        —— {last.actor}，{dateTime(last.at)}
      </span>
    </div>
  );
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
          {findings.map((f, i) => (
            <li key={i} id={`${prefix}${i + 1}`} class={`sev-${f.severity}`} data-rule={f.rule}>
              【{SEVERITY_NAMES[f.severity]}·{FAMILY_NAMES[f.family]}】{f.message}
              {f.location.tableTitle ? <span class="where">（《{f.location.tableTitle}》{f.location.rowLabel ?? ''}）</span> : f.location.section ? <span class="where">（“{f.location.section}”）</span> : null}
            </li>
          ))}
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
      {reviewing ? (
        <label class="comment">
          审核意见（退回时必填）
          <textarea rows={3} value={comment} onInput={(e) => setComment((e.target as HTMLTextAreaElement).value)} placeholder="写明需要修改的地方，如：请核对……" />
        </label>
      ) : null}
      {blocked ? <p class="sev-warning">{blocked}</p> : null}
      <div class="buttons">
        {actions.map((a) => (
          <button key={a} type="button" class={a === 'return' ? 'danger' : 'primary'} disabled={busy || (!!blocked && a === 'submit') || (a === 'return' && !comment.trim())} onClick={() => run(a)}>
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

/** Edits the server refused as stale (409), kept to apply again on the document as it now is. */
let carried: CellEdit[] = [];

function EditorView({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { d: initial, doc: base, prior, audit } = loaded;
  const [d, setD] = useState(initial);
  const [edits, setEdits] = useState(() => {
    const again = new Map(carried.map((e) => [cellKey(e), e]));
    carried = [];
    return again;
  });
  const [raw, setRaw] = useState(new Map<string, string>());
  const [invalid, setInvalid] = useState(new Map<string, string>());
  const [autoSum, setAutoSum] = useState(true);
  const [focused, setFocused] = useState<string>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [saved, setSaved] = useState<string>();
  useTitle(`编辑：${base.meta.title}`);
  const editable = !!d.editable;
  const { doc, sums } = useMemo(() => {
    const user = [...edits.values()];
    const first = applyEdits(base, { cells: user }).doc;
    const filled = autoSum ? fillSums(first, user).filter((s) => !edits.has(cellKey(s))) : [];
    return { doc: filled.length ? applyEdits(first, { cells: filled }).doc : first, sums: filled };
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
    if (t !== '' && amount === null) {
      inv.set(key, `“${text}”不是金额：请输入以元为单位的数，最多两位小数，如 1,234.56`);
      setInvalid(inv);
      return;
    }
    inv.delete(key);
    setInvalid(inv);
    setSaved(undefined);
    const original = base.tables.find((x) => x.id === ref.table)?.rows.find((r) => r.key === ref.row)?.cells[ref.column] ?? null;
    const next = new Map(edits);
    if (amount === original) next.delete(key);
    else next.set(key, { table: ref.table as CellEdit['table'], row: ref.row, column: ref.column, amount });
    setEdits(next);
  };
  const changes = [...edits.values(), ...sums];
  const save = () => {
    setSaving(true);
    setError(undefined);
    api.patch<{ document: DocumentRecord; changes: unknown[] }>(`/api/documents/${d.id}`, { revision: d.revision, cells: changes }).then(
      (r) => {
        setSaving(false);
        setSaved(`已保存 ${r.changes.length} 处修改（第 ${r.document.version} 版）`);
        setEdits(new Map());
        setRaw(new Map());
        reload();
      },
      (e: ApiError) => (setSaving(false), setError(e)),
    );
  };
  const focusedFindings = focused ? [...(invalid.has(focused) ? [invalid.get(focused)!] : []), ...(byCell.get(focused) ?? []).map((x) => x.f.message)] : [];
  const errors = findings.filter((f) => f.severity === 'error').length;
  const blocked = changes.length ? '有未保存的修改：请先保存，再提交。' : errors ? `还有 ${errors} 条校验错误：改正后才能提交。` : undefined;
  return (
    <main id="main" class="editor" data-ready="editor">
      <DocHeading d={d} doc={base} />
      <DocNav d={d} here="表格" />
      <ReturnComment d={d} audit={audit} />
      <div class="editor-layout">
        <div class="editor-tables">
          {editable ? (
            <div class="edit-bar" role="toolbar" aria-label="编辑">
              <label>
                <input type="checkbox" checked={autoSum} onChange={(e) => setAutoSum((e.target as HTMLInputElement).checked)} /> 自动汇总（改“项”时，款、类、合计与行合计随之计算）
              </label>
              <button type="button" class="primary" disabled={saving || !changes.length || invalid.size > 0} onClick={save}>
                {saving ? '正在保存……' : `保存修改${changes.length ? `（${changes.length} 处）` : ''}`}
              </button>
              <button type="button" disabled={!changes.length} onClick={() => (setEdits(new Map()), setRaw(new Map()), setInvalid(new Map()))}>
                放弃修改
              </button>
              {saved ? <span role="status">{saved}</span> : null}
              {error ? <ErrorBox error={error} /> : null}
              {error?.status === 409 && error.code === 'stale' ? (
                <button type="button" class="primary" onClick={() => ((carried = [...edits.values()]), reload())}>
                  载入他人保存的内容，再应用我的 {edits.size} 处修改
                </button>
              ) : null}
            </div>
          ) : (
            <p class="muted">{d.state === 'draft' ? '您不是该单位的编制人，只能查看。' : `文件${STATE_NAMES[d.state]}，不能修改。`}</p>
          )}
          <p class="cell-help" role="status" aria-live="polite">
            {focusedFindings.length ? focusedFindings.join('；') : editable ? '金额单位为元；↑↓ 或回车上下移动，Tab 左右移动；改动的单元格标为蓝色，自动汇总的为绿色，有问题的标为红色或橙色。' : ''}
          </p>
          {doc.tables.map((t) => (
            <EditableTable key={t.id} table={t} editable={editable} cell={cell} onInput={onInput} onFocusCell={setFocused} />
          ))}
        </div>
        <aside class="editor-side">
          <Transitions d={d} {...(blocked ? { blocked } : {})} onDone={(n) => (setD(n), reload())} />
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
