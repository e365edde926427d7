/** File access, isolated reading and error reporting shared by the commands. */
import { readFileSync, statSync } from 'node:fs';
import type { CatalogSet } from '../catalogs/catalog.js';
import type { BudgetDocument } from '../model/document.js';
import { ImportError } from '../read/errors.js';
import { readsInProcess } from '../read/local.js';

export { needsReader, needsReaderAny } from './needs-reader.js';

export class UsageError extends Error {}

export function readInput(path: string | undefined, usage: string): Uint8Array {
  if (!path) throw new UsageError(`缺少文件参数。用法：${usage}`);
  let stat;
  try {
    stat = statSync(path);
  } catch {
    throw new ImportError('missing-file', `找不到文件“${path}”`, { file: path }, '请检查路径和文件名是否正确。');
  }
  if (stat.isDirectory()) throw new ImportError('is-directory', `“${path}”是一个文件夹，不是文件`, { file: path }, '请给出文件夹中的某个文件。');
  return new Uint8Array(readFileSync(path));
}

/**
 * A file given on the command line. PDFs, workbooks and files over 256 KB are read in isolation
 * (read/isolate.ts: a child process within memory and time limits); a small text or JSON file is
 * read here (read/local.ts), which spares the command a second Node start-up. Either way anything
 * wrong with the file is an ImportError (exit 2).
 */
export async function readDocumentFile(path: string | undefined, usage: string, catalogs: CatalogSet, requireAllTables = false): Promise<BudgetDocument> {
  const bytes = readInput(path, usage);
  if (readsInProcess(bytes.length, bytes)) {
    const { readInProcess } = await import('../read/local.js');
    return readInProcess(bytes, { catalogs, requireAllTables, ...(path !== undefined ? { fileName: path } : {}) });
  }
  // The isolation module itself (not read/index.js): the command's own process never loads the PDF or XLSX readers.
  const { readIsolated } = await import('../read/isolate.js');
  return readIsolated(bytes, path, { catalogs, requireAllTables });
}

/** One line for a defect of budgetbook (exit 70); the stack only with BUDGETBOOK_DEBUG=1. */
export function internalErrorLine(e: unknown): string {
  const err = e instanceof Error ? e : new Error(String(e));
  const where = (err as { file?: string }).file ? `读取文件 ${(err as { file?: string }).file} 时` : '';
  const head = `内部错误：${where}${err.name === 'InternalReadError' ? '' : `${err.name}: `}${err.message}`.replace(/\s*\n\s*/g, ' ');
  const detail = (err as { detail?: string }).detail ?? err.stack;
  const debug = process.env.BUDGETBOOK_DEBUG && detail ? `\n${detail}` : '';
  return `${head}（这是 budgetbook 的缺陷，请连同输入文件报告给维护者；设置 BUDGETBOOK_DEBUG=1 可看到详细信息）${debug}\n`;
}

/** Prints a located error in Chinese and returns the exit code: 2 for bad input or usage, 70 for a defect. */
export function reportError(e: unknown): number {
  if (e instanceof ImportError) {
    process.stderr.write(`错误：${e.describe()}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`错误：${e.message}\n`);
    return 2;
  }
  process.stderr.write(internalErrorLine(e));
  return 70;
}

let guard: 'exit' | 'log' | undefined;

/** Whether the reader of our output went away (`budgetbook json x.pdf | head`): nothing left to say to it, no error of ours. */
const readerGone = (e: unknown) => (e as { code?: string } | undefined)?.code === 'EPIPE';

/**
 * Errors nobody awaited: a command ends with exit 70 and one line (never Node's default exit 1,
 * which means "check found errors"); the server (`log`) writes one line and keeps serving.
 */
export function guardProcess(mode: 'exit' | 'log'): void {
  const first = guard === undefined;
  guard = mode;
  if (!first) return;
  const handler = (e: unknown) => {
    if (guard === 'exit' && readerGone(e)) process.exit(0);
    process.stderr.write(internalErrorLine(e));
    if (guard === 'exit') process.exit(70);
  };
  process.on('unhandledRejection', handler);
  process.on('uncaughtException', handler);
}

export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err && !readerGone(err) ? reject(err) : resolve())));
}
