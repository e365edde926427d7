/**
 * Store and server figures (part of npm run bench; alone: npm run bench:store):
 * - storing a synthetic city (BENCH_ENTITIES × BENCH_YEARS, default 1000 × 3) into PGlite and into
 *   PostgreSQL, documents already read and checked, one transaction per document, against
 *   PostgreSQL COPY of the same cells into a table of the same shape;
 * - API latency at a fixed rate (wrk, 200 requests/s) for a document's cells and for a search;
 * - the server's memory.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument, type Finding } from '../src/check/engine.js';
import type { BudgetDocument } from '../src/model/document.js';
import { cellsOf } from '../src/publish/opendata/cells.js';
import { generateCity } from '../src/synth/city.js';
import type { Db } from '../src/store/db.js';
import { storeImported } from '../src/store/import.js';
import { openStore } from '../src/store/store.js';
import { optimizeStore } from '../src/store/maintenance.js';
import { SYSTEM } from '../src/workflow/workflow.js';

const ENTITIES = Number(process.env.BENCH_ENTITIES ?? 1000);
const YEARS = Number(process.env.BENCH_YEARS ?? 3);
const URL_ = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
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

async function store(db: Db, docs: { doc: BudgetDocument; findings: Finding[] }[], jobs: number): Promise<number> {
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: jobs }, async () => {
      while (next < docs.length) {
        const d = docs[next++]!;
        await storeImported(db, { doc: d.doc, findings: d.findings, sourceName: 'bench' }, { actor: SYSTEM, publish: true, bulk: true });
      }
    }),
  );
  await optimizeStore(db);
  return performance.now() - t0;
}

function copyBaseline(schema: string, docs: { doc: BudgetDocument }[]): number {
  const csv = join(work, 'cells.csv');
  writeFileSync(csv, docs.flatMap((d, i) => cellsOf(d.doc).map((c) => `${i + 1},${c.table},${c.row},${c.column},${c.amount}`)).join('\n') + '\n');
  const psql = (sql: string) => spawnSync('psql', [URL_, '-v', 'ON_ERROR_STOP=1', '-qc', sql], { encoding: 'utf8' });
  psql(`CREATE TABLE ${schema}.cells_copy (version_id bigint NOT NULL, table_id text COLLATE "C" NOT NULL, row_key text COLLATE "C" NOT NULL, column_key text COLLATE "C" NOT NULL, amount bigint NOT NULL, PRIMARY KEY (version_id, table_id, row_key, column_key))`);
  const t0 = performance.now();
  const r = psql(`\\copy ${schema}.cells_copy FROM '${csv}' CSV`);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(r.stderr);
  return ms;
}

function wrk(url: string, paths: string[], seconds: number): { p50: string; p99: string; rate: string } | undefined {
  const script = join(work, 'rate.lua');
  writeFileSync(script, `local paths = {${paths.map((p) => JSON.stringify(p)).join(',')}}\nlocal i = 0\nrequest = function() i = i + 1; return wrk.format(nil, paths[(i % #paths) + 1]) end\ndelay = function() return 50 end\n`);
  const r = spawnSync('wrk', ['-t2', '-c10', `-d${seconds}s`, '--latency', '-s', script, url], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return undefined;
  const pick = (p: string) => new RegExp(`^\\s+${p}%\\s+(\\S+)`, 'm').exec(r.stdout)?.[1] ?? '?';
  return { p50: pick('50'), p99: pick('99'), rate: /Requests\/sec:\s+(\S+)/.exec(r.stdout)?.[1] ?? '?' };
}

const memory = (pid: number) => {
  const status = spawnSync('cat', [`/proc/${pid}/status`], { encoding: 'utf8' }).stdout;
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return `常驻 ${kb('VmRSS').toFixed(0)} MB，峰值 ${kb('VmHWM').toFixed(0)} MB`;
};

async function latency(schema: string, documentIds: number[]): Promise<void> {
  const port = 18000 + (process.pid % 1000);
  const server = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'serve', '--port', String(port)], { env: { ...process.env, DATABASE_URL: URL_, BUDGETBOOK_SCHEMA: schema }, stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => server.stdout!.on('data', (d: Buffer) => d.toString().includes('已启动') && resolve()));
  const base = `http://127.0.0.1:${port}`;
  console.log(`\n## API 延迟（wrk，10 个连接各每 50 ms 一个请求 ≈ 200 请求/秒，各 20 秒；服务器进程用 PostgreSQL）`);
  console.log(`启动后内存：${memory(server.pid!)}`);
  const cells = documentIds.slice(0, 200).map((id) => `/api/documents/${id}/cells.csv`);
  const words = ['医疗救助', '机关运行经费', '政府采购', '一般公共预算', '绩效目标', '上海市闵行区', '住房公积金', '教育局', '2080109', '卫生健康'];
  const searches = words.map((w) => `/api/search?q=${encodeURIComponent(w)}`);
  for (const [name, paths] of [['单元格 CSV（200 份文件轮流）', cells], ['搜索（10 个词轮流）', searches]] as const) {
    for (const p of paths.slice(0, 20)) spawnSync('curl', ['-s', '-o', '/dev/null', base + p]);
    const r = wrk(base, [...paths], 20);
    console.log(r ? `${name}\tp50 ${r.p50}\tp99 ${r.p99}\t实际 ${r.rate} 请求/秒` : `${name}\t—（未装 wrk：apt-get install -y wrk）`);
  }
  console.log(`负载后内存：${memory(server.pid!)}`);
  server.kill('SIGTERM');
}

export async function benchStore(): Promise<void> {
  const docs = city();
  const cells = docs.reduce((s, d) => s + cellsOf(d.doc).length, 0);
  const rate = (ms: number) => `${secs(ms)} s，${(docs.length / (ms / 1000)).toFixed(0)} 份/秒，${(cells / (ms / 1000)).toFixed(0)} 单元格/秒`;
  const lite = await openStore({ dataDir: join(work, 'pglite') });
  const liteMs = await store(lite, docs, 1);
  await lite.close();
  const schema = `bb_bench_${process.pid}`;
  const pg = await openStore({ databaseUrl: URL_, schema, poolSize: 4 });
  const pgMs = await store(pg, docs, 4);
  const copyMs = copyBaseline(schema, docs);
  console.log(`PGlite（数据文件夹，一个连接）\t${rate(liteMs)}`);
  console.log(`PostgreSQL 15（4 个连接并行）\t${rate(pgMs)}`);
  console.log(`PostgreSQL COPY 同样的单元格\t${rate(copyMs)}（只有单元格：无文档 JSON、说明文字与检索词、校验结果、审计）`);
  console.log(`存储速度 ÷ COPY：PGlite ${((copyMs / liteMs) * 100).toFixed(0)}%，PostgreSQL ${((copyMs / pgMs) * 100).toFixed(0)}%（按单元格/秒）`);
  const ids = (await pg.query<{ id: number }>('SELECT id FROM documents ORDER BY id')).map((r) => r.id);
  await pg.close();
  try {
    if (process.env.BENCH_LATENCY !== '0') await latency(schema, ids);
  } finally {
    spawnSync('psql', [URL_, '-qc', `DROP SCHEMA ${schema} CASCADE`]);
    rmSync(work, { recursive: true, force: true });
  }
}

if (process.argv[1]?.endsWith('store.ts')) await benchStore();
