/**
 * The review as one HTML file: the form's items with 是/否, each problem with a crop of the
 * real page (rendered by pdf.js, the place boxed in red) embedded as a PNG.
 */
import { escapeHtml } from '../util/html.js';
import type { Review } from './review.js';
import type { PageRenderer } from './render.js';
import type { Finding } from '../check/finding.js';

/** `pages` draws the crops here (a renderer), or holds them drawn already (finding → PNG, from the crop child). */
export async function reviewHtml(review: Review, pages: PageRenderer | Map<Finding, Uint8Array> | undefined, options: { maxCrops?: number } = {}): Promise<string> {
  const renderer = pages instanceof Map ? undefined : pages;
  const { form, score, counts } = review;
  const max = options.maxCrops ?? 150;
  let crops = 0;
  const parts: string[] = [];
  for (const r of form.rows) {
    const items: string[] = [];
    for (const [i, p] of r.problems.entries()) {
      let img = '';
      const loc = p.finding.location;
      const drawn = pages instanceof Map ? pages.get(p.finding) : undefined;
      if (drawn) img = `<img alt="第${loc.page}页截图" src="data:image/png;base64,${Buffer.from(drawn).toString('base64')}">`;
      else if (renderer && loc.page !== undefined && crops < max) {
        try {
          const png = await renderer.crop({ page: loc.page, ...(loc.box ? { box: loc.box } : {}) });
          crops++;
          img = `<img alt="第${loc.page}页截图" src="data:image/png;base64,${png.toString('base64')}">`;
        } catch {
          img = '<p class="none">（该页无法绘制）</p>';
        }
      }
      items.push(`<li><p><b>${i + 1}.</b> ${escapeHtml(p.text)} <span class="rule">${escapeHtml(p.finding.rule)} · ${p.finding.severity === 'error' ? '错误' : '警告'}</span></p>${img}</li>`);
    }
    parts.push(`<tr><td>${escapeHtml(r.item.group)}</td><td>${escapeHtml(r.name)}</td><td class="${r.ok === '否' ? 'no' : 'yes'}">${r.ok}</td><td>${items.length ? `<ol>${items.join('')}</ol>` : ''}</td></tr>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(form.title)} · ${escapeHtml(form.entity)}</title>
<style>body{font-family:"Noto Sans CJK SC",sans-serif;margin:24px;max-width:1200px}table{border-collapse:collapse;width:100%}td,th{border:1px solid #999;padding:6px;vertical-align:top}
td.no{color:#c00;font-weight:bold;text-align:center}td.yes{text-align:center}ol{list-style:none;padding:0;margin:0}li{margin:0 0 12px}img{max-width:100%;border:1px solid #ccc;display:block;margin-top:4px}
.rule{color:#888;font-size:12px}.none{color:#888}</style></head><body>
<h1>${escapeHtml(form.title)}</h1><p>${escapeHtml(form.entityLabel)}：${escapeHtml(form.entity)}</p><p>公开网址：${escapeHtml(form.url ?? '')}</p>
<p>透明度得分 ${score.total}（完整性 ${score.completeness}/40，勾稽 ${score.identities}/25，说明与表格 ${score.narrative}/20，文字与页面 ${score.text}/15）；错误 ${counts.error}、警告 ${counts.warning}、提示 ${counts.info}（提示不列入检查表）</p>
<table><thead><tr><th colspan="2">检查内容</th><th>符合要求</th><th>问题截图</th></tr></thead><tbody>${parts.join('\n')}</tbody></table></body></html>
`;
}
