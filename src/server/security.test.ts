/**
 * Security of the API on both drivers (issue 13): the login throttle under concurrency and
 * across addresses, Secure cookies behind HTTPS, expired sessions removed, uploads that never
 * change the organisation tree, 400 for text no one typed, one log line per failure, and bounds
 * on a PATCH. Expected answers written by hand from the rules stated in auth.ts, rate-limit.ts,
 * import.ts and workflow/edit.ts.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Hono } from 'hono';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { DRIVERS, openTestStore, type TestStore } from '../../test/store-helpers.js';
import { createApp } from './app.js';
import { loadDemo, type DemoUser } from './demo.js';
import { defaultAuthOptions } from './auth.js';
import { errorResponse } from './api.js';
import { hashPassword } from './passwords.js';
import { createUser } from '../store/users.js';
import { answer } from '../../test/helpers.js';

type Who = 'public' | 'preparer' | 'preparer2' | 'reviewer' | 'bureau' | 'admin';

describe.each(DRIVERS)('security on %s', (driver) => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  let users: DemoUser[];
  const tokens = new Map<Who, string>();
  const ids = { unitOwn: 3, unit: 4, department: 5 };

  const request = async (path: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}) => {
    return answer(await app.request(path, init));
  };
  const call = (who: Who, method: string, path: string, body?: unknown) =>
    request(path, {
      method,
      headers: { ...(who === 'public' ? {} : { authorization: `Bearer ${tokens.get(who)}` }), ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
    });
  const login = (username: string, password: string, address: string, headers: Record<string, string> = {}) =>
    request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': address, ...headers }, body: JSON.stringify({ username, password }) });
  const upload = (who: Who, entity: number, doc: unknown, fileName = 'x.json') =>
    request(`/api/documents?entity=${entity}&fileName=${fileName}`, { method: 'POST', headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/octet-stream' }, body: typeof doc === 'string' ? doc : JSON.stringify(doc) });
  const content = async (id: number) => (await call('bureau', 'GET', `/api/documents/${id}/content`)).json;
  const record = async (id: number) => (await call('bureau', 'GET', `/api/documents/${id}`)).json;
  const tree = async () => store.db.query('SELECT id, kind, name, region, parent_id FROM entities ORDER BY id');
  const count = (statuses: number[], s: number) => statuses.filter((x) => x === s).length;

  beforeAll(async () => {
    store = await openTestStore(driver);
    users = await loadDemo(store.db, builtinCatalogs());
    // Behind a (test) proxy: each test gives its own client address in X-Forwarded-For.
    ({ app } = createApp({ db: store.db, catalogs: builtinCatalogs(), auth: { ...defaultAuthOptions(), trustProxy: true } }));
    for (const [i, u] of users.entries()) {
      const r = await login(u.username, u.password, `192.0.2.${i + 1}`);
      expect(r.status).toBe(200);
      tokens.set(u.username as Who, r.json.token);
    }
    for (const name of ['target', 'target2', 'target3']) await createUser(store.db, { username: name, displayName: name, passwordHash: await hashPassword(`right-password-of-${name}`), grants: [] });
  }, 120_000);
  afterAll(async () => store?.close());

  describe('login throttle', () => {
    it('lets 300 parallel guesses from one address check at most 5 passwords', async () => {
      const attempts = Array.from({ length: 300 }, (_, i) => (i === 299 ? 'right-password-of-target' : `guess-${i}`));
      const statuses = (await Promise.all(attempts.map((p) => login('target', p, '198.51.100.1')))).map((r) => r.status);
      // 5 per name and address: five are verified (401), the other 295 refused before any verification.
      expect(count(statuses, 401) + count(statuses, 200)).toBe(5);
      expect(count(statuses, 429)).toBe(295);
      const after = await login('target', 'right-password-of-target', '198.51.100.1');
      expect(after.status).toBe(429);
      expect(Number(after.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(after.json.error.message).toMatch(/^登录失败次数过多，请 \d+ 分钟后再试$/);
    });

    it('limits one account to 20 attempts across all addresses', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++) statuses.push((await login('target2', `guess-${i}`, `203.0.113.${i + 1}`)).status);
      expect(statuses).toEqual([...Array(20).fill(401), ...Array(5).fill(429)]);
      // Even the right password from an address never seen is refused until the window has passed.
      expect((await login('target2', 'right-password-of-target2', '203.0.113.200')).status).toBe(429);
    });

    it('limits one address to 30 attempts whatever the names', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 31; i++) statuses.push((await login(`nobody-${i}`, 'x', '198.51.100.77')).status);
      expect(statuses).toEqual([...Array(30).fill(401), 429]);
    });

    it('does not count a successful login against the name', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await login('target3', `guess-${i}`, '198.51.100.5')).status);
      statuses.push((await login('target3', 'right-password-of-target3', '198.51.100.5')).status);
      for (let i = 0; i < 4; i++) statuses.push((await login('target3', `again-${i}`, '198.51.100.5')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401]);
    });
  });

  describe('sessions and cookies', () => {
    const preparer = () => users.find((u) => u.username === 'preparer')!;

    it('marks the cookie Secure behind a trusted proxy that says HTTPS, and only then', async () => {
      const https = await login('preparer', preparer().password, '192.0.2.50', { 'x-forwarded-proto': 'https' });
      expect(https.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
      const http = await login('preparer', preparer().password, '192.0.2.50');
      expect(http.headers.get('set-cookie')).not.toMatch(/Secure/i);
      // Without --trust-proxy a client's X-Forwarded-Proto is ignored; a request that came over HTTPS itself is Secure.
      const direct = createApp({ db: store.db, catalogs: builtinCatalogs() }).app;
      const body = JSON.stringify({ username: 'preparer', password: preparer().password });
      const spoofed = await direct.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-proto': 'https' }, body });
      expect(spoofed.headers.get('set-cookie')).not.toMatch(/Secure/i);
      const tls = await direct.request('https://budget.example/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      expect(tls.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    });

    it('removes expired sessions when someone logs in', async () => {
      const [u] = await store.db.query<{ id: number }>("SELECT id FROM users WHERE username = 'reviewer'");
      await store.db.query("INSERT INTO sessions (token_hash, user_id, csrf_token, expires_at) VALUES ('expired-1', $1, 'c', now() - interval '1 hour'), ('expired-2', $1, 'c', now() - interval '9 days')", [u!.id]);
      expect((await login('preparer', preparer().password, '192.0.2.51')).status).toBe(200);
      expect(await store.db.query("SELECT token_hash FROM sessions WHERE token_hash LIKE 'expired-%'")).toEqual([]);
      const live = await store.db.query<{ n: number }>('SELECT count(*)::int AS n FROM sessions WHERE expires_at > now()');
      expect(live[0]!.n).toBeGreaterThan(5);
    });
  });

  describe('uploads never change the organisation tree', () => {
    it('refuses a department-type file for a unit, leaving every entity where it was', async () => {
      const before = await tree();
      const unit = await record(ids.unit);
      const doc = await content(ids.unit);
      const attack = { ...doc, meta: { ...doc.meta, year: 2031, scope: 'department', memberUnits: [{ name: '上海市闵行区医疗保障局本级' }, { name: '上海市闵行区虚构单位' }] } };
      const r = await upload('preparer', unit.entity.id, attack);
      expect(r.status).toBe(422);
      expect(r.json.error.code).toBe('wrong-kind');
      expect(r.json.error.message).toBe('文件是部门预算，而“上海市闵行区医疗保险事务中心”是单位');
      expect(await tree()).toEqual(before);
      expect((await call('reviewer', 'GET', `/api/documents/${ids.unitOwn}`)).status).toBe(200);
    });

    it('refuses a file of another entity (422 with both names)', async () => {
      const unit = await record(ids.unit);
      const doc = await content(ids.unitOwn);
      const r = await upload('preparer', unit.entity.id, { ...doc, meta: { ...doc.meta, year: 2031 } });
      expect(r.status).toBe(422);
      expect(r.json.error.message).toBe(`文件是“上海市闵行区 上海市闵行区医疗保障局本级”的预算，不是“上海市闵行区 上海市闵行区医疗保险事务中心”（编号 ${unit.entity.id}）的`);
    });

    it('refuses a department file naming units that are not its own, creating none', async () => {
      const before = await tree();
      const dept = await record(ids.department);
      const doc = await content(ids.department);
      const r = await upload('preparer2', dept.entity.id, { ...doc, meta: { ...doc.meta, year: 2031, memberUnits: [...doc.meta.memberUnits, { name: '上海市闵行区虚构单位' }, { name: '上海市松江区医疗保险事务中心' }] } });
      expect(r.status).toBe(422);
      expect(r.json.error.message).toBe('文件列出的下属单位不属于“上海市闵行区医疗保障局”：上海市闵行区虚构单位、上海市松江区医疗保险事务中心');
      expect(await tree()).toEqual(before);
      // With its own units the same file is stored as a new draft, the tree still unchanged.
      const ok = await upload('preparer2', dept.entity.id, { ...doc, meta: { ...doc.meta, year: 2031 } });
      expect([ok.status, ok.json.status]).toEqual([201, 'new']);
      expect(await tree()).toEqual(before);
    });

    it('refuses an upload by anyone but the entity’s preparer', async () => {
      const unit = await record(ids.unit);
      const doc = await content(ids.unit);
      for (const who of ['reviewer', 'bureau', 'admin', 'preparer2'] as Who[]) expect([who, (await upload(who, unit.entity.id, { ...doc, meta: { ...doc.meta, year: 2032 } })).status]).toEqual([who, 403]);
      expect((await upload('preparer', 999_999, doc)).status).toBe(403);
    });

    it('lets only the administrator create entities and move them', async () => {
      const dept = await record(ids.department);
      const unit = await record(ids.unit);
      const body = { kind: 'unit', name: '上海市闵行区医疗保障局新单位', region: '上海市闵行区', level: 'district', parentId: dept.entity.id };
      for (const who of ['public', 'preparer', 'preparer2', 'reviewer', 'bureau'] as Who[]) {
        expect([who, (await call(who, 'POST', '/api/entities', body)).status]).toEqual([who, who === 'public' ? 401 : 403]);
        expect([who, (await call(who, 'PATCH', `/api/entities/${unit.entity.id}`, { parentId: null })).status]).toEqual([who, who === 'public' ? 401 : 403]);
      }
      const made = await call('admin', 'POST', '/api/entities', body);
      expect(made.status).toBe(201);
      expect((await call('admin', 'POST', '/api/entities', body)).status).toBe(409);
      const underUnit = await call('admin', 'POST', '/api/entities', { ...body, name: '上海市闵行区另一新单位', parentId: unit.entity.id });
      expect([underUnit.status, underUnit.json.error.message]).toEqual([422, '“上海市闵行区医疗保险事务中心”是单位，不能作为所属部门']);
      const toUnit = await call('admin', 'PATCH', `/api/entities/${dept.entity.id}`, { kind: 'unit' });
      expect([toUnit.status, toUnit.json.error.message]).toEqual([409, '“上海市闵行区医疗保障局”下有 3 家单位，不能改为单位']);
      expect((await call('admin', 'PATCH', `/api/entities/${made.json.id}`, { parentId: null })).status).toBe(204);
      const [moved] = await store.db.query<{ parent_id: number | null }>('SELECT parent_id FROM entities WHERE id = $1', [made.json.id]);
      expect(moved!.parent_id).toBeNull();
      const audit = await store.db.query<{ action: string }>("SELECT action FROM audit_log WHERE action IN ('create-entity', 'change-entity') ORDER BY id");
      expect(audit.map((a) => a.action)).toEqual(['create-entity', 'change-entity']);
    });

    it('refuses a grant on an entity that does not exist with 422, not 500', async () => {
      const r = await call('admin', 'POST', '/api/users', { username: 'ghost', displayName: '无单位', password: 'a-long-enough-password', grants: [{ role: 'preparer', entityId: 999_999 }] });
      expect([r.status, r.json.error.message]).toEqual([422, '没有编号为 999999 的单位或部门，不能授予编制人角色']);
    });
  });

  describe('text no one typed', () => {
    it('answers 400 for NUL, lone surrogates and bad % escapes in paths and queries', async () => {
      for (const path of ['/api/documents?q=%00', '/api/documents?region=a%00b', '/api/documents?q=%zz', '/api/documents?q=%E0%A4%A', '/api/documents?q=%ED%A0%80', '/api/search?q=%00', '/api/documents/1%00/content', '/api/entities?q=%ff']) {
        const r = await call('public', 'GET', path);
        expect([path, r.status]).toEqual([path, 400]);
        expect(r.json.error.message).toMatch(/[\u4e00-\u9fff]/);
      }
    });

    it('answers 400 for NUL and lone surrogates in JSON bodies (a login name, a paragraph)', async () => {
      expect((await login('pre\u0000parer', 'x', '192.0.2.60')).status).toBe(400);
      const rev = (await record(ids.unit)).revision;
      for (const text of ['内部\u0000草稿', '孤立的代理字符\ud800', '\udc00']) {
        const r = await call('preparer', 'PATCH', `/api/documents/${ids.unit}`, `{"revision":${rev},"paragraphs":[{"section":1,"paragraph":0,"text":${JSON.stringify(text)}}]}`);
        expect(r.status).toBe(400);
        expect(r.json.error.message).toMatch(/^请求体 paragraphs\.0\.text：含有/);
      }
      expect((await record(ids.unit)).revision).toBe(rev);
    });

    it('answers 400 for a bad file name and 422 for a file whose text the store cannot keep', async () => {
      const unit = await record(ids.unit);
      const doc = await content(ids.unit);
      const next = { ...doc, meta: { ...doc.meta, year: 2033 } };
      expect((await upload('preparer', unit.entity.id, next, '%E0%A4%A.json')).status).toBe(400);
      expect((await upload('preparer', unit.entity.id, next, 'a%00.json')).status).toBe(400);
      const nul = structuredClone(next);
      nul.narrative.sections[1].paragraphs[0].text = '一段\u0000文字';
      const r = await upload('preparer', unit.entity.id, nul);
      expect(r.status).toBe(422);
      expect(r.json.error.message).toBe('文件“x.json”中 narrative.sections.1.paragraphs.0.text 含有NUL 字符（\\u0000）');
    });

    it('logs one line per failure: route, status, error class — no statement, no parameters, no body', async () => {
      const failing = new Hono();
      failing.onError((e, c) => errorResponse(c as any, e));
      failing.post('/api/documents/:id', () => {
        throw Object.assign(new Error('invalid input syntax for type bigint\nDETAIL: 内部草稿'), { code: 'XX000', query: 'INSERT INTO document_versions … VALUES ($1, …)', params: ['{"meta":{"title":"机密正文"}}'] });
      });
      const log = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        const res = await failing.request('/api/documents/7?secret=yes', { method: 'POST', body: '{"text":"机密正文"}' });
        expect(res.status).toBe(500);
        expect(log).toHaveBeenCalledTimes(1);
        const args = log.mock.calls[0]!;
        expect(args).toHaveLength(1);
        const line = args[0] as string;
        expect(typeof line).toBe('string');
        expect(line).toBe('[budgetbook] POST "/api/documents/7" 500 Error XX000: "invalid input syntax for type bigint"');
      } finally {
        log.mockRestore();
      }
    });
  });

  describe('bounds on a PATCH', () => {
    const newRows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ table: 'expenditure', row: `${2130000 + from + i}`, column: 'total', amount: 100 + i, label: `新增行${i}` }));

    it('refuses the 393 KB, 5,000-row PATCH with 413 and the limit, storing nothing', async () => {
      const before = await record(ids.unit);
      const body = JSON.stringify({ revision: before.revision, cells: newRows(5000) });
      expect(body.length).toBeGreaterThan(256 * 1024);
      const r = await call('preparer', 'PATCH', `/api/documents/${ids.unit}`, body);
      expect(r.status).toBe(413);
      expect(r.json.error.message).toMatch(/^请求体 \d+ KB，超过此接口 256 KB 的上限$/);
      expect((await record(ids.unit)).revision).toBe(before.revision);
    });

    it('refuses more than 1,000 cells in one PATCH (413), and a table grown past 500 rows (422)', async () => {
      const before = await record(ids.unit);
      const many = Array.from({ length: 1001 }, () => ({ table: 'three-public', row: 'budget', column: 'reception', amount: 1 }));
      const r = await call('preparer', 'PATCH', `/api/documents/${ids.unit}`, { revision: before.revision, cells: many });
      expect([r.status, r.json.error.message]).toEqual([413, '一次最多修改 1000 个单元格（本次 1001 个）']);
      const rows = (await content(ids.unit)).tables.find((t: any) => t.id === 'expenditure').rows.length as number;
      const grow = await call('preparer', 'PATCH', `/api/documents/${ids.unit}`, { revision: before.revision, cells: newRows(501 - rows) });
      expect(grow.status).toBe(422);
      expect(grow.json.error.message).toMatch(/^表“.+”已有 500 行，不能再增加行（每张表最多 500 行）$/);
      expect((await record(ids.unit)).revision).toBe(before.revision);
      // Up to the limit is a legitimate edit.
      const fit = await call('preparer', 'PATCH', `/api/documents/${ids.unit}`, { revision: before.revision, cells: newRows(500 - rows) });
      expect(fit.status).toBe(200);
      expect(fit.json.changes).toHaveLength(500 - rows);
    });

    it('refuses a document with a table over 500 rows in uploads and checks (422)', async () => {
      const unit = await record(ids.unit);
      const doc = await content(ids.unitOwn);
      const big = structuredClone({ ...doc, meta: { ...doc.meta, year: 2034, entity: { ...doc.meta.entity, name: unit.entity.name } } });
      const table = big.tables.find((t: any) => t.id === 'expenditure');
      for (let i = table.rows.length; i <= 500; i++) table.rows.push({ key: `${2140000 + i}`, code: `${2140000 + i}`, label: `新增行${i}`, cells: { total: 1 } });
      const r = await upload('preparer', unit.entity.id, big);
      expect(r.status).toBe(422);
      expect(r.json.error.message).toBe(`文件“x.json”：表“${table.title}”有 501 行，超过每张表 500 行的上限`);
      const check = await call('preparer', 'POST', '/api/check', big);
      expect([check.status, check.json.error?.code]).toEqual([422, 'too-many-rows']);
    });
  });
});
