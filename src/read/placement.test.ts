import { describe, expect, it } from 'vitest';
import type { TableIndex } from '../model/identities.js';
import { ImportError } from './errors.js';
import { PlacementSolver, candidatePlacements, type PendingRow } from './placement.js';

const expenditureColumns = ['total', 'basic', 'project'];

function pending(key: string, numbers: number[], line: number): PendingRow {
  return { table: 'expenditure', tableTitle: '支出预算总表', key, numbers, columns: expenditureColumns, line, printed: numbers.map(String) };
}

type Row = { key: string; code?: string; cells: Record<string, number> };

function tables(rows: Row[]): TableIndex {
  return { expenditure: { id: 'expenditure', columns: expenditureColumns, unit: 'yuan', rows } };
}

describe('candidatePlacements', () => {
  it('keeps the printed order of the numbers', () => {
    expect(candidatePlacements([7, 3], ['total', 'basic', 'project'])).toEqual([
      { total: 7, basic: 3 },
      { total: 7, project: 3 },
      { basic: 7, project: 3 },
    ]);
  });
});

describe('PlacementSolver', () => {
  it('places a 项 by its 款: 500 is basic because the 款 has basic 500 and project 800', () => {
    const rows: Row[] = [
      { key: '21011', code: '21011', cells: { total: 1300, basic: 500, project: 800 } },
      { key: '2101101', code: '2101101', cells: {} },
      { key: '2101103', code: '2101103', cells: {} },
      { key: 'total', cells: { total: 1300, basic: 500, project: 800 } },
    ];
    const solver = new PlacementSolver(tables(rows), [pending('2101101', [500, 500], 10), pending('2101103', [800, 800], 11)]);
    expect(solver.solve()).toEqual([
      { total: 500, basic: 500 },
      { total: 800, project: 800 },
    ]);
  });

  it('refuses to guess when two placements fit (equal 项 amounts, one basic, one project)', () => {
    const rows: Row[] = [
      { key: '21011', code: '21011', cells: { total: 1000, basic: 500, project: 500 } },
      { key: '2101101', code: '2101101', cells: {} },
      { key: '2101103', code: '2101103', cells: {} },
      { key: 'total', cells: { total: 1000, basic: 500, project: 500 } },
    ];
    const solver = new PlacementSolver(tables(rows), [pending('2101101', [500, 500], 10), pending('2101103', [500, 500], 11)]);
    const err = (() => {
      try {
        solver.solve();
      } catch (e) {
        return e as ImportError;
      }
    })();
    expect(err).toBeInstanceOf(ImportError);
    expect(err!.code).toBe('ambiguous-placement');
    expect(err!.message).toContain('第 10、11 行');
  });

  it('says which row fits no placement', () => {
    const rows: Row[] = [{ key: '2101101', code: '2101101', cells: {} }];
    expect(() => new PlacementSolver(tables(rows), [pending('2101101', [500, 400], 12)])).toThrow(/第 12 行.*合计 = 各部分之和/);
  });

  it('leaves out an identity the printed figures break whatever the placement, and says so', () => {
    // 21011 prints basic 600 / project 700; its 项 print 500 and 800: 款 = Σ项 fails in every placement.
    // The 合计 row (printed whole) still decides: basic 500 and project 800.
    const rows: Row[] = [
      { key: '21011', code: '21011', cells: { total: 1300, basic: 600, project: 700 } },
      { key: '2101101', code: '2101101', cells: {} },
      { key: '2101103', code: '2101103', cells: {} },
    ];
    const index = tables(rows);
    index['general-function'] = {
      id: 'general-function',
      columns: expenditureColumns,
      unit: 'yuan',
      rows: [
        { key: '2101101', code: '2101101', cells: { total: 500, basic: 500 } },
        { key: '2101103', code: '2101103', cells: { total: 800, project: 800 } },
      ],
    };
    const solver = new PlacementSolver(index, [pending('2101101', [500, 500], 10), pending('2101103', [800, 800], 11)]);
    expect(solver.solve()).toEqual([
      { total: 500, basic: 500 },
      { total: 800, project: 800 },
    ]);
    expect(solver.notes.some((n) => n.message.includes('款 = Σ项'))).toBe(true);
  });

  it('stops when nothing decides once the broken identity is left out', () => {
    const rows: Row[] = [
      { key: '21011', code: '21011', cells: { total: 1300, basic: 600, project: 700 } },
      { key: '2101101', code: '2101101', cells: {} },
      { key: '2101103', code: '2101103', cells: {} },
    ];
    const solver = new PlacementSolver(tables(rows), [pending('2101101', [500, 500], 10), pending('2101103', [800, 800], 11)]);
    expect(() => solver.solve()).toThrow(/第 10、11 行/);
  });
});
