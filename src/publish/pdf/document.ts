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
import { tableGrid, type TableGrid } from '../layout/grid.js';
import { registerCjkFonts, uniqueSubsetTags } from './fonts.js';

export interface PdfOptions {
  unit?: MoneyUnit;
  /** Charts printed after the 编制说明 (SVG strings from publish/charts). */
  charts?: { title: string; svg: string }[];
}

type Doc = PDFKit.PDFDocument;

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MARGIN = 56;
const TABLE_MARGIN = 36;
const TABLE_FONT = 8.5;
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
function section(doc: Doc, s: NarrativeSection, outline?: PDFKit.PDFOutline, left = MARGIN): void {
  if (s.heading) {
    heading(doc, s);
    outline?.addItem(s.heading);
  }
  doc.font('regular').fontSize(BODY_FONT);
  const width = doc.page.width - left * 2;
  for (const p of s.paragraphs) {
    const { text, level, subheading } = paragraphDisplay(s, p.text);
    const inset = level * 21;
    doc.font(subheading ? 'bold' : 'regular');
    doc.text(text, left + inset, doc.y, { width: width - inset, indent: 21, lineGap: 4, paragraphGap: 5, features: PLAIN });
  }
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

function tableSection(doc: Doc, t: BudgetTable, options: PdfOptions, outline: PDFKit.PDFOutline): void {
  const grid = tableGrid(t, { ...(options.unit ? { unit: options.unit } : {}), zeros: true });
  landscape(doc);
  const width = doc.page.width - TABLE_MARGIN * 2;
  outline.addItem(t.title);
  doc.font('bold').fontSize(15).text(t.title, TABLE_MARGIN, TABLE_MARGIN, { align: 'center', width, features: PLAIN });
  doc.moveDown(0.6);
  const metaY = doc.y;
  doc.font('regular').fontSize(9);
  if (t.preparer) doc.text(`编制单位：${t.preparer}`, TABLE_MARGIN, metaY, { lineBreak: false, features: PLAIN });
  const unitText = `单位：${grid.unit === 'wanyuan' ? '万元' : '元'}`;
  doc.text(unitText, TABLE_MARGIN + width - doc.widthOfString(unitText, { features: PLAIN }), metaY, { lineBreak: false, features: PLAIN });
  const widths = columnWidths(grid, width);
  const xs = widths.map((_, i) => TABLE_MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  let y = drawHeader(doc, grid, xs, widths, metaY + 16);
  for (const row of grid.body) {
    if (y + ROW > pageBottom(doc) - 10) {
      landscape(doc);
      y = drawHeader(doc, grid, xs, widths, TABLE_MARGIN);
    }
    drawRow(doc, grid, row, xs, widths, y);
    y += ROW;
  }
  doc.y = y + 8;
  if (t.note) doc.font('regular').fontSize(9).text(t.note, TABLE_MARGIN, doc.y, { width, features: PLAIN });
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
    info: { Title: doc.meta.title, Author: doc.meta.entity.name, Subject: `${doc.meta.entity.name}${doc.meta.year}年${doc.meta.scope === 'department' ? '部门' : '单位'}预算`, Creator: 'budgetbook', Producer: 'budgetbook', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
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
  for (const s of parts.before.filter((x) => x.kind !== 'cover')) {
    section(pdf, s, root);
    if (s.kind === 'contents') portrait(pdf);
  }
  if (options.charts?.length) chartsSection(pdf, options.charts, root);
  const tables = root.addItem('预算表');
  for (const { table, notes } of parts.tables) {
    tableSection(pdf, table, options, tables);
    for (const n of notes) section(pdf, { ...n, heading: '' }, undefined, TABLE_MARGIN);
  }
  if (parts.after.length) portrait(pdf);
  for (const s of parts.after) section(pdf, s, root);
  pageNumbers(pdf);
  pdf.end();
  return done;
}
