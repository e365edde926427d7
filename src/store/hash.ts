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
 * each of its fields: the hashed JSON is the same fields with the meta's written again without
 * `source` (JSON.stringify of a plain object is its fields', in order, those without JSON left out).
 */
export function documentJson(doc: BudgetDocument): { body: string; hash: string } {
  const parts: string[] = [];
  let metaAt = -1;
  for (const [key, value] of Object.entries(doc)) {
    const json = JSON.stringify(value) as string | undefined;
    if (json === undefined) continue;
    if (key === 'meta') metaAt = parts.length;
    parts.push(`${JSON.stringify(key)}:${json}`);
  }
  const body = `{${parts.join(',')}}`;
  if (metaAt < 0 || typeof (doc as { toJSON?: unknown }).toJSON === 'function') return { body: JSON.stringify(doc), hash: contentHash(doc) };
  const { source: _source, ...meta } = doc.meta;
  parts[metaAt] = `"meta":${JSON.stringify(meta)}`;
  const hash = createHash('sha256').update('{');
  parts.forEach((part, i) => hash.update(i ? `,${part}` : part));
  return { body, hash: hash.update('}').digest('hex') };
}
