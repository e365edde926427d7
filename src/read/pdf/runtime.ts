/**
 * pdf.js as reading loads it in Node, made cheaper without changing what it extracts:
 *
 * - Its worker runs in this thread (pdf.js's "fake worker"); we import the worker bundle together
 *   with the library, once, instead of pdf.js importing it on the first document.
 * - The legacy build (the one that runs on Node 20: the modern build needs DOMMatrix at import and
 *   newer built-ins — Map#getOrInsertComputed, Promise.try, Uint8Array.fromBase64, Math.sumPrecise,
 *   iterator helpers — than Node 20 has) brings core-js, which on Node 20 *replaces* three
 *   built-ins for the whole process: Array.prototype.push (the native push does not throw on an
 *   array with non-writable length in one corner case), JSON.parse and JSON.stringify (for the
 *   JSON.rawJSON proposal). Replacing push with a JavaScript loop slows every push of every
 *   module. After loading we put the natives back: pdf.js calls push only on ordinary arrays and
 *   JSON only on plain data, where native and polyfill agree. The polyfills that *add* what Node 20
 *   lacks (Map#getOrInsertComputed, Set methods, Promise.withResolvers…) stay: pdf.js needs them.
 * - pdf.js inflates content streams and fonts with the web DecompressionStream, which Node builds
 *   from a zlib stream on the thread pool, one chunk and several promises at a time. `SyncInflate`
 *   gives it the same zlib inflate (zlib.inflateSync, the same defaults as zlib.createInflate(),
 *   which is what Node's DecompressionStream('deflate') is) in one call: the same bytes, and an
 *   error wherever the stream would fail (truncated, bad header), after which pdf.js falls back to
 *   its own inflater exactly as before. Other formats go to Node's own DecompressionStream.
 * - The worker's TextState.clone() makes each copy with the original as its prototype
 *   (`Object.create(this)`), once per text run; V8 then turns every text state into a prototype,
 *   whose properties are slow to reach: a fifth of a read's time went there (and to GC). Every
 *   field of a TextState is its own (class fields, copied by Object.assign), so a copy made from
 *   TextState.prototype holds exactly the same values. The worker bundle is compiled with that one
 *   line changed; where the line is not found (another pdf.js version) it is imported unchanged.
 * - The fake worker copies every message between its halves with structuredClone, which in Node 20
 *   costs about 10 µs per text item; the library bundle is compiled with LoopbackPort's clone made
 *   by `copyMessage` (message-copy.ts: the same copy, in JavaScript, for plain data; anything else
 *   still goes to structuredClone). Where the lines are not found, the library is imported unchanged.
 * - Both bundles (3.3 MB) are compiled through vm.Script with a V8 code cache in <home>/cache
 *   (`runBundle`), so that a fresh process does not compile pdf.js again — at load, and lazily,
 *   function by function, during its first read. The reading child writes the cache after its
 *   first read, so that it holds what a read compiles.
 * - pdf.js's polyfill of Response.prototype.bytes would load Node's fetch (undici) in every
 *   reading process: `deferResponse`.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { inflateSync } from 'node:zlib';
import { copyMessage } from './message-copy.js';
import { codeCacheDir, readCodeCache, writeCodeCache } from '../../util/code-cache.js';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loaded: Promise<PdfJs> | undefined;

/** pdf.js for reading (Node): the library and its worker, loaded once, the natives restored. */
export function loadPdfJs(): Promise<PdfJs> {
  loaded ??= load();
  return loaded;
}

async function load(): Promise<PdfJs> {
  const push = Array.prototype.push;
  const { parse, stringify } = JSON;
  const restoreResponse = deferResponse();
  try {
    const lib = (runBundle('pdfjs-dist/legacy/build/pdf.mjs', [LOOPBACK_CLONE, LOOPBACK_COPY]) as PdfJs | undefined) ?? (await import('pdfjs-dist/legacy/build/pdf.mjs'));
    // globalThis.pdfjsWorker, which pdf.js's fake worker takes instead of importing its worker.
    if (!runBundle('pdfjs-dist/legacy/build/pdf.worker.mjs', [CLONE, CLONE_FLAT]) || !hasWorker()) {
      const worker: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      await import(worker);
    }
    return lib;
  } finally {
    restoreResponse();
    restore(Array.prototype, 'push', push);
    restore(JSON, 'parse', parse);
    restore(JSON, 'stringify', stringify);
    installSyncInflate();
  }
}

const LOOPBACK_CLONE = 'data: structuredClone(obj, transfer ? {\n        transfer\n      } : null)';
const LOOPBACK_COPY = 'data: transfer ? structuredClone(obj, {\n        transfer\n      }) : __copyMessage(obj)';
const CLONE = 'const clone = Object.assign(Object.create(this), this);';
const CLONE_FLAT = 'const clone = Object.assign(Object.create(TextState.prototype), this);';
/** The one export statement at the end of each bundle: `export { a, b as c };`. */
const EXPORT = /^export \{([^}]*)\};[ \t]*$/m;

function hasWorker(): boolean {
  return typeof (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler === 'function';
}

interface Compiled {
  script: Script;
  dir: string;
  name: string;
  prefix: string;
  cached: boolean;
}
const compiled: Compiled[] = [];

/**
 * Runs one of pdf.js's bundles — an ES module without imports, a single export list at its end —
 * as a function compiled through vm.Script with a V8 code cache (Node 20 takes no code cache for
 * ES modules): `import.meta.url` becomes a parameter, the export list its return value. `patch`
 * replaces one line that must occur exactly once. Undefined when the file is not of that shape
 * (another pdf.js): the caller imports it as a module.
 */
function runBundle(specifier: string, patch?: [string, string]): Record<string, unknown> | undefined {
  try {
    const file = createRequire(import.meta.url).resolve(specifier);
    let source = readFileSync(file, 'utf8');
    if (patch) {
      const at = source.indexOf(patch[0]);
      if (at < 0 || source.indexOf(patch[0], at + 1) >= 0) return undefined;
      source = source.replace(patch[0], patch[1]);
    }
    const exports = EXPORT.exec(source);
    if (!exports || EXPORT.test(source.slice(exports.index + exports[0].length))) return undefined;
    const body = source.slice(0, exports.index) + source.slice(exports.index + exports[0].length);
    if (/^\s*(import|export)\s/m.test(body)) return undefined;
    const names = exports[1]!.split(',').map((e) => e.trim().split(/\s+as\s+/));
    const returned = names.map(([local, exported]) => `${JSON.stringify(exported ?? local)}: ${local}`).join(', ');
    // On the first line, so that line numbers in stack traces stay those of the file; under the
    // file's own name, so that they still name pdfjs-dist (refusal.ts relies on it).
    const code = `(function (__moduleUrl, __copyMessage) {'use strict';${body.replace(/import\.meta\.url/g, '__moduleUrl')}\nreturn { ${returned} };\n})`;
    const dir = codeCacheDir();
    const prefix = `pdfjs-${basename(file, '.mjs')}-`;
    const key = createHash('sha256').update(code).update(process.execArgv.join(' ')).digest('hex').slice(0, 16);
    const name = `${prefix}${key}-${process.versions.v8}.v8`;
    const cachedData = process.env.BUDGETBOOK_CODE_CACHE === '0' ? undefined : readCodeCache(join(dir, name));
    const script = new Script(code, { filename: file, ...(cachedData ? { cachedData } : {}) });
    const make = script.runInThisContext() as (url: string, copy: typeof copyMessage) => Record<string, unknown>;
    const result = make(pathToFileURL(file).href, copyMessage);
    compiled.push({ script, dir, name, prefix, cached: cachedData !== undefined && !script.cachedDataRejected });
    return result;
  } catch {
    return undefined;
  }
}

/**
 * Writes the code caches of pdf.js's bundles that had none (or a refused one), with every function
 * compiled so far: called by the reading child after its first read, so that the next process
 * starts with what a read compiles. Once per process.
 */
export function savePdfJsCodeCache(): void {
  if (process.env.BUDGETBOOK_CODE_CACHE === '0') return;
  for (const c of compiled.splice(0)) if (!c.cached) writeCodeCache(c.dir, c.name, c.prefix, c.script.createCachedData());
}

/** pdf.js's own polyfill (both bundles), for Node 20's Response. */
async function bytes(this: { arrayBuffer(): Promise<ArrayBuffer> }): Promise<Uint8Array> {
  return new Uint8Array(await this.arrayBuffer());
}

/**
 * Both bundles give Response.prototype a `bytes` where it has none (Node 20), and asking for
 * Response loads Node's fetch (undici, 20–40 ms of a reading child's start) in a process that never
 * fetches. While they load, Response is a stand-in that has `bytes`; afterwards the global is Node's
 * own lazy one again, which gets the same `bytes` when it is first used. Returns the restoring step.
 */
function deferResponse(): () => void {
  const own = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!own?.get || !own.configurable) return () => {};
  const { get, set, enumerable } = own;
  class StandIn {}
  Object.defineProperty(StandIn.prototype, 'bytes', { value: bytes, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'Response', { value: StandIn, writable: true, configurable: true, enumerable });
  return () => {
    if ((globalThis as { Response?: unknown }).Response !== StandIn) return;
    Object.defineProperty(globalThis, 'Response', {
      configurable: true,
      enumerable,
      set,
      get() {
        const Response = get.call(globalThis) as { prototype: { bytes?: unknown } };
        if (typeof Response.prototype.bytes !== 'function') Response.prototype.bytes = bytes;
        return Response;
      },
    });
  };
}

function restore(owner: object, key: string, native: unknown): void {
  const d = Object.getOwnPropertyDescriptor(owner, key);
  if (d?.value !== native) Object.defineProperty(owner, key, { value: native, writable: true, enumerable: false, configurable: true });
}

type Chunk = Uint8Array;
const Native = (globalThis as { DecompressionStream?: new (format: string) => unknown }).DecompressionStream;

/**
 * The part of DecompressionStream pdf.js uses (worker: asyncGetBytesFromDecompressionStream):
 * writable.getWriter() → ready, write(bytes), close(); `for await` over readable.
 */
export class SyncInflate {
  readonly writable!: { getWriter(): { ready: Promise<void>; write(chunk: Chunk): Promise<void>; close(): Promise<void> } };
  readonly readable!: AsyncIterable<Chunk>;

  constructor(format: string) {
    if (format !== 'deflate') return new (Native as new (format: string) => SyncInflate)(format);
    const input: Chunk[] = [];
    let closed!: () => void;
    const done = new Promise<void>((resolve) => (closed = resolve));
    this.writable = {
      getWriter: () => ({
        ready: Promise.resolve(),
        write: async (chunk: Chunk) => {
          input.push(chunk);
        },
        close: async () => closed(),
      }),
    };
    this.readable = {
      async *[Symbol.asyncIterator]() {
        await done;
        const bytes = input.length === 1 ? input[0]! : Buffer.concat(input);
        const out = inflateSync(bytes);
        if (out.byteLength > 0) yield new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      },
    };
  }
}

let inflating = false;

function installSyncInflate(): void {
  if (inflating || !Native) return;
  inflating = true;
  (globalThis as { DecompressionStream?: unknown }).DecompressionStream = SyncInflate;
}
