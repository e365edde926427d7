/**
 * A file into the store: read it (any format readAnyDocument knows), check it against last
 * year's stored document of the same entity, store it. The command line's import and the
 * server's upload both come through here.
 */
import type { BudgetDocument } from '../model/document.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { readAnyDocument } from '../read/index.js';
import { checkDocument, type Finding } from '../check/engine.js';
import type { Db, Queryable } from './db.js';
import { storeImported, type ImportOptions, type ImportResult } from './import.js';

/** Last year's current version of the same entity's document, if the store has it. */
export async function priorDocument(db: Queryable, meta: BudgetDocument['meta']): Promise<BudgetDocument | undefined> {
  const [row] = await db.query<{ body: string }>(
    `SELECT v.body FROM documents d JOIN entities e ON e.id = d.entity_id JOIN document_versions v ON v.id = d.current_version_id
     WHERE e.region = $1 AND e.name = $2 AND d.year = $3 AND d.kind = $4`,
    [meta.region, meta.entity.name, meta.year - 1, meta.kind],
  );
  return row ? (JSON.parse(row.body) as BudgetDocument) : undefined;
}

export async function checkWithPrior(db: Queryable, doc: BudgetDocument, catalogs: CatalogSet): Promise<Finding[]> {
  const prior = await priorDocument(db, doc.meta);
  return checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
}

export interface IngestOptions extends ImportOptions {
  fileName: string;
  catalogs: CatalogSet;
}

export async function ingestDocument(db: Db, doc: BudgetDocument, options: IngestOptions): Promise<ImportResult & { findings: Finding[] }> {
  const findings = await checkWithPrior(db, doc, options.catalogs);
  const result = await storeImported(db, { doc, findings, sourceName: options.fileName }, options);
  return { ...result, findings };
}

export async function ingestFile(db: Db, bytes: Uint8Array, options: IngestOptions): Promise<ImportResult & { findings: Finding[]; doc: BudgetDocument }> {
  const doc = await readAnyDocument(bytes, { fileName: options.fileName, catalogs: options.catalogs, requireAllTables: false });
  return { ...(await ingestDocument(db, doc, options)), doc };
}
