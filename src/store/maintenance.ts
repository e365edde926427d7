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
