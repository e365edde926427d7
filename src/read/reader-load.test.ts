/**
 * The reading child as it runs when built: the bundle (scripts/bundle-cli.ts) compiled with its
 * code cache by reader-load.ts, and pdf.js compiled with its own (pdf/runtime.ts). Each run is a
 * child process, spoken to as isolate.ts speaks to it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundleReader } from '../../scripts/bundle-cli.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { readAnyDocument } from './any.js';
import type { ChildReply, ChildRequest } from './isolate-child.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'budgetbook-reader-'));
const bundle = join(tmp, 'isolate-child.cjs');
/** The name it runs under: where it would be built, so that packages resolve from the repository. */
const as = join(root, 'dist/read/isolate-child.cjs');
const pdf = join(root, 'test/fixtures/pdf-generated/000-landscape.pdf');
const xlsx = join(root, 'test/fixtures/xlsx-libreoffice/000.xlsx');

/** Starts the bundled reader with its caches under `home`, reads `files` in turn, and ends it. */
function readWith(home: string, files: string[]): Promise<{ replies: ChildReply[]; stderr: string }> {
  const loader = JSON.stringify(join(root, 'src/read/reader-load.ts'));
  const script = `import { readFileSync } from 'node:fs'; import { runReaderBundle } from ${loader};
runReaderBundle(${JSON.stringify(as)}, readFileSync(${JSON.stringify(bundle)}, 'utf8'), ${JSON.stringify(join(home, 'cache'))});`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', '--preload-pdf'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    serialization: 'advanced',
    env: { ...process.env, BUDGETBOOK_HOME: home },
  });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const replies: ChildReply[] = [];
  return new Promise((resolve, reject) => {
    const next = () => {
      const file = files[replies.length];
      if (file === undefined) return child.disconnect();
      const request: ChildRequest = { id: replies.length + 1, bytes: readFileSync(file), fileName: file, requireAllTables: true, catalogId: 1 };
      if (replies.length === 0) request.catalogs = 'builtin';
      child.send(request);
    };
    child.on('message', (m: ChildReply) => {
      replies.push(m);
      next();
    });
    child.on('error', reject);
    child.on('exit', () => resolve({ replies, stderr }));
    next();
  });
}

const cacheFiles = (home: string) => readdirSync(join(home, 'cache')).filter((f) => f.endsWith('.v8')).sort();

let expected: unknown[];
beforeAll(async () => {
  await bundleReader(bundle);
  const catalogs = builtinCatalogs();
  expected = [];
  for (const f of [pdf, xlsx]) expected.push(await readAnyDocument(readFileSync(f), { catalogs, requireAllTables: true, fileName: f }));
}, 120_000);
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the bundled reader', () => {
  it('reads what the modules read; writes its code caches after the first read and uses them on the next run', async () => {
    const home = join(tmp, 'home');
    const first = await readWith(home, [pdf, xlsx]);
    expect(first.replies.map((r) => r.kind), JSON.stringify(first.replies[0]).slice(0, 500)).toEqual(['document', 'document']);
    expect(first.replies.map((r) => (r as { document: unknown }).document)).toEqual(expected);
    const files = cacheFiles(home);
    expect(files).toHaveLength(3);
    expect(files[0]).toMatch(/^pdfjs-pdf-[0-9a-f]{16}-.+\.v8$/);
    expect(files[1]).toMatch(/^pdfjs-pdf\.worker-[0-9a-f]{16}-.+\.v8$/);
    expect(files[2]).toMatch(/^reader-[0-9a-f]{16}-.+\.v8$/);
    const written = files.map((f) => statSync(join(home, 'cache', f)).mtimeMs);
    const second = await readWith(home, [pdf]);
    expect((second.replies[0] as { document: unknown }).document).toEqual(expected[0]);
    // Accepted, so not written again.
    expect(files.map((f) => statSync(join(home, 'cache', f)).mtimeMs)).toEqual(written);
  }, 120_000);

  it('damaged caches are refused by V8 and written anew; the document is the same', async () => {
    const home = join(tmp, 'home');
    for (const f of cacheFiles(home)) writeFileSync(join(home, 'cache', f), readFileSync(join(home, 'cache', f)).subarray(0, 100));
    const r = await readWith(home, [pdf]);
    expect((r.replies[0] as { document: unknown }).document).toEqual(expected[0]);
    for (const f of cacheFiles(home)) expect(statSync(join(home, 'cache', f)).size).toBeGreaterThan(10_000);
  }, 120_000);

  it('a home where no cache can be written costs nothing but the cache', async () => {
    const blocked = join(tmp, 'a-file');
    writeFileSync(blocked, '');
    const r = await readWith(blocked, [pdf]);
    expect((r.replies[0] as { document: unknown }).document).toEqual(expected[0]);
    // pdf.js's own warnings (no canvas in reading: pdf/no-canvas.ts) and nothing else.
    expect(r.stderr.split('\n').filter((l) => l && !l.startsWith('Warning: '))).toEqual([]);
  }, 120_000);
});
