/**
 * Issue 13 at the server: every page carries a strict Content-Security-Policy, API answers and
 * published pages are sandboxed data (the HTML one a download), and a document whose keys are
 * not the model's is refused where it comes in — 400 for a JSON body, 422 for an upload, exit 2
 * in the CLI — saying in Chinese which table and key.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import type { Db } from '../store/db.js';
import { openStore } from '../store/store.js';
import { createApp } from './app.js';
import { loadDemo, type DemoUser } from './demo.js';

const PAYLOAD = '"><img src=x onerror=window.__x=1>';
const root = new URL('../..', import.meta.url).pathname;

describe('what a browser may do with what the server sends', () => {
  let db: Db;
  let users: DemoUser[];
  let app: ReturnType<typeof createApp>['app'];
  const web = mkdtempSync(join(tmpdir(), 'bb-web-'));
  let token = '';
  beforeAll(async () => {
    db = await openStore({});
    users = await loadDemo(db, builtinCatalogs());
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>预算门户</title><script type="module" src="/app.js"></script>');
    writeFileSync(join(web, 'app.js'), 'console.log(1)');
    ({ app } = createApp({ db, catalogs: builtinCatalogs(), webDir: web }));
    const preparer = users.find((u) => u.username === 'preparer')!;
    const r = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: preparer.username, password: preparer.password }) });
    token = ((await r.json()) as { token: string }).token;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    rmSync(web, { recursive: true, force: true });
  });
  const directives = (csp: string | null) => new Map((csp ?? '').split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name!, values]));

  it('gives every page of the web app a policy: its own scripts only, no inline script, no eval', async () => {
    for (const path of ['/', '/documents/1', '/workspace/upload', '/app.js']) {
      const res = await app.request(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect([path, csp.get('script-src')]).toEqual([path, ["'self'"]]);
      expect([path, csp.get('object-src')]).toEqual([path, ['blob:']]);
      expect([path, csp.get('base-uri')]).toEqual([path, ["'none'"]]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('sandboxes every API answer: no script, no origin', async () => {
    for (const path of ['/api/documents', '/api/documents/1/content', '/api/documents/1/cells.csv', '/api/no-such-thing']) {
      const res = await app.request(path);
      const csp = directives(res.headers.get('content-security-policy'));
      expect([path, csp.get('sandbox'), csp.get('default-src')]).toEqual([path, [], ["'none'"]]);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves a published HTML page as a download, sandboxed without scripts or origin', async () => {
    const res = await app.request('/api/documents/1/files/html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="budget\.html"; filename\*=UTF-8''/);
    const csp = res.headers.get('content-security-policy')!;
    expect(directives(csp).get('sandbox')).toEqual([]);
    expect(csp).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(directives(csp).get('script-src')).toBeUndefined();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // Other formats stay inline (a spreadsheet, a CSV to look at).
    expect((await app.request('/api/documents/1/files/json')).headers.get('content-disposition')).toMatch(/^inline;/);
  });

  it('refuses a document with a column that is not the model’s: 400 as a JSON body, 422 as an upload', async () => {
    const content = (await (await app.request('/api/documents/1/content')).json()) as { meta: { year: number }; tables: { id: string; columns: string[] }[] };
    content.tables.find((t) => t.id === 'expenditure')!.columns.push(PAYLOAD);
    const auth = { authorization: `Bearer ${token}` };
    const check = await app.request('/api/check', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(content) });
    expect(check.status).toBe(400);
    expect(JSON.stringify(await check.json())).toContain('表“支出预算总表”（expenditure）的列键');
    const read = await app.request('/api/read?fileName=a.json', { method: 'POST', headers: { ...auth, 'content-type': 'application/octet-stream' }, body: JSON.stringify(content) });
    expect(read.status).toBe(422);
    const body = (await read.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad-json');
    expect(body.error.message).toContain('字段 tables.2.columns.3：表“支出预算总表”（expenditure）的列键“"><img src=x onerror=window.__x=1>”不是模型中的列');
  });

  it('makes the CLI exit 2 on such a file, with the same message', async () => {
    const content = (await (await app.request('/api/documents/1/content')).json()) as { tables: { id: string; rows: { key: string }[] }[] };
    content.tables.find((t) => t.id === 'expenditure')!.rows[0]!.key = '=HYPERLINK("http://evil.example/","click")';
    const file = join(web, 'bad.json');
    writeFileSync(file, JSON.stringify(content));
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), 'check', file], { cwd: root, encoding: 'utf8', env: { ...process.env, BUDGETBOOK_HOME: web } });
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('表“支出预算总表”（expenditure）第 1 行的行键“=HYPERLINK("http://evil.example/","click…”不合规：行键应为科目编码（3、5 或 7 位数字）、total，或 name:名称');
  });
});
