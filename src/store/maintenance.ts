/**
 * After a large import: fresh statistics for the planner, and the search index's pending
 * entries merged (GIN keeps new entries in a list that every search would otherwise scan).
 * PGlite runs no autovacuum, so the command line does this itself.
 */
import type { Db } from './db.js';

export async function optimizeStore(db: Db): Promise<void> {
  await db.query("SELECT gin_clean_pending_list('narrative_terms'::regclass)");
  // The tables an import writes, not the whole database (the system catalogs; on a server, every schema in it).
  await db.exec('ANALYZE entities, documents, document_versions, cells, narrative, findings, audit_log');
}

/**
 * Before a large import into the embedded store: the search index and the primary keys of cells
 * and paragraphs dropped, to be built once at the end (restoreIndexes), which costs PGlite a
 * fraction of adding each row to them (bench/store.ts: the cells' key, row by row, costs more
 * than the rows themselves). Nothing goes unchecked meanwhile: a version's cells are unique (a
 * document with a cell twice is refused before it is stored, versions.ts assertUniqueCells), its
 * id is new, and its paragraphs are numbered. Only when the import brings at least as many
 * documents as the store holds (rebuilding costs what the whole table holds), and never on a
 * server, whose searches go on during an import. An import killed before the end leaves them
 * dropped: opening the store builds them again (store.ts); searches meanwhile still give the same
 * answers, only slower.
 */
export async function deferIndexes(db: Db, files: number): Promise<boolean> {
  if (db.driver !== 'pglite' || files < 200) return false;
  const [{ n }] = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM documents')) as [{ n: number }];
  if (files < n) return false;
  await db.exec('DROP INDEX IF EXISTS narrative_terms; ALTER TABLE cells DROP CONSTRAINT IF EXISTS cells_pkey; ALTER TABLE narrative DROP CONSTRAINT IF EXISTS narrative_pkey');
  return true;
}

/** The indexes deferIndexes dropped, built when missing (as the schema makes them). */
export async function restoreIndexes(db: Db): Promise<void> {
  await db.exec(`DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'cells'::regclass AND contype = 'p') THEN
    ALTER TABLE cells ADD PRIMARY KEY (version_id, table_id, row_key, column_key);
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conrelid = 'narrative'::regclass AND contype = 'p') THEN
    ALTER TABLE narrative ADD PRIMARY KEY (version_id, section, paragraph);
  END IF;
END $$;
CREATE INDEX IF NOT EXISTS narrative_terms ON narrative USING gin (terms)`);
}
