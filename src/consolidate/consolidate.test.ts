/**
 * Property: a department consolidated from generated units holds every unit's figures summed,
 * satisfies every identity, and its regenerated 编制说明 states what its tables say.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { generateDocument } from '../synth/generate.js';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { checkDocument } from '../check/engine.js';
import { cellsOf } from '../publish/opendata/cells.js';
import { consolidate, ConsolidationError } from './consolidate.js';
import { writeMarkdownText } from '../publish/text/markdown.js';
import { readDocument } from '../read/index.js';

const catalogs = builtinCatalogs();

function units(seed: number, n: number) {
  return Array.from({ length: n }, (_, i) => generateDocument({ seed: seed * 7 + i, scope: 'unit', year: 2025, region: '上海市闵行区', entityName: `上海市闵行区测试单位${i + 1}` }));
}

describe('consolidation', () => {
  it('sums every cell of every unit, and the result checks clean', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 2, max: 4 }), (seed, n) => {
        const parts = units(seed, n);
        const dept = consolidate(parts, { name: '上海市闵行区测试局', functions: ['负责本区有关工作。'] });
        const sum = new Map<string, number>();
        for (const u of parts) for (const c of cellsOf(u)) sum.set(`${c.table}|${c.row}|${c.column}`, (sum.get(`${c.table}|${c.row}|${c.column}`) ?? 0) + c.amount);
        const got = new Map(cellsOf(dept).map((c) => [`${c.table}|${c.row}|${c.column}`, c.amount]));
        expect(Object.fromEntries(got)).toEqual(Object.fromEntries([...sum].filter(([, v]) => v !== 0)));
        expect(dept.meta.memberUnits.map((m) => m.name)).toEqual(parts.map((u) => u.meta.entity.name));
        const bad = checkDocument(dept, { catalogs }).filter((f) => f.severity === 'error');
        expect(bad.map((f) => f.message)).toEqual([]);
        const back = readDocument(new TextEncoder().encode(writeMarkdownText(dept)), { catalogs });
        expect(cellsOf(back)).toEqual(cellsOf(dept));
      }),
      { numRuns: 150 },
    );
  });

  it('refuses units of different years', () => {
    const a = generateDocument({ seed: 1, scope: 'unit', year: 2025 });
    const b = generateDocument({ seed: 2, scope: 'unit', year: 2024 });
    expect(() => consolidate([a, b], { name: 'X局' })).toThrow(ConsolidationError);
  });
});
