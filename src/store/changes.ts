/**
 * Changing a stored document: edits by its preparers (draft only) and workflow transitions.
 * Each runs in one transaction on the locked document row: the revision the client last saw
 * must still be current (else 409, and the client keeps its changes to apply again), the rules
 * of workflow.ts must allow it, and the audit log gets who, when, what, old and new value.
 */
import type { CatalogSet } from '../catalogs/catalog.js';
import type { BudgetDocument } from '../model/document.js';
import { consolidate } from '../consolidate/consolidate.js';
import { applyEdits, EditError, EditLimitError, type Change, type Edits } from '../workflow/edit.js';
import { canEdit, canRead, isPreparer, STATE_NAMES, TRANSITIONS, transitionRefusal, type Actor, type State, type Transition } from '../workflow/workflow.js';
import { StoreError, type Db, type Queryable } from './db.js';
import { appendAudit } from './audit.js';
import { documentRef, getDocumentRecord, versionBody, type DocumentRecord } from './documents.js';
import { checkWithPrior, priorDocument } from './ingest.js';
import { documentTotal, insertVersion } from './versions.js';

async function lockReadable(tx: Queryable, actor: Actor, id: number): Promise<DocumentRecord> {
  const d = await getDocumentRecord(tx, id, true);
  if (!d || !canRead(actor, documentRef(d))) throw new StoreError('not-found', `没有编号为 ${id} 的文件（或您无权查看）`, '请检查文件编号；未公开的文件只有相关单位、主管部门和财政局可以查看。', 404);
  return d;
}

function checkRevision(d: DocumentRecord, revision: number): void {
  if (d.revision !== revision) {
    throw new StoreError('stale', `文件已被他人修改（您看到的是第 ${revision} 次修订，现在是第 ${d.revision} 次），本次修改未保存`, '请重新载入文件，再把您的修改应用一次（您的修改已原样返回）。', 409, { revision: d.revision });
  }
}

export interface ChangeResult {
  document: DocumentRecord;
  changes: Change[];
}

/** A new version from edited content; the document's revision goes up by one. */
async function saveVersion(tx: Queryable, catalogs: CatalogSet, actor: Actor, d: DocumentRecord, doc: BudgetDocument, sourceName: string): Promise<number> {
  const findings = await checkWithPrior(tx, doc, catalogs);
  const stored = await insertVersion(tx, d.id, (d.version ?? 0) + 1, { doc, findings, sourceName, userId: actor.userId });
  await tx.query('UPDATE documents SET current_version_id = $2, total = $3, updated_at = now() WHERE id = $1', [d.id, stored.versionId, documentTotal(doc)]);
  return stored.version;
}

export async function editDocument(db: Db, catalogs: CatalogSet, actor: Actor, id: number, revision: number, edits: Edits): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const d = await lockReadable(tx, actor, id);
    if (!isPreparer(actor, documentRef(d))) throw new StoreError('forbidden', '只有本单位的编制人可以修改此文件', '', 403);
    if (!canEdit(actor, documentRef(d))) throw new StoreError('not-draft', `文件当前为“${STATE_NAMES[d.state]}”，只有草稿可以修改`, d.state === 'returned' ? '请先“重新编辑”（退回的文件回到草稿）。' : '', 409);
    checkRevision(d, revision);
    let edited;
    try {
      edited = applyEdits(await versionBody(tx, d.versionId!), edits);
    } catch (e) {
      if (e instanceof EditLimitError) throw new StoreError('too-many-rows', e.message, '请核对新增的行（科目）；一份预算的表不会有这么多行。', 422);
      if (e instanceof EditError) throw new StoreError('bad-edit', e.message, '请检查表、行、列的键（见 GET /api/documents/{id}/content）。', 400);
      throw e;
    }
    if (edited.changes.length === 0) return { document: d, changes: [] };
    const version = await saveVersion(tx, catalogs, actor, d, edited.doc, '在线编辑');
    const [row] = await tx.query<{ revision: number }>('UPDATE documents SET revision = revision + 1 WHERE id = $1 RETURNING revision', [id]);
    await appendAudit(tx, actor, { action: 'edit', documentId: id, entityId: d.entity.id, version, revision: row!.revision, details: { changes: edited.changes } });
    return { document: (await getDocumentRecord(tx, id))!, changes: edited.changes };
  });
}

export interface TransitionInput {
  revision: number;
  comment?: string;
}

export async function transitionDocument(db: Db, catalogs: CatalogSet, actor: Actor, id: number, action: Transition, input: TransitionInput): Promise<ChangeResult> {
  return db.transaction(async (tx) => {
    const d = await lockReadable(tx, actor, id);
    const units = d.scope === 'department' ? await unitDocuments(tx, d) : undefined;
    const refusal = transitionRefusal(actor, { ...documentRef(d), ...(units ? { units } : {}) }, action);
    if (refusal) throw new StoreError(refusal.status === 403 ? 'forbidden' : 'wrong-state', refusal.message, '', refusal.status);
    checkRevision(d, input.revision);
    const comment = input.comment?.trim() || undefined;
    if (action === 'submit' && d.errors > 0) {
      throw new StoreError('has-errors', `文件有 ${d.errors} 个校验错误，不能提交`, '请先改正校验发现的错误（GET /api/documents/{id}/findings）。', 422);
    }
    if (action === 'return' && !comment) throw new StoreError('comment-required', '退回时须写明原因', '请在 comment 中写明需要修改的地方。', 400);
    const changes: Change[] = [{ path: 'state', old: d.state, new: TRANSITIONS[action].to }];
    if (action === 'approve' && d.scope === 'department') {
      const consolidated = await consolidateUnits(tx, catalogs, actor, d);
      if (consolidated) changes.push(consolidated);
    }
    const to: State = TRANSITIONS[action].to;
    const [row] = await tx.query<{ revision: number }>(
      `UPDATE documents SET state = $2, revision = revision + 1, updated_at = now(),
         published_version_id = CASE WHEN $2 = 'published' THEN current_version_id ELSE published_version_id END,
         published_at = CASE WHEN $2 = 'published' THEN now() ELSE published_at END
       WHERE id = $1 RETURNING revision`,
      [id, to],
    );
    const after = (await getDocumentRecord(tx, id))!;
    await appendAudit(tx, actor, { action, documentId: id, entityId: d.entity.id, version: after.version, revision: row!.revision, details: { from: d.state, to, ...(comment ? { comment } : {}), changes } });
    return { document: after, changes };
  });
}

export interface UnitDocument {
  id: number;
  name: string;
  state: State;
  versionId: number;
  total: number;
}

/** A department document's units' documents of the same year and kind (what approving it sums, what submitting it waits for). */
export async function unitDocuments(db: Queryable, d: DocumentRecord): Promise<UnitDocument[]> {
  return db.query<UnitDocument>(
    `SELECT u.id, e.name, u.state, u.current_version_id AS "versionId", u.total FROM documents u JOIN entities e ON e.id = u.entity_id
     WHERE e.parent_id = $1 AND u.year = $2 AND u.kind = $3 ORDER BY e.name`,
    [d.entity.id, d.year, d.kind],
  );
}

/**
 * Approving a department: its units' documents of that year, all approved, are summed into a new
 * version of the department's document. A department with no unit documents keeps its own.
 */
async function consolidateUnits(tx: Queryable, catalogs: CatalogSet, actor: Actor, d: DocumentRecord): Promise<Change | undefined> {
  const units = await unitDocuments(tx, d);
  if (units.length === 0) return undefined;
  const pending = units.filter((u) => u.state !== 'approved' && u.state !== 'published');
  if (pending.length) {
    throw new StoreError('units-pending', `下属单位的预算尚未全部审核通过：${pending.map((u) => `${u.name}（${STATE_NAMES[u.state]}）`).join('、')}`, '请先审核通过各单位的预算，再审核部门预算（部门预算由各单位汇总而成）。', 409);
  }
  const bodies = await Promise.all(units.map((u) => versionBody(tx, u.versionId)));
  const current = await versionBody(tx, d.versionId!);
  const prior = await priorDocument(tx, current.meta);
  const functions = current.narrative.sections.find((s) => s.kind === 'functions')?.paragraphs.map((p) => p.text);
  const doc = consolidate(bodies, { name: d.entity.name, ...(d.entity.code ? { code: d.entity.code } : {}), ...(prior ? { prior } : {}), ...(functions?.length ? { functions } : {}) });
  await saveVersion(tx, catalogs, actor, d, doc, `由 ${units.length} 家单位汇总`);
  return { path: 'total', old: d.total, new: documentTotal(doc) };
}
