/** Whether a command's files need a reading child (main.ts asks this before it loads anything else). */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { isPdfHead, readsInProcess } from '../read/in-process.js';

/** What reading this file (a command-line argument) will need: a reading child that loads pdf.js, another reading child (a workbook, a big file), or none. */
export function readerNeed(path: string): 'pdf' | 'child' | undefined {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    fd = openSync(path, 'r');
    const head = new Uint8Array(1024);
    const n = readSync(fd, head, 0, head.length, 0);
    if (readsInProcess(stat.size, head.subarray(0, n))) return undefined;
    return isPdfHead(head.subarray(0, n)) ? 'pdf' : 'child';
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether reading this file will need a reading child: a PDF, a workbook, a big file. */
export function needsReader(path: string): boolean {
  return readerNeed(path) !== undefined;
}

/** What a command's arguments need: 'pdf' when one of them is a PDF, 'child' when another needs a reading child. */
export function readerNeedAny(args: string[]): 'pdf' | 'child' | undefined {
  let need: 'child' | undefined;
  for (const a of args) {
    if (a.startsWith('--')) continue;
    const n = readerNeed(a);
    if (n === 'pdf') return n;
    need ??= n;
  }
  return need;
}

/** Whether any of a command's arguments is a file that needs a reading child. */
export function needsReaderAny(args: string[]): boolean {
  return readerNeedAny(args) !== undefined;
}
