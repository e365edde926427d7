/**
 * The narrative to edit, paragraph by paragraph, with the standard 编制说明 generated from the
 * tables beside it (src/publish/narrative/compose.ts, the same composer publishing uses) and
 * the findings as one types (the figures each paragraph states are read again as they change).
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { Finding } from '../../../src/check/finding.js';
import { composeNarrative } from '../../../src/publish/narrative/compose.js';
import { applyEdits, type ParagraphEdit } from '../../../src/workflow/edit.js';
import { api, ApiError, type DocumentRecord } from '../api.js';
import { ErrorBox, Show, useLoad, useTitle } from '../ui.js';
import { DocHeading, DocNav, FindingList, ReturnComment, Transitions, loadForEditing, useUnsavedGuard, type Loaded } from './editor.js';
import { check } from './live.js';

function NarrativeView({ loaded, reload }: { loaded: Loaded; reload: () => void }) {
  const { d: initial, doc: base, prior, audit } = loaded;
  const [d, setD] = useState<DocumentRecord>(initial);
  const [edits, setEdits] = useState(new Map<string, ParagraphEdit>());
  const [error, setError] = useState<ApiError>();
  const [saving, setSaving] = useState(false);
  useTitle(`说明文字：${base.meta.title}`);
  const doc = useMemo(() => applyEdits(base, { paragraphs: [...edits.values()] }).doc, [base, edits]);
  const draft = useMemo(() => composeNarrative(base, prior ? { prior } : {}), [base, prior]);
  const [findings, setFindings] = useState<Finding[]>(() => check(base, prior));
  useEffect(() => {
    const t = setTimeout(() => setFindings(check(doc, prior)), 150);
    return () => clearTimeout(t);
  }, [doc]);
  const editable = !!d.editable;
  useUnsavedGuard(edits.size ? `有 ${edits.size} 段修改还没有保存，离开将丢失这些修改。确定离开吗？` : undefined);
  const save = () => {
    setSaving(true);
    api.patch(`/api/documents/${d.id}`, { revision: d.revision, paragraphs: [...edits.values()] }).then(
      () => (setSaving(false), reload()),
      (e: ApiError) => (setSaving(false), setError(e)),
    );
  };
  return (
    <main id="main" class="narrative-editor" data-ready="narrative">
      <DocHeading d={d} doc={base} />
      <DocNav d={d} here="说明文字" />
      <ReturnComment d={d} audit={audit} />
      {editable ? (
        <div class="edit-bar">
          <button type="button" class="primary" disabled={saving || !edits.size} onClick={save}>
            {saving ? '正在保存……' : `保存修改${edits.size ? `（${edits.size} 段）` : ''}`}
          </button>
          <button type="button" disabled={!edits.size} onClick={() => window.confirm(`放弃全部 ${edits.size} 段未保存的修改吗？放弃后不能恢复。`) && setEdits(new Map())}>
            放弃修改
          </button>
        </div>
      ) : null}
      {error ? <ErrorBox error={error} /> : null}
      <div class="narrative-layout">
        <section aria-labelledby="h-text">
          <h2 id="h-text">本文件的说明文字</h2>
          {base.narrative.sections.map((s, si) => (
            <fieldset key={si} class="narrative-section">
              <legend>{s.heading || '（封面）'}</legend>
              {s.paragraphs.map((p, pi) => {
                const key = `${si}.${pi}`;
                const value = edits.get(key)?.text ?? p.text;
                const mine = findings.filter((f) => f.location.section === s.heading && f.location.sentence && value.includes(f.location.sentence.replace(/^…|…$/g, '')));
                return (
                  <div key={pi} class={mine.length ? `para finding ${mine[0]!.severity}` : 'para'}>
                    <textarea
                      aria-label={`${s.heading || '封面'} 第 ${pi + 1} 段`}
                      readOnly={!editable}
                      rows={Math.min(8, Math.max(1, Math.ceil(value.length / 48)))}
                      value={value}
                      onInput={(e) => {
                        const text = (e.target as HTMLTextAreaElement).value;
                        const next = new Map(edits);
                        if (text === p.text) next.delete(key);
                        else next.set(key, { section: si, paragraph: pi, text });
                        setEdits(next);
                      }}
                    />
                    {mine.map((f, i) => (
                      <p key={i} class={`para-finding sev-${f.severity}`}>
                        {f.message}
                      </p>
                    ))}
                  </div>
                );
              })}
            </fieldset>
          ))}
        </section>
        <aside aria-labelledby="h-draft">
          <h2 id="h-draft">按表生成的说明（参考稿）</h2>
          <p class="muted">由本文件的表格生成{prior ? '，与上年文件比较' : ''}；可复制其中的句子。</p>
          {draft.map((s, i) => (
            <section key={i} class="draft-section">
              <h3>{s.heading}</h3>
              {s.paragraphs.map((p, j) => (
                <p key={j}>{p.text}</p>
              ))}
            </section>
          ))}
          <Transitions d={d} {...(edits.size ? { blocked: '有未保存的修改：请先保存，再提交。' } : {})} onDone={(n) => (setD(n), reload())} />
          <FindingList findings={findings.filter((f) => f.family === 'narrative' || f.family === 'text' || f.family === 'year-on-year')} />
        </aside>
      </div>
    </main>
  );
}

export function NarrativeEditor({ id }: { id: number }) {
  const loaded = useLoad(() => loadForEditing(id), [id]);
  return <Show loaded={loaded} what="文件" page>{(l) => <NarrativeView key={`${l.d.id}-${l.d.revision}`} loaded={l} reload={loaded.reload} />}</Show>;
}
