/**
 * The reading child process (see isolate.ts): reads one file per request with the ordinary reader
 * and answers with the document, a located refusal, or an internal error. Whatever the file makes
 * pdf.js or the zip reader throw — synchronously, as a rejected promise nobody awaits, or as a
 * stack overflow — ends as an answer here; only the parent's limits end the process.
 */
import { CatalogSet, type Catalog, type CatalogChange } from '../catalogs/catalog.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import type { BudgetDocument } from '../model/document.js';
import { ImportError, type ErrorPlace } from './errors.js';
import { readAnyDocument } from './index.js';

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

const PDFJS_ERRORS = /^(FormatError|\w+Exception)$/;

function firstFrame(e: Error): string {
  return (e.stack ?? '').split('\n').find((l) => l.trimStart().startsWith('at ')) ?? '';
}

/** What a failure means for the file being read: a refusal (the file's fault) or undefined (ours). */
export function refusalOf(e: unknown, bytes: Uint8Array, file?: string): ImportError | undefined {
  if (e instanceof ImportError) return file ? e.withFile(file) : e;
  if (!(e instanceof Error)) return new ImportError('read-failed', `文件无法读取（${String(e).slice(0, 200)}）`, { file }, '文件可能已损坏；请重新获取原文件。');
  const message = e.message.slice(0, 200);
  if (e instanceof RangeError && /call stack|Invalid (array|string|typed array) length|allocation failed|out of memory/i.test(e.message)) {
    return new ImportError('too-complex', `文件的结构过深或过大，超出读取能力（${message}）`, { file }, '文件可能是异常构造的；请检查来源，或把内容拆成较小的文件。');
  }
  const pdf = bytes[0] === 0x25 && bytes[1] === 0x50 && bytes[2] === 0x44 && bytes[3] === 0x46;
  if (pdf && (PDFJS_ERRORS.test(e.name) || /pdfjs-dist/.test(firstFrame(e)))) {
    return new ImportError('pdf-broken', `PDF 文件已损坏或不完整，无法读取（${message}）`, { file }, '请重新下载或重新导出该 PDF。');
  }
  const zip = bytes[0] === 0x50 && bytes[1] === 0x4b;
  if (zip && /node_modules[\\/](exceljs|jszip|unzipper|saxes|fflate)/.test(firstFrame(e))) {
    return new ImportError('bad-xlsx', `XLSX 文件已损坏，无法读取（${message}）`, { file }, '文件可能下载或复制不完整：请重新获取原文件，或在 Excel/WPS 中打开修复后另存为 .xlsx。');
  }
  return undefined;
}

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

// Ready before the first request: the built-in catalogs are what most reads use.
builtinCatalogs();

process.on('unhandledRejection', onStray);
process.on('uncaughtException', onStray);
process.on('disconnect', () => process.exit(0));

process.on('message', (req: ChildRequest) => {
  void handle(req);
});

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
  }
}
