/** 名词解释: the terms of a budget page in plain Chinese, each with an anchor (/glossary#three-public) pages link to. */
import { useEffect } from 'preact/hooks';
import { Link } from '../router.js';
import { useTitle } from '../ui.js';
import { TERMS, type TermKey } from '../../../src/publish/html/glossary.js';

export { TERMS, type TermKey };

/** A term on a page, linked to its explanation. */
export function Term({ k, children }: { k: TermKey; children?: preact.ComponentChildren }) {
  const t = TERMS.find(([key]) => key === k)!;
  return (
    <Link href={`/glossary#${k}`} class="term" title={`名词解释：${t[1]}`}>
      {children ?? t[1]}
    </Link>
  );
}

export function GlossaryPage() {
  useTitle('名词解释');
  useEffect(() => {
    const el = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
    if (!el) return;
    el.scrollIntoView();
    el.focus({ preventScroll: true });
  }, []);
  return (
    <main id="main" class="glossary" data-ready="glossary">
      <h1>名词解释</h1>
      <p class="muted">预算公开页面上常见的名词。各部门文件中的“名词解释”一节以文件为准。</p>
      <dl>
        {TERMS.map(([key, name, text]) => (
          <div key={key} class="term-entry">
            <dt id={key} tabIndex={-1}>
              {name}
            </dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
      <p>
        <Link href="/subjects">按科目查看全市支出</Link>
      </p>
    </main>
  );
}
