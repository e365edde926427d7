/**
 * Writing one version of a document: its JSON, its cells (the cells.md export), its narrative
 * paragraphs with their search terms, and its findings. Always inside the caller's transaction.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import { cellsOf } from '../publish/opendata/cells.js';
import { formatYuanGrouped } from '../model/money.js';
import { columnName } from '../model/tables.js';
import { StoreError, type Queryable } from './db.js';
import { contentHash } from './hash.js';
import { searchTerms } from './search-terms.js';

export interface VersionInput {
  doc: BudgetDocument;
  findings: Finding[];
  sourceName?: string | null;
  userId?: number | null;
  /** The document's JSON and content hash, when made already (hash.ts documentJson). */
  json?: { body: string; hash: string };
}

export interface StoredVersion {
  versionId: number;
  version: number;
  hash: string;
  cells: number;
  errors: number;
}

const count = (findings: Finding[], severity: Finding['severity']) => findings.filter((f) => f.severity === severity).length;

/** 支出总计 of the document (分): what lists sort by and the home page ranks departments by. */
export function documentTotal(doc: BudgetDocument): number {
  const summary = doc.tables.find((t) => t.id === 'summary')?.rows.find((r) => r.key === 'expenditure.total')?.cells.total;
  const expenditure = doc.tables.find((t) => t.id === 'expenditure')?.rows.find((r) => r.key === 'total')?.cells.total;
  return summary ?? expenditure ?? 0;
}

/** One statement: the version row, then its cells, paragraphs and findings (data-modifying CTEs). */
const INSERT_VERSION = `
WITH v AS (
  INSERT INTO document_versions (document_id, version, content_hash, body, source_name, errors, warnings, infos, created_by)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
), c AS (
  INSERT INTO cells (version_id, table_id, row_key, column_key, amount)
  SELECT v.id, t, r, k, a FROM v, unnest($10::text[], $11::text[], $12::text[], $13::bigint[]) AS x(t, r, k, a)
), n AS (
  INSERT INTO narrative (version_id, section, paragraph, kind, heading, text, terms)
  SELECT v.id, s, p, kd, h, tx, array_to_tsvector(string_to_array(w, ' '))
  FROM v, unnest($14::int[], $15::int[], $16::text[], $17::text[], $18::text[], $19::text[]) AS y(s, p, kd, h, tx, w)
), f AS (
  INSERT INTO findings (version_id, ordinal, rule, family, severity, message, location, expected, actual, unit)
  SELECT v.id, o, ru, fa, se, me, lo::jsonb, ex, ac, un
  FROM v, unnest($20::int[], $21::text[], $22::text[], $23::text[], $24::text[], $25::text[], $26::text[], $27::text[], $28::text[]) AS z(o, ru, fa, se, me, lo, ex, ac, un)
)
SELECT id FROM v`;

/**
 * A cell (table, row, column) given twice — two rows of a table read with the same key — cannot be
 * stored: the document is refused with where the two figures are, never left to the primary key.
 */
export function assertUniqueCells(doc: Pick<BudgetDocument, 'tables' | 'meta'>, cells = cellsOf(doc)): void {
  const seen = new Set<string>();
  for (const c of cells) {
    const key = `${c.table}\u0000${c.row}\u0000${c.column}`;
    if (!seen.has(key)) {
      seen.add(key);
      continue;
    }
    const table = doc.tables.find((t) => t.id === c.table)!;
    const rows = table.rows.filter((r) => r.key === c.row && r.cells[c.column] !== undefined && r.cells[c.column] !== 0);
    const where = rows.map((r) => `“${r.label ?? r.code ?? r.key}” ${formatYuanGrouped(r.cells[c.column]!)} 元${r.origin?.page ? `（第 ${r.origin.page} 页）` : r.origin?.line ? `（第 ${r.origin.line} 行）` : ''}`);
    throw new StoreError(
      'duplicate-cell',
      `《${table.title}》中有 ${rows.length} 行的行键都是“${c.row}”，其“${columnName(c.table, c.column, doc.meta.kind)}”有 ${rows.length} 个金额：${where.join('；')}。同一单元格只能有一个数，文件未存入`,
      '请核对这几行是否读成了同一个科目或项目（如“上年结转结余”下再列的“一般公共预算”），改正后再导入。',
      422,
      { table: c.table, row: c.row, column: c.column },
    );
  }
}

/** A version's findings as the columns of `findings` (ordinal, rule, family, severity, message, location, expected, actual, unit), for unnest. */
export function findingColumns(findings: Finding[]): unknown[][] {
  return [
    findings.map((_, i) => i),
    findings.map((f) => f.rule),
    findings.map((f) => f.family),
    findings.map((f) => f.severity),
    findings.map((f) => f.message),
    findings.map((f) => JSON.stringify(f.location)),
    findings.map((f) => f.expected ?? null),
    findings.map((f) => f.actual ?? null),
    findings.map((f) => f.unit ?? null),
  ];
}

export async function insertVersion(tx: Queryable, documentId: number, version: number, input: VersionInput, hash = contentHash(input.doc)): Promise<StoredVersion> {
  const { doc, findings } = input;
  const cells = cellsOf(doc);
  assertUniqueCells(doc, cells);
  const paragraphs = doc.narrative.sections.flatMap((s, i) => s.paragraphs.map((p, j) => ({ i, j, kind: s.kind, heading: s.heading, text: p.text })));
  const [row] = await tx.query<{ id: number }>(
    INSERT_VERSION,
    [
      documentId,
      version,
      hash,
      input.json?.body ?? JSON.stringify(doc),
      input.sourceName ?? null,
      count(findings, 'error'),
      count(findings, 'warning'),
      count(findings, 'info'),
      input.userId ?? null,
      cells.map((c) => c.table),
      cells.map((c) => c.row),
      cells.map((c) => c.column),
      cells.map((c) => c.amount),
      paragraphs.map((p) => p.i),
      paragraphs.map((p) => p.j),
      paragraphs.map((p) => p.kind),
      paragraphs.map((p) => p.heading),
      paragraphs.map((p) => p.text),
      paragraphs.map((p) => searchTerms(`${p.heading} ${p.text}`).join(' ')),
      ...findingColumns(findings),
    ],
    'insert_version',
  );
  return { versionId: row!.id, version, hash, cells: cells.length, errors: count(findings, 'error') };
}
