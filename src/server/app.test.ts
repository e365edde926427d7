/** The server's own limits and the web app's files (PGlite; the API itself is tested in api.test.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import type { Db } from '../store/db.js';
import { openStore } from '../store/store.js';
import { createApp } from './app.js';

describe('server', () => {
  let db: Db;
  const web = mkdtempSync(join(tmpdir(), 'bb-web-'));
  beforeAll(async () => {
    db = await openStore({});
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>预算门户</title>');
    writeFileSync(join(web, 'app.js'), 'console.log(1)');
  });
  afterAll(async () => {
    await db?.close();
    rmSync(web, { recursive: true, force: true });
  });

  it('answers 503 in Chinese when a request takes longer than allowed', async () => {
    const slow: Db = { ...db, query: async (sql, params, name) => (await new Promise((r) => setTimeout(r, 200)), db.query(sql, params, name)) };
    const { app } = createApp({ db: slow, catalogs: builtinCatalogs(), requestTimeout: 20 });
    const res = await app.request('/api/regions');
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { message: string } }).error.message).toBe('请求处理超时');
    await new Promise((r) => setTimeout(r, 250));
  });

  it('serves the web app, its page for its own routes, and never for /api', async () => {
    const { app } = createApp({ db, catalogs: builtinCatalogs(), webDir: web });
    expect(await (await app.request('/')).text()).toContain('预算门户');
    expect(await (await app.request('/app.js')).text()).toBe('console.log(1)');
    expect(await (await app.request('/documents/1')).text()).toContain('预算门户');
    const api = await app.request('/api/no-such-thing');
    expect(api.status).toBe(404);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('no-route');
  });
});
