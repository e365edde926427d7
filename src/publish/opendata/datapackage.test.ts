/**
 * The datapackage.json descriptor as an open-data tool reads it: a valid Data Package (name,
 * resources with paths and schemas), and a Table Schema the cells CSV satisfies row by row
 * (types, enums, required fields, the primary key), with the fiscal model's measure in CNY and
 * its dimensions pointing at real columns.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../../catalogs/builtin.js';
import { parseCsv } from '../../util/csv.js';
import { generateDocument } from '../../synth/generate.js';
import type { BudgetDocument } from '../../model/document.js';
import { publicCellsCsv } from './public-csv.js';
import { dataPackage, packageName } from './datapackage.js';
import { exampleBytes, importBytes, SEED_000, SEED_003 } from '../../../test/helpers.js';

interface Field {
  name: string;
  type: string;
  constraints?: { required?: boolean; enum?: string[] };
}

function conforms(doc: BudgetDocument): void {
  const pkg = dataPackage(doc, { cells: 'budget.cells.csv', document: 'budget.json' }, { catalogs: builtinCatalogs(), created: '2025-01-01T00:00:00Z' }) as {
    name: string;
    resources: { name: string; path: string; schema?: { fields: Field[]; primaryKey: string[] } }[];
    model: { measures: Record<string, { source: string; currency: string }>; dimensions: Record<string, { attributes: Record<string, { source?: string; constant?: string }> }> };
    fiscalPeriod: { start: string; end: string };
  };
  expect(pkg.name).toMatch(/^[a-z0-9._-]+$/);
  expect(pkg.resources.map((r) => r.path)).toEqual(['budget.cells.csv', 'budget.json']);
  const cells = pkg.resources.find((r) => r.name === 'cells')!;
  const fields = cells.schema!.fields;
  const [header, ...rows] = parseCsv(publicCellsCsv(doc, builtinCatalogs()));
  expect(header).toEqual(fields.map((f) => f.name));
  const keys = new Set<string>();
  for (const row of rows) {
    fields.forEach((f, i) => {
      const v = row[i]!;
      if (f.constraints?.required) expect(v, f.name).not.toBe('');
      if (f.constraints?.enum) expect(f.constraints.enum, `${f.name}=${v}`).toContain(v);
      if (f.type === 'number') expect(v).toMatch(/^-?\d+\.\d{2}$/);
    });
    const key = cells.schema!.primaryKey.map((k) => row[header!.indexOf(k)]).join('|');
    expect(keys.has(key), `duplicate key ${key}`).toBe(false);
    keys.add(key);
  }
  expect(pkg.model.measures.amount).toMatchObject({ source: '金额（元）', currency: 'CNY' });
  for (const d of Object.values(pkg.model.dimensions)) for (const a of Object.values(d.attributes)) if (a.source) expect(header).toContain(a.source);
  expect(pkg.fiscalPeriod).toEqual({ start: `${doc.meta.year}-01-01`, end: `${doc.meta.year}-12-31` });
}

describe('datapackage.json', () => {
  it('describes the seeds’ cells exactly', () => {
    conforms(importBytes(exampleBytes(SEED_000), SEED_000));
    conforms(importBytes(exampleBytes(SEED_003), SEED_003));
  });

  it('describes generated documents’ cells exactly', () => {
    for (let seed = 1; seed <= 60; seed++) conforms(generateDocument({ seed, scope: seed % 2 ? 'unit' : 'department' }));
  });

  it('names the package from scope, kind, year and entity', () => {
    const doc = importBytes(exampleBytes(SEED_003), SEED_003);
    expect(packageName(doc)).toBe('unit-budget-2025-157002');
  });
});
