/**
 * Reading PDFs without the native canvas (no-canvas.ts): the reading child never loads
 * @napi-rs/canvas, reads the same document as with it, and the stand-in matrix computes what
 * DOMMatrix computes for the operations pdf.js takes from it.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Matrix2D } from './no-canvas.js';

const src = (p: string) => fileURLToPath(new URL(`../../${p}`, import.meta.url));
const pdf = fileURLToPath(new URL('../../../examples/pdf/sh-putuo-wanli-2025-dept-budget.pdf', import.meta.url));

/** Reads the PDF in a fresh process (with or without the canvas kept out): the document's JSON and whether the canvas was loaded. */
function readInFreshProcess(keepOut: boolean): { json: string; canvas: boolean } {
  const dir = mkdtempSync(join(tmpdir(), 'bb-no-canvas-'));
  try {
    const script = join(dir, 'read.mts');
    writeFileSync(
      script,
      `import { readFileSync } from 'node:fs';
       ${keepOut ? `(await import(${JSON.stringify(src('read/pdf/no-canvas.ts'))})).keepCanvasOut();` : ''}
       const { readAnyDocument } = await import(${JSON.stringify(src('read/any.ts'))});
       const { builtinCatalogs } = await import(${JSON.stringify(src('catalogs/builtin.ts'))});
       const doc = await readAnyDocument(new Uint8Array(readFileSync(${JSON.stringify(pdf)})), { catalogs: builtinCatalogs(), requireAllTables: false });
       (await import('node:fs')).writeFileSync(${JSON.stringify(join(dir, 'out.json'))}, JSON.stringify({ json: JSON.stringify(doc), canvas: /canvas/i.test(readFileSync('/proc/self/maps', 'utf8')) }));`,
    );
    const tsx = createRequire(import.meta.url).resolve('tsx');
    const r = spawnSync(process.execPath, ['--import', tsx, script], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
    expect(r.status, r.stderr).toBe(0);
    return JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')) as { json: string; canvas: boolean };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('reading PDFs without the native canvas', () => {
  it.skipIf(process.platform !== 'linux')('never loads @napi-rs/canvas, and reads the same document as with it', () => {
    const without = readInFreshProcess(true);
    const withCanvas = readInFreshProcess(false);
    expect(without.canvas).toBe(false);
    expect(withCanvas.canvas).toBe(true); // the check can see a loaded canvas
    expect(JSON.parse(without.json).tables.length).toBeGreaterThan(0);
    expect(without.json).toBe(withCanvas.json);
  }, 120_000);

  it('the stand-in matrix computes what DOMMatrix computes (multiply, scale, translate)', async () => {
    const { DOMMatrix } = await import('@napi-rs/canvas');
    const n = fc.double({ min: -1e3, max: 1e3, noNaN: true });
    const six = fc.tuple(n, n, n, n, n, n);
    fc.assert(
      fc.property(six, six, n, n, (m, o, x, y) => {
        const ours = new Matrix2D(m).multiplySelf(o).scaleSelf(x, y).translateSelf(y, x).preMultiplySelf(o);
        const theirs = new DOMMatrix(m).multiplySelf(new DOMMatrix(o)).scaleSelf(x, y).translateSelf(y, x).preMultiplySelf(new DOMMatrix(o));
        for (const k of ['a', 'b', 'c', 'd', 'e', 'f'] as const) expect(ours[k]).toBeCloseTo(theirs[k], 6);
      }),
      { numRuns: 300 },
    );
    expect(() => new Matrix2D([1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1])).toThrow('only 2-D');
  });
});
