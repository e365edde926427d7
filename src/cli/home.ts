/** Where the CLI keeps what a user loads (a bureau's catalogs): $BUDGETBOOK_HOME or ~/.budgetbook. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { parseCatalogCsv, SCHEMES, type Catalog, type CatalogSet, type Scheme } from '../catalogs/catalog.js';
import { catalogCsv } from '../catalogs/bureau.js';
import { homeDir } from './home-dir.js';

export { homeDir };

function catalogDir(): string {
  return join(homeDir(), 'catalogs');
}

export function saveCatalog(catalog: Catalog): string {
  mkdirSync(catalogDir(), { recursive: true });
  const path = join(catalogDir(), `${catalog.scheme}-${catalog.edition}.csv`);
  writeFileSync(path, catalogCsv(catalog));
  return path;
}

/** Built-in catalogs plus every edition the user has loaded. */
export function loadCatalogs(): CatalogSet {
  let set = builtinCatalogs();
  const dir = catalogDir();
  if (!existsSync(dir)) return set;
  for (const file of readdirSync(dir).sort()) {
    const m = /^(.+)-(\d{4})\.csv$/.exec(file);
    if (!m || !SCHEMES.includes(m[1] as Scheme)) continue;
    for (const cat of parseCatalogCsv(readFileSync(join(dir, file), 'utf8'), m[1] as Scheme, join(dir, file))) set = set.withCatalog(cat);
  }
  return set;
}
