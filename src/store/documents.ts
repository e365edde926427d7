/** Reading documents: lists with filters (what the actor may see), one document, its versions and findings. */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import type { Actor, DocumentRef, State } from '../workflow/workflow.js';
import type { Queryable } from './db.js';
import { Params } from './sql.js';
import { visibleCondition } from './visibility.js';

export interface DocumentRecord {
  id: number;
  year: number;
  kind: 'budget' | 'final';
  scope: 'department' | 'unit';
  state: State;
  revision: number;
  version: number | null;
  versionId: number | null;
  publishedVersionId: number | null;
  total: number;
  errors: number;
  warnings: number;
  infos: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  entity: { id: number; name: string; code: string | null; kind: 'department' | 'unit'; region: string; level: string; parentId: number | null; parentName: string | null };
}

const SELECT = `
SELECT d.id, d.year, d.kind, d.scope, d.state, d.revision, v.version, d.current_version_id AS "versionId",
  d.published_version_id AS "publishedVersionId", d.total, COALESCE(v.errors, 0) AS errors, COALESCE(v.warnings, 0) AS warnings,
  COALESCE(v.infos, 0) AS infos, d.created_at AS "createdAt", d.updated_at AS "updatedAt", d.published_at AS "publishedAt",
  e.id AS entity_id, e.name AS entity_name, e.code AS entity_code, e.kind AS entity_kind, e.region AS entity_region,
  e.level AS entity_level, e.parent_id AS entity_parent_id, pe.name AS entity_parent_name
FROM documents d
JOIN entities e ON e.id = d.entity_id
LEFT JOIN entities pe ON pe.id = e.parent_id
LEFT JOIN document_versions v ON v.id = d.current_version_id`;

type Flat = Omit<DocumentRecord, 'entity'> & Record<string, unknown>;

function record(r: Flat): DocumentRecord {
  const { entity_id, entity_name, entity_code, entity_kind, entity_region, entity_level, entity_parent_id, entity_parent_name, ...rest } = r;
  return {
    ...(rest as Omit<DocumentRecord, 'entity'>),
    entity: {
      id: entity_id as number,
      name: entity_name as string,
      code: (entity_code as string | null) ?? null,
      kind: entity_kind as 'department' | 'unit',
      region: entity_region as string,
      level: entity_level as string,
      parentId: (entity_parent_id as number | null) ?? null,
      parentName: (entity_parent_name as string | null) ?? null,
    },
  };
}

export function documentRef(d: DocumentRecord): DocumentRef {
  return { entityId: d.entity.id, parentId: d.entity.parentId, region: d.entity.region, scope: d.scope, state: d.state };
}

export async function getDocumentRecord(db: Queryable, id: number, forUpdate = false): Promise<DocumentRecord | undefined> {
  // Prepared once per connection on the server driver: every request for a document starts here.
  const rows = await db.query<Flat>(`${SELECT} WHERE d.id = $1${forUpdate ? ' FOR UPDATE OF d' : ''}`, [id], forUpdate ? 'document_record_for_update' : 'document_record');
  return rows[0] ? record(rows[0]) : undefined;
}

export interface DocumentFilter {
  region?: string;
  year?: number;
  level?: string;
  scope?: 'department' | 'unit';
  kind?: 'budget' | 'final';
  state?: State;
  /** The entity itself. */
  entityId?: number;
  /** A department and its units. */
  departmentId?: number;
  /** Part of the entity's name. */
  q?: string;
  sort?: 'year' | '-year' | 'total' | '-total' | 'name' | 'updated';
  limit: number;
  offset: number;
}

const SORTS: Record<NonNullable<DocumentFilter['sort']>, string> = {
  year: 'd.year, e.name, d.id',
  '-year': 'd.year DESC, e.name, d.id',
  total: 'd.total, d.id',
  '-total': 'd.total DESC, d.id',
  name: 'e.name, d.year DESC, d.id',
  updated: 'd.updated_at DESC, d.id',
};

export async function listDocuments(db: Queryable, actor: Actor, f: DocumentFilter): Promise<{ items: DocumentRecord[]; total: number }> {
  const p = new Params();
  const where = [visibleCondition(actor, p)];
  if (f.region) where.push(`e.region = ${p.add(f.region)}`);
  if (f.year) where.push(`d.year = ${p.add(f.year)}`);
  if (f.level) where.push(`e.level = ${p.add(f.level)}`);
  if (f.scope) where.push(`d.scope = ${p.add(f.scope)}`);
  if (f.kind) where.push(`d.kind = ${p.add(f.kind)}`);
  if (f.state) where.push(`d.state = ${p.add(f.state)}`);
  if (f.entityId) where.push(`d.entity_id = ${p.add(f.entityId)}`);
  if (f.departmentId) {
    const dep = p.add(f.departmentId);
    where.push(`(d.entity_id = ${dep} OR e.parent_id = ${dep})`);
  }
  if (f.q) where.push(`strpos(e.name, ${p.add(f.q)}) > 0`);
  const cond = where.join(' AND ');
  const countParams = [...p.values];
  // The page and the count in one statement (one turn of the embedded store, which serves one query at a time);
  // a page past the end has no row to carry the count, and asks for it alone.
  const rows = await db.query<Flat & { listTotal: number | string }>(`${SELECT.replace('SELECT ', 'SELECT count(*) OVER () AS "listTotal", ')} WHERE ${cond} ORDER BY ${SORTS[f.sort ?? '-year']} LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`, p.values);
  let total = rows.length ? Number(rows[0]!.listTotal) : 0;
  if (!rows.length && f.offset > 0) {
    const [count] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM documents d JOIN entities e ON e.id = d.entity_id WHERE ${cond}`, countParams);
    total = Number(count!.n);
  }
  return { items: rows.map(({ listTotal: _, ...r }) => record(r as Flat)), total };
}

export async function versionBody(db: Queryable, versionId: number): Promise<BudgetDocument> {
  const [row] = await db.query<{ body: string }>('SELECT body FROM document_versions WHERE id = $1', [versionId], 'version_body');
  return JSON.parse(row!.body) as BudgetDocument;
}

export interface VersionRecord {
  id: number;
  version: number;
  hash: string;
  sourceName: string | null;
  errors: number;
  warnings: number;
  infos: number;
  createdBy: string | null;
  createdAt: string;
}

export async function listVersions(db: Queryable, documentId: number): Promise<VersionRecord[]> {
  return db.query<VersionRecord>(
    `SELECT v.id, v.version, v.content_hash AS hash, v.source_name AS "sourceName", v.errors, v.warnings, v.infos,
       u.display_name AS "createdBy", v.created_at AS "createdAt"
     FROM document_versions v LEFT JOIN users u ON u.id = v.created_by WHERE v.document_id = $1 ORDER BY v.version`,
    [documentId],
  );
}

export async function versionIdOf(db: Queryable, documentId: number, version: number): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM document_versions WHERE document_id = $1 AND version = $2', [documentId, version]);
  return row?.id;
}

export async function versionFindings(db: Queryable, versionId: number): Promise<Finding[]> {
  const rows = await db.query<Record<string, unknown>>('SELECT rule, family, severity, message, location, expected, actual, unit FROM findings WHERE version_id = $1 ORDER BY ordinal', [versionId]);
  return rows.map((r) => {
    const f: Record<string, unknown> = { rule: r.rule, family: r.family, severity: r.severity, message: r.message, location: r.location };
    for (const k of ['expected', 'actual', 'unit'] as const) if (r[k] !== null) f[k] = r[k];
    return f as unknown as Finding;
  });
}
