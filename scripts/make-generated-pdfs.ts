/**
 * Test PDFs made by a tool that is not ours: the two seeds written as HTML (and from HTML as
 * DOCX) and as XLSX in several layouts, converted to PDF by LibreOffice
 * (`soffice --headless --convert-to pdf`, Debian package). Committed under
 * test/fixtures/pdf-generated/; the PDF importer must read them to the seeds' hand-written cells.
 * Run: npx tsx scripts/make-generated-pdfs.ts
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readDocument } from '../src/read/index.js';
import { documentHtml, type DocumentHtmlOptions } from '../src/publish/html/document.js';

const out = new URL('../test/fixtures/pdf-generated/', import.meta.url).pathname;
mkdirSync(out, { recursive: true });
const work = mkdtempSync(join(tmpdir(), 'bb-pdf-'));

/** Layouts: tables one per page, a landscape appendix, tables breaking across pages (large type), 万元. */
const VARIANTS: Record<string, DocumentHtmlOptions> = {
  'table-per-page': { tablePerPage: true, page: 'a4-landscape' },
  landscape: { page: 'a4-landscape', zeros: true },
  split: { page: 'a4-landscape', extraCss: 'table.budget { font-size: 15pt; } body { font-size: 14pt; }' },
  wanyuan: { page: 'a4-landscape', unit: 'wanyuan', zeros: true },
};

function soffice(input: string, to: string): string {
  execFileSync('soffice', ['--headless', '--norestore', `-env:UserInstallation=file://${work}/profile`, '--convert-to', to, '--outdir', work, input], { stdio: 'pipe' });
  return join(work, input.split('/').pop()!.replace(/\.[^.]+$/, `.${to.split(':')[0]}`));
}

for (const seed of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
  const doc = readDocument(new Uint8Array(readFileSync(new URL(`../examples/${seed}`, import.meta.url))), { catalogs: builtinCatalogs() });
  for (const [name, options] of Object.entries(VARIANTS)) {
    const base = `${seed.slice(0, 3)}-${name}`;
    const html = join(work, `${base}.html`);
    writeFileSync(html, documentHtml(doc, { ...options, interactive: false }));
    renameSync(soffice(html, 'pdf:writer_web_pdf_Export'), join(out, `${base}.pdf`));
    console.log(`${base}.pdf`);
  }
  // DOCX written by LibreOffice from the HTML, then printed from Writer.
  const html = join(work, `${seed.slice(0, 3)}-docx.html`);
  writeFileSync(html, documentHtml(doc, { ...VARIANTS['table-per-page'], interactive: false }));
  const docx = soffice(html, 'docx:MS Word 2007 XML');
  renameSync(soffice(docx, 'pdf'), join(out, `${seed.slice(0, 3)}-docx.pdf`));
  console.log(`${seed.slice(0, 3)}-docx.pdf`);
}
