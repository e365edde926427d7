/** An entity: its documents by year, its trend (chart drawn by the server), its units. */
import { api, q, type DocumentRecord, type EntityRecord, type Page, type Chart } from '../api.js';
import { money, SCOPE_NAMES, STATE_NAMES } from '../format.js';
import { Link } from '../router.js';
import { Show, useLoad, useTitle } from '../ui.js';

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
              <h2 id="h-docs">历年预算</h2>
              <Show loaded={docs} what="文件">
                {(page) =>
                  page.items.length ? (
                    <div class="scroll" tabIndex={0} role="region" aria-label="历年预算（可左右滚动）">
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
                            return (
                              <tr key={d.id}>
                                <th scope="row">{d.year}年</th>
                                <td>
                                  <Link href={`/documents/${d.id}`}>{SCOPE_NAMES[d.scope]}</Link>
                                </td>
                                <td class="num">{money(d.total, 'wanyuan')}</td>
                                <td>{STATE_NAMES[d.state]}</td>
                                <td>{prior ? <Link href={`/compare?a=${prior.id}&b=${d.id}`}>与{prior.year}年比较</Link> : '—'}</td>
                              </tr>
                            );
                          })}
                        </tbody>
                      </table>
                    </div>
                  ) : (
                    <p>还没有公开的预算文件。</p>
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
