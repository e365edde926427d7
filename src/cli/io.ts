/** File access and error reporting shared by the commands. */
import { readFileSync, statSync } from 'node:fs';
import { ImportError } from '../read/errors.js';

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

/** Prints a located error in Chinese and returns the exit code: 2 for bad input or usage. */
export function reportError(e: unknown): number {
  if (e instanceof ImportError) {
    process.stderr.write(`错误：${e.describe()}\n`);
    return 2;
  }
  if (e instanceof UsageError) {
    process.stderr.write(`错误：${e.message}\n`);
    return 2;
  }
  process.stderr.write(`内部错误：${(e as Error).stack ?? String(e)}\n请将此信息连同输入文件报告给维护者。\n`);
  return 70;
}

export function writeOut(text: string): Promise<void> {
  return new Promise((resolve, reject) => process.stdout.write(text, (err) => (err ? reject(err) : resolve())));
}
