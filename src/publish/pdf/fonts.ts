/**
 * The Chinese font for PDFs: Noto Sans CJK SC from the system (Debian fonts-noto-cjk), or a
 * TTF/OTF/TTC named by BUDGETBOOK_CJK_FONT. pdfkit embeds only the glyphs used (subset).
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';

export interface CjkFont {
  regular: { path: string; family?: string };
  bold: { path: string; family?: string };
}

const CANDIDATES: CjkFont[] = [
  {
    regular: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    bold: { path: '/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
  },
  {
    regular: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc', family: 'NotoSansCJKsc-Regular' },
    bold: { path: '/usr/share/fonts/noto-cjk/NotoSansCJK-Bold.ttc', family: 'NotoSansCJKsc-Bold' },
  },
];

export class FontError extends Error {}

export function findCjkFont(): CjkFont {
  const env = process.env.BUDGETBOOK_CJK_FONT;
  if (env) {
    if (!existsSync(env)) throw new FontError(`BUDGETBOOK_CJK_FONT 指向的字体文件不存在：${env}`);
    const family = process.env.BUDGETBOOK_CJK_FONT_NAME;
    const f = family ? { path: env, family } : { path: env };
    return { regular: f, bold: f };
  }
  const found = CANDIDATES.find((c) => existsSync(c.regular.path));
  if (!found) {
    throw new FontError('找不到中文字体（Noto Sans CJK）。请安装：apt-get install -y fonts-noto-cjk，或用 BUDGETBOOK_CJK_FONT 指定一个 TTF/OTF 字体文件。');
  }
  return existsSync(found.bold.path) ? found : { regular: found.regular, bold: found.regular };
}

const loaded = new Map<string, Promise<Buffer>>();

/** A font file's bytes, read once per process (the CJK collections are ~20 MB). */
export function loadFontBytes(path: string): Promise<Buffer> {
  let bytes = loaded.get(path);
  if (!bytes) {
    bytes = readFile(path);
    loaded.set(path, bytes);
  }
  return bytes;
}
