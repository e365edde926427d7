/**
 * Store and server figures (part of npm run bench; alone: npm run bench:store):
 * - storing a synthetic city (BENCH_ENTITIES × BENCH_YEARS, default 1000 × 3) into PGlite and into
 *   PostgreSQL, documents already read and checked, the way `import` stores them (bulk.ts:
 *   batches, COPY), against COPY of the same cells into a table of the same shape on the same
 *   driver (PGlite: COPY FROM '/dev/blob'; PostgreSQL: the COPY protocol from this process), in
 *   process against in process, interleaved over BENCH_STORE_RUNS rounds (target: ≥ 50 %);
 * - `budgetbook import` of the same city written as files (BENCH_IMPORT_ENTITIES × BENCH_YEARS,
 *   default as above; 3000 × 3 is the issue's 9,000 documents), whole process: documents a second
 *   and the client's peak resident memory (VmHWM; the readers are children of their own, each
 *   within its limits) on both drivers (target: ≤ 500 MB at 9,000 documents);
 * The server's latency and memory are bench/serve.ts's (npm run bench -- serve).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument, type Finding } from '../src/check/engine.js';
import type { BudgetDocument } from '../src/model/document.js';
import { cellsOf } from '../src/publish/opendata/cells.js';
import { generateCity } from '../src/synth/city.js';
import type { Db, Queryable } from '../src/store/db.js';
import { BATCH_DOCUMENTS, storeBatch } from '../src/store/bulk.js';
import { openStore } from '../src/store/store.js';
import { deferIndexes, optimizeStore, restoreIndexes } from '../src/store/maintenance.js';
import { SYSTEM } from '../src/workflow/workflow.js';
import { median } from './measure.js';
import { reportTarget } from './targets.js';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const IMPORT_ENTITIES = Number(process.env.BENCH_IMPORT_ENTITIES ?? ENTITIES);
const RUNS = Number(process.env.BENCH_STORE_RUNS ?? 3);
/** BENCH_STORE_PHASES=1: the first round's store time statement by statement (a wrapper around the driver; off by default). */
const PHASES = process.env.BENCH_STORE_PHASES === '1';
const URL_ = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const load = () => `负载 ${loadavg().map((x) => x.toFixed(1)).join(' ')}`;
const catalogs = builtinCatalogs();
const work = mkdtempSync(join(tmpdir(), 'bb-bench-'));
const secs = (ms: number) => (ms / 1000).toFixed(1);

function city(): { doc: BudgetDocument; findings: Finding[] }[] {
  let t0 = performance.now();
  const docs = [...generateCity({ seed: 1, entities: ENTITIES, years: YEARS })].map((c) => c.doc);
  const gen = performance.now() - t0;
  t0 = performance.now();
  const prior = new Map<string, BudgetDocument>();
  const out = docs.map((doc) => {
    const p = prior.get(doc.meta.entity.name);
    prior.set(doc.meta.entity.name, doc);
    return { doc, findings: checkDocument(doc, { catalogs, ...(p ? { prior: p } : {}) }) };
  });
  const check = performance.now() - t0;
  const cells = docs.reduce((s, d) => s + cellsOf(d).length, 0);
  console.log(`\n## 存储：合成城市 ${ENTITIES} 个部门与单位 × ${YEARS} 年 = ${docs.length} 份文件，${cells} 个单元格`);
  console.log(`生成 ${secs(gen)} s；校验（含与上年比较）${secs(check)} s（${(docs.length / (check / 1000)).toFixed(0)} 份/秒）`);
  return out;
}

/** The documents stored as `import` stores them: batches (bulk.ts), `jobs` at once; the search index and keys deferred as import defers them. */
async function store(db: Db, docs: { doc: BudgetDocument; findings: Finding[] }[], jobs: number): Promise<number> {
  const t0 = performance.now();
  const deferred = await deferIndexes(db, docs.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < docs.length) {
        const batch = docs.slice(next, (next += BATCH_DOCUMENTS));
        for (const o of await storeBatch(db, batch.map((d) => ({ doc: d.doc, findings: d.findings, sourceName: 'bench' })), { actor: SYSTEM, publish: true, bulk: true })) if (!o.ok) throw o.error;
      }
    }),
  );
  if (deferred) await restoreIndexes(db);
  await optimizeStore(db);
  return performance.now() - t0;
}

/** `db` with each statement's wall time added to `phases` under its name (a COPY under its table; a batch's whole transaction as well). */
function timed(db: Db, phases: Map<string, number>): Db {
  const add = (key: string, t0: number) => phases.set(key, (phases.get(key) ?? 0) + performance.now() - t0);
  const around = async <T>(key: string, run: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    try {
      return await run();
    } finally {
      add(key, t0);
    }
  };
  const head = (sql: string) => sql.trim().split(/\s+/).slice(0, 3).join(' ');
  const wrap = (q: Queryable): Queryable => ({
    query: (sql, params, name) => around(name ?? head(sql), () => q.query(sql, params, name)),
    exec: (sql) => around(head(sql), () => q.exec(sql)),
    copyFrom: (table, columns, data) => around(`COPY ${table}`, () => q.copyFrom(table, columns, data)),
  });
  return { ...db, ...wrap(db), transaction: (fn) => around('（每批的事务，合计）', () => db.transaction((tx) => fn(wrap(tx)))) };
}

function reportPhases(name: string, phases: Map<string, number>, total: number): void {
  console.log(`  ${name} 存储的分解（各语句的墙钟时间；多个连接时相互重叠；每批事务合计减去其中语句 = 本进程准备 COPY 文本等；存储合计减去事务与收尾 = 本进程的单元格、JSON 与哈希）：`);
  for (const [key, ms] of [...phases].sort((a, b) => b[1] - a[1])) console.log(`    ${key}\t${secs(ms)} s\t${((ms / total) * 100).toFixed(0)}%`);
}

const CELLS_COPY = `CREATE TABLE cells_copy (version_id bigint NOT NULL, table_id text COLLATE "C" NOT NULL, row_key text COLLATE "C" NOT NULL, column_key text COLLATE "C" NOT NULL, amount bigint NOT NULL, PRIMARY KEY (version_id, table_id, row_key, column_key))`;

/** COPY of the same cells into a table of the same shape, on the same driver, from this process (the text made first, not timed). */
async function copyBaseline(db: Db, docs: { doc: BudgetDocument }[]): Promise<number> {
  const text = docs.flatMap((d, i) => cellsOf(d.doc).map((c) => `${i + 1}\t${c.table}\t${c.row}\t${c.column}\t${c.amount}\n`)).join('');
  await db.exec(CELLS_COPY);
  const t0 = performance.now();
  await db.copyFrom('cells_copy', ['version_id', 'table_id', 'row_key', 'column_key', 'amount'], text);
  return performance.now() - t0;
}

/** `budgetbook import` of a folder as a whole process: wall time and the client's VmHWM (MB), printed by a preload at exit. */
function importRun(dir: string, env: NodeJS.ProcessEnv, args: string[]): { ms: number; peakMb: number; ok: boolean; err: string } {
  const preload = 'data:text/javascript,import fs from "node:fs";process.on("exit",()=>process.stderr.write("VmHWM "+/VmHWM:\\s+(\\d+)/.exec(fs.readFileSync("/proc/self/status","utf8"))[1]+"\\n"))';
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', preload, new URL('../dist/cli/main.js', import.meta.url).pathname, 'import', dir, ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 26 });
  const ms = performance.now() - t0;
  const kb = Number(/VmHWM (\d+)/.exec(r.stderr)?.[1] ?? NaN);
  return { ms, peakMb: kb / 1024, ok: r.status === 0, err: r.stderr.split('\n').slice(-5).join('\n') };
}

async function importBench(): Promise<void> {
  const dir = join(work, 'city');
  const gen = spawnSync(process.execPath, [new URL('../dist/cli/main.js', import.meta.url).pathname, 'generate', '--entities', String(IMPORT_ENTITIES), '--years', String(YEARS), '--out', dir], { encoding: 'utf8' });
  if (gen.status !== 0) throw new Error(gen.stderr);
  const count = (d: string): number => readdirSync(d, { withFileTypes: true }).reduce((n, e) => n + (e.isDirectory() ? count(join(d, e.name)) : 1), 0);
  const files = count(dir);
  console.log(`\n## 导入：budgetbook import 合成城市的 ${files} 份文件（${IMPORT_ENTITIES} 个部门与单位 × ${YEARS} 年，文本），整个进程各一次；客户端进程的峰值常驻内存（VmHWM，不含各自受限的读取子进程）`);
  const schema = `bb_bench_import_${process.pid}`;
  for (const [name, env, args] of [
    ['PGlite', { DATABASE_URL: '' }, ['--data', join(work, 'import-pglite')]],
    ['PostgreSQL', { DATABASE_URL: URL_, BUDGETBOOK_SCHEMA: schema }, []],
  ] as const) {
    const before = load();
    const r = importRun(dir, env, [...args]);
    if (name === 'PostgreSQL') spawnSync('psql', [URL_, '-qc', `DROP SCHEMA IF EXISTS ${schema} CASCADE`]);
    const rate = files / (r.ms / 1000);
    console.log(r.ok ? `${name}\t${secs(r.ms)} s，${rate.toFixed(0)} 份/秒，峰值内存 ${r.peakMb.toFixed(0)} MB（开始时${before}，结束时${load()}）` : `${name}\t失败：${r.err}`);
    reportTarget({ what: `导入 ${files} 份文件（${name}）速度`, goal: `快于改前（issue 19：PGlite 47、PostgreSQL 68 份/秒）`, figure: r.ok ? `${rate.toFixed(0)} 份/秒（一次；${load()}）` : '失败', ratio: '', basis: '整个进程，各一次', met: r.ok ? rate > (name === 'PGlite' ? 47 : 68) : undefined });
    reportTarget({
      what: `导入 ${files} 份文件（${name}）峰值内存`,
      goal: '≤ 500 MB（9,000 份文件）',
      figure: r.ok ? `${r.peakMb.toFixed(0)} MB${files < 9000 ? `（${files} 份；9,000 份未测）` : ''}` : '失败',
      ratio: '',
      basis: '客户端进程 VmHWM',
      met: r.ok && files >= 9000 ? r.peakMb <= 500 : undefined,
    });
  }
}

export async function benchStore(): Promise<void> {
  if (RUNS === 0) {
    // Only the import (BENCH_STORE_RUNS=0), e.g. the issue's 9,000 documents: BENCH_IMPORT_ENTITIES=3000.
    try {
      await importBench();
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    return;
  }
  const docs = city();
  const cells = docs.reduce((s, d) => s + cellsOf(d.doc).length, 0);
  const rate = (ms: number) => `${secs(ms)} s，${(docs.length / (ms / 1000)).toFixed(0)} 份/秒，${(cells / (ms / 1000)).toFixed(0)} 单元格/秒`;
  console.log(`存储与 COPY 交替 ${RUNS} 轮，每轮新的数据库（进程内对进程内）；PGlite 一个连接，PostgreSQL 2 个连接各存一批（每批 ${BATCH_DOCUMENTS} 份）`);
  const share: Record<'PGlite' | 'PostgreSQL', number[]> = { PGlite: [], PostgreSQL: [] };
  let schema = '';
  let pg: Db | undefined;
  for (let round = 0; round < RUNS; round++) {
    const lite = await openStore({ dataDir: join(work, `pglite-${round}`) });
    const litePhases = new Map<string, number>();
    const liteMs = await store(PHASES && round === 0 ? timed(lite, litePhases) : lite, docs, 1);
    const liteCopy = await copyBaseline(lite, docs);
    await lite.close();
    rmSync(join(work, `pglite-${round}`), { recursive: true, force: true });
    if (pg) {
      await pg.exec(`DROP SCHEMA ${schema} CASCADE`);
      await pg.close();
    }
    schema = `bb_bench_${process.pid}_${round}`;
    pg = await openStore({ databaseUrl: URL_, schema, poolSize: 4 });
    const pgPhases = new Map<string, number>();
    const pgMs = await store(PHASES && round === 0 ? timed(pg, pgPhases) : pg, docs, 2);
    const pgCopy = await copyBaseline(pg, docs);
    share.PGlite.push(liteCopy / liteMs);
    share.PostgreSQL.push(pgCopy / pgMs);
    console.log(`第 ${round + 1} 轮（${load()}）`);
    console.log(`  PGlite（数据文件夹）\t存储 ${rate(liteMs)}\tCOPY ${rate(liteCopy)}\t${((liteCopy / liteMs) * 100).toFixed(0)}%`);
    console.log(`  PostgreSQL 15\t存储 ${rate(pgMs)}\tCOPY ${rate(pgCopy)}\t${((pgCopy / pgMs) * 100).toFixed(0)}%`);
    if (litePhases.size) reportPhases('PGlite', litePhases, liteMs);
    if (pgPhases.size) reportPhases('PostgreSQL', pgPhases, pgMs);
  }
  console.log('（COPY 只有单元格：无文档 JSON、说明文字与检索词、校验结果、审计；比值按同样的单元格计）');
  for (const [name, xs] of Object.entries(share)) {
    const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
    console.log(`存储速度 ÷ COPY，${name}：最小 ${pct(Math.min(...xs))}，中位数 ${pct(median(xs))}`);
    reportTarget({ what: `批量存储 ${docs.length} 份文件（${name}）`, goal: '≥ 50% 同一驱动上 COPY 同样单元格的速度', figure: `${pct(Math.min(...xs))} / ${pct(median(xs))}（${load()}）`, ratio: `${pct(Math.min(...xs))} / ${pct(median(xs))}`, basis: '进程内对进程内，交替，每轮新库', met: median(xs) >= 0.5 });
  }
  await pg!.close();
  try {
    if (process.env.BENCH_IMPORT !== '0') await importBench();
  } finally {
    spawnSync('psql', [URL_, '-qc', `DROP SCHEMA ${schema} CASCADE`]);
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('store.ts')) await benchStore();
