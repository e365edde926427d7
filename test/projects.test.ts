/**
 * The projects of both seeds, against values written by hand from their text: every 测算 line
 * of 003 (quantity, unit, rate, amount, and the product worked out by hand), the 绩效目标
 * indicators and cited documents of 000, and what the checker says about them.
 */
import { describe, expect, it } from 'vitest';
import { SEED_000, SEED_003, exampleBytes, exampleText, importBytes, importText, lineOf } from './helpers.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { checkLine, estimateTotal } from '../src/projects/estimate.js';

const doc000 = importBytes(exampleBytes(SEED_000), SEED_000);
const doc003 = importBytes(exampleBytes(SEED_003), SEED_003);
const catalogs = builtinCatalogs();
const project = (doc: typeof doc000, name: string) => doc.narrative.projects.find((p) => p.name === name)!;

describe('seed 003: the 测算 of 非编人员经费', () => {
  const p = project(doc003, '非编人员经费');
  const text = exampleText(SEED_003);

  it('reads all five lines: label, quantities, rate and stated amount, with their lines', () => {
    expect(p.estimate!.map((l) => [l.label, l.factors.map((f) => `${f.quantity}${f.unit}`).join('×'), l.rate, l.amount, l.location?.line])).toEqual([
      ['伙食费', '16人', 4800_00, 7_680_000, lineOf(text, '伙食费16人')],
      ['托幼管理费', '2人', 600_00, 120_000, lineOf(text, '伙食费16人')],
      ['人工成本', '16人', 109200_00, 174_720_000, lineOf(text, '伙食费16人')],
      ['单位成本', '16人', 44000_00, 70_400_000, lineOf(text, '伙食费16人')],
      ['误餐费', '48人次', 100_00, 480_000, lineOf(text, '误餐费48人次')],
    ]);
  });

  it('every line adds up: 16×4800=76800, 2×600=1200, 16×109200=1747200, 16×44000=704000, 48×100=4800 元', () => {
    const products = p.estimate!.map((l) => checkLine(l));
    expect(products.map((c) => c.computed)).toEqual([76_800_00, 1_200_00, 1_747_200_00, 704_000_00, 4_800_00]);
    expect(products.every((c) => c.comparison?.severity === undefined)).toBe(true);
    expect(estimateTotal(p.estimate!)).toBe(2_534_000_00);
  });

  it('no other project of either seed has 测算 lines', () => {
    expect([...doc000.narrative.projects, ...doc003.narrative.projects].filter((x) => x.estimate).map((x) => x.name)).toEqual(['非编人员经费']);
  });

  it('the checker finds no 测算 arithmetic error, and says the 年度预算 is missing with the lines’ total', () => {
    const findings = checkDocument(doc003, { catalogs });
    expect(findings.filter((f) => f.rule === 'arithmetic.estimate-line' || f.rule === 'narrative.estimate-total')).toEqual([]);
    const missing = findings.find((f) => f.rule === 'completeness.project-budget' && f.message.includes('非编人员经费'))!;
    expect(missing.message).toContain('其测算 5 行合计 253.40万元');
  });

  it('a misprinted line is found with both figures and the difference', () => {
    const changed = text.replace('单位成本16人\n*44000元=70.4万元', '单位成本16人\n*44000元=74.4万元');
    const f = checkDocument(importText(changed, SEED_003, false), { catalogs }).find((x) => x.rule === 'arithmetic.estimate-line')!;
    expect(f.message).toBe('项目“非编人员经费”的测算“单位成本16人*44000元=74.4万元”：16人 × 44000元 = 704,000.00 元（四舍五入保留2位小数应为70.40万元），文中写作74.4万元，相差4.00万元');
    expect(f.location).toMatchObject({ line: lineOf(text, '伙食费16人'), sentence: '单位成本16人*44000元=74.4万元' });
    expect([f.expected, f.actual, f.unit]).toEqual(['70.40', '74.4', '万元']);
  });

  it('a stated 年度预算 that is not the lines’ total is found', () => {
    const changed = text.replace('根据项目推进合理安排项目资金。\n\n 七、绩效目标 \n\n 总目标：按时发放', '年度预算250万元。\n\n 七、绩效目标 \n\n 总目标：按时发放');
    expect(changed).not.toBe(text);
    const f = checkDocument(importText(changed, SEED_003, false), { catalogs }).find((x) => x.rule === 'narrative.estimate-total')!;
    expect(f.message).toBe('项目“非编人员经费”的年度预算为250万元，而测算 5 行合计 2,534,000.00 元（四舍五入保留2位小数应为253.40万元），相差3.40万元');
    expect(f.severity).toBe('error');
  });
});

describe('seed 000: 绩效目标, 立项依据 and 实施周期', () => {
  const aid = project(doc000, '医疗救助经费项目');
  const mutual = project(doc000, '市民社区医疗互助帮困项目');

  it('reads the indicators of 医疗救助 under their stated categories', () => {
    expect(aid.performance!.indicators.map((i) => [i.category, i.name, i.comparator, i.target])).toEqual([
      ['产出', '医疗救助对象人次规模', '=', '100%'],
      ['产出', '资金结算准确性', 'qualitative', '准确'],
      ['产出', '事后医疗救助及时性', 'qualitative', '及时'],
      ['效益', '困难群众医疗费用负担减轻程度', 'qualitative', '有效缓解'],
      ['效益', '城乡医疗救助政策知晓率', '>=', '80%'],
      ['效益', '长效管理制度健全性', 'qualitative', '建立健全'],
      ['满意度', '救助对象满意度', '>=', '85%'],
    ]);
  });

  it('reads the uncategorised indicators of 互助帮困; only the 满意度 one gets a category', () => {
    expect(mutual.performance!.indicators.map((i) => [i.category, i.name, i.comparator, i.target])).toEqual([
      [undefined, '报销费用应发尽发率', '=', '100%'],
      [undefined, '参保对象卡册发放', '=', '100%'],
      [undefined, '参保人员网上登记', '=', '100%'],
      [undefined, '老百姓的感受度', 'qualitative', '有提高'],
      [undefined, '长效管理制度', 'qualitative', '建立健全'],
      ['满意度', '帮困对象满意度', '>=', '85.00%'],
    ]);
  });

  it('reads the five documents of the 立项依据, brackets made uniform', () => {
    expect(aid.basis!.map((d) => d.number)).toEqual(['沪医保规〔2020〕4号', '沪医保规〔2022〕12号', '沪医保规〔2023〕2号', '区医保规发〔2022〕1号', '沪医保待遇〔2023〕1号']);
    expect(aid.basis![0]!.title).toBe('关于进一步调整完善本市医疗救助政策的通知');
    expect(mutual.basis!.map((d) => d.number)).toEqual(['沪府办规〔2022〕16号', '沪医保规〔2023〕11号', '闵府抄〔2009〕68号']);
  });

  it('reads the 实施周期 and the 年度预算', () => {
    expect(aid.period).toEqual({ text: '2025年1月1日-2025年12月31日', start: '2025-01-01', end: '2025-12-31' });
    expect(mutual.period).toMatchObject({ start: '2025-01-01', end: '2025-12-31' });
    expect([aid.annualBudget, mutual.annualBudget]).toEqual([2_241_000_000, 21_255_920_000]);
    expect(aid.subject).toBeUndefined();
  });

  it('finds the district document cited as 区医保规发[2022]1号 and as 闵医保规发〔2022〕1号', () => {
    const findings = checkDocument(doc000, { catalogs });
    const f = findings.filter((x) => x.rule === 'text.document-number');
    expect(f).toHaveLength(1);
    expect(f[0]!.message).toContain('“立项依据”中写作“区医保规发[2022]1号”，“年度预算安排”中写作“闵医保规发〔2022〕1号”');
    expect(f[0]!.location.line).toBe(lineOf(exampleText(SEED_000), '区医保规发[2022]1号'));
  });

  it('the 2241 vs 2242.75 万元 of 医疗救助 is reported once, by the narrative rule', () => {
    const findings = checkDocument(doc000, { catalogs }).filter((f) => f.message.includes('医疗救助经费项目') && f.message.includes('2241'));
    expect(findings.map((f) => f.rule)).toEqual(['narrative.project-budget']);
  });

  it('a stated 科目 whose projects exceed its 项目支出 is found', () => {
    const text = exampleText(SEED_000).replace('年度预算2241万元，', '年度预算2241万元，列支科目：2101301城乡医疗救助；');
    const t2 = text.replace('年度预算21255.92万元，', '年度预算21255.92万元，列支科目：2101301城乡医疗救助；');
    const findings = checkDocument(importText(t2, SEED_000, false), { catalogs });
    const f = findings.find((x) => x.rule === 'narrative.project-sum')!;
    expect(f.message).toBe('列支科目 2101301 城乡医疗救助 的项目 “市民社区医疗互助帮困项目”21255.92万元、“医疗救助经费项目”2241万元 合计 23496.92万元，超过《2025年部门支出预算总表》该科目的项目支出 22,427,500.00 元（2242.75万元），多出 21254.17万元');
    expect(findings.some((x) => x.rule === 'narrative.project-budget')).toBe(false);
  });
});
