/**
 * A figure across years: bars drawn in the browser (Preact SVG, no chart library), each labelled
 * in 万元 (half-up, at the edge), with the change on the year before written under it. The bars
 * are a picture of the table beside them (which carries the same numbers for screen readers).
 */
import { formatWanyuan } from '../../../src/model/money.js';
import { percentOf } from '../../../src/compare/compare.js';
import { grouped, percentText } from '../format.js';

export interface Point {
  year: number;
  /** 分; null when the year has no document. */
  amount: number | null;
  /** False when the year sums other entities than the year before (a change would compare unlike with unlike). */
  comparable?: boolean;
}

/** Drawing units per year: a phone (about 350 px across) shows three years at about their size, so labels stay ≥ 12 px. */
const SLOT = 120;
const H = 200;

/** Change on the year before, as the compare page writes it: "+3.25%", or "" when there is nothing to compare. */
export function changeText(p: Point, prior: Point | undefined): string {
  if (prior && p.comparable === false) return '口径不同';
  if (!prior || prior.amount === null || p.amount === null || prior.amount === 0) return '';
  return percentText(percentOf(p.amount - prior.amount, prior.amount));
}

export function SeriesBars({ title, points, id }: { title: string; points: Point[]; id?: string }) {
  const max = Math.max(1, ...points.map((p) => Math.abs(p.amount ?? 0)));
  const W = SLOT * Math.max(3, points.length);
  const slot = W / Math.max(1, points.length);
  const bar = Math.min(72, slot * 0.55);
  const top = 34;
  const base = H - 46;
  const label = points.map((p, i) => `${p.year}年 ${p.amount === null ? '无文件' : `${grouped(formatWanyuan(p.amount))} 万元`}${changeText(p, points[i - 1]) ? `（比上年 ${changeText(p, points[i - 1])}）` : ''}`).join('；');
  return (
    <figure class="series" {...(id ? { id } : {})}>
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`${title}：${label}`} width="100%" preserveAspectRatio="xMidYMid meet">
        <line x1="0" x2={W} y1={base} y2={base} stroke="#888" stroke-width="1" />
        {points.map((p, i) => {
          const x = i * slot + (slot - bar) / 2;
          const h = p.amount === null ? 0 : Math.max(1, (Math.abs(p.amount) / max) * (base - top));
          const change = changeText(p, points[i - 1]);
          return (
            <g key={p.year} data-year={p.year}>
              {p.amount === null ? null : <rect x={x} y={base - h} width={bar} height={h} fill={p.amount < 0 ? '#b3261e' : '#2f6fb0'} />}
              <text x={x + bar / 2} y={base - h - 8} text-anchor="middle" font-size="14" fill="#222">
                {p.amount === null ? '—' : grouped(formatWanyuan(p.amount))}
              </text>
              <text x={x + bar / 2} y={base + 20} text-anchor="middle" font-size="15" fill="#222">
                {p.year}年
              </text>
              {change ? (
                <text x={x + bar / 2} y={base + 40} text-anchor="middle" font-size="14" fill={change.startsWith('-') ? '#b3261e' : change.startsWith('+') ? '#1e6b32' : '#5f6368'}>
                  {change}
                </text>
              ) : null}
            </g>
          );
        })}
      </svg>
      <figcaption>{title}（万元）</figcaption>
    </figure>
  );
}

/** A small line of a row's years, beside its figures (decorative: the figures are in the row). */
export function Sparkline({ values }: { values: (number | null)[] }) {
  const nums = values.map((v) => v ?? 0);
  // The row's own range: the shape of its years (the figures themselves are in the row).
  const max = Math.max(...nums);
  const min = Math.min(...nums);
  const w = 64;
  const h = 18;
  const step = values.length > 1 ? w / (values.length - 1) : 0;
  const y = (v: number) => h - 2 - ((v - min) / (max - min || 1)) * (h - 4);
  return (
    <svg class="spark" width={w} height={h} viewBox={`0 0 ${w} ${h}`} aria-hidden="true" focusable="false">
      <polyline fill="none" stroke="#2f6fb0" stroke-width="1.5" points={nums.map((v, i) => `${(i * step).toFixed(1)},${y(v).toFixed(1)}`).join(' ')} />
      {nums.map((v, i) => (
        <circle key={i} cx={i * step} cy={y(v)} r="1.8" fill="#2f6fb0" />
      ))}
    </svg>
  );
}
