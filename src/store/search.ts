/**
 * Search in Chinese: entity names (substring), narrative paragraphs (all of the query's
 * character pairs through the GIN index of search terms, then the exact text by strpos).
 * 科目 are searched in the catalogs (server side, catalogs.ts), not here.
 */
import type { Actor } from '../workflow/workflow.js';
import type { Queryable } from './db.js';
import { termsQuery } from './search-terms.js';
import { Params } from './sql.js';
import { visibleCondition } from './visibility.js';

export interface EntityHit {
  id: number;
  name: string;
  kind: 'department' | 'unit';
  region: string;
}

export interface ParagraphHit {
  documentId: number;
  entityId: number;
  entityName: string;
  year: number;
  section: number;
  paragraph: number;
  heading: string;
  snippet: string;
}

export async function searchEntities(db: Queryable, q: string, limit: number): Promise<EntityHit[]> {
  return db.query<EntityHit>('SELECT id, name, kind, region FROM entities WHERE strpos(name, $1) > 0 ORDER BY length(name), name LIMIT $2', [q, limit]);
}

/** The text around the first match: what a result list shows. */
export function snippet(text: string, q: string, around = 40): string {
  const at = text.indexOf(q);
  if (at < 0) return text.slice(0, around * 2);
  const start = Math.max(0, at - around);
  const end = Math.min(text.length, at + q.length + around);
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/** The newest year first, then by entity and place in the document, so that the same query gives the same hits whatever the plan. */
export async function searchNarrative(db: Queryable, actor: Actor, q: string, limit: number, year?: number): Promise<ParagraphHit[]> {
  const tsquery = termsQuery(q);
  if (!tsquery) return [];
  const p = new Params();
  const rows = await db.query<ParagraphHit & { text: string }>(
    `SELECT d.id AS "documentId", e.id AS "entityId", e.name AS "entityName", d.year, n.section, n.paragraph, n.heading, n.text
     FROM narrative n JOIN documents d ON d.current_version_id = n.version_id JOIN entities e ON e.id = d.entity_id
     WHERE n.terms @@ ${p.add(tsquery)}::tsquery AND strpos(n.text, ${p.add(q)}) > 0 AND ${visibleCondition(actor, p)}
       ${year ? `AND d.year = ${p.add(year)}` : ''}
     ORDER BY d.year DESC, e.name COLLATE "C", n.section, n.paragraph
     LIMIT ${p.add(limit)}`,
    p.values,
  );
  return rows.map(({ text, ...hit }) => ({ ...hit, snippet: snippet(text, q) }));
}
