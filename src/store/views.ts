/**
 * The portal's views across years and entities, from the stored cells (amounts in 分): one
 * entity's 科目 year by year, the city's 三公经费 by department, and the documents whose
 * projects the public project list shows.
 */
import type { Actor } from '../workflow/workflow.js';
import type { Queryable } from './db.js';
import { Params } from './sql.js';
import { topDocuments } from './totals.js';
import { visibleCondition } from './visibility.js';

export interface EntitySeriesRow {
  code: string;
  year: number;
  documentId: number;
  amount: number;
}

/**
 * One entity's 科目 (the children of `parent`, or every 类) in each year it has a budget the actor
 * may see: the cells of table/column as stored.
 */
export async function entitySubjectSeries(db: Queryable, actor: Actor, entityId: number, q: { table: string; column: string; parent?: string }): Promise<EntitySeriesRow[]> {
  const p = new Params();
  const codeCond = q.parent ? `c.row_key LIKE ${p.add(q.parent + '%')} AND length(c.row_key) = ${p.add(q.parent.length + 2)}` : "length(c.row_key) = 3 AND c.row_key ~ '^[0-9]+$'";
  return db.query<EntitySeriesRow>(
    `SELECT c.row_key AS code, d.year, d.id AS "documentId", c.amount
     FROM documents d JOIN entities e ON e.id = d.entity_id JOIN cells c ON c.version_id = d.current_version_id
     WHERE d.entity_id = ${p.add(entityId)} AND d.kind = 'budget' AND ${visibleCondition(actor, p)}
       AND c.table_id = ${p.add(q.table)} AND c.column_key = ${p.add(q.column)} AND ${codeCond}
     ORDER BY c.row_key, d.year`,
    p.values,
  );
}

export interface ThreePublicRow {
  documentId: number;
  entityId: number;
  entityName: string;
  region: string;
  year: number;
  /** null: the document has no nonzero cell in its 三公 table. */
  column: string | null;
  amount: number | null;
}

/**
 * The 三公经费 table's 预算数 (row `budget`) of every top document (a department, or a unit
 * without a department document that year) in the given years: one row per stored cell, one
 * row with no column for a document whose table has none.
 */
export async function threePublicCells(db: Queryable, actor: Actor, q: { years: number[]; region?: string }): Promise<ThreePublicRow[]> {
  const p = new Params();
  const top = topDocuments(actor, p, { years: q.years, ...(q.region ? { region: q.region } : {}) });
  return db.query<ThreePublicRow>(
    `WITH top AS (${top})
     SELECT t.id AS "documentId", t.entity_id AS "entityId", t.name AS "entityName", t.region, t.year, c.column_key AS column, c.amount
     FROM top t LEFT JOIN cells c ON c.version_id = t.vid AND c.table_id = 'three-public' AND c.row_key = 'budget'
     ORDER BY t.year, t.name`,
    p.values,
  );
}

export interface ProjectDocument {
  documentId: number;
  versionId: number;
  entityId: number;
  entityName: string;
  region: string;
  year: number;
}

/** Every budget document the actor may see (optionally of one year or region), with the version to read its projects from. */
export async function projectDocuments(db: Queryable, actor: Actor, q: { year?: number; region?: string }): Promise<ProjectDocument[]> {
  const p = new Params();
  const filters = [visibleCondition(actor, p), "d.kind = 'budget'", 'd.current_version_id IS NOT NULL'];
  if (q.year) filters.push(`d.year = ${p.add(q.year)}`);
  if (q.region) filters.push(`e.region = ${p.add(q.region)}`);
  return db.query<ProjectDocument>(
    `SELECT d.id AS "documentId", d.current_version_id AS "versionId", e.id AS "entityId", e.name AS "entityName", e.region, d.year
     FROM documents d JOIN entities e ON e.id = d.entity_id
     WHERE ${filters.join(' AND ')} ORDER BY d.year DESC, e.region, e.name`,
    p.values,
  );
}

/** The entities whose documents a city-wide sum counts, year by year (topDocuments): what a year's total covers. */
export async function coverage(db: Queryable, actor: Actor, q: { region?: string }): Promise<Record<string, number[]>> {
  const p = new Params();
  const top = topDocuments(actor, p, q.region ? { region: q.region } : {});
  const rows = await db.query<{ year: number; entityId: number }>(`WITH top AS (${top}) SELECT year, entity_id AS "entityId" FROM top ORDER BY year, entity_id`, p.values);
  const out: Record<string, number[]> = {};
  for (const r of rows) (out[r.year] ??= []).push(r.entityId);
  return out;
}
