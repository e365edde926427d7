/**
 * Bundles the command line's fast path (src/cli/fast.ts: cells, json and check) into one CommonJS
 * script, dist/cli/fast.cjs, for cli/fast-load.ts. Packages stay outside (required from
 * node_modules when used); the reading child is bundled apart (bundleReader below). Run by
 * `npm run build` after tsc.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** One entry and what it imports as a CommonJS script for Node 20, packages left to require; its text. */
async function bundle(entry: string, outfile: string, importMetaUrl: string): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: [entry],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    outfile,
    logLevel: 'error',
    define: { 'import.meta.url': importMetaUrl },
  });
  return result.outputFiles[0]!.text;
}

/** Writes `code` with its first line, `// <header> <content hash>` (the loaders key their code caches by it). */
function writeBundle(outfile: string, header: string, code: string): string {
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  writeFileSync(outfile, `// ${header} ${id}\n${code}`);
  return outfile;
}

/**
 * The fast path. import.meta.url (read/isolate.ts finds the reading child's entry from it; the
 * others use it as a base for createRequire) is that of dist/read/isolate.js, given by
 * cli/fast-load.ts.
 */
export async function bundleCli(outfile = fileURLToPath(new URL('../dist/cli/fast.cjs', import.meta.url))): Promise<string> {
  return writeBundle(outfile, 'budgetbook fast path', await bundle('src/cli/fast.ts', outfile, '__moduleUrl'));
}

/**
 * The reading child (src/read/isolate-child.ts) as one CommonJS script, dist/read/isolate-child.cjs,
 * for read/reader-load.ts (compiled with a V8 code cache there). pdf.js is compiled by
 * read/pdf/runtime.ts with its own cache. `import.meta.url` (the reader's modules use it only as
 * the base for createRequire) is the bundle's own URL, and `__import` the loader's `import()`:
 * both are parameters of the loader's wrapper.
 */
export async function bundleReader(outfile = fileURLToPath(new URL('../dist/read/isolate-child.cjs', import.meta.url))): Promise<string> {
  // import() of a package goes through the loader's own (a script compiled by vm.Script has none).
  const code = (await bundle('src/read/isolate-child.ts', outfile, '__bundleUrl')).replace(/(?<![\w$.])import\(/g, '__import(');
  return writeBundle(outfile, 'budgetbook reader', code);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleCli();
  await bundleReader();
}
