/**
 * What the server makes once per version and serves many times (published files, chart SVGs):
 * kept in memory, least recently used first out, bounded in bytes. One cache per store (tests
 * and tools may open several stores in one process, whose version numbers overlap).
 */
import type { Queryable } from '../store/db.js';

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
