/** Search as you type: entities, 科目 and narrative text, each result a link. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, q } from '../api.js';
import { Link, setQuery, useLocation } from '../router.js';
import { ErrorBox, useTitle, YearSelect } from '../ui.js';
import type { ApiError } from '../api.js';

interface Results {
  entities: { id: number; name: string; kind: string; region: string }[];
  subjects: { scheme: string; code: string; name: string; level: number }[];
  paragraphs: { documentId: number; entityName: string; year: number; heading: string; snippet: string; section: number; paragraph: number }[];
}

const LEVEL = ['', '类', '款', '项'];
const PAGE = 20;
/** The most the API answers for each kind (/api/search limit). */
const MAX = 50;
const YEARS = Array.from({ length: 6 }, (_, i) => new Date().getFullYear() - i);

function Highlight({ text, term }: { text: string; term: string }) {
  if (!term) return <>{text}</>;
  const parts = text.split(term);
  return (
    <>
      {parts.map((p, i) => (
        <span key={i}>
          {p}
          {i < parts.length - 1 ? <mark>{term}</mark> : null}
        </span>
      ))}
    </>
  );
}

export function SearchPage() {
  const loc = useLocation();
  const [text, setText] = useState(loc.query.get('q') ?? '');
  const [results, setResults] = useState<{ q: string; r: Results; ms: number }>();
  const [error, setError] = useState<ApiError>();
  const asked = useRef(0);
  // Filters and how many to show: in the address, so a shared link shows the same results.
  const year = Number(loc.query.get('year')) || undefined;
  const kind = (loc.query.get('type') ?? '') as '' | 'entities' | 'subjects' | 'paragraphs';
  const shown = loc.query.get('more') ? MAX : PAGE;
  useTitle(text ? `搜索：${text}` : '搜索');
  useEffect(() => {
    const term = text.trim();
    if (!term) return setResults(undefined);
    const n = ++asked.current;
    const timer = setTimeout(() => {
      const start = performance.now();
      setQuery({ q: term });
      // One more than shown: whether there are more to show.
      api.get<Results>(`/api/search${q({ q: term, limit: Math.min(MAX, shown + 1), year })}`).then(
        (r) => n === asked.current && (setResults({ q: term, r, ms: performance.now() - start }), setError(undefined)),
        (e: ApiError) => n === asked.current && setError(e),
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [text, year, shown]);
  const all = results?.r;
  // A table-of-contents line ("目 录 · 八、…") is not a paragraph of text.
  const r = all && {
    entities: kind && kind !== 'entities' ? [] : all.entities.slice(0, shown),
    subjects: kind && kind !== 'subjects' ? [] : all.subjects.slice(0, shown),
    paragraphs: kind && kind !== 'paragraphs' ? [] : all.paragraphs.filter((p) => !/^目\s*录/.test(p.heading)).slice(0, shown),
  };
  const more = all && (all.entities.length > shown || all.subjects.length > shown || all.paragraphs.length > shown);
  const none = r && !r.entities.length && !r.subjects.length && !r.paragraphs.length;
  const count = (n: number, full: number) => (full > shown ? `${n} 个以上` : `${n} 个`);
  return (
    <main id="main" class="search-page">
      <h1>搜索</h1>
      <form role="search" aria-label="搜索全站" onSubmit={(e) => e.preventDefault()}>
        <label for="q">单位名称、科目编码或名称、说明文字</label>
        <input id="q" type="search" value={text} autoFocus onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="如：医疗救助、2101301、机关运行经费" aria-describedby="search-status" />
      </form>
      <p id="search-status" class="muted" role="status" aria-live="polite" data-ready={results ? 'search' : undefined}>
        {results ? (none ? `没有找到“${results.q}”。说明文字至少输入两个字；科目可输入编码的开头。` : `“${results.q}”：单位 ${count(r!.entities.length, all!.entities.length)}，科目 ${count(r!.subjects.length, all!.subjects.length)}，说明文字 ${count(r!.paragraphs.length, all!.paragraphs.length).replace('个', '段')}（${Math.round(results.ms)} 毫秒）`) : ''}
      </p>
      <form class="filters" aria-label="筛选搜索结果" onSubmit={(e) => e.preventDefault()}>
        <label>
          类别{' '}
          <select value={kind} onChange={(e) => setQuery({ type: (e.target as HTMLSelectElement).value || undefined })}>
            <option value="">全部</option>
            <option value="entities">单位</option>
            <option value="subjects">科目</option>
            <option value="paragraphs">说明文字</option>
          </select>
        </label>
        <YearSelect label="说明文字的年度" years={YEARS} value={year} all="全部年度" onPick={(y) => setQuery({ year: y || undefined })} />
      </form>
      {error ? <ErrorBox error={error} /> : null}
      {r?.entities.length ? (
        <section aria-labelledby="h-e">
          <h2 id="h-e">单位</h2>
          <ul class="results">
            {r.entities.map((e) => (
              <li key={e.id}>
                <Link href={`/entities/${e.id}`}>
                  <Highlight text={e.name} term={results!.q} />
                </Link>{' '}
                <span class="muted">
                  {e.region} · {e.kind === 'department' ? '部门' : '单位'}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {r?.subjects.length ? (
        <section aria-labelledby="h-s">
          <h2 id="h-s">科目</h2>
          <ul class="results">
            {r.subjects.map((s) => (
              <li key={`${s.scheme}${s.code}`}>
                <Link href={s.scheme === 'function' ? `/subjects/${s.code}` : `/subjects/${s.code}?table=general-basic-economic`}>
                  {s.code} <Highlight text={s.name} term={results!.q} />
                </Link>{' '}
                <span class="muted">
                  {s.scheme === 'function' ? '支出功能分类' : '经济分类'}·{LEVEL[s.level] ?? ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {r?.paragraphs.length ? (
        <section aria-labelledby="h-p">
          <h2 id="h-p">说明文字</h2>
          <ul class="results">
            {r.paragraphs.map((p) => (
              <li key={`${p.documentId}-${p.section}-${p.paragraph}`}>
                <Link href={`/documents/${p.documentId}#n${p.section}`}>
                  {p.entityName} {p.year}年 · {p.heading}
                </Link>
                <p class="snippet">
                  <Highlight text={p.snippet} term={results!.q} />
                </p>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {more ? (
        shown < MAX ? (
          <p>
            <button type="button" onClick={() => setQuery({ more: '1' })}>
              显示更多结果（每类最多 {MAX} 条）
            </button>
          </p>
        ) : (
          <p class="muted">每类只显示前 {MAX} 条：请输入更具体的词，或按类别、年度筛选。</p>
        )
      ) : null}
    </main>
  );
}
