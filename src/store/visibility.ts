/**
 * Which documents an actor may see, as a SQL condition over `d` (documents) and `e` (entities):
 * the same rule as workflow.canRead, so lists never show what a single read would refuse.
 */
import type { Actor } from '../workflow/workflow.js';
import type { Params } from './sql.js';

export function visibleCondition(actor: Actor, p: Params, d = 'd', e = 'e'): string {
  const prepared = actor.grants.filter((g) => g.role === 'preparer' && g.entityId != null).map((g) => g.entityId);
  const reviewed = actor.grants.filter((g) => g.role === 'reviewer' && g.entityId != null).map((g) => g.entityId);
  const bureau = actor.grants.filter((g) => g.role === 'bureau');
  if (bureau.some((g) => !g.region)) return 'TRUE';
  const parts = [`${d}.state = 'published'`];
  if (prepared.length) parts.push(`${d}.entity_id = ANY(${p.add(prepared)}::bigint[])`);
  if (reviewed.length) parts.push(`${d}.entity_id = ANY(${p.add(reviewed)}::bigint[]) OR ${e}.parent_id = ANY(${p.add(reviewed)}::bigint[])`);
  if (bureau.length) parts.push(`${e}.region = ANY(${p.add(bureau.map((g) => g.region))}::text[])`);
  return `(${parts.join(' OR ')})`;
}
