/**
 * `npm run bench -- publish`: publishing figures, each compared like with like.
 * - In this process (after a warm-up): the time of each format for each seed, min / median.
 * - Whole process against whole process, interleaved (for each round and seed: ours in every
 *   format, ours making only the PDF, LibreOffice converting the XLSX ours published into a PDF),
 *   min / median of each and of the ratio LibreOffice ÷ ours pair by pair; the load average
 *   before and after. Targets (issue 19): a seed in every format < 1 s; the PDF alone ≥ 3× faster
 *   than `soffice --headless --convert-to pdf` of the same workbook.
 * LibreOffice runs with a profile of its own (made by a warm-up run, kept between runs of the
 * bench), so that its first-ever start, which creates the profile, is not timed; likewise ours
 * writes its code caches (<home>/cache/cli-publish-*.v8, one per set of formats) in its warm-up
 * runs, as a user's first publication does.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocument } from '../src/read/index.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { documentCharts } from '../src/publish/charts/charts.js';
import { FORMATS, publishDocument, publishFormat, type Format } from '../src/publish/index.js';
import { fmtMs, fmtRatio, median, type Spread } from './measure.js';
import { reportTarget } from './targets.js';

const catalogs = builtinCatalogs();
const SEEDS = ['000_29c3f64a6006ec81', '003_91fd8cb34c22987a'];
const RUNS = Number(process.env.BENCH_PUBLISH_RUNS ?? 7);
const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
const seedPath = (name: string) => new URL(`../examples/${name}.txt`, import.meta.url).pathname;
/** LibreOffice's user profile for the bench: fixed, so it is made once (by the warm-up) and reused. */
const SOFFICE_PROFILE = join(tmpdir(), 'budgetbook-bench-soffice-profile');
const INSTALL = 'apt-get install -y libreoffice-calc-nogui';

const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');
const spread = (xs: number[]): Spread => ({ min: Math.min(...xs), median: median(xs) });

async function timeAsync(fn: () => Promise<unknown>, rounds: number): Promise<Spread> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return spread(out);
}

const fmt = (s: Spread) => `${s.min.toFixed(0)}/${s.median.toFixed(0)}`;

/** Each format in this process, after a warm-up: min / median of `rounds`. */
async function inProcess(rounds: number): Promise<void> {
  console.log(`\n## 发布：进程内（预热后 ${rounds} 次，毫秒，最小/中位数）；负载 ${load()}`);
  console.log(['文件', '图表', ...FORMATS, '全部格式（含校验）'].join('\t'));
  for (const name of SEEDS) {
    const doc = readDocument(new Uint8Array(readFileSync(seedPath(name))), { fileName: `${name}.txt`, catalogs });
    const findings = checkDocument(doc, { catalogs });
    // Seed 000 carries a check error (the public edition refuses it): timed as forced, the same work.
    await publishDocument(doc, { catalogs, findings, force: true });
    const charts = await timeAsync(async () => documentCharts(doc), rounds);
    const chartList = documentCharts(doc);
    const per: Spread[] = [];
    for (const f of FORMATS) per.push(await timeAsync(() => publishFormat(f as Format, doc, { catalogs, findings, charts: chartList }), rounds));
    const all = await timeAsync(() => publishDocument(doc, { catalogs, force: true }), rounds);
    console.log([name.slice(0, 3), fmt(charts), ...per.map(fmt), fmt(all)].join('\t'));
  }
}

/** A command's wall time (ms); undefined when it cannot start or fails. */
function run(cmd: string[]): number | undefined {
  const t0 = performance.now();
  const r = spawnSync(cmd[0]!, cmd.slice(1), { stdio: 'ignore' });
  const ms = performance.now() - t0;
  return r.error || r.status !== 0 ? undefined : ms;
}

function sofficeAvailable(): boolean {
  const r = spawnSync('soffice', ['--version'], { stdio: 'ignore' });
  return !r.error && r.status === 0;
}

interface Row {
  all: number[];
  pdf: number[];
  soffice: number[];
}

/**
 * Whole processes, interleaved: each round runs, for each seed, ours in every format, ours with
 * only the PDF, and LibreOffice on the workbook ours wrote, so that all see the same machine.
 */
function wholeProcess(work: string): void {
  const soffice = sofficeAvailable();
  const before = load();
  const commands = SEEDS.map((name) => {
    const dir = join(work, name);
    const xlsx = join(work, `${name}.xlsx`);
    const sofficeOut = join(work, 'soffice');
    mkdirSync(sofficeOut, { recursive: true });
    return {
      name,
      all: [process.execPath, main, 'publish', seedPath(name), '--out', dir, '--force'],
      pdf: [process.execPath, main, 'publish', seedPath(name), '--out', join(work, `${name}-pdf`), '--force', '--format', 'pdf'],
      soffice: ['soffice', `-env:UserInstallation=file://${SOFFICE_PROFILE}`, '--headless', '--convert-to', 'pdf', '--outdir', sofficeOut, xlsx],
      xlsx,
      dir,
    };
  });
  // Warm-up: one run of each (LibreOffice's makes its profile the first time); the workbook LibreOffice converts is the one ours published.
  for (const c of commands) {
    if (run(c.all) === undefined) {
      console.log(`\n## 发布：整个进程 —— 无法运行 ${c.all.slice(1).join(' ')}（先 npm run build）`);
      return;
    }
    copyFileSync(join(c.dir, `${c.name}.xlsx`), c.xlsx);
    run(c.pdf);
    if (soffice) run(c.soffice);
  }
  const rows = new Map<string, Row>(SEEDS.map((s) => [s, { all: [], pdf: [], soffice: [] }]));
  let failed: string | undefined;
  for (let i = 0; i < RUNS && !failed; i++) {
    for (const c of commands) {
      const row = rows.get(c.name)!;
      for (const [key, cmd] of [['all', c.all], ['pdf', c.pdf], ...(soffice ? [['soffice', c.soffice]] : [])] as [keyof Row, string[]][]) {
        const ms = run(cmd);
        if (ms === undefined) failed = cmd.join(' ');
        else row[key].push(ms);
      }
    }
  }
  console.log(`\n## 发布：整个进程对整个进程（含 Node 启动、读取、校验；毫秒），交替运行 ${RUNS} 轮，最小 / 中位数；负载 ${before} → ${load()}（其他进程在运行时数字偏大）`);
  console.log('文件\t本项目 全部格式\t本项目 只出 PDF（--format pdf）\tLibreOffice 把本项目的 XLSX 转成 PDF\tLibreOffice ÷ 本项目 PDF（逐对）');
  if (failed) console.log(`—（运行失败：${failed}）`);
  for (const c of commands) {
    const row = rows.get(c.name)!;
    if (failed || row.all.length === 0) continue;
    const all = spread(row.all);
    const pdf = spread(row.pdf);
    const so = row.soffice.length ? spread(row.soffice) : undefined;
    const ratio = so ? spread(row.soffice.map((s, i) => s / row.pdf[i]!)) : undefined;
    const missing = `—（未安装 LibreOffice：${INSTALL}）`;
    console.log([c.name.slice(0, 3), fmtMs(all), fmtMs(pdf), so ? fmtMs(so) : missing, ratio ? fmtRatio(ratio) : '—'].join('\t'));
    reportTarget({ what: `发布 ${c.name.slice(0, 3)} 全部格式（命令行）`, goal: '< 1 s 整个进程', figure: fmtMs(all), ratio: '', basis: `整个进程，与下一行交替；负载 ${before}`, met: all.median < 1000 });
    reportTarget({
      what: `发布 ${c.name.slice(0, 3)} 只出 PDF 对 LibreOffice`,
      goal: '≥ 3× 快于 soffice --convert-to pdf 同一 XLSX',
      figure: so ? `${fmtMs(pdf)}（LibreOffice ${fmtMs(so)}）` : `未测：未安装 LibreOffice（${INSTALL}）`,
      ratio: ratio ? fmtRatio(ratio) : '',
      basis: `整个进程对整个进程，交替；负载 ${before}`,
      met: ratio ? ratio.median >= 3 : undefined,
    });
  }
}

export async function publishBench(rounds = 10): Promise<void> {
  await inProcess(rounds);
  const work = mkdtempSync(join(tmpdir(), 'budgetbook-bench-publish-'));
  try {
    wholeProcess(work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
