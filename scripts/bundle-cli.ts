/**
 * Bundles the command line's fast path (src/cli/fast.ts: cells, json and check) into one CommonJS
 * script, dist/cli/fast.cjs, for cli/fast-load.ts. Packages stay outside (required from
 * node_modules when used); the reading child is bundled apart (bundleReader below). Run by
 * `npm run build` after tsc.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

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
    ...ASCII,
  });
  return asciiText(result.outputFiles[0]!.text);
}

/**
 * Without comments (ours hold Chinese) and with the Chinese of regular expressions escaped
 * (esbuild leaves them), a bundle's text is ASCII: V8 holds it as a string of a byte a character
 * (read, copied into the wrapper and checked against the cache at every start), not of two.
 */
const ASCII = { minifyWhitespace: true, charset: 'ascii' } as const;
const asciiText = (text: string) => text.replace(/[^\x00-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

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

/** The packages the publish bundle holds (with what they require); other packages stay outside. */
const PUBLISH_PACKAGES = /^(pdfkit|svg-to-pdfkit|exceljs|echarts)(\/|$)/;

/** `pattern` replaced `count` times in `text` (a package changed since: the build stops). */
function replaceExactly(text: string, pattern: RegExp, count: number, by: (...m: string[]) => string, what: string): string {
  const found = text.match(pattern)?.length ?? 0;
  if (found !== count) throw new Error(`${what}：应有 ${count} 处，找到 ${found} 处（依赖包已变，请更新 scripts/bundle-cli.ts）`);
  return text.replace(pattern, by);
}

/**
 * Changes to packages in the publish bundle that change no result, only their cost:
 * - work done at load for what publishing never uses, deferred to its first use: fontkit unpacks
 *   the Unicode tables of its Arabic, Indic and universal shapers (only `.get` is called on them),
 *   pdfkit loads AES with its tables (for encrypted PDFs).
 */
const PATCHES: Record<string, (text: string) => string> = {
  'fontkit/dist/main.cjs': (text) =>
    replaceExactly(text, /^const (\$\w+\$var\$trie) = (new \(0, \(\$parcel\$interopDefault\(\$elh9A\$unicodetrie\)\)\)\(.*\));$/gm, 3, (_, name, make) => `let ${name}_made; const ${name} = { get: (c) => (${name}_made ??= ${make}).get(c) };`, 'fontkit 的 Unicode 表'),
  'pdfkit/js/pdfkit.js': (text) => replaceExactly(text, /^var aes = require\('@noble\/ciphers\/aes'\);$/m, 1, () => "var aes = { cbc: (...a) => require('@noble/ciphers/aes').cbc(...a), ecb: (...a) => require('@noble/ciphers/aes').ecb(...a) };", 'pdfkit 的 AES'),
};

/**
 * The publish bundle's packages: src/publish/packages.ts replaced by scripts/bundle-packages.ts
 * (the packages required by name); a package imported by our modules bundled when it is one of
 * PUBLISH_PACKAGES, and what a bundled package requires bundled with it; a package file's own
 * path (`__filename`, `__dirname`: pdfkit finds its standard fonts and colour profile from it)
 * given at run time by the loader, `__packagePath("pdfkit/js/pdfkit.js")`.
 */
const publishPackages: Plugin = {
  name: 'publish-packages',
  setup(b) {
    b.onResolve({ filter: /\/packages\.js$/ }, (args) => (args.importer.endsWith('/src/publish/pdf/document.ts') || /\/src\/publish\/(xlsx|charts)\//.test(args.importer) ? { path: `${root}scripts/bundle-packages.ts` } : undefined));
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith('node:') || args.importer.includes('/node_modules/')) return undefined;
      return PUBLISH_PACKAGES.test(args.path) ? undefined : { path: args.path, external: true };
    });
    b.onLoad({ filter: /\/node_modules\/.*\.c?js$/ }, (args) => {
      const inPackages = args.path.slice(args.path.lastIndexOf('/node_modules/') + '/node_modules/'.length);
      const original = readFileSync(args.path, 'utf8');
      let text = PATCHES[inPackages]?.(original) ?? original;
      if (/\b__(filename|dirname)\b/.test(text)) {
        const file = `__packagePath(${JSON.stringify(inPackages)})`;
        text = text.replace(/\b__filename\b/g, file).replace(/\b__dirname\b/g, `require("node:path").dirname(${file})`);
      }
      return text === original ? undefined : { contents: text, loader: 'js' };
    });
  },
};

/**
 * `publish` (src/cli/publish-fast.ts) with pdfkit, ExcelJS and ECharts as one CommonJS script,
 * dist/cli/publish.cjs, for cli/fast-load.ts. import.meta.url as in the fast path.
 */
export async function bundlePublish(outfile = fileURLToPath(new URL('../dist/cli/publish.cjs', import.meta.url))): Promise<string> {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/publish-fast.ts'],
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    write: false,
    outfile,
    logLevel: 'error',
    define: { 'import.meta.url': '__moduleUrl' },
    plugins: [publishPackages],
    ...ASCII,
  });
  return writeBundle(outfile, 'budgetbook fast path', asciiText(result.outputFiles[0]!.text));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await bundleCli();
  await bundleReader();
  await bundlePublish();
}
