/**
 * A disclosure as a printed PDF (pdfkit): A4, the Chinese font embedded as a subset, the
 * narrative in portrait, the nine tables on landscape pages from the shared grid layout with
 * their headers repeated when a table breaks across pages, charts, page numbers, bookmarks,
 * selectable text. Re-reading it with the PDF importer gives the same cells.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { BudgetDocument, BudgetTable, NarrativeSection } from '../../model/document.js';
import type { MoneyUnit } from '../../model/money.js';
import { coverParts, documentParts, paragraphDisplay } from '../text/layout.js';
import { preparerWord, printsBand, tableGrid, type TableGrid } from '../layout/grid.js';
import { nameFiller, type NameFill } from '../layout/names.js';
import { extraRows, extrasAfterParagraph, extrasAfterTable, placeExtras, untitled, type PlacedExtra } from '../layout/extras.js';
import { roundingNotes } from '../html/tables.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { registerCjkFonts, uniqueSubsetTags } from './fonts.js';

export interface PdfOptions {
  unit?: MoneyUnit;
  /** Charts printed after the 编制说明 (SVG strings from publish/charts). */
  charts?: { title: string; svg: string }[];
  /** Notes about the publication (a forced public edition): a 发布说明 part at the end, and the Keywords. */
  publicationNotes?: string[];
  /** Catalogs for names of rows the source printed without one. */
  catalogs?: CatalogSet;
}

/** What a table section needs from the whole document. */
interface TableContext {
  fillName: NameFill;
  band: boolean;
  scope: 'department' | 'unit';
  extras: PlacedExtra[];
}

type Doc = PDFKit.PDFDocument;

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MARGIN = 56;
const TABLE_MARGIN = 36;
const TABLE_FONT = 9;
const ROW = 17;
const BODY_FONT = 10.5;

/**
 * OpenType shaping of a CJK font (its GSUB/GPOS tables are huge) is most of pdfkit's time and
 * changes nothing for Chinese text and figures, so every text call turns the default features off.
 */
const PLAIN: PDFKit.Mixins.TextOptions['features'] = Object.fromEntries(
  ['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'vert', 'palt'].map((f) => [f, false]),
) as unknown as PDFKit.Mixins.TextOptions['features'];

const pageBottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

function portrait(doc: Doc): void {
  doc.addPage({ size: 'A4', layout: 'portrait', margin: MARGIN });
}

function landscape(doc: Doc): void {
  doc.addPage({ size: 'A4', layout: 'landscape', margin: TABLE_MARGIN });
}

/** The cover: an attachment label ("附件1") small at the top left, the title large, the rest below it. */
function cover(doc: Doc, parts: ReturnType<typeof coverParts>): void {
  const width = doc.page.width - MARGIN * 2;
  if (parts.label) doc.font('regular').fontSize(14).text(parts.label, MARGIN, MARGIN, { features: PLAIN });
  doc.y = doc.page.height * 0.3;
  [parts.title, ...parts.rest].forEach((l, i) => {
    doc.font(i === 0 ? 'bold' : 'regular').fontSize(i === 0 ? 26 : 15);
    doc.text(l, MARGIN, doc.y, { align: 'center', width, features: PLAIN });
    doc.moveDown(i === 0 ? 2.5 : 0.8);
  });
}

function heading(doc: Doc, s: NarrativeSection): void {
  if (doc.y > pageBottom(doc) - 90) portrait(doc);
  doc.moveDown(0.6);
  const numbered = s.kind === 'project' || /^[一二三四五六七八九十]+、|^\d+[、.]/.test(s.heading);
  doc.font('bold').fontSize(numbered ? 12.5 : 15).text(s.heading, MARGIN, doc.y, { align: numbered ? 'left' : 'center', width: doc.page.width - MARGIN * 2, features: PLAIN });
  doc.moveDown(0.4);
}

/** A narrative part; `left` is the page's text margin (table notes sit at the table's margin). */
function section(doc: Doc, s: NarrativeSection, outline?: PDFKit.PDFOutline, left = MARGIN, extras: PlacedExtra[] = []): void {
  let item: PDFKit.PDFOutline | undefined;
  if (s.heading) {
    heading(doc, s);
    item = outline?.addItem(s.heading);
  }
  doc.font('regular').fontSize(BODY_FONT);
  s.paragraphs.forEach((p, j) => {
    const width = doc.page.width - left * 2;
    const { text, level, subheading } = paragraphDisplay(s, p.text);
    const inset = level * 21;
    doc.font(subheading ? 'bold' : 'regular').fontSize(BODY_FONT);
    doc.text(text, left + inset, doc.y, { width: width - inset, indent: 21, lineGap: 4, paragraphGap: 5, features: PLAIN });
    for (const x of extrasAfterParagraph(extras, s, j)) extraTable(doc, x, item ?? outline, left);
  });
}

/** Height of a wrapped cell text at `size` in a column of width `w`. */
function wrappedHeight(doc: Doc, text: string, w: number, size: number): number {
  if (!text) return size;
  return doc.font('regular').fontSize(size).heightOfString(text, { width: w - 6, features: PLAIN });
}

/**
 * A table with no standard counterpart, as read: its title, then its rows with words wrapped in
 * their cells; header rows repeat on a new page, "（续表）" after the title.
 */
function extraTable(doc: Doc, p: PlacedExtra, outline: PDFKit.PDFOutline | undefined, left: number): void {
  const { header, body, width: n } = extraRows(p.extra);
  const size = 9;
  const width = doc.page.width - left * 2;
  const longest = Array.from({ length: n }, (_, c) => Math.min(24, Math.max(2, ...[...header, ...body].map((r) => (r[c] ?? '').length))));
  const total = longest.reduce((a, b) => a + b, 0);
  const widths = longest.map((l) => (l / total) * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const title = untitled(p.extra) ? '' : p.extra.title;
  const rowHeight = (r: string[]) => Math.max(ROW, ...r.map((c, i) => wrappedHeight(doc, c, widths[i]!, size) + 6));
  const drawRows = (rows: string[][], y: number, shade: boolean): number => {
    for (const r of rows) {
      const h = rowHeight(r);
      r.forEach((c, i) => {
        doc.lineWidth(0.5);
        if (shade) doc.rect(xs[i]!, y, widths[i]!, h).fillAndStroke('#eeeeee', '#333333');
        else doc.rect(xs[i]!, y, widths[i]!, h).strokeColor('#333333').stroke();
        doc.fillColor('#000000').font(shade ? 'bold' : 'regular').fontSize(size);
        if (c) doc.text(c, xs[i]! + 3, y + 3, { width: widths[i]! - 6, features: PLAIN });
      });
      y += h;
    }
    return y;
  };
  const headHeight = header.reduce((a, r) => a + rowHeight(r), 0);
  const firstRow = body[0] ? rowHeight(body[0]) : 0;
  // Keep the title with the header and a few rows.
  const need = (title ? 30 : 0) + headHeight + Math.min(3, body.length) * (firstRow || ROW);
  if (doc.y + need > pageBottom(doc)) sameOrientation(doc);
  if (title) {
    outline?.addItem(title);
    doc.font('bold').fontSize(12).text(title, left, doc.y + 6, { align: 'center', width, features: PLAIN });
    doc.moveDown(0.3);
  }
  let y = drawRows(header, doc.y, true);
  for (const r of body) {
    const h = rowHeight(r);
    if (y + h > pageBottom(doc) - 10) {
      sameOrientation(doc);
      y = doc.page.margins.top;
      if (title) {
        doc.font('bold').fontSize(10.5).text(`${title}（续表）`, left, y, { align: 'center', width, features: PLAIN });
        y = doc.y + 4;
      }
      y = drawRows(header, y, true);
    }
    y = drawRows([r], y, false);
  }
  doc.x = left;
  doc.y = y + 10;
}

/** Parts that sit under 其他相关情况说明 or 项目情况 in the bookmarks. */
const SUB_KINDS: NarrativeSection['kind'][] = ['three-public', 'office-operation', 'procurement', 'performance', 'assets', 'project'];

/** The outline item added last under `outline` (pdfkit keeps them in `children`). */
function lastItem(outline: PDFKit.PDFOutline): PDFKit.PDFOutline | undefined {
  const children = (outline as unknown as { children: PDFKit.PDFOutline[] }).children;
  return children[children.length - 1];
}

/** A new page in the orientation of the current one. */
function sameOrientation(doc: Doc): void {
  if (doc.page.width > doc.page.height) landscape(doc);
  else portrait(doc);
}

function columnWidths(grid: TableGrid, width: number): number[] {
  const total = grid.columns.reduce((s, c) => s + c.width, 0);
  return grid.columns.map((c) => (c.width / total) * width);
}

/** Text in a cell, shrunk (never wrapped) until it fits: a row stays one printed line. */
function cellText(doc: Doc, text: string, x: number, y: number, w: number, h: number, align: 'left' | 'center' | 'right', bold: boolean, indent = 0): void {
  if (!text) return;
  doc.font(bold ? 'bold' : 'regular');
  let size = TABLE_FONT;
  const room = w - 6 - indent;
  let tw = doc.fontSize(size).widthOfString(text, { features: PLAIN });
  if (tw > room) {
    size = Math.max(5, Math.floor((size * room) / tw * 2) / 2);
    tw = doc.fontSize(size).widthOfString(text, { features: PLAIN });
  }
  const tx = align === 'right' ? x + w - 3 - tw : align === 'center' ? x + (w - tw) / 2 : x + 3 + indent;
  doc.text(text, tx, y + (h - size) / 2 - 1, { lineBreak: false, features: PLAIN });
}

function drawHeader(doc: Doc, grid: TableGrid, xs: number[], widths: number[], top: number): number {
  doc.lineWidth(0.5);
  for (const c of grid.header) {
    const x = xs[c.col]!;
    const w = widths.slice(c.col, c.col + c.colspan).reduce((a, b) => a + b, 0);
    const y = top + c.row * ROW;
    const hh = c.rowspan * ROW;
    doc.rect(x, y, w, hh).fillAndStroke('#eeeeee', '#333333');
    doc.fillColor('#000000');
    cellText(doc, c.text, x, y, w, hh, 'center', true);
  }
  return top + ROW * grid.headerRows;
}

function drawRow(doc: Doc, grid: TableGrid, row: TableGrid['body'][number], xs: number[], widths: number[], y: number): void {
  doc.lineWidth(0.5).strokeColor('#333333');
  row.cells.forEach((c, i) => {
    doc.rect(xs[i]!, y, widths[i]!, ROW).stroke();
    doc.fillColor('#000000');
    cellText(doc, c.text, xs[i]!, y, widths[i]!, ROW, grid.columns[i]!.align, row.total, (c.level ?? 0) * 9);
  });
}

function tableSection(doc: Doc, t: BudgetTable, options: PdfOptions, outlineOf: () => PDFKit.PDFOutline, ctx: TableContext): void {
  const grid = tableGrid(t, { ...(options.unit ? { unit: options.unit } : {}), zeros: true, fillName: ctx.fillName, band: ctx.band });
  landscape(doc);
  const width = doc.page.width - TABLE_MARGIN * 2;
  outlineOf().addItem(t.title);
  const unitText = `单位：${grid.unit === 'wanyuan' ? '万元' : '元'}`;
  /** Title, preparer and unit: on the first page and again, smaller, on the next ones. */
  const top = (continued: boolean): number => {
    // The title again on a continuation page (the PDF reader joins a repeated title to its table; "（续表）" would end it).
    doc.font('bold').fontSize(continued ? 11 : 15).text(t.title, TABLE_MARGIN, TABLE_MARGIN, { align: 'center', width, features: PLAIN });
    doc.moveDown(continued ? 0.3 : 0.6);
    const metaY = doc.y;
    doc.font('regular').fontSize(9);
    if (t.preparer) doc.text(`${preparerWord(ctx.scope)}：${t.preparer}`, TABLE_MARGIN, metaY, { lineBreak: false, features: PLAIN });
    doc.text(unitText, TABLE_MARGIN + width - doc.widthOfString(unitText, { features: PLAIN }), metaY, { lineBreak: false, features: PLAIN });
    return metaY + 16;
  };
  const widths = columnWidths(grid, width);
  const xs = widths.map((_, i) => TABLE_MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  let y = drawHeader(doc, grid, xs, widths, top(false));
  const n = grid.body.length;
  /** Rows this page takes from row i on: a continuation page gets at least three rows, never the 合计 alone. */
  const roomFrom = (i: number): number => {
    const room = Math.max(1, Math.floor((pageBottom(doc) - 10 - y) / ROW));
    const rest = n - i;
    return rest > room && rest - room < 3 && room - (3 - (rest - room)) >= 1 ? room - (3 - (rest - room)) : room;
  };
  let room = roomFrom(0);
  grid.body.forEach((row, i) => {
    // Keep-with-next: a 类 row is not left at a page foot without at least two of its rows.
    const keep = /^\d{3}$/.test(row.key) && i > 0 ? Math.min(3, n - i) : 1;
    if (room < keep) {
      landscape(doc);
      y = drawHeader(doc, grid, xs, widths, top(true));
      room = roomFrom(i);
    }
    drawRow(doc, grid, row, xs, widths, y);
    y += ROW;
    room--;
  });
  doc.y = y + 8;
  const notes = [t.note, grid.filledNote, ...roundingNotes(t).filter((n) => n.unit === grid.unit).map((n) => n.text)].filter((n): n is string => Boolean(n));
  for (const n of notes) doc.font('regular').fontSize(9).text(n, TABLE_MARGIN, doc.y, { width, features: PLAIN });
}

/** The SVG's own size, from its width and height attributes. */
function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="([\d.]+)/.exec(svg);
  const h = /<svg[^>]*\sheight="([\d.]+)/.exec(svg);
  return { width: Number(w?.[1] ?? 800), height: Number(h?.[1] ?? 400) };
}

function chartsSection(doc: Doc, charts: { title: string; svg: string }[], outline: PDFKit.PDFOutline): void {
  portrait(doc);
  const item = outline.addItem('图表');
  doc.font('bold').fontSize(15).text('图表', MARGIN, MARGIN, { align: 'center', width: doc.page.width - MARGIN * 2, features: PLAIN });
  doc.moveDown(0.6);
  const width = doc.page.width - MARGIN * 2;
  for (const c of charts) {
    const size = svgSize(c.svg);
    const height = (width * size.height) / size.width;
    if (doc.y + height > pageBottom(doc)) portrait(doc);
    item.addItem(c.title);
    SVGtoPDF(doc, c.svg, MARGIN, doc.y, { width, height, preserveAspectRatio: 'xMinYMin meet', fontCallback: () => 'regular' });
    doc.y += height + 16;
  }
}

/** Page numbers last, on every page but the cover: "第 N 页". */
function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start + 1; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const text = `第 ${i + 1} 页`;
    doc.font('regular').fontSize(9);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, (doc.page.width - doc.widthOfString(text, { features: PLAIN })) / 2, doc.page.height - 26, { lineBreak: false, features: PLAIN });
    doc.page.margins.bottom = bottom;
  }
}

export async function documentPdf(doc: BudgetDocument, options: PdfOptions = {}): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: doc.meta.title, Author: doc.meta.entity.name, Subject: `${doc.meta.entity.name}${doc.meta.year}年${doc.meta.scope === 'department' ? '部门' : '单位'}预算`, Creator: 'budgetbook', Producer: 'budgetbook', ...(options.publicationNotes?.length ? { Keywords: '强制发布：校验错误未改正' } : {}), CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  await registerCjkFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(uniqueSubsetTags(new Uint8Array(Buffer.concat(chunks)))));
    pdf.on('error', reject);
  });
  const parts = documentParts(doc);
  const root = pdf.outline;
  cover(pdf, coverParts(doc));
  portrait(pdf);
  const placedBefore = placeExtras(doc.extraTables, parts);
  for (const s of parts.before.filter((x) => x.kind !== 'cover')) {
    section(pdf, s, root, MARGIN, placedBefore);
    if (s.kind === 'contents') portrait(pdf);
  }
  if (options.charts?.length) chartsSection(pdf, options.charts, root);
  const extras = placeExtras(doc.extraTables, parts);
  const ctx: TableContext = { fillName: nameFiller(doc, options.catalogs), band: printsBand(doc.meta), scope: doc.meta.scope, extras };
  // The 预算表 bookmark is made on the first table's page (not on the page before it).
  let tablesItem: PDFKit.PDFOutline | undefined;
  const tablesOutline = () => (tablesItem ??= root.addItem('预算表'));
  parts.tables.forEach(({ table, notes }, i) => {
    tableSection(pdf, table, options, tablesOutline, ctx);
    const tables = tablesOutline();
    for (const n of notes) section(pdf, { ...n, heading: '' }, undefined, TABLE_MARGIN);
    for (const x of extrasAfterTable(extras, i, i === parts.tables.length - 1)) {
      if (!untitled(x.extra)) landscape(pdf);
      extraTable(pdf, x, tables, TABLE_MARGIN);
    }
  });
  if (parts.tables.length === 0) for (const x of extras.filter((p) => 'end' in p.place)) extraTable(pdf, x, root, MARGIN);
  if (parts.after.length) portrait(pdf);
  // Nested bookmarks: the parts of 其他相关情况说明 (一、…五、) and the projects under their heading.
  let parent: PDFKit.PDFOutline | undefined;
  for (const s of parts.after) {
    const sub = parent && SUB_KINDS.includes(s.kind);
    if (!sub) parent = undefined;
    section(pdf, s, sub ? parent : root, MARGIN, extras);
    if ((s.kind === 'other-info' || s.kind === 'projects') && s.heading) parent = lastItem(root);
  }
  if (options.publicationNotes?.length) {
    portrait(pdf);
    section(pdf, { heading: '发布说明', kind: 'other', paragraphs: options.publicationNotes.map((text) => ({ text })) }, root);
  }
  pageNumbers(pdf);
  pdf.end();
  return done;
}
