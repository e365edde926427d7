/**
 * What a reader of the printed page would notice, per PDF page: how much text it shows, glyphs
 * drawn with no character behind them (a font without a usable ToUnicode map gives pdf.js
 * control codes; private-use and U+FFFD characters are no better), text placed beyond the page
 * box (a table cut off at the edge), and whether a page with little text carries an image.
 * Collected while the pages are extracted (extract.ts); turned into the document's `pages`
 * (model/document.ts) with the line numbers the rest of the reader gave the lines (import.ts).
 */
import type { DocumentPage } from '../../model/document.js';
import type { Line } from '../text/segment.js';

export interface Box {
  x0: number;
  x1: number;
  y: number;
  height: number;
}

export interface RawPageFacts {
  /** Runs of characters that do not display: control codes, private use, U+FFFD. */
  undisplayable: (Box & { count: number; text: string; font?: string })[];
  /** Fonts (their PDF names) whose glyphs came out without characters. */
  fontsWithoutUnicode: string[];
  /** Text whose box lies (partly) outside the page. */
  beyond: (Box & { text: string })[];
  /** Images drawn on the page; counted only on pages with little text (undefined otherwise). */
  images?: number;
  /** Glyphs drawn in fonts without characters, counted in the drawing (pdf.js's text drops some of them). */
  glyphsWithoutText?: number;
}

interface Item {
  str: string;
  transform: number[];
  width: number;
  height: number;
  fontName?: string;
}

interface PageLike {
  getOperatorList(): Promise<{ fnArray: number[]; argsArray: unknown[][] }>;
  commonObjs: { get(id: string): unknown; has(id: string): boolean };
}

/** A character that shows nothing a reader can use. */
export const UNDISPLAYABLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\uE000-\uF8FF\uFFFD]/;

/**
 * One page's facts. `ops` are pdf.js's OPS codes; the operator list (slow) is fetched only when
 * the page has little text (is it an image?) or glyphs without characters (which font?).
 */
export async function collectPageFacts(page: PageLike, items: Item[], view: { width: number; height: number; transform: number[] }, ops: Record<string, number>): Promise<RawPageFacts> {
  const rotated = view.transform[1] !== 0 || view.transform[2] !== 0;
  const facts: RawPageFacts = { undisplayable: [], fontsWithoutUnicode: [], beyond: [] };
  // A font whose glyphs come out as control codes has no usable ToUnicode at all: every glyph it
  // draws is meaningless text, not only the codes below 32 (pdf.js maps the glyph ids one to one).
  const badFonts = new Set(items.filter((it) => it.fontName && /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(it.str ?? '')).map((it) => it.fontName!));
  let textChars = 0;
  for (const it of items) {
    if (typeof it.str !== 'string' || it.str.trim() === '') continue;
    textChars += it.str.replace(/\s/g, '').length;
    if (rotated) continue;
    const [a = 0, b = 0, , d = 0, e = 0, f = 0] = it.transform;
    const size = Math.hypot(b, d) || Math.abs(a) || it.height || 10;
    const box: Box = { x0: e, x1: e + it.width, y: view.height - f - size, height: size };
    const whole = it.fontName !== undefined && badFonts.has(it.fontName);
    const bad = whole ? [...it.str] : UNDISPLAYABLE.test(it.str) ? [...it.str].filter((c) => UNDISPLAYABLE.test(c)) : [];
    if (bad.length > 0) {
      const last = facts.undisplayable[facts.undisplayable.length - 1];
      const text = [...it.str].map((c) => (whole || UNDISPLAYABLE.test(c) ? '□' : c)).join('');
      if (last && Math.abs(last.y - box.y) < size * 0.35 && box.x0 - last.x1 < size * 2) {
        last.x1 = Math.max(last.x1, box.x1);
        last.count += bad.length;
        last.text += text;
      } else facts.undisplayable.push({ ...box, count: bad.length, text, ...(it.fontName ? { font: it.fontName } : {}) });
    }
    const tol = 1;
    if (box.x1 > view.width + tol || box.x0 < -tol || box.y < -tol || box.y + box.height > view.height + tol) {
      const last = facts.beyond[facts.beyond.length - 1];
      if (last && Math.abs(last.y - box.y) < size * 0.35) {
        last.text += ` ${it.str}`;
        last.x0 = Math.min(last.x0, box.x0);
        last.x1 = Math.max(last.x1, box.x1);
      } else facts.beyond.push({ ...box, text: it.str });
    }
  }
  if (textChars <= 20 || badFonts.size > 0) {
    try {
      const list = await page.getOperatorList();
      const imageOps = new Set([ops.paintImageXObject, ops.paintInlineImageXObject, ops.paintImageMaskXObject, ops.paintImageXObjectRepeat, ops.paintInlineImageXObjectGroup].filter((x): x is number => x !== undefined));
      facts.images = list.fnArray.filter((fn) => imageOps.has(fn)).length;
      if (badFonts.size > 0) {
        let font: string | undefined;
        let glyphs = 0;
        list.fnArray.forEach((fn, i) => {
          const args = list.argsArray[i] ?? [];
          if (fn === ops.setFont) font = String(args[0]);
          else if ((fn === ops.showText || fn === ops.showSpacedText) && font && badFonts.has(font) && Array.isArray(args[0])) glyphs += (args[0] as unknown[]).filter((g) => g !== null && typeof g === 'object').length;
        });
        if (glyphs > 0) facts.glyphsWithoutText = glyphs;
      }
      const names = new Map<string, string>();
      for (const id of badFonts) {
        const font = page.commonObjs.has(id) ? (page.commonObjs.get(id) as { name?: string } | undefined) : undefined;
        names.set(id, font?.name ?? id);
      }
      facts.fontsWithoutUnicode = [...new Set(names.values())];
      for (const u of facts.undisplayable) if (u.font) u.font = names.get(u.font) ?? u.font;
    } catch {
      // A page whose drawing pdf.js cannot list keeps the facts its text gave.
    }
  } else facts.fontsWithoutUnicode = [];
  return facts;
}

const round = (n: number) => Math.round(n * 10) / 10;

/**
 * The document's pages: each page's facts with its lines as the reader numbered them (`no`, the
 * line number findings carry), so a finding at a line can be shown on its page.
 */
export function documentPages(
  pages: { number: number; width: number; height: number; items: number; facts?: RawPageFacts; lines: { y: number; chunks: { x0: number; x1: number; height: number }[] }[] }[],
  lines: Line[],
): DocumentPage[] {
  const byPage = new Map<number, Line[]>();
  for (const l of lines) if (l.page !== undefined) byPage.set(l.page, [...(byPage.get(l.page) ?? []), l]);
  return pages.map((p) => {
    const heights = new Map(p.lines.map((l) => [l.y, Math.max(...l.chunks.map((c) => c.height))]));
    const body = byPage.get(p.number) ?? [];
    const all = p.lines.flatMap((l) => l.chunks.map((c) => ({ ...c, y: l.y })));
    const extent = all.length
      ? { x0: round(Math.min(...all.map((c) => c.x0))), y0: round(Math.min(...all.map((c) => c.y))), x1: round(Math.max(...all.map((c) => c.x1))), y1: round(Math.max(...all.map((c) => c.y + c.height))) }
      : undefined;
    const text = body.map((l) => l.text).join(' ');
    const facts = p.facts;
    const page: DocumentPage = {
      number: p.number,
      width: round(p.width),
      height: round(p.height),
      textItems: p.items,
      chars: text.replace(/\s/g, '').length,
      sample: text.length > 60 ? `${text.slice(0, 60)}…` : text,
      lines: body.map((l) => {
        const xs = l.chunks ?? [];
        return [l.no, round(l.y ?? 0), round(xs[0]?.x0 ?? 0), round(xs[xs.length - 1]?.x1 ?? 0), round(heights.get(l.y ?? -1) ?? 10)] as [number, number, number, number, number];
      }),
      ...(extent ? { extent } : {}),
      ...(facts?.images !== undefined ? { images: facts.images } : {}),
      ...(facts?.glyphsWithoutText !== undefined ? { glyphsWithoutText: facts.glyphsWithoutText } : {}),
      ...(facts?.undisplayable.length ? { undisplayable: facts.undisplayable.map((u) => ({ x0: round(u.x0), x1: round(u.x1), y: round(u.y), height: round(u.height), count: u.count, text: u.text.slice(0, 80), ...(u.font ? { font: u.font } : {}) })) } : {}),
      ...(facts?.fontsWithoutUnicode.length ? { fontsWithoutUnicode: facts.fontsWithoutUnicode } : {}),
      ...(facts?.beyond.length ? { beyond: facts.beyond.map((b) => ({ x0: round(b.x0), x1: round(b.x1), y: round(b.y), height: round(b.height), text: b.text.slice(0, 80) })) } : {}),
    };
    return page;
  });
}
