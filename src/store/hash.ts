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
 * A document's JSON as stored (a version's body) and its contentHash, from one JSON.stringify: the
 * hashed JSON is the body with the meta's JSON written again without `source` (JSON.stringify of a
 * plain object is its fields', in order, those without JSON left out), hashed in three slices.
 */
export function documentJson(doc: BudgetDocument): { body: string; hash: string } {
  const body = JSON.stringify(doc);
  if (typeof (doc as { toJSON?: unknown }).toJSON === 'function') return { body, hash: contentHash(doc) };
  // Where the meta's JSON starts: after `{` and each field before it (`"key":json,`).
  let at = 1;
  for (const [key, value] of Object.entries(doc)) {
    if (key === 'meta') break;
    const json = JSON.stringify(value) as string | undefined;
    if (json !== undefined) at += JSON.stringify(key).length + json.length + 2;
  }
  const metaJson = JSON.stringify(doc.meta) as string | undefined;
  at += '"meta":'.length;
  if (metaJson === undefined || !body.startsWith(`"meta":${metaJson}`, at - '"meta":'.length)) return { body, hash: contentHash(doc) };
  const { source: _source, ...meta } = doc.meta;
  const hash = createHash('sha256').update(body.slice(0, at)).update(JSON.stringify(meta)).update(body.slice(at + metaJson.length));
  return { body, hash: hash.digest('hex') };
}
