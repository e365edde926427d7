/** An entity: its documents by year, its trend (chart drawn by the server), its units. */
import { api, q, type DocumentRecord, type EntityRecord, type Page, type Chart } from '../api.js';
import { documentName, money, percentText, STATE_NAMES } from '../format.js';
import { Link, setQuery, useLocation } from '../router.js';
import { DownloadCsv, Show, useLoad, useTitle } from '../ui.js';
import { percentOf } from '../../../src/compare/compare.js';
import { SeriesBars, Sparkline } from './series.js';

interface Trend {
  years: { year: number; documentId: number; total: number; basic: number; project: number }[];
  chart: Chart | null;
}

export function EntityPage({ id }: { id: number }) {
  const entity = useLoad(() => api.get<EntityRecord>(`/api/entities/${id}`), [id]);
  const docs = useLoad(() => api.get<Page<DocumentRecord>>(`/api/documents${q({ entity: id, sort: '-year', limit: 50 })}`), [id]);
  const trend = useLoad(() => api.get<Trend>(`/api/entities/${id}/trend`), [id]);
  useTitle(entity.data?.name);
  return (
    <main id="main" class="entity-page" data-ready={entity.data && docs.data ? 'entity' : undefined}>
      <Show loaded={entity} what="单位" page>
        {(e) => (
          <>
            <p class="crumbs">
              <Link href="/">首页</Link> › {e.parentId ? <><Link href={`/entities/${e.parentId}`}>{e.parentName}</Link> › </> : null}
              {e.name}
            </p>
            <h1>{e.name}</h1>
            <p class="muted">
              {e.region} · {e.kind === 'department' ? `部门，下属单位 ${e.units} 个` : '单位'}
              {e.code ? ` · 单位编码 ${e.code}` : ''}
            </p>
            <section aria-labelledby="h-docs">
              <h2 id="h-docs">{docs.data?.items.some((d) => d.kind === 'final') ? '历年预算与决算' : '历年预算'}</h2>
              <Show loaded={docs} what="文件">
                {(page) =>
                  page.items.length ? (
                    <div class="scroll" tabIndex={0} role="region" aria-label="历年文件（可左右滚动）">
                      <table class="plain">
                        <thead>
                          <tr>
                            <th scope="col">年度</th>
                            <th scope="col">文件</th>
                            <th scope="col">支出总计（万元）</th>
                            <th scope="col">状态</th>
                            <th scope="col">比较</th>
                          </tr>
                        </thead>
                        <tbody>
                          {page.items.map((d, i) => {
                            const prior = page.items.slice(i + 1).find((p) => p.kind === d.kind);
                            // A 决算 is compared with its own year's budget: the side-by-side table on its page.
                            const budget = d.kind === 'final' ? page.items.find((p) => p.kind === 'budget' && p.year === d.year) : undefined;
                            return (
                              <tr key={d.id}>
                                <th scope="row">{d.year}年</th>
                                <td>
                                  <Link href={`/documents/${d.id}`}>{d.year}年{documentName(d)}</Link>
                                </td>
                                <td class="num">{money(d.total, 'wanyuan')}</td>
                                <td>{STATE_NAMES[d.state]}</td>
                                <td>
                                  {budget ? (
                                    <Link href={`/documents/${d.id}#execution`}>与{d.year}年预算对照</Link>
                                  ) : prior ? (
                                    <Link href={`/compare?a=${prior.id}&b=${d.id}`}>与{prior.year}年比较</Link>
                                  ) : (
                                    '—'
                                  )}
                                </td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </div>
                  ) : (
                    <p>还没有公开的预算或决算文件。</p>
                  )
                }
              </Show>
            </section>
            <section aria-labelledby="h-trend">
              <h2 id="h-trend">历年支出</h2>
              <Show loaded={trend} what="图表">
                {(t) => (t.chart ? <figure class="chart" tabIndex={0} role="region" aria-label={t.chart.title} dangerouslySetInnerHTML={{ __html: t.chart.svg }} /> : <p>没有可画的数字。</p>)}
              </Show>
            </section>
            <SubjectSeries id={id} name={e.name} />
            {e.children?.length ? (
              <section aria-labelledby="h-units">
                <h2 id="h-units">下属单位</h2>
                <ul class="doc-list">
                  {e.children.map((c) => (
                    <li key={c.id}>
                      <Link href={`/entities/${c.id}`}>{c.name}</Link> <span class="muted">{c.years.map((y) => `${y}年`).join('、') || '暂无公开文件'}</span>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null}
          </>
        )}
      </Show>
    </main>
  );
}

interface EntitySubjects {
  years: { year: number; documentId: number }[];
  rows: { code: string; name: string | null; amounts: Record<string, number> }[];
}

const SERIES_COLUMNS: [string, string][] = [
  ['total', '合计'],
  ['basic', '基本支出'],
  ['project', '项目支出'],
];

/**
 * The entity's 科目 across its years (支出预算总表, from the store's cells): 类, or the 款 of a 类 and
 * the 项 of a 款 (?parent=, shareable), each year in 万元, the change on the year before, and the
 * whole of the level as bars.
 */
function SubjectSeries({ id, name }: { id: number; name: string }) {
  const loc = useLocation();
  const asked = loc.query.get('parent');
  const parent = asked && /^\d{3}(\d{2})?$/.test(asked) ? asked : undefined;
  const column = SERIES_COLUMNS.some(([k]) => k === loc.query.get('column')) ? loc.query.get('column')! : 'total';
  const data = useLoad(() => api.get<EntitySubjects>(`/api/entities/${id}/subjects${q({ parent, column })}`), [id, parent, column]);
  const columnName = SERIES_COLUMNS.find(([k]) => k === column)![1];
  const level = !parent ? '类' : parent.length === 3 ? '款' : '项';
  return (
    <section aria-labelledby="h-series" id="series">
      <h2 id="h-series">历年按科目{parent ? `：${parent}` : ''}</h2>
      <p class="crumbs">
        {parent ? <Link href={`/entities/${id}${q({ column: column === 'total' ? undefined : column })}#series`}>全部类</Link> : '全部类'}
        {parent && parent.length === 5 ? (
          <>
            {' '}
            › <Link href={`/entities/${id}${q({ parent: parent.slice(0, 3), column: column === 'total' ? undefined : column })}#series`}>{parent.slice(0, 3)}</Link>
          </>
        ) : null}
        {parent ? ` › ${parent}` : null}
      </p>
      <label class="column-pick">
        列{' '}
        <select value={column} onChange={(ev) => setQuery({ column: (ev.target as HTMLSelectElement).value === 'total' ? undefined : (ev.target as HTMLSelectElement).value })}>
          {SERIES_COLUMNS.map(([k, l]) => (
            <option key={k} value={k}>
              {l}
            </option>
          ))}
        </select>
      </label>
      <Show loaded={data} what="历年科目">
        {(d) => {
          if (!d.rows.length) return <p>{parent ? `${parent} 之下没有金额。` : '没有可列的科目金额。'}</p>;
          const years = d.years.map((y) => y.year);
          const last = years.at(-1)!;
          const prior = years.length > 1 ? years.at(-2)! : undefined;
          const sum = (y: number) => d.rows.reduce((a, r) => a + (r.amounts[y] ?? 0), 0);
          const deeper = (code: string) => code.length < 7;
          const link = (code: string) => `/entities/${id}${q({ parent: code, column: column === 'total' ? undefined : column })}#series`;
          return (
            <div data-ready="series">
              <SeriesBars id="series-bars" title={`${name}${parent ? ` ${parent}` : ''}各年${columnName}（支出预算总表）`} points={years.map((y) => ({ year: y, amount: sum(y) }))} />
              <DownloadCsv tableId="series-table" name={`${name}-历年按科目${parent ? `-${parent}` : ''}-${columnName}`} />
              <div class="scroll" tabIndex={0} role="region" aria-label={`历年各${level}金额（可左右滚动）`}>
                <table class="plain series-table" id="series-table" data-unit="wanyuan">
                  <caption>
                    各{level}{columnName}（万元），{years.map((y) => `${y}年`).join('、')}
                  </caption>
                  <thead>
                    <tr>
                      <th scope="col">科目编码</th>
                      <th scope="col">科目名称</th>
                      {years.map((y) => (
                        <th key={y} scope="col">
                          <Link href={`/documents/${d.years.find((x) => x.year === y)!.documentId}`}>{y}年</Link>
                        </th>
                      ))}
                      {prior ? (
                        <>
                          <th scope="col">比上年增减</th>
                          <th scope="col">增减率</th>
                        </>
                      ) : null}
                      <th scope="col">走势</th>
                    </tr>
                  </thead>
                  <tbody>
                    {d.rows.map((r) => {
                      const change = prior !== undefined ? (r.amounts[last] ?? 0) - (r.amounts[prior] ?? 0) : 0;
                      return (
                        <tr key={r.code}>
                          <td class="code">{deeper(r.code) ? <Link href={link(r.code)}>{r.code}</Link> : r.code}</td>
                          <td>{deeper(r.code) ? <Link href={link(r.code)}>{r.name ?? '（科目表中没有）'}</Link> : <Link href={`/subjects/${r.code}`}>{r.name ?? '（科目表中没有）'}</Link>}</td>
                          {years.map((y) => (
                            <td key={y} class="num" data-fen={r.amounts[y]}>
                              {r.amounts[y] === undefined ? '' : money(r.amounts[y], 'wanyuan')}
                            </td>
                          ))}
                          {prior !== undefined ? (
                            <>
                              <td class="num" data-fen={change}>
                                {change > 0 ? '+' : ''}
                                {money(change, 'wanyuan')}
                              </td>
                              <td class="num">{r.amounts[prior] ? percentText(percentOf(change, r.amounts[prior]!)) : r.amounts[last] ? '新增' : ''}</td>
                            </>
                          ) : null}
                          <td>
                            <Sparkline values={years.map((y) => r.amounts[y] ?? null)} />
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                  <tfoot>
                    <tr class="total">
                      <td class="code"></td>
                      <th scope="row">合计</th>
                      {years.map((y) => (
                        <td key={y} class="num" data-fen={sum(y)}>
                          {money(sum(y), 'wanyuan')}
                        </td>
                      ))}
                      {prior !== undefined ? (
                        <>
                          <td class="num" data-fen={sum(last) - sum(prior)}>
                            {sum(last) - sum(prior) > 0 ? '+' : ''}
                            {money(sum(last) - sum(prior), 'wanyuan')}
                          </td>
                          <td class="num">{sum(prior) ? percentText(percentOf(sum(last) - sum(prior), sum(prior))) : ''}</td>
                        </>
                      ) : null}
                      <td></td>
                    </tr>
                  </tfoot>
                </table>
              </div>
            </div>
          );
        }}
      </Show>
    </section>
  );
}
