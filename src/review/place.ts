/**
 * A finding at a paragraph's first line moved to the printed line its quoted words are on, looked
 * up in the page's text as pdf.js gives it (apart from review.ts, so that the crop child loads
 * pdf.js and not the checker).
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import type { PageRenderer } from './render.js';

/** A few characters of the quoted words that should stand on one printed line. */
function probes(sentence: string): string[] {
  const plain = sentence.replace(/^…|…$/g, '').replace(/\s+/g, '');
  const mid = Math.floor(plain.length / 2);
  return [plain.slice(Math.max(0, mid - 4), mid + 4), plain.slice(0, 8), plain.slice(-8)].filter((s) => s.length >= 4);
}

/** Moves a finding at a paragraph's first line to the line its quoted words are printed on. */
export async function refinePlaces(doc: BudgetDocument, findings: Finding[], renderer: PageRenderer): Promise<Finding[]> {
  if (!doc.pages?.length) return findings;
  const out: Finding[] = [];
  for (const f of findings) {
    const loc = f.location;
    if (loc.page === undefined || !loc.sentence || loc.table) {
      out.push(f);
      continue;
    }
    let placed: Finding | undefined;
    for (const page of [loc.page, loc.page + 1]) {
      if (page > doc.pages.length) break;
      const lines = await renderer.textLines(page);
      const from = page === loc.page ? Math.max(0, (loc.box?.y0 ?? 0) - 2) : 0;
      const hit = probes(loc.sentence)
        .map((p) => lines.find((l) => l.box.y0 >= from && l.text.replace(/\s+/g, '').includes(p)))
        .find((l) => l);
      if (!hit) continue;
      const facts = doc.pages[page - 1]!;
      const idx = facts.lines.findIndex(([, y]) => Math.abs(y - hit.box.y0) < 3);
      placed = { ...f, location: { ...loc, page, box: hit.box, ...(idx >= 0 ? { pageLine: idx + 1 } : {}) } };
      break;
    }
    out.push(placed ?? f);
  }
  return out;
}

