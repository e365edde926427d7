/**
 * The 决算 identities on a real 决算: the tables of sh-putuo-socialwork-2024-dept-final.pdf
 * (中共上海市普陀区委社会工作部 2024 年度部门决算), typed by hand from the PDF (万元).
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import type { BudgetDocument, BudgetTable, TableRow } from '../model/document.js';
import { parseAmount } from '../model/money.js';
import { FINAL_COLUMNS, FINAL_TABLE_NAMES, type TableId } from '../model/tables.js';
import { checkDocument } from './engine.js';

const v = (s: string) => parseAmount(s, 'wanyuan')!;
const r = (key: string, cells: Record<string, string>, code = /^\d+$/.test(key)): TableRow => ({ key, ...(code ? { code: key } : {}), cells: Object.fromEntries(Object.entries(cells).map(([c, x]) => [c, v(x)])) });
const t = (id: TableId, rows: TableRow[], note?: string): BudgetTable => ({ id, title: FINAL_TABLE_NAMES[id], unit: 'wanyuan', decimals: 2, columns: [...FINAL_COLUMNS[id]], rows, ...(note ? { note } : {}) });

// 项: [code, 决算数, 基本 or 项目]
const ITEMS: [string, string, 'basic' | 'project'][] = [
  ['2013901', '51.32', 'basic'], ['2013950', '11.31', 'basic'], ['2013999', '202.24', 'project'],
  ['2080505', '6.18', 'basic'], ['2080506', '4.64', 'basic'],
  ['2101101', '2.22', 'basic'], ['2101102', '0.49', 'basic'],
  ['2210201', '17.70', 'basic'], ['2210203', '11.72', 'basic'],
];
const UPPER: [string, string, string, string][] = [
  // code, 合计, 基本, 项目
  ['201', '264.87', '62.63', '202.24'], ['20139', '264.87', '62.63', '202.24'],
  ['208', '10.82', '10.82', '0'], ['20805', '10.82', '10.82', '0'],
  ['210', '2.71', '2.71', '0'], ['21011', '2.71', '2.71', '0'],
  ['221', '29.42', '29.42', '0'], ['22102', '29.42', '29.42', '0'],
];
const functionRows = (): TableRow[] => [
  r('total', { total: '307.82', basic: '105.58', project: '202.24' }),
  ...UPPER.map(([c, a, b, p]) => r(c, { total: a, basic: b, project: p })),
  ...ITEMS.map(([c, a, k]) => r(c, { total: a, [k]: a })),
];

function socialwork(): BudgetDocument {
  const classes: [string, string][] = [['201', '264.87'], ['208', '10.82'], ['210', '2.71'], ['221', '29.42']];
  const personnel: [string, string][] = [['30101', '14.12'], ['30102', '39.72'], ['30107', '10.16'], ['30108', '6.18'], ['30109', '4.64'], ['30110', '2.71'], ['30112', '0.09'], ['30113', '17.70'], ['30199', '0.04']];
  const pub: [string, string][] = [['30201', '3.78'], ['30211', '1.15'], ['30213', '0.02'], ['30226', '0.68'], ['30227', '0.48'], ['30229', '1.48'], ['30239', '2.43'], ['30299', '0.20']];
  return {
    format: 'budgetbook/document',
    version: 1,
    meta: { title: '中共上海市普陀区委社会工作部2024年度部门决算', year: 2024, kind: 'final', scope: 'department', level: 'district', region: '上海市普陀区', entity: { name: '中共上海市普陀区委社会工作部' }, memberUnits: [] },
    tables: [
      t('summary', [
        r('income.fiscal.general', { amount: '307.82' }), r('income.fiscal.fund', {}), r('income.fiscal.soe', {}), r('income.superior', {}), r('income.business', {}), r('income.operating', {}), r('income.affiliated', {}), r('income.other', {}),
        r('income.current', { amount: '307.82' }), r('income.non-fiscal-balance', {}), r('income.carryover', {}), r('income.total', { amount: '307.82' }),
        ...classes.map(([c, a]) => r(`expenditure.${c}`, { total: a })),
        r('expenditure.current', { total: '307.82' }), r('expenditure.distribution', {}), r('expenditure.carry-forward', {}), r('expenditure.total', { total: '307.82' }),
      ]),
      t('income', [r('total', { total: '307.82', fiscal: '307.82' }), ...[...UPPER.map(([c, a]) => [c, a] as const), ...ITEMS.map(([c, a]) => [c, a] as const)].map(([c, a]) => r(c, { total: a, fiscal: a }))]),
      t('expenditure', functionRows()),
      t('fiscal', [
        r('income.general', { amount: '307.82' }), r('income.fund', {}), r('income.soe', {}), r('income.current', { amount: '307.82' }), r('income.carryover', {}), r('income.total', { amount: '307.82' }),
        ...classes.map(([c, a]) => r(`expenditure.${c}`, { total: a, general: a })),
        r('expenditure.current', { total: '307.82', general: '307.82' }), r('expenditure.carry-forward', {}), r('expenditure.total', { total: '307.82', general: '307.82' }),
      ]),
      t('general-function', functionRows()),
      t('general-basic-economic', [
        r('301', { total: '95.36', personnel: '95.36' }), ...personnel.map(([c, a]) => r(c, { total: a, personnel: a })),
        r('302', { total: '10.23', public: '10.23' }), ...pub.map(([c, a]) => r(c, { total: a, public: a })),
        r('total', { total: '105.59', personnel: '95.36', public: '10.23' }),
      ]),
      t('three-public', [r('budget', {}), r('final', {})], '说明：中共上海市普陀区委社会工作部本年度没有财政拨款“三公”经费支出，故本表无数据。'),
      t('fund-function', [r('total', {})], '说明：本年度没有政府性基金预算财政拨款收入和支出，故本表无数据。'),
      t('soe-function', [r('total', {})], '说明：本年度没有国有资本经营预算财政拨款收入和支出，故本表无数据。'),
    ],
    extraTables: [],
    narrative: { sections: [], amounts: [], counts: [], absences: [], projects: [] },
    notes: [],
  };
}

const catalogs = builtinCatalogs();
const tableFindings = (doc: BudgetDocument) => checkDocument(doc, { catalogs }).filter((f) => f.family === 'arithmetic' || f.family === 'cross-table');

describe('决算 identities on the real 社会工作部 2024 决算', () => {
  it('close: no error; the only differences are the 尾差 of 302 商品和服务支出 (10.23 printed, its 款 add to 10.22)', () => {
    const found = tableFindings(socialwork());
    expect(found.filter((f) => f.severity === 'error')).toEqual([]);
    expect(found.map((f) => `${f.rule}@${f.location.table}:${f.location.row}:${f.location.column}:${f.actual}-${f.expected}`)).toEqual([
      'arithmetic.hierarchy@general-basic-economic:302:total:102300.00-102200.00',
      'arithmetic.hierarchy@general-basic-economic:302:public:102300.00-102200.00',
      'cross-table.economic-function@general-basic-economic:total:total:1055900.00-1055800.00',
    ]);
    expect(found.every((f) => f.message.includes('尾差'))).toBe(true);
  });

  it('a changed 项 in the 一般公共预算 table breaks its row, its 款 and the cross-table totals', () => {
    const doc = socialwork();
    const gf = doc.tables.find((x) => x.id === 'general-function')!;
    gf.rows.find((x) => x.key === '2013901')!.cells = { total: v('52.32'), basic: v('51.32') };
    const rules = tableFindings(doc).map((f) => `${f.rule}@${f.location.table}:${f.location.row}:${f.location.column}`);
    expect(rules).toContain('arithmetic.row-total@general-function:2013901:total');
    expect(rules).toContain('arithmetic.hierarchy@general-function:20139:total');
  });

  it('年初 + 收入 − 支出 = 年末 in the 决算总表: a 年末结转和结余 that does not follow is an error', () => {
    const doc = socialwork();
    const s = doc.tables.find((x) => x.id === 'summary')!;
    s.rows.find((x) => x.key === 'expenditure.carry-forward')!.cells = { total: v('10.00') };
    s.rows.find((x) => x.key === 'expenditure.total')!.cells = { total: v('317.82') };
    const found = tableFindings(doc).map((f) => f.rule);
    expect(found).toContain('arithmetic.final.balance');
    expect(found).toContain('cross-table.balance');
  });
});
