/**
 * What the server makes once per version and serves many times (published files, chart SVGs):
 * kept in memory, least recently used first out, bounded in bytes. One cache per store (tests
 * and tools may open several stores in one process, whose version numbers overlap).
 */
import { createHash } from 'node:crypto';
import type { Db, Queryable } from '../store/db.js';
import { cachedBody, sendJson, type Ctx } from './api.js';

const JSON_TYPE = 'application/json; charset=utf-8';

export class ByteLru<V> {
  private readonly entries = new Map<string, { value: V; size: number }>();
  private total = 0;

  constructor(readonly maxBytes: number) {}

  get(key: string): V | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit.value;
  }

  /** Keeps the value unless it alone is larger than the whole cache; drops the oldest to make room. */
  set(key: string, value: V, size: number): void {
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.total -= old.size;
    }
    if (size > this.maxBytes) return;
    this.entries.set(key, { value, size });
    this.total += size;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(k);
      this.total -= e.size;
    }
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }
}

/** 64 MiB by default, BUDGETBOOK_CACHE_MB to change (0 turns the cache off). */
export function cacheBytes(env = process.env): number {
  const mb = Number(env.BUDGETBOOK_CACHE_MB ?? 64);
  return Number.isFinite(mb) && mb >= 0 ? mb * 1024 * 1024 : 64 * 1024 * 1024;
}

const caches = new WeakMap<Queryable, ByteLru<unknown>>();

/** The made-once cache of this store. */
export function storeCache(db: Queryable): ByteLru<unknown> {
  let c = caches.get(db);
  if (!c) {
    c = new ByteLru(cacheBytes());
    caches.set(db, c);
  }
  return c;
}

interface Answer {
  generation: number;
  body: string;
  etag: string;
}

/**
 * A value read from the store, kept while the store has not changed (Db.generation; PGlite only —
 * on the server driver, where other processes write too, it is read every time). Made afresh when
 * its making overlapped a write. `size`: its bytes in the cache.
 */
export async function storeMemo<T>(db: Db, key: string, size: (value: T) => number, make: () => Promise<T>): Promise<T> {
  const generation = db.generation?.();
  if (generation === undefined) return make();
  const cache = storeCache(db);
  const hit = cache.get(`memo:${key}`) as { generation: number; value: T } | undefined;
  if (hit && hit.generation === generation) return hit.value;
  const value = await make();
  if (db.generation!() === generation) cache.set(`memo:${key}`, { generation, value }, size(value) + key.length * 2);
  return value;
}

/**
 * Whose answer a cached JSON answer is: the public's, or one signed-in user's with exactly these
 * grants (a change of roles is a write, which ends the generation anyway). A signed-in user's
 * answer is never given to anyone else, nor the public's to a signed-in user.
 */
function answerOwner(c: Ctx): string {
  const actor = c.get('actor');
  return actor.userId === null ? 'public' : `user:${actor.userId}:${JSON.stringify(actor.grants)}`;
}

/**
 * A GET answer (JSON) made from the store, kept while the store has not changed: keyed by whose
 * answer it is (the public, or one signed-in user with their grants) and the path and query,
 * valid for the store's generation (Db.generation — PGlite, written only through this process).
 * The server driver's answers, and one whose making overlapped a write, are made afresh every
 * time. The answer is byte for byte what `make` gives.
 */
export async function keptJson(c: Ctx, db: Db, make: () => Promise<unknown>): Promise<Response> {
  const generation = db.generation?.();
  if (generation === undefined) return sendJson(c, await make());
  const url = new URL(c.req.url);
  const key = `${answerOwner(c)}|${url.pathname}${url.search}`;
  const cache = storeCache(db);
  const hit = cache.get(key) as Answer | undefined;
  if (hit && hit.generation === generation) return cachedBody(c, hit.body, JSON_TYPE, hit.etag);
  const body = JSON.stringify(await make());
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  if (db.generation!() === generation) cache.set(key, { generation, body, etag } satisfies Answer, body.length * 2 + key.length * 2);
  return cachedBody(c, body, JSON_TYPE, etag);
}
