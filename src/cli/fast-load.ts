/**
 * Loads the fast path (cli/fast.ts) as one bundled script, dist/cli/fast.cjs, compiled with a V8
 * code cache: Node 20 loads ES modules one by one (some 50–80 for a command) and compiles each
 * function the first time it runs; the bundle is one file, and the cache holds the compiled
 * functions of the last run of the same command, so later runs skip most compiling.
 *
 * The cache is `<home>/cache/cli-<command>-<bundle id>-<V8 version>.v8` (home: cli/home-dir.ts; the
 * id is the bundle's content hash, written on its first line by the build). V8 checks the cache
 * against the script and the flags and refuses one that does not fit; a refused, missing or
 * unreadable cache only means compiling as without one, and a cache that cannot be written is
 * not written. Without the bundle (run from source, or built by tsc alone so that the bundle is
 * older than fast.js) the ordinary modules run: the same code either way.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { bundleSource, codeCacheDir, readCodeCache, writeCodeCache } from '../util/code-cache.js';

type RunFast = (command: string, args: string[], reader?: 'pdf' | 'child') => Promise<number>;

/** The bundle's first line: `// budgetbook fast path <id>`. */
const ID_LINE = /^\/\/ budgetbook fast path ([0-9a-f]{8,64})\n/;

/**
 * Runs `command` (cells, json or check: dist/cli/fast.cjs; publish: dist/cli/publish.cjs, which
 * holds the packages its formats load too) with a reading child when `reader` says so; its exit code.
 */
export async function runFast(command: string, args: string[], reader?: 'pdf' | 'child'): Promise<number> {
  const entry = command === 'publish' ? 'publish' : 'fast';
  const bundle = fileURLToPath(new URL(`./${entry}.cjs`, import.meta.url));
  const source = bundleSource(bundle, fileURLToPath(new URL(`./${entry === 'publish' ? 'publish-fast' : 'fast'}.js`, import.meta.url)));
  if (source === undefined || !ID_LINE.test(source)) return (await (entry === 'publish' ? import('./publish-fast.js') : import('./fast.js'))).runFast(command, args, reader);
  return runBundle(bundle, source, codeCacheDir(), command, args, reader);
}

/**
 * What a run of `command` compiles beyond the command itself, in the cache's name: for publish, the
 * formats asked for (each loads its own modules and packages), as --formats or --format give them.
 */
export function cacheVariant(command: string, args: string[]): string {
  if (command !== 'publish') return '';
  const lists = args.flatMap((a, i) => (a === '--formats' || a === '--format' ? [args[i + 1] ?? ''] : a.startsWith('--formats=') || a.startsWith('--format=') ? [a.slice(a.indexOf('=') + 1)] : []));
  const formats = [...new Set(lists.flatMap((l) => l.toLowerCase().split(/[,，、]/)).map((f) => f.trim()).filter((f) => /^[a-z]+$/.test(f)))].sort();
  return `${formats.length ? formats.join('.') : 'all'}-`;
}

/**
 * A bundled package file's own path (scripts/bundle-cli.ts writes `__packagePath("pdfkit/js/pdfkit.js")`
 * for its `__filename`): that file in the first node_modules folder, as Node's require finds it from the bundle, that has it.
 */
function packagePath(bundle: string): (file: string) => string {
  return (file) => {
    const name = file.split('/').slice(0, file.startsWith('@') ? 2 : 1).join('/');
    for (const dir of createRequire(bundle).resolve.paths(name) ?? []) if (existsSync(join(dir, file))) return join(dir, file);
    throw new Error(`找不到 ${file}：请在项目目录运行 npm ci（或 npm install）安装依赖`);
  };
}

/** Runs a bundle made by scripts/bundle-cli.ts, with its code cache in `cacheDir`. */
export async function runBundle(bundle: string, source: string, cacheDir: string, command: string, args: string[], reader?: 'pdf' | 'child'): Promise<number> {
  const id = ID_LINE.exec(source)?.[1];
  if (id === undefined) throw new Error(`${bundle} 不是 budgetbook 的快速路径脚本`);
  // A run with a reading child compiles other functions (the pool, the checks of a big document): its
  // own cache, under a prefix that is not the other's (each prefix keeps its newest four).
  const prefix = `cli-${reader ? 'reader-' : ''}${command}-${cacheVariant(command, args)}`;
  const name = `${prefix}${id}-${process.versions.v8}.v8`;
  const off = process.env.BUDGETBOOK_CODE_CACHE === '0';
  const cachedData = off ? undefined : readCodeCache(join(cacheDir, name));
  // The CommonJS wrapper, as Node's own ("use strict" is the bundle's first statement, as in the ES modules it was made from).
  const script = new Script(`(function (exports, require, module, __filename, __dirname, __moduleUrl, __packagePath) {${source}\n})`, {
    filename: bundle,
    ...(cachedData ? { cachedData } : {}),
  });
  const module = { exports: {} as { runFast?: RunFast } };
  (script.runInThisContext() as (...a: unknown[]) => void)(module.exports, createRequire(bundle), module, bundle, dirname(bundle), pathToFileURL(join(dirname(bundle), '../read/isolate.js')).href, packagePath(bundle));
  const code = await module.exports.runFast!(command, args, reader);
  // A publication that did not complete (refused, a usage error) compiled little of what one does: its cache would be kept.
  const complete = command !== 'publish' || code === 0;
  if (!off && complete && (!cachedData || script.cachedDataRejected)) writeCodeCache(cacheDir, name, prefix, script.createCachedData());
  return code;
}
