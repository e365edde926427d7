/**
 * A published PDF survives what a bureau does to it before posting: Ghostscript pdfwrite (the
 * usual compress / PDF-A step), qpdf --linearize, and merging with another PDF (then re-distilled).
 * After each, pdftotext gives the same text and our importer the same hand-written cells; each
 * document's font subsets carry tags of their own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { readAnyDocument } from '../src/read/index.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { documentPdf } from '../src/publish/pdf/document.js';
import { documentCharts } from '../src/publish/charts/charts.js';
import { exampleBytes, fixture, importBytes, SEED_000, SEED_003 } from './helpers.js';
import { missingTools } from './tools.js';

const catalogs = builtinCatalogs();
const missing = missingTools(['gs', 'qpdf', 'pdftotext']);
const dir = mkdtempSync(join(tmpdir(), 'budgetbook-pdfpost-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] }).toString();
/**
 * pdftotext in content order (-raw), and in -layout with runs of spaces as one: Ghostscript
 * rounds text positions, which moves a right-aligned figure by a column in -layout's grid (and a
 * chart label by a line: blank lines are collapsed too).
 */
const text = (file: string, first?: number, last?: number) => {
  const range = first ? ['-f', String(first), '-l', String(last)] : [];
  const layout = run('pdftotext', [...range, '-layout', file, '-']).replace(/ +/g, ' ').replace(/\n\s*\n/g, '\n\n');
  return `${run('pdftotext', [...range, '-raw', file, '-'])}\n---\n${layout}`;
};
const pages = (file: string) => Number(run('qpdf', ['--show-npages', file]).trim());
const distil = (from: string, to: string) => run('gs', ['-q', '-dNOPAUSE', '-dBATCH', '-dSAFER', '-sDEVICE=pdfwrite', `-sOutputFile=${to}`, from]);
const cellsOf = async (file: string) => cellsCsv(await readAnyDocument(new Uint8Array(readFileSync(join(dir, file))), { fileName: file, catalogs }));

async function publish(seed: string, name: string): Promise<Uint8Array> {
  const doc = importBytes(exampleBytes(seed), seed);
  const pdf = await documentPdf(doc, { charts: documentCharts(doc) });
  writeFileSync(join(dir, `${name}.pdf`), pdf);
  return pdf;
}

const subsetNames = (pdf: Uint8Array) => [...new Set([...new TextDecoder('latin1').decode(pdf).matchAll(/\/BaseFont \/([A-Z]{6})\+(\S+?)[\s/>]/g)].map((m) => `${m[1]}+${m[2]}`))];

describe.skipIf(!!missing)(`PDF after Ghostscript, qpdf and merging${missing ? `（${missing}）` : ''}`, () => {
  const published = Promise.all([publish(SEED_000, 'a'), publish(SEED_003, 'b')]);

  it('gives each document subset tags of its own', async () => {
    const [a, b] = await published;
    const [na, nb] = [subsetNames(a), subsetNames(b)];
    expect(na.map((n) => n.slice(7)).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    expect(nb.map((n) => n.slice(7)).sort()).toEqual(['NotoSansSC-Bold', 'NotoSansSC-Regular']);
    for (const n of na) expect(nb).not.toContain(n);
    expect(new Set(na.map((n) => n.slice(0, 6))).size).toBe(2);
  });

  it.each([
    ['a', '000'],
    ['b', '003'],
  ])('%s: the same text and cells after gs pdfwrite and after qpdf --linearize', async (name, expected) => {
    await published;
    distil(`${name}.pdf`, `${name}-gs.pdf`);
    run('qpdf', ['--linearize', `${name}.pdf`, `${name}-lin.pdf`]);
    const original = text(`${name}.pdf`);
    expect(original).toContain('一般公共预算');
    expect(text(`${name}-gs.pdf`)).toBe(original);
    expect(text(`${name}-lin.pdf`)).toBe(original);
    expect(await cellsOf(`${name}-gs.pdf`)).toBe(fixture(`expected/${expected}.cells.csv`));
    expect(await cellsOf(`${name}-lin.pdf`)).toBe(fixture(`expected/${expected}.cells.csv`));
  });

  it('merged with another document, then re-distilled: each part keeps its text and cells', async () => {
    await published;
    run('qpdf', ['--empty', '--pages', 'a.pdf', 'b.pdf', '--', 'merged.pdf']);
    distil('merged.pdf', 'merged-gs.pdf');
    const na = pages('a.pdf');
    const nb = pages('b.pdf');
    expect(pages('merged-gs.pdf')).toBe(na + nb);
    for (const merged of ['merged.pdf', 'merged-gs.pdf']) {
      expect(text(merged, 1, na)).toBe(text('a.pdf'));
      expect(text(merged, na + 1, na + nb)).toBe(text('b.pdf'));
    }
    run('qpdf', ['--empty', '--pages', 'merged-gs.pdf', `1-${na}`, '--', 'part-a.pdf']);
    run('qpdf', ['--empty', '--pages', 'merged-gs.pdf', `${na + 1}-z`, '--', 'part-b.pdf']);
    expect(await cellsOf('part-a.pdf')).toBe(fixture('expected/000.cells.csv'));
    expect(await cellsOf('part-b.pdf')).toBe(fixture('expected/003.cells.csv'));
  });
});
