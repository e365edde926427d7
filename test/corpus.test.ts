/**
 * Real disclosures of other provinces (../shared/docs, every file; ../shared/corpus, the first two
 * of each city): never all-or-nothing, and no number lost — every amount printed on a table page
 * ends in a cell, in a table kept whole, or in a note (measured from the pages by status.ts, not
 * from the reader's own bookkeeping).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readAnyDocument } from '../src/read/index.js';
import { extractPages } from '../src/read/pdf/extract.js';
import { lostAmounts, readStatus } from '../src/read/status.js';

const catalogs = builtinCatalogs();
const DOCS = new URL('../../shared/docs/', import.meta.url).pathname;
const CORPUS = new URL('../../shared/corpus/', import.meta.url).pathname;
const CITIES = ['shanghai', 'beijing', 'shenzhen', 'guangzhou', 'chongqing', 'suzhou'];

function sample(): string[] {
  const docs = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.pdf')).map((f) => DOCS + f) : [];
  const corpus = existsSync(CORPUS) ? readdirSync(CORPUS).filter((f) => f.endsWith('.pdf')).sort() : [];
  const some = CITIES.flatMap((c) => corpus.filter((f) => f.startsWith(c + '-')).slice(0, 2)).map((f) => CORPUS + f);
  return [...docs.sort(), ...some];
}

const files = sample();

describe.skipIf(files.length === 0)('real PDFs: read in part at worst, no amount lost', () => {
  for (const path of files) {
    const name = path.split('/').pop()!;
    it(name, async () => {
      const bytes = new Uint8Array(readFileSync(path));
      let doc;
      try {
        doc = await readAnyDocument(bytes, { fileName: name, catalogs, requireAllTables: false });
      } catch (e) {
        // Only a document with no budget in it may be refused: a 决算 template of headers without figures.
        expect(name).toBe('template-dept-final-accounts.pdf');
        return;
      }
      const lost = lostAmounts(doc, await extractPages(bytes));
      expect(lost.slice(0, 5), `${lost.length} amounts lost`).toEqual([]);
      const status = readStatus(doc);
      // An unread table says where and why.
      for (const u of status.unread) expect(u).toMatch(/第 \d+ 页的《.+》未能读出：|没有读出任何预算表/);
      if (name.startsWith('beijing-')) expect(doc.narrative.sections.length).toBeGreaterThan(0);
    }, 60_000);
  }
});
