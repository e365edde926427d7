/**
 * Writes src/catalogs/data/builtin.generated.ts from the catalog CSV files beside it, so that
 * the same catalogs load in Node, the server and the browser without file access.
 * Run: npx tsx scripts/embed-catalogs.ts  (a test fails when the generated file is stale)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { embeddedCatalogSource, CATALOG_FILES } from '../src/catalogs/embed.js';

const dir = new URL('../src/catalogs/data/', import.meta.url);
const files = Object.fromEntries(CATALOG_FILES.map((f) => [f, readFileSync(new URL(f, dir), 'utf8')]));
writeFileSync(new URL('builtin.generated.ts', dir), embeddedCatalogSource(files));
console.log(`已写入 src/catalogs/data/builtin.generated.ts（${CATALOG_FILES.length} 个文件）`);
