/**
 * The fast path as it runs from dist: the bundle (scripts/bundle-cli.ts) compiled with its code
 * cache. Each run is its own process (the bundle guards the process it runs in).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleCli } from '../../scripts/bundle-cli.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'budgetbook-fast-'));
const bundle = join(tmp, 'fast.cjs');
const cache = join(tmp, 'cache');

function run(cacheDir: string, ...args: string[]): { out: string; err: string; status: number | null } {
  const loader = JSON.stringify(join(root, 'src/cli/fast-load.ts'));
  const script = `import { readFileSync } from 'node:fs'; import { runBundle } from ${loader};
process.exitCode = await runBundle(${JSON.stringify(bundle)}, readFileSync(${JSON.stringify(bundle)}, 'utf8'), ${JSON.stringify(cacheDir)}, ${JSON.stringify(args[0])}, ${JSON.stringify(args.slice(1))});`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

const expected = readFileSync(join(root, 'test/fixtures/expected/000.cells.csv'), 'utf8');
const cacheFiles = () => readdirSync(cache).filter((f) => f.endsWith('.v8'));

beforeAll(async () => {
  await bundleCli(bundle);
}, 60_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the bundled fast path', () => {
  it('prints what the modules print, writes a code cache on the first run and reads it on the next', () => {
    const first = run(cache, 'cells', 'examples/000_29c3f64a6006ec81.txt');
    expect(first.out).toBe(expected);
    expect(first.status).toBe(0);
    expect(cacheFiles()).toHaveLength(1);
    const file = join(cache, cacheFiles()[0]!);
    expect(cacheFiles()[0]).toMatch(/^cli-cells-[0-9a-f]{16}-.+\.v8$/);
    const written = statSync(file).mtimeMs;
    const second = run(cache, 'cells', 'examples/000_29c3f64a6006ec81.txt');
    expect(second.out).toBe(expected);
    // Accepted, so not written again.
    expect(statSync(file).mtimeMs).toBe(written);
  }, 60_000);

  it('a damaged cache is refused by V8 and written anew; the output is the same', () => {
    run(cache, 'cells', 'examples/000_29c3f64a6006ec81.txt');
    const file = join(cache, cacheFiles()[0]!);
    const size = statSync(file).size;
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    const r = run(cache, 'cells', 'examples/000_29c3f64a6006ec81.txt');
    expect(r.out).toBe(expected);
    // Written whole again (its size varies a little with what was compiled).
    expect(statSync(file).size).toBeGreaterThan(size / 2);
  }, 60_000);

  it('a cache folder that cannot be made costs nothing but the cache', () => {
    const blocked = join(tmp, 'a-file');
    writeFileSync(blocked, '');
    const r = run(join(blocked, 'cache'), 'cells', 'examples/000_29c3f64a6006ec81.txt');
    expect(r.out).toBe(expected);
    expect(r.err).toBe('');
  }, 60_000);

  it('reports a refusal itself, with exit 2', () => {
    const r = run(cache, 'check', join(tmp, 'missing.txt'));
    expect(r.status).toBe(2);
    expect(r.err).toContain('找不到文件');
    expect(r.out).toBe('');
  }, 60_000);
});
