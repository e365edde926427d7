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
