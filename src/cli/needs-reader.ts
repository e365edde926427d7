/** Whether a command's files need a reading child (main.ts asks this before it loads anything else). */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { readsInProcess } from '../read/in-process.js';

/** Whether reading this file (a command-line argument) will need a reading child: a PDF, a workbook, a big file. */
export function needsReader(path: string): boolean {
  let fd: number | undefined;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return false;
    fd = openSync(path, 'r');
    const head = new Uint8Array(1024);
    const n = readSync(fd, head, 0, head.length, 0);
    return !readsInProcess(stat.size, head.subarray(0, n));
  } catch {
    return false;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Whether any of a command's arguments is a file that needs a reading child. */
export function needsReaderAny(args: string[]): boolean {
  return args.some((a) => !a.startsWith('--') && needsReader(a));
}
