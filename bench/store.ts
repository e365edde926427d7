/**
 * Store and server figures (part of npm run bench; alone: npm run bench:store):
 * - storing a synthetic city (BENCH_ENTITIES × BENCH_YEARS, default 1000 × 3) into PGlite and into
 *   PostgreSQL, documents already read and checked, one transaction per document, against
 *   PostgreSQL COPY of the same cells into a table of the same shape;
 * The server's latency and memory are bench/serve.ts's (npm run bench -- serve).
 */
import { spawnSync } from 'node:child_process';
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
  await pg.close();
  spawnSync('psql', [URL_, '-qc', `DROP SCHEMA ${schema} CASCADE`]);
  rmSync(work, { recursive: true, force: true });
}

if (process.argv[1]?.endsWith('store.ts')) await benchStore();
