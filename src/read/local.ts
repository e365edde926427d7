/**
 * The command line's fast path: a small text or JSON file is read in the command's own process,
 * without starting a reading child (a child costs a second Node start-up, ~0.3–0.5 s per call).
 *
 * Why this keeps issue 13's guarantees: only plain text and JSON up to IN_PROCESS_MAX_BYTES come
 * here — never a PDF or a workbook, whose decoders (pdf.js, the zip reader) hold memory outside
 * the V8 heap and can hang; those, bigger files and every upload to the server still go through
 * readIsolated (isolate.ts) with its memory and time limits. The text reader's work is bounded by
 * the file's size (its placement search stops after a fixed number of steps), and a failure is
 * decided as in the child (refusal.ts): a stack overflow is `too-complex`, anything of the file's
 * fault a located refusal, anything else a defect (exit 70).
 */
import type { BudgetDocument } from '../model/document.js';
import { refusalOf } from './refusal.js';
import type { ReadOptions } from './text/import.js';

export { IN_PROCESS_MAX_BYTES, readsInProcess } from './in-process.js';


/** Reads a small text or JSON file here (as readAnyDocument does in the child); refusals as there. */
export async function readInProcess(bytes: Uint8Array, options: ReadOptions): Promise<BudgetDocument> {
  try {
    const { readAnyDocument } = await import('./any.js');
    return await readAnyDocument(bytes, options);
  } catch (e) {
    throw refusalOf(e, bytes, options.fileName) ?? e;
  }
}
