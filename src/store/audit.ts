/**
 * The audit log: append-only (a trigger refuses UPDATE, DELETE and TRUNCATE). Every edit and
 * every transition writes one entry, in the same transaction as the change it records.
 */
import type { Actor } from '../workflow/workflow.js';
import type { Queryable } from './db.js';

export interface AuditEntry {
  action: string;
  documentId?: number | null;
  entityId?: number | null;
  version?: number | null;
  revision?: number | null;
  /** What changed: {changes: [{path, old, new}]}, {from, to, comment}, {source}… */
  details?: Record<string, unknown>;
}

export async function appendAudit(tx: Queryable, actor: Actor, e: AuditEntry): Promise<void> {
  await tx.query('INSERT INTO audit_log (user_id, actor, action, document_id, entity_id, version, revision, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)', [
    actor.userId,
    actor.name,
    e.action,
    e.documentId ?? null,
    e.entityId ?? null,
    e.version ?? null,
    e.revision ?? null,
    JSON.stringify(e.details ?? {}),
  ]);
}

export interface AuditRecord {
  id: number;
  at: string;
  actor: string;
  userId: number | null;
  action: string;
  documentId: number | null;
  version: number | null;
  revision: number | null;
  details: Record<string, unknown>;
}

export async function documentAudit(db: Queryable, documentId: number, limit = 200, offset = 0): Promise<AuditRecord[]> {
  return db.query<AuditRecord>(
    `SELECT id, at, actor, user_id AS "userId", action, document_id AS "documentId", version, revision, details
     FROM audit_log WHERE document_id = $1 ORDER BY id LIMIT $2 OFFSET $3`,
    [documentId, limit, offset],
  );
}
