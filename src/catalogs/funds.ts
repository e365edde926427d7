/**
 * Which budget a 支出功能分类 subject belongs to: 一般公共预算, 政府性基金预算 or 国有资本经营预算.
 * The 政府收支分类科目 gives the 政府性基金 subjects their own 款: numbered 60 and above within a 类
 * (21160, 21366, 21469, 22960 …), the 超长期特别国债 款 numbered 98 (20598, 21398 …), and the older
 * ones listed below; 国有资本经营预算支出 is 类 223. As known to the author from the official
 * editions (as the built-in catalogs, not machine-verified); a 款 not covered counts as general.
 */
export type Fund = 'general' | 'fund' | 'soe';

/** 政府性基金 款 numbered below 60 (国有土地使用权出让收入安排的支出 …) and the special-debt 款 of 231–233. */
const FUND_KUAN = new Set([
  '20610', // 核电站乏燃料处理处置基金支出
  '20707', // 国家电影事业发展专项资金安排的支出
  '20709', // 旅游发展基金支出
  '20710', // 国家电影事业发展专项资金对应专项债务收入安排的支出
  '20822', // 大中型水库移民后期扶持基金支出
  '20823', // 小型水库移民扶助基金安排的支出
  '20829', // 小型水库移民扶助基金对应专项债务收入安排的支出
  '21208', // 国有土地使用权出让收入安排的支出
  '21210', // 国有土地收益基金安排的支出
  '21211', // 农业土地开发资金安排的支出
  '21213', // 城市基础设施配套费安排的支出
  '21214', // 污水处理费安排的支出
  '21215', // 土地储备专项债券收入安排的支出
  '21216', // 棚户区改造专项债券收入安排的支出
  '21217', // 城市基础设施配套费对应专项债务收入安排的支出
  '21218', // 污水处理费对应专项债务收入安排的支出
  '21219', // 国有土地使用权出让收入对应专项债务收入安排的支出
  '22904', // 其他政府性基金及对应专项债务收入安排的支出
  '22908', // 彩票发行销售机构业务费安排的支出
  '23104', // 地方政府专项债务还本支出
  '23204', // 地方政府专项债务付息支出
  '23304', // 地方政府专项债务发行费用支出
]);

/** The budget a 功能分类 code (类, 款 or 项) belongs to; a 类 alone is general unless it is 223 or 234. */
export function fundOfFunctionCode(code: string): Fund {
  const cls = code.slice(0, 3);
  if (cls === '223') return 'soe';
  if (cls === '234') return 'fund';
  if (code.length < 5) return 'general';
  const kuan = code.slice(0, 5);
  const n = Number(kuan.slice(3));
  if (FUND_KUAN.has(kuan) || (n >= 60 && n <= 98)) return 'fund';
  return 'general';
}
