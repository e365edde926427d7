/**
 * The Chinese font for PDFs: Noto Sans SC (Regular and Bold, TrueType outlines, SIL OFL 1.1) from
 * the npm package @expo-google-fonts/noto-sans-sc, so `npm ci` brings it and a PDF's bytes do not
 * depend on the fonts of the machine; or a TTF/OTF/TTC named by BUDGETBOOK_CJK_FONT.
 * pdfkit embeds only the glyphs used (subset), under a subset tag unique to the document.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';

export interface CjkFont {
  regular: { path: string; family?: string };
  bold: { path: string; family?: string };
}

export class FontError extends Error {}

const PACKAGE = '@expo-google-fonts/noto-sans-sc';

function packaged(file: string): string {
  try {
    return createRequire(import.meta.url).resolve(`${PACKAGE}/${file}`);
  } catch {
    throw new FontError(`找不到中文字体文件 ${PACKAGE}/${file}：请在项目目录运行 npm ci（或 npm install）安装依赖，或用 BUDGETBOOK_CJK_FONT 指定一个 TTF/OTF 字体文件。`);
  }
}

export function findCjkFont(): CjkFont {
  const env = process.env.BUDGETBOOK_CJK_FONT;
  if (env) {
    if (!existsSync(env)) throw new FontError(`BUDGETBOOK_CJK_FONT 指向的字体文件不存在：${env}。请改为一个存在的 TTF/OTF/TTC 文件，或去掉该变量改用随项目安装的 Noto Sans SC。`);
    const family = process.env.BUDGETBOOK_CJK_FONT_NAME;
    const f = family ? { path: env, family } : { path: env };
    return { regular: f, bold: f };
  }
  return { regular: { path: packaged('400Regular/NotoSansSC_400Regular.ttf') }, bold: { path: packaged('700Bold/NotoSansSC_700Bold.ttf') } };
}

const loaded = new Map<string, Promise<Buffer>>();

/** A font file's bytes, read once per process (each weight is ~10 MB). */
export function loadFontBytes(path: string): Promise<Buffer> {
  let bytes = loaded.get(path);
  if (!bytes) {
    bytes = readFile(path);
    loaded.set(path, bytes);
  }
  return bytes;
}

/** The subset pdfkit embeds for a font: glyph id in the subset → the code points it stands for. */
interface PdfkitEmbeddedFont {
  document: { ref(): { end(data: string): void } };
  unicode: number[][];
  toUnicodeCmap(): unknown;
  layout(text: string, features?: object, onlyWidth?: boolean): unknown;
  layoutRun(text: string, features?: object): unknown;
}

/** A glyph run as pdfkit's fonts lay it out (positions already scaled to 1000 units an em). */
interface Run {
  glyphs: unknown[];
  positions: { xAdvance: number }[];
  advanceWidth: number;
}

/** The font's parts the fast layout looks at (fontkit). */
interface FontkitFont {
  GSUB?: { featureList: { tag: string }[] };
  GPOS?: { featureList: { tag: string }[] };
  morx?: unknown;
  kern?: unknown;
}

/** Features fontkit's default shaper turns on for horizontal left-to-right text unless told otherwise. */
const DEFAULT_FEATURES = ['rvrn', 'ltra', 'ltrm', 'frac', 'numr', 'dnom', 'ccmp', 'locl', 'rlig', 'mark', 'mkmk', 'calt', 'clig', 'liga', 'rclt', 'curs', 'kern'];

/**
 * Characters whose glyph and advance do not depend on their neighbours when no OpenType feature
 * of the font applies: the scripts fontkit's default shaper handles (Latin, Han, kana, common
 * punctuation and symbols), without variation selectors, default-ignorables, the fraction slash,
 * combining marks, controls and Hangul (a shaper of its own).
 */
const CONTEXT_FREE = /^[\u0020-\u007e\u00a0-\u00ac\u00ae-\u024f\u2010-\u2027\u2030-\u2043\u2045-\u205e\u2070-\u2bff\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u3105-\u312f\u31c0-\u325f\u3280-\u9fff\uf900-\ufaff\uff01-\uff9f\uffe0-\uffee]*$/;

/**
 * pdfkit caches a text's layout only when no OpenType features are given; we always give them
 * (all off, publish/pdf/document.ts), so every width and every text call ran the font's whole
 * layout again — most of a PDF's time. Here, for a given features object:
 * - when none of the font's GSUB/GPOS features is on (Noto Sans SC with ours) and the text is
 *   context-free (CONTEXT_FREE), a text's run is its characters' glyphs and positions one after
 *   the other (each character laid out once by fontkit, those new to a text together), its width
 *   summed in the same order as fontkit sums it;
 * - otherwise the text's own run, kept for the next call with the same text.
 * The same glyphs and the same positions, so the same bytes; pdfkit copies a position before it
 * changes one.
 */
function cacheLayouts(font: PdfkitEmbeddedFont & { font: FontkitFont }): void {
  const layout = font.layout.bind(font);
  const caches = new WeakMap<object, { runs: Map<string, Run>; chars: Map<string, { glyph: unknown; position: { xAdvance: number } }> | undefined }>();
  const byCharacter = (features: Record<string, boolean>): boolean => {
    const f = font.font;
    if (f.morx || (f.kern && features.kern !== false)) return false;
    const on = new Set([...DEFAULT_FEATURES.filter((t) => features[t] !== false), ...Object.keys(features).filter((t) => features[t] === true)]);
    return ![...(f.GSUB?.featureList ?? []), ...(f.GPOS?.featureList ?? [])].some((x) => on.has(x.tag));
  };
  font.layout = (text, features, onlyWidth) => {
    if (!features || Array.isArray(features)) return layout(text, features, onlyWidth);
    let cache = caches.get(features);
    if (!cache) caches.set(features, (cache = { runs: new Map(), chars: byCharacter(features as Record<string, boolean>) ? new Map() : undefined }));
    const { runs, chars } = cache;
    if (chars && CONTEXT_FREE.test(text)) {
      // The characters not seen yet, laid out together (one fontkit call, not one a character).
      const fresh = [...new Set(text)].filter((c) => !chars.has(c));
      if (fresh.length) {
        const run = font.layoutRun(fresh.join(''), features) as Run;
        if (run.glyphs.length !== fresh.length) return layout(text, features, onlyWidth);
        fresh.forEach((c, i) => chars.set(c, { glyph: run.glyphs[i], position: run.positions[i]! }));
      }
      const glyphs: unknown[] = [];
      const positions: { xAdvance: number }[] = [];
      let advanceWidth = 0;
      for (const c of text) {
        const { glyph, position } = chars.get(c)!;
        glyphs.push(glyph);
        positions.push(position);
        advanceWidth += position.xAdvance;
      }
      return { glyphs, positions, advanceWidth };
    }
    let run = runs.get(text);
    if (run === undefined) runs.set(text, (run = font.layoutRun(text, features) as Run));
    return run;
  };
}

/**
 * Registers the CJK fonts as 'regular' and 'bold' on a pdfkit document, their ToUnicode maps
 * written the plainest way (see toUnicodeCmap below); 'regular' is the current font after it.
 */
export async function registerCjkFonts(pdf: PDFKit.PDFDocument): Promise<void> {
  const font = findCjkFont();
  const [regular, bold] = await Promise.all([loadFontBytes(font.regular.path), loadFontBytes(font.bold.path)]);
  pdf.registerFont('regular', regular, font.regular.family);
  pdf.registerFont('bold', bold, font.bold.family);
  for (const name of ['bold', 'regular']) {
    // pdfkit's own map (256-entry bfranges with arrays) is read wrongly by Ghostscript's pdfwrite,
    // which then writes a text layer of garbage; pdf.js and poppler read both forms alike.
    const embedded = (pdf.font(name) as unknown as { _font: PdfkitEmbeddedFont })._font;
    embedded.toUnicodeCmap = () => toUnicodeCmap(embedded);
    cacheLayouts(embedded as PdfkitEmbeddedFont & { font: FontkitFont });
  }
}

const hex4 = (n: number) => n.toString(16).padStart(4, '0');

/** A ToUnicode CMap of bfchar entries (at most 100 a block, as the CMap format allows), UTF-16BE. */
function toUnicodeCmap(font: PdfkitEmbeddedFont): unknown {
  const entries: string[] = [];
  font.unicode.forEach((codePoints, gid) => {
    if (gid === 0 || !codePoints?.length) return;
    const utf16 = codePoints.flatMap((cp) => (cp > 0xffff ? [0xd800 | ((cp - 0x10000) >>> 10), 0xdc00 | ((cp - 0x10000) & 0x3ff)] : [cp])).map(hex4).join('');
    entries.push(`<${hex4(gid)}> <${utf16}>`);
  });
  const blocks: string[] = [];
  for (let i = 0; i < entries.length; i += 100) {
    const block = entries.slice(i, i + 100);
    blocks.push(`${block.length} beginbfchar\n${block.join('\n')}\nendbfchar`);
  }
  const cmap = font.document.ref();
  cmap.end(
    [
      '/CIDInit /ProcSet findresource begin',
      '12 dict begin',
      'begincmap',
      '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
      '/CMapName /Adobe-Identity-UCS def',
      '/CMapType 2 def',
      '1 begincodespacerange',
      '<0000> <ffff>',
      'endcodespacerange',
      ...blocks,
      'endcmap',
      'CMapName currentdict /CMap defineresource pop',
      'end',
      'end',
    ].join('\n'),
  );
  return cmap;
}

/**
 * pdfkit names every subset from the font's position in the document ("BZZZZZ+…"), so every
 * PDF it makes carries the same tags; tools that merge or re-distill PDFs (Ghostscript, qpdf)
 * take two subsets with one tag for one font. This gives each subset a tag derived from the
 * document's bytes and the old tag: unique per document, the same for the same document.
 * Tags are six capitals in names (/ABCDEF+Name) and keep their length, so offsets stay valid.
 */
export function uniqueSubsetTags(pdf: Uint8Array): Uint8Array {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const digest = createHash('sha256').update(pdf).digest();
  const names = new Set([...text.matchAll(/\/(?:BaseFont|FontName) \/([A-Z]{6}\+[^\s/<>[\]()%{}]+)/g)].map((m) => m[1]!));
  let out = text;
  for (const name of names) {
    const h = createHash('sha256').update(digest).update(name).digest();
    const tag = [...h.subarray(0, 6)].map((b) => String.fromCharCode(65 + (b % 26))).join('');
    out = out.replaceAll(`/${name}`, `/${tag}${name.slice(6)}`);
  }
  return new Uint8Array(Buffer.from(out, 'latin1'));
}
