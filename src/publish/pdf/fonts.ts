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
