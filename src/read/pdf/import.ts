/**
 * The PDF importer: pages of positioned text → lines (page numbers and running headers
 * dropped, paragraph starts marked by indentation) → the same reading as text, where each
 * number goes under the column it sits under and the identities confirm it.
 */
import type { BudgetDocument } from '../../model/document.js';
import { ImportError } from '../errors.js';
import { readLines, type ReadOptions } from '../text/import.js';
import { normalizeNumerals } from '../text/normalize.js';
import type { Line } from '../text/segment.js';
import { extractPages, type PdfLine, type PdfPage } from './extract.js';
import { documentPages } from './page-facts.js';

const YEAR_WORD = /\d{4}\s*年/;
const PAGE_NUMBER = /^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*[/／]\s*\d{1,4})?[-—–\s]*$/;

export { isPdf } from './signature.js';

/** Lines printed at the same height on most pages (running headers and footers). */
function runningLines(pages: PdfPage[]): Set<string> {
  const seen = new Map<string, number>();
  for (const p of pages) {
    for (const l of p.lines) {
      if (l.y > p.height * 0.08 && l.y < p.height * 0.9) continue;
      const key = `${Math.round(l.y)}|${l.text.replace(/\d+/g, '#')}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
  }
  return new Set([...seen].filter(([, n]) => n >= Math.max(3, pages.length * 0.5)).map(([k]) => k));
}

/**
 * The left margin many long lines start at, per page width: a page whose paragraphs are all one
 * indented line has no line at the margin of its own to measure indents from.
 */
function commonMargins(pages: PdfPage[]): Map<number, number> {
  const counts = new Map<number, Map<number, number>>();
  for (const p of pages) {
    const byX = counts.get(Math.round(p.width)) ?? new Map<number, number>();
    for (const l of p.lines) if (l.text.length > 20) byX.set(Math.round(l.chunks[0]!.x0), (byX.get(Math.round(l.chunks[0]!.x0)) ?? 0) + 1);
    counts.set(Math.round(p.width), byX);
  }
  // The leftmost start that many lines share (first lines are indented, so the most common start may not be the margin).
  return new Map(
    [...counts].map(([w, byX]) => {
      const total = [...byX.values()].reduce((a, b) => a + b, 0);
      const frequent = [...byX].filter(([, n]) => n >= Math.max(3, total * 0.05)).map(([x]) => x);
      return [w, Math.min(...frequent, Infinity)];
    }),
  );
}

/**
 * Where a page's lines start when not indented: its leftmost long line, unless every long line
 * on it starts one two-character indent (the Chinese first-line indent) right of the document's
 * margin, i.e. the page holds only one-line paragraphs.
 */
function pageMargin(long: PdfLine[], common: number): number {
  const own = Math.min(...long.map((l) => l.chunks[0]!.x0), Infinity);
  if (!Number.isFinite(own) || !Number.isFinite(common)) return own;
  const h = long[0]!.chunks[0]!.height;
  return Math.abs(own - common - 2 * h) < 0.25 * h ? common : own;
}

export function pdfLines(pages: PdfPage[], layout: { firstLineIndents?: boolean } = {}): Line[] {
  const running = runningLines(pages);
  const margins = commonMargins(pages);
  const out: Line[] = [];
  const first = pages.find((p) => p.lines.length > 0);
  for (const p of pages) {
    const isRunning = (l: PdfLine) => running.has(`${Math.round(l.y)}|${l.text.replace(/\d+/g, '#')}`);
    const kept = p.lines.filter((l) => !(PAGE_NUMBER.test(l.text) && (l.y > p.height * 0.85 || l.y < p.height * 0.1)) && !isRunning(l));
    // A title printed on every page ("广州市生态环境局2026年项目支出绩效目标表") is still the document's title when the
    // first page names no year otherwise: keep it there, once, so that the document keeps its year and name.
    const body = p === first && !kept.some((l) => YEAR_WORD.test(l.text)) ? p.lines.filter((l) => kept.includes(l) || (isRunning(l) && l.y < p.height * 0.1 && YEAR_WORD.test(l.text))) : kept;
    const long = body.filter((l) => l.text.length > 20);
    const common = margins.get(Math.round(p.width)) ?? Infinity;
    const margin = layout.firstLineIndents ? Math.min(common, ...long.map((l) => l.chunks[0]!.x0)) : pageMargin(long, common);
    const right = Math.max(...long.map((l) => l.chunks[l.chunks.length - 1]!.x1), -Infinity);
    body.forEach((l, i) => {
      const first = l.chunks[0]!;
      const gap = i > 0 ? l.y - body[i - 1]!.y : 0;
      const indent = (Number.isFinite(margin) && first.x0 > margin + first.height * 1.2) || gap > first.height * 2.6;
      out.push({
        ...(layout.firstLineIndents ? { continues: !indent } : {}),
        text: l.text,
        no: out.length + 1,
        page: p.number,
        y: l.y,
        chunks: l.chunks.map((c) => ({ text: c.text, x0: c.x0, x1: c.x1 })),
        // A paragraph starts indented, or after a gap wider than the line spacing.
        indent,
        wrapped: Number.isFinite(right) && l.chunks[l.chunks.length - 1]!.x1 >= right - first.height * 2,
        inset: Number.isFinite(margin) ? (first.x0 - margin) / first.height : 0,
        tabular: l.chunks.some((c, k) => k > 0 && c.x0 - l.chunks[k - 1]!.x1 > first.height * 3) && !/\.{4,}|…{2,}/.test(l.text),
      });
    });
  }
  return out;
}

export async function readPdfDocument(bytes: Uint8Array, options: ReadOptions): Promise<BudgetDocument> {
  const file = options.fileName;
  try {
    const info: { producer?: string } = {};
    const pages = await extractPages(bytes, file, info);
    // A page without text is a scan only when it paints an image; an empty page is just empty.
    const scanned = pages.filter((p) => p.items === 0 && (p.facts?.images ?? 1) > 0).map((p) => p.number);
    if (pages.every((p) => p.items === 0) && scanned.length === 0) {
      throw new ImportError('pdf-empty', `PDF 的全部 ${pages.length} 页既没有文字也没有图片（空白页），没有可读的内容`, { file }, '请确认下载的是完整的预算公开文件，而不是空白的模板或占位文件。');
    }
    if (pages.every((p) => p.items === 0)) {
      throw new ImportError('pdf-scanned', `PDF 的全部 ${pages.length} 页都没有文字层（扫描件或图片），无法读取`, { file }, '请向发布单位索取带文字层的 PDF 或电子表格；如需识别扫描件，请先做 OCR。');
    }
    // budgetbook's own PDFs indent the first line of every paragraph and nothing else.
    const original = pdfLines(pages, { firstLineIndents: info.producer === 'budgetbook' });
    const normalized = original.map((l) => ({ ...l, text: normalizeNumerals(l.text), chunks: l.chunks?.map((c) => ({ ...c, text: normalizeNumerals(c.text) })) }));
    let doc: BudgetDocument;
    try {
      doc = readLines({ original, normalized, options, pdf: true });
    } catch (e) {
      if (e instanceof ImportError && scanned.length > 0 && ['missing-table', 'no-tables', 'no-title', 'cut-off'].includes(e.code)) {
        throw new ImportError(e.code, `${e.message}；第 ${scanned.join('、')} 页没有文字层（扫描件），其中的内容无法读取`, e.place, '请向发布单位索取带文字层的 PDF，或先对扫描页做 OCR。');
      }
      throw e;
    }
    doc.pages = documentPages(pages, original);
    if (scanned.length > 0) doc.notes.push({ kind: 'interpretation', message: `第 ${scanned.join('、')} 页没有文字层（扫描件或图片），未能读取其内容` });
    return doc;
  } catch (e) {
    if (e instanceof ImportError && file) throw e.withFile(file);
    throw e;
  }
}
