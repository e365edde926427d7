import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { checkDocument } from '../check/engine.js';
import type { BudgetDocument } from '../model/document.js';
import { generateCity } from './city.js';

describe('synthetic city', () => {
  const city = [...generateCity({ seed: 5, entities: 24, years: 3 })];

  it('has every entity in every year, departments after their units', () => {
    const perYear = (y: number) => city.filter((c) => c.doc.meta.year === y).length;
    expect([perYear(2023), perYear(2024), perYear(2025)]).toEqual([24, 24, 24]);
    const depts = city.filter((c) => c.doc.meta.scope === 'department');
    for (const d of depts) for (const u of d.doc.meta.memberUnits) expect(city.some((c) => c.doc.meta.entity.name === u.name && c.doc.meta.year === d.doc.meta.year)).toBe(true);
  });

  it('states each year’s changes truly against last year’s document (no error, no warning but the department 绩效 rounding)', () => {
    const catalogs = builtinCatalogs();
    const prior = new Map<string, BudgetDocument>();
    for (const { doc, path } of city) {
      const p = prior.get(doc.meta.entity.name);
      const findings = checkDocument(doc, { catalogs, ...(p ? { prior: p } : {}) }).filter((f) => f.severity === 'error' || (f.severity === 'warning' && f.rule !== 'narrative.performance-amount'));
      expect([path, findings.map((f) => f.message)]).toEqual([path, []]);
      if (p) expect(doc.narrative.amounts.some((a) => a.change && a.change.direction !== 'flat')).toBe(true);
      prior.set(doc.meta.entity.name, doc);
    }
  });
});
