/**
 * A 决算 beside its budget over the API: a generated department's budget and 决算 of one year,
 * published; the execution per 科目 recomputed here from the two documents' cells.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { generateDocument } from '../synth/generate.js';
import { generateFinal } from '../synth/final.js';
import { storeImported } from '../store/import.js';
import { SYSTEM } from '../workflow/workflow.js';
import { openTestStore, type TestStore } from '../../test/store-helpers.js';
import { answer } from '../../test/helpers.js';
import { createApp } from './app.js';
import { defaultAuthOptions } from './auth.js';

const catalogs = builtinCatalogs();
const budget = generateDocument({ seed: 21, scope: 'department', year: 2024, catalogs });
const final = generateFinal({ budget, seed: 148, catalogs });

describe('GET /api/documents/{id}/execution', () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  const ids: { budget?: number; final?: number } = {};
  const get = async (path: string) => answer(await app.request(path));

  beforeAll(async () => {
    store = await openTestStore('pglite');
    ids.budget = (await storeImported(store.db, { doc: budget, findings: [] }, { actor: SYSTEM, publish: true })).documentId;
    ids.final = (await storeImported(store.db, { doc: final, findings: [] }, { actor: SYSTEM, publish: true })).documentId;
    ({ app } = createApp({ db: store.db, catalogs, auth: defaultAuthOptions(), jsonLimit: 64 * 1024 }));
  }, 120_000);
  afterAll(async () => store?.close());

  it('puts the 决算 beside the same entity’s budget of the year, per 科目, largest deviation first', async () => {
    const r = await get(`/api/documents/${ids.final}/execution`);
    expect(r.status).toBe(200);
    expect(r.json.budget).toBe(ids.budget);
    const lines = r.json.lines as { table: string; code: string; budget: number; final: number; rate?: number }[];
    const cell = (doc: typeof budget, table: string, code: string) => doc.tables.find((t) => t.id === table)?.rows.find((x) => x.code === code)?.cells.total ?? 0;
    const gf = budget.tables.find((t) => t.id === 'general-function')!.rows.filter((x) => x.code);
    expect(lines.filter((l) => l.table === 'general-function').map((l) => l.code).sort()).toEqual(gf.map((x) => x.code!).sort());
    for (const l of lines) {
      expect(l.budget).toBe(cell(budget, l.table, l.code));
      expect(l.final).toBe(cell(final, l.table, l.code));
      if (l.budget > 0) expect(l.rate).toBe(Math.round((l.final / l.budget) * 10_000));
    }
    const deviations = lines.map((l) => Math.abs(l.final - l.budget));
    expect(deviations).toEqual([...deviations].sort((a, b) => b - a));
    expect(deviations[0]).toBeGreaterThan(0);
  });

  it('downloads as CSV with Chinese headers', async () => {
    const r = await app.request(`/api/documents/${ids.final}/execution?format=csv`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toContain('text/csv');
    const bytes = new Uint8Array(await r.arrayBuffer());
    // UTF-8 with BOM, so that Excel and WPS open it as Chinese.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split('\n')[0]).toBe('表,科目编码,科目名称,年初预算（元）,决算（元）,完成率（%）');
    expect(text).toContain('一般公共预算财政拨款支出决算表');
  });

  it('gives each table’s totals beside the budget’s, largest deviation first, and downloads them as CSV', async () => {
    const r = await get(`/api/documents/${ids.final}/execution`);
    const tables = r.json.tables as { table: string; item: string; budget: number; final: number; rate?: number }[];
    const at = (doc: typeof budget, table: string, row: string, column: string) => doc.tables.find((t) => t.id === table)!.rows.find((x) => x.key === row)!.cells[column]!;
    const line = (item: string) => tables.find((l) => l.item === item)!;
    expect(line('本年支出合计')).toMatchObject({ table: '支出决算表', budget: at(budget, 'expenditure', 'total', 'total'), final: at(final, 'expenditure', 'total', 'total') });
    expect(line('财政拨款本年支出合计')).toMatchObject({ budget: at(budget, 'fiscal', 'expenditure.total', 'total'), final: at(final, 'fiscal', 'expenditure.current', 'total') });
    expect(line('“三公”经费合计')).toMatchObject({ budget: at(budget, 'three-public', 'budget', 'total'), final: at(final, 'three-public', 'final', 'total') });
    const income = budget.tables.find((t) => t.id === 'income')!.rows.find((x) => x.key === 'total')!.cells;
    expect(line('本年收入合计').budget).toBe(income.total! - (income.carryover ?? 0));
    for (const l of tables) if (l.budget > 0) expect(l.rate).toBe(Math.round((l.final / l.budget) * 10_000));
    const deviations = tables.map((l) => Math.abs(l.final - l.budget));
    expect(deviations).toEqual([...deviations].sort((a, b) => b - a));

    const csv = await app.request(`/api/documents/${ids.final}/execution?format=csv&part=tables`);
    expect(csv.headers.get('content-disposition')).toContain(`document-${ids.final}-execution-tables.csv`);
    const rows = (await csv.text()).replace(/^\ufeff/, '').trim().split(/\r?\n/);
    expect(rows[0]).toBe('表,项目,年初预算（元）,决算（元）,完成率（%）');
    expect(rows).toHaveLength(tables.length + 1);
  });

  it('draws the 类 as SVG, 年初预算 beside 决算, largest deviation first, with words for it', async () => {
    const r = await get(`/api/documents/${ids.final}/execution/chart`);
    expect(r.status).toBe(200);
    const chart = r.json.chart as { id: string; title: string; svg: string; text: string };
    expect(chart.title).toBe('2024年年初预算与决算：功能分类各类');
    expect(chart.svg.startsWith('<svg')).toBe(true);
    const lines = ((await get(`/api/documents/${ids.final}/execution`)).json.lines as { code: string; budget: number; final: number }[]).filter((l) => l.code.length === 3 && (l.budget || l.final));
    expect(lines.length).toBeGreaterThan(1);
    // The category labels, top to bottom, are the 类 in the API's order.
    const drawn = [...chart.svg.matchAll(/>(\d{3}) [^<]*</g)].map((m) => m[1]);
    expect(drawn).toEqual(lines.map((l) => l.code));
    const wan = (fen: number) => (Math.floor(fen / 10_000 + 0.5) / 100).toFixed(2);
    expect(chart.svg).toMatch(/>完成率 \d+\.\d\d%</);
    expect(chart.text).toContain(`年初预算 ${wan(lines[0]!.budget)}，决算 ${wan(lines[0]!.final)}`);
    // Drawn once: the second answer is the same text.
    expect((await get(`/api/documents/${ids.final}/execution/chart`)).json).toEqual(r.json);
    expect((await get(`/api/documents/${ids.budget}/execution/chart`)).status).toBe(404);
  });

  it('is 404 for a budget, with the reason', async () => {
    const r = await get(`/api/documents/${ids.budget}/execution`);
    expect(r.status).toBe(404);
    expect(JSON.stringify(r.json)).toContain('不是决算');
  });
});
