/** Entities (departments and their units) and the regions and years the store holds. */
import type { Actor } from '../workflow/workflow.js';
import type { Queryable } from './db.js';
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
