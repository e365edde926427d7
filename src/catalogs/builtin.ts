/** The catalogs shipped with budgetbook (src/catalogs/data/*.csv, sources in data/SOURCES.md). */
import { BUILTIN_CATALOGS_JSON, BUILTIN_CROSSWALK_CSV } from './data/builtin.generated.js';
import { CatalogSet } from './catalog.js';
import type { EmbeddedCatalogs } from './embed.js';
import { parseCsvRecords } from '../util/csv.js';

let cached: CatalogSet | undefined;

/** The CSV files as parsed when the module was generated (embed.ts), in the order they were written. */
export function builtinCatalogs(): CatalogSet {
  if (cached) return cached;
  const data = JSON.parse(BUILTIN_CATALOGS_JSON) as EmbeddedCatalogs;
  cached = new CatalogSet(
    data.catalogs.map(([scheme, edition, entries]) => ({
      scheme,
      edition,
      origin: 'builtin',
      entries: new Map(entries.map(([code, name, level, sources, note]) => [code, note === undefined ? { code, name, level, sources } : { code, name, level, sources, note }])),
    })),
    data.changes,
  );
  return cached;
}

export interface CrosswalkRow {
  deptCode: string;
  govCode: string;
  appliesTo: string;
}

/** 部门预算经济分类 款 → 政府预算经济分类 款 (the official 对照表). */
export function economicCrosswalk(): CrosswalkRow[] {
  return parseCsvRecords(BUILTIN_CROSSWALK_CSV).map((r) => ({
    deptCode: r.dept_code ?? '',
    govCode: r.gov_code ?? '',
    appliesTo: r.applies_to ?? 'all',
  }));
}
