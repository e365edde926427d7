/**
 * Storing many documents that were read already (the command line's import, bench/store.ts), in
 * batches: one transaction per batch, with a few statements whatever its size. One call for the
 * entities, member units and document rows (locked) of all its documents, document by document in
 * the server (claim_documents, migration 4); the versions by COPY; then one statement for their
 * findings, the documents' new current versions and the audit entries; then the cells and the
 * paragraphs (with their search terms) of all of them by COPY. The rows are those storeImported
 * writes, document by document.
 *
 * Each document is still all or nothing: when anything in a batch fails (a document refused, a
 * statement failing, a lock conflict with another connection), the whole batch is rolled back and
 * its documents are stored again one by one, each in its own transaction (storeImported), so the
 * one that fails fails alone, with its own reason. The price: a batch's documents become visible
 * together, at its commit, and a failing document costs its batch's work twice.
 */
import { cellsOf, type Cell } from '../publish/opendata/cells.js';
import type { BudgetDocument } from '../model/document.js';
import { STATE_NAMES, type State } from '../workflow/workflow.js';
import { StoreError, type Db, type Queryable } from './db.js';
import { copyField } from './copy.js';
import { documentJson } from './hash.js';
import { storeImported, publishAsIs, type ImportInput, type ImportOptions, type ImportResult } from './import.js';
import { searchTermsVector } from './search-terms.js';
import { assertUniqueCells, documentTotal } from './versions.js';

export type BulkOutcome = { ok: true; result: ImportResult } | { ok: false; error: unknown };

/** A batch's size in documents (a COPY's data is built in memory). */
export const BATCH_DOCUMENTS = 64;

/** A document's key in the store: the same key twice in one batch would lock and version one row twice. */
export const documentKey = (meta: ImportInput['doc']['meta']) => `${meta.region}\u0000${meta.entity.name}\u0000${meta.year}\u0000${meta.kind}`;

/**
 * Each document's entity, member units and document row (made when new, locked either way), in
 * order, in one call for the batch (migration 4's claim_documents: per document what storing it
 * alone does).
 */
const CLAIM_DOCUMENTS = `SELECT claim_id AS id, claim_entity AS entity_id, claim_state AS state, claim_inserted AS inserted, claim_hash AS hash, claim_version AS version
FROM claim_documents($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::int[], $9::int[], $10::text[], $11::text[])`;

/**
 * The batch's findings, its documents pointed at their new versions (written by COPY just before,
 * with ids taken from the sequence), and the audit entries, in one statement.
 */
const AFTER_VERSIONS = `
WITH x AS (
  SELECT * FROM unnest($1::bigint[], $2::bigint[], $3::int[], $4::bigint[], $5::text[], $6::bigint[], $7::text[])
    WITH ORDINALITY AS x(version_id, document_id, version, total, state, entity_id, details, o)
), f AS (
  INSERT INTO findings (version_id, ordinal, rule, family, severity, message, location, expected, actual, unit)
  SELECT v, o, ru, fa, se, me, lo::jsonb, ex, ac, un
  FROM unnest($10::bigint[], $11::int[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[]) AS z(v, o, ru, fa, se, me, lo, ex, ac, un)
), u AS (
  UPDATE documents SET current_version_id = x.version_id, total = x.total, state = x.state, revision = documents.revision + 1, updated_at = now(),
    published_version_id = CASE WHEN x.state = 'published' THEN x.version_id ELSE documents.published_version_id END,
    published_at = CASE WHEN x.state = 'published' THEN now() ELSE documents.published_at END
  FROM x WHERE documents.id = x.document_id
  RETURNING documents.id, documents.revision
)
INSERT INTO audit_log (user_id, actor, action, document_id, entity_id, version, revision, details)
SELECT $8, $9, 'import', x.document_id, x.entity_id, x.version, u.revision, x.details::jsonb FROM x JOIN u ON u.id = x.document_id ORDER BY x.o`;

interface Claim {
  id: number;
  entity_id: number;
  state: State;
  inserted: boolean;
  hash: string | null;
  version: number | null;
}

interface Prepared {
  index: number;
  input: ImportInput;
  hash: string;
  /** The version's JSON. */
  body: string;
  cellCount: number;
  /** Its cells as COPY rows without their version id (cellRows). */
  cellRows: string;
}

interface ToWrite extends Prepared {
  documentId: number;
  entityId: number;
  version: number;
  from: State | undefined;
  state: State;
}

const severityCount = (input: ImportInput, severity: 'error' | 'warning' | 'info') => input.findings.filter((f) => f.severity === severity).length;

/**
 * Stores `inputs` (each as storeImported would) and says, in their order, what became of each.
 * Not for uploads into a granted entity (options.entityId): those go through storeImported.
 */
export async function storeBatch(db: Db, inputs: readonly ImportInput[], options: ImportOptions): Promise<BulkOutcome[]> {
  if (options.entityId !== undefined) throw new Error('storeBatch: 上传到指定单位请用 storeImported');
  const out: BulkOutcome[] = new Array(inputs.length);
  const prepared: Prepared[] = [];
  inputs.forEach((input, index) => {
    try {
      const cells = cellsOf(input.doc);
      assertUniqueCells(input.doc, cells);
      prepared.push({ index, input, ...(input.json ?? documentJson(input.doc)), cellCount: cells.length, cellRows: cellRows(cells) });
    } catch (error) {
      out[index] = { ok: false, error };
    }
  });
  // A document given twice starts a new batch at its second copy.
  let group: Prepared[] = [];
  let keys = new Set<string>();
  for (const p of prepared) {
    const key = documentKey(p.input.doc.meta);
    if (keys.has(key)) {
      await storeGroup(db, group, options, out);
      group = [];
      keys = new Set();
    }
    keys.add(key);
    group.push(p);
  }
  if (group.length) await storeGroup(db, group, options, out);
  return out;
}

async function storeGroup(db: Db, group: Prepared[], options: ImportOptions, out: BulkOutcome[]): Promise<void> {
  try {
    const results = await db.transaction((tx) => writeGroup(tx, db.driver, group, options));
    group.forEach((p, i) => (out[p.index] = { ok: true, result: results[i]! }));
  } catch {
    for (const p of group) {
      for (let attempt = 1; ; attempt++) {
        try {
          out[p.index] = { ok: true, result: await storeImported(db, p.input, options) };
          break;
        } catch (error) {
          if (attempt < 4 && retryable(error)) continue;
          out[p.index] = { ok: false, error };
          break;
        }
      }
    }
  }
}

/**
 * A deadlock or serialization failure on the server: batches of several connections lock the same
 * entities (a department's units) in different orders; PostgreSQL ends one of them, and the
 * document is stored again.
 */
const retryable = (e: unknown) => ['40P01', '40001'].includes((e as { code?: string }).code ?? '');

async function writeGroup(tx: Queryable, driver: Db['driver'], group: Prepared[], options: ImportOptions): Promise<ImportResult[]> {
  if (options.bulk && driver === 'pg') await tx.query("SELECT set_config('synchronous_commit', 'off', true)", [], 'bulk_commit');
  const results: ImportResult[] = new Array(group.length);
  const writes: ToWrite[] = [];
  const metas = group.map((p) => p.input.doc.meta);
  const unitFrom: number[] = [];
  const unitTo: number[] = [];
  const unitNames: string[] = [];
  const unitCodes: (string | null)[] = [];
  for (const meta of metas) {
    unitFrom.push(unitNames.length + 1);
    if (meta.scope === 'department') for (const u of meta.memberUnits) if (u.name !== meta.entity.name) unitNames.push(u.name), unitCodes.push(u.code ?? null);
    unitTo.push(unitNames.length);
  }
  const claims = await tx.query<Claim>(
    CLAIM_DOCUMENTS,
    [
      metas.map((m) => m.scope),
      metas.map((m) => m.entity.name),
      metas.map((m) => m.entity.code ?? null),
      metas.map((m) => m.region),
      metas.map((m) => m.level),
      metas.map((m) => m.year),
      metas.map((m) => m.kind),
      unitFrom,
      unitTo,
      unitNames,
      unitCodes,
    ],
    'claim_documents',
  );
  for (const [i, p] of group.entries()) {
    const { meta } = p.input.doc;
    const claim = claims[i]!;
    const existing = claim.inserted ? undefined : claim;
    if (existing && existing.hash === p.hash) {
      if (options.publish && existing.state !== 'published') await publishAsIs(tx, options.actor, existing, existing.entity_id);
      results[i] = { status: 'unchanged', documentId: existing.id, entityId: existing.entity_id, version: existing.version ?? 0, cells: 0 };
      continue;
    }
    if (existing && existing.state !== 'draft' && !options.publish) {
      throw new StoreError('not-draft', `${meta.entity.name} ${meta.year}年的文件${STATE_NAMES[existing.state]}，不能再导入新版本`, '', 409);
    }
    const version = (existing?.version ?? 0) + 1;
    const state: State = options.publish ? 'published' : (existing?.state ?? 'draft');
    writes.push({ ...p, documentId: claim.id, entityId: claim.entity_id, version, from: existing?.state, state });
    results[i] = { status: existing ? 'version' : 'new', documentId: claim.id, entityId: claim.entity_id, version, cells: p.cellCount };
  }
  if (writes.length === 0) return results;

  // The versions by COPY (their JSON is most of a batch's bytes), with ids taken first.
  const ids = (await tx.query<{ id: number }>("SELECT nextval('document_versions_id_seq') AS id FROM generate_series(1, $1)", [writes.length], 'version_ids')).map((r) => r.id).sort((x, y) => x - y);
  const userId = options.actor.userId ?? null;
  const versions = writes.map((w, i) =>
    [ids[i]!, w.documentId, w.version, w.hash, w.body, w.input.sourceName ?? null, severityCount(w.input, 'error'), severityCount(w.input, 'warning'), severityCount(w.input, 'info'), userId].map(copyField).join('\t') + '\n',
  );
  await tx.copyFrom('document_versions', ['id', 'document_id', 'version', 'content_hash', 'body', 'source_name', 'errors', 'warnings', 'infos', 'created_by'], versions.join(''));
  const findings = writes.flatMap((w, i) => w.input.findings.map((f, ordinal) => ({ v: ids[i]!, ordinal, f })));
  await tx.query(
    AFTER_VERSIONS,
    [
      ids,
      writes.map((w) => w.documentId),
      writes.map((w) => w.version),
      writes.map((w) => documentTotal(w.input.doc)),
      writes.map((w) => w.state),
      writes.map((w) => w.entityId),
      writes.map((w) =>
        JSON.stringify({ source: w.input.sourceName ?? null, hash: w.hash, cells: w.cellCount, errors: severityCount(w.input, 'error'), ...(w.from !== w.state ? { from: w.from ?? null, to: w.state } : {}) }),
      ),
      userId,
      options.actor.name,
      findings.map((x) => x.v),
      findings.map((x) => x.ordinal),
      findings.map((x) => x.f.rule),
      findings.map((x) => x.f.family),
      findings.map((x) => x.f.severity),
      findings.map((x) => x.f.message),
      findings.map((x) => JSON.stringify(x.f.location)),
      findings.map((x) => x.f.expected ?? null),
      findings.map((x) => x.f.actual ?? null),
      findings.map((x) => x.f.unit ?? null),
    ],
    'after_versions',
  );

  // Each document's rows made (and joined) in one go: the batch holds one string per document, not one per row.
  const cells = writes.map((w, i) => withVersion(ids[i]!, w.cellRows)).join('');
  const paragraphs = writes.map((w, i) => paragraphRows(ids[i]!, w.input.doc)).join('');
  if (cells) await tx.copyFrom('cells', ['version_id', 'table_id', 'row_key', 'column_key', 'amount'], cells);
  if (paragraphs) await tx.copyFrom('narrative', ['version_id', 'section', 'paragraph', 'kind', 'heading', 'text', 'terms'], paragraphs);
  return results;
}

/**
 * A document's cells as COPY rows without the version id (not known yet), one a line, no newline
 * after the last: a raw newline only ever ends a row (copyField escapes those in values).
 */
function cellRows(cells: readonly Cell[]): string {
  const rows = new Array<string>(cells.length);
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i]!;
    rows[i] = `${copyField(c.table)}\t${copyField(c.row)}\t${copyField(c.column)}\t${c.amount}`;
  }
  return rows.join('\n');
}

/** cellRows with version id `v` in front of each row. */
const withVersion = (v: number, rows: string) => (rows ? `${v}\t${rows.replaceAll('\n', `\n${v}\t`)}\n` : '');

/** A document's paragraphs as COPY rows of version `v`, with their search terms. */
function paragraphRows(v: number, doc: BudgetDocument): string {
  const rows: string[] = [];
  doc.narrative.sections.forEach((s, i) => {
    const kind = copyField(s.kind);
    const heading = copyField(s.heading);
    s.paragraphs.forEach((p, j) => {
      rows.push(`${v}\t${i}\t${j}\t${kind}\t${heading}\t${copyField(p.text)}\t${searchTermsVector(`${s.heading} ${p.text}`)}\n`);
    });
  });
  return rows.join('');
}
