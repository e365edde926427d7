/**
 * Test workbooks made by a tool that is not ours: the two seeds as HTML pages (tables, cover and
 * narrative on one page), opened by LibreOffice Calc and saved as XLSX
 * (`soffice --headless --infilter="HTML (StarCalc)" --convert-to xlsx`). Everything lands on one
 * sheet, each table spread over merged cells of its own column grid, codes and amounts as numbers.
 * Committed under test/fixtures/xlsx-libreoffice/; the XLSX importer must read them to the seeds'
 * hand-written cells. Run: npx tsx scripts/make-libreoffice-xlsx.ts (needs libreoffice-calc).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readDocument } from '../src/read/index.js';
import { documentHtml } from '../src/publish/html/document.js';

const out = new URL('../test/fixtures/xlsx-libreoffice/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'bb-xlsx-'));

for (const seed of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
  const doc = readDocument(new Uint8Array(readFileSync(new URL(`../examples/${seed}`, import.meta.url))), { catalogs: builtinCatalogs() });
  const base = seed.slice(0, 3);
  const html = join(work, `${base}.html`);
  writeFileSync(html, documentHtml(doc, { interactive: false }));
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, '--infilter=HTML (StarCalc)', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', work, html], { stdio: 'pipe' });
  renameSync(join(work, `${base}.xlsx`), join(out, `${base}.xlsx`));
  console.log(`${base}.xlsx`);
}
