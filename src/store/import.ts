/**
 * Storing a document that was read from a file: in one transaction, its entity (and, for a
 * department, the member units it lists), the document of that entity and year, a new version
 * (unless the content is the current version's already) and the audit entry. A failure anywhere
 * rolls all of it back: nothing of a document is ever half-stored.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import { STATE_NAMES, type Actor, type State } from '../workflow/workflow.js';
import { StoreError, type Db, type Queryable } from './db.js';
import { appendAudit } from './audit.js';
import { contentHash } from './hash.js';
import { documentTotal, insertVersion } from './versions.js';

export interface ImportInput {
  doc: BudgetDocument;
  findings: Finding[];
  sourceName?: string;
  /** The document's JSON and content hash (hash.ts documentJson), when the caller made them already. */
  json?: { body: string; hash: string };
}

export interface ImportOptions {
  actor: Actor;
  /** Store it as published (a disclosure that is public already): the command line's --publish. */
  publish?: boolean;
  /**
   * Only into this entity (an upload by its preparer): the document must name it, be of its kind
   * and list only its member units. Such an import never creates or moves an entity: the
   * organisation tree is the administrator's (and the command line's), never an upload's.
   */
  entityId?: number;
  /**
   * Many files at once (the command line): on a server, commits do not wait for the disk. Each
   * document is still all or nothing; a crash of the server's machine (not of this process) may
   * lose the last moment's documents, which importing the same files again restores. Not on
   * PGlite: it has no WAL writer to flush such commits later, so they would wait for the next one.
   */
  bulk?: boolean;
}

export interface ImportResult {
  status: 'new' | 'version' | 'unchanged';
  documentId: number;
  entityId: number;
  version: number;
  cells: number;
}

/** The entity a document is about, created when new; a department's member units are made its children. */
export async function upsertEntity(tx: Queryable, meta: BudgetDocument['meta']): Promise<number> {
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO entities (kind, name, code, region, level) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (region, name) DO UPDATE SET code = COALESCE(entities.code, EXCLUDED.code), kind = EXCLUDED.kind
     RETURNING id`,
    [meta.scope, meta.entity.name, meta.entity.code ?? null, meta.region, meta.level],
    'upsert_entity',
  );
  const id = row!.id;
  const units = meta.memberUnits.filter((u) => u.name !== meta.entity.name);
  if (meta.scope === 'department' && units.length) {
    await tx.query(
      `INSERT INTO entities (kind, name, code, region, level, parent_id)
       SELECT 'unit', n, c, $3, $4, $5 FROM unnest($1::text[], $2::text[]) AS u(n, c)
       ON CONFLICT (region, name) DO UPDATE SET parent_id = EXCLUDED.parent_id, code = COALESCE(entities.code, EXCLUDED.code)
       WHERE entities.kind = 'unit'`,
      [units.map((u) => u.name), units.map((u) => u.code ?? null), meta.region, meta.level, id],
      'upsert_units',
    );
  }
  return id;
}

const KIND_NAMES = { department: '部门', unit: '单位' } as const;

/**
 * The entity an upload goes to, as the store has it: the document must be about it (name and
 * region), of its kind (部门 or 单位), and a department's document may list only units that are
 * already its units. Refusals say which and why (422); nothing in the tree changes.
 */
async function grantedEntity(tx: Queryable, meta: BudgetDocument['meta'], id: number): Promise<number> {
  const [e] = await tx.query<{ id: number; kind: 'department' | 'unit'; name: string; region: string }>('SELECT id, kind, name, region FROM entities WHERE id = $1', [id]);
  if (!e) throw new StoreError('no-entity', `没有编号为 ${id} 的单位或部门`, '请检查 entity 参数（GET /api/entities 可查）。', 404);
  if (e.name !== meta.entity.name || e.region !== meta.region) {
    throw new StoreError('wrong-entity', `文件是“${meta.region} ${meta.entity.name}”的预算，不是“${e.region} ${e.name}”（编号 ${e.id}）的`, '请上传本单位的预算文件，或检查文件中的单位名称与地区。', 422);
  }
  if (e.kind !== meta.scope) {
    throw new StoreError('wrong-kind', `文件是${KIND_NAMES[meta.scope]}预算，而“${e.name}”是${KIND_NAMES[e.kind]}`, `请上传${KIND_NAMES[e.kind]}预算；单位与部门的类别和隶属关系只能由管理员调整。`, 422);
  }
  const listed = meta.scope === 'department' ? meta.memberUnits.map((u) => u.name).filter((n) => n !== e.name) : [];
  if (listed.length) {
    const rows = await tx.query<{ name: string }>('SELECT name FROM entities WHERE parent_id = $1 AND name = ANY($2::text[])', [e.id, listed]);
    const known = new Set(rows.map((r) => r.name));
    const strangers = listed.filter((n) => !known.has(n));
    if (strangers.length) {
      throw new StoreError(
        'wrong-member-units',
        `文件列出的下属单位不属于“${e.name}”：${strangers.slice(0, 5).join('、')}${strangers.length > 5 ? ` 等 ${strangers.length} 家` : ''}`,
        '上传不会新建单位或改变隶属关系：请核对文件中的单位名单，或请管理员先调整单位的隶属关系。',
        422,
      );
    }
  }
  return e.id;
}

interface Existing {
  id: number;
  state: State;
  revision: number;
  hash: string | null;
  version: number | null;
}

export async function storeImported(db: Db, input: ImportInput, options: ImportOptions): Promise<ImportResult> {
  const { doc } = input;
  const hash = input.json?.hash ?? contentHash(doc);
  return db.transaction(async (tx) => {
    if (options.bulk && db.driver === 'pg') await tx.query("SELECT set_config('synchronous_commit', 'off', true)", [], 'bulk_commit');
    const entityId = options.entityId !== undefined ? await grantedEntity(tx, doc.meta, options.entityId) : await upsertEntity(tx, doc.meta);
    const [existing] = await tx.query<Existing>(
      `SELECT d.id, d.state, d.revision, v.content_hash AS hash, v.version
       FROM documents d LEFT JOIN document_versions v ON v.id = d.current_version_id
       WHERE d.entity_id = $1 AND d.year = $2 AND d.kind = $3 FOR UPDATE OF d`,
      [entityId, doc.meta.year, doc.meta.kind],
      'lock_document',
    );
    if (existing && existing.hash === hash) {
      if (options.publish && existing.state !== 'published') await publishAsIs(tx, options.actor, existing, entityId);
      return { status: 'unchanged', documentId: existing.id, entityId, version: existing.version ?? 0, cells: 0 };
    }
    if (existing && existing.state !== 'draft' && !options.publish) {
      throw new StoreError(
        'not-draft',
        `${doc.meta.entity.name} ${doc.meta.year}年的文件${STATE_NAMES[existing.state]}，不能再导入新版本`,
        '只有草稿可以修改：请审核人退回、编制人重新编辑后再导入。',
        409,
      );
    }
    const documentId = existing?.id ?? (await newDocument(tx, entityId, doc));
    const version = (existing?.version ?? 0) + 1;
    const stored = await insertVersion(tx, documentId, version, { ...input, userId: options.actor.userId }, hash);
    const state: State = options.publish ? 'published' : (existing?.state ?? 'draft');
    const details = { source: input.sourceName ?? null, hash, cells: stored.cells, errors: stored.errors, ...(existing?.state !== state ? { from: existing?.state ?? null, to: state } : {}) };
    // The new version becomes current and the audit entry is written, in one statement.
    await tx.query(
      `WITH u AS (
         UPDATE documents SET current_version_id = $2, total = $3, state = $4::text, revision = revision + 1, updated_at = now(),
           published_version_id = CASE WHEN $4::text = 'published' THEN $2 ELSE published_version_id END,
           published_at = CASE WHEN $4::text = 'published' THEN now() ELSE published_at END
         WHERE id = $1 RETURNING revision)
       INSERT INTO audit_log (user_id, actor, action, document_id, entity_id, version, revision, details)
       SELECT $5, $6, 'import', $1, $7, $8, u.revision, $9 FROM u`,
      [documentId, stored.versionId, documentTotal(doc), state, options.actor.userId, options.actor.name, entityId, version, JSON.stringify(details)],
      'import_current',
    );
    return { status: existing ? 'version' : 'new', documentId, entityId, version, cells: stored.cells };
  });
}

async function newDocument(tx: Queryable, entityId: number, doc: BudgetDocument): Promise<number> {
  const [row] = await tx.query<{ id: number }>('INSERT INTO documents (entity_id, year, kind, scope) VALUES ($1, $2, $3, $4) RETURNING id', [entityId, doc.meta.year, doc.meta.kind, doc.meta.scope], 'new_document');
  return row!.id;
}

/** An unchanged document imported with --publish: published as it is. */
export async function publishAsIs(tx: Queryable, actor: Actor, d: Pick<Existing, 'id' | 'state' | 'version'>, entityId: number): Promise<void> {
  const [row] = await tx.query<{ revision: number }>(
    `UPDATE documents SET state = 'published', published_version_id = current_version_id, published_at = now(), revision = revision + 1, updated_at = now()
     WHERE id = $1 RETURNING revision`,
    [d.id],
  );
  await appendAudit(tx, actor, { action: 'publish', documentId: d.id, entityId, version: d.version, revision: row!.revision, details: { from: d.state, to: 'published', comment: '按已公开的文件导入' } });
}
