/**
 * Live checking in the browser: the same checker the CLI and the server run (src/check), with
 * the shipped catalogs, against last year's document as the server checks it.
 */
import { checkDocument } from '../../../src/check/engine.js';
import { builtinCatalogs } from '../../../src/catalogs/builtin.js';
import type { Finding } from '../../../src/check/finding.js';
import type { BudgetDocument } from '../../../src/model/document.js';
import { api, content, q, type DocumentRecord, type Page } from '../api.js';

export const catalogs = builtinCatalogs();

export function check(doc: BudgetDocument, prior?: BudgetDocument): Finding[] {
  return checkDocument(doc, { catalogs, ...(prior ? { prior } : {}) });
}

/** Last year's current version of the same entity's document (what the server checks against), if any. */
export async function priorOf(d: DocumentRecord): Promise<BudgetDocument | undefined> {
  const list = await api.get<Page<DocumentRecord>>(`/api/documents${q({ entity: d.entity.id, year: d.year - 1, kind: d.kind, limit: 1 })}`);
  const p = list.items[0];
  return p ? content(p.id) : undefined;
}

export { cellKey, fillSums, findingCells } from './sums.js';
