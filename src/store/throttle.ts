/**
 * Counters of login attempts, kept in the store so that they hold under concurrency and across
 * processes: each attempt takes its slot with one atomic statement (INSERT … ON CONFLICT DO UPDATE
 * … RETURNING, the row locked while it counts) before any password is verified. A key is counted in
 * a fixed window: the first attempt after the window has passed starts a new one at 1.
 * Keys are stored as SHA-256 hashes: no typed name (which may be a mistyped password) is kept.
 */
import type { Queryable } from './db.js';
import { sha256 } from './hash.js';

export interface Taken {
  key: string;
  attempts: number;
  /** Seconds until the key's window ends. */
  wait: number;
}

/** One attempt against each key; returns every key's count in its window, this attempt included. */
export async function takeAttempt(db: Queryable, keys: string[], windowSeconds: number): Promise<Taken[]> {
  // Sorted and distinct: concurrent statements lock the rows in one order (no deadlock) and never twice.
  const hashed = new Map([...new Set(keys)].map((k) => [sha256(k), k]));
  const rows = await db.query<{ key: string; attempts: number; wait: number }>(
    `INSERT INTO login_attempts AS a (key, attempts, window_start)
     SELECT k, 1, now() FROM unnest($1::text[]) AS k ORDER BY k
     ON CONFLICT (key) DO UPDATE SET
       attempts = CASE WHEN a.window_start <= now() - make_interval(secs => $2) THEN 1 ELSE a.attempts + 1 END,
       window_start = CASE WHEN a.window_start <= now() - make_interval(secs => $2) THEN now() ELSE a.window_start END
     RETURNING a.key, a.attempts, GREATEST(1, ceil(extract(epoch FROM a.window_start + make_interval(secs => $2) - now())))::int AS wait`,
    [[...hashed.keys()].sort(), windowSeconds],
    'take_login_attempt',
  );
  return rows.map((r) => ({ key: hashed.get(r.key)!, attempts: r.attempts, wait: r.wait }));
}

/** Gives back the slot of an attempt that succeeded: only failures count against a key. */
export async function refundAttempt(db: Queryable, keys: string[]): Promise<void> {
  await db.query('UPDATE login_attempts SET attempts = GREATEST(attempts - 1, 0) WHERE key = ANY($1::text[])', [[...new Set(keys)].map(sha256)]);
}

/** Forgets a key (a successful login clears its name-and-address counter). */
export async function clearAttempts(db: Queryable, keys: string[]): Promise<void> {
  await db.query('DELETE FROM login_attempts WHERE key = ANY($1::text[])', [keys.map(sha256)]);
}

/** Removes counters whose window has passed and sessions that have expired. */
export async function sweepExpired(db: Queryable, windowSeconds: number): Promise<{ sessions: number; attempts: number }> {
  const sessions = await db.query('DELETE FROM sessions WHERE expires_at <= now() RETURNING 1');
  const attempts = await db.query('DELETE FROM login_attempts WHERE window_start <= now() - make_interval(secs => $1) RETURNING 1', [windowSeconds]);
  return { sessions: sessions.length, attempts: attempts.length };
}
