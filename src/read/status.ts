/**
 * How completely a document was read: the tables reported unread (with page and reason), whether
 * the reading is partial, and — for a PDF — which amounts printed on its table pages ended in no
 * cell and no note (the "no number lost" invariant, measured from the pages themselves, not from
 * the reader's own bookkeeping).
 */
import type { BudgetDocument } from '../model/document.js';
import { parseAmount } from '../model/money.js';
import { normalizeNumerals } from './text/normalize.js';
import type { PdfPage } from './pdf/extract.js';

export interface ReadStatus {
  /** Some table could not be read, or no table was found at all. */
  partly: boolean;
  /** One sentence per unread table: "第 12 页的《…》未能读出：…". */
  unread: string[];
}

export function readStatus(doc: BudgetDocument): ReadStatus {
  const unread = doc.notes.filter((n) => n.kind === 'unread-table').map((n) => n.message);
  const partly = unread.length > 0 || (doc.tables.length === 0 && doc.meta.source?.layout !== 'json');
  if (doc.tables.length === 0 && unread.length === 0) unread.push('文件中没有读出任何预算表（只读入了说明文字与元数据；表格可能另行公开）');
  return { partly, unread };
}

/** An amount as tables print it: grouped thousands or decimals (years, codes and page numbers are not). */
const AMOUNT = /^[-+]?(\d{1,3}(,\d{3})+(\.\d+)?|\d+\.\d+)$/;

export interface LostAmount {
  page: number;
  line: string;
  amount: string;
}

/** Lines of a page laid out as a table row: pieces far apart with an amount among them. */
function isTableRow(line: PdfPage['lines'][number]): boolean {
  const h = line.chunks[0]?.height ?? 10;
  const spread = line.chunks.some((c, k) => k > 0 && c.x0 - line.chunks[k - 1]!.x1 > h * 1.5);
  return spread && line.chunks.some((c) => c.text.split(/\s+/).some((t) => AMOUNT.test(t)));
}

/**
 * Amounts printed on the pages that hold tables (three or more rows of amounts in columns) that
 * the document holds nowhere: not a cell of a standard table (in 元 or 万元), not a cell of a
 * table kept whole, not in a note, not in the narrative.
 */
export function lostAmounts(doc: BudgetDocument, pages: PdfPage[]): LostAmount[] {
  const fen = new Set<number>();
  for (const t of doc.tables) for (const r of t.rows) for (const v of Object.values(r.cells)) fen.add(v);
  const texts = new Set<string>();
  const add = (s: string) => {
    for (const m of normalizeNumerals(s).matchAll(/[-+]?[\d,]*\.?\d+/g)) texts.add(String(Number(m[0].replace(/,/g, ''))));
  };
  for (const x of doc.extraTables) for (const cells of [...x.headers, ...x.rows]) cells.forEach(add);
  for (const n of doc.notes) add(n.message);
  for (const s of doc.narrative.sections) for (const p of s.paragraphs) add(p.text);
  const lost: LostAmount[] = [];
  for (const page of pages) {
    const rows = page.lines.filter(isTableRow);
    if (rows.length < 3) continue;
    const held = (token: string) => {
      if (texts.has(String(Number(token.replace(/,/g, ''))))) return true;
      const yuan = parseAmount(token, 'yuan');
      const wan = parseAmount(token, 'wanyuan');
      return (yuan !== null && fen.has(yuan)) || (wan !== null && fen.has(wan));
    };
    page.lines.forEach((line, i) => {
      for (const c of line.chunks) {
        for (const token of normalizeNumerals(c.text).split(/\s+/)) {
          if (!AMOUNT.test(token)) continue;
          if (held(token)) continue;
          // A number wrapped inside its cell ("21,118.5" over "9"): held with its other piece.
          const below = page.lines.slice(i + 1, i + 3).flatMap((l) => l.chunks).filter((d) => /^\.?\d+$/.test(d.text.trim()) && Math.min(d.x1, c.x1) - Math.max(d.x0, c.x0) > -4);
          if (below.some((d) => held(token + d.text.trim()))) continue;
          lost.push({ page: page.number, line: line.text.slice(0, 80), amount: token });
        }
      }
    });
  }
  return lost;
}
