/**
 * The nine tables of a Shanghai-style 部门预算 disclosure (../docs and cells.md), as data:
 * their ids, standard names, columns and the income/expenditure keys other provinces add.
 */
export const TABLE_IDS = [
  'summary',
  'income',
  'expenditure',
  'fiscal',
  'general-function',
  'fund-function',
  'soe-function',
  'general-basic-economic',
  'three-public',
] as const;
export type TableId = (typeof TABLE_IDS)[number];

/** Standard names without the year and the 部门/单位 prefix, as printed in the documents. */
export const TABLE_NAMES: Record<TableId, string> = {
  summary: '财务收支预算总表',
  income: '收入预算总表',
  expenditure: '支出预算总表',
  fiscal: '财政拨款收支预算总表',
  'general-function': '一般公共预算支出功能分类预算表',
  'fund-function': '政府性基金预算支出功能分类预算表',
  'soe-function': '国有资本经营预算支出功能分类预算表',
  'general-basic-economic': '一般公共预算基本支出部门预算经济分类预算表',
  'three-public': '“三公”经费和机关运行经费预算表',
};

/** Tables whose rows are 科目 codes (类/款/项 joined) plus a `total` row. */
export const CODE_TABLES = [
  'income',
  'expenditure',
  'general-function',
  'fund-function',
  'soe-function',
  'general-basic-economic',
] as const satisfies readonly TableId[];
export type CodeTableId = (typeof CODE_TABLES)[number];

export function isCodeTable(id: TableId): id is CodeTableId {
  return (CODE_TABLES as readonly string[]).includes(id);
}

/** The fund a function table reports, and the fiscal-table column it feeds. */
export const FUNCTION_TABLE_FUND = {
  'general-function': 'general',
  'fund-function': 'fund',
  'soe-function': 'soe',
} as const;

/** Column ids with their Chinese names. Extra income sources are the cells.md keys for other provinces. */
export const COLUMN_NAMES: Record<string, string> = {
  amount: '预算数',
  total: '合计',
  fiscal: '财政拨款收入',
  business: '事业收入',
  operating: '事业单位经营收入',
  other: '其他收入',
  'special-account': '财政专户管理资金收入',
  superior: '上级补助收入',
  affiliated: '附属单位上缴收入',
  carryover: '上年结转结余',
  'fund-balance': '用事业基金弥补收支差额',
  basic: '基本支出',
  project: '项目支出',
  subsidiary: '对附属单位补助支出',
  'to-superior': '上缴上级支出',
  'carry-forward': '结转下年',
  personnel: '人员经费',
  public: '公用经费',
  general: '一般公共预算',
  fund: '政府性基金预算',
  soe: '国有资本经营预算',
  abroad: '因公出国(境)费',
  reception: '公务接待费',
  vehicle: '公务用车购置及运行费',
  'vehicle-purchase': '购置费',
  'vehicle-operation': '运行费',
  'office-operation': '机关运行经费',
};

/** Income sources in the order the documents print them (Shanghai first, then other provinces' keys). */
export const INCOME_SOURCES = [
  'fiscal',
  'business',
  'operating',
  'other',
  'special-account',
  'superior',
  'affiliated',
  'carryover',
  'fund-balance',
] as const;
export type IncomeSource = (typeof INCOME_SOURCES)[number];

/** Default printed columns of each table (Shanghai district layout). */
export const DEFAULT_COLUMNS: Record<TableId, readonly string[]> = {
  summary: ['amount', 'total'],
  income: ['total', 'fiscal', 'business', 'operating', 'other'],
  expenditure: ['total', 'basic', 'project'],
  fiscal: ['amount', 'total', 'general', 'fund', 'soe'],
  'general-function': ['total', 'basic', 'project'],
  'fund-function': ['total', 'basic', 'project'],
  'soe-function': ['total', 'basic', 'project'],
  'general-basic-economic': ['total', 'personnel', 'public'],
  'three-public': ['total', 'abroad', 'reception', 'vehicle', 'vehicle-purchase', 'vehicle-operation', 'office-operation'],
};

/** The unit-variant 财务收支预算总表 splits expenditure into 人员经费 / 公用经费 / 项目支出. */
export const SUMMARY_UNIT_COLUMNS = ['amount', 'total', 'personnel', 'public', 'project'] as const;

/** Fiscal-table income rows and the fund each one is. */
export const FISCAL_INCOME_ROWS = {
  'income.general': '一般公共预算资金',
  'income.fund': '政府性基金',
  'income.soe': '国有资本经营预算',
} as const;

/** Summary-table income rows (cells.md), in printed order. */
export const SUMMARY_INCOME_ROWS = [
  'income.fiscal',
  'income.fiscal.general',
  'income.fiscal.fund',
  'income.fiscal.soe',
  'income.business',
  'income.operating',
  'income.other',
] as const;

/** Which columns a row of a table carries: income rows of summary/fiscal have one amount. */
export function rowColumns(table: TableId, rowKey: string, printedColumns: readonly string[]): string[] {
  if (table === 'summary' || table === 'fiscal') {
    return rowKey.startsWith('income.') ? ['amount'] : printedColumns.filter((c) => c !== 'amount');
  }
  return [...printedColumns];
}
