/**
 * A disclosure as a printed PDF (pdfkit): A4, the Chinese font embedded as a subset, the
 * narrative in portrait, the nine tables on landscape pages from the shared grid layout with
 * their headers repeated when a table breaks across pages, charts, page numbers, bookmarks,
 * selectable text. Re-reading it with the PDF importer gives the same cells.
 */
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
import { breakLines, justifySpacing } from './lines.js';
import { pdfkit } from '../packages.js';

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

/** A place the 目录 and the bookmarks point at: its outline item and its depth (the root is -1). */
interface Mark {
  outline: PDFKit.PDFOutline;
  level: number;
}

/** One line of the 目录: what it names, where it is (page index in the buffer, y) and its link's destination. */
interface ContentsEntry {
  title: string;
  level: number;
  page: number;
  y: number;
  dest: string;
}

/**
 * Bookmarks and the 目录 from one source: every part, table and chart drawn registers here once,
 * so the 目录 lists exactly what is published, each with its page and a link to its place.
 */
class Contents {
  readonly entries: ContentsEntry[] = [];
  readonly root: Mark;
  constructor(private readonly doc: Doc) {
    this.root = { outline: doc.outline, level: -1 };
  }

  /** A bookmark and a 目录 line for what starts at `y` on the current page. */
  add(parent: Mark, title: string, y = this.doc.y): Mark {
    const doc = this.doc;
    const outline = parent.outline.addItem(title, { top: y, left: doc.page.width } as { expanded?: boolean });
    const dest = `part-${this.entries.length + 1}`;
    doc.addNamedDestination(dest, 'XYZ', 0, y, null);
    this.entries.push({ title, level: parent.level + 1, page: doc.bufferedPageRange().count - 1, y, dest });
    return { outline, level: parent.level + 1 };
  }
}

type Struct = PDFKit.PDFStructureElement;
/** Structure element options pdfkit takes (its types lack `scope`). */
type StructOptions = { alt?: string; lang?: string; scope?: 'Row' | 'Column' | 'Both' };

/**
 * The tagged PDF's structure (PDF/UA): a Document of parts (Sect with H1/H2 and P), tables (Table,
 * TR, TH with scope and spans, TD), figures with alt text and the TOC with its links, in reading
 * order; what only decorates or repeats (rules, shading, leaders, repeated headers, page numbers)
 * is marked as an artifact, so that everything on a page is one or the other.
 */
class Tags {
  readonly root: Struct;
  private readonly stack: Struct[];
  constructor(private readonly doc: Doc) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
    this.stack = [this.root];
  }

  get parent(): Struct {
    return this.stack[this.stack.length - 1]!;
  }

  /** An element that holds others: opened under the current one, closed by `close`. */
  open(type: string, options: StructOptions = {}): Struct {
    const el = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions);
    this.parent.add(el);
    this.stack.push(el);
    return el;
  }

  close(el: Struct): void {
    const at = this.stack.lastIndexOf(el);
    if (at > 0) this.stack.splice(at);
    el.end();
  }

  /** An element whose content `draw` draws now. */
  leaf(type: string, draw: () => void, options: StructOptions = {}, attributes?: Record<string, unknown>): Struct {
    const el = this.doc.struct(type, options as PDFKit.Mixins.StructureElementOptions, [draw]);
    // Attributes are written when the element is attached (and so drawn): set them before.
    if (attributes) {
      const data = (el as unknown as { dictionary: { data: { A?: Record<string, unknown> } } }).dictionary.data;
      data.A = { ...(data.A ?? {}), ...attributes };
    }
    this.parent.add(el);
    return el;
  }

  /** Drawing that is not content (rules, shading, leaders, repeated headers, page numbers). */
  artifact(draw: () => void, type: 'Layout' | 'Pagination' = 'Layout'): void {
    this.doc.markContent('Artifact', { type });
    draw();
    this.doc.endMarkedContent();
  }
}

const tagsOf = new WeakMap<Doc, Tags>();
const tags = (doc: Doc): Tags => tagsOf.get(doc)!;

/** Table attributes pdfkit does not set itself: a header cell's spans. */
function spans(rowspan: number, colspan: number): Record<string, unknown> | undefined {
  if (rowspan === 1 && colspan === 1) return undefined;
  return { O: 'Table', ...(rowspan > 1 ? { RowSpan: rowspan } : {}), ...(colspan > 1 ? { ColSpan: colspan } : {}) };
}

const PDFDocument = pdfkit();

const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));
const MARGIN = 56;
const TABLE_MARGIN = 36;
const TABLE_FONT = 9;
const ROW = 17;
const BODY_FONT = 10.5;
const A4_WIDTH = 595.28;
const A4_HEIGHT = 841.89;

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
  const t = tags(doc);
  const sect = t.open('Sect');
  if (parts.label) t.leaf('P', () => doc.font('regular').fontSize(14).text(parts.label!, MARGIN, MARGIN, { features: PLAIN }));
  doc.y = doc.page.height * 0.3;
  [parts.title, ...parts.rest].forEach((l, i) => {
    doc.font(i === 0 ? 'bold' : 'regular').fontSize(i === 0 ? 26 : 15);
    t.leaf(i === 0 ? 'H1' : 'P', () => doc.text(l, MARGIN, doc.y, { align: 'center', width, features: PLAIN }));
    doc.moveDown(i === 0 ? 2.5 : 0.8);
  });
  t.close(sect);
}

/** A part's heading, kept with the lines after it; returns where it starts (for its bookmark and 目录 link). */
function heading(doc: Doc, s: NarrativeSection): number {
  if (doc.y > pageBottom(doc) - 90) portrait(doc);
  doc.moveDown(0.6);
  const top = doc.y;
  const numbered = s.kind === 'project' || /^[一二三四五六七八九十]+、|^\d+[、.]/.test(s.heading);
  tags(doc).leaf(SUB_KINDS.includes(s.kind) ? 'H2' : 'H1', () => doc.font('bold').fontSize(numbered ? 12.5 : 15).text(s.heading, MARGIN, doc.y, { align: numbered ? 'left' : 'center', width: doc.page.width - MARGIN * 2, features: PLAIN }));
  doc.moveDown(0.4);
  return top;
}

/** A narrative part; `left` is the page's text margin (table notes sit at the table's margin). */
function section(doc: Doc, s: NarrativeSection, contents: Contents, parent?: Mark, left = MARGIN, extras: PlacedExtra[] = []): Mark | undefined {
  let item: Mark | undefined;
  const sect = tags(doc).open('Sect');
  if (s.heading) {
    const top = heading(doc, s);
    if (parent) item = contents.add(parent, s.heading, top);
  }
  doc.font('regular').fontSize(BODY_FONT);
  s.paragraphs.forEach((p, j) => {
    const width = doc.page.width - left * 2;
    const { text, level, subheading } = paragraphDisplay(s, p.text);
    const inset = level * 21;
    doc.font(subheading ? 'bold' : 'regular').fontSize(BODY_FONT);
    paragraph(doc, text, left + inset, width - inset);
    for (const x of extrasAfterParagraph(extras, s, j)) extraTable(doc, x, contents, item ?? parent, left);
  });
  tags(doc).close(sect);
  return item;
}

const LINE_GAP = 4;
const PARAGRAPH_GAP = 5;
const FIRST_INDENT = 2 * BODY_FONT;
/** Letter spacing that justification may add: under the gap pdf.js and pdftotext read as a space (0.1 em). */
const MAX_SPREAD = 0.08;

/**
 * A paragraph set as Chinese is set: first line indented two characters, lines broken under the
 * 禁则 (publish/pdf/lines.ts), every line but the last justified by spreading its characters;
 * a paragraph does not leave its first line alone at a page foot nor its last alone at the top.
 */
/** Widths measured once per font, size and text (measuring runs the font's layout: the slow part). */
const widths = new WeakMap<Doc, Map<string, number>>();
function measurer(doc: Doc): (s: string) => number {
  const cache = widths.get(doc) ?? widths.set(doc, new Map()).get(doc)!;
  const state = doc as unknown as { _font: { name: string }; _fontSize: number };
  return (s: string) => {
    const key = `${state._font.name}\u0000${state._fontSize}\u0000${s}`;
    let w = cache.get(key);
    if (w === undefined) cache.set(key, (w = doc.widthOfString(s, { features: PLAIN })));
    return w;
  };
}

function paragraph(doc: Doc, text: string, x: number, width: number): void {
  const measure = measurer(doc);
  // A closing mark may stay at a line's end if the line closes up by at most half a character.
  const flat = text.replace(/\s*\n\s*/g, ' ');
  // The whole paragraph measured first: its new characters are laid out in one go (fonts.ts),
  // not one by one as breakLines measures longer and longer prefixes.
  measure(flat);
  const lines = breakLines(flat, width, measure, width - FIRST_INDENT, BODY_FONT / 2);
  const height = doc.currentLineHeight(true) + LINE_GAP;
  let y = doc.y;
  const t = tags(doc);
  const p = t.open('P');
  lines.forEach((line, i) => {
    const left = pageBottom(doc) - y;
    const rest = lines.length - i;
    // Orphan: the first line would be alone at the foot; widow: the last would be alone at the top.
    const orphan = i === 0 && rest > 1 && left < height * 2;
    const widow = i === lines.length - 2 && i > 1 && left >= height && left < height * 2;
    if (left < height || orphan || widow) {
      sameOrientation(doc);
      y = doc.page.margins.top;
    }
    const lx = x + (i === 0 ? FIRST_INDENT : 0);
    const room = width - (i === 0 ? FIRST_INDENT : 0);
    const spacing = i < lines.length - 1 ? justifySpacing(line, measure(line), room, BODY_FONT * MAX_SPREAD) : 0;
    p.add(() => doc.text(line, lx, y, { lineBreak: false, features: PLAIN, ...(spacing ? { characterSpacing: spacing } : {}) }));
    y += height;
  });
  t.close(p);
  doc.x = x;
  doc.y = y + PARAGRAPH_GAP;
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
function extraTable(doc: Doc, p: PlacedExtra, contents: Contents, parent: Mark | undefined, left: number): void {
  const { header, body, width: n } = extraRows(p.extra);
  const size = 9;
  const width = doc.page.width - left * 2;
  const longest = Array.from({ length: n }, (_, c) => Math.min(24, Math.max(2, ...[...header, ...body].map((r) => (r[c] ?? '').length))));
  const total = longest.reduce((a, b) => a + b, 0);
  const widths = longest.map((l) => (l / total) * width);
  const xs = widths.map((_, i) => left + widths.slice(0, i).reduce((a, b) => a + b, 0));
  const title = untitled(p.extra) ? '' : p.extra.title;
  const rowHeight = (r: string[]) => Math.max(ROW, ...r.map((c, i) => wrappedHeight(doc, c, widths[i]!, size) + 6));
  const t = tags(doc);
  /** Rows drawn; header rows are TH, and only their first printing is content (a repeat is an artifact). */
  const drawRows = (rows: string[][], y: number, shade: boolean, repeat = false): number => {
    for (const r of rows) {
      const h = rowHeight(r);
      const tr = repeat ? undefined : t.open('TR');
      r.forEach((c, i) => {
        t.artifact(() => {
          doc.lineWidth(0.5);
          if (shade) doc.rect(xs[i]!, y, widths[i]!, h).fillAndStroke('#eeeeee', '#333333');
          else doc.rect(xs[i]!, y, widths[i]!, h).strokeColor('#333333').stroke();
        });
        doc.fillColor('#000000').font(shade ? 'bold' : 'regular').fontSize(size);
        const draw = () => {
          if (c) doc.text(c, xs[i]! + 3, y + 3, { width: widths[i]! - 6, features: PLAIN });
        };
        if (repeat) t.artifact(draw);
        else t.leaf(shade ? 'TH' : 'TD', draw, shade ? { scope: 'Column' as const } : {});
      });
      if (tr) t.close(tr);
      y += h;
    }
    return y;
  };
  const headHeight = header.reduce((a, r) => a + rowHeight(r), 0);
  const firstRow = body[0] ? rowHeight(body[0]) : 0;
  // Keep the title with the header and a few rows.
  const need = (title ? 30 : 0) + headHeight + Math.min(3, body.length) * (firstRow || ROW);
  if (doc.y + need > pageBottom(doc)) sameOrientation(doc);
  const table = t.open('Table');
  if (title) {
    if (parent) contents.add(parent, title, doc.y);
    t.leaf('Caption', () => doc.font('bold').fontSize(12).text(title, left, doc.y + 6, { align: 'center', width, features: PLAIN }));
    doc.moveDown(0.3);
  }
  let y = drawRows(header, doc.y, true);
  for (const r of body) {
    const h = rowHeight(r);
    if (y + h > pageBottom(doc) - 10) {
      sameOrientation(doc);
      y = doc.page.margins.top;
      if (title) {
        t.artifact(() => doc.font('bold').fontSize(10.5).text(`${title}（续表）`, left, y, { align: 'center', width, features: PLAIN }));
        y = doc.y + 4;
      }
      y = drawRows(header, y, true, true);
    }
    y = drawRows([r], y, false);
  }
  t.close(table);
  doc.x = left;
  doc.y = y + 10;
}

/** Parts that sit under 其他相关情况说明 or 项目情况 in the bookmarks. */
const SUB_KINDS: NarrativeSection['kind'][] = ['three-public', 'office-operation', 'procurement', 'performance', 'assets', 'project'];

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

/** The header rows: TH cells (with their spans) the first time, an artifact when repeated on a continuation page. */
function drawHeader(doc: Doc, grid: TableGrid, xs: number[], widths: number[], top: number, repeat = false): number {
  const t = tags(doc);
  for (let row = 0; row < grid.headerRows; row++) {
    const tr = repeat ? undefined : t.open('TR');
    for (const c of grid.header.filter((h) => h.row === row).sort((a, b) => a.col - b.col)) {
      const x = xs[c.col]!;
      const w = widths.slice(c.col, c.col + c.colspan).reduce((a, b) => a + b, 0);
      const y = top + c.row * ROW;
      const hh = c.rowspan * ROW;
      t.artifact(() => doc.lineWidth(0.5).rect(x, y, w, hh).fillAndStroke('#eeeeee', '#333333'));
      doc.fillColor('#000000');
      const draw = () => cellText(doc, c.text, x, y, w, hh, 'center', true);
      if (repeat) t.artifact(draw);
      else t.leaf('TH', draw, { scope: c.rowspan + c.row >= grid.headerRows && c.colspan === 1 ? 'Column' : 'Both' }, spans(c.rowspan, c.colspan));
    }
    if (tr) t.close(tr);
  }
  return top + ROW * grid.headerRows;
}

function drawRow(doc: Doc, grid: TableGrid, row: TableGrid['body'][number], xs: number[], widths: number[], y: number): void {
  const t = tags(doc);
  const tr = t.open('TR');
  row.cells.forEach((c, i) => {
    t.artifact(() => doc.lineWidth(0.5).strokeColor('#333333').rect(xs[i]!, y, widths[i]!, ROW).stroke());
    doc.fillColor('#000000');
    t.leaf('TD', () => cellText(doc, c.text, xs[i]!, y, widths[i]!, ROW, grid.columns[i]!.align, row.total, (c.level ?? 0) * 9));
  });
  t.close(tr);
}

function tableSection(doc: Doc, t: BudgetTable, options: PdfOptions, contents: Contents, parentOf: () => Mark, ctx: TableContext): void {
  const grid = tableGrid(t, { ...(options.unit ? { unit: options.unit } : {}), zeros: true, fillName: ctx.fillName, band: ctx.band });
  landscape(doc);
  const width = doc.page.width - TABLE_MARGIN * 2;
  contents.add(parentOf(), t.title, TABLE_MARGIN);
  const unitText = `单位：${grid.unit === 'wanyuan' ? '万元' : '元'}`;
  const tg = tags(doc);
  const sect = tg.open('Sect');
  let table: Struct | undefined;
  /** Title, preparer and unit: on the first page and again, smaller (an artifact), on the next ones. */
  const top = (continued: boolean): number => {
    const as = (type: string, draw: () => void) => (continued ? tg.artifact(draw) : tg.leaf(type, draw));
    // The title again on a continuation page (the PDF reader joins a repeated title to its table; "（续表）" would end it).
    as('H2', () => doc.font('bold').fontSize(continued ? 11 : 15).text(t.title, TABLE_MARGIN, TABLE_MARGIN, { align: 'center', width, features: PLAIN }));
    doc.moveDown(continued ? 0.3 : 0.6);
    const metaY = doc.y;
    doc.font('regular').fontSize(9);
    const preparer = t.preparer ? `${preparerWord(ctx.scope)}：${t.preparer}` : undefined;
    as('P', () => {
      if (preparer) doc.text(preparer, TABLE_MARGIN, metaY, { lineBreak: false, features: PLAIN });
      doc.text(unitText, TABLE_MARGIN + width - doc.widthOfString(unitText, { features: PLAIN }), metaY, { lineBreak: false, features: PLAIN });
    });
    table ??= tg.open('Table');
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
      y = drawHeader(doc, grid, xs, widths, top(true), true);
      room = roomFrom(i);
    }
    drawRow(doc, grid, row, xs, widths, y);
    y += ROW;
    room--;
  });
  tg.close(table!);
  doc.y = y + 8;
  const notes = [t.note, grid.filledNote, ...roundingNotes(t).filter((n) => n.unit === grid.unit).map((n) => n.text)].filter((n): n is string => Boolean(n));
  for (const n of notes) tg.leaf('P', () => doc.font('regular').fontSize(9).text(n, TABLE_MARGIN, doc.y, { width, features: PLAIN }));
  tg.close(sect);
}

/** The SVG's own size, from its width and height attributes. */
function svgSize(svg: string): { width: number; height: number } {
  const w = /<svg[^>]*\swidth="([\d.]+)/.exec(svg);
  const h = /<svg[^>]*\sheight="([\d.]+)/.exec(svg);
  return { width: Number(w?.[1] ?? 800), height: Number(h?.[1] ?? 400) };
}

function chartsSection(doc: Doc, charts: { title: string; svg: string }[], contents: Contents): void {
  portrait(doc);
  const item = contents.add(contents.root, '图表', MARGIN);
  const t = tags(doc);
  const sect = t.open('Sect');
  t.leaf('H1', () => doc.font('bold').fontSize(15).text('图表', MARGIN, MARGIN, { align: 'center', width: doc.page.width - MARGIN * 2, features: PLAIN }));
  doc.moveDown(0.6);
  const width = doc.page.width - MARGIN * 2;
  for (const c of charts) {
    const size = svgSize(c.svg);
    const height = (width * size.height) / size.width;
    if (doc.y + height > pageBottom(doc)) portrait(doc);
    contents.add(item, c.title, doc.y);
    const y = doc.y;
    t.leaf('Figure', () => SVGtoPDF(doc, c.svg, MARGIN, y, { width, height, preserveAspectRatio: 'xMinYMin meet', fontCallback: () => 'regular' }), { alt: chartAlt(c) });
    doc.y = y + height + 16;
  }
  t.close(sect);
}

/** A chart's alternative text: its title and every label and figure it draws, in order. */
export function chartAlt(chart: { title: string; svg: string }): string {
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
  const words = [...chart.svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => unescape(m[1]!).trim()).filter((w) => w && w !== chart.title);
  return `图表：${chart.title}${words.length ? `。图中所示：${words.join('，')}` : ''}。数字取自本文件的预算表。`;
}

const CONTENTS_FONT = 11;
/** Space between 目录 entries, widest first. */
const CONTENTS_GAPS = [7, 5, 3, 1.5];
const PAGE_COLUMN = 30;

/**
 * The 目录, made last from what was drawn (so it lists exactly what is published): each part,
 * table and chart with its page number after dot leaders and a link to its place; nested
 * entries indented. Its pages go right after the
 * cover, and the page numbers it prints count them.
 */
function contentsPages(doc: Doc, contents: Contents, title: string): void {
  const entries = contents.entries;
  if (!entries.length) return;
  const width = A4_WIDTH - MARGIN * 2;
  const bottom = A4_HEIGHT - MARGIN;
  const headingHeight = 15 * 1.4 + 18;
  doc.fontSize(CONTENTS_FONT);
  const laid = entries.map((e) => {
    const indent = e.level * 2 * CONTENTS_FONT;
    doc.font(e.level === 0 ? 'bold' : 'regular');
    const lines = breakLines(e.title, width - indent - PAGE_COLUMN - 12, (t) => doc.widthOfString(t, { features: PLAIN }));
    return { e, indent, lines, height: lines.length * (doc.currentLineHeight() + 2) };
  });
  // Entries flow down from under the heading; the gap between them shrinks when that saves a page.
  const flow = (gap: number): number[] => {
    let page = 0;
    let y = MARGIN + headingHeight;
    return laid.map((l) => {
      if (y + l.height + gap > bottom) {
        page++;
        y = MARGIN;
      }
      y += l.height + gap;
      return page;
    });
  };
  const fewest = flow(CONTENTS_GAPS[CONTENTS_GAPS.length - 1]!).at(-1)!;
  const gap = CONTENTS_GAPS.find((g) => flow(g).at(-1) === fewest)!;
  const pageOf = flow(gap);
  const count = fewest + 1;
  let y: number;
  const first = doc.bufferedPageRange().count;
  for (let i = 0; i < count; i++) portrait(doc);
  doc.switchToPage(first);
  const item = contents.root.outline.addItem(title);
  const t = tags(doc);
  const sect = t.open('Sect');
  t.leaf('H1', () => doc.font('bold').fontSize(15).text(title, MARGIN, MARGIN, { align: 'center', width, features: PLAIN }));
  const toc = t.open('TOC');
  y = MARGIN + headingHeight;
  laid.forEach((l, i) => {
    if (i > 0 && pageOf[i] !== pageOf[i - 1]) {
      doc.switchToPage(first + pageOf[i]!);
      y = MARGIN;
    }
    const { e, indent, lines } = l;
    const x = MARGIN + indent;
    doc.font(e.level === 0 ? 'bold' : 'regular').fontSize(CONTENTS_FONT);
    const lineHeight = doc.currentLineHeight() + 2;
    const top = y;
    const tocItem = t.open('TOCI');
    const reference = t.open('Reference');
    const link = t.open('Link');
    lines.forEach((text, j) => {
      const ly = y;
      link.add(() => doc.text(text, x, ly, { lineBreak: false, features: PLAIN }));
      if (j === lines.length - 1) {
        // The page as printed: the cover is page 1, then the 目录's pages, then the rest.
        const number = String(e.page + count + 1);
        const nw = doc.font('regular').widthOfString(number, { features: PLAIN });
        // Dot leaders as text, so that the line reads as one entry (名称……页码) when its text is extracted.
        const from = x + doc.font(e.level === 0 ? 'bold' : 'regular').widthOfString(text, { features: PLAIN }) + 2;
        const dot = doc.font('regular').widthOfString('.', { features: PLAIN });
        const dots = Math.floor((MARGIN + width - nw - 2 - from) / dot);
        if (dots > 0) t.artifact(() => doc.fillColor('#555555').text('.'.repeat(dots), MARGIN + width - nw - 2 - dots * dot, ly, { lineBreak: false, features: PLAIN }).fillColor('#000000'));
        link.add(() => doc.font('regular').text(number, MARGIN + width - nw, ly, { lineBreak: false, features: PLAIN }));
      }
      y += lineHeight;
    });
    // The link annotation belongs to the Link element (its alternative text says where it goes).
    doc.goTo(x, top, MARGIN + width - x, y - top, e.dest, { structParent: link, Contents: new String(`${e.title}，第 ${e.page + count + 1} 页`) } as unknown as PDFKit.Mixins.AnnotationOption);
    t.close(link);
    t.close(reference);
    t.close(tocItem);
    y += gap;
  });
  t.close(toc);
  t.close(sect);
  // In reading order the 目录 follows the cover.
  const parts = (t.root as unknown as { _children: unknown[] })._children;
  parts.splice(1, 0, ...parts.splice(parts.indexOf(sect), 1));
  // The 目录's pages (and its bookmark) move to just after the cover.
  movePages(doc, first, count, 1);
  const children = contents.root.outline.children;
  children.splice(children.indexOf(item), 1);
  children.unshift(item);
}

/** Moves `count` buffered pages from index `from` to index `to` (pdfkit keeps pages in two lists). */
function movePages(doc: Doc, from: number, count: number, to: number): void {
  const internal = doc as unknown as { _pageBuffer: unknown[]; _root: { data: { Pages: { data: { Kids: unknown[] } } } } };
  for (const list of [internal._pageBuffer, internal._root.data.Pages.data.Kids]) list.splice(to, 0, ...list.splice(from, count));
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
    tags(doc).artifact(() => doc.text(text, (doc.page.width - doc.widthOfString(text, { features: PLAIN })) / 2, doc.page.height - 26, { lineBreak: false, features: PLAIN }), 'Pagination');
    doc.page.margins.bottom = bottom;
  }
}

export async function documentPdf(doc: BudgetDocument, options: PdfOptions = {}): Promise<Uint8Array> {
  const pdf = new PDFDocument({
    // No default font: Helvetica would be parsed for nothing (every text is set in the CJK font).
    font: null as unknown as string,
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang: 'zh-CN',
    displayTitle: true,
    // Tagged (structure tree, reading order, artifacts), with the PDF/UA identification in its metadata.
    tagged: true,
    subset: 'PDF/UA' as unknown as PDFKit.Mixins.PDFSubsets,
    pdfVersion: '1.7',
    info: { Title: doc.meta.title, Author: doc.meta.entity.name, Subject: `${doc.meta.entity.name}${doc.meta.year}年${doc.meta.scope === 'department' ? '部门' : '单位'}预算`, Creator: 'budgetbook', Producer: 'budgetbook', ...(options.publicationNotes?.length ? { Keywords: '强制发布：校验错误未改正' } : {}), CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
  });
  // pdfkit names fonts F1, F2… in the order they are loaded; it would load (parse) Helvetica as
  // F1, never used here (font: null, below): ours keep the names F2 and F3 they have always had.
  (pdf as unknown as { _fontCount: number })._fontCount = 1;
  await registerCjkFonts(pdf);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Uint8Array>((resolve, reject) => {
    pdf.on('end', () => resolve(uniqueSubsetTags(new Uint8Array(Buffer.concat(chunks)))));
    pdf.on('error', reject);
  });
  const parts = documentParts(doc);
  tagsOf.set(pdf, new Tags(pdf));
  const contents = new Contents(pdf);
  const root = contents.root;
  cover(pdf, coverParts(doc));
  portrait(pdf);
  const placedBefore = placeExtras(doc.extraTables, parts);
  const sourceContents = parts.before.find((x) => x.kind === 'contents');
  for (const s of parts.before.filter((x) => x.kind !== 'cover')) {
    // The source's 目录 is replaced by one made from what is published (with pages and links);
    // a table the source printed inside its 目录 still appears here.
    if (s.kind === 'contents') for (const j of s.paragraphs.keys()) for (const x of extrasAfterParagraph(placedBefore, s, j)) extraTable(pdf, x, contents, root, MARGIN);
    else section(pdf, s, contents, root, MARGIN, placedBefore);
  }
  if (options.charts?.length) chartsSection(pdf, options.charts, contents);
  const extras = placeExtras(doc.extraTables, parts);
  const ctx: TableContext = { fillName: nameFiller(doc, options.catalogs), band: printsBand(doc.meta), scope: doc.meta.scope, extras };
  // The 预算表 bookmark is made on the first table's page (not on the page before it).
  let tablesItem: Mark | undefined;
  const tablesMark = () => (tablesItem ??= contents.add(root, '预算表', TABLE_MARGIN));
  parts.tables.forEach(({ table, notes }, i) => {
    tableSection(pdf, table, options, contents, tablesMark, ctx);
    const tables = tablesMark();
    for (const n of notes) section(pdf, { ...n, heading: '' }, contents, undefined, TABLE_MARGIN);
    for (const x of extrasAfterTable(extras, i, i === parts.tables.length - 1)) {
      if (!untitled(x.extra)) landscape(pdf);
      extraTable(pdf, x, contents, tables, TABLE_MARGIN);
    }
  });
  if (parts.tables.length === 0) for (const x of extras.filter((p) => 'end' in p.place)) extraTable(pdf, x, contents, root, MARGIN);
  if (parts.after.length) portrait(pdf);
  // Nested bookmarks: the parts of 其他相关情况说明 (一、…五、) and the projects under their heading.
  let parent: Mark | undefined;
  for (const s of parts.after) {
    const sub = parent && SUB_KINDS.includes(s.kind);
    if (!sub) parent = undefined;
    const item = section(pdf, s, contents, sub ? parent : root, MARGIN, extras);
    if ((s.kind === 'other-info' || s.kind === 'projects') && item) parent = item;
  }
  if (options.publicationNotes?.length) {
    portrait(pdf);
    section(pdf, { heading: '发布说明', kind: 'other', paragraphs: options.publicationNotes.map((text) => ({ text })) }, contents, root);
  }
  contentsPages(pdf, contents, sourceContents?.heading.trim() || '目录');
  pageNumbers(pdf);
  pdf.end();
  return done;
}
