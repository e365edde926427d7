/**
 * Bundles the command line's fast path (src/cli/fast.ts: cells, json and check of a file read in
 * process) into one CommonJS script, dist/cli/fast.cjs, for cli/fast-load.ts. Packages stay
 * outside (required from node_modules when used). The reading child is not in it: a file that
 * needs one never takes the fast path (main.ts decides before), so read/isolate.ts is replaced by
 * a refusal for a file that changed in between. Run by `npm run build` after tsc.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const errors = fileURLToPath(new URL('../src/read/errors.ts', import.meta.url));

export async function bundleCli(outfile = fileURLToPath(new URL('../dist/cli/fast.cjs', import.meta.url))): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/fast.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    outfile,
    logLevel: 'error',
    // The PDF reader's lazy loaders are in the bundle but never run in it (a PDF takes the reading child).
    logOverride: { 'empty-import-meta': 'silent' },
    plugins: [
      {
        name: 'no-reading-child',
        setup(b) {
          b.onResolve({ filter: /\/isolate\.js$/ }, () => ({ path: 'isolate-stub', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
            resolveDir: root,
            loader: 'ts',
            contents: `import { ImportError } from ${JSON.stringify(errors)};
export async function readIsolated(_bytes: Uint8Array, path?: string): Promise<never> {
  throw new ImportError('changed', '文件在读取过程中发生了变化', path ? { file: path } : {}, '请在文件不再变化后重新运行。');
}
export function warmReaders(): void {}`,
          }));
        },
      },
    ],
  });
  const code = result.outputFiles[0]!.text;
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  writeFileSync(outfile, `// budgetbook fast path ${id}\n${code}`);
  return outfile;
}

/**
 * The reading child (src/read/isolate-child.ts) as one CommonJS script, dist/read/isolate-child.cjs,
 * for read/reader-load.ts (compiled with a V8 code cache there). Packages stay outside; pdf.js is
 * compiled by read/pdf/runtime.ts with its own cache. `import.meta.url` (the reader's modules use
 * it only as the base for createRequire) is the bundle's own URL, and `__import` the loader's
 * `import()`: both are parameters of the loader's wrapper.
 */
export async function bundleReader(outfile = fileURLToPath(new URL('../dist/read/isolate-child.cjs', import.meta.url))): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/read/isolate-child.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    write: false,
    outfile,
    logLevel: 'error',
    define: { 'import.meta.url': '__bundleUrl' },
  });
  // import() of a package goes through the loader's own (a script compiled by vm.Script has none).
  const code = result.outputFiles[0]!.text.replace(/(?<![\w$.])import\(/g, '__import(');
  const id = createHash('sha256').update(code).digest('hex').slice(0, 16);
  writeFileSync(outfile, `// budgetbook reader ${id}\n${code}`);
  return outfile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleCli();
  await bundleReader();
}
