/**
 * The rule engine: every rule family over one document, findings sorted by severity and family.
 * A library: the CLI, the server and the browser call `checkDocument`, never a copy of it.
 */
import type { BudgetDocument } from '../model/document.js';
import { CheckContext, type CheckOptions, type Rule } from './context.js';
import type { Finding } from './finding.js';
import { FAMILIES, SEVERITIES } from './names.js';
import { identityRules } from './identities.js';
import { catalogRules } from './catalog.js';
import { narrativeRules } from './narrative.js';
import { generatedRules } from './generated.js';
import { yearOnYearRules } from './year-on-year.js';
import { completenessRules } from './completeness.js';
import { textRules } from './text-quality.js';
import { projectRules } from './projects.js';
import { pageRules } from './pages.js';
import { wordingRules } from './wording.js';
import { statedNumberRules } from './stated-numbers.js';
import { placeFindings } from './locate.js';
import { missingNameRules } from './missing-names.js';
import { finalRules } from './final.js';
import { placeholderRules } from './placeholders.js';

export const RULES: Rule[] = [...identityRules, ...catalogRules, ...narrativeRules, ...generatedRules, ...yearOnYearRules, ...completenessRules, ...textRules, ...placeholderRules, ...projectRules, ...pageRules, ...wordingRules, ...statedNumberRules, ...missingNameRules];

/** A 决算 (meta.kind 'final') runs the same identity engine with its own identities, and its own narrative rules. */
export const FINAL_RULES: Rule[] = [...identityRules, ...catalogRules, ...finalRules, ...textRules, ...placeholderRules];

export function checkDocument(doc: BudgetDocument, options: CheckOptions): Finding[] {
  const ctx = new CheckContext(doc, options);
  const findings = (doc.meta.kind === 'final' ? FINAL_RULES : RULES).flatMap((rule) => rule.run(ctx));
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity) * 100 + FAMILIES.indexOf(f.family);
  return placeFindings(doc, findings).map((f, i) => ({ f, i })).sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}

export type { Finding } from './finding.js';
export type { CheckOptions } from './context.js';
