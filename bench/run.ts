/**
 * npm run bench — prints figures (not a timed test). Each figure is the median of several
 * rounds, after a warm-up, in this process on this machine.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { readAnyDocument, readDocument } from '../src/read/index.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { generateDocument } from '../src/synth/generate.js';
import { writeMarkdownText } from '../src/publish/text/markdown.js';
import { writeFlatText } from '../src/publish/text/flat.js';
import { checkDocument } from '../src/check/engine.js';
import { plantAll } from '../test/mutations.js';
import { publishBench } from './publish.js';
import { projectsBench } from './projects.js';
import { startupBench } from './startup.js';
import { printTargets } from './targets.js';

import { median, timeCommand } from './measure.js';

const catalogs = builtinCatalogs();

function timeEach(fn: () => void, rounds: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function importSeeds(): void {
  console.log('## 导入示例文件（每份，毫秒，200 次的中位数 / 最小 / 最大）');
  for (const name of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
    const bytes = new Uint8Array(readFileSync(new URL(`../examples/${name}`, import.meta.url)));
    timeEach(() => readDocument(bytes, { fileName: name, catalogs }), 50);
    const ms = timeEach(() => readDocument(bytes, { fileName: name, catalogs }), 200);
    console.log(`${name}\t${median(ms).toFixed(2)} ms\t(${Math.min(...ms).toFixed(2)} – ${Math.max(...ms).toFixed(2)})\t${(bytes.length / 1024).toFixed(1)} KB`);
  }
}

function importSynthetic(n: number): void {
  const texts = Array.from({ length: n }, (_, i) => {
    const doc = generateDocument({ seed: 10_000 + i });
    return new TextEncoder().encode(i % 2 === 0 ? writeMarkdownText(doc) : writeFlatText(doc));
  });
  const kb = texts.reduce((s, t) => s + t.length, 0) / 1024 / n;
  for (const t of texts.slice(0, 50)) readDocument(t, { catalogs });
  const rounds = [0, 1, 2].map(() => {
    const t0 = performance.now();
    for (const t of texts) readDocument(t, { catalogs });
    return performance.now() - t0;
  });
  const ms = median(rounds);
  console.log(`\n## 导入 ${n} 份合成文件（一半 markdown、一半 PDF 转出文字；平均 ${kb.toFixed(1)} KB/份）`);
  console.log(`总计 ${ms.toFixed(0)} ms（3 轮中位数）；${((n / ms) * 1000).toFixed(0)} 份/秒；${(ms / n).toFixed(2)} ms/份`);
}

function checkSeeds(): void {
  console.log('\n## 校验示例文件（每份，毫秒，200 次的中位数；不含导入）');
  for (const name of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
    const doc = readDocument(new Uint8Array(readFileSync(new URL(`../examples/${name}`, import.meta.url))), { fileName: name, catalogs });
    timeEach(() => checkDocument(doc, { catalogs }), 50);
    const ms = timeEach(() => checkDocument(doc, { catalogs }), 200);
    console.log(`${name}\t${median(ms).toFixed(2)} ms\t(${Math.min(...ms).toFixed(2)} – ${Math.max(...ms).toFixed(2)})`);
  }
}

function checkSynthetic(n: number): void {
  const docs = Array.from({ length: n }, (_, i) => generateDocument({ seed: 50_000 + i }));
  const t0 = performance.now();
  let findings = 0;
  for (const d of docs) findings += checkDocument(d, { catalogs }).filter((f) => f.severity !== 'info').length;
  const ms = performance.now() - t0;
  console.log(`\n## 校验 ${n} 份合成文件（已在内存中）`);
  console.log(`总计 ${(ms / 1000).toFixed(1)} s；${((n / ms) * 1000).toFixed(0)} 份/秒；${(ms / n).toFixed(2)} ms/份；信息以上的发现 ${findings} 条（有效文件应为 0）`);
}

function detectionRates(n: number): void {
  const planted = new Map<string, [number, number]>();
  for (let seed = 1; seed <= n; seed++) {
    for (const p of plantAll(generateDocument({ seed: 90_000 + seed }), seed)) {
      const doc = readDocument(new TextEncoder().encode(writeMarkdownText(p.doc)), { catalogs, requireAllTables: false });
      const hit = checkDocument(doc, { catalogs }).some(
        (f) => f.rule.startsWith(p.rule) && (!p.where.table || f.location.table === p.where.table) && (!p.where.row || f.location.row === p.where.row) && (!p.where.sentence || (f.location.sentence ?? '').includes(p.where.sentence)),
      );
      const [found, total] = planted.get(p.family) ?? [0, 0];
      planted.set(p.family, [found + (hit ? 1 : 0), total + 1]);
    }
  }
  console.log(`\n## 植入错误的检出率（${n} 份合成文件，每族一处；须由正确的规则在正确的位置检出）`);
  for (const [family, [found, total]] of planted) console.log(`${family}\t${found}/${total}\t${((found / total) * 100).toFixed(1)}%`);
}

/**
 * Issue 19's PDF target: in this process, a warm read of a PDF (the whole reader: pdf.js, lines,
 * tables) ≤ 2× `pdftotext -layout` of the same file as a whole process. Interleaved read, pdftotext,
 * read, pdftotext…; min / median of each and of the ratio pair by pair. The command line's own
 * `cells` (a whole process, with its reading child) is beside it, for reference.
 */
async function importPdfs(): Promise<void> {
  const { loadavg } = await import('node:os');
  const { reportTarget } = await import('./targets.js');
  const { fmtMs, fmtRatio } = await import('./measure.js');
  // As in the reading child: pdf.js without the native canvas.
  (await import('../src/read/pdf/no-canvas.js')).keepCanvasOut();
  const dir = new URL('../examples/pdf/', import.meta.url);
  const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort();
  const generated = new URL('../test/fixtures/pdf-generated/', import.meta.url);
  const all = [...files.map((f) => new URL(f, dir)), ...['000-landscape.pdf', '003-landscape.pdf'].map((f) => new URL(f, generated))];
  const n = Number(process.env.BENCH_PDF_RUNS ?? 7);
  console.log(`\n## 读取 PDF：本项目进程内热读取（整个读取：pdf.js、行、表格）对 pdftotext -layout（整个进程），交替 ${n} 对（毫秒，最小 / 中位数；比值逐对计算）；负载 ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('文件\t页数\t本项目（进程内，热）\tpdftotext（整个进程）\t比值\t本项目 cells（整个进程，参考）\tpdfminer（整个进程，参考）');
  const spread = (xs: number[]) => ({ min: Math.min(...xs), median: median(xs) });
  for (const url of all) {
    const path = url.pathname;
    const bytes = new Uint8Array(readFileSync(url));
    await readAnyDocument(bytes, { catalogs, requireAllTables: false });
    const ours: number[] = [];
    const poppler: number[] = [];
    for (let i = 0; i < n; i++) {
      const t0 = performance.now();
      await readAnyDocument(bytes, { catalogs, requireAllTables: false });
      ours.push(performance.now() - t0);
      const p = timeCommand('pdftotext', ['-layout', path, '/dev/null'], 1);
      if (p !== undefined) poppler.push(p);
    }
    const name = path.split('/').pop()!;
    const pages = spawnSync('pdfinfo', [path], { encoding: 'utf8' }).stdout?.match(/Pages:\s+(\d+)/)?.[1] ?? '?';
    const cli = timeCommand(process.execPath, [new URL('../dist/cli/main.js', import.meta.url).pathname, 'cells', path], 3);
    const pdfminer = timeCommand('pdf2txt', ['-o', '/dev/null', path], 1) ?? timeCommand('pdf2txt.py', ['-o', '/dev/null', path], 1);
    const fmt = (x: number | undefined) => (x === undefined ? '—' : `${x.toFixed(0)} ms`);
    const paired = poppler.length === ours.length;
    const ratio = paired ? spread(ours.map((x, i) => x / poppler[i]!)) : undefined;
    console.log([name, pages, fmtMs(spread(ours)), paired ? fmtMs(spread(poppler)) : '—（pdftotext 无法运行）', ratio ? fmtRatio(ratio) : '—', fmt(cli), fmt(pdfminer)].join('\t'));
    reportTarget({
      what: `读取 PDF ${name}（进程内，热）`,
      goal: '≤ 2× pdftotext -layout',
      figure: fmtMs(spread(ours)),
      ratio: ratio ? fmtRatio(ratio) : '',
      basis: '本项目进程内热读取对 pdftotext 整个进程，交替',
      met: ratio ? ratio.median <= 2 : undefined,
    });
  }
}

/** XLSX: writing a document's workbook and reading it back, per document (generated, both scopes). */
async function xlsxRoundTrip(n: number): Promise<void> {
  const { documentXlsx } = await import('../src/publish/xlsx/workbook.js');
  const docs = Array.from({ length: n }, (_, i) => generateDocument({ seed: 20_000 + i, scope: i % 2 === 0 ? 'department' : 'unit' }));
  for (const d of docs.slice(0, 5)) await readAnyDocument(await documentXlsx(d), { catalogs });
  const write: number[] = [];
  const read: number[] = [];
  let bytes = 0;
  for (const d of docs) {
    const t0 = performance.now();
    const file = await documentXlsx(d);
    const t1 = performance.now();
    await readAnyDocument(file, { catalogs });
    read.push(performance.now() - t1);
    write.push(t1 - t0);
    bytes += file.length;
  }
  console.log(`\n## XLSX：${n} 份合成文件写出与读回（每份，毫秒，中位数；平均 ${(bytes / n / 1024).toFixed(1)} KB/份）`);
  console.log(`写出 ${median(write).toFixed(1)} ms\t读回 ${median(read).toFixed(1)} ms\t合计 ${(median(write) + median(read)).toFixed(1)} ms`);
}

/** `npm run bench` runs every part; `npm run bench -- publish check` only those named. */
const PARTS: Record<string, () => unknown> = {
  import: () => {
    importSeeds();
    importSynthetic(1000);
  },
  startup: () => startupBench(),
  pdf: () => importPdfs(),
  check: () => {
    checkSeeds();
    checkSynthetic(Number(process.env.BENCH_CHECK_DOCS ?? 10_000));
    detectionRates(300);
  },
  publish: () => publishBench(),
  xlsx: () => xlsxRoundTrip(Number(process.env.BENCH_XLSX_DOCS ?? 200)),
  projects: () => projectsBench(catalogs),
  // The web app's budgets, in chromium against a server of its own (needs web/dist and /usr/bin/chromium).
  web: () => spawnSync(process.execPath, ['--import', 'tsx', new URL('./web.ts', import.meta.url).pathname], { stdio: 'inherit' }),
  // The bureau's review over every real document (minutes): only when asked for, `npm run bench -- review [--sample-only]`.
  review: () => {
    if (process.argv.includes('review')) spawnSync(process.execPath, ['--import', 'tsx', new URL('./review.ts', import.meta.url).pathname, ...process.argv.slice(2).filter((a) => a.startsWith('--'))], { stdio: 'inherit' });
  },
  // The server under load (bench/serve.ts): the server in a process of its own, the load from another.
  serve: () => spawnSync(process.execPath, ['--import', 'tsx', new URL('./serve.ts', import.meta.url).pathname], { stdio: 'inherit' }),
  // The store bench runs in a process of its own: after the benches above, this one's heap would slow it by half.
  store: () => {
    if (process.env.BENCH_STORE !== '0') spawnSync(process.execPath, ['--import', 'tsx', new URL('./store.ts', import.meta.url).pathname], { stdio: 'inherit' });
  },
};
const asked = process.argv.slice(2);
// Parts in child processes report their targets through this file; the table is printed at the end.
const { mkdtempSync, rmSync } = await import('node:fs');
const { tmpdir } = await import('node:os');
const { join } = await import('node:path');
const targetsDir = mkdtempSync(join(tmpdir(), 'bb-targets-'));
process.env.BENCH_TARGETS_FILE = join(targetsDir, 'targets.jsonl');
try {
  for (const [name, part] of Object.entries(PARTS)) if (asked.length === 0 || asked.includes(name)) await part();
  printTargets();
} finally {
  rmSync(targetsDir, { recursive: true, force: true });
}
