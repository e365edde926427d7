/**
 * Property: a generated document (either scope) published to XLSX reads back to itself.
 *
 * What is guaranteed, exactly (`carried` in test/xlsx-helpers.ts):
 * - cells: cellsCsv(import(publish(x))) === cellsCsv(x), character for character;
 * - tables: every table equal in id, title, unit, preparer, columns, note and every row (key, code,
 *   label, cells — an explicit 0 stays 0, a blank stays absent), in order; `decimals` equal where
 *   x states it (a workbook always prints some places, so x without it reads back with them);
 * - meta equal but for `source` (now the workbook); extra tables and import notes equal;
 * - narrative sections equal (heading, kind, every paragraph's text, line and page);
 * - the stated figures re-read from those paragraphs by the narrative reader equal the generator's
 *   own: subject, 科目 name, amount, text, change, project — as for the text layouts — and
 *   counts, absences and projects (name, parts, 年度预算);
 * - and after one round a document is a fixpoint: import(publish(y)) deep-equals y, origins and
 *   figure locations included.
 * Origins are not carried: after import they point into the workbook (sheet and cell).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDocument } from '../src/synth/generate.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import type { BudgetDocument } from '../src/model/document.js';
import { carried, roundTrip } from './xlsx-helpers.js';

const RUNS = Number(process.env.XLSX_ROUNDTRIP_RUNS ?? 300);

function figures(doc: BudgetDocument) {
  return {
    amounts: doc.narrative.amounts.map((a) => ({ subject: a.subject, itemName: a.itemName, amount: a.amount, text: a.text, change: a.change, project: a.project })),
    counts: doc.narrative.counts.map((c) => [c.subject, c.count]),
    absences: doc.narrative.absences.map((a) => a.subject),
    projects: doc.narrative.projects.map((p) => ({ name: p.name, parts: p.parts, annualBudget: p.annualBudget })),
  };
}

const withoutFigures = (c: ReturnType<typeof carried>) => ({ ...c, narrative: { sections: (c.narrative as BudgetDocument['narrative']).sections } });

const arbitrary = fc.record({ seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }), scope: fc.constantFrom('department' as const, 'unit' as const) });

describe('generated documents published to XLSX', () => {
  it(`read back unchanged (${RUNS} documents, both scopes)`, async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ seed, scope }) => {
        const doc = generateDocument({ seed, scope });
        const back = await roundTrip(doc);
        expect(cellsCsv(back)).toBe(cellsCsv(doc));
        expect(withoutFigures(carried(back, doc))).toEqual(withoutFigures(carried(doc)));
        expect(figures(back)).toEqual(figures(doc));
      }),
      { numRuns: RUNS },
    );
  }, 600_000);

  it('are a fixpoint after one round', async () => {
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ seed, scope }) => {
        const once = await roundTrip(generateDocument({ seed, scope }));
        expect(await roundTrip(once)).toEqual(once);
      }),
      { numRuns: Math.max(10, Math.round(RUNS / 10)) },
    );
  }, 600_000);
});
