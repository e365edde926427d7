/** Home: regions and their years, the largest departments of a year, totals by 类. */
import { api, q, type DocumentRecord, type Page } from '../api.js';
import { documentName, money, wan } from '../format.js';
import { Link, setQuery, useLocation } from '../router.js';
import { Show, useLoad, useTitle, YearSelect } from '../ui.js';
import type { Totals } from './subjects.js';

interface Region {
  region: string;
  level: string;
  entities: number;
  documents: number;
  years: number[];
}

export function Bars({ rows }: { rows: { key: string; label: preact.ComponentChildren; amount: number }[] }) {
  const max = Math.max(1, ...rows.map((r) => r.amount));
  return (
    <ul class="bars">
      {rows.map((r) => (
        <li key={r.key}>
          <span class="bar-label">{r.label}</span>
          <span class="bar-track" aria-hidden="true">
            <span class="bar-fill" style={{ width: `${Math.max(0.5, (r.amount / max) * 100)}%` }} />
          </span>
          <span class="bar-value">{wan(r.amount)}</span>
        </li>
      ))}
    </ul>
  );
}

export function Home() {
  useTitle('首页');
  const loc = useLocation();
  const regions = useLoad(() => api.get<{ regions: Region[] }>('/api/regions').then((r) => r.regions), []);
  const years = [...new Set((regions.data ?? []).flatMap((r) => r.years))].sort();
  // How many documents each year has: the page opens on the latest year that is mostly published, not on
  // a year where one unit has just been published.
  const counts = useLoad(() => Promise.all(years.map((y) => api.get<Page<DocumentRecord>>(`/api/documents${q({ year: y, limit: 1 })}`).then((p) => [y, p.total] as const))).then((l) => new Map(l)), [years.join(',')]);
  const most = Math.max(0, ...(counts.data?.values() ?? []));
  const settled = counts.data ? years.filter((y) => (counts.data!.get(y) ?? 0) * 2 >= most).at(-1) : undefined;
  const year = Number(loc.query.get('year')) || settled;
  const few = year && counts.data && (counts.data.get(year) ?? 0) * 2 < most ? counts.data.get(year) ?? 0 : undefined;
  const region = loc.query.get('region') ?? undefined;
  const largest = useLoad(() => (year ? api.get<Page<DocumentRecord>>(`/api/documents${q({ year, region, kind: 'budget', scope: 'department', sort: '-total', limit: 10 })}`) : Promise.resolve(undefined)), [year, region]);
  const totals = useLoad(() => (year ? api.get<Totals>(`/api/totals${q({ years: year, region })}`) : Promise.resolve(undefined)), [year, region]);
  return (
    <main id="main" class="home" data-ready={regions.data && largest.data ? 'home' : undefined}>
      <section class="hero">
        <h1>部门预算公开</h1>
        <p>各部门、各单位公开的预算：九张表、编制说明、历年变动，可下载、可比较、可按科目查询。</p>
        <form class="filters" aria-label="筛选">
          <YearSelect label="年度" years={years} value={year} onPick={(y) => setQuery({ year: y })} {...(counts.data ? { note: (y: number) => `（${counts.data!.get(y) ?? 0} 份）` } : {})} />
          <label>
            地区{' '}
            <select value={region ?? ''} onChange={(e) => setQuery({ region: (e.target as HTMLSelectElement).value || undefined })}>
              <option value="">全部地区</option>
              {(regions.data ?? []).map((r) => (
                <option key={r.region} value={r.region}>
                  {r.region}
                </option>
              ))}
            </select>
          </label>
        </form>
      </section>
      {few !== undefined ? (
        <p class="caveat" role="note">
          {year}年目前只公开了 {few} 份文件（其他年度最多 {most} 份）：下面的排行与合计只反映这些文件，不代表全部部门。
        </p>
      ) : null}
      <div class="home-grid">
        <section aria-labelledby="h-largest">
          <h2 id="h-largest">
            {year}年支出预算最多的部门{region ? `（${region}）` : ''}
          </h2>
          <Show loaded={largest} what="部门">
            {(page) =>
              page?.items.length ? (
                <ol class="ranking">
                  {page.items.map((d) => (
                    <li key={d.id}>
                      <Link href={`/documents/${d.id}`}>{d.entity.name}</Link>
                      <span class="amount">{wan(d.total)}</span>
                    </li>
                  ))}
                </ol>
              ) : (
                <p>该年度还没有公开的部门预算。</p>
              )
            }
          </Show>
        </section>
        <section aria-labelledby="h-totals">
          <h2 id="h-totals">{year}年支出按功能分类（类）合计</h2>
          <Show loaded={totals} what="合计">
            {(t) => (
              <>
                <p class="grand">
                  合计 <strong>{wan((t?.rows ?? []).reduce((s, r) => s + (r.amounts[String(year)] ?? 0), 0))}</strong>
                </p>
                <Bars rows={(t?.rows ?? []).map((r) => ({ key: r.code, label: <Link href={`/subjects?parent=${r.code}${year ? `&years=${year}` : ''}`}>{r.code} {r.name}</Link>, amount: r.amounts[String(year)] ?? 0 })).sort((a, b) => b.amount - a.amount)} />
              </>
            )}
          </Show>
        </section>
      </div>
      <section aria-labelledby="h-regions">
        <h2 id="h-regions">地区</h2>
        <Show loaded={regions} what="地区">
          {(list) => (
            <div class="scroll" tabIndex={0} role="region" aria-label="各地区合计（可左右滚动）">
              <table class="plain">
                <thead>
                  <tr>
                    <th scope="col">地区</th>
                    <th scope="col">单位数</th>
                    <th scope="col">公开文件数</th>
                    <th scope="col">年度</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((r) => (
                    <tr key={r.region}>
                      <th scope="row">
                        <Link href={`/?region=${encodeURIComponent(r.region)}`}>{r.region}</Link>
                      </th>
                      <td class="num">{r.entities}</td>
                      <td class="num">{r.documents}</td>
                      <td>{r.years.map((y) => `${y}年`).join('、')}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Show>
      </section>
      <AllDocuments year={year} region={region} />
    </main>
  );
}

function AllDocuments({ year, region }: { year: number | undefined; region: string | undefined }) {
  const docs = useLoad(() => api.get<Page<DocumentRecord>>(`/api/documents${q({ year, region, sort: 'name', limit: 200 })}`), [year, region]);
  return (
    <section aria-labelledby="h-all">
      <h2 id="h-all">{year}年全部公开文件</h2>
      <Show loaded={docs} what="文件">
        {(page) => (
          <ul class="doc-list">
            {page.items.map((d) => (
              <li key={d.id}>
                <Link href={`/documents/${d.id}`}>{d.entity.name}</Link> <span class="muted">{documentName(d)} · 支出 {money(d.total, 'wanyuan')} 万元</span>
              </li>
            ))}
          </ul>
        )}
      </Show>
    </section>
  );
}
