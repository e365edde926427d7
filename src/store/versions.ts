/**
 * Writing one version of a document: its JSON, its cells (the cells.md export), its narrative
 * paragraphs with their search terms, and its findings. Always inside the caller's transaction.
 */
import type { BudgetDocument } from '../model/document.js';
import type { Finding } from '../check/finding.js';
import { cellsOf } from '../publish/opendata/cells.js';
import type { Queryable } from './db.js';
import { contentHash } from './hash.js';
import { searchTerms } from './search-terms.js';

export interface VersionInput {
  doc: BudgetDocument;
  findings: Finding[];
  sourceName?: string | null;
  userId?: number | null;
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

export async function insertVersion(tx: Queryable, documentId: number, version: number, input: VersionInput, hash = contentHash(input.doc)): Promise<StoredVersion> {
  const { doc, findings } = input;
  const [row] = await tx.query<{ id: number }>(
    `INSERT INTO document_versions (document_id, version, content_hash, body, source_name, errors, warnings, infos, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
    [documentId, version, hash, JSON.stringify(doc), input.sourceName ?? null, count(findings, 'error'), count(findings, 'warning'), count(findings, 'info'), input.userId ?? null],
  );
  const versionId = row!.id;
  const cells = cellsOf(doc);
  if (cells.length) {
    await tx.query(
      `INSERT INTO cells (version_id, table_id, row_key, column_key, amount)
       SELECT $1, t, r, c, a FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[]) AS x(t, r, c, a)`,
      [versionId, cells.map((c) => c.table), cells.map((c) => c.row), cells.map((c) => c.column), cells.map((c) => c.amount)],
    );
  }
  const paragraphs = doc.narrative.sections.flatMap((s, i) => s.paragraphs.map((p, j) => ({ i, j, kind: s.kind, heading: s.heading, text: p.text })));
  if (paragraphs.length) {
    await tx.query(
      `INSERT INTO narrative (version_id, section, paragraph, kind, heading, text, terms)
       SELECT $1, s, p, k, h, t, array_to_tsvector(string_to_array(w, ' '))
       FROM unnest($2::int[], $3::int[], $4::text[], $5::text[], $6::text[], $7::text[]) AS x(s, p, k, h, t, w)`,
      [
        versionId,
        paragraphs.map((p) => p.i),
        paragraphs.map((p) => p.j),
        paragraphs.map((p) => p.kind),
        paragraphs.map((p) => p.heading),
        paragraphs.map((p) => p.text),
        paragraphs.map((p) => searchTerms(`${p.heading} ${p.text}`).join(' ')),
      ],
    );
  }
  if (findings.length) {
    await tx.query(
      `INSERT INTO findings (version_id, ordinal, rule, family, severity, message, location, expected, actual, unit)
       SELECT $1, o, r, f, s, m, l::jsonb, e, a, u
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[]) AS x(o, r, f, s, m, l, e, a, u)`,
      [
        versionId,
        findings.map((_, i) => i),
        findings.map((f) => f.rule),
        findings.map((f) => f.family),
        findings.map((f) => f.severity),
        findings.map((f) => f.message),
        findings.map((f) => JSON.stringify(f.location)),
        findings.map((f) => f.expected ?? null),
        findings.map((f) => f.actual ?? null),
        findings.map((f) => f.unit ?? null),
      ],
    );
  }
  return { versionId, version, hash, cells: cells.length, errors: count(findings, 'error') };
}
