/**
 * Property: a generated 部门决算 written as text (markdown tables in the template's layout) reads
 * back as a 决算 with the same cells; and `check --budget` on what was read, against the budget it
 * was generated from, finds no error and reports execution per 类.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDocument } from './generate.js';
import { generateFinal } from './final.js';
import { writeMarkdownText } from '../publish/text/markdown.js';
import { readDocument } from '../read/index.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { cellsCsv } from '../publish/opendata/cells.js';
import { checkDocument } from '../check/engine.js';
import { FINAL_TABLE_ORDER } from '../model/tables.js';

const RUNS = Number(process.env.ROUNDTRIP_RUNS ?? 200);
const catalogs = builtinCatalogs();

function pair(seed: number, scope: 'department' | 'unit') {
  const budget = generateDocument({ seed, scope, year: 2022 + (seed % 4), catalogs });
  return { budget, final: generateFinal({ budget, seed: seed * 7 + 1, catalogs }) };
}
const sorted = (csv: string) => csv.split('\n').sort();
const readBack = (text: string) => readDocument(new TextEncoder().encode(text), { fileName: 'final.txt', catalogs });

describe('generated 决算 as text', () => {
  it('read back to the same cells, as a 决算 with its nine tables', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom('department' as const, 'unit' as const), (seed, scope) => {
        const { final } = pair(seed, scope);
        const back = readBack(writeMarkdownText(final));
        expect(back.meta.kind).toBe('final');
        expect(back.meta.year).toBe(final.meta.year);
        expect(back.meta.entity.name).toBe(final.meta.entity.name);
        expect(back.tables.map((t) => t.id)).toEqual([...FINAL_TABLE_ORDER]);
        // The same cells (the economic table prints its two halves side by side, so its rows come back in another order).
        expect(sorted(cellsCsv(back))).toEqual(sorted(cellsCsv(final)));
      }),
      { numRuns: RUNS },
    );
  });

  it('check --budget on the read 决算: no error against its own budget; a changed 三公 预算数 is found', () => {
    const { budget, final } = pair(11, 'department');
    const back = readBack(writeMarkdownText(final));
    const findings = checkDocument(back, { catalogs, budget });
    expect(findings.filter((f) => f.severity === 'error').map((f) => `${f.rule} ${f.message}`)).toEqual([]);
    expect(findings.filter((f) => f.rule === 'final.execution').length).toBeGreaterThan(0);
    const changed = readBack(writeMarkdownText(final).replace(/(\| 预算数 \| 决算数 \|[^\n]*\n\| )([\d,.]+)/, (_m, head: string, first: string) => `${head}${(Number(first.replace(/,/g, '')) + 1).toFixed(2)}`));
    expect(checkDocument(changed, { catalogs, budget }).some((f) => f.rule === 'final.budget-three-public' && f.severity === 'error')).toBe(true);
  });
});
