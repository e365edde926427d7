/**
 * A whole disclosure as one self-contained HTML page (works offline): cover, contents, the
 * narrative, charts, the nine tables with a 元/万元 switch, and the checker's findings marked on
 * the cells and sentences they concern.
 */
import type { BudgetDocument, NarrativeSection } from '../../model/document.js';
import type { MoneyUnit } from '../../model/money.js';
import { TABLE_NAMES } from '../../model/tables.js';
import type { Finding } from '../../check/finding.js';
import { FAMILY_NAMES, SEVERITY_NAMES } from '../../check/names.js';
import { coverParts, documentParts, paragraphDisplay } from '../text/layout.js';
import { DISCLOSURE_CSS } from './style.js';
import { escapeHtml } from '../../util/html.js';
import { tableHtml, type CellMark, type TableHtmlOptions } from './tables.js';
import { glossaryHtml, termAnchor } from './glossary.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { printsBand } from '../layout/grid.js';
import { nameFiller } from '../layout/names.js';
import { extraRows, extrasAfterParagraph, extrasAfterTable, placeExtras, untitled, type PlacedExtra } from '../layout/extras.js';

export interface DocumentHtmlOptions extends Omit<TableHtmlOptions, 'marks' | 'fillName' | 'band' | 'scope'> {
  /** Catalogs for names of rows the source printed without one (the document's own tables first). */
  catalogs?: CatalogSet;
  /** Page setup for print: A4 portrait (default), landscape, or A5. */
  page?: 'a4' | 'a4-landscape' | 'a5';
  /** Each table starts a new page when printed. */
  tablePerPage?: boolean;
  extraCss?: string;
  findings?: Finding[];
  charts?: { id: string; title: string; svg: string }[];
  /** Contents list and the 元/万元 switch (off for a page meant only to be printed or converted). */
  interactive?: boolean;
  /** Notes about the publication (a forced public edition), printed in a 发布说明 part. */
  publicationNotes?: string[];
}

const CSS = `
:root { --err: #c62828; --warn: #b26a00; --info: #1565c0; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif; font-size: 15px; line-height: 1.75; color: #111; max-width: 1100px; margin: 0 auto; padding: 0 16px 48px; }
.cover { text-align: center; margin: 48px 0 32px; }
.cover p.cover-title { font-size: 28px; font-weight: bold; }
.cover p.cover-label { text-align: left; }
nav.toc { border: 1px solid #ddd; padding: 8px 16px; margin: 16px 0; }
nav.toc ol { margin: 4px 0; padding-left: 1.5em; }
h2 { font-size: 20px; margin: 28px 0 8px; border-bottom: 2px solid #333; }
.switch { position: sticky; top: 0; background: #fff; padding: 6px 0; border-bottom: 1px solid #eee; z-index: 2; }
section.narrative p { text-align: justify; line-break: strict; word-break: normal; overflow-wrap: anywhere; }
section.narrative[data-kind="contents"] p { text-align: left; }
section.glossary dt { font-weight: bold; margin-top: 8px; } section.glossary dd { margin: 0 0 0 2em; }
th a.term { color: inherit; text-decoration: underline dotted; text-underline-offset: 3px; }
.nw { white-space: nowrap; }
h2, h3.table-title, .table-meta, p.sub { break-after: avoid; page-break-after: avoid; }
section.narrative p { orphans: 2; widows: 2; }
@media print {
  .switch, nav.toc { display: none; }
  body { max-width: none; padding: 0; font-size: 10.5pt; }
  /* Tables print on landscape pages, whole: no scrolling box to clip them, header rows repeated. */
  section.table { page: table; break-before: page; }
  .scroll { overflow: visible; }
  table.budget { font-size: 9pt; width: 100%; table-layout: auto; }
  table.budget th { white-space: normal; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; page-break-inside: avoid; }
  .charts { display: block; } .charts figure { break-inside: avoid; margin-bottom: 8px; }
  a.ref { display: none; }
}
@page table { size: 297mm 210mm; margin: 12mm 10mm; }
@media (max-width: 640px) {
  body { font-size: 14px; }
  table.budget { font-size: 12px; }
  /* On a phone the 科目 name stays in view while the amounts scroll sideways. */
  table.budget td.name { position: sticky; left: 0; background: #fff; z-index: 1; min-width: 7em; white-space: normal; }
  .switch { position: static; }
}
`;

/** Switches every amount between 元 and 万元, from the values each cell carries. */
const SCRIPT = `
document.querySelectorAll('input[name=unit]').forEach(function (r) {
  r.addEventListener('change', function () {
    var u = r.value;
    document.querySelectorAll('td[data-yuan]').forEach(function (td) { td.querySelector('.amt').textContent = td.getAttribute('data-' + u); });
    document.querySelectorAll('.unit-name').forEach(function (s) { s.textContent = u === 'wanyuan' ? '万元' : '元'; });
    document.querySelectorAll('[data-show-unit]').forEach(function (n) { n.hidden = n.getAttribute('data-show-unit') !== u; });
  });
});
`;

function coverHtml(c: ReturnType<typeof coverParts>): string {
  const label = c.label ? `<p class="cover-label">${escapeHtml(c.label)}</p>` : '';
  return `<div class="cover">${label}<p class="cover-title">${escapeHtml(c.title)}</p>${c.rest.map((l) => `<p>${escapeHtml(l)}</p>`).join('\n')}</div>`;
}

/** Findings that were marked somewhere on the page (their list entry links back). */
function markedNumbers(html: string): Set<number> {
  return new Set([...html.matchAll(/ id="m(\d+)"/g)].map((m) => Number(m[1])));
}

function pageCss(page: DocumentHtmlOptions['page']): string {
  if (page === 'a4-landscape') return '@page { size: 297mm 210mm; margin: 15mm; }';
  if (page === 'a5') return '@page { size: 148mm 210mm; margin: 10mm; }';
  return '@page { size: 210mm 297mm; margin: 20mm 18mm; }';
}

/** A finding's number in the list at the end of the page (1-based), by identity. */
type Numbers = Map<Finding, number>;

function cellMarks(findings: Finding[], numbers: Numbers): Map<string, Map<string, CellMark>> {
  const byTable = new Map<string, Map<string, CellMark>>();
  for (const f of findings) {
    for (const ref of f.location.cells ?? (f.location.table && f.location.row && f.location.column ? [{ table: f.location.table, row: f.location.row, column: f.location.column }] : [])) {
      const marks = byTable.get(ref.table) ?? new Map<string, CellMark>();
      const key = `${ref.row}|${ref.column}`;
      const m = marks.get(key) ?? { severity: f.severity, messages: [], numbers: [] };
      if (f.severity === 'error' || (f.severity === 'warning' && m.severity === 'info')) m.severity = f.severity;
      m.messages.push(f.message);
      m.numbers!.push(numbers.get(f)!);
      marks.set(key, m);
      byTable.set(ref.table, marks);
    }
  }
  return byTable;
}

const refLink = (n: number) => `<a class="ref" href="#f${n}" aria-label="校验结果第 ${n} 条">[${n}]</a>`;

const RANK = { error: 0, warning: 1, info: 2 } as const;

/**
 * A paragraph with the sentences findings quote marked. Quotes that overlap are marked as one
 * stretch, of the gravest severity among them, followed by links to each of their findings.
 */
/** Escaped text with a figure and its unit ("25780.13万元", "85%") kept on one line. */
function typeset(escaped: string): string {
  return escaped.replace(/\d[\d,.]*\s*(?:万元|亿元|元|%|％)/g, (m) => `<span class="nw">${m}</span>`);
}

function paragraphHtml(text: string, findings: Finding[], numbers: Numbers, section?: Pick<NarrativeSection, 'kind'>): string {
  const display = section ? paragraphDisplay(section, text) : { text, level: 0 };
  // A copied 目录 line loses its dot leaders and page number: the page's own contents list links instead.
  const shown = section?.kind === 'contents' ? display.text.replace(/\s*[.．…·。]{3,}\s*\d*\s*$/, '') : display.text;
  const open = display.subheading ? '<p class="sub">' : '<p>';
  const ranges = findings
    .map((f) => {
      const quote = (f.location.sentence ?? '').replace(/^…|…$/g, '');
      const start = quote ? shown.indexOf(quote) : -1;
      return { f, start, end: start + quote.length };
    })
    .filter((r) => r.start >= 0)
    .sort((a, b) => a.start - b.start);
  if (ranges.length === 0) return `${open}${typeset(escapeHtml(shown))}</p>`;
  const blocks: { start: number; end: number; findings: Finding[] }[] = [];
  for (const r of ranges) {
    const last = blocks[blocks.length - 1];
    if (last && r.start < last.end) {
      last.end = Math.max(last.end, r.end);
      last.findings.push(r.f);
    } else blocks.push({ start: r.start, end: r.end, findings: [r.f] });
  }
  let html = '';
  let at = 0;
  for (const b of blocks) {
    const severity = b.findings.map((f) => f.severity).sort((x, y) => RANK[x] - RANK[y])[0]!;
    const ns = b.findings.map((f) => numbers.get(f)!);
    html += typeset(escapeHtml(shown.slice(at, b.start)));
    html += `<mark class="finding ${severity}" id="m${ns[0]}" title="${escapeHtml(b.findings.map((f) => f.message).join('\n'))}" aria-describedby="${ns.map((n) => `f${n}`).join(' ')}">${escapeHtml(shown.slice(b.start, b.end))}</mark>${ns.map(refLink).join('')}`;
    at = b.end;
  }
  return `${open}${html}${typeset(escapeHtml(shown.slice(at)))}</p>`;
}

/** A table with no standard counterpart, as it was read (cells as printed). */
export function extraTableHtml(p: PlacedExtra): string {
  const { header, body } = extraRows(p.extra);
  const row = (cells: string[], tag: 'th' | 'td') => `<tr>${cells.map((c) => `<${tag}${tag === 'th' ? ' scope="col"' : ''}>${escapeHtml(c)}</${tag}>`).join('')}</tr>`;
  const title = untitled(p.extra) ? '' : `<h3 class="table-title">${escapeHtml(p.extra.title)}</h3>`;
  return `<section class="table extra" id="extra-${p.n}">${title}<div class="scroll" tabindex="0" role="region" aria-label="${escapeHtml(p.extra.title || '表格')}（可左右滚动）"><table class="budget extra">${header.length ? `<thead>${header.map((r) => row(r, 'th')).join('')}</thead>` : ''}<tbody>${body.map((r) => row(r, 'td')).join('')}</tbody></table></div></section>`;
}

function sectionHtml(s: NarrativeSection, i: number, findings: Finding[], numbers: Numbers, extras: PlacedExtra[] = []): string {
  const mine = findings.filter((f) => f.location.section === s.heading);
  const head = s.heading ? `<h2 id="s${i}">${escapeHtml(s.heading)}</h2>` : '';
  const paragraphs = s.paragraphs.map((p, j) => paragraphHtml(p.text, mine, numbers, s) + extrasAfterParagraph(extras, s, j).map(extraTableHtml).join(''));
  return `<section class="narrative" data-kind="${escapeHtml(s.kind)}">${head}\n${paragraphs.join('\n')}</section>`;
}

/** Where a finding is, as a reader would say it. */
function placeText(f: Finding): string {
  const l = f.location;
  const at = [l.tableTitle ? `《${l.tableTitle}》` : '', l.rowLabel ?? (l.row && l.row !== 'budget' ? l.row : ''), l.section ? `“${l.section}”` : '', l.page ? `第 ${l.page} 页` : '', l.line ? `第 ${l.line} 行` : ''].filter(Boolean);
  return at.join(' ');
}

function findingsHtml(findings: Finding[], numbers: Numbers, marked: Set<number>): string {
  if (findings.length === 0) return '<section id="findings"><h2>校验结果</h2><p>未发现问题。</p></section>';
  const items = findings.map((f) => {
    const n = numbers.get(f)!;
    const back = marked.has(n) ? ` <a href="#m${n}">查看位置</a>` : '';
    const where = placeText(f);
    return `<li id="f${n}" class="sev-${f.severity}">【${SEVERITY_NAMES[f.severity]}·${FAMILY_NAMES[f.family]}】${escapeHtml(f.message)}${where ? `<span class="where">（${escapeHtml(where)}）</span>` : ''}${back}</li>`;
  });
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return `<section id="findings"><h2>校验结果（错误 ${count('error')} 条、警告 ${count('warning')} 条、提示 ${count('info')} 条）</h2><ol class="findings">${items.join('')}</ol></section>`;
}

/** The page's parts as HTML, each drawn once here: the published page and the web app's document page both put them together. */
export interface DocumentHtmlParts {
  cover: string;
  /** Items of the contents list (`<li>`…). */
  toc: string[];
  narrative: string;
  charts: string;
  tables: string;
  after: string;
  findings: string;
  /** 发布说明: how the document was published (empty unless forced). */
  publication: string;
}

export function documentHtmlParts(doc: BudgetDocument, options: DocumentHtmlOptions = {}): DocumentHtmlParts {
  const parts = documentParts(doc);
  const findings = options.findings ?? [];
  const numbers: Numbers = new Map(findings.map((f, i) => [f, i + 1]));
  const interactive = options.interactive ?? true;
  const marks = cellMarks(findings, numbers);
  const unit: MoneyUnit | undefined = options.unit;
  const before = parts.before.filter((s) => s.kind !== 'cover');
  const extras = placeExtras(doc.extraTables, parts);
  const fillName = nameFiller(doc, options.catalogs);
  const band = printsBand(doc.meta);
  const tables = parts.tables.map(({ table, notes }, i) => {
    const breakBefore = options.tablePerPage ? ' style="page-break-before: always"' : '';
    const t = table;
    const tableMarks = marks.get(table.id);
    const after = extrasAfterTable(extras, i, i === parts.tables.length - 1).map(extraTableHtml).join('');
    return `<div${breakBefore}>${tableHtml(t, { ...options, plain: !interactive, unit: unit ?? table.unit, fillName, band, scope: doc.meta.scope, ...(tableMarks ? { marks: tableMarks } : {}) })}${notes.map((n) => n.paragraphs.map((p) => paragraphHtml(p.text, findings, numbers)).join('')).join('')}</div>${after}`;
  });
  if (parts.tables.length === 0) tables.push(extras.filter((p) => 'end' in p.place).map(extraTableHtml).join(''));
  const extraItems = (list: PlacedExtra[]) => list.filter((p) => !untitled(p.extra)).map((p) => `<li><a href="#extra-${p.n}">${escapeHtml(p.extra.title)}</a></li>`);
  const sectionItems = (s: NarrativeSection) => {
    const items = extraItems(extras.filter((p) => 'section' in p.place && p.place.section === s));
    return items.length ? `<ol>${items.join('')}</ol>` : '';
  };
  const toc = [
    ...before.map((s, i) => `<li><a href="#s${i}">${escapeHtml(s.heading)}</a>${sectionItems(s)}</li>`),
    ...(options.charts?.length ? ['<li><a href="#charts">图表</a></li>'] : []),
    `<li><a href="#tables">预算表</a><ol>${parts.tables.map(({ table }, i) => `<li><a href="#table-${escapeHtml(table.id)}">${escapeHtml(table.title || TABLE_NAMES[table.id])}</a></li>${extraItems(extrasAfterTable(extras, i, i === parts.tables.length - 1)).join('')}`).join('')}${parts.tables.length ? '' : extraItems(extras.filter((p) => 'end' in p.place)).join('')}</ol></li>`,
    ...parts.after.map((s, i) => `<li><a href="#s${before.length + i}">${escapeHtml(s.heading)}</a>${sectionItems(s)}</li>`),
    ...(options.findings ? ['<li><a href="#findings">校验结果</a></li>'] : []),
    ...(options.publicationNotes?.length ? ['<li><a href="#publication">发布说明</a></li>'] : []),
  ];
  const charts = options.charts?.length
    ? `<section id="charts"><h2>图表</h2><div class="charts">${options.charts.map((c) => `<figure id="chart-${escapeHtml(c.id)}" aria-label="${escapeHtml(c.title)}">${c.svg}</figure>`).join('')}</div></section>`
    : '';
  const after = parts.after.map((s, i) => sectionHtml(s, before.length + i, findings, numbers, extras)).join('\n');
  const narrativeBefore = before.map((s, i) => sectionHtml(s, i, findings, numbers, extras)).join('\n');
  const body = narrativeBefore + tables.join('') + after;
  // A finding on several cells or sentences: the first one carries its anchor.
  const seen = new Set<string>();
  const unique = (html: string) => html.replace(/ id="(m\d+)"/g, (all, id: string) => (seen.has(id) ? '' : (seen.add(id), all)));
  const [narrativeHtml, tablesHtml, afterHtml] = [unique(narrativeBefore), unique(tables.join('\n')), unique(after)];
  return {
    cover: coverHtml(coverParts(doc)),
    toc,
    narrative: narrativeHtml,
    charts,
    tables: tablesHtml,
    after: afterHtml,
    findings: options.findings ? findingsHtml(findings, numbers, markedNumbers(body)) : '',
    publication: options.publicationNotes?.length ? `<section id="publication" class="publication"><h2>发布说明</h2>${options.publicationNotes.map((n) => `<p>${escapeHtml(n)}</p>`).join('')}</section>` : '',
  };
}

export function documentHtml(doc: BudgetDocument, options: DocumentHtmlOptions = {}): string {
  const interactive = options.interactive ?? true;
  // Header words link to the page's own 术语说明 (it works offline); a page for converters has neither.
  const p = documentHtmlParts(doc, interactive ? { termHref: termAnchor, ...options } : options);
  const glossary = interactive ? glossaryHtml() : '';
  return `<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(doc.meta.title)}</title>
<style>${pageCss(options.page)}${CSS}${DISCLOSURE_CSS}${options.extraCss ?? ''}</style></head>
<body>
${p.cover}
${interactive ? `<nav class="toc" aria-label="目录"><strong>目录</strong><ol>${p.toc.join('')}<li><a href="#glossary">术语说明</a></li></ol></nav>` : ''}
${p.narrative}
${p.charts}
<section id="tables">${interactive ? '<div class="switch" role="radiogroup" aria-label="金额单位">金额单位：<label><input type="radio" name="unit" value="yuan" checked> 元</label> <label><input type="radio" name="unit" value="wanyuan"> 万元</label></div>' : ''}
${p.tables}</section>
${p.after}
${p.findings}
${p.publication}
${glossary}
${interactive ? `<script>${SCRIPT}</script>` : ''}
</body></html>
`;
}
