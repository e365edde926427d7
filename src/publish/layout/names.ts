/**
 * Names of 科目 rows the source printed without one (a table whose first page had no name
 * column): from the same code in the document's other tables, else from the catalog of its year.
 * Publishing prints them marked (“*” and a note); `check` reports the rows (catalog.missing-name).
 */
import type { CatalogSet, Scheme } from '../../catalogs/catalog.js';
import type { BudgetDocument, BudgetTable, TableRow } from '../../model/document.js';
import { isCodeTable, TABLE_NAMES } from '../../model/tables.js';

export interface FilledName {
  name: string;
  /** Where the name comes from, in words: "本文件《支出预算总表》" or "2025 年科目表". */
  from: string;
}

export type NameFill = (table: BudgetTable, row: TableRow) => FilledName | undefined;

const schemeOf = (t: Pick<BudgetTable, 'id'>): Scheme => (t.id === 'general-basic-economic' ? 'economic-department' : 'function');

export function nameFiller(doc: Pick<BudgetDocument, 'tables' | 'meta'>, catalogs?: CatalogSet): NameFill {
  const printed = new Map<string, { name: string; table: BudgetTable }>();
  for (const t of doc.tables) {
    if (!isCodeTable(t.id)) continue;
    for (const r of t.rows) {
      const key = `${schemeOf(t)}|${r.code}`;
      if (r.code && r.label?.trim() && !printed.has(key)) printed.set(key, { name: r.label.trim(), table: t });
    }
  }
  return (t, r) => {
    if (!r.code) return undefined;
    const other = printed.get(`${schemeOf(t)}|${r.code}`);
    if (other) return { name: other.name, from: `本文件《${TABLE_NAMES[other.table.id]}》` };
    const found = catalogs?.lookup(schemeOf(t), r.code, doc.meta.year);
    if (found?.status === 'known') return { name: found.entry.name, from: `${found.edition} 年科目表` };
    return undefined;
  };
}
