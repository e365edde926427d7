/**
 * `budgetbook serve [--port 8080] [--host 127.0.0.1] [--data <dir>] [--demo] [--web <dir>] [--trust-proxy]`:
 * the API (and the web app's files, when built) over the store. --demo starts from a fresh
 * in-memory store holding the examples and one user per role.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '../server/app.js';
import { defaultAuthOptions } from '../server/auth.js';
import { loadDemo, openDemo, type DemoUser } from '../server/demo.js';
import { join } from 'node:path';
import { describeStore, openStore, storeOptions } from '../store/store.js';
import type { Db, OpenOptions } from '../store/db.js';
import { homeDir, loadCatalogs } from './home.js';
import { guardProcess, UsageError } from './io.js';

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseArgs({ args, options: { port: { type: 'string' }, host: { type: 'string' }, data: { type: 'string' }, demo: { type: 'boolean' }, web: { type: 'string' }, 'trust-proxy': { type: 'boolean' } } });
  const port = Number(values.port ?? process.env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`端口“${values.port}”无效：应为 0–65535 的整数`);
  const host = values.host ?? '127.0.0.1';
  // An error nobody awaited is logged in one line; it never ends the server (files are read in child processes anyway).
  guardProcess('log');
  const options: OpenOptions = values.demo && !values.data ? {} : storeOptions(values.data, homeDir());
  const started = Date.now();
  const catalogs = loadCatalogs();
  // The demo in memory starts from a snapshot of its documents after the first start (server/demo.ts).
  let db: Db;
  let users: DemoUser[] = [];
  if (values.demo && !values.data) ({ db, users } = await openDemo(catalogs, join(homeDir(), 'cache')));
  else {
    db = await openStore(options);
    if (values.demo) users = await loadDemo(db, catalogs, { city: true });
  }
  const built = fileURLToPath(new URL('../../web/dist', import.meta.url));
  const webDir = values.web ?? (existsSync(built) ? built : undefined);
  // --trust-proxy: behind a reverse proxy, the client's address and scheme come from X-Forwarded-For / -Proto (Secure cookie over HTTPS).
  const { app } = createApp({ db, catalogs, auth: { ...defaultAuthOptions(), trustProxy: !!values['trust-proxy'] }, ...(webDir ? { webDir } : {}) });
  const server = serve({ fetch: app.fetch, port, hostname: host }, (info) => {
    const base = `http://${host}:${info.port}`;
    const lines = [`budgetbook 服务已启动：${base}（${values.demo ? '演示：内存中的内嵌数据库，停止后数据不保留' : describeStore(options)}；启动用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒）`, `API 说明：${base}/api/openapi.json`];
    if (users.length) {
      lines.push('', '演示用户（密码每次启动随机生成）：');
      for (const u of users) lines.push(`  ${u.role.padEnd(4, '　')} 用户名 ${u.username.padEnd(10)} 密码 ${u.password}   ${u.displayName}`);
      lines.push('', '试试：', `  curl '${base}/api/documents'`, `  curl '${base}/api/documents/1/cells.csv'`, `  curl -G '${base}/api/search' --data-urlencode 'q=医疗救助'`);
    }
    process.stdout.write(lines.join('\n') + '\n');
  });
  server.setTimeout?.(60_000);
  (server as unknown as { requestTimeout: number }).requestTimeout = 60_000;
  (server as unknown as { headersTimeout: number }).headersTimeout = 20_000;
  await new Promise<void>((resolve) => {
    const stop = () => server.close(() => resolve());
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await db.close();
  return 0;
}
