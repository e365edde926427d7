/** Entities (departments and their units) and the regions and years the store holds. */
import type { Actor } from '../workflow/workflow.js';
import { StoreError, type Db, type Queryable } from './db.js';
import { appendAudit } from './audit.js';
import { Params } from './sql.js';
import { visibleCondition } from './visibility.js';

export interface EntityRecord {
  id: number;
  kind: 'department' | 'unit';
  name: string;
  code: string | null;
  region: string;
  level: string;
  parentId: number | null;
  parentName: string | null;
  units: number;
  years: number[];
}

export interface EntityFilter {
  region?: string;
  level?: string;
  kind?: 'department' | 'unit';
  parentId?: number;
  q?: string;
  limit: number;
  offset: number;
}

const SELECT = (visible: string) => `
SELECT x.id, x.kind, x.name, x.code, x.region, x.level, x.parent_id AS "parentId", pe.name AS "parentName",
  (SELECT count(*) FROM entities c WHERE c.parent_id = x.id) AS units,
  COALESCE((SELECT array_agg(DISTINCT d.year ORDER BY d.year) FROM documents d JOIN entities e ON e.id = d.entity_id
            WHERE d.entity_id = x.id AND ${visible}), '{}') AS years
FROM entities x LEFT JOIN entities pe ON pe.id = x.parent_id`;

export async function listEntities(db: Queryable, actor: Actor, f: EntityFilter): Promise<{ items: EntityRecord[]; total: number }> {
  const p = new Params();
  const visible = visibleCondition(actor, p);
  const where: string[] = [];
  if (f.region) where.push(`x.region = ${p.add(f.region)}`);
  if (f.level) where.push(`x.level = ${p.add(f.level)}`);
  if (f.kind) where.push(`x.kind = ${p.add(f.kind)}`);
  if (f.parentId) where.push(`x.parent_id = ${p.add(f.parentId)}`);
  if (f.q) where.push(`strpos(x.name, ${p.add(f.q)}) > 0`);
  const cond = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const items = await db.query<EntityRecord>(`${SELECT(visible)} ${cond} ORDER BY x.region, x.name, x.id LIMIT ${p.add(f.limit)} OFFSET ${p.add(f.offset)}`, p.values);
  return { items, total: await countEntities(db, f) };
}

async function countEntities(db: Queryable, f: EntityFilter): Promise<number> {
  const p = new Params();
  const where: string[] = [];
  if (f.region) where.push(`region = ${p.add(f.region)}`);
  if (f.level) where.push(`level = ${p.add(f.level)}`);
  if (f.kind) where.push(`kind = ${p.add(f.kind)}`);
  if (f.parentId) where.push(`parent_id = ${p.add(f.parentId)}`);
  if (f.q) where.push(`strpos(name, ${p.add(f.q)}) > 0`);
  const [row] = await db.query<{ n: number }>(`SELECT count(*) AS n FROM entities ${where.length ? `WHERE ${where.join(' AND ')}` : ''}`, p.values);
  return row!.n;
}

export async function getEntity(db: Queryable, actor: Actor, id: number): Promise<EntityRecord | undefined> {
  const p = new Params();
  const visible = visibleCondition(actor, p);
  const rows = await db.query<EntityRecord>(`${SELECT(visible)} WHERE x.id = ${p.add(id)}`, p.values);
  return rows[0];
}

export interface RegionRecord {
  region: string;
  level: string;
  entities: number;
  documents: number;
  years: number[];
}

/** Regions with what the actor may see of them: the portal's home page. */
export async function listRegions(db: Queryable, actor: Actor): Promise<RegionRecord[]> {
  const p = new Params();
  return db.query<RegionRecord>(
    `SELECT e.region, min(e.level) AS level, count(DISTINCT e.id) AS entities, count(d.id) AS documents,
       COALESCE(array_agg(DISTINCT d.year ORDER BY d.year) FILTER (WHERE d.id IS NOT NULL), '{}') AS years
     FROM entities e LEFT JOIN documents d ON d.entity_id = e.id AND ${visibleCondition(actor, p)}
     GROUP BY e.region ORDER BY e.region`,
    p.values,
  );
}

export interface NewEntity {
  kind: 'department' | 'unit';
  name: string;
  region: string;
  level: string;
  code?: string | null;
  parentId?: number | null;
}

/** A unit's parent must be a department of the same region; a department has none. */
async function checkParent(tx: Queryable, e: { kind: 'department' | 'unit'; region: string; id?: number }, parentId: number | null): Promise<void> {
  if (parentId === null) return;
  if (e.kind === 'department') throw new StoreError('bad-parent', '部门不能隶属于另一个部门', '只有单位有所属部门：请去掉 parentId，或把类别设为 unit。', 422);
  if (parentId === e.id) throw new StoreError('bad-parent', '单位不能隶属于自己', '', 422);
  const [p] = await tx.query<{ kind: string; region: string; name: string }>('SELECT kind, region, name FROM entities WHERE id = $1', [parentId]);
  if (!p) throw new StoreError('bad-parent', `没有编号为 ${parentId} 的部门`, '请检查 parentId（GET /api/entities?kind=department 可查）。', 422);
  if (p.kind !== 'department') throw new StoreError('bad-parent', `“${p.name}”是单位，不能作为所属部门`, '所属部门须是部门（kind = department）。', 422);
  if (p.region !== e.region) throw new StoreError('bad-parent', `“${p.name}”在${p.region}，不在${e.region}`, '所属部门须在同一地区。', 422);
}

/** A new department or unit (the administrator's; uploads never create one). */
export async function createEntity(db: Db, actor: Actor, e: NewEntity): Promise<number> {
  return db.transaction(async (tx) => {
    await checkParent(tx, e, e.parentId ?? null);
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO entities (kind, name, code, region, level, parent_id) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (region, name) DO NOTHING RETURNING id',
      [e.kind, e.name, e.code ?? null, e.region, e.level, e.parentId ?? null],
    );
    if (!row) throw new StoreError('entity-exists', `${e.region}已有名为“${e.name}”的单位或部门`, '名称在同一地区内须唯一。', 409);
    await appendAudit(tx, actor, { action: 'create-entity', entityId: row.id, details: { ...e } });
    return row.id;
  });
}

/** Moves an entity under another department (or none) and/or changes its kind: the administrator's only. */
export async function changeEntity(db: Db, actor: Actor, id: number, change: { kind?: 'department' | 'unit'; parentId?: number | null }): Promise<void> {
  await db.transaction(async (tx) => {
    const [e] = await tx.query<{ kind: 'department' | 'unit'; region: string; name: string; parentId: number | null }>('SELECT kind, region, name, parent_id AS "parentId" FROM entities WHERE id = $1 FOR UPDATE', [id]);
    if (!e) throw new StoreError('not-found', `没有编号为 ${id} 的单位或部门`, '', 404);
    const kind = change.kind ?? e.kind;
    const parentId = change.parentId !== undefined ? change.parentId : kind === 'department' ? null : e.parentId;
    if (kind === 'unit' && e.kind === 'department') {
      const [units] = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM entities WHERE parent_id = $1', [id]);
      if (units!.n > 0) throw new StoreError('has-units', `“${e.name}”下有 ${units!.n} 家单位，不能改为单位`, '请先把这些单位移到别的部门。', 409);
    }
    await checkParent(tx, { kind, region: e.region, id }, parentId);
    await tx.query('UPDATE entities SET kind = $2, parent_id = $3 WHERE id = $1', [id, kind, parentId]);
    await appendAudit(tx, actor, { action: 'change-entity', entityId: id, details: { from: { kind: e.kind, parentId: e.parentId }, to: { kind, parentId } } });
  });
}
