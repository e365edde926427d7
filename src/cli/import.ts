/**
 * `budgetbook import <files or folders…> [--data <dir>] [--publish] [--jobs N]`: every file read,
 * checked (against last year's document of the same entity) and stored, file by file in batches,
 * each document all or nothing. The same content twice is one version; a file that cannot be read or stored is
 * reported and skipped, and nothing of it is stored; the others are (exit 2 when any was skipped).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { InternalReadError, readIsolated, readerConcurrency } from '../read/isolate.js';
import { ImportError } from '../read/errors.js';
import { StoreError, type Db } from '../store/db.js';
import { deferIndexes, optimizeStore, restoreIndexes } from '../store/maintenance.js';
import { importFiles } from '../store/stream.js';
import { describeStore, openStore, storeOptions } from '../store/store.js';
import { SYSTEM } from '../workflow/workflow.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { homeDir, loadCatalogs } from './home.js';
import { UsageError } from './io.js';
import { Progress } from './progress.js';

const USAGE = 'budgetbook import <文件或文件夹…> [--data <文件夹>] [--publish] [--jobs N]';
const READABLE = /\.(txt|md|pdf|json|xlsx)$/i;

/** Files named, and files in the folders named (recursively), in path order. */
export function listFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new ImportError('missing-file', `找不到文件或文件夹“${p}”`, { file: p }, '请检查路径是否正确。');
    }
    if (st.isDirectory()) for (const name of readdirSync(p).sort()) walk(join(p, name));
    else if (st.isFile() && (READABLE.test(p) || paths.includes(p))) out.push(p);
  };
  for (const p of paths) walk(p);
  return out;
}

export interface ImportSummary {
  new: number;
  version: number;
  unchanged: number;
  failed: { file: string; message: string }[];
}

function describeFailure(e: unknown): string {
  if (e instanceof ImportError) return e.describe();
  if (e instanceof StoreError) return `${e.message}${e.hint ? `（${e.hint}）` : ''}`;
  if (e instanceof InternalReadError) return `内部错误（budgetbook 的缺陷，请报告给维护者）：${e.message}`;
  return `内部错误：${(e as Error).message}`;
}

/**
 * Files ordered by the year their path names (a folder or a name with 2019–2099 in it; the last
 * such number counts), otherwise in the order given: last year's documents are then stored before
 * this year's are checked against them. Files whose path names no year come first. Only an
 * order: a document whose last year came later is checked again at the end (store/stream.ts).
 */
export function byYearInPath(files: string[]): string[] {
  const year = (f: string) => Number([...f.matchAll(/(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])/g)].at(-1)?.[0] ?? 0);
  return files.map((f) => ({ f, y: year(f) })).sort((x, y) => x.y - y.y).map((x) => x.f);
}

/**
 * Every file read (each in an isolated reader, as many at once as there are cores; one that cannot
 * be read — broken, too slow, too big, or a defect of the reader — is reported and skipped),
 * checked and stored as it comes, in batches (store/stream.ts): memory holds a window of
 * documents, not all of them.
 */
export async function importFilesCommand(db: Db, files: string[], options: { catalogs: CatalogSet; publish: boolean; jobs: number }, summary: ImportSummary): Promise<void> {
  const progress = new Progress(files.length, '读取、校验并保存');
  const result = await importFiles(db, byYearInPath(files), {
    catalogs: options.catalogs,
    actor: SYSTEM,
    publish: options.publish,
    jobs: options.jobs,
    readers: readerConcurrency(),
    read: async (file) => readIsolated(new Uint8Array(readFileSync(file)), file, { catalogs: options.catalogs, requireAllTables: false }),
    onFile: (file, outcome) => {
      if (!outcome.ok) progress.note(`✗ ${file}：${describeFailure(outcome.error)}`);
      progress.tick();
    },
  });
  progress.finish();
  summary.new += result.new;
  summary.version += result.version;
  summary.unchanged += result.unchanged;
  for (const f of result.failed) summary.failed.push({ file: f.file, message: describeFailure(f.error) });
  if (result.rechecked) process.stderr.write(`与上年比较：${result.rechecked} 份文件的上年文件在其后导入，已按上年文件重新校验\n`);
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, publish: { type: 'boolean' }, jobs: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(`缺少文件或文件夹。用法：${USAGE}`);
  const files = listFiles(positionals);
  if (files.length === 0) throw new UsageError(`在 ${positionals.join('、')} 中没有可导入的文件（.txt、.md、.pdf、.json、.xlsx）`);
  const options = storeOptions(values.data, homeDir());
  const db = await openStore({ ...options, bulk: true });
  const started = Date.now();
  const summary: ImportSummary = { new: 0, version: 0, unchanged: 0, failed: [] };
  try {
    process.stderr.write(`导入 ${files.length} 个文件到${describeStore(options)}\n`);
    const catalogs = loadCatalogs();
    // Batches stored at once: two on a server (one is being prepared here while the other is written there); more lock the same entities in turn.
    const jobs = values.jobs ? Number(values.jobs) : db.driver === 'pg' ? 2 : 1;
    const deferred = await deferIndexes(db, files.length);
    try {
      await importFilesCommand(db, files, { catalogs, publish: !!values.publish, jobs }, summary);
    } finally {
      if (deferred) await restoreIndexes(db);
    }
    if (summary.new + summary.version > 0) await optimizeStore(db);
  } finally {
    await db.close();
  }
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  process.stderr.write(`完成：新文件 ${summary.new}，新版本 ${summary.version}，内容未变 ${summary.unchanged}，失败 ${summary.failed.length}（用时 ${secs} 秒）\n`);
  for (const f of summary.failed) process.stderr.write(`  ✗ ${f.file}：${f.message}\n`);
  // 2 as for any file that cannot be read (1 means "check found errors" elsewhere).
  return summary.failed.length ? 2 : 0;
}
