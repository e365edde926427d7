/**
 * A document as the public reads it: the narrative and the nine tables in the standard printed
 * layout (the same HTML the published page has, src/publish/html), the charts drawn by the
 * server, a 元/万元 switch, the checker's findings marked on cells and sentences, downloads.
 */
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { MoneyUnit } from '../../../src/model/money.js';
import { documentHtmlParts } from '../../../src/publish/html/document.js';
import { api, content, findingsOf, q, record, type BudgetDocument, type Chart, type DocumentRecord, type Finding, type Page } from '../api.js';
import { documentName, money, STATE_NAMES, unitName } from '../format.js';
import { Link, setQuery, useLocation } from '../router.js';
import { Show, useLoad, useTitle } from '../ui.js';
import { Treemap, expenditureItems } from './treemap.js';
import { Term } from './glossary.js';
import { Execution } from './execution.js';

const DOWNLOADS: [format: string, label: string][] = [
  ['pdf', 'PDF'],
  ['xlsx', 'Excel（XLSX）'],
  ['csv', '单元格 CSV'],
  ['json', 'JSON'],
  ['datapackage', '数据包说明'],
  ['html', '离线网页'],
];

export function UnitSwitch({ unit, onChange }: { unit: MoneyUnit; onChange: (u: MoneyUnit) => void }) {
  return (
    <fieldset class="unit-switch">
      <legend>金额单位</legend>
      {(['yuan', 'wanyuan'] as const).map((u) => (
        <label key={u}>
          <input type="radio" name="unit" value={u} checked={unit === u} onChange={() => onChange(u)} /> {unitName(u)}
        </label>
      ))}
    </fieldset>
  );
}

function Downloads({ d }: { d: DocumentRecord }) {
  return (
    <nav class="downloads" aria-label="下载">
      <span>下载：</span>
      {DOWNLOADS.map(([format, label]) => (
        <a key={format} href={`/api/documents/${d.id}/files/${format}`} download data-format={format}>
          {label}
        </a>
      ))}
    </nav>
  );
}

/** Other years of the same entity: links to them and to the comparison with each. */
function OtherYears({ d }: { d: DocumentRecord }) {
  const others = useLoad(() => api.get<Page<DocumentRecord>>(`/api/documents${q({ entity: d.entity.id, sort: 'year', limit: 50 })}`), [d.entity.id]);
  const list = (others.data?.items ?? []).filter((o) => o.id !== d.id && o.kind === d.kind);
  // A budget's 决算 of the same year, opened at its side-by-side table (a 决算 links its budget there).
  const final = d.kind === 'budget' ? others.data?.items.find((o) => o.kind === 'final' && o.year === d.year) : undefined;
  if (!list.length && !final) return null;
  const prior = list.filter((o) => o.year < d.year).at(-1);
  return (
    <p class="other-years">
      {final ? (
        <Link class="button" href={`/documents/${final.id}#execution`}>
          {d.year}年决算：与本预算对照
        </Link>
      ) : null}
      {list.length ? '其他年度：' : null}
      {list.map((o) => (
        <Link key={o.id} href={`/documents/${o.id}`}>
          {o.year}年
        </Link>
      ))}
      {prior ? (
        <Link class="button" href={`/compare?a=${prior.id}&b=${d.id}`}>
          与{prior.year}年比较
        </Link>
      ) : null}
    </p>
  );
}

/**
 * The explanation of the finding(s) on the cell or sentence tapped, clicked or reached by Tab:
 * phones have no hover titles. The texts are the page's own list entries (aria-describedby).
 */
function explanationAt(target: EventTarget | null): string[] | undefined {
  const el = target instanceof Element ? target : null;
  const marked = el?.closest('.finding[aria-describedby]');
  const ids = marked?.getAttribute('aria-describedby')?.split(' ') ?? (el?.matches('a.ref') ? [el.getAttribute('href')!.slice(1)] : []);
  const texts = ids.map((i) => document.getElementById(i)?.textContent?.replace(/查看位置$/, '').trim() ?? '').filter(Boolean);
  return texts.length ? texts : undefined;
}

function Explanation({ texts, onClose }: { texts: string[]; onClose: () => void }) {
  return (
    <div class="explanation" role="status" aria-live="polite">
      <ul>
        {texts.map((t, i) => (
          <li key={i}>{t}</li>
        ))}
      </ul>
      <button type="button" class="link" onClick={onClose}>
        关闭
      </button>
    </div>
  );
}

/**
 * Findings as a public reader sees them: a quoted sentence widened to the whole sentence (the checker quotes a
 * window of characters, which cut words), and no line number of a source file the reader never sees.
 */
export function forReaders(doc: BudgetDocument, findings: Finding[]): Finding[] {
  const paragraphs = doc.narrative.sections.flatMap((s) => s.paragraphs.map((p) => p.text));
  return findings.map((f) => {
    const { line: _line, ...location } = f.location;
    const quote = (location.sentence ?? '').replace(/^…|…$/g, '');
    if (quote) {
      const text = paragraphs.find((t) => t.includes(quote));
      if (text) {
        const at = text.indexOf(quote);
        const start = Math.max(...['。', '；', '！', '？', '\n'].map((c) => text.lastIndexOf(c, at - 1) + 1), 0);
        const stops = ['。', '；', '！', '？', '\n'].map((c) => text.indexOf(c, at + quote.length)).filter((i) => i >= 0);
        const end = stops.length ? Math.min(...stops) + 1 : text.length;
        const sentence = text.slice(start, end).replace(/^\s*[（(]?[一二三四五六七八九十\d]+[)）、.．]\s*/, '').trim();
        if (sentence.includes(quote)) location.sentence = sentence;
      }
    }
    return { ...f, location };
  });
}

export function DocumentPage({ id }: { id: number }) {
  const [explained, setExplained] = useState<string[]>();
  const loc = useLocation();
  const unit: MoneyUnit = loc.query.get('unit') === 'wanyuan' ? 'wanyuan' : 'yuan';
  const loaded = useLoad(() => Promise.all([record(id), content(id), findingsOf(id)]), [id]);
  const charts = useLoad(() => api.get<{ charts: Chart[] }>(`/api/documents/${id}/charts`).then((r) => r.charts), [id]);
  useTitle(loaded.data?.[1].meta.title);
  const parts = useMemo(() => {
    if (!loaded.data) return undefined;
    const [, doc, findings] = loaded.data;
    return documentHtmlParts(doc, { findings: forReaders(doc, findings), unit, termHref: (k) => `/glossary#${k}`, ...(charts.data ? { charts: charts.data } : {}) });
  }, [loaded.data, unit, charts.data]);
  useEffect(() => {
    // A link to a table or one of its cells (#table-expenditure/2101301/total, from a 科目 page): there once drawn,
    // also after an in-app navigation (the browser only jumps to a hash present at load).
    const t = /^#(table-[a-z-]+)(?:\/([\w.-]+)\/([\w-]+))?$/.exec(decodeURIComponent(location.hash));
    if (!parts || !t) return;
    const table = document.getElementById(t[1]!);
    const cell = t[2] ? table?.querySelector<HTMLElement>(`tr[data-row="${CSS.escape(t[2])}"] td[data-column="${CSS.escape(t[3]!)}"]`) : null;
    const target = cell ?? table;
    if (!target) return;
    target.setAttribute('tabindex', '-1');
    target.scrollIntoView({ block: cell ? 'center' : 'start' });
    target.focus({ preventScroll: true });
    if (cell) cell.classList.add('target-cell');
  }, [parts]);
  useEffect(() => {
    // A link to a narrative section by its place in the document (#n3, from search): to its heading.
    const m = /^#n(\d+)$/.exec(location.hash);
    const heading = m && loaded.data ? loaded.data[1].narrative.sections[Number(m[1])]?.heading : undefined;
    if (!parts || !heading) return;
    const h = [...document.querySelectorAll<HTMLElement>('article.doc h2')].find((e) => e.textContent === heading);
    if (h) {
      h.setAttribute('tabindex', '-1');
      h.scrollIntoView();
      h.focus({ preventScroll: true });
    }
  }, [parts]);
  useEffect(() => {
    // The published markup's scrolling boxes (wide tables; charts on a phone) reachable by keyboard and named for screen readers.
    for (const el of document.querySelectorAll<HTMLElement>('article.doc .scroll, article.doc .charts figure')) {
      if (el.hasAttribute('tabindex')) continue;
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      const title = el.getAttribute('aria-label') ?? el.closest('section')?.querySelector('.table-title, h3, h2')?.textContent ?? '表格';
      el.setAttribute('aria-label', `${title}（可左右滚动）`);
    }
  }, [parts, charts.data]);
  useEffect(() => {
    // What the budget of "ready in under a second" is measured against (bench/web.ts).
    if (parts && !performance.getEntriesByName('document-ready').length) performance.mark('document-ready');
  }, [parts]);
  return (
    <main id="main" class="document-page" data-ready={parts ? 'document' : undefined}>
      <Show loaded={loaded} what="预算文件" page>
        {([d, doc, findings]) => (
          <>
            <div class="doc-head">
              <p class="crumbs">
                <Link href="/">首页</Link> › {d.entity.parentId ? <><Link href={`/entities/${d.entity.parentId}`}>{d.entity.parentName}</Link> › </> : null}
                <Link href={`/entities/${d.entity.id}`}>{d.entity.name}</Link> › {d.year}年
              </p>
              <h1>{doc.meta.title}</h1>
              <p class="doc-facts">
                <span>{d.entity.name}</span>
                <span>{documentName(d)}</span>
                <span>{d.year}年</span>
                <span class={`state state-${d.state}`}>{STATE_NAMES[d.state]}</span>
                <span>支出总计 {money(d.total, unit)} {unitName(unit)}</span>
                <span>
                  <a href="#findings">
                    校验：错误 {findings.filter((f) => f.severity === 'error').length} 条、警告 {findings.filter((f) => f.severity === 'warning').length} 条、提示 {findings.filter((f) => f.severity === 'info').length} 条
                  </a>
                </span>
              </p>
              <Downloads d={d} />
              <OtherYears d={d} />
              <p class="muted terms">
                名词：<Term k="fiscal" />、<Term k="basic" />、<Term k="project" />、<Term k="three-public" />、<Term k="office-operation" />、<Term k="levels" />
              </p>
            </div>
            <div class="doc-layout">
              <nav class="toc" aria-label="目录">
                <details open={window.innerWidth > 900}>
                  <summary>目录</summary>
                  <ol dangerouslySetInnerHTML={{ __html: parts!.toc.join('') }} />
                </details>
              </nav>
              <article
                class="doc"
                lang="zh-CN"
                onClick={(e) => {
                  const t = explanationAt(e.target);
                  if (t) setExplained(t);
                }}
                onFocusIn={(e) => {
                  const t = explanationAt(e.target);
                  if (t) setExplained(t);
                }}
              >
                <div class="sticky-switch">
                  <UnitSwitch unit={unit} onChange={(u) => setQuery({ unit: u === 'wanyuan' ? 'wanyuan' : undefined })} />
                </div>
                <div dangerouslySetInnerHTML={{ __html: parts!.cover + parts!.narrative }} />
                {charts.data === undefined && !charts.error ? <p class="loading">正在绘制图表……</p> : <div dangerouslySetInnerHTML={{ __html: parts!.charts }} />}
                <Treemap
                  items={expenditureItems(doc)}
                  path={loc.query.get('tm') ?? ''}
                  onPath={(p) => setQuery({ tm: p || undefined })}
                  title="支出结构（类 → 款 → 项，按支出预算总表合计）"
                  leafHref={(code) => `/subjects/${code}`}
                />
                {doc.meta.kind === 'final' ? <Execution id={d.id} unit={unit} /> : null}
                <section id="tables" dangerouslySetInnerHTML={{ __html: parts!.tables }} />
                <div dangerouslySetInnerHTML={{ __html: parts!.after + parts!.findings }} />
              </article>
              {explained ? <Explanation texts={explained} onClose={() => setExplained(undefined)} /> : null}
            </div>
          </>
        )}
      </Show>
    </main>
  );
}
