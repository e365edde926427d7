import { createHash } from 'node:crypto';
import type { BudgetDocument } from '../model/document.js';

/** The content of a document, whatever file it came from: the same content is the same version. */
export function contentHash(doc: BudgetDocument): string {
  const { source: _source, ...meta } = doc.meta;
  return createHash('sha256').update(JSON.stringify({ ...doc, meta })).digest('hex');
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/**
 * A document's JSON as stored (a version's body) and its contentHash, from one JSON.stringify of
 * the whole document: the hashed JSON is the body with the meta's part written again without
 * `source` (when meta comes first, as the schema makes it; otherwise hashed as contentHash does).
 */
export function documentJson(doc: BudgetDocument): { body: string; hash: string } {
  const body = JSON.stringify(doc);
  const head = `{"meta":${JSON.stringify(doc.meta)}`;
  if (!body.startsWith(head)) return { body, hash: contentHash(doc) };
  const { source: _source, ...meta } = doc.meta;
  return { body, hash: createHash('sha256').update(`{"meta":${JSON.stringify(meta)}`).update(body.slice(head.length)).digest('hex') };
}
