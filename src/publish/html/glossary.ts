/**
 * 名词解释: the terms of a budget page in plain Chinese, one list for the portal's glossary page
 * (/glossary#three-public) and the published HTML (its own 术语说明 part, offline), and which
 * printed header words of the nine tables link to which term.
 */
import { escapeHtml } from '../../util/html.js';

export const TERMS = [
  ['fiscal', '财政拨款', '本级财政当年拨给部门的资金，包括一般公共预算拨款、政府性基金预算拨款和国有资本经营预算拨款。部门还可能有事业收入、经营收入等其他收入，它们不属于财政拨款。'],
  ['general', '一般公共预算', '以税收为主体的财政收入，安排用于保障和改善民生、推动经济社会发展、维护国家安全、维持国家机构正常运转等方面的收支预算。'],
  ['fund', '政府性基金预算', '依照法律、行政法规的规定在一定期限内向特定对象征收、收取或者以其他方式筹集的资金，专项用于特定公共事业发展的收支预算。'],
  ['basic', '基本支出', '为保障机构正常运转、完成日常工作任务而发生的支出，包括人员经费（工资福利、对个人和家庭的补助）和公用经费（办公费、水电费、差旅费等）。'],
  ['project', '项目支出', '在基本支出之外，为完成特定行政工作任务或事业发展目标而发生的支出。每个项目有立项依据、测算和绩效目标。'],
  ['three-public', '“三公”经费', '部门用财政拨款安排的因公出国（境）费、公务用车购置及运行费和公务接待费。各部门每年公开其预算数，并说明与上年相比增减的原因。'],
  ['office-operation', '机关运行经费', '行政单位和参照公务员法管理的事业单位使用一般公共预算财政拨款安排的基本支出中的日常公用经费，如办公费、印刷费、水电费、办公用房物业管理费等。'],
  ['levels', '类、款、项', '《政府收支分类科目》中支出功能分类的三级科目：类用 3 位编码（如 210 卫生健康支出），款用 5 位（如 21013 医疗救助），项用 7 位（如 2101301 城乡医疗救助）。类的金额等于其下各款之和，款等于其下各项之和。'],
  ['function', '功能分类与经济分类', '同一笔支出的两种分法：功能分类说明钱用于做什么（如医疗救助），经济分类说明钱怎么花（如工资福利支出、商品和服务支出）。'],
  ['department', '部门预算与单位预算', '单位预算是一个预算单位的收支计划；部门预算由部门本级和所属各单位的单位预算汇总而成，因此按部门合计时不再重复计算其下属单位。'],
  ['performance', '绩效目标', '项目预期达到的产出和效果，用数量、质量、时效、成本、效益和满意度等指标表示，年终据此评价项目。'],
  ['estimate', '测算', '项目金额的计算依据：逐项列出数量、单价或标准，相乘得出金额，各行之和即项目的预算数。'],
] as const;

export type TermKey = (typeof TERMS)[number][0];

/** Header words of the standard tables (layout/grid.ts) that link to a term: the first of each term in a table. */
export const HEADER_TERMS: Readonly<Record<string, TermKey>> = {
  基本支出: 'basic',
  项目支出: 'project',
  财政拨款收入: 'fiscal',
  财政拨款支出: 'fiscal',
  一般公共预算: 'general',
  政府性基金预算: 'fund',
  '“三公”经费预算数': 'three-public',
  机关运行经费预算数: 'office-operation',
  功能分类科目编码: 'levels',
  经济分类科目名称: 'function',
};

/** Where a published page's own term entries are: `#term-basic`. */
export const termAnchor = (key: string) => `#term-${key}`;

/**
 * The 术语说明 part of a published page: every term with its explanation, each entry the target
 * of the header links; said to be added at publication, not part of the source document.
 */
export function glossaryHtml(): string {
  const entries = TERMS.map(([key, name, text]) => `<dt id="term-${key}" tabindex="-1">${escapeHtml(name)}</dt><dd>${escapeHtml(text)}</dd>`).join('');
  return `<section id="glossary" class="glossary"><h2>术语说明</h2><p class="sub">表头中带下划线的名词链接到这里。以下解释由发布系统附加，不是原文件的内容；原文件中的“名词解释”以原文为准。</p><dl>${entries}</dl></section>`;
}
