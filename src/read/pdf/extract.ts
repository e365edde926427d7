/**
 * PDF → positioned text: every page's text items (pdf.js), joined into chunks (runs of text
 * close together on one line) and lines (chunks sharing a baseline), top-left origin in points.
 */
import { ImportError } from '../errors.js';
import { collectPageFacts, type RawPageFacts } from './page-facts.js';
import { loadPdfJs } from './runtime.js';

export interface Chunk {
  text: string;
  x0: number;
  x1: number;
  /** Top of the text, from the top of the page. */
  y: number;
  height: number;
}

export interface PdfLine {
  page: number;
  y: number;
  chunks: Chunk[];
  text: string;
}

export interface PdfPage {
  number: number;
  width: number;
  height: number;
  lines: PdfLine[];
  /** Text items on the page; 0 means a scanned or empty page. */
  items: number;
  /** What the printed page shows (page-facts.ts). */
  facts?: RawPageFacts;
}

interface RawItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
}


/** Where pdf.js finds its CMaps and standard fonts (for PDFs whose CJK fonts are not embedded). */
export async function assetOptions(): Promise<Record<string, unknown>> {
  if (typeof process === 'undefined' || !process.versions?.node) return {};
  const { createRequire } = await import('node:module');
  const { dirname, join } = await import('node:path');
  const root = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));
  return { cMapUrl: join(root, 'cmaps') + '/', cMapPacked: true, standardFontDataUrl: join(root, 'standard_fonts') + '/' };
}

/** The pages' text with positions; `info` receives the document's Producer (who wrote the PDF). */
export async function extractPages(bytes: Uint8Array, file?: string, info: { producer?: string } = {}): Promise<PdfPage[]> {
  const { getDocument, OPS } = await loadPdfJs();
  let doc;
  try {
    doc = await getDocument({ data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, ...(await assetOptions()) }).promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException') throw new ImportError('pdf-encrypted', 'PDF 文件已加密，需要密码才能读取', { file }, '请提供未加密的 PDF（在原软件中取消密码保护后重新导出）。');
    throw new ImportError('pdf-broken', `PDF 文件已损坏或不完整，无法读取（${(e as Error).message}）`, { file }, '请重新下载或重新导出该 PDF。');
  }
  try {
    const meta = await doc.getMetadata().catch(() => undefined);
    const producer = (meta?.info as { Producer?: unknown } | undefined)?.Producer;
    if (typeof producer === 'string') info.producer = producer;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const view = page.getViewport({ scale: 1 });
      const content = await page.getTextContent();
      const items = (content.items as RawItem[]).filter((it) => typeof it.str === 'string' && it.str.trim() !== '');
      const facts = await collectPageFacts(page, items, view, OPS as unknown as Record<string, number>);
      pages.push({ number: n, width: view.width, height: view.height, lines: toLines(items, view.height, n, view.transform), items: items.length, facts });
      page.cleanup();
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Items → chunks → lines. Items whose baselines are within a third of their height share a line. */
function toLines(items: RawItem[], pageHeight: number, page: number, viewTransform: number[]): PdfLine[] {
  const rotated = viewTransform[1] !== 0 || viewTransform[2] !== 0;
  const chunks: Chunk[] = items.map((it) => {
    const [a = 0, b = 0, , d = 0, e = 0, f = 0] = it.transform;
    const size = Math.hypot(b, d) || Math.abs(a) || it.height || 10;
    if (rotated) {
      const [x, y] = applyTransform(viewTransform, e, f);
      return { text: it.str, x0: x, x1: x + it.width, y: y - size, height: size };
    }
    return { text: it.str, x0: e, x1: e + it.width, y: pageHeight - f - size, height: size };
  });
  chunks.sort((p, q) => p.y - q.y || p.x0 - q.x0);
  const lines: PdfLine[] = [];
  const ordered = chunks.every((c) => !Number.isNaN(c.y) && !Number.isNaN(c.x0));
  for (const c of chunks) {
    const tol = Math.max(2, c.height * 0.35);
    const line = ordered ? firstLineNear(lines, c.y, tol) : lines.find((l) => Math.abs(l.y - c.y) < tol);
    if (line) line.chunks.push(c);
    else lines.push({ page, y: c.y, chunks: [c], text: '' });
  }
  for (const l of lines) {
    l.chunks.sort((p, q) => p.x0 - q.x0);
    l.chunks = mergeChunks(l.chunks);
    l.text = l.chunks.map((c) => c.text).join(' ');
  }
  return lines.sort((p, q) => p.y - q.y);
}

/**
 * The first of `lines` within `tol` of `y`, as lines.find would give it, when the chunks come
 * sorted by y: the lines were then made in ascending y, all at or above y, so those near y are
 * the last ones.
 */
function firstLineNear(lines: PdfLine[], y: number, tol: number): PdfLine | undefined {
  let k = lines.length;
  while (k > 0 && Math.abs(lines[k - 1]!.y - y) < tol) k--;
  return lines[k];
}

function applyTransform(m: number[], x: number, y: number): [number, number] {
  return [m[0]! * x + m[2]! * y + m[4]!, m[1]! * x + m[3]! * y + m[5]!];
}

/** Adjacent items closer than a quarter of the text height are one chunk ("1,234" split in two items). */
function mergeChunks(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (const c of chunks) {
    const last = out[out.length - 1];
    if (last && c.x0 - last.x1 < Math.min(last.height, c.height) * 0.25) {
      last.text += c.text;
      last.x1 = Math.max(last.x1, c.x1);
      last.height = Math.max(last.height, c.height);
    } else out.push({ ...c });
  }
  return out;
}
