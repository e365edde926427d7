/**
 * The transparency score of one document, 0–100, from its findings (README “审核”):
 * completeness 40 (of the nine tables and nine required parts, the share present),
 * identities 25 (−5 per table or cross-table error), narrative agreeing with the tables 20
 * (−4 per error, −1 per warning of the narrative and year-on-year rules), text and page
 * quality 15 (−3 per error, −1 per warning). Each part floors at 0; the sum is rounded.
 */
import { TABLE_IDS } from '../model/tables.js';
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';

export interface Score {
  total: number;
  completeness: number;
  identities: number;
  narrative: number;
  text: number;
}

const REQUIRED_PARTS = 9;

export function transparencyScore(doc: BudgetDocument, findings: Finding[]): Score {
  const tables = new Set(doc.tables.map((t) => t.id)).size;
  const missingParts = findings.filter((f) => f.rule === 'completeness.section').length;
  const completeness = (40 * (Math.min(tables, TABLE_IDS.length) + Math.max(0, REQUIRED_PARTS - missingParts))) / (TABLE_IDS.length + REQUIRED_PARTS);
  const count = (families: string[], severity: Finding['severity']) => findings.filter((f) => families.includes(f.family) && f.severity === severity).length;
  const identities = Math.max(0, 25 - 5 * count(['arithmetic', 'cross-table'], 'error'));
  const narrative = Math.max(0, 20 - 4 * count(['narrative', 'year-on-year'], 'error') - count(['narrative', 'year-on-year'], 'warning'));
  const text = Math.max(0, 15 - 3 * count(['text', 'page'], 'error') - count(['text', 'page'], 'warning'));
  const r = (n: number) => Math.round(n * 10) / 10;
  return { total: Math.round(completeness + identities + narrative + text), completeness: r(completeness), identities, narrative, text };
}
