/** 科目 drill-down: 类 → 款 → 项 with the amounts of every year, then every entity's amount of one 科目. */
import { api, q } from '../api.js';
import { money, wan } from '../format.js';
import { Link, setQuery, useLocation } from '../router.js';
import { DownloadCsv, NotFoundView, Show, useLoad, useTitle, YearSelect } from '../ui.js';
import { Treemap } from './treemap.js';
import { Term } from './glossary.js';
import { SeriesBars } from './series.js';

export interface Totals {
  table: string;
  column: string;
  parent: string | null;
  years: number[];
  rows: { code: string; name: string | null; amounts: Record<string, number>; entities: Record<string, number> }[];
}

interface SubjectRows {
  code: string;
  name: string | null;
  rows: { documentId: number; entityId: number; entityName: string; region: string; year: number; amount: number }[];
  /** The entities each year's total covers (whether or not they have this 科目). */
  coverage: Record<string, number[]>;
}

const TABLES: [string, string][] = [
  ['expenditure', '支出预算（功能分类）'],
  ['general-function', '一般公共预算支出（功能分类）'],
  ['general-basic-economic', '一般公共预算基本支出（经济分类）'],
];
const COLUMNS: [string, string][] = [
  ['total', '合计'],
  ['basic', '基本支出'],
  ['project', '项目支出'],
];

function Crumbs({ parent, table }: { parent: string | null; table: string }) {
  const steps = parent ? [parent.slice(0, 3), ...(parent.length >= 5 ? [parent.slice(0, 5)] : [])] : [];
  const t = table === 'expenditure' ? '' : `&table=${table}`;
  return (
    <p class="crumbs">
      <Link href={`/subjects${t ? `?${t.slice(1)}` : ''}`}>全部类</Link>
      {steps.map((s) => (
        <span key={s}>
          {' '}
          › <Link href={`/subjects?parent=${s}${t}`}>{s}</Link>
        </span>
      ))}
    </p>
  );
}

/** The year the treemap shows: ?year= when the totals have it, else the latest. */
function shownYear(years: number[], asked: string | null): number {
  const y = Number(asked);
  return years.includes(y) ? y : years.at(-1)!;
}

export function SubjectsPage() {
  const loc = useLocation();
  const parent = loc.query.get('parent') ?? undefined;
  const table = loc.query.get('table') ?? 'expenditure';
  const column = loc.query.get('column') ?? 'total';
  const region = loc.query.get('region') ?? undefined;
  const totals = useLoad(() => api.get<Totals>(`/api/totals${q({ table, column, parent, region })}`), [parent, table, column, region]);
  useTitle(parent ? `科目 ${parent}` : '按科目');
  const level = !parent ? '类' : parent.length === 3 ? '款' : '项';
  const economic = table === 'general-basic-economic';
  return (
    <main id="main" class="subjects-page" data-ready={totals.data ? 'subjects' : undefined}>
      <h1>按科目查询{parent ? `：${parent}` : ''}</h1>
      <Crumbs parent={parent ?? null} table={table} />
      <p class="muted terms">
        名词：<Term k="levels" />、<Term k="basic" />、<Term k="project" />、<Term k="function" />、<Term k="department" />
      </p>
      <form class="filters" aria-label="筛选">
        <label>
          表{' '}
          <select value={table} onChange={(e) => setQuery({ table: (e.target as HTMLSelectElement).value, parent: undefined, column: undefined })}>
            {TABLES.map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
        <label>
          列{' '}
          <select value={column} onChange={(e) => setQuery({ column: (e.target as HTMLSelectElement).value })}>
            {(economic ? [['total', '合计'], ['personnel', '人员经费'], ['public', '公用经费']] : COLUMNS).map(([v, l]) => (
              <option key={v} value={v}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </form>
      <Show loaded={totals} what="合计">
        {(t) => (
          <>
          {t.years.length > 1 ? (
            <YearSelect class="tm-year" label="方块图年度" years={t.years} value={shownYear(t.years, loc.query.get('year'))} onPick={(y) => setQuery({ year: y })} />
          ) : null}
          {t.years.length ? (
            <Treemap
              items={t.rows.map((r) => ({ code: r.code, label: r.name ?? '（科目表中没有）', amount: r.amounts[shownYear(t.years, loc.query.get('year'))] ?? 0 }))}
              path={parent ?? ''}
              param="parent"
              trail={false}
              onPath={(p) => setQuery({ parent: p || undefined })}
              title={`${shownYear(t.years, loc.query.get('year'))}年各${level}（${TABLES.find(([v]) => v === table)?.[1] ?? table}，${COLUMNS.find(([v]) => v === column)?.[1] ?? '合计'}）`}
              deeper={(code) => code.length < (economic ? 5 : 7)}
              leafHref={(code) => `/subjects/${code}${table !== 'expenditure' ? `?table=${table}` : ''}`}
            />
          ) : null}
          <DownloadCsv tableId="subjects-table" name={`按科目${parent ? `-${parent}` : ''}-${TABLES.find(([v]) => v === table)?.[1] ?? table}`} />
          <div class="scroll" tabIndex={0} role="region" aria-label={`各${level}金额（可左右滚动）`}>
            <table class="plain subjects" id="subjects-table" data-unit="wanyuan">
              <caption>
                各{level}金额（万元；部门文件已含下属单位，不重复计算）
              </caption>
              <thead>
                <tr>
                  <th scope="col">科目编码</th>
                  <th scope="col">科目名称</th>
                  {t.years.map((y) => (
                    <th key={y} scope="col">
                      {y}年
                    </th>
                  ))}
                  <th scope="col">各单位</th>
                </tr>
              </thead>
              <tbody>
                {t.rows.map((r) => {
                  const deeper = r.code.length < (economic ? 5 : 7);
                  const extra = `${table !== 'expenditure' ? `&table=${table}` : ''}${column !== 'total' ? `&column=${column}` : ''}`;
                  return (
                    <tr key={r.code}>
                      <td class="code">{deeper ? <Link href={`/subjects?parent=${r.code}${extra}`}>{r.code}</Link> : r.code}</td>
                      <td>{deeper ? <Link href={`/subjects?parent=${r.code}${extra}`}>{r.name ?? '（科目表中没有）'}</Link> : r.name ?? '（科目表中没有）'}</td>
                      {t.years.map((y) => (
                        <td key={y} class="num" title={`${r.entities[y] ?? 0} 个单位`} data-fen={r.amounts[y]}>
                          {r.amounts[y] === undefined ? '' : money(r.amounts[y], 'wanyuan')}
                        </td>
                      ))}
                      <td>
                        <Link href={`/subjects/${r.code}?${extra.slice(1)}`}>逐单位</Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          </>
        )}
      </Show>
    </main>
  );
}

/** Whether two years' totals cover the same entities (so that they compare like with like). */
function sameEntities(s: SubjectRows, a: number, b: number): boolean {
  const of = (y: number) => [...(s.coverage[y] ?? [])].sort((x, z) => x - z).join(',');
  return of(a) === of(b);
}

export function SubjectPage({ code }: { code: string }) {
  const loc = useLocation();
  const table = loc.query.get('table') ?? 'expenditure';
  const column = loc.query.get('column') ?? 'total';
  const rows = useLoad(() => api.get<SubjectRows>(`/api/subjects/${code}${q({ table, column })}`), [code, table, column]);
  useTitle(`科目 ${code}`);
  return (
    <main id="main" class="subject-page" data-ready={rows.data ? 'subject' : undefined}>
      <Show loaded={rows} what="科目" page>
        {(s) => {
          if (!s.rows.length && !s.name) return <NotFoundView title="没有这个科目" text={`科目表和已公开的文件里都没有科目 ${code}。`} />;
          const years = [...new Set(s.rows.map((r) => r.year))].sort();
          const entities = [...new Map(s.rows.map((r) => [r.entityId, r])).values()].sort((a, b) => a.entityName.localeCompare(b.entityName, 'zh-CN'));
          return (
            <>
              <h1>
                {code} {s.name ?? ''}
              </h1>
              <Crumbs parent={code.length > 3 ? code.slice(0, code.length - 2) : null} table={table} />
              <p class="muted">
                每个单位每个年度的金额（万元），点金额查看该文件。合计：
                {years.map((y) => `${y}年 ${wan(s.rows.filter((r) => r.year === y).reduce((a, r) => a + r.amount, 0))}`).join('；')}
              </p>
              {years.length ? <SeriesBars id="subject-series" title={`${code} ${s.name ?? ''} 历年合计（${TABLES.find(([v]) => v === table)?.[1] ?? table}，${COLUMNS.find(([v]) => v === column)?.[1] ?? '合计'}，部门文件已含下属单位）`} points={years.map((y, i) => ({ year: y, amount: s.rows.filter((r) => r.year === y).reduce((a, r) => a + r.amount, 0), comparable: i === 0 || sameEntities(s, y, years[i - 1]!) }))} /> : null}
              {years.some((y, i) => i > 0 && !sameEntities(s, y, years[i - 1]!)) ? <p class="muted">“口径不同”：这一年合计的单位与上年不同（有的单位只在其中一年有公开的文件），增减不可比；各单位的逐年金额见下表。</p> : null}
              <DownloadCsv tableId="subject-table" name={`科目${code}-各单位`} />
              <div class="scroll" tabIndex={0} role="region" aria-label={`科目 ${code} 各单位金额（可左右滚动）`}>
                <table class="plain" id="subject-table" data-unit="wanyuan">
                  <thead>
                    <tr>
                      <th scope="col">单位</th>
                      {years.map((y) => (
                        <th key={y} scope="col">
                          {y}年
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {entities.map((e) => (
                      <tr key={e.entityId}>
                        <th scope="row">
                          <Link href={`/entities/${e.entityId}`}>{e.entityName}</Link>
                        </th>
                        {years.map((y) => {
                          const hit = s.rows.find((r) => r.entityId === e.entityId && r.year === y);
                          return (
                            <td key={y} class="num" data-fen={hit?.amount}>
                              {hit ? <Link href={`/documents/${hit.documentId}?unit=wanyuan#table-${table}/${code}/${column}`} title={`在文件中查看 ${y}年 ${e.entityName} 的这一格`}>{money(hit.amount, 'wanyuan')}</Link> : ''}
                            </td>
                          );
                        })}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          );
        }}
      </Show>
    </main>
  );
}
