/**
 * The access matrix (workflow/access.ts), cell by cell, against the real API on both drivers.
 * The expected matrix is written here by hand from issue 13: the public and other units see the
 * published version only; earlier versions, the audit log (with the reviewers' comments) and old
 * renderings stay with the unit, its reviewer, the bureau and the administrator; only the unit's
 * preparer edits and uploads. Every cell is then tried with a real actor of that role and relation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { DRIVERS, openTestStore, type TestStore } from '../../test/store-helpers.js';
import { createApp } from './app.js';
import { loadDemo } from './demo.js';
import { defaultAuthOptions } from './auth.js';
import { hashPassword } from './passwords.js';
import { createUser } from '../store/users.js';
import { ACCESS, ACCESS_ROLES, OPERATIONS, RELATIONS, type AccessRole, type Operation, type Relation } from '../workflow/access.js';
import { answer } from '../../test/helpers.js';

const Y = true;
const N = false;
/** [read-published, read-unpublished, read-history, edit, upload, review] */
const EXPECTED: Record<string, boolean[]> = {
  'public/own': [Y, N, N, N, N, N], // cannot occur (the public holds no grant): as public/other
  'public/other': [Y, N, N, N, N, N],
  'preparer/own': [Y, Y, Y, Y, Y, N], // the 检查表 is the reviewers'; the preparer reads its text as the return comment
  'preparer/other': [Y, N, N, N, N, N],
  'reviewer/own': [Y, Y, Y, N, N, Y],
  'reviewer/other': [Y, N, N, N, N, N],
  'bureau/own': [Y, Y, Y, N, N, Y],
  'bureau/other': [Y, N, N, N, N, N],
  'admin/own': [Y, N, Y, N, N, N],
  'admin/other': [Y, N, Y, N, N, N], // cannot occur (every document is the administrator's): as admin/own
};

it('the access matrix is the one written by hand', () => {
  expect(OPERATIONS).toEqual(['read-published', 'read-unpublished', 'read-history', 'edit', 'upload', 'review']);
  for (const role of ACCESS_ROLES) for (const rel of RELATIONS) expect([role, rel, OPERATIONS.map((op) => ACCESS[role][rel][op])]).toEqual([role, rel, EXPECTED[`${role}/${rel}`]]);
});

describe.each(DRIVERS)('access matrix against the API on %s', (driver) => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  const tokens = new Map<string, string>();
  /** The actor who holds each role in each relation to the preparer's unit (上海市闵行区医疗保险事务中心). */
  const actors: Record<string, string | null> = {
    'public/other': null,
    'preparer/own': 'preparer',
    'preparer/other': 'preparer2', // 编制人 of the department and of its other unit, not of this one
    'reviewer/own': 'reviewer', // 审核人 of the unit's department
    'reviewer/other': 'reviewer-songjiang',
    'bureau/own': 'bureau',
    'bureau/other': 'bureau-songjiang',
    'admin/own': 'admin',
  };
  let unitId = 0;
  const draft = 4;
  let published = 0;

  const call = async (who: string | null, method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const headers: Record<string, string> = {};
    if (who) headers.authorization = `Bearer ${tokens.get(who)}`;
    if (body !== undefined) headers['content-type'] = contentType;
    return answer(await app.request(path, { method, headers, ...(body !== undefined ? { body: typeof body === 'string' ? body : JSON.stringify(body) } : {}) }));
  };
  const rec = async (id: number) => (await call('bureau', 'GET', `/api/documents/${id}`)).json;
  const act = async (who: string, id: number, action: string) => call(who, 'POST', `/api/documents/${id}/transitions`, { action, revision: (await rec(id)).revision });
  const setOffice = async (id: number, amount: number) =>
    call('preparer', 'PATCH', `/api/documents/${id}`, { revision: (await rec(id)).revision, cells: [{ table: 'three-public', row: 'budget', column: 'office-operation', amount }] });

  beforeAll(async () => {
    store = await openTestStore(driver);
    const catalogs = builtinCatalogs();
    const demo = await loadDemo(store.db, catalogs);
    ({ app } = createApp({ db: store.db, catalogs, auth: { ...defaultAuthOptions(), trustProxy: true } }));
    const [songjiang] = await store.db.query<{ id: number }>("SELECT id FROM entities WHERE name = '上海市松江区医疗保险事务中心'");
    const others = [
      { username: 'reviewer-songjiang', password: 'reviewer-songjiang-pass', grants: [{ role: 'reviewer' as const, entityId: songjiang!.id }] },
      { username: 'bureau-songjiang', password: 'bureau-songjiang-pass', grants: [{ role: 'bureau' as const, region: '上海市松江区' }] },
    ];
    for (const o of others) await createUser(store.db, { username: o.username, displayName: o.username, passwordHash: await hashPassword(o.password), grants: o.grants });
    for (const u of [...demo, ...others]) {
      const r = await call(null, 'POST', '/api/auth/login', { username: u.username, password: u.password });
      expect(r.status).toBe(200);
      tokens.set(u.username, r.json.token);
    }
    // A published document of the unit with a history: uploaded (v1), edited (v2, with an error), restored (v3), published.
    const d = await rec(draft);
    unitId = d.entity.id;
    const content = (await call('bureau', 'GET', `/api/documents/${draft}/content`)).json;
    const up = await call('preparer', 'POST', `/api/documents?entity=${unitId}&fileName=2030.json`, { ...content, meta: { ...content.meta, year: 2030 } }, 'application/octet-stream');
    expect(up.status).toBe(201);
    published = up.json.document.id;
    const office = content.tables.find((t: any) => t.id === 'three-public').rows[0].cells['office-operation'] as number;
    expect((await setOffice(published, office + 12_345)).status).toBe(200);
    expect((await setOffice(published, office)).status).toBe(200);
    for (const [who, action] of [['preparer', 'submit'], ['reviewer', 'approve'], ['bureau', 'publish']] as const) expect([action, (await act(who, published, action)).status]).toEqual([action, 200]);
    expect(await rec(published)).toMatchObject({ state: 'published', version: 3 });
  }, 180_000);
  afterAll(async () => store?.close());

  /** The statuses the API gives the actor for the operation: one or more requests per operation. */
  async function probe(who: string | null, op: Operation): Promise<number[]> {
    switch (op) {
      case 'read-published':
        return Promise.all(
          [`/api/documents/${published}`, `/api/documents/${published}/content`, `/api/documents/${published}/content?version=3`, `/api/documents/${published}/cells.csv`, `/api/documents/${published}/findings`, `/api/documents/${published}/files/html`].map(async (p) => (await call(who, 'GET', p)).status),
        );
      case 'read-unpublished': {
        const statuses = await Promise.all([`/api/documents/${draft}`, `/api/documents/${draft}/content`, `/api/documents/${draft}/findings`].map(async (p) => (await call(who, 'GET', p)).status));
        // Lists agree with single reads (store/visibility.ts is the same rule in SQL).
        const list = await call(who, 'GET', `/api/documents?entity=${unitId}&year=2026`);
        statuses.push(list.json.items.some((x: any) => x.id === draft) ? 200 : 404);
        return statuses;
      }
      case 'read-history':
        return Promise.all(
          [`/api/documents/${published}/versions`, `/api/documents/${published}/audit`, `/api/documents/${published}/content?version=1`, `/api/documents/${published}/cells.csv?version=2`, `/api/documents/${published}/files/html?version=2`].map(async (p) => (await call(who, 'GET', p)).status),
        );
      case 'edit':
        return [(await call(who, 'PATCH', `/api/documents/${draft}`, { revision: (await rec(draft)).revision, cells: [] })).status];
      case 'upload': {
        const content = (await call('bureau', 'GET', `/api/documents/${draft}/content`)).json;
        return [(await call(who, 'POST', `/api/documents?entity=${unitId}&fileName=same.json`, content, 'application/octet-stream')).status];
      }
      case 'review':
        return [(await call(who, 'GET', `/api/documents/${draft}/review-form`)).status];
    }
  }

  /** What a refusal looks like: 401 for the public on signed-in routes; 404 where the document itself is hidden; otherwise 403. */
  function refused(role: AccessRole, rel: Relation, op: Operation): number[] {
    if (role === 'public') return [401, 403, 404];
    if (op === 'read-unpublished') return [404];
    if (op === 'edit' || op === 'review') return EXPECTED[`${role}/${rel}`]![1] ? [403] : [404];
    return [403];
  }

  for (const [cell, who] of Object.entries({
    'public/other': null,
    'preparer/own': 'preparer',
    'preparer/other': 'preparer2',
    'reviewer/own': 'reviewer',
    'reviewer/other': 'reviewer-songjiang',
    'bureau/own': 'bureau',
    'bureau/other': 'bureau-songjiang',
    'admin/own': 'admin',
  })) {
    const [role, rel] = cell.split('/') as [AccessRole, Relation];
    OPERATIONS.forEach((op, i) => {
      const allowed = EXPECTED[cell]![i]!;
      it(`${role} × ${rel} × ${op} → ${allowed ? 'allowed' : 'refused'} (${who ?? '公众'})`, async () => {
        expect(actors[cell]).toBe(who);
        const statuses = await probe(who, op);
        for (const s of statuses) {
          if (allowed) expect([op, s >= 200 && s < 300]).toEqual([op, true]);
          else expect(refused(role, rel, op)).toContain(s);
        }
      });
    });
  }
});
