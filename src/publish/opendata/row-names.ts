/** Row keys of the summary table that are not 科目 codes, with their printed names. */
export const SUMMARY_ROW_NAMES: Record<string, string> = {
  'income.fiscal': '财政拨款收入',
  'income.fiscal.general': '一般公共预算资金',
  'income.fiscal.fund': '政府性基金',
  'income.fiscal.soe': '国有资本经营预算',
  'income.business': '事业收入',
  'income.operating': '事业单位经营收入',
  'income.other': '其他收入',
  'income.special-account': '财政专户管理资金收入',
  'income.superior': '上级补助收入',
  'income.affiliated': '附属单位上缴收入',
  'income.carryover': '上年结转结余',
  'income.fund-balance': '用事业基金弥补收支差额',
  'income.total': '收入总计',
  'expenditure.<类>': '支出功能分类“类”（3 位编码）',
  'expenditure.carry-forward': '结转下年',
  'expenditure.total': '支出总计',
};
