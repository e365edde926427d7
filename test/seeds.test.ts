/**
 * The two seed documents, against expected values written by hand from the documents:
 * every table cell (fixtures/expected/*.cells.csv, transcribed independently of the importer),
 * the metadata and the figures the narrative states.
 */
import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_003, exampleBytes, fixture, importBytes } from './helpers.js';
import { cellsCsv } from '../src/publish/opendata/cells.js';
import { budgetDocumentSchema, type BudgetDocument, type StatedAmount } from '../src/model/document.js';

const doc000 = importBytes(exampleBytes(SEED_000), SEED_000);
const doc003 = importBytes(exampleBytes(SEED_003), SEED_003);

function stated(doc: BudgetDocument, subject: string, itemName?: string): StatedAmount[] {
  return doc.narrative.amounts.filter((a) => a.subject === subject && (itemName === undefined || a.itemName === itemName));
}
const wan = (text: string) => Math.round(Number(text) * 1_000_000);

describe('seed 000 (闵行区医疗保障局, department, markdown tables)', () => {
  it('reproduces every table cell', () => {
    expect(cellsCsv(doc000)).toBe(fixture('expected/000.cells.csv'));
  });

  it('is a valid document by the schema', () => {
    expect(() => budgetDocumentSchema.parse(doc000)).not.toThrow();
    expect(() => budgetDocumentSchema.parse(doc003)).not.toThrow();
  });

  it('reads the metadata', () => {
    expect(doc000.meta).toMatchObject({
      title: '闵行区2025年区级部门预算',
      year: 2025,
      kind: 'budget',
      scope: 'department',
      level: 'district',
      region: '上海市闵行区',
      entity: { name: '上海市闵行区医疗保障局' },
      memberUnits: [{ name: '上海市闵行区医疗保障局本级' }, { name: '上海市闵行区医疗保险事务中心' }],
      memberCounts: { administrative: 1, institution: 1 },
    });
    expect(doc000.tables.map((t) => t.unit)).toEqual(['yuan', 'yuan', 'yuan', 'yuan', 'yuan', 'yuan', 'yuan', 'yuan', 'wanyuan']);
    expect(doc000.tables.find((t) => t.id === 'fund-function')!.note).toBe('注：本部门2025年无政府性基金预算安排的支出，故本表无数据。');
  });

  it('reads the totals and their change on last year', () => {
    expect(stated(doc000, 'income.total')[0]).toMatchObject({ amount: wan('25780.13'), text: '25780.13万元' });
    expect(stated(doc000, 'income.fiscal')[0]).toMatchObject({ amount: wan('25780.13'), change: { word: '增加', direction: 'increase', amount: wan('7889.43'), basis: '2024年预算' } });
    expect(stated(doc000, 'income.business')[0]!.amount).toBe(0);
    expect(stated(doc000, 'expenditure.fiscal.general')[0]).toMatchObject({ amount: wan('25780.13'), change: { word: '增加', amount: wan('7889.43') } });
    expect(stated(doc000, 'expenditure.fiscal.fund')[0]).toMatchObject({ amount: 0, change: { word: '持平', direction: 'flat' } });
    expect(stated(doc000, 'expenditure.fiscal.soe')[0]).toMatchObject({ amount: 0, change: { word: '持平' } });
  });

  it('reads all fifteen 科目 explanations', () => {
    const items = stated(doc000, 'item').map((a) => [a.itemName, a.text]);
    expect(items).toEqual([
      ['社会保险经办机构', '833.12万元'],
      ['行政单位离退休', '22.36万元'],
      ['机关事业单位基本养老保险缴费支出', '106.23万元'],
      ['机关事业单位职业年金缴费支出', '53.11万元'],
      ['行政单位医疗', '73.65万元'],
      ['公务员医疗补助', '44.05万元'],
      ['城乡医疗救助', '2242.75万元'],
      ['其他医疗救助支出', '21255.92万元'],
      ['行政运行', '291.94万元'],
      ['一般行政管理事务', '13.70万元'],
      ['信息化建设', '38.77万元'],
      ['医疗保障政策管理', '40万元'],
      ['医疗保障经办事务', '464.29万元'],
      ['住房公积金', '131.28万元'],
      ['购房补贴', '168.96万元'],
    ]);
    const first = stated(doc000, 'item')[0]!;
    expect(first.location.section).toBe('2025年部门预算编制说明');
    expect(first.location.sentence).toContain('“社会保险经办机构”科目833.12万元');
  });

  it('reads 三公, 机关运行经费, 政府采购, 绩效目标 and 国有资产', () => {
    expect(stated(doc000, 'three-public.total')[0]).toMatchObject({ amount: wan('1'), change: { word: '持平' } });
    expect(stated(doc000, 'three-public.reception')[0]).toMatchObject({ amount: wan('1'), change: { word: '持平' } });
    expect(stated(doc000, 'three-public.abroad')[0]!.amount).toBe(0);
    expect(stated(doc000, 'office-operation')[0]!.amount).toBe(wan('184.19'));
    expect(['procurement.total', 'procurement.goods', 'procurement.works', 'procurement.services', 'procurement.sme', 'procurement.small-micro'].map((s) => stated(doc000, s)[0]!.text)).toEqual([
      '30.00万元',
      '0万元',
      '0万元',
      '30万元',
      '30万元',
      '0万元',
    ]);
    expect(stated(doc000, 'performance.amount')[0]!.amount).toBe(wan('24062.12'));
    expect(doc000.narrative.counts.find((c) => c.subject === 'performance.projects')!.count).toBe(21);
    expect(doc000.narrative.counts.find((c) => c.subject === 'assets.vehicles')!.count).toBe(0);
    expect(doc000.narrative.counts.find((c) => c.subject === 'assets.purchase.equipment')!.count).toBe(0);
  });

  it('reads both project sections with their seven headings and 年度预算', () => {
    expect(doc000.narrative.projects.map((p) => [p.name, p.parts.map((x) => x.heading).join('/'), p.annualBudgetText])).toEqual([
      ['市民社区医疗互助帮困项目', '项目概述/立项依据/实施主体/实施方案/实施周期/年度预算安排/绩效目标', '21255.92万元'],
      ['医疗救助经费项目', '项目概述/立项依据/实施主体/实施方案/实施周期/年度预算安排/绩效目标', '2241万元'],
    ]);
    expect(doc000.narrative.projects[1]!.parts[4]!.text).toBe('2025年1月1日-2025年12月31日');
  });

  it('keeps the narrative parts in order', () => {
    expect(doc000.narrative.sections.map((s) => s.kind)).toEqual([
      'cover',
      'contents',
      'functions',
      'organization',
      'glossary',
      'budget-explanation',
      'other-info',
      'three-public',
      'office-operation',
      'procurement',
      'performance',
      'assets',
      'projects',
      'projects',
    ]);
  });
});

describe('seed 003 (松江区医疗保险事务中心, unit, flattened PDF text)', () => {
  it('reproduces every table cell, placing numbers whose blank cells vanished', () => {
    expect(cellsCsv(doc003)).toBe(fixture('expected/003.cells.csv'));
  });

  it('says where it had to interpret: 0.20 placed as 公务接待费 by the economic table', () => {
    const note = doc003.notes.find((n) => n.table === 'three-public' && n.row === 'budget');
    expect(note?.message).toContain('30217');
    expect(note?.message).toContain('公务接待费=2000.00');
  });

  it('reads the metadata', () => {
    expect(doc003.meta).toMatchObject({
      title: '上海市松江区2025年区级单位预算',
      year: 2025,
      scope: 'unit',
      level: 'district',
      region: '上海市松江区',
      entity: { name: '上海市松江区医疗保险事务中心', code: '157002' },
      memberUnits: [],
    });
    expect(doc003.meta.source?.layout).toBe('flat');
  });

  it('reads the stated totals, joining sentences the PDF broke across lines', () => {
    expect(stated(doc003, 'income.fiscal')[0]).toMatchObject({ amount: wan('6067.63'), change: { word: '减少', amount: wan('1842.35'), basis: '2024年预算' } });
    expect(stated(doc003, 'income.other')[0]).toMatchObject({ amount: wan('3'), change: { word: '减少', amount: wan('14.05') } });
    expect(stated(doc003, 'expenditure.total')[0]).toMatchObject({ amount: wan('6070.63'), change: { word: '减少', amount: wan('1841.35') } });
    expect(stated(doc003, 'expenditure.fiscal.general')[0]).toMatchObject({ amount: wan('6070.63'), change: { word: '减少', amount: wan('1853.7') } });
    expect(stated(doc003, 'expenditure.fiscal.fund')[0]).toMatchObject({ amount: 0, change: { word: '增加', amount: 0 } });
  });

  it('reads the sentence under the 收支总表 with its percentages and template residue', () => {
    const notes = doc003.narrative.sections.filter((s) => s.kind === 'table-note');
    expect(notes).toHaveLength(1);
    const [inc, exp] = [stated(doc003, 'income.total')[1]!, stated(doc003, 'expenditure.total')[1]!];
    expect(inc.change).toMatchObject({ word: '减少', amount: wan('1853.7'), percent: 23, basis: '上年' });
    expect(exp.change).toMatchObject({ word: '减少', amount: wan('1853.7'), percent: 23, percentWord: '增加/减少' });
  });

  it('reads twelve 科目 explanations, one without the word 科目', () => {
    const items = stated(doc003, 'item');
    expect(items).toHaveLength(12);
    expect(items[7]).toMatchObject({ itemName: '其他医疗救助', text: '2467万元' });
    expect(items[4]).toMatchObject({ itemName: '其他行政事业单位养老支出', amount: wan('0.13') });
  });

  it('reads 三公, the stated absence of 机关运行经费, 政府采购 and 绩效目标', () => {
    expect(stated(doc003, 'three-public.total')[0]).toMatchObject({ amount: wan('0.2'), change: { word: '持平' } });
    expect(stated(doc003, 'three-public.abroad')[0]).toMatchObject({ amount: 0, change: { word: '持平' } });
    expect(stated(doc003, 'three-public.reception')[0]).toMatchObject({ amount: wan('0.2') });
    expect(doc003.narrative.absences.map((a) => a.subject)).toEqual(['office-operation']);
    expect(stated(doc003, 'procurement.goods')[0]!.amount).toBe(wan('5'));
    expect(stated(doc003, 'performance.amount')[0]!.text).toBe('4917.85万元');
    expect(doc003.narrative.counts.find((c) => c.subject === 'performance.projects')!.count).toBe(11);
  });

  it('reads the six projects under one section', () => {
    expect(doc003.narrative.projects.map((p) => p.name)).toEqual(['辅助业务管理与支持', '社会救助', '宣传与推广', '医疗补助', '非编人员经费', '基础设施维护']);
    expect(doc003.narrative.projects.every((p) => p.parts.length === 7 && p.annualBudget === undefined)).toBe(true);
    expect(doc003.narrative.projects[4]!.parts[3]!.text).toContain('伙食费16人*4800元=7.68万元');
  });
});
