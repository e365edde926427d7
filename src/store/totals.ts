/**
 * Totals by 科目 across entities and years, without counting anything twice: a department's
 * document already holds its units, so a unit counts only when its department has no document
 * of that year (that the actor may see).
 */
import type { Actor } from '../workflow/workflow.js';
import type { Queryable } from './db.js';
import { Params } from './sql.js';
import { visibleCondition } from './visibility.js';

export interface TotalsQuery {
  table: string;
  column: string;
  /** 类 or 款 whose children to total; the 类 when absent. */
  parent?: string;
  region?: string;
  years?: number[];
}

export interface TotalRow {
  code: string;
  year: number;
  amount: number;
  entities: number;
}

/** The documents that count once in a city-wide sum (a unit only when its department has none that year); also used by store/views.ts. */
export function topDocuments(actor: Actor, p: Params, q: Pick<TotalsQuery, 'region' | 'years'>): string {
  const filters = [visibleCondition(actor, p), "d.kind = 'budget'"];
  if (q.region) filters.push(`e.region = ${p.add(q.region)}`);
  if (q.years?.length) filters.push(`d.year = ANY(${p.add(q.years)}::int[])`);
  return `
    SELECT d.id, d.year, d.current_version_id AS vid, e.id AS entity_id, e.name, e.region
    FROM documents d JOIN entities e ON e.id = d.entity_id
    WHERE ${filters.join(' AND ')}
      AND (d.scope = 'department' OR e.parent_id IS NULL OR NOT EXISTS (
        SELECT 1 FROM documents pd JOIN entities pe ON pe.id = pd.entity_id
        WHERE pd.entity_id = e.parent_id AND pd.year = d.year AND pd.kind = d.kind AND ${visibleCondition(actor, p, 'pd', 'pe')}))`;
}

/** Children of `parent` (or every 类), per year: the 类→款→项 drill-down. */
export async function subjectTotals(db: Queryable, actor: Actor, q: TotalsQuery): Promise<TotalRow[]> {
  const p = new Params();
  const top = topDocuments(actor, p, q);
  const codeCond = q.parent ? `c.row_key LIKE ${p.add(q.parent + '%')} AND length(c.row_key) = ${p.add(q.parent.length + 2)}` : "length(c.row_key) = 3 AND c.row_key ~ '^[0-9]+$'";
  return db.query<TotalRow>(
    `WITH top AS (${top})
     SELECT c.row_key AS code, t.year, sum(c.amount)::bigint AS amount, count(DISTINCT t.entity_id) AS entities
     FROM top t JOIN cells c ON c.version_id = t.vid
     WHERE c.table_id = ${p.add(q.table)} AND c.column_key = ${p.add(q.column)} AND ${codeCond}
     GROUP BY c.row_key, t.year ORDER BY c.row_key, t.year`,
    p.values,
  );
}

export interface SubjectEntityRow {
  documentId: number;
  entityId: number;
  entityName: string;
  region: string;
  year: number;
  amount: number;
}

/** One 科目 in every entity and year that has it. */
export async function subjectByEntity(db: Queryable, actor: Actor, code: string, q: Omit<TotalsQuery, 'parent'>): Promise<SubjectEntityRow[]> {
  const p = new Params();
  const top = topDocuments(actor, p, q);
  return db.query<SubjectEntityRow>(
    `WITH top AS (${top})
     SELECT t.id AS "documentId", t.entity_id AS "entityId", t.name AS "entityName", t.region, t.year, c.amount
     FROM top t JOIN cells c ON c.version_id = t.vid AND c.table_id = ${p.add(q.table)} AND c.row_key = ${p.add(code)} AND c.column_key = ${p.add(q.column)}
     ORDER BY t.year DESC, c.amount DESC, t.name`,
    p.values,
  );
}
