/**
 * The reading child process (see isolate.ts): reads one file per request with the ordinary reader
 * and answers with the document, a located refusal, or an internal error. Whatever the file makes
 * pdf.js or the zip reader throw — synchronously, as a rejected promise nobody awaits, or as a
 * stack overflow — ends as an answer here; only the parent's limits end the process.
 */
import { CatalogSet, type Catalog, type CatalogChange } from '../catalogs/catalog.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import type { BudgetDocument } from '../model/document.js';
import type { ErrorPlace } from './errors.js';
import { refusalOf } from './refusal.js';
import { keepCanvasOut } from './pdf/no-canvas.js';
import { loadPdfJs, savePdfJsCodeCache } from './pdf/runtime.js';

export { refusalOf } from './refusal.js';
import { readAnyDocument } from './any.js';

export type WireCatalogs = 'builtin' | { catalogs: Catalog[]; changes: CatalogChange[] };

export interface ChildRequest {
  id: number;
  bytes: Uint8Array;
  fileName?: string;
  requireAllTables: boolean;
  catalogId: number;
  /** Sent the first time this child sees a catalog set. */
  catalogs?: WireCatalogs;
}

export type ChildOutcome =
  | { kind: 'document'; document: BudgetDocument }
  | { kind: 'refused'; code: string; message: string; place: ErrorPlace; hint: string }
  | { kind: 'internal'; message: string; stack?: string };
export type ChildReply = { id: number; dirty: boolean } & ChildOutcome;

const catalogSets = new Map<number, CatalogSet>();
interface Current {
  id: number;
  bytes: Uint8Array;
  file?: string;
  answered: boolean;
  /** An error that escaped pdf.js while this read ran. */
  stray?: unknown;
}
let current: Current | undefined;
let dirty = false;

function answer(c: Current, reply: ChildOutcome): void {
  if (c.answered) return;
  c.answered = true;
  process.send!({ ...reply, id: c.id, dirty } as ChildReply);
}

function answerError(c: Current, e: unknown): void {
  const refusal = refusalOf(e, c.bytes, c.file);
  if (refusal) answer(c, { kind: 'refused', code: refusal.code, message: refusal.message, place: refusal.place, hint: refusal.hint });
  else answer(c, { kind: 'internal', message: `${(e as Error).name}: ${(e as Error).message}`.slice(0, 300), stack: (e as Error).stack ?? '' });
}

/** A rejection nobody awaited (pdf.js does this on some broken cross-reference tables): it ends this read. */
function onStray(e: unknown): void {
  dirty = true;
  const c = current;
  if (!c || c.answered) return;
  c.stray = e;
  // The read may still finish by itself; if it does not promptly, the stray error is the answer.
  setTimeout(() => answerError(c, e), 1000).unref();
}

// No native canvas in reading (before pdf.js is first loaded).
keepCanvasOut();
// Ready before the first request: the built-in catalogs are what most reads use.
builtinCatalogs();

process.on('unhandledRejection', onStray);
process.on('uncaughtException', onStray);
process.on('disconnect', () => process.exit(0));

process.on('message', (req: ChildRequest) => {
  void handle(req);
});

// Asked by a parent that will send a PDF (isolate.ts): pdf.js loads while the parent loads its own
// modules; a request that comes meanwhile waits for it. A failure shows again at the first read.
if (process.argv.includes('--preload-pdf')) loadPdfJs().catch(() => {});

async function handle(req: ChildRequest): Promise<void> {
  const c: Current = { id: req.id, bytes: req.bytes, answered: false };
  if (req.fileName !== undefined) c.file = req.fileName;
  current = c;
  try {
    if (req.catalogs) catalogSets.set(req.catalogId, req.catalogs === 'builtin' ? builtinCatalogs() : new CatalogSet(req.catalogs.catalogs, req.catalogs.changes));
    const catalogs = catalogSets.get(req.catalogId) ?? builtinCatalogs();
    const options = { catalogs, requireAllTables: req.requireAllTables, ...(c.file !== undefined ? { fileName: c.file } : {}) };
    const document = await readAnyDocument(req.bytes, options);
    answer(c, { kind: 'document', document });
  } catch (e) {
    answerError(c, e);
  } finally {
    if (current === c) current = undefined;
    // After the answer went out: the parent goes on while this child writes its code caches (once).
    savePdfJsCodeCache();
    for (const fn of afterFirst.splice(0)) fn();
    answeredOnce = true;
  }
}

const afterFirst: (() => void)[] = [];
let answeredOnce = false;

/** Runs `fn` once this child has answered its first request (reader-load.ts writes the bundle's code cache then). */
export function afterFirstRead(fn: () => void): void {
  if (answeredOnce) fn();
  else afterFirst.push(fn);
}
