import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Cell } from '../publish/opendata/cells.js';
import { compareCells, percentOf } from './compare.js';

const cell = (row: string, column: string, amount: number): Cell => ({ table: 'expenditure', row, column, amount });

describe('compareCells', () => {
  it('gives each cell both amounts, the change and its percentage', () => {
    // 003 → 000 for 210 卫生健康支出: 57,110,922.53 → 244,650,650.00 元.
    const a = [cell('210', 'total', 5_711_092_253), cell('221', 'total', 233_680_000), cell('208', 'basic', 125_860_000)];
    const b = [cell('210', 'total', 24_465_065_000), cell('221', 'total', 233_680_000), cell('21013', 'total', 23_498_666_000)];
    const r = compareCells(a, b);
    expect(r.counts).toEqual({ added: 1, removed: 1, changed: 1, same: 1 });
    expect(r.cells).toEqual([
      { table: 'expenditure', row: '210', column: 'total', a: 5_711_092_253, b: 24_465_065_000, change: 18_753_972_747, percent: 328.38, status: 'changed' },
      { table: 'expenditure', row: '208', column: 'basic', a: 125_860_000, b: null, change: -125_860_000, percent: -100, status: 'removed' },
      { table: 'expenditure', row: '21013', column: 'total', a: null, b: 23_498_666_000, change: 23_498_666_000, percent: null, status: 'added' },
    ]);
  });

  it('rounds percentages half away from zero', () => {
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(-1, 8)).toBe(-12.5);
    expect(percentOf(1, 20_000)).toBe(0.01);
    expect(percentOf(1, 200_000)).toBe(0);
    expect(percentOf(5, 0)).toBeNull();
  });

  it('changes add up: Σ b = Σ a + Σ change, for any two lists', () => {
    const cells = fc.uniqueArray(fc.record({ row: fc.constantFrom('208', '210', '221', '2101301'), column: fc.constantFrom('total', 'basic', 'project'), amount: fc.integer({ min: -1e12, max: 1e12 }) }), { selector: (c) => `${c.row}|${c.column}` });
    fc.assert(
      fc.property(cells, cells, (xs, ys) => {
        const a = xs.map((x) => cell(x.row, x.column, x.amount));
        const b = ys.map((y) => cell(y.row, y.column, y.amount));
        const r = compareCells(a, b, { includeSame: true });
        const sum = (l: Cell[]) => l.reduce((s, c) => s + c.amount, 0);
        return sum(b) === sum(a) + r.cells.reduce((s, c) => s + c.change, 0);
      }),
    );
  });
});
