/**
 * Issue 17, print grade: the published PDF is tagged — a structure tree in reading order (the
 * 目录 after the cover, parts with headings, tables with header cells, charts as figures with
 * alternative text), /Lang zh-CN, marked, identified as PDF/UA in its metadata — and everything
 * drawn on a page is either tagged content or an artifact (rules, shading, leaders, page numbers).
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { publishDocument } from '../src/publish/index.js';
import { exampleText, importText, SEED_000 } from './helpers.js';
import { missingTools } from './tools.js';

const catalogs = builtinCatalogs();

type Node = { role?: string; alt?: string; type?: string; children?: Node[] };
const roles = (n: Node, out: string[] = []): string[] => {
  if (n.role) out.push(n.role);
  for (const c of n.children ?? []) roles(c, out);
  return out;
};
const find = (n: Node, role: string, out: Node[] = []): Node[] => {
  if (n.role === role) out.push(n);
  for (const c of n.children ?? []) find(c, role, out);
  return out;
};

describe('seed 000 published as a tagged PDF', async () => {
  const doc = importText(exampleText(SEED_000), 'x.txt');
  const [file] = await publishDocument(doc, { catalogs, formats: ['pdf'], force: true });
  const bytes = file!.bytes;

  it('is marked, in zh-CN, identified as PDF/UA, with the structure of each page in reading order', async () => {
    const pdf = await getDocument({ data: bytes.slice(), verbosity: 0 }).promise;
    expect(((await pdf.getMetadata()).info as { Language?: string }).Language).toBe('zh-CN');
    expect((await pdf.getMarkInfo())?.Marked).toBe(true);
    expect(new TextDecoder('latin1').decode(bytes)).toContain('<pdfuaid:part>1</pdfuaid:part>');
    const trees: Node[] = [];
    for (let n = 1; n <= pdf.numPages; n++) trees.push(((await (await pdf.getPage(n)).getStructTree()) ?? {}) as Node);
    // Cover: the title as the first heading; page 2: the 目录, one TOCI with a Link per entry.
    expect(roles(trees[0]!)).toEqual(expect.arrayContaining(['Document', 'Sect', 'H1', 'P']));
    expect(find(trees[1]!, 'TOC')).toHaveLength(1);
    expect(find(trees[1]!, 'TOCI').length).toBe(find(trees[1]!, 'Link').length);
    expect(find(trees[1]!, 'TOCI').length).toBeGreaterThan(20);
    // Every one of the nine tables is a Table with header cells and data cells.
    const all = trees.flatMap((t) => roles(t));
    expect(all.filter((r) => r === 'Table').length).toBeGreaterThanOrEqual(doc.tables.length);
    for (const t of trees.filter((t) => find(t, 'Table').length)) {
      expect(find(t, 'TR').length).toBeGreaterThan(0);
      expect(find(t, 'TD').length).toBeGreaterThan(0);
    }
    expect(all).toContain('TH');
    // Each chart is a Figure whose alternative text names it and what it shows.
    const figures = trees.flatMap((t) => find(t, 'Figure'));
    expect(figures).toHaveLength(5);
    expect(figures[0]!.alt).toContain('2025年收入预算构成');
    expect(figures[0]!.alt).toContain('25780.13 万元');
    for (const f of figures) expect(f.alt).toMatch(/^图表：/);
    await pdf.destroy();
  });

  const missing = missingTools(['qpdf']);
  it.skipIf(!!missing)(`leaves nothing drawn outside tagged content or artifacts${missing ? `（${missing}）` : ''}`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetbook-tagged-'));
    writeFileSync(join(dir, 'a.pdf'), bytes);
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'a.pdf'), join(dir, 'q.pdf')]);
    const qdf = readFileSync(join(dir, 'q.pdf'), 'latin1');
    const pages = qdf.split(/%% Contents for page \d+\n/).slice(1);
    expect(pages.length).toBeGreaterThan(20);
    const outside: string[] = [];
    let marked = 0;
    for (const page of pages) {
      let depth = 0;
      for (const line of page.split(/\nendstream/)[0]!.split('\n').map((l) => l.trim())) {
        if (/\b(BDC|BMC)$/.test(line)) depth++;
        else if (line === 'EMC') depth--;
        else if (/\b(TJ|Tj|re|f|S|B|Do|sh)$/.test(line)) {
          if (depth === 0) outside.push(line.slice(0, 40));
          else marked++;
        }
      }
    }
    expect(marked).toBeGreaterThan(1000);
    expect(outside).toEqual([]);
  });
});
