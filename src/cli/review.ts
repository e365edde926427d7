/**
 * `budgetbook review <文件或文件夹…> --out <文件夹> [--url <公开网址>] [--prior-dir <上年文件夹>]`:
 * the finance bureau's review of each document — the form as XLSX, an HTML report with a crop
 * of the real page for every problem — and, for several documents, a summary workbook.
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { BudgetDocument } from '../model/document.js';
import { ImportError } from '../read/errors.js';
import { readIsolated, readerConcurrency } from '../read/isolate.js';
import { isPdf } from '../read/pdf/import.js';
import { reviewDocument } from '../review/review.js';
import { reviewHtml } from '../review/html.js';
import { formText } from '../review/form.js';
import { formWorkbook, summaryWorkbook, type SummaryRow } from '../review/xlsx.js';
import { CropWorker } from '../review/crops.js';
import type { Finding } from '../check/finding.js';
import { loadCatalogs } from './home.js';
import { UsageError } from './io.js';
import { Progress } from './progress.js';

const USAGE = 'budgetbook review <文件或文件夹…> --out <文件夹> [--url <公开网址>] [--prior-dir <上年文件夹>] [--max-crops 150]';
const EXTENSIONS = new Set(['.pdf', '.xlsx', '.txt', '.md', '.json']);

function filesOf(paths: string[]): string[] {
  const out: string[] = [];
  for (const p of paths) {
    let st;
    try {
      st = statSync(p);
    } catch {
      throw new ImportError('missing-file', `找不到文件或文件夹“${p}”`, { file: p }, '请检查路径是否正确。');
    }
    if (st.isDirectory()) out.push(...readdirSync(p).filter((f) => EXTENSIONS.has(extname(f).toLowerCase())).sort().map((f) => join(p, f)));
    else out.push(p);
  }
  return out;
}

interface Loaded {
  file: string;
  bytes: Uint8Array;
  doc?: BudgetDocument;
  error?: string;
}

/**
 * Every file read in an isolated reader (read/isolate.ts), as many at once as there are cores; the
 * results in the files' order. A file that cannot be read is kept with the reason.
 */
async function load(files: string[], what: string, catalogs: ReturnType<typeof loadCatalogs>): Promise<Loaded[]> {
  const progress = new Progress(files.length, what);
  const out: Loaded[] = new Array(files.length);
  let next = 0;
  const reader = async () => {
    while (next < files.length) {
      const i = next++;
      const file = files[i]!;
      const bytes = new Uint8Array(readFileSync(file));
      try {
        out[i] = { file, bytes, doc: await readIsolated(bytes, file, { catalogs, requireAllTables: false }) };
      } catch (e) {
        const message = e instanceof ImportError ? e.describe() : (e as Error).message;
        out[i] = { file, bytes, error: message };
        progress.note(`读不了：${message}`);
      }
      progress.tick();
    }
  };
  await Promise.all(Array.from({ length: Math.min(files.length, readerConcurrency()) }, reader));
  progress.finish();
  return out;
}

const key = (d: BudgetDocument) => d.meta.entity.name.replace(/\s+/g, '');

export async function reviewCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' }, url: { type: 'string' }, 'prior-dir': { type: 'string' }, 'max-crops': { type: 'string' } } });
  if (positionals.length === 0) throw new UsageError(`缺少文件或文件夹。用法：${USAGE}`);
  if (!values.out) throw new UsageError(`缺少 --out <文件夹>。用法：${USAGE}`);
  const maxCrops = values['max-crops'] !== undefined ? Number(values['max-crops']) : 150;
  if (!Number.isInteger(maxCrops) || maxCrops < 0) throw new UsageError(`--max-crops 应为非负整数，收到“${values['max-crops']}”`);
  const catalogs = loadCatalogs();
  const started = Date.now();
  const docs = await load(filesOf(positionals), '读取', catalogs);
  const priors = values['prior-dir'] ? await load(filesOf([values['prior-dir']]), '读取上年', catalogs) : [];
  mkdirSync(values.out, { recursive: true });
  const candidates = [...docs, ...priors].filter((l) => l.doc);
  const rows: SummaryRow[] = [];
  const progress = new Progress(docs.length, '审核');
  const cropper = new CropWorker();
  for (const l of docs) {
    const name = basename(l.file, extname(l.file));
    if (!l.doc) {
      rows.push({ file: basename(l.file), entity: '', kind: '', year: '', counts: { error: 0, warning: 0, info: 0 }, error: l.error ?? '读不了' });
      progress.tick();
      continue;
    }
    const doc = l.doc;
    const prior = candidates.find((c) => c.doc && key(c.doc) === key(doc) && c.doc.meta.scope === doc.meta.scope && c.doc.meta.kind === doc.meta.kind && c.doc.meta.year === doc.meta.year - 1);
    const twin = docs.find((c) => c !== l && c.doc && key(c.doc) === key(doc) && c.doc.meta.year === doc.meta.year && c.doc.meta.scope !== doc.meta.scope);
    // The pages are drawn in a child process per document (review/crops.ts): a file that makes pdf.js or the
    // canvas fail, hang or crash costs that document's crops, never the run.
    let crops: Map<Finding, Uint8Array> | undefined;
    const refine = async (findings: Finding[]) => {
      const r = await cropper.run(l.bytes, doc, findings, { maxCrops, scale: 1.5, ...(process.env.BUDGETBOOK_CROP_TIMEOUT ? {} : { timeMs: 300_000 }) });
      crops = new Map([...r.crops].map(([i, png]) => [r.findings[i]!, png] as const));
      if (r.problem) progress.note(`${basename(l.file)}：${r.problem}`);
      return r.findings;
    };
    try {
      const review = await reviewDocument(doc, { catalogs, ...(prior?.doc ? { prior: prior.doc } : {}), ...(values.url ? { url: values.url } : {}), ...(isPdf(l.bytes) ? { refine } : {}) });
      writeFileSync(join(values.out, `${name}.检查表.xlsx`), await formWorkbook(review.form));
      writeFileSync(join(values.out, `${name}.检查表.html`), await reviewHtml(review, crops, { maxCrops }));
      writeFileSync(join(values.out, `${name}.检查表.json`), JSON.stringify({ file: basename(l.file), title: review.form.title, entity: review.form.entity, score: review.score, counts: review.counts, text: formText(review.form), findings: review.findings }, null, 1) + '\n');
      rows.push({
        file: basename(l.file),
        entity: doc.meta.entity.name,
        kind: `${doc.meta.scope === 'unit' ? '单位' : '部门'}${doc.meta.kind === 'final' ? '决算' : '预算'}`,
        year: doc.meta.year,
        form: review.form,
        counts: review.counts,
        score: review.score,
        ...(twin ? { pairedWith: basename(twin.file) } : {}),
        ...(prior ? { prior: basename(prior.file) } : {}),
      });
    } catch (e) {
      rows.push({ file: basename(l.file), entity: doc.meta.entity.name, kind: '', year: doc.meta.year, counts: { error: 0, warning: 0, info: 0 }, error: `审核出错：${(e as Error).message}` });
      progress.note(`审核出错：${l.file}：${(e as Error).message}`);
    }
    progress.tick();
  }
  cropper.close();
  progress.finish();
  // Worst first: documents that could not be read, then by score, then by errors.
  rows.sort((a, b) => (a.score?.total ?? -1) - (b.score?.total ?? -1) || b.counts.error - a.counts.error);
  if (docs.length > 1) writeFileSync(join(values.out, '汇总.xlsx'), await summaryWorkbook(rows, `预算公开情况检查汇总（${docs.length} 份文件）`));
  const secs = (Date.now() - started) / 1000;
  const reviewed = rows.filter((r) => r.form).length;
  process.stderr.write(`审核了 ${reviewed} 份文件（${docs.length - reviewed} 份读不了），用时 ${secs.toFixed(1)} 秒（${(docs.length / secs).toFixed(2)} 份/秒），结果在 ${values.out}\n`);
  return rows.some((r) => r.counts.error > 0) ? 1 : 0;
}
