/**
 * After a large import: fresh statistics for the planner, and the search index's pending
 * entries merged (GIN keeps new entries in a list that every search would otherwise scan).
 * PGlite runs no autovacuum, so the command line does this itself.
 */
import type { Db } from './db.js';

export async function optimizeStore(db: Db): Promise<void> {
  await db.query("SELECT gin_clean_pending_list('narrative_terms'::regclass)");
  await db.exec('ANALYZE');
}

const SEARCH_INDEX = 'CREATE INDEX IF NOT EXISTS narrative_terms ON narrative USING gin (terms)';

/**
 * Before a large import into the embedded store: the search index dropped, to be built once at
 * the end (restoreSearchIndex), which costs PGlite a fraction of adding each paragraph's terms to
 * it (bench/store.ts). Only when the import brings at least as many documents as the store holds
 * (rebuilding costs what the whole table holds), and never on a server, whose searches go on
 * during an import. An import killed before the end leaves it dropped: opening the store builds
 * it again (store.ts), searches meanwhile still give the same answers, only slower.
 */
export async function deferSearchIndex(db: Db, files: number): Promise<boolean> {
  if (db.driver !== 'pglite' || files < 200) return false;
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')) as [{ n: number }];
  if (files < n) return false;
  await db.exec('DROP INDEX IF EXISTS narrative_terms');
  return true;
}

export async function restoreSearchIndex(db: Db): Promise<void> {
  await db.exec(SEARCH_INDEX);
}
