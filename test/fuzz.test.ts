/**
 * A bounded fuzz run (bench/fuzz.ts) as part of the tests: 200 mutants of the text seeds, their
 * JSON, the LibreOffice workbooks and small PDFs (the real PDFs take seconds each; `npm run fuzz`
 * runs those), each read in isolation. None may crash, hang or go over the memory limit.
 */
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { closeReaders } from '../src/read/isolate.js';
import { BAD, fuzzCases, loadSeeds, mutate, prng, runFuzz, type Seed } from '../bench/fuzz.js';
import { circularPagesPdf, manyPagesPdf, nestedArrayPdf } from '../bench/crafted.js';

afterAll(() => closeReaders());

function seeds(): Seed[] {
  return [
    ...loadSeeds(['txt', 'json', 'xlsx']),
    { name: 'scanned.pdf', format: 'pdf', bytes: new Uint8Array(readFileSync(new URL('./fixtures/pdf/scanned.pdf', import.meta.url))) },
    { name: 'one-page.pdf', format: 'pdf', bytes: nestedArrayPdf(3) },
    { name: 'three-pages.pdf', format: 'pdf', bytes: manyPagesPdf(3) },
    { name: 'kids.pdf', format: 'pdf', bytes: circularPagesPdf() },
  ];
}

describe('fuzz', () => {
  it('mutants are the same for the same seed, and differ from the seed file', async () => {
    const s = seeds();
    const a = await fuzzCases({ count: 12, seed: 5, seeds: s });
    const b = await fuzzCases({ count: 12, seed: 5, seeds: s });
    expect(a.map((c) => c.name)).toEqual(b.map((c) => c.name));
    expect(a.map((c) => Buffer.from(c.bytes).toString('base64'))).toEqual(b.map((c) => Buffer.from(c.bytes).toString('base64')));
    expect(new Set(a.map((c) => c.format))).toEqual(new Set(['txt', 'json', 'xlsx', 'pdf']));
    const seed = s.find((x) => x.format === 'txt')!;
    const m = mutate(seed, [seed], prng(1), ['truncate']);
    expect(m.bytes.length).toBeLessThan(seed.bytes.length);
  });

  it('200 mutants: none crashes, hangs or goes over memory', async () => {
    const report = await runFuzz({ count: 200, seed: 20261206, seeds: seeds(), limits: { timeMs: 30_000, memoryMb: 768 } });
    const bad = report.results.filter((r) => BAD.includes(r.outcome)).map((r) => `${r.outcome} ${r.name}: ${r.message}`);
    expect(bad).toEqual([]);
    const all = Object.values(report.counts).reduce((n, c) => n + Object.values(c).reduce((a, b) => a + b, 0), 0);
    expect(all).toBe(200);
    // Some mutants still read and some are refused: the mutations are neither all harmless nor all fatal.
    expect(report.results.some((r) => r.outcome === 'read')).toBe(true);
    expect(report.results.some((r) => r.outcome === 'refused')).toBe(true);
  }, 600_000);
});
