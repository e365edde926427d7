/**
 * Open data a citizen can open in Excel or WPS: the cells with their table and 科目 names (UTF-8
 * with a BOM, so the Chinese is read right), the 科目 code list they refer to, and one CSV per
 * table in its printed layout. The cells.md yardstick (`budgetbook cells`, cells.ts) is unchanged.
 */
import type { BudgetDocument, BudgetTable } from '../../model/document.js';
import type { CatalogSet, Scheme } from '../../catalogs/catalog.js';
import { formatYuan, type Fen } from '../../model/money.js';
import { COLUMN_NAMES, FISCAL_INCOME_ROWS, TABLE_NAMES, columnName, isCodeTable } from '../../model/tables.js';
import { formatCsv } from '../../util/csv.js';
import { cellsOf } from './cells.js';
import { tableGrid } from '../layout/grid.js';
import { nameFiller } from '../layout/names.js';
import { extraRows, placeExtras, untitled } from '../layout/extras.js';
import { documentParts } from '../text/layout.js';
import { SUMMARY_ROW_NAMES } from './row-names.js';

const BOM = '\uFEFF';

/** The public cells CSV's columns: the cells.md keys with the names a reader needs beside them. */
export const PUBLIC_CELLS_HEADER = ['表', '表名', '行', '科目编码', '科目名称', '列', '列名', '金额（元）'] as const;

export const SUBJECTS_HEADER = ['科目编码', '科目名称', '科目体系', '级次', '上级编码', '名称出处'] as const;

const SCHEME_WORDS: Record<Scheme, string> = { function: '支出功能分类', 'economic-department': '部门预算经济分类', 'economic-government': '政府预算经济分类' };
const LEVEL_WORDS = ['类', '款', '项'];

/** Names of the non-科目 rows of the two total tables. */
const ROW_NAMES: Record<string, string> = {
  ...SUMMARY_ROW_NAMES,
  total: '合计',
  budget: '预算数',
  ...FISCAL_INCOME_ROWS,
};

interface Subject {
  code: string;
  name: string;
  scheme: Scheme;
  from: string;
}

/** Every 科目 code the cells refer to, with its name: as printed, else filled (from another table or the catalog). */
export function subjectsOf(doc: BudgetDocument, catalogs?: CatalogSet): Map<string, Subject> {
  const fill = nameFiller(doc, catalogs);
  const out = new Map<string, Subject>();
  // 科目 tables first (their names are the 科目's), then the 类 rows of the two total tables.
  const tables = [...doc.tables.filter((t) => isCodeTable(t.id)), ...doc.tables.filter((t) => !isCodeTable(t.id))];
  for (const t of tables) {
    const scheme: Scheme = t.id === 'general-basic-economic' ? 'economic-department' : 'function';
    for (const r of t.rows) {
      const code = r.code ?? /^expenditure\.(\d{3})$/.exec(r.key)?.[1];
      if (!code || out.has(code)) continue;
      const printed = r.label?.trim();
      const filled = printed || !r.code ? undefined : fill(t, r);
      out.set(code, { code, name: printed || filled?.name || '', scheme, from: printed ? '原表' : filled?.from ?? '' });
    }
  }
  return out;
}

/** The cells (as cells.md lists them) with table, 科目 and column names; UTF-8 with BOM, CRLF-free. */
export function publicCellsCsv(doc: BudgetDocument, catalogs?: CatalogSet): string {
  const subjects = subjectsOf(doc, catalogs);
  const rows = cellsOf(doc).map((c) => {
    const code = isCodeTable(c.table) && /^\d+$/.test(c.row) ? c.row : /^expenditure\.(\d{3})$/.exec(c.row)?.[1] ?? '';
    const name = code ? subjects.get(code)?.name ?? '' : ROW_NAMES[c.row] ?? '';
    const title = doc.tables.find((t) => t.id === c.table)?.title ?? TABLE_NAMES[c.table];
    const column = doc.meta.kind === 'final' ? columnName(c.table, c.column, 'final') : COLUMN_NAMES[c.column] ?? c.column;
    return [c.table, title, c.row, code, name, c.column, column, formatYuan(c.amount)];
  });
  return BOM + formatCsv([[...PUBLIC_CELLS_HEADER], ...rows]);
}

/** The code list the cells' 科目编码 refer to (a foreign key in datapackage.json). */
export function subjectsCsv(doc: BudgetDocument, catalogs?: CatalogSet): string {
  const rows = [...subjectsOf(doc, catalogs).values()].map((s) => [s.code, s.name, SCHEME_WORDS[s.scheme], LEVEL_WORDS[(s.code.length - 3) / 2] ?? '', s.code.length > 3 ? s.code.slice(0, s.code.length - 2) : '', s.from]);
  return BOM + formatCsv([[...SUBJECTS_HEADER], ...rows]);
}

/** An amount as a spreadsheet reads it: no thousands separator, the table's own precision. */
function plainAmount(fen: Fen, decimals: number | undefined): string {
  const s = formatYuan(fen);
  return decimals === 0 && fen % 100 === 0 ? s.slice(0, -3) : s;
}

/** One table in its printed layout (title, preparer and unit lines, header rows, body), amounts in 元 as printed. */
export function tableCsv(t: BudgetTable, doc: BudgetDocument, catalogs?: CatalogSet): string {
  const grid = tableGrid(t, { zeros: true, fillName: nameFiller(doc, catalogs) });
  const width = grid.columns.length;
  const header: string[][] = Array.from({ length: grid.headerRows }, () => Array<string>(width).fill(''));
  for (const h of grid.header) header[h.row]![h.col] = h.text;
  const body = grid.body.map((r) => r.cells.map((c) => (c.kind === 'number' ? (c.amount === undefined ? '' : t.unit === 'wanyuan' ? c.text : plainAmount(c.amount, t.decimals)) : c.text)));
  const lines = [[t.title], [`${doc.meta.scope === 'department' ? '编制部门' : '编制单位'}：${t.preparer ?? doc.meta.entity.name}`, `单位：${t.unit === 'wanyuan' ? '万元' : '元'}`], ...header, ...body];
  for (const n of [t.note, grid.filledNote]) if (n) lines.push([n]);
  return BOM + formatCsv(lines);
}

export interface TableCsvFile {
  name: string;
  title: string;
  text: string;
}

/** One CSV per table, standard and extra, in the order the document prints them. */
export function tableCsvFiles(doc: BudgetDocument, base: string, catalogs?: CatalogSet): TableCsvFile[] {
  const parts = documentParts(doc);
  const files: TableCsvFile[] = parts.tables.map(({ table }, i) => ({ name: `${base}.table${String(i + 1).padStart(2, '0')}-${table.id}.csv`, title: table.title, text: tableCsv(table, doc, catalogs) }));
  for (const p of placeExtras(doc.extraTables, parts)) {
    const { header, body } = extraRows(p.extra);
    files.push({ name: `${base}.extra${String(p.n).padStart(2, '0')}.csv`, title: untitled(p.extra) ? `其他表格 ${p.n}` : p.extra.title, text: BOM + formatCsv([...(untitled(p.extra) ? [] : [[p.extra.title]]), ...header, ...body]) });
  }
  return files;
}
