/**
 * `publish` as it runs from dist: the publish bundle (scripts/bundle-cli.ts `bundlePublish`, with
 * pdfkit, ExcelJS and ECharts inside) compiled with its code cache, against the modules run by
 * tsx. Each run is its own process. The bundle is written inside the project (a folder removed
 * at the end), so that it finds node_modules (the font, pdfkit's own files) as dist/cli/publish.cjs does.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePublish } from '../../scripts/bundle-cli.js';
import { cacheVariant } from './fast-load.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(root, '.publish-bundle-test-'));
const bundle = join(tmp, 'cli', 'publish.cjs');
const SEED = 'examples/000_29c3f64a6006ec81.txt';

interface Run {
  out: string;
  err: string;
  status: number | null;
}

/** The bundle, with its cache in `cacheDir`. */
function runBundled(cacheDir: string, args: string[], env: Record<string, string> = {}): Run {
  const loader = JSON.stringify(join(root, 'src/cli/fast-load.ts'));
  const script = `import { readFileSync } from 'node:fs'; import { runBundle } from ${loader};
process.exitCode = await runBundle(${JSON.stringify(bundle)}, readFileSync(${JSON.stringify(bundle)}, 'utf8'), ${JSON.stringify(cacheDir)}, 'publish', ${JSON.stringify(args)});`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

/** The modules (no bundle beside src/cli/main.ts). */
function runModules(args: string[]): Run {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'publish', ...args], { cwd: root, encoding: 'utf8' });
  return { out: r.stdout, err: r.stderr, status: r.status };
}

/** A zip's entries, inflated (an XLSX: the zip's own entry times are the time it was made). */
function zipEntries(zip: Buffer): Map<string, string> {
  const entries = new Map<string, string>();
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  let at = zip.readUInt32LE(end + 16);
  for (let n = zip.readUInt16LE(end + 10); n > 0; n--) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, (method === 8 ? inflateRawSync(data) : data).toString('base64'));
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return entries;
}

/** What a folder of published files holds, made comparable: XLSX by its entries, datapackage.json without `created`. */
function published(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const name of readdirSync(dir).sort()) {
    const bytes = readFileSync(join(dir, name));
    if (name.endsWith('.xlsx')) files.set(name, JSON.stringify([...zipEntries(bytes)]));
    else if (name === 'datapackage.json') files.set(name, bytes.toString('utf8').replace(/"created": "[^"]*"/, '"created": ""'));
    else files.set(name, bytes.toString('base64'));
  }
  return files;
}

const out = (name: string) => join(tmp, name);
const caches = (dir: string) => (statSync(dir, { throwIfNoEntry: false }) ? readdirSync(dir).filter((f) => f.endsWith('.v8')) : []);
/** Stdout with the output folder's name taken out (each run writes its own). */
const said = (r: Run, dir: string) => r.out.split(dir).join('<out>');

let modules: Run;

beforeAll(async () => {
  mkdirSync(join(tmp, 'cli'));
  await bundlePublish(bundle);
  modules = runModules([SEED, '--out', out('modules'), '--force']);
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the bundled publish', () => {
  it('publishes what the modules publish, writes a code cache for its formats on the first run and reads it on the next', () => {
    expect(modules.status).toBe(0);
    const cache = join(tmp, 'cache-all');
    const first = runBundled(cache, [SEED, '--out', out('first'), '--force']);
    expect(first.err).toBe('');
    expect(first.status).toBe(0);
    expect(said(first, out('first'))).toBe(said(modules, out('modules')));
    const files = published(out('modules'));
    expect([...files.keys()]).toContain('000_29c3f64a6006ec81.pdf');
    expect([...files.keys()]).toContain('000_29c3f64a6006ec81.xlsx');
    expect(published(out('first'))).toEqual(files);
    expect(caches(cache)).toHaveLength(1);
    expect(caches(cache)[0]).toMatch(/^cli-publish-all-[0-9a-f]{16}-.+\.v8$/);
    const file = join(cache, caches(cache)[0]!);
    const written = statSync(file).mtimeMs;
    const second = runBundled(cache, [SEED, '--out', out('second'), '--force']);
    expect(second.status).toBe(0);
    expect(published(out('second'))).toEqual(files);
    // Accepted, so not written again.
    expect(statSync(file).mtimeMs).toBe(written);
  }, 120_000);

  it('keeps a cache per set of formats: the PDF alone is the PDF of all formats', () => {
    const cache = join(tmp, 'cache-pdf');
    const r = runBundled(cache, [SEED, '--out', out('pdf'), '--force', '--format', 'pdf']);
    expect(r.status).toBe(0);
    expect(readdirSync(out('pdf'))).toEqual(['000_29c3f64a6006ec81.pdf']);
    expect(readFileSync(join(out('pdf'), '000_29c3f64a6006ec81.pdf')).equals(readFileSync(join(out('modules'), '000_29c3f64a6006ec81.pdf')))).toBe(true);
    expect(caches(cache)).toEqual([expect.stringMatching(/^cli-publish-pdf-[0-9a-f]{16}-/)]);
  }, 120_000);

  it('a refused publication says what the modules say, exits 1 and leaves no cache', () => {
    const cache = join(tmp, 'cache-refused');
    const bundled = runBundled(cache, [SEED, '--out', out('refused')]);
    const own = runModules([SEED, '--out', out('refused')]);
    expect(own.status).toBe(1);
    expect(bundled.status).toBe(1);
    expect(bundled.err).toBe(own.err);
    expect(bundled.err).toContain('未发布');
    expect(caches(cache)).toEqual([]);
  }, 120_000);

  it('a usage error is reported by the bundle itself, with exit 2', () => {
    const r = runBundled(join(tmp, 'cache-usage'), [SEED, '--out', out('usage'), '--formats', 'pdf,docx']);
    expect(r.status).toBe(2);
    expect(r.err).toContain('不认识的格式：docx');
    expect(caches(join(tmp, 'cache-usage'))).toEqual([]);
  }, 120_000);

  it('BUDGETBOOK_CODE_CACHE=0 neither reads nor writes a cache', () => {
    const cache = join(tmp, 'cache-off');
    const r = runBundled(cache, [SEED, '--out', out('off'), '--force', '--formats', 'csv,json'], { BUDGETBOOK_CODE_CACHE: '0' });
    expect(r.status).toBe(0);
    expect(readFileSync(join(out('off'), '000_29c3f64a6006ec81.cells.csv')).equals(readFileSync(join(out('modules'), '000_29c3f64a6006ec81.cells.csv')))).toBe(true);
    expect(caches(cache)).toEqual([]);
  }, 120_000);
});

describe('cacheVariant', () => {
  it('names the formats asked for, sorted and once each, or all', () => {
    expect(cacheVariant('publish', ['a.txt', '--out', 'x'])).toBe('all-');
    expect(cacheVariant('publish', ['a.txt', '--formats', 'xlsx,PDF，pdf', '--out', 'x'])).toBe('pdf.xlsx-');
    expect(cacheVariant('publish', ['a.txt', '--format=html', '--format', 'csv'])).toBe('csv.html-');
    expect(cacheVariant('check', ['a.txt', '--formats', 'pdf'])).toBe('');
  });
});
