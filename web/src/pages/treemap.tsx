/**
 * A zoomable treemap of 类 → 款 → 项: boxes sized by amount (squarified), drawn as SVG in Preact,
 * no chart library in the public bundle. Clicking (or Enter on) a box shows its parts; the level
 * shown is in the URL (?tm=21013), so a shared link opens the same view. Amounts are integer 分.
 */
import { formatWanyuan } from '../../../src/model/money.js';
import { grouped } from '../format.js';
import { navigate } from '../router.js';
import { Term } from './glossary.js';

export interface Item {
  code: string;
  label: string;
  amount: number;
}

interface Box extends Item {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** Squarified layout (Bruls, Huizing, van Wijk 2000) of items (largest first) in a w × h rectangle. */
export function squarify(items: Item[], x: number, y: number, w: number, h: number): Box[] {
  const total = items.reduce((s, i) => s + i.amount, 0);
  if (!items.length || total <= 0) return [];
  const scale = (w * h) / total;
  const out: Box[] = [];
  let rest = items.map((i) => ({ ...i, area: i.amount * scale }));
  let rx = x, ry = y, rw = w, rh = h;
  const worst = (row: { area: number }[], side: number) => {
    const s = row.reduce((a, r) => a + r.area, 0);
    const max = Math.max(...row.map((r) => r.area));
    const min = Math.min(...row.map((r) => r.area));
    return Math.max((side * side * max) / (s * s), (s * s) / (side * side * min));
  };
  while (rest.length) {
    const side = Math.min(rw, rh);
    let row = [rest[0]!];
    let i = 1;
    while (i < rest.length && worst([...row, rest[i]!], side) <= worst(row, side)) row = [...row, rest[i++]!];
    rest = rest.slice(i);
    const s = row.reduce((a, r) => a + r.area, 0);
    if (rw >= rh) {
      const cw = s / rh;
      let cy = ry;
      for (const r of row) {
        const ch = r.area / cw;
        out.push({ code: r.code, label: r.label, amount: r.amount, x: rx, y: cy, w: cw, h: ch });
        cy += ch;
      }
      rx += cw;
      rw -= cw;
    } else {
      const ch = s / rw;
      let cx = rx;
      for (const r of row) {
        const cw = r.area / ch;
        out.push({ code: r.code, label: r.label, amount: r.amount, x: cx, y: ry, w: cw, h: ch });
        cx += cw;
      }
      ry += ch;
      rh -= ch;
    }
  }
  return out;
}

const FILLS = ['#dbe8f6', '#fbe3d6', '#e2f0d9', '#efe0f5', '#fff2c6', '#d9f0ef', '#f7dde4', '#e6e6e6', '#e0e7ff', '#f3ead9'];
const EDGES = ['#1f5f9e', '#a4471b', '#3f7a24', '#6d3a8a', '#8a6a00', '#1f6f6b', '#9a2e4e', '#555555', '#3949ab', '#7a5a20'];

/** What level `path` shows: 类 when empty, the 款 of a 类, the 项 of a 款. */
export function level(items: Item[], path: string): Item[] {
  const len = path.length === 0 ? 3 : path.length + 2;
  return items.filter((i) => i.code.length === len && i.code.startsWith(path) && i.amount > 0).sort((a, b) => b.amount - a.amount || a.code.localeCompare(b.code));
}

const wan = (fen: number) => `${grouped(formatWanyuan(fen))} 万元`;
const share = (part: number, whole: number) => (whole > 0 ? `${((part * 1000) / whole / 10).toFixed(1)}%` : '');

export interface TreemapProps {
  items: Item[];
  /** The 类 or 款 whose parts are shown ('' for the 类). */
  path: string;
  onPath: (p: string) => void;
  title: string;
  /** Where a box that does not open in place leads (a 项: its 科目 page). */
  leafHref?: (code: string) => string;
  /** Whether a box opens to its parts; by default when `items` hold them. */
  deeper?: (code: string) => boolean;
  /** The query parameter holding the level (in the URL, so a link opens the same view). */
  param?: string;
  /** The trail of levels above (off where the page has its own). */
  trail?: boolean;
}

export function Treemap({ items, path: asked, onPath, title, leafHref, deeper: opens, param = 'tm', trail: withTrail = true }: TreemapProps) {
  // A level from the URL is shown only when it is a 类 or 款 with something under it; else the top.
  const path = /^\d{3}(\d{2})?$/.test(asked) && level(items, asked).length ? asked : '';
  const shown = level(items, path);
  const whole = shown.reduce((s, i) => s + i.amount, 0);
  const width = Math.max(300, Math.min(960, (typeof window === 'undefined' ? 960 : window.innerWidth) - 40));
  const height = width > 600 ? 420 : 340;
  const boxes = squarify(shown, 0, 0, width, height);
  const trail = [3, 5].filter((n) => path.length >= n).map((n) => items.find((i) => i.code === path.slice(0, n))).filter((i): i is Item => !!i);
  const topIndex = new Map(level(items, '').map((i, n) => [i.code, n % FILLS.length]));
  const href = (code: string) => {
    const q = new URLSearchParams(window.location.search);
    if (code) q.set(param, code);
    else q.delete(param);
    const s = q.toString();
    return `${window.location.pathname}${s ? `?${s}` : ''}#treemap`;
  };
  return (
    <figure class="treemap" id="treemap" aria-labelledby="h-treemap">
      <figcaption>
        <h2 id="h-treemap">{title}</h2>
        <nav class="crumbs" aria-label="所在层级" hidden={!withTrail}>
          {path ? (
            <a href={href('')} onClick={(e) => (e.preventDefault(), onPath(''))}>
              全部类
            </a>
          ) : (
            <span aria-current="page">全部类</span>
          )}
          {trail.map((t) => (
            <span key={t.code}>
              {' › '}
              {t.code === path ? (
                <span aria-current="page">
                  {t.code} {t.label}
                </span>
              ) : (
                <a href={href(t.code)} onClick={(e) => (e.preventDefault(), onPath(t.code))}>
                  {t.code} {t.label}
                </a>
              )}
            </span>
          ))}
          <span class="muted">（合计 {wan(whole)}；点击方块看下一级）</span>
        </nav>
        <p class="muted">
          <Term k="levels">什么是类、款、项？</Term>
        </p>
      </figcaption>
      {boxes.length ? (
        <svg viewBox={`0 0 ${width} ${height}`} width={width} height={height} role="group" aria-label={`${title}：${trail.map((t) => t.label).join(' › ') || '全部类'}`}>
          {boxes.map((b) => {
            const c = topIndex.get(b.code.slice(0, 3)) ?? 0;
            const deeper = opens ? opens(b.code) : b.code.length < 7 && items.some((i) => i.code.length === b.code.length + 2 && i.code.startsWith(b.code) && i.amount > 0);
            const name = `${b.code} ${b.label}`;
            const label = `${name} ${wan(b.amount)}，占 ${share(b.amount, whole)}${deeper ? '，点击看下一级' : ''}`;
            const fits = b.w > 56 && b.h > 22;
            const figure = `${wan(b.amount)}，占 ${share(b.amount, whole)}`;
            // The words drawn are the full name and figure, clipped to the box: what is seen is where the spoken name starts.
            const text = (
              <>
                <clipPath id={`tmc-${b.code}`}>
                  <rect x={b.x} y={b.y} width={Math.max(0, b.w - 4)} height={b.h} />
                </clipPath>
                <rect x={b.x + 0.5} y={b.y + 0.5} width={Math.max(0, b.w - 1)} height={Math.max(0, b.h - 1)} fill={FILLS[c]} stroke={EDGES[c]} />
                {fits ? (
                  <text x={b.x + 6} y={b.y + 18} class="tm-label" clip-path={`url(#tmc-${b.code})`}>
                    {name}
                  </text>
                ) : null}
                {fits && b.h > 42 ? (
                  <text x={b.x + 6} y={b.y + 36} class="tm-amount" clip-path={`url(#tmc-${b.code})`}>
                    {figure}
                  </text>
                ) : null}
              </>
            );
            const target = deeper ? href(b.code) : leafHref?.(b.code);
            return target ? (
              <a key={b.code} href={target} aria-label={label} data-code={b.code} class="tm-box" onClick={(e: MouseEvent) => (e.preventDefault(), deeper ? onPath(b.code) : navigate(target))}>
                {text}
              </a>
            ) : (
              <g key={b.code} data-code={b.code} role="img" aria-label={label}>
                {text}
              </g>
            );
          })}
        </svg>
      ) : (
        <p>没有可以展示的支出。</p>
      )}
    </figure>
  );
}

/** The 类/款/项 rows of a document's 支出预算总表 (合计 column) as treemap items. */
export function expenditureItems(doc: { tables: { id: string; rows: { code?: string | undefined; label?: string | undefined; cells: Record<string, number> }[] }[] }): Item[] {
  const t = doc.tables.find((x) => x.id === 'expenditure');
  return (t?.rows ?? []).filter((r) => r.code && typeof r.cells.total === 'number').map((r) => ({ code: r.code!, label: r.label ?? '', amount: r.cells.total! }));
}
