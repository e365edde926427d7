/**
 * The reading child's entry when built (isolate.ts forks this file): runs the child as one bundled
 * script, dist/read/isolate-child.cjs (scripts/bundle-cli.ts), compiled with a V8 code cache, as
 * cli/fast-load.ts runs the command line's fast path — Node 20 loads the child's ES modules (up to 60)
 * one by one and compiles each function the first time it runs. The cache is
 * `<home>/cache/reader-<bundle id>-<V8 version>-<flags>.v8`, written after the child's first read
 * (so that it holds what a read compiles). Without the bundle (built by tsc alone, so that it is
 * older than isolate-child.js) the modules run: the same code either way.
 */
import { createHash } from 'node:crypto';
import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { bundleSource, codeCacheDir, readCodeCache, writeCodeCache } from '../util/code-cache.js';

/** The bundle's first line: `// budgetbook reader <id>`. */
const ID_LINE = /^\/\/ budgetbook reader ([0-9a-f]{8,64})\n/;

interface ChildExports {
  afterFirstRead?: (fn: () => void) => void;
}

/** Runs the reader bundle `bundle` (its text: `source`) with its code cache in `cacheDir`. */
export function runReaderBundle(bundle: string, source: string, cacheDir: string): void {
  const id = ID_LINE.exec(source)?.[1];
  if (id === undefined) throw new Error(`${bundle} 不是 budgetbook 的读取脚本`);
  const prefix = 'reader-';
  const flags = createHash('sha256').update(process.execArgv.join(' ')).digest('hex').slice(0, 8);
  const name = `${prefix}${id}-${process.versions.v8}-${flags}.v8`;
  const off = process.env.BUDGETBOOK_CODE_CACHE === '0';
  const cachedData = off ? undefined : readCodeCache(join(cacheDir, name));
  // The CommonJS wrapper, as Node's own; `import()` of a package (exceljs, and pdf.js where it is not
  // compiled by runtime.ts) goes through this module's, which resolves from the same folder.
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __bundleUrl, __import) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as ChildExports };
  const load = (specifier: string): Promise<unknown> => import(specifier);
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle), pathToFileURL(bundle).href, load);
  if (!off && (!cachedData || script.cachedDataRejected)) module.exports.afterFirstRead?.(() => writeCodeCache(cacheDir, name, prefix, script.createCachedData()));
}

/** The child's entry (isolate.ts forks this file). */
export async function startReader(): Promise<void> {
  const bundle = fileURLToPath(new URL('./isolate-child.cjs', import.meta.url));
  const source = bundleSource(bundle, fileURLToPath(new URL('./isolate-child.js', import.meta.url)));
  if (source === undefined || !ID_LINE.test(source)) await import('./isolate-child.js');
  else runReaderBundle(bundle, source, codeCacheDir());
}

function isEntry(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

// Forked (not imported by a test): start.
if (process.send && isEntry()) await startReader();
