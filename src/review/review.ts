/**
 * One document reviewed as the bureau does: read, check (the one checker), each finding placed
 * on its page line (the quoted words looked up on the real page), the form filled in, the score.
 */
import type { BudgetDocument } from '../model/document.js';
import type { CatalogSet } from '../catalogs/catalog.js';
import { checkDocument } from '../check/engine.js';
import type { Finding, Severity } from '../check/finding.js';
import { SEVERITIES } from '../check/names.js';
import { buildForm, type ReviewForm } from './form.js';
import { transparencyScore, type Score } from './score.js';
import type { PageRenderer } from './render.js';
import { refinePlaces } from './place.js';

export interface Review {
  doc: BudgetDocument;
  findings: Finding[];
  form: ReviewForm;
  score: Score;
  counts: Record<Severity, number>;
}

export { refinePlaces } from './place.js';

/** `refine` places the findings on their printed lines another way (the command line: in the crop child, review/crops.ts). */
export async function reviewDocument(doc: BudgetDocument, options: { catalogs: CatalogSet; prior?: BudgetDocument; url?: string; renderer?: PageRenderer; refine?: (findings: Finding[]) => Promise<Finding[]> }): Promise<Review> {
  let findings = checkDocument(doc, { catalogs: options.catalogs, ...(options.prior ? { prior: options.prior } : {}) });
  if (options.renderer) findings = await refinePlaces(doc, findings, options.renderer);
  else if (options.refine) findings = await options.refine(findings);
  const form = buildForm(doc, findings, options.url ? { url: options.url } : {});
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length])) as Record<Severity, number>;
  return { doc, findings, form, score: transparencyScore(doc, findings), counts };
}
