/**
 * Cells of real documents of other provinces, written by hand from the printed PDF (pdftotext
 * -layout, read by eye), and the tables' own identities on what was read.
 */
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { readAnyDocument } from '../src/read/index.js';
import { readXlsxDocument } from '../src/read/xlsx/import.js';
import { documentXlsx } from '../src/publish/xlsx/workbook.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';

const catalogs = builtinCatalogs();

async function read(file: string) {
  return readAnyDocument(new Uint8Array(readFileSync(CORPUS + file)), { catalogs, requireAllTables: false });
}

function identityErrors(doc: Awaited<ReturnType<typeof read>>): string[] {
  return checkDocument(doc, { catalogs })
    .filter((f) => (f.family === 'arithmetic' || f.family === 'cross-table') && f.severity === 'error')
    .map((f) => f.message);
}

function cells(doc: Awaited<ReturnType<typeof read>>, table: string, key: string): Record<string, number> | undefined {
  return doc.tables.find((t) => t.id === table)?.rows.find((r) => r.key === key)?.cells;
}
const CORPUS = new URL('../../shared/corpus/', import.meta.url).pathname;
const DOCS = new URL('../../shared/docs/', import.meta.url).pathname;
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

describe.skipIf(!existsSync(CORPUS + 'shenzhen-c9051f27.pdf'))('深圳市退役军人事务局（本级） 2026 (shenzhen-c9051f27.pdf)', () => {
  it('表7 一般公共预算支出表（按功能分类） and 表9 财政拨款“三公”经费支出表, by hand', async () => {
    const doc = await read('shenzhen-c9051f27.pdf');
    // The unit's own row is the total.
    expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('54,638.07'), basic: wan('2,368.01'), project: wan('52,270.06') });
    expect(cells(doc, 'general-function', '205')).toMatchObject({ total: wan('16.38'), basic: 0, project: wan('16.38') });
    expect(cells(doc, 'general-function', '2080905')).toMatchObject({ total: wan('48,430.28'), basic: 0, project: wan('48,430.28') });
    expect(cells(doc, 'general-function', '2101101')).toMatchObject({ total: wan('58.00'), basic: wan('58.00'), project: 0 });
    // 2026 年 row: each item's 一般公共预算 + 政府性基金 + 国有资本经营 (the latter two 0.00).
    expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('11.98'), abroad: wan('4.38'), reception: wan('5.00'), vehicle: wan('2.60'), 'vehicle-purchase': 0, 'vehicle-operation': wan('2.60') });
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'suzhou-b3bdfb65.pdf'))('苏州市应急管理局 2026 (suzhou-b3bdfb65.pdf)', () => {
  it('公开07表 一般公共预算支出表 and 公开09表 “三公”经费、会议费、培训费支出表, by hand', async () => {
    const doc = await read('suzhou-b3bdfb65.pdf');
    expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('7,062.80'), basic: wan('4,069.62'), project: wan('2,993.18') });
    expect(cells(doc, 'general-function', '2240101')).toMatchObject({ total: wan('2,523.04'), basic: wan('2,523.04') });
    expect(cells(doc, 'general-function', '2240199')).toMatchObject({ total: wan('2,465.92'), project: wan('2,465.92') });
    expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('15.00'), abroad: 0, vehicle: 0, reception: wan('15.00') });
    // 会议费 30.00 and 培训费 105.00 have no standard column: kept in a note, not lost.
    expect(doc.notes.some((n) => n.table === 'three-public' && /30\.00 105\.00/.test(n.message))).toBe(true);
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'chongqing-d344b1c3.pdf'))('重庆市气象局 2026 (chongqing-d344b1c3.pdf)', () => {
  it('表一 部门收支总体情况表 and 一般公共预算支出情况表 (numbers wrapped in narrow cells), by hand', async () => {
    const doc = await read('chongqing-d344b1c3.pdf');
    expect(cells(doc, 'summary', 'income.total')).toEqual({ amount: wan('14,770.62') });
    expect(cells(doc, 'summary', 'income.fiscal.general')).toEqual({ amount: wan('12,672.73') });
    expect(cells(doc, 'summary', 'income.fiscal.fund')).toEqual({ amount: wan('579.89') });
    expect(cells(doc, 'summary', 'income.other')).toEqual({ amount: wan('1,130.00') });
    expect(cells(doc, 'summary', 'expenditure.220')).toMatchObject({ total: wan('13,873.36') });
    expect(cells(doc, 'summary', 'expenditure.total')).toMatchObject({ total: wan('14,770.62') });
    expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('12,672.73'), basic: wan('5,445.39'), project: wan('7,227.34') });
    expect(cells(doc, 'general-function', '208')).toMatchObject({ total: wan('82.51'), basic: wan('82.51') });
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'shenzhen-5427e486.pdf'))('深圳市人民政府口岸办公室 2026 (shenzhen-5427e486.pdf)', () => {
  it('收支总表 p.15–16: 五、其他支出 / 其他支出 / 其他支出 are the 类, its 款 and its 项, so 本年支出合计 is Σ类 within 尾数', async () => {
    const doc = await read('shenzhen-5427e486.pdf');
    expect(cells(doc, 'summary', 'expenditure.229')).toEqual({ total: wan('7,647.43') });
    expect(cells(doc, 'summary', 'expenditure.22999')).toEqual({ total: wan('7,647.43') });
    expect(cells(doc, 'summary', 'expenditure.2299901')).toEqual({ total: wan('7,647.43') });
    // 46,284.00 + 654.07 + 104.86 + 1,194.32 + 7,647.43 = 55,884.68 against 55,884.67 printed: the table's note admits 尾数误差.
    expect(cells(doc, 'summary', 'expenditure.total')).toEqual({ total: wan('55,884.67') });
    expect(identityErrors(doc)).toEqual([]);
  });
});

describe.skipIf(!existsSync(CORPUS + 'shenzhen-63d734e6.pdf'))('深圳市人力资源和社会保障局 2026, by unit (shenzhen-63d734e6.pdf)', () => {
  it('表2 收入总表 p.62, 表3 支出总表 p.65, 表7 p.164 list unit by unit: the department\'s row is the 合计, every unit kept whole', async () => {
    const doc = await read('shenzhen-63d734e6.pdf');
    // 533,162.27 + 14,501.08 + 10,643.89 + 3,298.27 + 9,742.42 = 571,347.93; 一般公共预算拨款 is the whole 财政拨款.
    expect(cells(doc, 'income', 'total')).toEqual({ total: wan('571,347.93'), fiscal: wan('533,162.27'), 'special-account': wan('14,501.08'), business: wan('10,643.89'), operating: 0, superior: 0, affiliated: 0, other: wan('3,298.27'), carryover: wan('9,742.42') });
    expect(doc.tables.find((t) => t.id === 'income')!.rows).toHaveLength(1);
    expect(cells(doc, 'expenditure', 'total')).toMatchObject({ total: wan('571,347.93'), basic: wan('136,131.77'), project: wan('435,216.17') });
    expect(cells(doc, 'general-function', 'total')).toMatchObject({ total: wan('535,744.34'), basic: wan('132,061.73'), project: wan('403,682.60') });
    expect(doc.tables.map((t) => t.id).sort()).toHaveLength(9);
    // A unit's name wrapped above and below its numbers ("深圳市人力资源和社会保障" / numbers / "局（本级）") and the other units: kept.
    const income = doc.extraTables.find((x) => x.title === '收入总表')!;
    const printed = [...income.headers, ...income.rows].map((r) => r.join(' ')).join('\n');
    for (const n of ['156,491.01', '37,659.13', '4,505.94', '1,788.76']) expect(printed).toContain(n);
    // One row a unit (the department, 9 units on p.62, 8 on p.63, 4 on p.64), wrapped names joined, no repeated header.
    expect(income.rows).toHaveLength(22);
    expect(income.rows[1]).toEqual(['深圳市人力资源和社会保障局（本级）', '156,491.01', '150,129.16', '0.00', '0.00', '6,001.08', '0.00', '0.00', '0.00', '0.00', '0.00', '360.77']);
    expect(income.rows[21]![0]).toBe('深圳市社会保险基金管理局大鹏分局');
    expect(doc.notes.some((n) => n.table === 'income' && /按预算单位分列.*标准表只取部门的合计行/.test(n.message))).toBe(true);
    expect(doc.notes.filter((n) => n.kind === 'unread-table')).toEqual([]);
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'shenzhen-d3be6290.pdf'))('深圳市建筑工务署 2026, by unit (shenzhen-d3be6290.pdf)', () => {
  it('表2 收入总表 p.19 and 表3 支出总表 p.20: the department\'s 合计 row, units kept whole', async () => {
    const doc = await read('shenzhen-d3be6290.pdf');
    expect(cells(doc, 'income', 'total')).toMatchObject({ total: wan('33,934.54'), fiscal: wan('33,934.54'), carryover: 0 });
    expect(cells(doc, 'expenditure', 'total')).toMatchObject({ total: wan('33,934.54'), basic: wan('20,723.90'), project: wan('13,210.64') });
    expect(doc.tables.find((t) => t.id === 'expenditure')!.rows).toHaveLength(1);
    const spending = doc.extraTables.find((x) => x.title === '支出总表')!;
    expect(spending.rows.map((r) => r.join(' ')).join('\n')).toContain('7,440.09');
    expect(doc.notes.filter((n) => n.kind === 'unread-table')).toEqual([]);
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'shenzhen-4425c7b0.pdf'))('深圳市发展和改革委员会（本级） 2026 (shenzhen-4425c7b0.pdf)', () => {
  it('表2 收入总表 p.17: the one unit\'s name wrapped above and below its numbers is the 合计 row', async () => {
    const doc = await read('shenzhen-4425c7b0.pdf');
    const income = doc.tables.find((t) => t.id === 'income')!;
    expect(income.rows.map((r) => [r.key, r.label])).toEqual([['total', '深圳市发展和改革委员会（本级）']]);
    expect(income.rows[0]!.cells).toMatchObject({ total: wan('1,273,725.18'), fiscal: wan('1,272,354.58'), carryover: wan('1,370.60'), other: 0 });
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(DOCS + 'sh-putuo-wanli-2024-dept-budget.pdf'))('万里街道 2024 (../shared/docs/sh-putuo-wanli-2024-dept-budget.pdf)', () => {
  it('经济分类预算表 p.29: 款 printed without its leading zero ("301 2 津贴补贴") is read as 30102, said in a note', async () => {
    const doc = await readAnyDocument(new Uint8Array(readFileSync(DOCS + 'sh-putuo-wanli-2024-dept-budget.pdf')), { catalogs, requireAllTables: false });
    const yuan = (s: string) => Number(s.replace(/,/g, '')) * 100;
    expect(cells(doc, 'general-basic-economic', '301')).toEqual({ total: yuan('88,282,511'), personnel: yuan('88,282,511'), public: 0 });
    expect(cells(doc, 'general-basic-economic', '30102')).toEqual({ total: yuan('16,623,810'), personnel: yuan('16,623,810'), public: 0 });
    expect(cells(doc, 'general-basic-economic', '30107')).toEqual({ total: yuan('11,447,100'), personnel: yuan('11,447,100'), public: 0 });
    expect(cells(doc, 'general-basic-economic', '30101')).toEqual({ total: yuan('5,873,551'), personnel: yuan('5,873,551'), public: 0 });
    expect(cells(doc, 'general-basic-economic', 'total')).toEqual({ total: yuan('99,706,020'), personnel: yuan('88,537,451'), public: yuan('11,168,569') });
    expect(doc.notes.some((n) => n.table === 'general-basic-economic' && /“301 2 津贴补贴”的编码“2”按“02”读作 30102/.test(n.message))).toBe(true);
    expect(doc.notes.filter((n) => n.kind === 'unread-table')).toEqual([]);
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'guangzhou-4d95e1cc.pdf'))('广州市国资委 2026 (guangzhou-4d95e1cc.pdf)', () => {
  it('表8 split by fund p.17: the standard table takes 合计, the whole table is kept with its fund columns', async () => {
    const doc = await read('guangzhou-4d95e1cc.pdf');
    expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('74.83'), abroad: wan('28.62'), vehicle: wan('34.29'), 'vehicle-operation': wan('34.29'), reception: wan('11.92') });
    const whole = doc.extraTables.find((x) => x.title.includes('“三公”经费预算表'))!;
    const line = whole.rows.map((r) => r.join(' ')).find((r) => r.includes('行政经费'))!;
    for (const n of ['988.45', '535.87', '452.58']) expect(line).toContain(n);
  });
});

describe.skipIf(!existsSync(CORPUS + 'guangzhou-69435bae.pdf'))('a title printed on every page (guangzhou-69435bae.pdf)', () => {
  it('is still the title: the year and the entity are read, the 绩效目标表 kept', async () => {
    const doc = await read('guangzhou-69435bae.pdf');
    expect(doc.meta.year).toBe(2026);
    expect(doc.meta.entity.name).toBe('广州市生态环境局');
    // The file is its 140 pages of 项目支出绩效目标表 only, no budget table: one table, titled, not a piece per page.
    expect(doc.tables).toEqual([]);
    expect(doc.extraTables.map((x) => x.title)).toEqual(['广州市生态环境局2026年项目支出绩效目标表（含转移支付项目）']);
    expect(doc.extraTables[0]!.rows.map((r) => r.join(' ')).find((r) => r.startsWith('合计'))).toContain('37,367.86');
  });
});

describe.skipIf(!existsSync(CORPUS + 'beijing-b3d20c6f.pdf'))('a 情况说明 whose year has no 年 (beijing-b3d20c6f.pdf)', () => {
  it('"2026 部门预算情况的说明" is read as the 2026 budget of 北京市人民政府国有资产监督管理委员会', async () => {
    const doc = await read('beijing-b3d20c6f.pdf');
    expect(doc.meta.year).toBe(2026);
    expect(doc.meta.entity.name).toBe('北京市人民政府国有资产监督管理委员会');
    expect(doc.narrative.sections.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!existsSync(CORPUS + 'chongqing-e510f560.pdf'))('重庆市经济和信息化委员会 2026 (chongqing-e510f560.pdf)', () => {
  it('表二 p.8: amounts printed touching ("13,486.0218,308.57") under a header wrapped over five lines; 表八 p.26: 因公出国 (境)费 in two pieces', async () => {
    const doc = await read('chongqing-e510f560.pdf');
    expect(cells(doc, 'income', 'total')).toEqual({
      total: wan('244,895.02'),
      general: wan('192,446.79'),
      'special-account': wan('13,486.02'),
      business: wan('18,308.57'),
      operating: wan('10,248.98'),
      other: wan('10,404.66'),
    });
    expect(cells(doc, 'three-public', 'budget')).toMatchObject({ total: wan('858.78'), abroad: wan('207.50'), vehicle: wan('447.63'), 'vehicle-operation': wan('447.63'), reception: wan('203.65') });
  });
});

describe.skipIf(!existsSync(CORPUS + 'chongqing-05f59e7a.pdf'))('重庆市水利局 2026 (chongqing-05f59e7a.pdf)', () => {
  it('表四 财政拨款收支总体情况表 p.21 split by fund ("政府性基金" over "预算"), 上年结转 by fund, by hand; no identity error', async () => {
    const doc = await read('chongqing-05f59e7a.pdf');
    const fiscal = doc.tables.find((t) => t.id === 'fiscal')!;
    expect(fiscal.columns).toEqual(['amount', 'total', 'general', 'fund', 'soe']);
    expect(cells(doc, 'fiscal', 'income.current')).toEqual({ amount: wan('118,773.55') });
    expect(cells(doc, 'fiscal', 'income.general')).toEqual({ amount: wan('118,773.55') });
    expect(cells(doc, 'fiscal', 'income.carryover')).toEqual({ amount: wan('53,509.60') });
    expect(cells(doc, 'fiscal', 'income.carryover.general')).toEqual({ amount: wan('9,375.01') });
    expect(cells(doc, 'fiscal', 'income.carryover.fund')).toEqual({ amount: wan('44,134.59') });
    expect(cells(doc, 'fiscal', 'income.total')).toEqual({ amount: wan('172,283.15') });
    expect(cells(doc, 'fiscal', 'expenditure.205')).toEqual({ total: wan('23,350.99'), general: wan('23,168.99'), fund: wan('182.00') });
    // （八）其他支出 40,000.00 sits under 政府性基金预算, not under 一般公共预算.
    expect(cells(doc, 'fiscal', 'expenditure.229')).toEqual({ total: wan('40,000.00'), fund: wan('40,000.00') });
    expect(cells(doc, 'fiscal', 'expenditure.total')).toEqual({ total: wan('172,283.15'), general: wan('128,148.56'), fund: wan('44,134.59') });
    // 表一's 一般公共预算资金 128,148.56 = 本年 118,773.55 + 上年结转 9,375.01.
    expect(cells(doc, 'summary', 'income.fiscal.general')).toEqual({ amount: wan('128,148.56') });
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);

  it('published as a workbook and read back: the same cells, and 上年结转 by fund kept', async () => {
    const doc = await read('chongqing-05f59e7a.pdf');
    const back = await readXlsxDocument(await documentXlsx(doc), { fileName: 'chongqing-05f59e7a.xlsx', catalogs, requireAllTables: false });
    expect(cellsCsv(back)).toEqual(cellsCsv(doc));
    expect(cells(back, 'fiscal', 'income.carryover.general')).toEqual({ amount: wan('9,375.01') });
    expect(cells(back, 'fiscal', 'income.general')).toEqual({ amount: wan('118,773.55') });
    expect(identityErrors(back)).toEqual([]);
  }, 120_000);
});

describe.skipIf(!existsSync(CORPUS + 'chongqing-43f56135.pdf'))('重庆市规划和自然资源局 2026 (chongqing-43f56135.pdf)', () => {
  it('表五 p.19 with a 2025年预算数 column (kept in a note) and 表四 p.18 "1（一）一般公共预算资金", by hand', async () => {
    const doc = await read('chongqing-43f56135.pdf');
    expect(cells(doc, 'general-function', 'total')).toEqual({ total: wan('227,955.11'), basic: wan('113,007.22'), personnel: wan('97,954.58'), public: wan('15,052.64'), project: wan('114,947.89') });
    expect(cells(doc, 'general-function', '2080599')).toEqual({ total: wan('5,735.51'), basic: wan('5,735.51'), personnel: wan('5,672.38'), public: wan('63.13') });
    expect(cells(doc, 'general-function', '2150517')).toEqual({ total: wan('755.40'), project: wan('755.40') });
    const note = doc.notes.find((n) => n.table === 'general-function')!.message;
    expect(note).toContain('第 19 页“合计”“2025年预算数”栏中的 219,607.38');
    expect(note).toContain('“21501 资源勘探开发”“2025年预算数”栏中的 2,459.26');
    expect(cells(doc, 'fiscal', 'income.general')).toEqual({ amount: wan('223,898.88') });
    expect(cells(doc, 'fiscal', 'income.fund')).toEqual({ amount: wan('42,128.04') });
    expect(cells(doc, 'fiscal', 'income.carryover.fund')).toEqual({ amount: wan('4,081.15') });
    expect(cells(doc, 'fiscal', 'expenditure.212')).toEqual({ total: wan('45,559.19'), fund: wan('45,559.19') });
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});

describe.skipIf(!existsSync(CORPUS + 'chongqing-a63e312b.pdf'))('中共重庆市委宣传部 2026 (chongqing-a63e312b.pdf)', () => {
  it('表一 p.8: an amount printed touching the next name ("37,891.58一、一般公共服务支出"), by hand', async () => {
    const doc = await read('chongqing-a63e312b.pdf');
    expect(cells(doc, 'summary', 'income.fiscal.general')).toEqual({ amount: wan('37,891.58') });
    expect(cells(doc, 'summary', 'expenditure.201')).toEqual({ total: wan('22,022.92') });
    expect(cells(doc, 'summary', 'income.fiscal.fund')).toEqual({ amount: wan('4,066.60') });
    expect(cells(doc, 'summary', 'expenditure.205')).toEqual({ total: wan('9.30') });
    expect(doc.tables.map((t) => t.id).sort()).toEqual(['expenditure', 'fiscal', 'fund-function', 'general-basic-economic', 'general-function', 'income', 'summary', 'three-public']);
    expect(identityErrors(doc)).toEqual([]);
  }, 60_000);
});
