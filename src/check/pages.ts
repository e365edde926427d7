/**
 * The printed page (PDF documents, from `doc.pages`): pages left blank or nearly so, text that
 * does not display (glyphs with no character behind them, fonts without a usable ToUnicode map,
 * private-use or replacement characters), and text placed beyond the page box (a table cut off
 * at the edge). Each finding names the page, the line on it and the visible extent.
 */
import type { DocumentPage } from '../model/document.js';
import type { CheckContext, Rule } from './context.js';
import type { Finding } from './finding.js';

/** Pages that are meant to carry little: a part's title page ("第二部分 预算表", "附件"). */
const DIVIDER = /^(第[一二三四五六七八九十]+部分|附件|附表|[一二三四五六七八九十]+、|目\s*录)/;

/** The page's line (1-based, as a reader counts) nearest a point. */
function lineAt(p: DocumentPage, y: number): number | undefined {
  let best: number | undefined;
  let dist = Infinity;
  p.lines.forEach(([, ly, , , h], i) => {
    const d = Math.abs(ly + h / 2 - y);
    if (d < dist) {
      dist = d;
      best = i + 1;
    }
  });
  return best;
}

function blank(ctx: CheckContext): Finding[] {
  const pages = ctx.doc.pages ?? [];
  const out: Finding[] = [];
  for (const p of pages) {
    if (p.images && p.images > 0) continue; // a scanned page: the importer's note says so
    const prev = pages[p.number - 2];
    const after = prev ? `（前一页：“${prev.sample.slice(0, 20)}”）` : '';
    if (p.chars === 0) {
      out.push({ rule: 'page.blank', family: 'page', severity: 'warning', message: `第 ${p.number} 页是空白页${after}，请删去`, location: { page: p.number, box: { x0: 0, y0: 0, x1: p.width, y1: p.height } } });
    } else if (p.chars <= 6 && p.number > 1 && p.number < pages.length && !DIVIDER.test(p.sample)) {
      out.push({ rule: 'page.blank', family: 'page', severity: 'warning', message: `第 ${p.number} 页几乎空白，只有“${p.sample}”${after}，请删去或并入前后页`, location: { page: p.number, pageLine: 1, sentence: p.sample, ...(p.extent ? { box: { x0: p.extent.x0, y0: p.extent.y0, x1: p.extent.x1, y1: p.extent.y1 } } : {}) } });
    }
  }
  return out;
}

function undisplayable(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.doc.pages ?? []) {
    const runs = p.undisplayable ?? [];
    if (runs.length === 0) continue;
    const count = Math.max(p.glyphsWithoutText ?? 0, runs.reduce((n, r) => n + r.count, 0));
    const first = runs[0]!;
    const fonts = p.fontsWithoutUnicode?.length ? `，字体 ${p.fontsWithoutUnicode.join('、')} 缺少可用的 ToUnicode 映射` : '';
    const x0 = Math.min(...runs.map((r) => r.x0));
    const x1 = Math.max(...runs.map((r) => r.x1));
    const y0 = Math.min(...runs.map((r) => r.y));
    const y1 = Math.max(...runs.map((r) => r.y + r.height));
    const line = lineAt(p, first.y + first.height / 2);
    out.push({
      rule: 'page.undisplayable',
      family: 'page',
      severity: 'error',
      message: `第 ${p.number} 页有 ${count} 个字形没有对应的文字（显示为空白或方框，无法复制与检索${fonts}），位于第 ${line ?? '?'} 行起、${runs.length} 处，如“${first.text.slice(0, 20)}”；请用嵌入完整字体、保留文字映射的方式重新导出 PDF`,
      location: { page: p.number, ...(line ? { pageLine: line } : {}), sentence: first.text.slice(0, 40), box: { x0, y0, x1, y1 } },
      actual: String(count),
      unit: '个',
    });
  }
  return out;
}

function beyond(ctx: CheckContext): Finding[] {
  const out: Finding[] = [];
  for (const p of ctx.doc.pages ?? []) {
    const runs = p.beyond ?? [];
    if (runs.length === 0) continue;
    const side = (r: (typeof runs)[number]) => (r.x1 > p.width ? '右边缘' : r.x0 < 0 ? '左边缘' : r.y < 0 ? '上边缘' : '下边缘');
    const first = runs[0]!;
    const x0 = Math.max(0, Math.min(...runs.map((r) => r.x0)));
    const x1 = Math.min(p.width, Math.max(...runs.map((r) => r.x1)));
    const y0 = Math.max(0, Math.min(...runs.map((r) => r.y)));
    const y1 = Math.min(p.height, Math.max(...runs.map((r) => r.y + r.height)));
    out.push({
      rule: 'page.cut-off',
      family: 'page',
      severity: 'error',
      message: `第 ${p.number} 页有 ${runs.length} 行文字超出页面${side(first)}，打印和显示时被截去，如“${first.text.slice(0, 30)}”；请调整版面（缩放或分页）后重新导出`,
      location: { page: p.number, sentence: first.text.slice(0, 40), box: { x0, y0, x1, y1 }, ...(lineAt(p, Math.max(0, first.y)) ? { pageLine: lineAt(p, Math.max(0, first.y))! } : {}) },
    });
  }
  return out;
}

export const pageRules: Rule[] = [
  { id: 'page.blank', family: 'page', title: '无空白页或几乎空白的页', run: blank },
  { id: 'page.undisplayable', family: 'page', title: '每个字形都有对应的文字（字体有可用的 ToUnicode）', run: undisplayable },
  { id: 'page.cut-off', family: 'page', title: '文字与表格不超出页面', run: beyond },
];
