/**
 * `budgetbook import <files or folders…> [--data <dir>] [--publish] [--jobs N]`: every file read,
 * checked (against last year's stored document of the same entity) and stored, one transaction
 * per document. The same content twice is one version; a file that cannot be read or stored is
 * reported and skipped, and nothing of it is stored; the others are (exit 2 when any was skipped).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BudgetDocument } from '../model/document.js';
import { InternalReadError, readIsolated, readerConcurrency } from '../read/isolate.js';
import { ImportError } from '../read/errors.js';
import { StoreError, type Db } from '../store/db.js';
import { ingestDocument } from '../store/ingest.js';
import { optimizeStore } from '../store/maintenance.js';
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
 * Reads every file, each in an isolated reader (as many at once as there are cores); a file that
 * cannot be read — broken, too slow, too big, or a defect of the reader — is reported and skipped.
 * Documents in year order (so last year's is stored before this year's is checked).
 */
async function readAll(files: string[], catalogs: CatalogSet, summary: ImportSummary): Promise<{ file: string; doc: BudgetDocument }[]> {
  const progress = new Progress(files.length, '读取');
  const read: ({ file: string; doc: BudgetDocument } | undefined)[] = new Array(files.length);
  const failed: ({ file: string; message: string } | undefined)[] = new Array(files.length);
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      try {
        read[i] = { file, doc: await readIsolated(new Uint8Array(readFileSync(file)), file, { catalogs, requireAllTables: false }) };
      } catch (e) {
        failed[i] = { file, message: describeFailure(e) };
        progress.note(`✗ ${file}：${describeFailure(e)}`);
      }
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(files.length, readerConcurrency()) }, reader));
  progress.finish();
  for (const f of failed) if (f) summary.failed.push(f);
  const docs = read.filter((d): d is { file: string; doc: BudgetDocument } => d !== undefined);
  const rank = (d: BudgetDocument) => d.meta.year * 10 + (d.meta.scope === 'unit' ? 0 : 1);
  return docs.sort((a, b) => rank(a.doc) - rank(b.doc));
}

export async function importDocuments(db: Db, docs: { file: string; doc: BudgetDocument }[], options: { catalogs: CatalogSet; publish: boolean; jobs: number }, summary: ImportSummary): Promise<void> {
  const progress = new Progress(docs.length, '保存');
  let next = 0;
  const worker = async () => {
    while (next < docs.length) {
      const { file, doc } = docs[next++]!;
      try {
        const r = await ingestDocument(db, doc, { fileName: file, catalogs: options.catalogs, actor: SYSTEM, publish: options.publish, bulk: true });
        summary[r.status]++;
      } catch (e) {
        summary.failed.push({ file, message: describeFailure(e) });
        progress.note(`✗ ${file}：${describeFailure(e)}`);
      }
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.jobs) }, worker));
  progress.finish();
}

export async function importCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { data: { type: 'string' }, publish: { type: 'boolean' }, jobs: { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(`缺少文件或文件夹。用法：${USAGE}`);
  const files = listFiles(positionals);
  if (files.length === 0) throw new UsageError(`在 ${positionals.join('、')} 中没有可导入的文件（.txt、.md、.pdf、.json、.xlsx）`);
  const options = storeOptions(values.data, homeDir());
  const db = await openStore(options);
  const started = Date.now();
  const summary: ImportSummary = { new: 0, version: 0, unchanged: 0, failed: [] };
  try {
    process.stderr.write(`导入 ${files.length} 个文件到${describeStore(options)}\n`);
    const catalogs = loadCatalogs();
    const docs = await readAll(files, catalogs, summary);
    const jobs = values.jobs ? Number(values.jobs) : db.driver === 'pg' ? 4 : 1;
    await importDocuments(db, docs, { catalogs, publish: !!values.publish, jobs }, summary);
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
