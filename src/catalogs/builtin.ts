/** The catalogs shipped with budgetbook (src/catalogs/data/*.csv, sources in data/SOURCES.md). */
import { BUILTIN_CATALOG_FILES } from './data/builtin.generated.js';
import { CatalogSet, parseCatalogCsv, parseChangesCsv } from './catalog.js';
import { parseCsvRecords } from '../util/csv.js';

let cached: CatalogSet | undefined;

export function builtinCatalogs(): CatalogSet {
  if (cached) return cached;
  const f = BUILTIN_CATALOG_FILES;
  cached = new CatalogSet(
    [
      ...parseCatalogCsv(f['function.csv'] ?? '', 'function', 'builtin'),
      ...parseCatalogCsv(f['economic-department.csv'] ?? '', 'economic-department', 'builtin'),
      ...parseCatalogCsv(f['economic-government.csv'] ?? '', 'economic-government', 'builtin'),
    ],
    parseChangesCsv(f['function-changes.csv'] ?? ''),
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
  return parseCsvRecords(BUILTIN_CATALOG_FILES['economic-crosswalk.csv'] ?? '').map((r) => ({
    deptCode: r.dept_code ?? '',
    govCode: r.gov_code ?? '',
    appliesTo: r.applies_to ?? 'all',
  }));
}
