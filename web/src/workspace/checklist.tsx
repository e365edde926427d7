/**
 * The finance bureau's 公开情况检查表 of a submitted document (issue 15): filled in by the server
 * from the version's findings, each problem with a crop of the uploaded page (the place boxed in
 * red). The reviewer sets each item 是/否, keeps or leaves out each problem, rewrites it, adds
 * remarks, saves, and returns the document: the comment sent back is the form's text as edited.
 */
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { editableFormText, tickedCount, type EditableForm, type EditableProblem } from '../../../src/review/editable.js';
import { api, ApiError, record, type DocumentRecord } from '../api.js';
import { STATE_NAMES, dateTime } from '../format.js';
import { Link, navigate, setLeaveGuard } from '../router.js';
import { ErrorBox, Show, useLoad, useTitle } from '../ui.js';
import { DocNav } from './editor.js';

interface FormAnswer {
  version: number;
  revision: number;
  updatedBy: string | null;
  updatedAt: string;
  editable: boolean;
  form: EditableForm;
  text: string;
}

const SEVERITY: Record<string, string> = { error: '错误', warning: '警告', info: '提示' };

function Problem({ docId, p, n, editable, onChange, onRemove }: { docId: number; p: EditableProblem; n: number; editable: boolean; onChange: (p: EditableProblem) => void; onRemove?: () => void }) {
  const id = `p-${p.key}`;
  return (
    <li class={`checklist-problem${p.ticked ? '' : ' unticked'}`}>
      <div class="checklist-problem-head">
        <label>
          <input type="checkbox" checked={p.ticked} disabled={!editable} onChange={(e) => onChange({ ...p, ticked: (e.target as HTMLInputElement).checked })} /> 问题 {n} 列入退回意见
        </label>
        {p.rule ? (
          <span class="muted">
            {SEVERITY[p.severity ?? ''] ?? ''} · {p.rule}
            {p.page ? ` · 第 ${p.page} 页` : ''}
          </span>
        ) : (
          <span class="muted">审核人添加</span>
        )}
        {onRemove && editable ? (
          <button type="button" onClick={onRemove}>
            删去此条
          </button>
        ) : null}
      </div>
      <label class="sr-only" for={id}>
        问题 {n} 的文字
      </label>
      <textarea id={id} rows={Math.min(6, Math.max(2, Math.ceil(p.text.length / 60)))} value={p.text} readOnly={!editable} onInput={(e) => onChange({ ...p, text: (e.target as HTMLTextAreaElement).value })} />
      {p.original && p.original !== p.text ? <p class="muted">原为：{p.original}</p> : null}
      {p.crop && p.ordinal !== undefined ? <img class="checklist-crop" loading="lazy" src={`/api/documents/${docId}/review-form/crops/${p.ordinal}`} alt={`原文件第 ${p.page ?? ''} 页的截图，问题所在处以红框标出`} /> : null}
    </li>
  );
}

function ChecklistView({ d, answer, reload }: { d: DocumentRecord; answer: FormAnswer; reload: () => void }) {
  const [form, setForm] = useState<EditableForm>(answer.form);
  const [revision, setRevision] = useState(answer.revision);
  const [dirty, setDirtyState] = useState(false);
  const dirtyRef = useRef(false);
  const setDirty = (v: boolean) => ((dirtyRef.current = v), setDirtyState(v));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError>();
  const [status, setStatus] = useState('');
  const focusKey = useRef<string>();
  useTitle(`公开情况检查表 · ${d.entity.name}`);
  const text = useMemo(() => editableFormText(form), [form]);
  const editable = answer.editable;

  useEffect(() => setLeaveGuard(() => (dirtyRef.current ? '检查表有未保存的修改，离开后将丢失。确定离开吗？' : undefined)), []);
  useEffect(() => {
    if (!focusKey.current) return;
    document.getElementById(`p-${focusKey.current}`)?.focus();
    focusKey.current = undefined;
  });

  const change = (next: EditableForm) => (setForm(next), setDirty(true), setStatus(''));
  const setRow = (i: number, row: EditableForm['rows'][number]) => change({ ...form, rows: form.rows.map((r, j) => (j === i ? row : r)) });
  const add = (i: number) => {
    const key = `added-${Date.now().toString(36)}`;
    focusKey.current = key;
    const row = form.rows[i]!;
    setRow(i, { ...row, ok: row.ok === '待核' ? row.ok : '否', problems: [...row.problems, { key, text: '', ticked: true }] });
  };

  const save = async (): Promise<FormAnswer> => {
    const r = await api.post<FormAnswer>(`/api/documents/${d.id}/review-form`, { revision, form });
    setRevision(r.revision);
    setForm(r.form);
    setDirty(false);
    return r;
  };
  const onSave = () => {
    setBusy(true);
    setError(undefined);
    save().then(
      (r) => (setBusy(false), setStatus(`已保存检查表（第 ${r.revision} 次修改）`)),
      (e: ApiError) => (setBusy(false), setError(e)),
    );
  };
  const onReturn = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const saved = dirty ? await save() : { text };
      const doc = await record(d.id);
      await api.post(`/api/documents/${d.id}/transitions`, { action: 'return', revision: doc.revision, comment: saved.text });
      setDirty(false);
      navigate(`/workspace/documents/${d.id}`);
    } catch (e) {
      setBusy(false);
      setError(e as ApiError);
    }
  };

  const problems = tickedCount(form);
  return (
    <main id="main" class="checklist" data-ready="checklist">
      <p class="crumbs">
        <Link href="/workspace">工作台</Link> › <Link href={`/workspace/documents/${d.id}`}>{d.entity.name}</Link> › 公开情况检查表
      </p>
      <h1>{form.title}</h1>
      <p class="doc-facts">
        <span>
          {form.entityLabel}：{form.entity}
        </span>
        <span class={`state state-${d.state}`}>{STATE_NAMES[d.state]}</span>
        <span>第 {answer.version} 版</span>
        <span>{answer.updatedBy ? `${answer.updatedBy} 修改于 ${dateTime(answer.updatedAt)}` : '由校验结果自动填写，尚未修改'}</span>
      </p>
      <DocNav d={d} here="检查表" />
      <p class="muted">
        每个问题前的勾选框决定它是否写进退回意见；文字可以改写，也可以在每项下“添加意见”。{form.sourceNote ?? ''}
      </p>
      {!editable ? <p class="sev-warning">文件{STATE_NAMES[d.state]}，检查表只能查看（只有已提交、待审核的文件可以修改并按检查表退回，且须是该文件的审核人）。</p> : null}
      <table class="checklist-table">
        <caption class="sr-only">检查内容、是否符合要求与发现的问题</caption>
        <thead>
          <tr>
            <th scope="col">检查内容</th>
            <th scope="col">符合要求</th>
            <th scope="col">问题</th>
          </tr>
        </thead>
        <tbody>
          {form.rows.map((row, i) => (
            <tr key={row.id} class={row.ok === '否' ? 'row-no' : ''}>
              <th scope="row">
                <span class="muted">{row.group}</span>
                <br />
                {row.name}
              </th>
              <td>
                <label class="sr-only" for={`ok-${row.id}`}>
                  {row.name}是否符合要求
                </label>
                <select id={`ok-${row.id}`} value={row.ok} disabled={!editable} onChange={(e) => setRow(i, { ...row, ok: (e.target as HTMLSelectElement).value as typeof row.ok })}>
                  <option value="是">是</option>
                  <option value="否">否</option>
                  <option value="待核">待核</option>
                </select>
              </td>
              <td>
                {row.problems.length ? (
                  <ol class="checklist-problems">
                    {row.problems.map((p, j) => (
                      <Problem
                        key={p.key}
                        docId={d.id}
                        p={p}
                        n={j + 1}
                        editable={editable}
                        onChange={(np) => setRow(i, { ...row, problems: row.problems.map((x, k) => (k === j ? np : x)) })}
                        {...(p.rule ? {} : { onRemove: () => setRow(i, { ...row, problems: row.problems.filter((_, k) => k !== j) }) })}
                      />
                    ))}
                  </ol>
                ) : (
                  <span class="muted">未发现问题</span>
                )}
                {editable ? (
                  <button type="button" class="add-remark" onClick={() => add(i)}>
                    添加意见（{row.name}）
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <label class="comment">
        其他意见
        <textarea rows={3} value={form.remarks ?? ''} readOnly={!editable} onInput={(e) => change({ ...form, remarks: (e.target as HTMLTextAreaElement).value })} />
      </label>
      <details class="checklist-preview">
        <summary>退回意见预览（共 {problems} 个问题）</summary>
        <pre>{text}</pre>
      </details>
      {editable ? (
        <div class="buttons">
          <button type="button" disabled={busy || !dirty} onClick={onSave}>
            保存检查表
          </button>
          <button type="button" class="danger" disabled={busy} onClick={onReturn}>
            按检查表退回
          </button>
          {status ? (
            <span role="status" class="saved">
              {status}
            </span>
          ) : null}
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      {error?.status === 409 ? (
        <button type="button" onClick={reload}>
          重新载入检查表
        </button>
      ) : null}
    </main>
  );
}

export function ChecklistPage({ id }: { id: number }) {
  const loaded = useLoad(() => Promise.all([record(id), api.get<FormAnswer>(`/api/documents/${id}/review-form`)]), [id]);
  return (
    <Show loaded={loaded} what="公开情况检查表（第一次打开时要绘制原页截图，需要几秒）" page>
      {([d, answer]) => <ChecklistView key={`${d.id}-${answer.revision}-${d.revision}`} d={d} answer={answer} reload={loaded.reload} />}
    </Show>
  );
}
