/**
 * A whole disclosure as one HTML page: cover, narrative parts and the nine tables in the order
 * the documents print them. Self-contained (inline style), so it also feeds office converters.
 */
import type { BudgetDocument, NarrativeSection } from '../../model/document.js';
import type { MoneyUnit } from '../../model/money.js';
import { coverLines, documentParts } from '../text/layout.js';
import { escapeHtml, tableHtml, type TableHtmlOptions } from './tables.js';

export interface DocumentHtmlOptions extends TableHtmlOptions {
  /** Page setup for print: A4 portrait (default), landscape, or A5 (tables break across pages). */
  page?: 'a4' | 'a4-landscape' | 'a5';
  /** Each table starts a new page. */
  tablePerPage?: boolean;
  extraCss?: string;
}

const CSS = `
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 10.5pt; line-height: 1.6; color: #111; }
.cover { text-align: center; margin: 4em 0; }
.cover p:first-child { font-size: 20pt; font-weight: bold; }
h2 { font-size: 14pt; margin: 1.2em 0 0.4em; }
h3.table-title { font-size: 12pt; text-align: center; margin: 1em 0 0.3em; }
.table-meta { display: flex; justify-content: space-between; margin: 0; font-size: 9pt; }
.table-meta span + span { float: right; }
table.budget { border-collapse: collapse; width: 100%; font-size: 9pt; }
table.budget th, table.budget td { border: 0.5pt solid #333; padding: 2pt 4pt; }
table.budget th { background: #f0f0f0; font-weight: bold; text-align: center; }
td.num { text-align: right; white-space: nowrap; }
td.code { text-align: center; white-space: nowrap; }
td.name.level1 { padding-left: 1em; } td.name.level2 { padding-left: 2em; }
tr.total td { font-weight: bold; }
.table-note { font-size: 9pt; }
`;

function sectionHtml(s: NarrativeSection): string {
  const head = s.heading ? `<h2>${escapeHtml(s.heading)}</h2>` : '';
  return `${head}\n${s.paragraphs.map((p) => `<p>${escapeHtml(p.text)}</p>`).join('\n')}`;
}

function pageCss(page: DocumentHtmlOptions['page']): string {
  if (page === 'a4-landscape') return '@page { size: 297mm 210mm; margin: 15mm; }';
  if (page === 'a5') return '@page { size: 148mm 210mm; margin: 10mm; }';
  return '@page { size: 210mm 297mm; margin: 20mm 18mm; }';
}

export function documentHtml(doc: BudgetDocument, options: DocumentHtmlOptions = {}): string {
  const parts = documentParts(doc);
  const unit: MoneyUnit | undefined = options.unit;
  const tables = parts.tables.map(({ table, notes }) => {
    const breakBefore = options.tablePerPage ? ' style="page-break-before: always"' : '';
    const t = unit ? { ...table, unit } : table;
    return `<div${breakBefore}>${tableHtml(t, { ...options, unit: unit ?? table.unit })}${notes.map((n) => n.paragraphs.map((p) => `<p>${escapeHtml(p.text)}</p>`).join('')).join('')}</div>`;
  });
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escapeHtml(doc.meta.title)}</title>
<style>${pageCss(options.page)}${CSS}${options.extraCss ?? ''}</style></head>
<body>
<div class="cover">${coverLines(doc).map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}</div>
${parts.before.filter((s) => s.kind !== 'cover').map(sectionHtml).join('\n')}
${tables.join('\n')}
${parts.after.map(sectionHtml).join('\n')}
</body></html>
`;
}
