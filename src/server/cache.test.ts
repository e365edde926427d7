import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { ingestFile } from '../store/ingest.js';
import { openStore } from '../store/store.js';
import { SYSTEM } from '../workflow/workflow.js';
import { exampleBytes, SEED_000, SEED_003 } from '../../test/helpers.js';
import { createApp } from './app.js';
import { ByteLru, cacheBytes } from './cache.js';

describe('ByteLru', () => {
  it('keeps at most its bytes, dropping the least recently used first', () => {
    const c = new ByteLru<string>(10);
    c.set('a', 'A', 4);
    c.set('b', 'B', 4);
    expect(c.get('a')).toBe('A'); // a is now the most recent
    c.set('c', 'C', 4); // 12 > 10: b goes
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    expect(c.get('c')).toBe('C');
    expect(c.bytes).toBe(8);
    expect(c.size).toBe(2);
  });

  it('does not keep a value larger than the whole cache, and replaces a key in place', () => {
    const c = new ByteLru<string>(10);
    c.set('a', 'A', 4);
    c.set('big', 'X', 11);
    expect(c.get('big')).toBeUndefined();
    expect(c.get('a')).toBe('A');
    c.set('a', 'A2', 6);
    expect(c.get('a')).toBe('A2');
    expect(c.bytes).toBe(6);
  });

  it('reads its size from BUDGETBOOK_CACHE_MB', () => {
    expect(cacheBytes({})).toBe(64 * 1024 * 1024);
    expect(cacheBytes({ BUDGETBOOK_CACHE_MB: '0' })).toBe(0);
    expect(cacheBytes({ BUDGETBOOK_CACHE_MB: 'x' })).toBe(64 * 1024 * 1024);
  });
});

describe('public answers kept while the store is unchanged', () => {
  it('the embedded store counts what may write: a SELECT does not, a write or a transaction does', async () => {
    const db = await openStore({});
    try {
      const g0 = db.generation!();
      await db.query('SELECT count(*) FROM documents');
      expect(db.generation!()).toBe(g0);
      await db.query("UPDATE entities SET name = name WHERE id = -1");
      const g1 = db.generation!();
      expect(g1).toBeGreaterThan(g0);
      await db.query('WITH x AS (SELECT 1) SELECT * FROM x');
      expect(db.generation!()).toBe(g1);
      await db.query('WITH x AS (DELETE FROM entities WHERE id = -1 RETURNING id) SELECT * FROM x');
      expect(db.generation!()).toBeGreaterThan(g1);
      const g2 = db.generation!();
      await db.transaction(async (tx) => tx.query('SELECT 1'));
      expect(db.generation!()).toBeGreaterThan(g2);
    } finally {
      await db.close();
    }
  });

  it('the public document list is served again unchanged, and changes with the store', async () => {
    const db = await openStore({});
    try {
      const { app } = createApp({ db, catalogs: builtinCatalogs() });
      const list = async () => (await app.request('/api/documents')).text();
      const empty = await list();
      expect(JSON.parse(empty).total).toBe(0);
      await ingestFile(db, exampleBytes(SEED_000), { fileName: SEED_000, catalogs: builtinCatalogs(), actor: SYSTEM, publish: true });
      const one = await list();
      expect(JSON.parse(one).items.map((d: { entity: { name: string } }) => d.entity.name)).toEqual(['上海市闵行区医疗保障局']);
      expect(await list()).toBe(one);
      await db.query("UPDATE entities SET name = '上海市闵行区医疗保障局（改名）' WHERE name = '上海市闵行区医疗保障局'");
      expect(JSON.parse(await list()).items[0].entity.name).toBe('上海市闵行区医疗保障局（改名）');
      await db.query("UPDATE documents SET state = 'draft'");
      expect(JSON.parse(await list()).total).toBe(0);
    } finally {
      await db.close();
    }
  });
});

describe('answers kept per store', () => {
  it("two stores in one process, each with its version 1: each serves its own cells, never the other's", async () => {
    const [a, b] = [await openStore({}), await openStore({})];
    try {
      const cells = async (db: typeof a, seed: string) => {
        await ingestFile(db, exampleBytes(seed), { fileName: seed, catalogs: builtinCatalogs(), actor: SYSTEM, publish: true });
        const { app } = createApp({ db, catalogs: builtinCatalogs() });
        const r = await app.request('/api/documents/1/cells.csv');
        expect(r.status).toBe(200);
        return r.text();
      };
      const first = await cells(a, SEED_000);
      const second = await cells(b, SEED_003);
      expect(first).not.toBe(second);
      // 003 (上海市松江区医疗保险事务中心) prints its 财政拨款收入 as 60,676,322.53 元.
      expect(second).toContain('summary,income.fiscal,amount,60676322.53\n');
      expect(first).not.toContain('summary,income.fiscal,amount,60676322.53\n');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});

describe('signed-in answers kept per user', () => {
  it('each user gets their own list again, never another user\'s or the public\'s; a logout ends the kept session at once', async () => {
    const db = await openStore({});
    try {
      const { loadDemo } = await import('./demo.js');
      const users = await loadDemo(db, builtinCatalogs());
      const { app } = createApp({ db, catalogs: builtinCatalogs() });
      const token = async (username: string) => {
        const u = users.find((x) => x.username === username)!;
        const r = await app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: u.password }) });
        return ((await r.json()) as { token: string }).token;
      };
      const [preparer, preparer2] = [await token('preparer'), await token('preparer2')];
      const as = (t?: string) => (t ? { headers: { authorization: `Bearer ${t}` } } : {});
      const drafts = async (t?: string) => {
        const r = await app.request('/api/documents?state=draft', as(t));
        expect(r.status).toBe(200);
        return ((await r.json()) as { items: { entity: { name: string } }[] }).items.map((d) => d.entity.name).sort();
      };
      for (let round = 0; round < 2; round++) {
        expect(await drafts()).toEqual([]);
        expect(await drafts(preparer)).toEqual(['上海市闵行区医疗保险事务中心']);
        expect(await drafts(preparer2)).toEqual(['上海市闵行区医疗保障局', '上海市闵行区医疗保障局本级']);
      }
      const kept = await app.request('/api/documents?state=draft', as(preparer));
      expect(kept.headers.get('cache-control')).toBe('private, no-cache');
      expect((await app.request('/api/auth/logout', { method: 'POST', ...as(preparer) })).status).toBe(204);
      expect((await app.request('/api/documents?state=draft', as(preparer))).status).toBe(401);
      expect(await drafts(preparer2)).toEqual(['上海市闵行区医疗保障局', '上海市闵行区医疗保障局本级']);
    } finally {
      await db.close();
    }
  });
});
