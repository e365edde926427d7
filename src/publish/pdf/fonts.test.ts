import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import PDFDocument from 'pdfkit';
import { registerCjkFonts } from './fonts.js';

/** The features the PDF gives every text call (document.ts): all of fontkit's defaults off. */
const PLAIN = Object.fromEntries(['ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern', 'vert', 'palt'].map((f) => [f, false]));

interface Laid {
  glyphs: { id: number; codePoints: number[] }[];
  positions: Record<string, number>[];
  advanceWidth: number;
}
interface Embedded {
  layout(text: string, features?: object, onlyWidth?: boolean): Laid;
  /** pdfkit's own: fontkit's layout of the whole text, scaled. */
  layoutRun(text: string, features?: object): Laid;
}

async function fonts(): Promise<Embedded[]> {
  const pdf = new PDFDocument();
  await registerCjkFonts(pdf);
  return ['regular', 'bold'].map((name) => (pdf.font(name) as unknown as { _font: Embedded })._font);
}

const seedLines = (name: string) =>
  readFileSync(new URL(`../../../examples/${name}`, import.meta.url), 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** What pdfkit and fontkit make of a text, as plain values. */
const shape = (r: Laid) => ({ ids: r.glyphs.map((g) => g.id), codePoints: r.glyphs.map((g) => g.codePoints), positions: r.positions.map((p) => ({ ...p })), advanceWidth: r.advanceWidth });

describe('the PDF font layout (a text by its characters, cached)', () => {
  it('gives every line of both seeds the glyphs, positions and width fontkit gives the whole line', async () => {
    const texts = [...seedLines('000_29c3f64a6006ec81.txt'), ...seedLines('003_91fd8cb34c22987a.txt')];
    expect(texts.length).toBeGreaterThan(500);
    for (const font of await fonts()) {
      for (const t of texts) {
        const fast = font.layout(t, PLAIN);
        expect(shape(fast)).toEqual(shape(font.layoutRun(t, PLAIN)));
        // The width alone (widthOfString) and a second call (cached) agree to the last bit.
        expect(font.layout(t, PLAIN, true).advanceWidth).toBe(font.layoutRun(t, PLAIN).advanceWidth);
      }
    }
  });

  it('lays out as fontkit does what depends on its neighbours: variation selectors, combining marks, fraction slash, Hangul, surrogates, tabs', async () => {
    const texts = ['、\uFE01。\uFE01（Noto Sans SC 另有字形）', '葛\u{E0100}葛', '一\uFE00二', 'e\u0301t\u00E9', '1\u20442 与 ½', '한국어 예산', '𠀋𠀍 预算', 'a\tb', '零宽\u200B空格', '软\u00AD连字符', ''];
    for (const font of await fonts()) {
      for (const t of texts) {
        expect(shape(font.layout(t, PLAIN))).toEqual(shape(font.layoutRun(t, PLAIN)));
        expect(shape(font.layout(t, PLAIN))).toEqual(shape(font.layoutRun(t, PLAIN)));
      }
    }
  });

  it('leaves texts laid out without features to pdfkit (its own cache, word by word)', async () => {
    const [regular] = await fonts();
    const t = '预算 2025 年';
    expect(regular!.layout(t).advanceWidth).toBe(regular!.layoutRun('预算 ').advanceWidth + regular!.layoutRun('2025 ').advanceWidth + regular!.layoutRun('年').advanceWidth);
  });
});
