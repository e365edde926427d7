/**
 * Property: a generated document written in either text layout reads back to the same document
 * (every cell, the metadata, the narrative figures and projects), over thousands of seeds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDocument } from './generate.js';
import { writeMarkdownText } from '../publish/text/markdown.js';
import { writeFlatText } from '../publish/text/flat.js';
import { readDocument } from '../read/index.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { cellsCsv } from '../publish/opendata/cells.js';
import { budgetDocumentSchema, type BudgetDocument } from '../model/document.js';
import { documentIdentities, toleranceFen, type TableIndex } from '../model/identities.js';

const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 1500);

/** What import must give back: cells, metadata, and the narrative's figures without positions. */
function comparable(doc: BudgetDocument) {
  const { source: _source, ...meta } = doc.meta;
  return {
    cells: cellsCsv(doc),
    meta,
    notes: doc.tables.map((t) => t.note ?? ''),
    amounts: doc.narrative.amounts.map((a) => ({ subject: a.subject, itemName: a.itemName, amount: a.amount, text: a.text, change: a.change, project: a.project })),
    counts: doc.narrative.counts.map((c) => [c.subject, c.count]),
    absences: doc.narrative.absences.map((a) => a.subject),
    projects: doc.narrative.projects.map((p) => ({
      name: p.name,
      parts: p.parts,
      annualBudget: p.annualBudget,
      structure: [p.subject, p.implementer, p.basis, p.period, p.performance],
      estimate: p.estimate?.map(({ location: _location, ...line }) => line),
    })),
    sections: doc.narrative.sections.map((s) => [s.kind, s.heading, s.paragraphs.map((p) => p.text)]),
  };
}

function roundTrip(doc: BudgetDocument, write: (d: BudgetDocument) => string) {
  const text = write(doc);
  return readDocument(new TextEncoder().encode(text), { fileName: 'generated.txt', catalogs: builtinCatalogs() });
}

describe('generated documents', () => {
  it('are valid and satisfy every hard identity', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const doc = generateDocument({ seed });
        budgetDocumentSchema.parse(doc);
        const index: TableIndex = Object.fromEntries(doc.tables.map((t) => [t.id, t]));
        const value = (r: { table: string; row: string; column: string }) => doc.tables.find((t) => t.id === r.table)?.rows.find((x) => x.key === r.row)?.cells[r.column] ?? 0;
        for (const idn of documentIdentities(index)) {
          if (idn.soft) continue;
          const diff = value(idn.lhs) - idn.rhs.reduce((s, r) => s + value(r), 0);
          const slack = toleranceFen(idn, index);
          if (idn.relation === '>=') expect(diff + slack, idn.description).toBeGreaterThanOrEqual(0);
          else expect(Math.abs(diff), `${idn.description} ${JSON.stringify(idn.lhs)}`).toBeLessThanOrEqual(slack);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('read back from the markdown layout unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const doc = generateDocument({ seed });
        expect(comparable(roundTrip(doc, writeMarkdownText))).toEqual(comparable(doc));
      }),
      { numRuns: RUNS },
    );
  });

  it('read back from the flattened layout unchanged, numbers placed by the identities', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const doc = generateDocument({ seed });
        expect(comparable(roundTrip(doc, writeFlatText))).toEqual(comparable(doc));
      }),
      { numRuns: RUNS },
    );
  });
});
