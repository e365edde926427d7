/**
 * A disclosure as a printed PDF (pdfkit): A4, the Chinese font embedded as a subset, narrative
 * in portrait, the nine tables on landscape pages with their headers repeated when a table
 * breaks across pages, page numbers, bookmarks, selectable text. Re-reading it with the PDF
 * importer gives the same cells.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { BudgetDocument, BudgetTable, NarrativeSection } from '../../model/document.js';
import type { MoneyUnit } from '../../model/money.js';
import { coverLines, documentParts } from '../text/layout.js';
import { tableGrid, type TableGrid } from '../layout/grid.js';
import { findCjkFont } from './fonts.js';

export interface PdfOptions {
  unit?: MoneyUnit;
  /** Charts to print after the narrative (SVG strings), e.g. from publish/charts. */
  charts?: { title: string; svg: string }[];
}

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MARGIN = 50;
const TABLE_MARGIN = 36;
const TABLE_FONT = 8.5;
const ROW = 17;

type Doc = PDFKit.PDFDocument;

function pageBottom(doc: Doc): number {
  return doc.page.height - doc.page.margins.bottom - 14;
}

function cover(doc: Doc, lines: string[]): void {
  doc.font('bold').fontSize(24);
  doc.moveDown(8);
  lines.forEach((l, i) => {
    doc.font(i === 0 ? 'bold' : 'regular').fontSize(i === 0 ? 24 : 14);
    doc.text(l, { align: 'center' });
    doc.moveDown(i === 0 ? 3 : 1);
  });
}

function section(doc: Doc, s: NarrativeSection, outline: PDFKit.PDFOutline): void {
  if (s.heading) {
    if (doc.y > pageBottom(doc) - 80) doc.addPage({ layout: 'portrait', margin: MARGIN });
    doc.moveDown(0.8);
    outline.addItem(s.heading);
    doc.font('bold').fontSize(13).text(s.heading, { align: s.kind === 'project' || /^[一二三四五六七八九十]+、/.test(s.heading) ? 'left' : 'center' });
    doc.moveDown(0.4);
  }
  doc.font('regular').fontSize(10.5);
  for (const p of s.paragraphs) {
    doc.text(p.text, { align: 'justify', indent: 21, lineGap: 3, paragraphGap: 4 });
  }
}

function columnWidths(grid: TableGrid, width: number): number[] {
  const total = grid.columns.reduce((s, c) => s + c.width, 0);
  return grid.columns.map((c) => (c.width / total) * width);
}

function cellText(doc: Doc, text: string, x: number, y: number, w: number, h: number, align: 'left' | 'center' | 'right', bold = false, indent = 0): void {
  if (!text) return;
  doc.font(bold ? 'bold' : 'regular');
  let size = TABLE_FONT;
  while (size > 6 && doc.fontSize(size).widthOfString(text) > w - 6 - indent) size -= 0.5;
  doc.fontSize(size);
  const tw = doc.widthOfString(text);
  const tx = align === 'right' ? x + w - 3 - tw : align === 'center' ? x + (w - tw) / 2 : x + 3 + indent;
  doc.text(text, tx, y + (h - size) / 2 - 1, { lineBreak: false });
}

function drawHeader(doc: Doc, grid: TableGrid, xs: number[], widths: number[], top: number): number {
  const height = ROW * grid.headerRows;
  doc.lineWidth(0.5).strokeColor('#333');
  for (const c of grid.header) {
    const x = xs[c.col]!;
    const w = widths.slice(c.col, c.col + c.colspan).reduce((a, b) => a + b, 0);
    const y = top + c.row * ROW;
    const hh = c.rowspan * ROW;
    doc.rect(x, y, w, hh).fillAndStroke('#eeeeee', '#333');
    doc.fillColor('#000');
    cellText(doc, c.text, x, y, w, hh, 'center', true);
  }
  return top + height;
}

function tableSection(doc: Doc, t: BudgetTable, options: PdfOptions, outline: PDFKit.PDFOutline, first: boolean): void {
  const grid = tableGrid(t, options.unit ? { unit: options.unit } : {});
  if (!first || doc.y > pageBottom(doc) - 120) doc.addPage({ layout: 'landscape', margin: TABLE_MARGIN });
  const width = doc.page.width - TABLE_MARGIN * 2;
  outline.addItem(t.title);
  doc.font('bold').fontSize(14).text(t.title, TABLE_MARGIN, doc.y, { align: 'center', width });
  doc.moveDown(0.5);
  const metaY = doc.y;
  doc.font('regular').fontSize(9);
  if (t.preparer) doc.text(`编制单位：${t.preparer}`, TABLE_MARGIN, metaY, { lineBreak: false });
  const unitText = `单位：${grid.unit === 'wanyuan' ? '万元' : '元'}`;
  doc.text(unitText, TABLE_MARGIN + width - doc.widthOfString(unitText), metaY, { lineBreak: false });
  const widths = columnWidths(grid, width);
  const xs = widths.map((_, i) => TABLE_MARGIN + widths.slice(0, i).reduce((a, b) => a + b, 0));
  let y = drawHeader(doc, grid, xs, widths, metaY + 16);
  for (const row of grid.body) {
    if (y + ROW > pageBottom(doc)) {
      doc.addPage({ layout: 'landscape', margin: TABLE_MARGIN });
      y = drawHeader(doc, grid, xs, widths, TABLE_MARGIN);
    }
    row.cells.forEach((c, i) => {
      doc.lineWidth(0.5).strokeColor('#333').rect(xs[i]!, y, widths[i]!, ROW).stroke();
      doc.fillColor('#000');
      const spec = grid.columns[i]!;
      cellText(doc, c.text, xs[i]!, y, widths[i]!, ROW, spec.align, row.total, (c.level ?? 0) * 8);
    });
    y += ROW;
  }
  doc.x = TABLE_MARGIN;
  doc.y = y + 6;
  if (t.note) doc.font('regular').fontSize(9).text(t.note, TABLE_MARGIN, doc.y, { width });
}

/** Page numbers last, on every page: "第 N 页". */
function pageNumbers(doc: Doc): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const text = `第 ${i + 1} 页`;
    doc.font('regular').fontSize(9);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.text(text, (doc.page.width - doc.widthOfString(text)) / 2, doc.page.height - 28, { lineBreak: false });
    doc.page.margins.bottom = bottom;
  }
}

export function documentPdf(doc: BudgetDocument, options: PdfOptions = {}): Promise<Uint8Array> {
  const font = findCjkFont();
  const pdf = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    autoFirstPage: true,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: doc.meta.title, Author: doc.meta.entity.name, Creator: 'budgetbook', Producer: 'budgetbook', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  pdf.registerFont('regular', font.regular.path, font.regular.family);
  pdf.registerFont('bold', font.bold.path, font.bold.family);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    pdf.on('error', reject);
  });
  const parts = documentParts(doc);
  const root = pdf.outline;
  cover(pdf, coverLines(doc));
  pdf.addPage();
  for (const s of parts.before.filter((x) => x.kind !== 'cover')) section(pdf, s, root);
  if (options.charts?.length) {
    pdf.addPage();
    const charts = root.addItem('图表');
    for (const c of options.charts) {
      if (pdf.y > pageBottom(pdf) - 280) pdf.addPage();
      charts.addItem(c.title);
      SVGtoPDF(pdf, c.svg, MARGIN, pdf.y, { width: pdf.page.width - MARGIN * 2, fontCallback: () => 'regular' });
      pdf.y += 290;
    }
  }
  const tables = root.addItem('部门预算表');
  parts.tables.forEach(({ table, notes }, i) => {
    tableSection(pdf, table, options, tables, i === 0 && false);
    for (const n of notes) section(pdf, { ...n, heading: '' }, tables);
  });
  pdf.addPage({ layout: 'portrait', margin: MARGIN });
  for (const s of parts.after) section(pdf, s, root);
  pageNumbers(pdf);
  pdf.end();
  return done;
}
