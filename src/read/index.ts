/**
 * Reading any disclosure: the importer is chosen by the content, not by the file name.
 */
import type { BudgetDocument } from '../model/document.js';
import { looksLikeJson } from './any.js';
import { readJsonDocument } from './json.js';
import { readTextDocument, type ReadOptions } from './text/import.js';

export type { ReadOptions } from './text/import.js';
export { checkedKeys } from './checked-keys.js';
export { readJsonDocument } from './json.js';
export { readAnyDocument } from './any.js';

/** Text or JSON (synchronous). */
export function readDocument(bytes: Uint8Array, options: ReadOptions): BudgetDocument {
  if (looksLikeJson(bytes)) return readJsonDocument(bytes, options.fileName);
  return readTextDocument(bytes, options);
}

export type { ReadLimits, IsolatedReadOptions } from './isolate.js';

/**
 * Any disclosure from an untrusted source, read in a child process within memory and time limits
 * (isolate.ts): the command line and the server read files this way. Rejects with a located
 * ImportError for anything wrong with the file, InternalReadError for a defect of the reader,
 * ReadCancelled when `limits.signal` aborts.
 */
export async function readIsolated(
  bytes: Uint8Array,
  name: string | undefined,
  options: import('./isolate.js').IsolatedReadOptions,
  limits?: import('./isolate.js').ReadLimits,
): Promise<BudgetDocument> {
  const isolate = await import('./isolate.js');
  return isolate.readIsolated(bytes, name, options, limits);
}
