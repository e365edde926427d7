/**
 * `npm run bench -- serve` (alone: node --import tsx bench/serve.ts): the server under load, as a
 * user runs it (`node dist/cli/main.js serve`, a process of its own), against the demo (PGlite in
 * memory, from its snapshot) and against PostgreSQL (the demo's documents in a schema of this
 * bench's own, dropped after).
 *
 * Load: open loop at a fixed rate (BENCH_SERVE_RPS, 200 requests/s). Request i is due at
 * start + i / rate and is sent then whether or not earlier ones have answered (over a keep-alive
 * agent of a few connections; a request waiting for a free connection is waiting in the server's
 * queue all the same). Its latency runs from the time it was due, not from when it went out, so a
 * stalled server is not hidden by a generator that waited for it (coordinated omission). Each
 * endpoint: a warm-up (every path once, then 2 s at the rate), then BENCH_SERVE_SECONDS (15 s) at
 * the rate: p50, p99, max, the rate achieved, errors. This process is the generator; the server
 * is another process.
 *
 * Start-up: from spawning `serve --demo` to the first 200 of /api/documents, with the demo's
 * snapshot present (min / median of several starts), and the first start ever (which builds the
 * city and writes the snapshot). Memory: VmRSS and VmHWM of the server after the load.
 * BENCH_SERVE_PROF=<dir>: the server runs with --cpu-prof into that folder.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './measure.js';
import { reportTarget } from './targets.js';

const RATE = Number(process.env.BENCH_SERVE_RPS ?? 200);
const SECONDS = Number(process.env.BENCH_SERVE_SECONDS ?? 15);
const STARTS = Number(process.env.BENCH_SERVE_STARTS ?? 5);
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const P99_MS = 50;
const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;
const load = () => loadavg().map((x) => x.toFixed(1)).join(' ');

interface Server {
  proc: ChildProcess;
  base: string;
  out: string;
}

let nextPort = 19000 + (process.pid % 500) * 2;

/** Starts `serve` and resolves once /api/documents answers 200: the ms from spawn to that answer. */
async function startServer(args: string[], env: NodeJS.ProcessEnv): Promise<{ server: Server; ms: number }> {
  const port = nextPort++;
  const prof = process.env.BENCH_SERVE_PROF;
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...(prof ? ['--cpu-prof', '--cpu-prof-dir', prof] : []), MAIN, 'serve', '--port', String(port), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const server: Server = { proc, base: `http://127.0.0.1:${port}`, out: '' };
  proc.stdout!.on('data', (d: Buffer) => (server.out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (server.out += d.toString()));
  let exited = false;
  proc.once('exit', () => (exited = true));
  for (;;) {
    if (exited) throw new Error(`服务器未能启动：\n${server.out}`);
    const status = await new Promise<number>((resolve) => {
      const req = http.get(`${server.base}/api/documents`, { agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', () => resolve(0));
    });
    if (status === 200) return { server, ms: performance.now() - t0 };
    await new Promise((r) => setTimeout(r, 10));
  }
}

async function stopServer(s: Server): Promise<void> {
  if (s.proc.exitCode !== null) return;
  const done = new Promise((r) => s.proc.once('exit', r));
  s.proc.kill('SIGTERM');
  await done;
}

function memory(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const mib = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: mib('VmRSS'), hwm: mib('VmHWM') };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 8 });

function get(base: string, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = http.get(base + path, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      res.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, body: '', error: e.code ?? e.message }));
    });
    req.on('error', (e: NodeJS.ErrnoException) => resolve({ status: 0, body: '', error: e.code ?? e.message }));
  });
}

interface LoadResult {
  p50: number;
  p99: number;
  max: number;
  rate: number;
  errors: number;
  /** What the errors were: "HTTP 500", "ECONNRESET", with how many. */
  kinds: string;
  sent: number;
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

/** Open loop: `rate` requests/s for `seconds`, paths in turn; latency from each request's due time. */
async function openLoop(base: string, paths: string[], seconds: number, headers: Record<string, string> = {}): Promise<LoadResult> {
  const n = Math.round(RATE * seconds);
  const latencies: number[] = [];
  let errors = 0;
  const kinds = new Map<string, number>();
  let lastEnd = 0;
  const start = performance.now() + 5;
  const pending: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      get(base, paths[i % paths.length]!, headers).then(({ status, error }) => {
        const end = performance.now();
        lastEnd = Math.max(lastEnd, end);
        if (status !== 200) {
          errors++;
          const kind = error ?? `HTTP ${status}`;
          kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        }
        latencies.push(end - due);
      }),
    );
  }
  await Promise.all(pending);
  latencies.sort((a, b) => a - b);
  return { p50: pct(latencies, 50), p99: pct(latencies, 99), max: latencies.at(-1) ?? NaN, rate: (n / (lastEnd - start)) * 1000, errors, kinds: [...kinds].map(([k, c]) => `${k}×${c}`).join('、'), sent: n };
}

interface Endpoint {
  name: string;
  paths: string[];
  headers?: Record<string, string>;
}

const WORDS = ['医疗救助', '机关运行经费', '政府采购', '一般公共预算', '绩效目标', '上海市闵行区', '住房公积金', '教育', '2080109', '卫生健康'];

async function endpoints(s: Server, token?: string): Promise<Endpoint[]> {
  const list = JSON.parse((await get(s.base, '/api/documents?limit=500')).body) as { items: { id: number; kind: string }[] };
  const ids = list.items.map((d) => d.id);
  const budgets = list.items.filter((d) => d.kind === 'budget').map((d) => d.id);
  const out: Endpoint[] = [
    { name: '文件列表 /api/documents', paths: ['/api/documents', '/api/documents?year=2025', '/api/documents?offset=50', '/api/documents?sort=-total', '/api/documents?scope=department'] },
    { name: '单元格 cells.csv', paths: ids.map((id) => `/api/documents/${id}/cells.csv`) },
    { name: '文档 JSON /content', paths: ids.map((id) => `/api/documents/${id}/content`) },
    { name: '搜索 /api/search', paths: WORDS.map((w) => `/api/search?q=${encodeURIComponent(w)}`) },
    { name: '合计 /api/totals', paths: ['/api/totals', '/api/totals?parent=208', '/api/totals?parent=201', '/api/totals?table=general-basic-economic', '/api/totals?years=2024,2025', '/api/subjects/208', '/api/subjects/20805'] },
    { name: '发布的网页 files/html', paths: budgets.map((id) => `/api/documents/${id}/files/html`) },
    { name: '图表 SVG /charts', paths: budgets.map((id) => `/api/documents/${id}/charts`) },
  ];
  if (token) {
    const h = { authorization: `Bearer ${token}` };
    out.push({ name: '文件列表（登录：财政局）', paths: out[0]!.paths, headers: h });
    out.push({ name: '单元格 cells.csv（登录：财政局）', paths: out[1]!.paths, headers: h });
    out.push({ name: '搜索（登录：财政局）', paths: out[3]!.paths, headers: h });
    out.push({ name: '合计（登录：财政局）', paths: out[4]!.paths, headers: h });
  }
  return out;
}

async function login(s: Server, username: string, password: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const body = JSON.stringify({ username, password });
    const req = http.request(`${s.base}/api/auth/login`, { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve(res.statusCode === 200 ? (JSON.parse(text) as { token: string }).token : undefined));
    });
    req.on('error', () => resolve(undefined));
    req.end(body);
  });
}

const ms = (x: number) => (x >= 100 ? x.toFixed(0) : x.toFixed(1));

async function loadAll(s: Server, driver: string, token: string | undefined): Promise<void> {
  console.log(`\n### ${driver}：开环 ${RATE} 请求/秒，各 ${SECONDS} 秒（预热：每个地址一次，再 2 秒）；延迟从应发出的时刻算起；负载 ${load()}（负载高时数字偏大）`);
  console.log('接口\t地址数\tp50 ms\tp99 ms\t最大 ms\t实际 请求/秒\t错误');
  for (const e of await endpoints(s, token)) {
    for (const p of e.paths) await get(s.base, p, e.headers);
    await openLoop(s.base, e.paths, 2, e.headers);
    const r = await openLoop(s.base, e.paths, SECONDS, e.headers);
    console.log(`${e.name}\t${e.paths.length}\t${ms(r.p50)}\t${ms(r.p99)}\t${ms(r.max)}\t${r.rate.toFixed(0)}\t${r.errors}/${r.sent}${r.kinds ? `（${r.kinds}）` : ''}`);
    reportTarget({
      what: `服务 ${driver} ${e.name}`,
      goal: `p99 < ${P99_MS} ms @ ${RATE} 请求/秒`,
      figure: `p50 ${ms(r.p50)} / p99 ${ms(r.p99)} ms（最大 ${ms(r.max)}；错误 ${r.errors}${r.kinds ? `：${r.kinds}` : ''}）`,
      ratio: '',
      basis: `开环，另一进程发出，负载 ${load()}`,
      met: r.errors === 0 && r.p99 < P99_MS,
    });
  }
}

/** The demo's bureau user's password, from the start-up lines. */
const demoPassword = (out: string, user: string) => new RegExp(`用户名 ${user}\\s+密码 (\\S+)`).exec(out)?.[1];

async function demoBench(): Promise<void> {
  const home = mkdtempSync(join(tmpdir(), 'bb-serve-'));
  const env = { BUDGETBOOK_HOME: home, DATABASE_URL: '' };
  try {
    console.log(`\n## 服务：演示（serve --demo，PGlite 内存）；负载 ${load()}`);
    const first = await startServer(['--demo'], env);
    const firstMem = memory(first.server.proc.pid!);
    await stopServer(first.server);
    const starts: number[] = [];
    const bare: number[] = [];
    for (let i = 0; i < STARTS; i++) {
      // Interleaved with the starts: `node -e 0`, what any Node process costs on this machine now.
      const t0 = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - t0);
      const { server, ms: t } = await startServer(['--demo'], env);
      starts.push(t);
      if (i < STARTS - 1) await stopServer(server);
      else {
        const startMem = memory(server.proc.pid!);
        const ratios = starts.map((x, j) => x / bare[j]!);
        console.log(`首次启动（建示例城市并写快照）${first.ms.toFixed(0)} ms（常驻 ${firstMem.rss.toFixed(0)} MiB）；有快照时 ${STARTS} 次：最小 ${Math.min(...starts).toFixed(0)} / 中位数 ${median(starts).toFixed(0)} ms（从启动进程到 /api/documents 首个 200，整个进程）；交替的 node -e 0：${Math.min(...bare).toFixed(0)} / ${median(bare).toFixed(0)} ms，比值 ${Math.min(...ratios).toFixed(1)}× / ${median(ratios).toFixed(1)}×`);
        reportTarget({ what: '演示冷启动（有快照）', goal: '< 2 s', figure: `${Math.min(...starts).toFixed(0)} / ${median(starts).toFixed(0)} ms（首次建快照 ${first.ms.toFixed(0)} ms）`, ratio: `${Math.min(...ratios).toFixed(1)}× / ${median(ratios).toFixed(1)}× node -e 0`, basis: `整个进程：启动到首个 200，与 node -e 0 交替，负载 ${load()}`, met: median(starts) < 2000 });
        console.log(`启动后内存：常驻 ${startMem.rss.toFixed(0)} MiB`);
        const token = await login(server, 'bureau', demoPassword(server.out, 'bureau') ?? '');
        try {
          await loadAll(server, 'PGlite（演示）', token);
        } finally {
          const m = memory(server.proc.pid!);
          console.log(`负载后内存：常驻（VmRSS）${m.rss.toFixed(0)} MiB，峰值（VmHWM）${m.hwm.toFixed(0)} MiB`);
          reportTarget({ what: '演示服务器内存（负载后）', goal: '< 400 MiB', figure: `VmRSS ${m.rss.toFixed(0)} MiB，VmHWM ${m.hwm.toFixed(0)} MiB`, ratio: '', basis: '负载测试之后，/proc/<pid>/status', met: m.rss < 400 && m.hwm < 400 });
          await stopServer(server);
        }
      }
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

async function pgBench(): Promise<void> {
  const schema = `bb_serve_${process.pid}`;
  const psql = (sql: string) => spawnSync('psql', [PG_URL, '-qc', sql], { encoding: 'utf8' });
  if (psql('SELECT 1').status !== 0) {
    console.log(`\n## 服务：PostgreSQL — 未测（连不上 ${PG_URL}）`);
    return;
  }
  try {
    const { openStore } = await import('../src/store/store.js');
    const { loadDemo } = await import('../src/server/demo.js');
    const { builtinCatalogs } = await import('../src/catalogs/builtin.js');
    const db = await openStore({ databaseUrl: PG_URL, schema });
    const users = await loadDemo(db, builtinCatalogs(), { city: true });
    await db.query('ANALYZE');
    await db.close();
    const bureau = users.find((u) => u.username === 'bureau')!;
    console.log(`\n## 服务：PostgreSQL（serve，DATABASE_URL，模式 ${schema}，演示的文件）；负载 ${load()}`);
    const { server } = await startServer([], { DATABASE_URL: PG_URL, BUDGETBOOK_SCHEMA: schema });
    try {
      await loadAll(server, 'PostgreSQL', await login(server, bureau.username, bureau.password));
      const m = memory(server.proc.pid!);
      console.log(`负载后内存：常驻 ${m.rss.toFixed(0)} MiB，峰值 ${m.hwm.toFixed(0)} MiB`);
    } finally {
      await stopServer(server);
    }
  } finally {
    psql(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  }
}

export async function serveBench(): Promise<void> {
  const only = process.env.BENCH_SERVE_ONLY;
  if (only !== 'pg') await demoBench();
  if (only !== 'demo') await pgBench();
  agent.destroy();
}

if (process.argv[1]?.endsWith('serve.ts')) await serveBench();
