/**
 * The city's 三公经费: every department (and each unit without a department document) of a year,
 * the 预算数 of each part in 万元, the year before and the change; sortable by any column (the
 * sort in the URL, so a shared link shows the same order), downloadable as CSV and XLSX.
 */
import { api, q } from '../api.js';
import { money, percentText } from '../format.js';
import { percentOf } from '../../../src/compare/compare.js';
import { Link, setQuery, useLocation } from '../router.js';
import { DownloadCsv, Show, useLoad, useTitle, YearSelect } from '../ui.js';
import { Term } from './glossary.js';

type Key = 'total' | 'abroad' | 'vehicle' | 'vehicle-purchase' | 'vehicle-operation' | 'reception' | 'office-operation';
type Amounts = Record<Key, number>;

interface Row {
  documentId: number;
  entityId: number;
  entityName: string;
  region: string;
  amounts: Amounts | null;
  prior: { documentId: number; amounts: Amounts | null } | null;
}

interface ThreePublic {
  year: number | null;
  years: number[];
  rows: Row[];
}

const PARTS: [Key, string][] = [
  ['total', '“三公”经费合计'],
  ['abroad', '因公出国（境）费'],
  ['vehicle-purchase', '公务用车购置费'],
  ['vehicle-operation', '公务用车运行维护费'],
  ['reception', '公务接待费'],
  ['office-operation', '机关运行经费'],
];

/** Sortable columns: the entity, each part, last year's total, the change and its rate. */
type SortKey = 'name' | Key | 'prior' | 'change' | 'rate';

const value = (r: Row, k: SortKey): number | string | null => {
  if (k === 'name') return r.entityName;
  if (k === 'prior') return r.prior?.amounts?.total ?? null;
  const now = r.amounts?.total ?? null;
  const before = r.prior?.amounts?.total ?? null;
  if (k === 'change') return now === null || before === null ? null : now - before;
  if (k === 'rate') return now === null || !before ? null : percentOf(now - before, before);
  return r.amounts?.[k] ?? null;
};

function sorted(rows: Row[], k: SortKey, dir: 'asc' | 'desc'): Row[] {
  const sign = dir === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a, k);
    const y = value(b, k);
    // Rows without a figure go last either way.
    if (x === null || y === null) return x === y ? a.entityName.localeCompare(b.entityName, 'zh-CN') : x === null ? 1 : -1;
    const c = typeof x === 'string' ? x.localeCompare(y as string, 'zh-CN') : x - (y as number);
    return c * sign || a.entityName.localeCompare(b.entityName, 'zh-CN');
  });
}

function SortHead({ k, label, sort, dir }: { k: SortKey; label: string; sort: SortKey; dir: 'asc' | 'desc' }) {
  const here = sort === k;
  const next = here ? (dir === 'desc' ? 'asc' : 'desc') : k === 'name' ? 'asc' : 'desc';
  return (
    <th scope="col" aria-sort={here ? (dir === 'asc' ? 'ascending' : 'descending') : 'none'}>
      <button type="button" class="sort-head" onClick={() => setQuery({ sort: k, dir: next })}>
        {label}
        <span aria-hidden="true">{here ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </th>
  );
}

export function ThreePublicPage() {
  const loc = useLocation();
  const asked = Number(loc.query.get('year'));
  const year = Number.isInteger(asked) && asked > 1990 ? asked : undefined;
  const region = loc.query.get('region') ?? undefined;
  const data = useLoad(() => api.get<ThreePublic>(`/api/three-public${q({ year, region })}`), [year, region]);
  const keys: SortKey[] = ['name', ...PARTS.map(([k]) => k), 'prior', 'change', 'rate'];
  const sort = (keys as string[]).includes(loc.query.get('sort') ?? '') ? (loc.query.get('sort') as SortKey) : 'total';
  const dir = loc.query.get('dir') === 'asc' ? 'asc' : 'desc';
  useTitle('全市“三公”经费');
  return (
    <main id="main" class="three-public-page" data-ready={data.data ? 'three-public' : undefined}>
      <h1>全市“三公”经费{data.data?.year ? `（${data.data.year}年预算）` : ''}</h1>
      <p class="muted terms">
        名词：<Term k="three-public" />、<Term k="office-operation" />。每个部门一行（部门预算已含下属单位；没有部门预算的单位单列），金额为“三公”经费预算表的预算数，单位万元。
      </p>
      <Show loaded={data} what="“三公”经费">
        {(d) => {
          if (!d.year) return <p>还没有公开的预算文件。</p>;
          const rows = sorted(d.rows, sort, dir);
          const total = (k: Key) => d.rows.reduce((a, r) => a + (r.amounts?.[k] ?? 0), 0);
          const priorTotal = d.rows.reduce((a, r) => a + (r.prior?.amounts?.total ?? 0), 0);
          const withPrior = d.rows.filter((r) => r.prior?.amounts).length;
          const yearForm = (
            <form class="filters" aria-label="筛选" onSubmit={(e) => e.preventDefault()}>
              <YearSelect label="年度" years={d.years} value={d.year} onPick={(y) => setQuery({ year: y })} />
            </form>
          );
          if (!d.rows.length)
            return (
              <>
                {yearForm}
                <p class="summary">{d.year}年没有公开的“三公”经费预算表，请选择其他年度。</p>
              </>
            );
          return (
            <>
              {yearForm}
              <p class="summary">
                {d.year}年 {d.rows.length} 个部门（单位）“三公”经费合计 {money(total('total'), 'wanyuan')} 万元
                {withPrior ? `；其中 ${withPrior} 个有上年文件，上年合计 ${money(priorTotal, 'wanyuan')} 万元` : '；没有上年文件可比'}。点列名排序。
              </p>
              <DownloadCsv tableId="three-public-table" name={`${d.year}年全市三公经费`} />
              <div class="scroll" tabIndex={0} role="region" aria-label={`${d.year}年各部门“三公”经费（可左右滚动）`}>
                <table class="plain three-public" id="three-public-table" data-unit="wanyuan">
                  <caption>
                    {d.year}年各部门“三公”经费预算数与上年比较（万元）
                  </caption>
                  <thead>
                    <tr>
                      <SortHead k="name" label="部门（单位）" sort={sort} dir={dir} />
                      {PARTS.map(([k, l]) => (
                        <SortHead key={k} k={k} label={l} sort={sort} dir={dir} />
                      ))}
                      <SortHead k="prior" label={`${d.year - 1}年合计`} sort={sort} dir={dir} />
                      <SortHead k="change" label="增减额" sort={sort} dir={dir} />
                      <SortHead k="rate" label="增减率" sort={sort} dir={dir} />
                    </tr>
                  </thead>
                  <tbody>
                    {rows.map((r) => {
                      const change = value(r, 'change') as number | null;
                      const rate = value(r, 'rate') as number | null;
                      return (
                        <tr key={r.documentId} data-entity={r.entityId}>
                          <th scope="row">
                            <Link href={`/documents/${r.documentId}#table-three-public`}>{r.entityName}</Link>
                          </th>
                          {PARTS.map(([k]) => (
                            <td key={k} class="num" data-fen={r.amounts?.[k]}>
                              {r.amounts ? money(r.amounts[k], 'wanyuan') : '—'}
                            </td>
                          ))}
                          <td class="num" data-fen={r.prior?.amounts?.total}>
                            {r.prior?.amounts ? <Link href={`/compare?a=${r.prior.documentId}&b=${r.documentId}&unit=wanyuan#cmp-three-public`}>{money(r.prior.amounts.total, 'wanyuan')}</Link> : '—'}
                          </td>
                          <td class={`num ${change === null ? '' : change > 0 ? 'chg-up' : change < 0 ? 'chg-down' : ''}`} data-fen={change ?? undefined}>
                            {change === null ? '—' : `${change > 0 ? '+' : ''}${money(change, 'wanyuan')}`}
                          </td>
                          <td class="num">{change === null ? '—' : rate === null ? (change ? '新增' : '') : percentText(rate)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot>
                    <tr class="total">
                      <th scope="row">合计</th>
                      {PARTS.map(([k]) => (
                        <td key={k} class="num" data-fen={total(k)}>
                          {money(total(k), 'wanyuan')}
                        </td>
                      ))}
                      <td class="num" data-fen={priorTotal}>
                        {money(priorTotal, 'wanyuan')}
                      </td>
                      <td class="num"></td>
                      <td class="num"></td>
                    </tr>
                  </tfoot>
                </table>
              </div>
              <p class="muted">“—”：表中没有数字，或没有上年文件。增减只比较有上年文件的部门（单位）；增减率按分计算，保留两位小数。</p>
            </>
          );
        }}
      </Show>
    </main>
  );
}
