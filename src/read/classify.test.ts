/**
 * The classifier on hand-made tables: header words and rows as a document prints them, the
 * standard table each one is (or none), written by hand.
 */
import { describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { fundOfFunctionCode } from '../catalogs/funds.js';
import { classifyFacts, classifyTable, factsOf, leadingCode, splitItems, standardOfExtra, titleHint } from './classify.js';

const catalogs = builtinCatalogs();
/** Lines written as a PDF prints them: pieces apart by two spaces or more. */
const table = (title: string, text: string) => ({ title, lines: text.trim().split('\n').map((l) => l.trim().split(/\s{2,}/)) });
const content = (text: string) => classifyFacts(factsOf(table('表', text), catalogs, 2025)).candidates;
const classify = (title: string, text: string) => classifyTable(table(title, text), catalogs, 2025);

describe('pieces of a line', () => {
  it('joins a bare list number to its item and reads codes in all their printed forms', () => {
    expect(splitItems(['1.', '一般公共预算资金', '189,767,551'])).toEqual(['1.一般公共预算资金', '189,767,551']);
    expect(leadingCode(['208', '05', '01', '行政单位离退休'])).toBe('2080501');
    expect(leadingCode(['[2080501]行政单位离退休'])).toBe('2080501');
    expect(leadingCode(['2080501行政单位离退休'])).toBe('2080501');
    expect(leadingCode(['30101', '基本工资'])).toBe('30101');
    expect(leadingCode(['一、财政拨款收入'])).toBeUndefined();
  });

  it('knows the budget of a 功能分类 subject', () => {
    expect(fundOfFunctionCode('2080501')).toBe('general');
    expect(fundOfFunctionCode('2120801')).toBe('fund'); // 国有土地使用权出让收入安排的支出
    expect(fundOfFunctionCode('2146903')).toBe('fund'); // 民航发展基金支出
    expect(fundOfFunctionCode('2296002')).toBe('fund'); // 用于社会福利的彩票公益金支出
    expect(fundOfFunctionCode('2059803')).toBe('fund'); // 超长期特别国债安排的支出
    expect(fundOfFunctionCode('2230199')).toBe('soe');
    expect(fundOfFunctionCode('2129999')).toBe('general');
    expect(fundOfFunctionCode('214')).toBe('general');
  });
});

describe('the two total tables', () => {
  it('income items with 事业收入 on the left, 类 on the right: 财务收支预算总表', () => {
    expect(
      content(`
        本年收入  本年支出
        项目  预算数  项目  预算数
        一、财政拨款收入  1,000.00  一、一般公共服务支出  600.00
        1. 一般公共预算资金  1,000.00  二、教育支出  400.00
        2. 政府性基金  三、卫生健康支出
        二、事业收入
        三、其他收入
        收入总计  1,000.00  支出总计  1,000.00`),
    ).toEqual(['summary']);
  });

  it('only 财政拨款 on the left: 财政拨款收支预算总表', () => {
    expect(
      content(`
        收入  支出
        项目  预算数  项目  合计  一般公共预算  政府性基金预算
        一、一般公共预算资金  900.00  一、一般公共服务支出  600.00  600.00
        二、政府性基金  100.00  二、城乡社区支出  400.00  300.00  100.00
        三、国有资本经营预算
        收入总计  1,000.00  支出总计  1,000.00  900.00  100.00`),
    ).toEqual(['fiscal']);
  });
});

describe('tables of 科目 rows', () => {
  it('功能分类 rows under income sources: 收入预算总表', () => {
    expect(
      content(`
        功能分类科目编码  功能分类科目名称  合计  财政拨款收入  事业收入  其他收入
        合计  500.00  450.00  50.00
        208  社会保障和就业支出  500.00  450.00  50.00
        208  05  行政事业单位养老支出  500.00  450.00  50.00`),
    ).toEqual(['income']);
  });

  it('basic and project columns with 上缴上级支出: 支出预算总表', () => {
    expect(
      content(`
        科目编码  科目名称  合计  基本支出  项目支出  上缴上级支出
        合计  500.00  300.00  200.00
        2080501  行政单位离退休  500.00  300.00  200.00`),
    ).toEqual(['expenditure']);
  });

  it('basic and project columns over general subjects: 支出预算总表 or the 一般公共预算 table (the document’s order decides)', () => {
    expect(
      content(`
        科目编码  科目名称  合计  基本支出  项目支出
        合计  500.00  300.00  200.00
        210  卫生健康支出  500.00  300.00  200.00
        21011  行政事业单位医疗  500.00  300.00  200.00`),
    ).toEqual(['expenditure', 'general-function']);
  });

  it('the fund its header names, or its subjects’ fund, or the fund its note names when empty', () => {
    const rows = `
        合计  500.00  500.00
        212  城乡社区支出  500.00  500.00
        21208  国有土地使用权出让收入安排的支出  500.00  500.00`;
    expect(content(`科目编码  科目名称  合计  基本支出  项目支出\n${rows}`)).toEqual(['fund-function']);
    expect(content(`项目  一般公共预算支出\n科目编码  科目名称  合计  基本支出  项目支出\n合计  5.00  5.00\n201  一般公共服务支出  5.00  5.00`)).toEqual(['general-function']);
    expect(content(`科目编码  科目名称  合计  基本支出  项目支出\n合计  8.00  8.00\n223  国有资本经营预算支出  8.00  8.00\n22301  解决历史遗留问题及改革成本支出  8.00  8.00`)).toEqual(['soe-function']);
    expect(content(`功能分类科目编码  功能分类科目名称  合计  基本支出  项目支出\n类  款  项\n合计\n注：本部门无国有资本经营预算安排的支出，故本表无数据。`)).toEqual(['soe-function']);
    // Empty and silent about its fund: one of the two that are often empty.
    expect(content(`科目编码  科目名称  支出总计  基本支出  项目支出\n注：本表本年无发生额。`)).toEqual(['fund-function', 'soe-function']);
  });

  it('经济分类 rows, by code or by 类 name: the 基本支出 economic table', () => {
    expect(content(`经济分类科目编码  经济分类科目名称  合计  人员经费  公用经费\n合计  300.00  200.00  100.00\n301  工资福利支出  200.00  200.00\n30101  基本工资  80.00  80.00\n302  商品和服务支出  100.00  100.00`)).toEqual(['general-basic-economic']);
    expect(content(`经济分类科目名称  合计  人员经费  日常公用支出\n合计  300.00  200.00  100.00\n工资福利支出  200.00  200.00\n商品和服务支出  100.00  100.00`)).toEqual(['general-basic-economic']);
    // Split by funding source (深圳's 基本支出总表): not the standard table.
    expect(content(`支出项目类别  总计  一般公共预算拨款  政府性基金预算拨款  事业收入\n工资福利支出  200.00  200.00\n商品和服务支出  100.00  100.00\n对个人和家庭的补助  10.00  10.00`)).toEqual([]);
  });

  it('“三公” items as columns or as rows', () => {
    expect(content(`“三公”经费预算数\n合计  因公出国(境)费  公务接待费  公务用车购置及运行费\n37.91  0  1.35  36.56`)).toEqual(['three-public']);
    expect(content(`项目  合计  一般公共预算\n“三公”经费  30.00  30.00\n（一）因公出国（境）支出  10.00  10.00\n（二）公务接待费  20.00  20.00`)).toEqual(['three-public']);
  });

  it('a 收入 table by unit: its header’s income sources', () => {
    expect(content(`单位名称  总计  一般公共预算  政府性基金预算  事业收入  其他收入\n合计  100.00  90.00  10.00\n某某局  100.00  90.00  10.00`)).toEqual(['income']);
  });

  it('says nothing of a table it cannot place', () => {
    expect(content(`项目名称  金额  绩效目标\n法治宣传  69.00  完成年度宣传任务`)).toEqual([]);
  });
});

describe('the title as a hint', () => {
  it('words of one table narrow, words of other tables rule out, numbering says nothing', () => {
    expect(titleHint('表一')).toHaveLength(9);
    expect(titleHint('附表3：部门资金收支一览表')).toEqual(['summary', 'fiscal']);
    expect(titleHint('政府性基金资金使用一览表')).toEqual(['fund-function']);
    expect(titleHint('2026年部门项目支出预算表')).toEqual([]);
    expect(titleHint('基本支出总表')).toEqual([]);
    expect(titleHint('一般公共预算机关运行经费支出预算表')).toEqual([]);
    // A 决算's own title is known (read/final/titles.ts): it names the 决算's table in that slot.
    expect(titleHint('收入支出决算总表')).toEqual(['summary']);
    expect(titleHint('2024年部门决算项目支出表')).toEqual([]);
    expect(titleHint('2025年部门收入预算总表')).toEqual(['income']);
  });

  it('the content decides within what the title allows, and against the title’s words when it alone decides', () => {
    const fiscal = `项目  预算数  项目  预算数\n一、一般公共预算资金  900.00  一、一般公共服务支出  900.00\n二、政府性基金\n收入总计  900.00  支出总计  900.00`;
    expect(classify('表四', fiscal)).toMatchObject({ candidates: ['fiscal'] });
    expect(classify('部门资金收支一览表', fiscal)).toMatchObject({ candidates: ['fiscal'] });
    const found = classify('部门收入一览表', fiscal);
    expect(found).toMatchObject({ candidates: ['fiscal'], overrode: true });
    expect(classify('部门项目支出一览表', fiscal).candidates).toEqual([]);
    // "一般公共预算支出经济分类表" lists all spending by economic class: the 基本支出 table only with a 基本支出 column.
    const economic = `科目编码  科目名称  预算数\n合计  900.00\n301  工资福利支出  700.00\n302  商品和服务支出  200.00`;
    expect(classify('一般公共预算支出经济分类情况表', economic).candidates).toEqual([]);
    expect(classify('附表八', economic).candidates).toEqual(['general-basic-economic']);
  });

  it('a table kept whole stands for the standard table its title or content names', () => {
    const byUnit = { headers: [['单位名称', '总计', '一般公共预算', '事业收入', '其他收入']], rows: [['某某局', '100.00', '90.00', '10.00']] };
    expect(standardOfExtra({ title: '表2：2026年市级部门收入预算总表', ...byUnit }, catalogs, 2026)).toBe('income');
    expect(standardOfExtra({ title: '附表二', ...byUnit }, catalogs, 2026)).toBe('income');
    expect(standardOfExtra({ title: '（未命名的表格）', ...byUnit }, catalogs, 2026)).toBeUndefined();
  });
});
