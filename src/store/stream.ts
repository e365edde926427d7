/**
 * Many files into the store as a stream (the command line's import): each file read (by the
 * caller's reader, several at once), checked against last year's document of its entity, and
 * stored in batches (bulk.ts), with at most a window of documents in memory whatever the number
 * of files.
 *
 * Last year's document: files are taken in the order given (the command line orders them by the
 * year their path names, so a city written by `generate` comes year by year), and a document is
 * checked against last year's document of the same entity as this import has it (read earlier and
 * not yet committed) or as the store has it. Where that was not the document the store ends up
 * with — last year's file came later in the order, or failed to store — the document is checked
 * again at the end against the store's, and its findings replaced: the findings are those an
 * import in year order gives. (The audit entry of its import keeps the error count it was stored
 * with.)
 */
import type { BudgetDocument } from '../model/document.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { checkDocument } from '../check/engine.js';
import type { Finding } from '../check/finding.js';
import type { Actor } from '../workflow/workflow.js';
import type { Db, Queryable } from './db.js';
import { BATCH_DOCUMENTS, storeBatch, type BulkOutcome } from './bulk.js';
import { documentJson } from './hash.js';
import type { ImportInput } from './import.js';
import { findingColumns } from './versions.js';

export interface StreamOptions {
  catalogs: CatalogSet;
  actor: Actor;
  publish: boolean;
  /** Batches stored at once (one connection each). */
  jobs: number;
  /** Files read at once. */
  readers: number;
  read(file: string): Promise<BudgetDocument>;
  /** As each file ends: stored (how) or failed (why). */
  onFile?(file: string, outcome: BulkOutcome): void;
  /** Documents in one batch (default BATCH_DOCUMENTS). */
  batch?: number;
}

export interface StreamSummary {
  new: number;
  version: number;
  unchanged: number;
  failed: { file: string; error: unknown }[];
  /** Documents checked again at the end against last year's document as stored. */
  rechecked: number;
}

type Meta = BudgetDocument['meta'];
const entityKey = (m: Meta, year = m.year) => `${m.region}\u0000${m.entity.name}\u0000${m.kind}\u0000${year}`;

/** Last year's current version of the same entity's document, with its content hash. */
async function storedPrior(db: Queryable, meta: Meta): Promise<{ doc: BudgetDocument; hash: string } | undefined> {
  const [row] = await db.query<{ body: string; hash: string }>(
    `SELECT v.body, v.content_hash AS hash FROM documents d JOIN entities e ON e.id = d.entity_id JOIN document_versions v ON v.id = d.current_version_id
     WHERE e.region = $1 AND e.name = $2 AND d.year = $3 AND d.kind = $4`,
    [meta.region, meta.entity.name, meta.year - 1, meta.kind],
    'stored_prior',
  );
  return row ? { doc: JSON.parse(row.body) as BudgetDocument, hash: row.hash } : undefined;
}

interface Checked {
  /** The version this import stored (none when unchanged or failed). */
  stored?: { documentId: number; version: number };
  meta: Meta;
  /** The content hash of last year's document it was checked against (null: none). */
  priorHash: string | null;
}

export async function importFiles(db: Db, files: readonly string[], o: StreamOptions): Promise<StreamSummary> {
  const summary: StreamSummary = { new: 0, version: 0, unchanged: 0, failed: [], rechecked: 0 };
  const batchSize = o.batch ?? BATCH_DOCUMENTS;
  const window = batchSize * (o.jobs + 1) + 2 * o.readers;

  // Reading, ahead of the checking by at most `window` files.
  const reads = new Map<number, Promise<{ doc: BudgetDocument } | { error: unknown }>>();
  let launched = 0;
  let reading = 0;
  let position = 0;
  const launch = () => {
    while (launched < files.length && launched < position + window && reading < o.readers) {
      const file = files[launched]!;
      reading++;
      reads.set(
        launched++,
        o.read(file).then(
          (doc) => ({ doc }),
          (error: unknown) => ({ error }),
        ).finally(() => {
          reading--;
          launch();
        }),
      );
    }
  };

  // Documents read in this import and not yet committed (last year's for the ones after them).
  const pending = new Map<string, { doc: BudgetDocument; hash: string }>();
  const checked = new Map<string, Checked>();
  const touched = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  let batch: { file: string; input: ImportInput }[] = [];

  const store = (items: { file: string; input: ImportInput }[]) => {
    const job = storeBatch(db, items.map((x) => x.input), { actor: o.actor, publish: o.publish, bulk: true }).then((outcomes) => {
      outcomes.forEach((outcome, i) => {
        const { file, input } = items[i]!;
        const key = entityKey(input.doc.meta);
        if (pending.get(key)?.doc === input.doc) pending.delete(key);
        if (outcome.ok) {
          summary[outcome.result.status]++;
          const c = checked.get(key);
          if (c?.meta === input.doc.meta && outcome.result.status !== 'unchanged') c.stored = { documentId: outcome.result.documentId, version: outcome.result.version };
        } else summary.failed.push({ file, error: outcome.error });
        o.onFile?.(file, outcome);
      });
    });
    const tracked = job.finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const flush = async () => {
    while (inFlight.size >= Math.max(1, o.jobs)) await Promise.race(inFlight);
    if (batch.length) store(batch);
    batch = [];
  };

  for (position = 0; position < files.length; position++) {
    launch();
    const read = await reads.get(position)!;
    reads.delete(position);
    const file = files[position]!;
    if ('error' in read) {
      summary.failed.push({ file, error: read.error });
      o.onFile?.(file, { ok: false, error: read.error });
      continue;
    }
    const { doc } = read;
    const key = entityKey(doc.meta);
    touched.add(key);
    let prior: { doc: BudgetDocument; hash: string } | undefined;
    let findings: Finding[];
    try {
      prior = pending.get(entityKey(doc.meta, doc.meta.year - 1)) ?? (await storedPrior(db, doc.meta));
      findings = checkDocument(doc, { catalogs: o.catalogs, ...(prior ? { prior: prior.doc } : {}) });
    } catch (error) {
      summary.failed.push({ file, error });
      o.onFile?.(file, { ok: false, error });
      continue;
    }
    const json = documentJson(doc);
    pending.set(key, { doc, hash: json.hash });
    checked.set(key, { meta: doc.meta, priorHash: prior?.hash ?? null });
    batch.push({ file, input: { doc, findings, sourceName: file, json } });
    // A batch goes when full, or at once when nothing is being stored (the store never waits on a batch filling).
    if (batch.length >= batchSize || inFlight.size === 0) await flush();
  }
  await flush();
  await Promise.all(inFlight);

  // Documents whose last year's document is not the one they were checked against.
  for (const c of checked.values()) {
    if (!c.stored || !touched.has(entityKey(c.meta, c.meta.year - 1))) continue;
    const prior = await storedPrior(db, c.meta);
    if ((prior?.hash ?? null) === c.priorHash) continue;
    const [v] = await db.query<{ id: number }>('SELECT id FROM document_versions WHERE document_id = $1 AND version = $2', [c.stored.documentId, c.stored.version]);
    await recheck(db, v!.id, prior?.doc, o.catalogs);
    summary.rechecked++;
  }
  return summary;
}

/** A stored version checked again against `prior`: its findings and their counts replaced. */
export async function recheck(db: Db, versionId: number, prior: BudgetDocument | undefined, catalogs: CatalogSet): Promise<Finding[]> {
  const [row] = await db.query<{ body: string }>('SELECT body FROM document_versions WHERE id = $1', [versionId]);
  const doc = JSON.parse(row!.body) as BudgetDocument;
  const findings = checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM findings WHERE version_id = $1', [versionId]);
    await tx.query(
      `INSERT INTO findings (version_id, ordinal, rule, family, severity, message, location, expected, actual, unit)
       SELECT $1, o, ru, fa, se, me, lo::jsonb, ex, ac, un
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS z(o, ru, fa, se, me, lo, ex, ac, un)`,
      [versionId, ...findingColumns(findings)],
    );
    await tx.query('UPDATE document_versions SET errors = $2, warnings = $3, infos = $4 WHERE id = $1', [versionId, count('error'), count('warning'), count('info')]);
  });
  return findings;
}
