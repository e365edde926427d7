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
 *   TextState.prototype holds exactly the same values. `loadPatchedWorker` compiles the worker
 *   bundle with that one line changed (as a function, in this context, under its own file name so
 *   that stack traces still name pdfjs-dist — refusal.ts relies on it). Where the line is not
 *   found (another pdf.js version) the worker is imported unchanged.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Script } from 'node:vm';
import { inflateSync } from 'node:zlib';

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
  try {
    const lib = await import('pdfjs-dist/legacy/build/pdf.mjs');
    // globalThis.pdfjsWorker, which pdf.js's fake worker takes instead of importing its worker.
    if (!loadPatchedWorker()) {
      const worker: string = 'pdfjs-dist/legacy/build/pdf.worker.mjs';
      await import(worker);
    }
    return lib;
  } finally {
    restore(Array.prototype, 'push', push);
    restore(JSON, 'parse', parse);
    restore(JSON, 'stringify', stringify);
    installSyncInflate();
  }
}

const CLONE = 'const clone = Object.assign(Object.create(this), this);';
const CLONE_FLAT = 'const clone = Object.assign(Object.create(TextState.prototype), this);';
const EXPORT = 'export { WorkerMessageHandler };';

/** The worker bundle with TextState.clone() flat; false when this pdf.js is not the one it fits. */
function loadPatchedWorker(): boolean {
  const file = createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
  const source = readFileSync(file, 'utf8');
  const at = source.indexOf(CLONE);
  if (at < 0 || source.indexOf(CLONE, at + 1) >= 0 || source.indexOf(EXPORT) < 0 || /^\s*(import|export)\s/m.test(source.replace(EXPORT, ''))) return false;
  const body = source.replace(CLONE, CLONE_FLAT).replace(EXPORT, 'return { WorkerMessageHandler };').replace(/import\.meta\.url/g, '__workerUrl');
  // On the first line, so that line numbers in stack traces stay those of the file.
  const make = new Script(`(function (__workerUrl) {'use strict';${body}\n})`, { filename: file }).runInThisContext() as (url: string) => unknown;
  make(pathToFileURL(file).href);
  return typeof (globalThis as { pdfjsWorker?: { WorkerMessageHandler?: unknown } }).pdfjsWorker?.WorkerMessageHandler === 'function';
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
