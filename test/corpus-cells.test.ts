/**
 * Cells of real documents of other provinces, written by hand from the printed PDF (pdftotext
 * -layout, read by eye), and the tables' own identities on what was read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { readAnyDocument } from '../src/read/index.js';

const catalogs = builtinCatalogs();
const CORPUS = new URL('../../../shared/corpus/', import.meta.url).pathname;
/** 万元 with two decimals → 分. */
const wan = (s: string) => Math.round(Number(s.replace(/,/g, '')) * 100) * 10_000;

describe.skipIf(!existsSync(CORPUS + 'guangzhou-9a1eb357.pdf'))('广州市应急管理局 2026 (guangzhou-9a1eb357.pdf)', () => {
  it('表5 一般公共预算支出情况表 and 表8 “三公”经费预算表, by hand; no arithmetic or cross-table error', async () => {
    const doc = await readAnyDocument(new Uint8Array(readFileSync(CORPUS + 'guangzhou-9a1eb357.pdf')), { catalogs, requireAllTables: false });
    const gf = doc.tables.find((t) => t.id === 'general-function')!;
    const row = (key: string) => gf.rows.find((r) => r.key === key)?.cells;
    expect(gf.unit).toBe('wanyuan');
    expect(row('total')).toEqual({ total: wan('15,343.43'), basic: wan('8,948.03'), project: wan('6,395.39') });
    expect(row('208')).toEqual({ total: wan('1,179.08'), basic: wan('1,179.08'), project: 0 });
    expect(row('2080505')).toEqual({ total: wan('553.90'), basic: wan('553.90'), project: 0 });
    expect(row('22401')).toEqual({ total: wan('9,675.31'), basic: wan('3,900.62'), project: wan('5,774.69') });
    expect(row('2240599')).toEqual({ total: wan('135.63'), basic: 0, project: wan('135.63') });
    const tp = doc.tables.find((t) => t.id === 'three-public')!;
    expect(tp.rows[0]!.cells).toMatchObject({ total: wan('51.75'), abroad: 0, vehicle: wan('44.75'), 'vehicle-purchase': 0, 'vehicle-operation': wan('44.75'), reception: wan('7.00') });
    const errors = checkDocument(doc, { catalogs }).filter((f) => (f.family === 'arithmetic' || f.family === 'cross-table') && f.severity === 'error');
    expect(errors.map((f) => f.message)).toEqual([]);
  }, 60_000);
});
