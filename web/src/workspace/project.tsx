/**
 * A project (项目经费情况说明): its parts, the 测算 table (each line's product checked, the total
 * against the 年度预算), editable line by line with the narrative rewritten to match
 * (src/projects/edit.ts), and its 绩效目标 indicators. Saving sends the rewritten paragraphs.
 */
import { useMemo, useState } from 'preact/hooks';
import type { BudgetDocument } from '../../../src/model/document.js';
import { addEstimateLine, editEstimateLine, EditError, estimateView, removeEstimateLine, type LinePatch } from '../../../src/projects/edit.js';
import type { ParagraphEdit } from '../../../src/workflow/edit.js';
import { api, ApiError, type DocumentRecord } from '../api.js';
import { money, wan } from '../format.js';
import { Link } from '../router.js';
import { ErrorBox, Show, useLoad, useTitle } from '../ui.js';
import { DocHeading, DocNav, loadForEditing, type Loaded } from './editor.js';

/** The paragraphs the edit changed, as the API's paragraph edits. */
function paragraphEdits(before: BudgetDocument, after: BudgetDocument): ParagraphEdit[] {
  const out: ParagraphEdit[] = [];
  after.narrative.sections.forEach((s, si) =>
    s.paragraphs.forEach((p, pi) => {
      if (before.narrative.sections[si]?.paragraphs[pi]?.text !== p.text) out.push({ section: si, paragraph: pi, text: p.text });
    }),
  );
  return out;
}

const STATUS = { ok: '相符', mismatch: '不符', unstated: '未写金额' } as const;

function LineForm({ initial, onSubmit, submitLabel }: { initial: LinePatch; onSubmit: (p: LinePatch) => void; submitLabel: string }) {
  const [label, setLabel] = useState(initial.label ?? '');
  const [factors, setFactors] = useState((initial.factors ?? [{ quantity: '', unit: '人' }]).map((f) => `${f.quantity}${f.unit}`).join('×'));
  const [rate, setRate] = useState(initial.rateText ?? '');
  return (
    <form
      class="line-form"
      onSubmit={(e) => {
        e.preventDefault();
        const parsed = factors.split(/[×*xX]/).map((t) => /^\s*(\d+(?:\.\d+)?)\s*(.*)$/.exec(t)).map((m, i) => ({ quantity: m?.[1] ?? factors.split(/[×*xX]/)[i]!.trim(), unit: (m?.[2] ?? '').trim() }));
        onSubmit({ label, factors: parsed, rateText: rate });
      }}
    >
      <label>
        费用名称 <input value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} required />
      </label>
      <label>
        数量 <input value={factors} onInput={(e) => setFactors((e.target as HTMLInputElement).value)} placeholder="如 16人×12月" required />
      </label>
      <label>
        单价 <input value={rate} onInput={(e) => setRate((e.target as HTMLInputElement).value)} placeholder="如 4800元 或 0.5万元/人" required />
      </label>
      <button type="submit">{submitLabel}</button>
    </form>
  );
}

function ProjectView({ loaded, n, reload }: { loaded: Loaded; n: number; reload: () => void }) {
  const { d, doc: base } = loaded;
  const [doc, setDoc] = useState(base);
  const [error, setError] = useState<Error>();
  const [editing, setEditing] = useState<number>();
  const [saving, setSaving] = useState(false);
  const project = doc.narrative.projects[n];
  useTitle(project ? `项目：${project.name}` : '项目');
  const view = useMemo(() => (project ? estimateView(project) : undefined), [project]);
  const edits = useMemo(() => paragraphEdits(base, doc), [base, doc]);
  if (!project || !view) return <ErrorBox error={new Error(`这份文件没有第 ${n + 1} 个项目`)} />;
  const editable = !!d.editable;
  const apply = (f: () => { doc: BudgetDocument }) => {
    try {
      setDoc(f().doc);
      setError(undefined);
      setEditing(undefined);
    } catch (e) {
      setError(e instanceof EditError ? e : new Error(String(e)));
    }
  };
  const save = () => {
    setSaving(true);
    api.patch<{ document: DocumentRecord }>(`/api/documents/${d.id}`, { revision: d.revision, paragraphs: edits }).then(
      () => (setSaving(false), reload()),
      (e: ApiError) => (setSaving(false), setError(e)),
    );
  };
  const indicators = project.performance?.indicators ?? [];
  return (
    <main id="main" class="project-page" data-ready="project">
      <DocHeading d={d} doc={base} />
      <DocNav d={d} here="" />
      <h2>项目：{project.name}</h2>
      <dl class="project-facts">
        {project.subject ? (
          <>
            <dt>列支科目</dt>
            <dd>
              {project.subject.code} {project.subject.name ?? ''}
            </dd>
          </>
        ) : null}
        {project.implementer ? (
          <>
            <dt>实施主体</dt>
            <dd>{project.implementer}</dd>
          </>
        ) : null}
        {project.period ? (
          <>
            <dt>实施周期</dt>
            <dd>{project.period.text}</dd>
          </>
        ) : null}
        {project.basis?.length ? (
          <>
            <dt>立项依据</dt>
            <dd>{project.basis.map((b) => b.number).join('、')}</dd>
          </>
        ) : null}
        <dt>年度预算</dt>
        <dd>{project.annualBudgetText ?? '（文中未写明金额）'}</dd>
      </dl>
      <section aria-labelledby="h-est">
        <h3 id="h-est">测算</h3>
        <div class="scroll" tabIndex={0} role="region" aria-label="测算明细（可左右滚动）">
          <table class="plain estimate">
            <thead>
              <tr>
                <th scope="col">费用名称</th>
                <th scope="col">数量</th>
                <th scope="col">单价</th>
                <th scope="col">文中金额</th>
                <th scope="col">按数量×单价</th>
                <th scope="col">核对</th>
                {editable ? <th scope="col">操作</th> : null}
              </tr>
            </thead>
            <tbody>
              {view.rows.map((r) => (
                <tr key={r.index} class={r.status === 'mismatch' ? 'finding error' : undefined}>
                  <th scope="row">{r.line.label}</th>
                  <td>{r.line.factors.map((f) => `${f.quantity}${f.unit}`).join('×')}</td>
                  <td>{r.line.rateText}</td>
                  <td class="num">{r.line.amountText ?? '—'}</td>
                  <td class="num">{money(r.computed, 'yuan')} 元</td>
                  <td>{STATUS[r.status]}</td>
                  {editable ? (
                    <td>
                      <button type="button" class="link" onClick={() => setEditing(r.index)}>
                        修改
                      </button>{' '}
                      <button type="button" class="link" onClick={() => apply(() => removeEstimateLine(doc, n, r.index))}>
                        删除
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr class="total">
                <th scope="row">合计</th>
                <td colSpan={3} />
                <td class="num">{wan(view.total)}</td>
                <td colSpan={editable ? 2 : 1}>{view.budget ? (view.budget.severity ? `与年度预算 ${project.annualBudgetText} 不符` : `与年度预算 ${project.annualBudgetText} 相符`) : '年度预算未写金额'}</td>
              </tr>
            </tfoot>
          </table>
        </div>
        {editable && editing !== undefined ? (
          <LineForm key={editing} initial={view.rows[editing]!.line} submitLabel="改好了" onSubmit={(p) => apply(() => editEstimateLine(doc, n, editing, p))} />
        ) : null}
        {editable && editing === undefined ? <LineForm key={`add-${view.rows.length}`} initial={{}} submitLabel="增加一行" onSubmit={(p) => apply(() => addEstimateLine(doc, n, p))} /> : null}
        {error ? <ErrorBox error={error} /> : null}
        {editable ? (
          <p>
            <button type="button" class="primary" disabled={!edits.length || saving} onClick={save}>
              {saving ? '正在保存……' : `保存（改写说明 ${edits.length} 段）`}
            </button>
          </p>
        ) : null}
      </section>
      <section aria-labelledby="h-perf">
        <h3 id="h-perf">绩效目标</h3>
        {project.performance?.overall ? <p>总目标：{project.performance.overall}</p> : null}
        {project.performance?.annual ? <p>年度目标：{project.performance.annual}</p> : null}
        {indicators.length ? (
          <table class="plain">
            <thead>
              <tr>
                <th scope="col">一级指标</th>
                <th scope="col">指标</th>
                <th scope="col">目标值</th>
              </tr>
            </thead>
            <tbody>
              {indicators.map((x, i) => (
                <tr key={i}>
                  <td>{x.category ? `${x.category}指标` : '—'}</td>
                  <td>{x.name}</td>
                  <td>
                    {x.comparator === 'qualitative' ? '' : x.comparator.replace('>=', '≥').replace('<=', '≤')}
                    {x.target}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : (
          <p>文中没有可读出的绩效指标。</p>
        )}
      </section>
      <section aria-labelledby="h-parts">
        <h3 id="h-parts">项目说明原文</h3>
        {project.parts.map((p, i) => (
          <div key={i}>
            <h4>{p.heading}</h4>
            <p class="pre">{p.text}</p>
          </div>
        ))}
      </section>
      <p>
        <Link href="/workspace/calculator">医疗救助计算器</Link>
      </p>
    </main>
  );
}

export function ProjectPage({ id, n }: { id: number; n: number }) {
  const loaded = useLoad(() => loadForEditing(id), [id]);
  return <Show loaded={loaded} what="项目" page>{(l) => <ProjectView key={`${l.d.revision}`} loaded={l} n={n} reload={loaded.reload} />}</Show>;
}
