/** Search as you type: entities, 科目 and narrative text, each result a link. */
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, q } from '../api.js';
import { Link, setQuery, useLocation } from '../router.js';
import { ErrorBox, useTitle } from '../ui.js';
import type { ApiError } from '../api.js';

interface Results {
  entities: { id: number; name: string; kind: string; region: string }[];
  subjects: { scheme: string; code: string; name: string; level: number }[];
  paragraphs: { documentId: number; entityName: string; year: number; heading: string; snippet: string; section: number; paragraph: number }[];
}

const LEVEL = ['', '类', '款', '项'];

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
  useTitle(text ? `搜索：${text}` : '搜索');
  useEffect(() => {
    const term = text.trim();
    if (!term) return setResults(undefined);
    const n = ++asked.current;
    const timer = setTimeout(() => {
      const start = performance.now();
      setQuery({ q: term });
      api.get<Results>(`/api/search${q({ q: term, limit: 20 })}`).then(
        (r) => n === asked.current && (setResults({ q: term, r, ms: performance.now() - start }), setError(undefined)),
        (e: ApiError) => n === asked.current && setError(e),
      );
    }, 60);
    return () => clearTimeout(timer);
  }, [text]);
  const r = results?.r;
  const none = r && !r.entities.length && !r.subjects.length && !r.paragraphs.length;
  return (
    <main id="main" class="search-page">
      <h1>搜索</h1>
      <form role="search" onSubmit={(e) => e.preventDefault()}>
        <label for="q">单位名称、科目编码或名称、说明文字</label>
        <input id="q" type="search" value={text} autoFocus onInput={(e) => setText((e.target as HTMLInputElement).value)} placeholder="如：医疗救助、2101301、机关运行经费" aria-describedby="search-status" />
      </form>
      <p id="search-status" class="muted" role="status" aria-live="polite" data-ready={results ? 'search' : undefined}>
        {results ? (none ? `没有找到“${results.q}”。说明文字至少输入两个字；科目可输入编码的开头。` : `“${results.q}”：单位 ${r!.entities.length} 个，科目 ${r!.subjects.length} 个，说明文字 ${r!.paragraphs.length} 段（${Math.round(results.ms)} 毫秒）`) : ''}
      </p>
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
    </main>
  );
}
