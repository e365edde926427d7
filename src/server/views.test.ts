/**
 * The portal's views across years and entities (routes/views.ts) over the demo store without the
 * city: the two published examples and the 2026 drafts of 闵行区医疗保障局 and its units. Figures by
 * hand from the examples: 000 (闵行区医疗保障局 2025) 210 合计 244,650,650 元, 21013 234,986,660 元;
 * 三公 合计 1.00 万元 (公务接待费 1.00), 机关运行经费 184.19 万元; projects 市民社区医疗互助帮困项目
 * (年度预算21255.92万元) and 医疗救助经费项目 (2241万元). 003 (松江区医疗保险事务中心 2025): 三公 0.20
 * 万元 (公务接待费), 机关运行经费 93.47 万元; 非编人员经费 with five 测算 lines, 253.40 万元.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { DRIVERS, openTestStore, type TestStore } from '../../test/store-helpers.js';
import { answer } from '../../test/helpers.js';
import { createApp } from './app.js';
import { loadDemo } from './demo.js';
import { defaultAuthOptions } from './auth.js';

describe.each(DRIVERS)('portal views on %s', (driver) => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  const tokens = new Map<string, string>();

  const call = async (who: string, method: string, path: string, body?: unknown) => {
    const headers: Record<string, string> = {};
    if (who !== 'public') headers.authorization = `Bearer ${tokens.get(who)}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    return answer(await app.request(path, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) }));
  };

  beforeAll(async () => {
    store = await openTestStore(driver);
    const users = await loadDemo(store.db, builtinCatalogs());
    ({ app } = createApp({ db: store.db, catalogs: builtinCatalogs(), auth: defaultAuthOptions() }));
    for (const u of users) tokens.set(u.username, (await call('public', 'POST', '/api/auth/login', { username: u.username, password: u.password })).json.token);
  }, 120_000);
  afterAll(async () => store?.close());

  it('gives an entity’s 科目 by year, 类 or the children of one', async () => {
    const top = await call('public', 'GET', '/api/entities/1/subjects');
    expect(top.status).toBe(200);
    expect(top.json.years).toEqual([{ year: 2025, documentId: 1 }]);
    expect(top.json.rows.find((r: any) => r.code === '210')).toEqual({ code: '210', name: '卫生健康支出', amounts: { 2025: 24_465_065_000 } });
    const of210 = await call('public', 'GET', '/api/entities/1/subjects?parent=210');
    expect(of210.json.rows.find((r: any) => r.code === '21013').amounts).toEqual({ 2025: 23_498_666_000 });
    expect(of210.json.rows.every((r: any) => /^210\d\d$/.test(r.code))).toBe(true);
    // The 2026 draft is the preparer's, not the public's.
    const draftEntity = (await call('bureau', 'GET', '/api/documents?year=2026&scope=department')).json.items[0].entity.id;
    expect((await call('public', 'GET', `/api/entities/${draftEntity}/subjects`)).json.years).toEqual([{ year: 2025, documentId: 1 }]);
    expect((await call('bureau', 'GET', `/api/entities/${draftEntity}/subjects`)).json.years.map((y: any) => y.year)).toEqual([2025, 2026]);
    expect((await call('public', 'GET', '/api/entities/1/subjects?parent=2101')).status).toBe(400);
    expect((await call('public', 'GET', '/api/entities/9999/subjects')).status).toBe(404);
  });

  it('lists the 三公经费 of every top document of a year, with the year before', async () => {
    const r = await call('public', 'GET', '/api/three-public');
    expect(r.status).toBe(200);
    expect(r.json.year).toBe(2025);
    expect(r.json.years).toEqual([2025]);
    const zero = { abroad: 0, vehicle: 0, 'vehicle-purchase': 0, 'vehicle-operation': 0 };
    expect(r.json.rows.map((x: any) => [x.documentId, x.entityName, x.amounts, x.prior]).sort()).toEqual([
      [1, '上海市闵行区医疗保障局', { ...zero, total: 1_000_000, reception: 1_000_000, 'office-operation': 184_190_000 }, null],
      [2, '上海市松江区医疗保险事务中心', { ...zero, total: 200_000, reception: 200_000, 'office-operation': 93_470_000 }, null],
    ]);
    // The bureau sees the 2026 drafts: the department (its units inside it), compared with its 2025 document.
    const bureau = await call('bureau', 'GET', '/api/three-public?year=2026');
    expect(bureau.json.years).toEqual([2025, 2026]);
    expect(bureau.json.rows).toHaveLength(1);
    expect(bureau.json.rows[0].entityName).toBe('上海市闵行区医疗保障局');
    expect(bureau.json.rows[0].prior).toEqual({ documentId: 1, amounts: { ...zero, total: 1_000_000, reception: 1_000_000, 'office-operation': 184_190_000 } });
    expect((await call('public', 'GET', '/api/three-public?year=abc')).status).toBe(400);
  });

  it('lists the projects with their 测算 checked and 绩效目标, drafts only to those who may see them', async () => {
    const r = await call('public', 'GET', '/api/projects');
    expect(r.status).toBe(200);
    expect(r.json.years).toEqual([2025]);
    expect(r.json.items.map((p: any) => `${p.documentId}:${p.name}`)).toEqual(
      expect.arrayContaining(['1:市民社区医疗互助帮困项目', '1:医疗救助经费项目', '2:非编人员经费']),
    );
    expect(r.json.items).toHaveLength(8);
    expect(r.json).toMatchObject({ total: 8, limit: 50, offset: 0 });
    // A page of 3 from the 7th: the last two; the count and the sum are of all eight.
    const tail = await call('public', 'GET', '/api/projects?limit=3&offset=6');
    expect(tail.json.items.map((p: any) => p.name)).toEqual(r.json.items.slice(6).map((p: any) => p.name));
    expect(tail.json).toMatchObject({ total: 8, limit: 3, offset: 6, stated: r.json.stated, statedSum: r.json.statedSum });
    // 000 states two: 年度预算21255.92万元 and 2241万元.
    expect(r.json).toMatchObject({ stated: 2, statedSum: 21_255_920_000 + 2_241_000_000 });
    expect((await call('public', 'GET', '/api/projects?limit=501')).status).toBe(400);
    const staff = r.json.items.find((p: any) => p.name === '非编人员经费');
    expect(staff.estimate.lines).toHaveLength(5);
    expect(staff.estimate.lines.every((l: any) => l.status === 'ok')).toBe(true);
    expect(staff.estimate.lines[0]).toMatchObject({ label: '伙食费', computed: 7_680_000, amountText: '7.68万元' });
    expect(staff.estimate.total).toBe(253_400_000);
    expect(staff.estimate.budget).toBe('none');
    const aid = r.json.items.find((p: any) => p.name === '医疗救助经费项目');
    expect(aid.annualBudget).toBe(2_241_000_000);
    expect(aid.performance.indicators.map((i: any) => i.text)).toContain('城乡医疗救助政策知晓率≥80%');
    const words = await call('public', 'GET', `/api/projects?q=${encodeURIComponent('医疗救助')}`);
    expect(words.json.items.map((p: any) => p.name)).toEqual(['医疗救助经费项目']);
    // The drafts' projects: the bureau sees 2026, the public never.
    expect((await call('bureau', 'GET', '/api/projects?year=2026')).json.items.length).toBeGreaterThan(0);
    expect((await call('public', 'GET', '/api/projects?year=2026')).json.items).toEqual([]);
  });

  it('draws a table on screen as an XLSX with the publisher’s grid code, amounts exact', async () => {
    const grid = {
      title: '科目 210 各单位',
      unit: 'wanyuan',
      columns: ['code', 'name', 'number', 'number'],
      headerRows: 2,
      header: [
        { text: '科目编码', row: 0, col: 0, rowspan: 2, colspan: 1 },
        { text: '科目名称', row: 0, col: 1, rowspan: 2, colspan: 1 },
        { text: '金额', row: 0, col: 2, rowspan: 1, colspan: 2 },
        { text: '2025年', row: 1, col: 2, rowspan: 1, colspan: 1 },
        { text: '增减率', row: 1, col: 3, rowspan: 1, colspan: 1 },
      ],
      body: [
        { cells: [{ text: '210' }, { text: '卫生健康支出', level: 0 }, { text: '24,465.07', amount: 24_465_065_000 }, { text: '+3.25%' }] },
        { total: true, cells: [{ text: '' }, { text: '合计' }, { text: '25,780.13', amount: 25_780_127_100 }, { text: '' }] },
      ],
    };
    const res = await app.request('/api/tables/xlsx', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(grid) });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('科目 210 各单位.xlsx')}`);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.name).toBe('科目 210 各单位');
    expect(ws.getCell('A1').value).toBe('科目 210 各单位');
    expect(ws.getCell('D2').value).toBe('单位：万元');
    expect(ws.getCell('C3').value).toBe('金额');
    expect(ws.getCell('C3').isMerged && ws.getCell('D3').isMerged).toBe(true);
    expect(ws.getCell('A3').isMerged && ws.getCell('A4').isMerged).toBe(true);
    expect([ws.getCell('C4').value, ws.getCell('D4').value]).toEqual(['2025年', '增减率']);
    expect(ws.getCell('A5').value).toBe('210');
    expect(ws.getCell('C5').value).toBe(24465.065);
    expect(ws.getCell('C5').numFmt).toBe('#,##0.00');
    expect(ws.getCell('D5').value).toBe('+3.25%');
    expect(ws.getCell('C6').value).toBe(25780.1271);
    expect(ws.getCell('B6').font?.bold).toBe(true);
    expect(String(ws.getCell('A7').value)).toContain('精确数');

    const outside = await call('public', 'POST', '/api/tables/xlsx', { ...grid, header: [...grid.header, { text: '多出', row: 0, col: 4, rowspan: 1, colspan: 1 }] });
    expect(outside.status).toBe(400);
    expect(outside.json.error.message).toContain('表头“多出”超出了表的范围');
    const fractional = await call('public', 'POST', '/api/tables/xlsx', { ...grid, body: [{ cells: [{ text: '1', amount: 1.5 }] }] });
    expect(fractional.status).toBe(400);
  });
});
