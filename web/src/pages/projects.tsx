/**
 * The public list of projects: every 项目经费情况说明 of the published documents, with its 科目,
 * 年度预算 (万元), 测算 (each line's product recomputed in 分 and compared with what the text
 * states; the total against the 年度预算) and 绩效目标 indicators by category. Filters by year and
 * by words in the project's or the entity's name, in the URL.
 */
import { useState } from 'preact/hooks';
import { api, q } from '../api.js';
import { money, wan } from '../format.js';
import { Link, setQuery, useLocation } from '../router.js';
import { Show, useLoad, useTitle, YearSelect } from '../ui.js';
import { Term } from './glossary.js';

interface ProjectItem {
  documentId: number;
  index: number;
  entityId: number;
  entityName: string;
  region: string;
  year: number;
  name: string;
  subject: { code: string; name: string | null } | null;
  implementer: string | null;
  period: string | null;
  basis: string[];
  annualBudget: number | null;
  annualBudgetText: string | null;
  estimate: { lines: { text: string; label: string; computed: number; amountText: string | null; status: 'ok' | 'mismatch' | 'unstated' }[]; total: number; budget: 'ok' | 'mismatch' | 'none' };
  performance: { overall: string | null; annual: string | null; indicators: { category: string | null; text: string }[] };
}

const STATUS = { ok: '相符', mismatch: '不符', unstated: '未写金额' } as const;
const CATEGORIES = ['产出', '效益', '满意度', '成本'] as const;

function Estimate({ p, n }: { p: ProjectItem; n: number }) {
  const e = p.estimate;
  if (!e.lines.length) return <p class="muted">文中没有“数量×单价=金额”式的测算。</p>;
  return (
    <div class="scroll" tabIndex={0} role="region" aria-label={`${p.name}的测算（可左右滚动）`}>
      <table class="plain estimate" id={`estimate-${n}`} data-unit="wanyuan">
        <caption>测算（按文中数量与单价重算，万元）</caption>
        <thead>
          <tr>
            <th scope="col">费用</th>
            <th scope="col">文中测算</th>
            <th scope="col">重算（万元）</th>
            <th scope="col">核对</th>
          </tr>
        </thead>
        <tbody>
          {e.lines.map((l, i) => (
            <tr key={i}>
              <th scope="row">{l.label}</th>
              <td>{l.text}</td>
              <td class="num" data-fen={l.computed}>
                {money(l.computed, 'wanyuan')}
              </td>
              <td class={`status-${l.status}`}>{STATUS[l.status]}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr class="total">
            <th scope="row">合计</th>
            <td>{p.annualBudgetText ? `年度预算 ${p.annualBudgetText}` : '文中没有写明年度预算金额'}</td>
            <td class="num" data-fen={e.total}>
              {money(e.total, 'wanyuan')}
            </td>
            <td class={e.budget === 'none' ? '' : `status-${e.budget}`}>{e.budget === 'ok' ? '与年度预算相符' : e.budget === 'mismatch' ? '与年度预算不符' : '—'}</td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Indicators({ p }: { p: ProjectItem }) {
  const perf = p.performance;
  if (!perf.indicators.length && !perf.overall && !perf.annual) return <p class="muted">文中没有绩效目标。</p>;
  const groups = [...CATEGORIES, null].map((c) => [c, perf.indicators.filter((i) => i.category === c)] as const).filter(([, xs]) => xs.length);
  return (
    <>
      {perf.overall ? <p>总目标：{perf.overall}</p> : null}
      {perf.annual ? <p>年度目标：{perf.annual}</p> : null}
      {groups.map(([c, xs]) => (
        <div key={c ?? 'none'}>
          <h4 class="muted">{c ? `${c}指标` : '其他指标'}</h4>
          <ul class="indicators">
            {xs.map((i, k) => (
              <li key={k}>{i.text}</li>
            ))}
          </ul>
        </div>
      ))}
    </>
  );
}

interface ProjectPage {
  years: number[];
  items: ProjectItem[];
  total: number;
  limit: number;
  offset: number;
  stated: number;
  statedSum: number;
}

const PAGE_SIZE = 50;

/** How many projects, and the sum of the 年度预算 of those whose text states one (all pages). */
function summary(d: ProjectPage): string {
  if (!d.total) return '没有符合条件的项目。';
  if (!d.stated) return `共 ${d.total} 个项目，文中都没有写明年度预算金额。`;
  return `共 ${d.total} 个项目；${d.stated === d.total ? '' : `其中 ${d.stated} 个写明了年度预算，`}年度预算合计 ${wan(d.statedSum)}。`;
}

/** 上一页 / 下一页 when the projects do not fit one page; the offset is in the address. */
function Pager({ d, label }: { d: ProjectPage; label: string }) {
  if (d.total <= d.limit && d.offset === 0) return null;
  const go = (offset: number) => setQuery({ offset: offset ? String(offset) : undefined });
  const last = Math.min(d.offset + d.items.length, d.total);
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" disabled={d.offset === 0} onClick={() => go(Math.max(0, d.offset - d.limit))}>
        上一页
      </button>
      <span>
        第 {d.offset + 1}–{last} 个，共 {d.total} 个
      </span>
      <button type="button" disabled={last >= d.total} onClick={() => go(d.offset + d.limit)}>
        下一页
      </button>
    </nav>
  );
}

export function ProjectsPage() {
  const loc = useLocation();
  const asked = Number(loc.query.get('year'));
  const year = Number.isInteger(asked) && asked > 1990 ? asked : undefined;
  const words = loc.query.get('q') ?? '';
  const from = Number(loc.query.get('offset'));
  const offset = Number.isInteger(from) && from > 0 ? from : 0;
  const [text, setText] = useState(words);
  const data = useLoad(() => api.get<ProjectPage>(`/api/projects${q({ year, q: words || undefined, limit: PAGE_SIZE, offset: offset || undefined })}`), [year, words, offset]);
  useTitle('项目');
  return (
    <main id="main" class="projects-page" data-ready={data.data ? 'projects' : undefined}>
      <h1>项目：测算与绩效目标</h1>
      <p class="muted terms">
        各单位预算“项目经费情况说明”中的项目。名词：<Term k="project" />、<Term k="estimate" />、<Term k="performance" />。测算按文中的数量与单价逐行重算（到分），与文中所写金额比较。
      </p>
      <form
        class="filters"
        aria-label="筛选项目"
        onSubmit={(e) => {
          e.preventDefault();
          setQuery({ q: text.trim() || undefined, offset: undefined });
        }}
      >
        <YearSelect label="年度" years={data.data?.years ?? (year ? [year] : [])} value={year} all="全部年度" onPick={(y) => setQuery({ year: y || undefined, offset: undefined })} />
        <label>
          项目或单位名称{' '}
          <input type="search" value={text} onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="如 医疗救助" />
        </label>
        <button type="submit">筛选</button>
      </form>
      <Show loaded={data} what="项目">
        {(d) => (
          <>
            <p class="summary" role="status">
              {summary(d)}
            </p>
            <Pager d={d} label="项目分页" />
            <ol class="projects-list" start={d.offset + 1}>
              {d.items.map((p, n) => (
                <li key={`${p.documentId}-${p.index}`} data-project={`${p.documentId}-${p.index}`}>
                  <h2>{p.name}</h2>
                  <p class="muted">
                    <Link href={`/entities/${p.entityId}`}>{p.entityName}</Link> · <Link href={`/documents/${p.documentId}`}>{p.year}年预算</Link>
                  </p>
                  <dl class="project-facts">
                    <dt>年度预算</dt>
                    <dd>{p.annualBudget !== null ? wan(p.annualBudget) : p.annualBudgetText ?? '文中未写明金额'}</dd>
                    {p.subject ? (
                      <>
                        <dt>列支科目</dt>
                        <dd>
                          <Link href={`/subjects/${p.subject.code}`}>
                            {p.subject.code} {p.subject.name ?? ''}
                          </Link>
                        </dd>
                      </>
                    ) : null}
                    {p.implementer ? (
                      <>
                        <dt>实施主体</dt>
                        <dd>{p.implementer}</dd>
                      </>
                    ) : null}
                    {p.period ? (
                      <>
                        <dt>实施周期</dt>
                        <dd>{p.period}</dd>
                      </>
                    ) : null}
                    {p.basis.length ? (
                      <>
                        <dt>立项依据</dt>
                        <dd>{p.basis.join('、')}</dd>
                      </>
                    ) : null}
                  </dl>
                  <details open={d.total <= 3 || p.estimate.lines.length > 0}>
                    <summary>测算与绩效目标</summary>
                    <h3>测算</h3>
                    <Estimate p={p} n={n} />
                    <h3>绩效目标</h3>
                    <Indicators p={p} />
                  </details>
                </li>
              ))}
            </ol>
            <Pager d={d} label="项目分页（页末）" />
          </>
        )}
      </Show>
    </main>
  );
}
