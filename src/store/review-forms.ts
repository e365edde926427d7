/**
 * The bureau's review form per version (review_forms), the crops of its pages (review_crops) and
 * the file a version was uploaded from (version_sources). A form is made once per version, from
 * its stored findings, and then changed only by its reviewer, revision by revision.
 */
import type { EditableForm } from '../review/editable.js';
import { StoreError, type Queryable } from './db.js';

export async function saveSource(db: Queryable, versionId: number, name: string, bytes: Uint8Array): Promise<void> {
  await db.query('INSERT INTO version_sources (version_id, name, bytes) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [versionId, name, bytes]);
}

/**
 * The file the version came from: its own upload, or, for a version made by editing in the
 * workspace, the latest upload before it (its pages show the document as uploaded).
 */
export async function sourceOf(db: Queryable, documentId: number, versionId: number): Promise<{ name: string; bytes: Uint8Array; version: number } | undefined> {
  const [row] = await db.query<{ name: string; bytes: Uint8Array; version: number }>(
    `SELECT s.name, s.bytes, v.version FROM version_sources s JOIN document_versions v ON v.id = s.version_id
     WHERE v.document_id = $1 AND v.version <= (SELECT version FROM document_versions WHERE id = $2)
     ORDER BY v.version DESC LIMIT 1`,
    [documentId, versionId],
  );
  return row ? { ...row, bytes: new Uint8Array(row.bytes) } : undefined;
}

export interface StoredForm {
  form: EditableForm;
  revision: number;
  updatedBy: string | null;
  updatedAt: string;
}

export async function getForm(db: Queryable, versionId: number): Promise<StoredForm | undefined> {
  const [row] = await db.query<{ form: EditableForm; revision: number; updatedBy: string | null; updatedAt: Date }>(
    `SELECT f.form, f.revision, u.display_name AS "updatedBy", f.updated_at AS "updatedAt" FROM review_forms f LEFT JOIN users u ON u.id = f.updated_by WHERE f.version_id = $1`,
    [versionId],
  );
  return row ? { form: row.form, revision: row.revision, updatedBy: row.updatedBy, updatedAt: new Date(row.updatedAt).toISOString() } : undefined;
}

/** Stores the form filled in from the findings, with its crops, unless another request stored it first. */
export async function createForm(db: Queryable, versionId: number, form: EditableForm, crops: Map<number, Uint8Array>): Promise<void> {
  const ordinals = [...crops.keys()];
  await db.query(
    `WITH c AS (INSERT INTO review_crops (version_id, ordinal, png) SELECT $1, o, decode(p, 'hex') FROM unnest($3::int[], $4::text[]) AS x(o, p) ON CONFLICT DO NOTHING)
     INSERT INTO review_forms (version_id, form) VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING`,
    [versionId, JSON.stringify(form), ordinals, ordinals.map((o) => Buffer.from(crops.get(o)!).toString('hex'))],
  );
}

/** The reviewer's edit: only over the revision they saw (409 otherwise, their form unsaved). */
export async function updateForm(db: Queryable, versionId: number, revision: number, form: EditableForm, userId: number | null): Promise<number> {
  const [row] = await db.query<{ revision: number }>(
    'UPDATE review_forms SET form = $3::jsonb, revision = revision + 1, updated_by = $4, updated_at = now() WHERE version_id = $1 AND revision = $2 RETURNING revision',
    [versionId, revision, JSON.stringify(form), userId],
  );
  if (!row) throw new StoreError('stale', '检查表已被他人修改（或尚未生成）：您看到的不是最新的内容', '请重新打开检查表，再作修改。', 409);
  return row.revision;
}

export async function getCrop(db: Queryable, versionId: number, ordinal: number): Promise<Uint8Array | undefined> {
  const [row] = await db.query<{ png: Uint8Array }>('SELECT png FROM review_crops WHERE version_id = $1 AND ordinal = $2', [versionId, ordinal]);
  return row ? new Uint8Array(row.png) : undefined;
}
