/**
 * The API over the demo store, on both drivers: every role against every action of the
 * workflow (expected answers written by hand from the rules in workflow.ts), optimistic
 * revisions, CSRF, login limits, request limits, and sign-in required on every closed route.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { DRIVERS, openTestStore, type TestStore } from '../../test/store-helpers.js';
import { createApp } from './app.js';
import { loadDemo, type DemoUser } from './demo.js';
import { defaultAuthOptions } from './auth.js';
import { honoPath } from './api.js';
import { answer } from '../../test/helpers.js';

type Who = 'public' | 'preparer' | 'preparer2' | 'reviewer' | 'bureau' | 'admin';

describe.each(DRIVERS)('API on %s', (driver) => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  let routes: ReturnType<typeof createApp>['routes'];
  let users: DemoUser[];
  const tokens = new Map<Who, string>();
  const ids = { published: 1, lone: 2, unitOwn: 3, unit: 4, department: 5 };

  const call = async (who: Who, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const h: Record<string, string> = { ...headers };
    if (who !== 'public') h.authorization = `Bearer ${tokens.get(who)}`;
    if (body !== undefined && !h['content-type']) h['content-type'] = 'application/json';
    return answer(await app.request(path, { method, headers: h, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }));
  };
  const revision = async (id: number) => (await call('bureau', 'GET', `/api/documents/${id}`)).json.revision as number;
  const state = async (id: number) => (await call('bureau', 'GET', `/api/documents/${id}`)).json.state as string;
  const act = async (who: Who, id: number, action: string, comment?: string) => call(who, 'POST', `/api/documents/${id}/transitions`, { action, revision: await revision(id), ...(comment ? { comment } : {}) });
  const edit = async (who: Who, id: number, amount: number) => call(who, 'PATCH', `/api/documents/${id}`, { revision: await revision(id), cells: [{ table: 'three-public', row: 'budget', column: 'office-operation', amount }] });
  const officeOperation = async (id: number) => (await call('bureau', 'GET', `/api/documents/${id}/content`)).json.tables.find((t: any) => t.id === 'three-public').rows[0].cells['office-operation'] as number;
  /** An edit the checker would flag, then the old value back (so the document can still be submitted). */
  const editAndRestore = async (who: Who, id: number, amount: number) => {
    const old = await officeOperation(id);
    const r = await edit(who, id, amount);
    if (r.status !== 200) return r;
    expect(r.json.findings.some((f: any) => f.severity === 'error')).toBe(true);
    return edit(who, id, old);
  };

  beforeAll(async () => {
    store = await openTestStore(driver);
    users = await loadDemo(store.db, builtinCatalogs());
    ({ app, routes } = createApp({ db: store.db, catalogs: builtinCatalogs(), auth: defaultAuthOptions(), jsonLimit: 64 * 1024 }));
    for (const u of users) {
      const r = await call('public', 'POST', '/api/auth/login', { username: u.username, password: u.password });
      expect(r.status).toBe(200);
      tokens.set(u.username as Who, r.json.token);
    }
  }, 120_000);
  afterAll(async () => store?.close());

  it('serves both examples to the public, and no draft', async () => {
    const r = await call('public', 'GET', '/api/documents');
    expect(r.status).toBe(200);
    expect(r.json.items.map((d: any) => [d.id, d.state])).toEqual([
      [2, 'published'],
      [1, 'published'],
    ]);
    const csv = await call('public', 'GET', '/api/documents/1/cells.csv');
    expect(csv.json.split('\n')[0]).toBe('table,row,column,amount');
    expect(csv.json).toContain('income,2080109,fiscal,8331275.00');
    expect((await call('public', 'GET', '/api/documents/4')).status).toBe(404);
  });

  it('pages lists and says which parameter is wrong', async () => {
    const page = await call('public', 'GET', '/api/documents?limit=1&offset=1&sort=-total');
    expect(page.json).toMatchObject({ total: 2, limit: 1, offset: 1 });
    expect(page.json.items.map((d: any) => d.id)).toEqual([2]);
    const bad = await call('public', 'GET', '/api/documents?limit=0');
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toMatch(/^查询参数 limit：/);
  });

  it('answers again with 304 for the same entity tag', async () => {
    const first = await call('public', 'GET', '/api/documents/2/cells.csv');
    const again = await call('public', 'GET', '/api/documents/2/cells.csv', undefined, { 'if-none-match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('gzips what compresses', async () => {
    const res = await app.request('/api/documents/1/content', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers.get('content-encoding')).toBe('gzip');
  });

  it('reads a draft only for its unit, its department and the bureau', async () => {
    const expected: Record<Who, number> = { public: 404, preparer: 200, preparer2: 404, reviewer: 200, bureau: 200, admin: 404 };
    for (const who of Object.keys(expected) as Who[]) expect([who, (await call(who, 'GET', `/api/documents/${ids.unit}/content`)).status]).toEqual([who, expected[who]]);
  });

  it('walks a unit through the workflow, refusing every role that may not act', async () => {
    // Each step: the roles that must be refused (and how), then the one that may.
    const steps: { action: string | 'edit'; refused: [Who, number][]; by: Who; comment?: string; to: string }[] = [
      { action: 'edit', refused: [['public', 401], ['preparer2', 404], ['reviewer', 403], ['bureau', 403], ['admin', 404]], by: 'preparer', to: 'draft' },
      { action: 'submit', refused: [['public', 401], ['preparer2', 404], ['reviewer', 403], ['bureau', 403], ['admin', 404]], by: 'preparer', to: 'submitted' },
      { action: 'edit', refused: [['preparer', 409], ['reviewer', 403]], by: 'preparer', to: 'skip' },
      { action: 'publish', refused: [['bureau', 409], ['reviewer', 403]], by: 'bureau', to: 'skip' },
      { action: 'return', refused: [['public', 401], ['preparer', 403], ['preparer2', 404], ['admin', 404]], by: 'reviewer', comment: '三公经费请再核对', to: 'returned' },
      { action: 'submit', refused: [['preparer', 409]], by: 'preparer', to: 'skip' },
      { action: 'reopen', refused: [['reviewer', 403], ['bureau', 403]], by: 'preparer', to: 'draft' },
      { action: 'submit', refused: [], by: 'preparer', to: 'submitted' },
      { action: 'approve', refused: [['public', 401], ['preparer', 403], ['preparer2', 404]], by: 'reviewer', to: 'approved' },
      { action: 'publish', refused: [['preparer', 403], ['reviewer', 403], ['admin', 404]], by: 'bureau', to: 'published' },
    ];
    let amount = 1_000_000;
    for (const step of steps) {
      const before = await state(ids.unit);
      for (const [who, status] of step.refused) {
        const r = step.action === 'edit' ? await edit(who, ids.unit, ++amount) : await act(who, ids.unit, step.action, step.comment);
        expect([step.action, who, r.status]).toEqual([step.action, who, status]);
        if (r.status !== 401) expect(r.json.error.message).toMatch(/[\u4e00-\u9fff]/);
        expect(await state(ids.unit)).toBe(before);
      }
      if (step.to === 'skip') continue;
      const r = step.action === 'edit' ? await editAndRestore(step.by, ids.unit, 1_000_000) : await act(step.by, ids.unit, step.action, step.comment);
      expect([step.action, step.by, r.status]).toEqual([step.action, step.by, 200]);
      expect(await state(ids.unit)).toBe(step.to);
    }
    expect((await call('public', 'GET', `/api/documents/${ids.unit}`)).status).toBe(200);
  });

  it('asks for a reason to return a document', async () => {
    await act('preparer2', ids.unitOwn, 'submit');
    const r = await act('reviewer', ids.unitOwn, 'return');
    expect(r.status).toBe(400);
    expect(r.json.error.message).toBe('退回时须写明原因');
    expect(await state(ids.unitOwn)).toBe('submitted');
  });

  it('lets the preparer withdraw a submission nobody reviewed, and shows the reviewer what changed since returning it', async () => {
    // unitOwn was submitted above: only its preparer may take it back, and only before a review.
    expect((await act('reviewer', ids.unitOwn, 'withdraw')).status).toBe(403);
    expect((await act('preparer2', ids.unitOwn, 'withdraw')).status).toBe(200);
    expect(await state(ids.unitOwn)).toBe('draft');
    expect((await act('preparer2', ids.unitOwn, 'withdraw')).status).toBe(409);
    expect((await call('reviewer', 'GET', `/api/documents/${ids.unitOwn}/since-return`)).json.returned).toBeNull();
    expect((await act('preparer2', ids.unitOwn, 'submit')).status).toBe(200);
    expect((await act('reviewer', ids.unitOwn, 'return', '请补充主要职能')).status).toBe(200);
    const returned = (await call('bureau', 'GET', `/api/documents/${ids.unitOwn}`)).json.version as number;
    // A returned document is no longer waiting for a review: it is reopened, not withdrawn.
    expect((await act('preparer2', ids.unitOwn, 'withdraw')).status).toBe(409);
    expect((await act('preparer2', ids.unitOwn, 'reopen')).status).toBe(200);
    const doc = (await call('preparer2', 'GET', `/api/documents/${ids.unitOwn}/content`)).json;
    const s = doc.narrative.sections.findIndex((x: any) => x.paragraphs.length > 0);
    const oldText = doc.narrative.sections[s].paragraphs[0].text as string;
    const p = await call('preparer2', 'PATCH', `/api/documents/${ids.unitOwn}`, { revision: await revision(ids.unitOwn), paragraphs: [{ section: s, paragraph: 0, text: `${oldText}另负责医疗救助。` }] });
    expect(p.status).toBe(200);
    expect((await act('preparer2', ids.unitOwn, 'submit')).status).toBe(200);
    const since = await call('reviewer', 'GET', `/api/documents/${ids.unitOwn}/since-return`);
    expect(since.status).toBe(200);
    expect(since.json.returned).toMatchObject({ comment: '请补充主要职能', version: returned });
    expect(since.json.version).toBe(returned + 1);
    expect(since.json.cells).toEqual([]);
    expect(since.json.paragraphs).toEqual([{ section: doc.narrative.sections[s].heading, paragraph: 1, old: oldText, new: `${oldText}另负责医疗救助。` }]);
    expect((await call('public', 'GET', `/api/documents/${ids.unitOwn}/since-return`)).status).toBe(401);
  });

  it('submits a department only when its units are approved, and approving it sums them into a new version', async () => {
    // A unit still waiting for its review: the department's preparer is told which one, before the bureau sees it.
    const pending = await act('preparer2', ids.department, 'submit');
    expect(pending.status).toBe(409);
    expect(pending.json.error.message).toContain('上海市闵行区医疗保障局本级（已提交）');
    expect(await state(ids.department)).toBe('draft');
    const listed = await call('preparer2', 'GET', `/api/documents/${ids.department}/units`);
    expect(listed.status).toBe(200);
    expect(listed.json.units.map((u: any) => [u.name, u.state]).sort()).toEqual([
      ['上海市闵行区医疗保险事务中心', 'published'],
      ['上海市闵行区医疗保障局本级', 'submitted'],
    ]);
    expect(listed.json.refusal).toContain('上海市闵行区医疗保障局本级（已提交）');
    expect((await act('reviewer', ids.unitOwn, 'approve')).status).toBe(200);
    expect((await call('preparer2', 'GET', `/api/documents/${ids.department}/units`)).json.refusal).toBeUndefined();
    expect((await act('preparer2', ids.department, 'submit')).status).toBe(200);
    expect((await act('reviewer', ids.department, 'approve')).status).toBe(403);
    const before = (await call('bureau', 'GET', `/api/documents/${ids.department}`)).json;
    const ok = await act('bureau', ids.department, 'approve');
    expect([ok.status, ok.json.error?.message]).toEqual([200, undefined]);
    expect(ok.json.document.version).toBe(before.version + 1);
    // The unit edited above changed 机关运行经费; the department's is now the two units' sum.
    const dept = (await call('bureau', 'GET', `/api/documents/${ids.department}/content`)).json;
    const units = await Promise.all([ids.unitOwn, ids.unit].map(async (id) => (await call('bureau', 'GET', `/api/documents/${id}/content`)).json));
    const office = (d: any) => d.tables.find((t: any) => t.id === 'three-public').rows[0].cells['office-operation'];
    expect(office(dept)).toBe(office(units[0]) + office(units[1]));
    const audit = (await call('bureau', 'GET', `/api/documents/${ids.department}/audit`)).json.entries;
    expect(audit.at(-1)).toMatchObject({ action: 'approve', actor: '财政局', details: { from: 'submitted', to: 'approved' } });
  });

  it('records every edit with the old and the new value, and refuses a stale revision without losing it', async () => {
    const unit = (await call('reviewer', 'GET', `/api/documents/${ids.unit}/audit`)).json.entries;
    const edits = unit.filter((e: any) => e.action === 'edit');
    expect(edits).toHaveLength(2);
    expect(edits[0].actor).toBe('编制人（闵行区医疗保险事务中心）');
    const original = await officeOperation(ids.unit);
    expect(edits.map((e: any) => e.details.changes)).toEqual([
      [{ path: 'tables.three-public.budget.office-operation', old: original, new: 1_000_000 }],
      [{ path: 'tables.three-public.budget.office-operation', old: 1_000_000, new: original }],
    ]);
    expect(edits[1].revision).toBe(edits[0].revision + 1);
    // A fresh draft for the stale-write test: the 2025 document of a new unit, uploaded by its preparer.
    const stale = await call('preparer', 'PATCH', `/api/documents/${ids.unit}`, { revision: 0, cells: [{ table: 'summary', row: 'income.total', column: 'amount', amount: 1 }] });
    expect(stale.status).toBe(409);
    expect(stale.json.error.rejected.cells[0].amount).toBe(1);
  });

  it('gives a stale writer 409 with its changes back, and keeps the other writer’s', async () => {
    const doc = await call('bureau', 'GET', '/api/documents');
    expect(doc.status).toBe(200);
    const upload = await app.request(`/api/documents?entity=${(await call('bureau', 'GET', `/api/documents/${ids.unit}`)).json.entity.id}&fileName=next.json`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get('preparer')}`, 'content-type': 'application/octet-stream' },
      body: JSON.stringify({ ...(await call('bureau', 'GET', `/api/documents/${ids.unit}/content`)).json, meta: { ...(await call('bureau', 'GET', `/api/documents/${ids.unit}/content`)).json.meta, year: 2027 } }),
    });
    expect(upload.status).toBe(201);
    const id = ((await upload.json()) as any).document.id as number;
    const rev = await revision(id);
    const a = await call('preparer', 'PATCH', `/api/documents/${id}`, { revision: rev, cells: [{ table: 'three-public', row: 'budget', column: 'reception', amount: 120_000 }] });
    const b = await call('preparer', 'PATCH', `/api/documents/${id}`, { revision: rev, cells: [{ table: 'three-public', row: 'budget', column: 'reception', amount: 990_000 }] });
    expect([a.status, b.status]).toEqual([200, 409]);
    expect(b.json.error.rejected.cells[0].amount).toBe(990_000);
    const content = (await call('preparer', 'GET', `/api/documents/${id}/content`)).json;
    expect(content.tables.find((t: any) => t.id === 'three-public').rows[0].cells.reception).toBe(120_000);
  });

  it('refuses to submit a document with check errors', async () => {
    const id = (await call('preparer', 'GET', '/api/documents?year=2027')).json.items[0].id as number;
    const r = await act('preparer', id, 'submit');
    expect(r.status).toBe(422);
    expect(r.json.error.message).toMatch(/^文件有 \d+ 个校验错误，不能提交$/);
  });

  it('needs the CSRF token with the session cookie, not with a bearer token', async () => {
    const login = await call('public', 'POST', '/api/auth/login', { username: 'preparer', password: users.find((u) => u.username === 'preparer')!.password });
    const cookie = login.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const session = cookie.split(';')[0]!;
    const id = (await call('preparer', 'GET', '/api/documents?year=2027')).json.items[0].id as number;
    const body = JSON.stringify({ revision: await revision(id), paragraphs: [] });
    const without = await app.request(`/api/documents/${id}`, { method: 'PATCH', headers: { cookie: session, 'content-type': 'application/json' }, body });
    expect(without.status).toBe(403);
    const withToken = await app.request(`/api/documents/${id}`, { method: 'PATCH', headers: { cookie: session, 'content-type': 'application/json', 'x-csrf-token': login.json.csrfToken }, body });
    expect(withToken.status).toBe(200);
    const me = await app.request('/api/auth/me', { headers: { cookie: session } });
    expect(((await me.json()) as any).user.username).toBe('preparer');
  });

  it('limits failed logins', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await call('public', 'POST', '/api/auth/login', { username: 'bureau', password: `wrong-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    const right = await call('public', 'POST', '/api/auth/login', { username: 'bureau', password: users.find((u) => u.username === 'bureau')!.password });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a request body over the limit', async () => {
    const r = await call('preparer', 'POST', '/api/check', JSON.stringify({ pad: 'x'.repeat(100 * 1024) }));
    expect(r.status).toBe(413);
  });

  it('lets only the administrator manage users', async () => {
    expect((await call('public', 'GET', '/api/users')).status).toBe(401);
    expect((await call('bureau', 'GET', '/api/users')).status).toBe(403);
    const list = await call('admin', 'GET', '/api/users');
    expect(list.json.users.map((u: any) => u.username)).toEqual(['preparer', 'preparer2', 'reviewer', 'bureau', 'admin']);
    expect(JSON.stringify(list.json)).not.toMatch(/argon2/);
    const made = await call('admin', 'POST', '/api/users', { username: 'reviewer2', displayName: '审核人二', password: 'a-long-enough-password', grants: [{ role: 'reviewer', entityId: 1 }] });
    expect(made.status).toBe(201);
    const short = await call('admin', 'POST', '/api/users', { username: 'x2', displayName: '短', password: 'short', grants: [] });
    expect([short.status, short.json.error.message]).toEqual([400, '请求体 password：密码至少 10 位']);
    const [entry] = await store.db.query<{ actor: string; details: any }>("SELECT actor, details FROM audit_log WHERE action = 'create-user'");
    expect(entry).toMatchObject({ actor: '管理员', details: { username: 'reviewer2', grants: [{ role: 'reviewer', entityId: 1 }] } });
    const login = await call('public', 'POST', '/api/auth/login', { username: 'reviewer2', password: 'a-long-enough-password' });
    expect(login.json.user.grants).toEqual([{ role: 'reviewer', entityId: 1, region: null, entityName: '上海市闵行区医疗保障局' }]);
  });

  it('answers 401 on every route that is not public, before anything else', async () => {
    const closed = routes.filter((r) => r.access !== 'public');
    expect(closed.length).toBeGreaterThan(5);
    for (const r of closed) {
      const res = await app.request(honoPath(r.path).replace(/:\w+/g, '1'), { method: r.method.toUpperCase(), headers: { 'content-type': 'application/json' }, ...(r.method === 'get' ? {} : { body: '{}' }) });
      expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 401]);
    }
  });

  it('publishes files once per version, for the public only when published', async () => {
    const html = await app.request('/api/documents/2/files/html');
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toContain('text/html');
    const text = await html.text();
    expect(text).toContain('上海市松江区医疗保险事务中心');
    expect(await (await app.request('/api/documents/2/files/html')).text()).toBe(text);
    const rows = await store.db.query<{ format: string }>('SELECT format FROM published_files WHERE version_id = 2');
    expect(rows.map((r) => r.format)).toEqual(['html']);
    expect((await app.request('/api/documents/3/files/csv')).status).toBe(404);
  });

  it('compares two documents cell by cell', async () => {
    const r = await call('public', 'GET', '/api/compare?a=2&b=1');
    expect(r.status).toBe(200);
    // 卫生健康支出: 57,110,922.53 元 (003) → 244,650,650.00 元 (000).
    expect(r.json.cells.find((c: any) => c.table === 'expenditure' && c.row === '210' && c.column === 'total')).toEqual({ table: 'expenditure', row: '210', column: 'total', a: 5_711_092_253, b: 24_465_065_000, change: 18_753_972_747, percent: 328.38, status: 'changed' });
    expect((await call('public', 'GET', '/api/compare?a=2&b=3')).status).toBe(404);
  });

  it('drills a 科目 down to every entity and year', async () => {
    const r = await call('public', 'GET', '/api/subjects/2101301?years=2025');
    expect(r.json.name).toBe('城乡医疗救助');
    expect(r.json.rows.map((x: any) => [x.entityName, x.year, x.amount])).toEqual([
      ['上海市闵行区医疗保障局', 2025, 2_242_750_000],
      ['上海市松江区医疗保险事务中心', 2025, 1_770_640_000],
    ]);
    const totals = await call('public', 'GET', '/api/totals?parent=210&years=2025');
    expect(totals.json.rows.find((x: any) => x.code === '21013')).toEqual({ code: '21013', name: '医疗救助', amounts: { 2025: 27_739_306_000 }, entities: { 2025: 2 } });
  });

  it('serves an OpenAPI document naming every route', async () => {
    const spec = (await call('public', 'GET', '/api/openapi.json')).json;
    expect(spec.openapi).toBe('3.1.0');
    for (const r of routes) expect(spec.paths[r.path]?.[r.method]?.summary).toBe(r.summary);
  });
});
