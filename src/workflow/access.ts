/**
 * Who may see and change what, as data: role × relation × operation → allowed. One table, used
 * by the workflow rules (workflow.ts: canRead, canEdit), the server's routes (history, versions,
 * audit, uploads) and walked cell by cell by the API tests (server/access.test.ts).
 *
 * A role's relation to a document is `own` when its grant covers the document — the unit's
 * 编制人, the reviewer of the unit or of its department, the bureau of its region (or of all),
 * the administrator for every document — and `other` otherwise. Every actor, signed in or not,
 * also has the public's rights. Transitions (submit, approve, …) are workflow.ts's TRANSITIONS.
 */
import type { Actor, DocumentRef, Grant, Role } from './workflow.js';

export const OPERATIONS = ['read-published', 'read-unpublished', 'read-history', 'edit', 'upload', 'review'] as const;
export type Operation = (typeof OPERATIONS)[number];
export const OPERATION_NAMES: Record<Operation, string> = {
  'read-published': '查看已公开的版本',
  'read-unpublished': '查看未公开的文件（草稿、已提交、已退回、已审核）',
  'read-history': '查看历史：早先的版本及其文件、版本列表、审计记录（含退回意见）',
  edit: '修改草稿',
  upload: '上传文件成为草稿的新版本',
  review: '查看公开情况检查表（修改并按它退回：还须是该文件的审核人，文件已提交）',
};

export type AccessRole = Role | 'public';
export const ACCESS_ROLES: AccessRole[] = ['public', 'preparer', 'reviewer', 'bureau', 'admin'];
export type Relation = 'own' | 'other';
export const RELATIONS: Relation[] = ['own', 'other'];

const none: Record<Operation, boolean> = { 'read-published': false, 'read-unpublished': false, 'read-history': false, edit: false, upload: false, review: false };
const published = { ...none, 'read-published': true };

/**
 * The matrix. The public and everyone else's `other` see the published version only; the history
 * (earlier versions, the audit log with the reviewers' comments, old renderings) stays with the
 * unit, its reviewer, the bureau and the administrator; the review form (the bureau's 检查表 and its
 * page crops) with the reviewers and the bureau. The administrator manages users and
 * reads the history of what is published, but does not read unpublished drafts.
 * Cells that cannot occur (the public has no grant, so never `own`; every document is the
 * administrator's) are written as their `other` twin, so the table is total.
 */
export const ACCESS: Record<AccessRole, Record<Relation, Record<Operation, boolean>>> = {
  public: { own: published, other: published },
  preparer: { own: { 'read-published': true, 'read-unpublished': true, 'read-history': true, edit: true, upload: true, review: false }, other: published },
  reviewer: { own: { ...published, 'read-unpublished': true, 'read-history': true, review: true }, other: published },
  bureau: { own: { ...published, 'read-unpublished': true, 'read-history': true, review: true }, other: published },
  admin: { own: { ...published, 'read-history': true }, other: { ...published, 'read-history': true } },
};

/** Whether a grant covers the document. */
export function relationOf(g: Grant, d: DocumentRef): Relation {
  switch (g.role) {
    case 'preparer':
      return g.entityId === d.entityId ? 'own' : 'other';
    case 'reviewer':
      return g.entityId === d.entityId || (d.parentId !== null && g.entityId === d.parentId) ? 'own' : 'other';
    case 'bureau':
      return !g.region || g.region === d.region ? 'own' : 'other';
    case 'admin':
      return 'own';
  }
}

/** Whether the actor may do the operation on the document (state aside: see workflow.canRead and canEdit). */
export function allowed(a: Actor, d: DocumentRef, op: Operation): boolean {
  return ACCESS.public.other[op] || a.grants.some((g) => ACCESS[g.role][relationOf(g, d)][op]);
}
