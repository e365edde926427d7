import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { checkDocument } from '../check/engine.js';
import type { BudgetDocument } from '../model/document.js';
import { BUREAU_FUNCTIONS, generateCity } from './city.js';
import { STAFF_KUAN } from './generate.js';

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

  it('spends each bureau’s money on its own functions: a 医疗保障局 on 210 13/15 …, a 司法局 on 204 06, and staff costs', () => {
    const big = [...generateCity({ seed: 11, entities: 120, years: 1, firstYear: 2023 })];
    const seen = new Set<string>();
    for (const { doc, path } of big) {
      const bureau = Object.keys(BUREAU_FUNCTIONS).find((b) => doc.meta.entity.name.includes(b) || path.split('/')[2]!.endsWith(b));
      if (!bureau) continue;
      seen.add(bureau);
      const allowed = [...BUREAU_FUNCTIONS[bureau]!, ...STAFF_KUAN];
      const items = doc.tables.find((t) => t.id === 'expenditure')!.rows.map((r) => r.code).filter((c): c is string => c?.length === 7);
      expect([path, items.filter((c) => !allowed.includes(c.slice(0, 5)))]).toEqual([path, []]);
    }
    expect(seen.has('医疗保障局') && seen.has('司法局')).toBe(true);
    // Hand-checked: no 医疗保障局 line is 204 公安 or 205 教育.
    const medical = big.filter((c) => c.path.includes('医疗保障局')).flatMap((c) => c.doc.tables.find((t) => t.id === 'expenditure')!.rows.map((r) => r.code ?? ''));
    expect(medical.filter((c) => /^20[45]/.test(c))).toEqual([]);
  });

  it('numbers a department’s 类 lines 一、二、三 in its own order, not each unit’s', () => {
    for (const { doc, path } of city.filter((c) => c.doc.meta.scope === 'department')) {
      const labels = doc.tables.find((t) => t.id === 'summary')!.rows.filter((r) => /^expenditure\.\d{3}$/.test(r.key)).map((r) => r.label?.split('、')[0]);
      expect([path, labels]).toEqual([path, ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'].slice(0, labels.length)]);
    }
  });
});
