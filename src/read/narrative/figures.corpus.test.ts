/**
 * Stated figures in the forms of the real documents (../shared/corpus, ../shared/docs): each
 * sentence is copied from `pdftotext -layout` of the file named beside it, and each expected
 * figure was read by hand from that sentence (万元 → 分: 1万元 = 1,000,000 分).
 */
import { describe, expect, it } from 'vitest';
import { buildSections } from './sections.js';
import { readFigures } from './figures.js';
import type { StatedAmount } from '../../model/document.js';

/** Lines under a heading of the given words (the heading decides the section's kind). */
function figures(heading: string, ...lines: string[]): StatedAmount[] {
  const all = [heading, ...lines].map((text, i) => ({ text, no: i + 1 }));
  return readFigures(buildSections(all, [])).amounts;
}

const short = (a: StatedAmount) => ({
  subject: a.subject,
  amount: a.amount,
  ...(a.itemName ? { itemName: a.itemName } : {}),
  ...(a.itemCode ? { itemCode: a.itemCode } : {}),
  ...(a.kind ? { kind: a.kind } : {}),
  ...(a.change
    ? {
        change: {
          direction: a.change.direction,
          ...(a.change.amount !== undefined ? { amount: a.change.amount } : {}),
          ...(a.change.percent !== undefined ? { percent: a.change.percent } : {}),
          ...(a.change.previous !== undefined ? { previous: a.change.previous } : {}),
        },
      }
    : {}),
});

describe('科目 explanations in every form', () => {
  it('reads a path with codes in its brackets (issue 14) as the 项 2080501', () => {
    const got = figures('四、部门预算编制说明', '1.社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）56.12万元，主要用于离退休人员支出。');
    expect(got.map(short)).toEqual([{ subject: 'item', amount: 56_120_000, itemName: '社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）', itemCode: '2080501' }]);
  });

  it('reads a code printed against the name, with or without a dash (福州)', () => {
    expect(figures('四、部门预算编制说明', '（一）2080501行政单位离退休56.12万元，主要用于离退休人员支出。').map(short)).toEqual([
      { subject: 'item', amount: 56_120_000, itemName: '行政单位离退休', itemCode: '2080501' },
    ]);
    // docs/fj-fuzhou-medinsurance-2026-dept-budget.pdf
    expect(figures('四、部门预算编制说明', '（一）2101301-城乡医疗救助 7296.00 万元，主要用于城乡医疗救助。').map(short)).toEqual([
      { subject: 'item', amount: 7_296_000_000, itemName: '城乡医疗救助', itemCode: '2101301' },
    ]);
  });

  it('keeps the printed name of a coded 科目, its 支出 included, with the amount on the next line (福州)', () => {
    // docs/fj-fuzhou-medinsurance-2026-dept-budget.pdf p.21.
    const got = figures(
      '四、部门预算编制说明',
      '  （四）2080506-机关事业单位职业年金缴费支出 276.76 万',
      '元。主要用于在编人员职业年金缴费支出。',
      '  （六）2101202-财政对城乡居民基本医疗保险基金的补助',
      '333405.00 万元。主要用于城乡居民基本医疗保险基金的财政补',
    );
    expect(got.map(short)).toEqual([
      { subject: 'item', amount: 276_760_000, itemName: '机关事业单位职业年金缴费支出', itemCode: '2080506' },
      { subject: 'item', amount: 333_405_000_000, itemName: '财政对城乡居民基本医疗保险基金的补助', itemCode: '2101202' },
    ]);
  });

  it('reads a 类（款）（项） path without quotes, wrapped over two lines (杭州)', () => {
    // docs/zj-hangzhou-justice-2026-dept-budget.pdf, 财政拨款支出 explanation.
    const got = figures(
      '二、部门预算情况说明',
      '   （2）一般公共服务支出（类）其他一般公共服务支出',
      '（款）其他一般公共服务支出（项）12,868.00 万元，主要',
      '用于监狱改扩建项目方面的支出。比上年执行数增加',
      '3,618.24 万元，增长 39.1%，主要原因是本年度北郊监狱',
    );
    expect(got.map(short)).toEqual([
      {
        subject: 'item',
        amount: 12_868_000_000,
        itemName: '一般公共服务支出（类）其他一般公共服务支出（款）其他一般公共服务支出（项）',
        change: { direction: 'increase', amount: 3_618_240_000, percent: 39.1 },
      },
    ]);
    expect(got[0]!.change!.basis).toBe('上年执行数');
  });

  it('reads a 类 by itself ("X（类）支出") and the change stated in the sentence after its use (苏州)', () => {
    // corpus/suzhou-1f31a438.pdf, 第三部分 2026 年度部门预算情况说明.
    const got = figures(
      '第三部分 2026 年度部门预算情况说明',
      '       （1）社会保障和就业支出（类）支出 3,061.29 万元，主要用',
      '  于养老保险、职业年金等支出。与上年相比增加 740.84 万元，增',
      '  长 31.93%。主要原因是社保缴费基数增加以及人员增加带来养老保',
    );
    expect(got.map(short)).toEqual([{ subject: 'item', amount: 3_061_290_000, itemName: '社会保障和就业支出（类）', change: { direction: 'increase', amount: 740_840_000, percent: 31.93 } }]);
  });

  it('reads "X（类）支出" as the 类 X支出 (杭州)', () => {
    // docs/zj-hangzhou-justice-2026-dept-budget.pdf, 财政拨款支出 by 类.
    const got = figures('二、部门预算情况说明', '   一般公共服务（类）支出 12,868.19 万元，占 14.0%；', '公共安全（类）支出 69,081.15 万元，占 75.2%；');
    expect(got.map(short)).toEqual([
      { subject: 'item', amount: 12_868_190_000, itemName: '一般公共服务支出（类）' },
      { subject: 'item', amount: 69_081_150_000, itemName: '公共安全支出（类）' },
    ]);
  });

  it('reads 执行数 and 预算安排 after an explanation, and the change stated as a percentage only (普陀区万里街道)', () => {
    // docs/sh-putuo-wanli-2024-dept-budget.pdf
    const got = figures(
      '四、部门预算编制说明',
      '   2. “一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）”42.60万元，主要用于群众团体事务一般行政管理事务',
      '。2023年当年预算执行数为45.41万元，2024年预算安排42.60万元，比2023年预算执行数减少6.19%。主要原因是：群众团体事务一般行',
      '政管理事务经费减少。',
    );
    const name = '一般公共服务支出（类）群众团体事务（款）一般行政管理事务（项）';
    expect(got.map(short)).toEqual([
      { subject: 'item', amount: 42_600_000, itemName: name },
      { subject: 'item', amount: 45_410_000, itemName: name, kind: 'executed' },
      { subject: 'item', amount: 42_600_000, itemName: name, change: { direction: 'decrease', percent: 6.19, previous: 45_410_000 } },
    ]);
  });
});

describe('totals with their change and the figure compared with', () => {
  it('reads last year\'s figure inside the comparison (北京)', () => {
    // corpus/beijing-0e0df07d.pdf, 二、收入预算情况说明.
    const got = figures('二、收入预算情况说明', '   2026 年度收入预算 9626.78 万元，比 2025 年年初预算', '数 9819.98 万元减少 193.20 万元，下降 1.97%。主要原因是', '同比去年减少一次性项目。');
    expect(got.map(short)).toEqual([
      { subject: 'income.total', amount: 9_626_780_000, change: { direction: 'decrease', amount: 193_200_000, percent: 1.97, previous: 9_819_980_000 } },
      { subject: 'income.total', amount: 9_819_980_000, kind: 'previous' },
    ]);
    expect(got[0]!.change!.basis).toBe('2025年年初预算数');
  });

  it('reads a change against 上年执行数 (杭州)', () => {
    // docs/zj-hangzhou-justice-2026-dept-budget.pdf
    const got = figures('二、部门预算情况说明', '  2026 年收入预算 99,230.46 万元，比上年执行数增加', '7,331.92 万元，增长 8.0%，主要原因是本年度北郊监狱改');
    expect(got.map(short)).toEqual([{ subject: 'income.total', amount: 99_230_460_000, change: { direction: 'increase', amount: 7_331_920_000, percent: 8 } }]);
    expect(got[0]!.change!.basis).toBe('上年执行数');
  });

  it('reads a justified line whose characters are spread apart (广州)', () => {
    // corpus/guangzhou-015554f2.pdf p.46 as pdf.js gives it: each character its own item.
    const got = figures('第三部分 2026年部门预算情况说明', '2 0 2 6 年 本 部 门 收 入 预 算 1 7 4 , 1 7 7 . 8 5 万 元 ， 比 上 年 增 加6,255.04万元，增长3.7%，主要原因是:（一）根据科技条件与服');
    expect(got.map(short)).toEqual([{ subject: 'income.total', amount: 174_177_850_000, change: { direction: 'increase', amount: 6_255_040_000, percent: 3.7 } }]);
  });

  it('reads "一般公共预算财政拨款收入" as the general budget\'s, and a total named before its colon (重庆)', () => {
    // corpus/chongqing-05f59e7a.pdf
    const got = figures(
      '二、部门收支总体情况',
      '  （一）收入预算：2026 年年初预算数 186549.30 万元，其中：一般公共预算财政拨款 128148.56',
      '万元，政府性基金预算财政拨款 44134.59 万元，财政专户管理资金 11791.50 万元，事业单位经营收',
      '入资金 962.62 万元，其他收入资金 1512.04 万元。收入比 2025 年减少 246429.22 万元，主要是一般',
      '公共预算财政拨款增加 10300.15 万元，政府性基金预算财政拨款减少 258146.77 万元。',
      '  2026 年一般公共预算财政拨款收入 128148.56 万元，一般公共预算财政拨款支出 128148.56 万元，',
      '比 2025 年增加 10300.15 万元。',
    );
    expect(got.map(short)).toEqual([
      { subject: 'income.total', amount: 186_549_300_000, change: { direction: 'decrease', amount: 246_429_220_000 } },
      { subject: 'income.fiscal.general', amount: 128_148_560_000 },
      { subject: 'expenditure.fiscal.general', amount: 128_148_560_000, change: { direction: 'increase', amount: 10_300_150_000 } },
    ]);
  });
});

describe('a heading, then its figure', () => {
  it('reads the quantity from the clause before "2026 年预算数" (北京, 深圳)', () => {
    // corpus/beijing-0e0df07d.pdf, 四、财政拨款“三公”经费预算情况说明.
    expect(figures('四、财政拨款“三公”经费预算情况说明', '  （一）因公出国（境）费用。2026 年预算数 14.85 万元，', '主要用于因公出国参加学习交流合作等方面。').map(short)).toEqual([
      { subject: 'three-public.abroad', amount: 14_850_000 },
    ]);
    // corpus/shenzhen-6bc2839e.pdf, 第五部分 财政拨款“三公”经费预算情况.
    expect(figures('第五部分 财政拨款“三公”经费预算情况', '  公务用车购置费 2026 年预算数 0.00 万元，较 2025 年年初', '预算减少 30.00 万元，主要是 2025 年已完成 2 辆公务用车更新').map(short)).toEqual([
      { subject: 'three-public.vehicle-purchase', amount: 0, change: { direction: 'decrease', amount: 30_000_000 } },
    ]);
  });

  it('reads the quantity from a heading line of its own (福州)', () => {
    // docs/fj-fuzhou-medinsurance-2026-dept-budget.pdf p.23.
    const got = figures(
      '六、一般公共预算“三公”经费支出情况',
      '  （一）因公出国（境）经费',
      '  2026 年预算安排 0.00 万元，与上年持平。',
      '  （二）公务接待费',
      '  2026 年预算安排 5.00 万元，与上年持平。主要是保障公',
      '务接待工作需要。',
    );
    expect(got.map(short)).toEqual([
      { subject: 'three-public.abroad', amount: 0, change: { direction: 'flat' } },
      { subject: 'three-public.reception', amount: 5_000_000, change: { direction: 'flat' } },
    ]);
  });
});

describe('政府采购', () => {
  it('reads 安排 and 货物类采购预算 (广州)', () => {
    // corpus/guangzhou-015554f2.pdf, 四、政府采购情况.
    const got = figures('四、政府采购情况', '  2026年本部门政府采购安排17,951.4万元，其中：货物类采购预算2,300.46万元，工程类采购预算1,618.96万元，服务类采购预算14,031.98万元等。');
    expect(got.map(short)).toEqual([
      { subject: 'procurement.total', amount: 17_951_400_000 },
      { subject: 'procurement.goods', amount: 2_300_460_000 },
      { subject: 'procurement.works', amount: 1_618_960_000 },
      { subject: 'procurement.services', amount: 14_031_980_000 },
    ]);
  });

  it('does not take the 一般公共预算拨款 part\'s own 货物/工程/服务 for the whole\'s (重庆)', () => {
    // corpus/chongqing-05f59e7a.pdf p.7.
    const got = figures(
      '五、其他重要事项的情况说明',
      '  （二）政府采购情况。所属各预算单位政府采购预算总额 11884.37 万元：政府采购货物预算',
      '2703.49 万元、政府采购工程预算 239.56 万元、政府采购服务预算 8941.32 万元；其中一般公共预算',
      '拨款政府采购 11307.34 万元：政府采购货物预算 2703.19 万元、政府采购工程预算 239.56 万元、政',
      '府采购服务预算 8364.59 万元。',
    );
    expect(got.map(short)).toEqual([
      { subject: 'procurement.total', amount: 11_884_370_000 },
      { subject: 'procurement.goods', amount: 2_703_490_000 },
      { subject: 'procurement.works', amount: 239_560_000 },
      { subject: 'procurement.services', amount: 8_941_320_000 },
    ]);
  });

  it('does not read a project list\'s "1,000万元、青少年足球项目" as 科目 000', () => {
    const got = figures('第三部分 部门预算支出具体情况', '  1.体育彩票公益金项目1,000万元、青少年足球项目 3,921 万元。');
    expect(got.filter((a) => a.subject === 'item')).toEqual([]);
  });
});

describe('what a figure is when its words end in 预算支出 (苏州)', () => {
  // corpus/suzhou-96d6c892.pdf, 四、财政拨款支出预算情况说明 … 十三、政府采购预算情况说明.
  it('tells the 三公 parts, 会议费 and 培训费 from the total', () => {
    const got = figures(
      '九、一般公共预算“三公”经费支出预算情况说明',
      '       1．因公出国（境）费预算支出 0 万元，与上年预算数相同。',
      '       2．公务用车购置及运行维护费预算支出 4 万元。其中：',
      '       （1）公务用车购置预算支出 0 万元，与上年预算数相同。',
      '       （2）公务用车运行维护费预算支出 4 万元，与上年预算数相',
      '  同。',
      '       3．公务接待费预算支出 14.3 万元，比上年预算增加 0.05 万',
      '  元，主要原因是下属事业单位增加了职能，根据实际工作需求，增',
      '  加了预算。',
      '       苏州市数据局 2026 年度一般公共预算拨款安排的会议费预算',
      '  支出 7.3 万元，比上年预算减少 4.2 万元，主要原因是根据上级政',
      '  策要求，进一步压减了会议费支出。',
    );
    expect(got.map(short)).toEqual([
      { subject: 'three-public.abroad', amount: 0, change: { direction: 'flat' } },
      { subject: 'three-public.vehicle', amount: 4_000_000 },
      { subject: 'three-public.vehicle-purchase', amount: 0, change: { direction: 'flat' } },
      { subject: 'three-public.vehicle-operation', amount: 4_000_000, change: { direction: 'flat' } },
      { subject: 'three-public.reception', amount: 14_300_000, change: { direction: 'increase', amount: 50_000 } },
    ]);
  });

  it('reads 财政拨款预算支出 as the fiscal total, and leaves 上年结转结余 and 财政拨款基本支出 alone', () => {
    const got = figures(
      '四、财政拨款支出预算情况说明',
      '       上年结转结余的一般公共预算收入 0 万元，占 0%；',
      '       苏州市数据局 2026 年财政拨款预算支出 64,090.74 万元，占',
      '  本年支出合计的 100%。',
      '       苏州市数据局 2026 年度财政拨款基本支出预算 6,895.74 万元。',
    );
    expect(got.map(short)).toEqual([{ subject: 'expenditure.fiscal', amount: 64_090_740_000 }]);
  });

  it('reads 政府采购支出预算总额 and its 拟采购 parts', () => {
    const got = figures('十三、政府采购预算情况说明', '       2026 年度政府采购支出预算总额 2,379.35 万元，其中：拟采', '  购货物支出 110.9 万元、拟采购工程支出 156 万元、拟采购服务支', '  出 2,112.45 万元。');
    expect(got.map(short)).toEqual([
      { subject: 'procurement.total', amount: 2_379_350_000 },
      { subject: 'procurement.goods', amount: 110_900_000 },
      { subject: 'procurement.works', amount: 156_000_000 },
      { subject: 'procurement.services', amount: 2_112_450_000 },
    ]);
  });
});

describe('figures of one member unit (深圳)', () => {
  it('leaves the figures under a unit\'s own heading out of the document\'s', () => {
    // corpus/shenzhen-63d734e6.pdf, 第二部分 then 第三部分 部门预算支出具体情况.
    const got = figures(
      '第二部分 部门预算收支总体情况',
      '  2026 年深圳市人力资源和社会保障局部门预算收入 571,347.93 万元，较 2025 年年初预算增加 10,886.87 万元，增长 1.9%。',
      '第三部分 部门预算支出具体情况',
      '   二、深圳市劳动人事争议仲裁院',
      '   深圳市劳动人事争议仲裁院预算 4,720.86 万元，包括在职人员经费 2,215.05 万元、公用经费 163.75 万元、项目支出 2,149.05 万元。',
    );
    expect(got.map(short)).toEqual([{ subject: 'income.total', amount: 571_347_930_000, change: { direction: 'increase', amount: 10_886_870_000, percent: 1.9 } }]);
  });
});

describe('三公 parts named with 支出 and 安排 (杭州)', () => {
  it('reads 公务用车购置支出 and 公务用车运行维护费支出 with their changes', () => {
    // docs/zj-hangzhou-justice-2026-dept-budget.pdf p.12.
    const got = figures(
      '（七）“三公”经费预算情况说明',
      '  2.公务接待费：2026 年安排公务接待费预算 74.00 万',
      '元，与上年预算数持平，主要用于接待上级部门、兄弟省',
      '市司法行政部门来杭指导、调研、交流等支出。',
      '  3.公务用车购置及运行维护费：2026 年安排公务用车',
      '购置及运行维护费预算 339.68 万元，比上年预算数增加',
      '14.18 万元，增长 4.4%。其中，公务用车购置支出 151.68',
      '万元（含购置税等附加费用），主要用于经批准购置的 5',
      '辆公务用车，比上年预算数增加 27.78 万元，增长 22.4%，',
      '主要原因是市西郊监狱本年度拟更新购置大客车，购置费',
      '用较高；公务用车运行维护费支出 188.00 万元，主要用于',
      '公务用车燃料费、新能源汽车充电费、维修费、过桥过路',
      '费、保险费、安全奖励费用等支出，比上年预算数减少',
      '13.60 万元，下降 6.7%，主要原因是新能源汽车数量占比',
    );
    expect(got.map(short)).toEqual([
      { subject: 'three-public.reception', amount: 74_000_000, change: { direction: 'flat' } },
      { subject: 'three-public.vehicle', amount: 339_680_000, change: { direction: 'increase', amount: 14_180_000, percent: 4.4 } },
      { subject: 'three-public.vehicle-purchase', amount: 151_680_000, change: { direction: 'increase', amount: 27_780_000, percent: 22.4 } },
      { subject: 'three-public.vehicle-operation', amount: 188_000_000, change: { direction: 'decrease', amount: 13_600_000, percent: 6.7 } },
    ]);
  });
});
