/**
 * The real page, drawn: pdf.js renders a PDF page in Node onto a canvas from @napi-rs/canvas
 * (pdf.js's own optional dependency, which its Node build uses by itself: prebuilt Skia, no
 * system libraries), and the crop around a finding's place is cut out with the place boxed in red.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { assetOptions } from '../read/pdf/extract.js';

export interface Place {
  page: number;
  box?: { x0: number; y0: number; x1: number; y1: number };
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

const PAGES_KEPT = 6;

export class PageRenderer {
  private doc: Awaited<ReturnType<PdfJs['getDocument']>['promise']> | undefined;
  private readonly pages = new Map<number, { canvas: Canvas; scale: number; width: number; height: number }>();

  constructor(
    private readonly bytes: Uint8Array,
    private readonly scale = 2,
  ) {}

  private async open() {
    if (!this.doc) {
      const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
      this.doc = await getDocument({ data: new Uint8Array(this.bytes), verbosity: 0, isEvalSupported: false, ...(await assetOptions()) }).promise;
    }
    return this.doc;
  }

  private async page(n: number) {
    const cached = this.pages.get(n);
    if (cached) {
      this.pages.delete(n);
      this.pages.set(n, cached);
      return cached;
    }
    const doc = await this.open();
    const page = await doc.getPage(n);
    const view = page.getViewport({ scale: this.scale });
    const canvas = createCanvas(Math.ceil(view.width), Math.ceil(view.height));
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff';
    context.fillRect(0, 0, canvas.width, canvas.height);
    // pdf.js draws on any 2D context with the browser canvas API; @napi-rs/canvas provides it.
    await page.render({ canvasContext: context as unknown as CanvasRenderingContext2D, viewport: view, canvas: canvas as unknown as HTMLCanvasElement }).promise;
    page.cleanup();
    const out = { canvas, scale: this.scale, width: view.width / this.scale, height: view.height / this.scale };
    this.pages.set(n, out);
    // A few drawn pages at a time (a page at scale 2 is some 8 MB outside the V8 heap): crops come page by page.
    if (this.pages.size > PAGES_KEPT) this.pages.delete(this.pages.keys().next().value!);
    return out;
  }

  /** A PNG of the place: the box with a margin (the whole page width for lines), the box outlined in red. */
  async crop(place: Place): Promise<Buffer> {
    const { canvas, scale, width, height } = await this.page(place.page);
    const box = place.box ?? { x0: 0, y0: 0, x1: width, y1: height };
    const margin = 24;
    const x0 = Math.max(0, Math.min(box.x0, 36) - 6);
    const x1 = Math.min(width, Math.max(box.x1, width - 36) + 6);
    const y0 = Math.max(0, box.y0 - margin * (box.y1 >= height - 1 ? 6 : 2));
    // At the page's edge (text cut off) show more of the page, so the reader sees where the visible text starts.
    const atEdge = box.y0 <= 1 || box.y1 >= height - 1;
    const y1 = Math.min(height, Math.max(box.y1 + margin * (atEdge ? 6 : 2), y0 + 60));
    const w = Math.max(1, Math.round((x1 - x0) * scale));
    const h = Math.max(1, Math.round((y1 - y0) * scale));
    const out = createCanvas(w, h);
    const ctx = out.getContext('2d');
    ctx.drawImage(canvas, Math.round(x0 * scale), Math.round(y0 * scale), w, h, 0, 0, w, h);
    ctx.strokeStyle = '#d00';
    ctx.lineWidth = 3;
    const bx0 = (Math.max(0, box.x0) - x0) * scale - 4;
    const by0 = (Math.max(0, box.y0) - y0) * scale - 4;
    ctx.strokeRect(bx0, by0, (Math.min(width, box.x1) - Math.max(0, box.x0)) * scale + 8, (Math.min(height, box.y1) - Math.max(0, box.y0)) * scale + 8);
    return out.encode('png');
  }

  /** The page's lines of text with their boxes (to find the line a quoted sentence is on). */
  async textLines(n: number): Promise<{ text: string; box: { x0: number; y0: number; x1: number; y1: number } }[]> {
    const doc = await this.open();
    const page = await doc.getPage(n);
    const height = page.getViewport({ scale: 1 }).height;
    const content = await page.getTextContent();
    const items = (content.items as { str: string; transform: number[]; width: number }[]).filter((i) => typeof i.str === 'string' && i.str.trim());
    const lines: { text: string; box: { x0: number; y0: number; x1: number; y1: number } }[] = [];
    for (const it of items) {
      const size = Math.hypot(it.transform[2] ?? 0, it.transform[3] ?? 0) || 10;
      const y0 = height - (it.transform[5] ?? 0) - size;
      const line = lines.find((l) => Math.abs(l.box.y0 - y0) < size * 0.35);
      const x0 = it.transform[4] ?? 0;
      if (line) {
        line.text += it.str;
        line.box.x0 = Math.min(line.box.x0, x0);
        line.box.x1 = Math.max(line.box.x1, x0 + it.width);
      } else lines.push({ text: it.str, box: { x0, y0, x1: x0 + it.width, y1: y0 + size } });
    }
    return lines.sort((a, b) => a.box.y0 - b.box.y0);
  }

  async close(): Promise<void> {
    await this.doc?.destroy();
    this.pages.clear();
  }
}
