/** The portal's chart routes: a document's charts and an entity's trend, drawn on the server (figures of seed 000 by hand). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { openTestStore, type TestStore } from '../../test/store-helpers.js';
import { createApp } from './app.js';
import { loadDemo } from './demo.js';

describe('chart routes', () => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  const get = async (path: string) => {
    const res = await app.request(path);
    return { status: res.status, json: (await res.json()) as any, etag: res.headers.get('etag') };
  };

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await loadDemo(store.db, builtinCatalogs());
    ({ app } = createApp({ db: store.db, catalogs: builtinCatalogs() }));
  });
  afterAll(async () => store?.close());

  it("draws a published document's charts as SVG, tagged by its version", async () => {
    const r = await get('/api/documents/1/charts');
    expect(r.status).toBe(200);
    expect(r.json.charts.map((c: any) => c.id)).toEqual(expect.arrayContaining(['income-sources', 'expenditure-function', 'expenditure-basic-project']));
    const kinds = r.json.charts.find((c: any) => c.id === 'expenditure-basic-project');
    expect(kinds.svg.startsWith('<svg')).toBe(true);
    // 000: 基本支出 17,180,052 元 = 1718.01 万元, 项目支出 240,621,219 元 = 24062.12 万元.
    expect(kinds.svg).toContain('1718.01');
    expect(kinds.svg).toContain('24062.12');
    expect(r.etag).toBe('"v1-charts"');
    const again = await app.request('/api/documents/1/charts', { headers: { 'If-None-Match': '"v1-charts"' } });
    expect(again.status).toBe(304);
  });

  it("gives an entity's years with its totals, and a trend chart", async () => {
    const r = await get('/api/entities/1/trend');
    expect(r.status).toBe(200);
    expect(r.json.years).toEqual([{ year: 2025, documentId: 1, total: 25_780_127_100, basic: 1_718_005_200, project: 24_062_121_900 }]);
    expect(r.json.chart.svg).toContain('2025年');
    expect(r.json.chart.title).toBe('上海市闵行区医疗保障局历年支出预算');
  });

  it('shows the public no draft: the 2026 drafts are not in the trend, their charts are not found', async () => {
    const drafts = await get('/api/entities/3/trend');
    expect(drafts.status).toBe(200);
    expect(drafts.json.years.map((y: any) => y.year)).not.toContain(2026);
    const list = await get('/api/documents?year=2026');
    expect(list.json.total).toBe(0);
    expect((await get('/api/documents/3/charts')).status).toBe(404);
    expect((await get('/api/entities/999/trend')).status).toBe(404);
  });
});
