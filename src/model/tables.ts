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
  // 决算 only (docs/cells-final.md):
  'operating-spending': '经营支出',
  opening: '年初结转和结余',
  'current-income': '本年收入',
  closing: '年末结转和结余',
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

/*
 * 部门决算 (final accounts, meta.kind 'final'): the nine tables of the Shanghai district template
 * (../shared/docs/template-dept-final-accounts.pdf), as data beside the budget's. A 决算 reuses the
 * budget's table ids where the table plays the same part (so the same identities engine and code-table
 * grammar apply); its names, columns and rows are these. Spec: docs/cells-final.md.
 */
export const FINAL_TABLE_NAMES: Record<TableId, string> = {
  summary: '收入支出决算总表',
  income: '收入决算表',
  expenditure: '支出决算表',
  fiscal: '财政拨款收入支出决算总表',
  'general-function': '一般公共预算财政拨款支出决算表',
  'general-basic-economic': '一般公共预算财政拨款基本支出决算表',
  'three-public': '财政拨款“三公”经费支出决算表',
  'fund-function': '政府性基金预算财政拨款收入支出决算表',
  'soe-function': '国有资本经营预算财政拨款收入支出决算表',
};

/** The template's order of the nine 决算 tables (一 … 九). */
export const FINAL_TABLE_ORDER: readonly TableId[] = ['summary', 'income', 'expenditure', 'fiscal', 'general-function', 'general-basic-economic', 'three-public', 'fund-function', 'soe-function'];

/** Columns a 决算 table prints (keys of COLUMN_NAMES; printed names in FINAL_COLUMN_NAMES). */
export const FINAL_COLUMNS: Record<TableId, readonly string[]> = {
  // Income rows carry `amount` (决算数), expenditure rows `total` (决算数).
  summary: ['amount', 'total'],
  income: ['total', 'fiscal', 'superior', 'business', 'operating', 'affiliated', 'other'],
  expenditure: ['total', 'basic', 'project', 'to-superior', 'operating-spending', 'subsidiary'],
  fiscal: ['amount', 'total', 'general', 'fund', 'soe'],
  'general-function': ['total', 'basic', 'project'],
  // Printed as two halves (人员经费 301/303 on the left, 公用经费 302/310 on the right), one 决算数 each:
  // a line's 决算数 is `total` and also its side's column; the total row holds 人员经费合计 and 公用经费合计.
  'general-basic-economic': ['total', 'personnel', 'public'],
  // Two rows: `budget` (预算数) and `final` (决算数), the template's 预算数/决算数 pairs.
  'three-public': ['total', 'abroad', 'vehicle', 'vehicle-purchase', 'vehicle-operation', 'reception'],
  'fund-function': ['opening', 'current-income', 'total', 'basic', 'project', 'closing'],
  'soe-function': ['opening', 'current-income', 'total', 'basic', 'project', 'closing'],
};

/** Printed column names of a 决算 where they differ from the budget's (COLUMN_NAMES). */
export const FINAL_COLUMN_NAMES: Partial<Record<TableId, Record<string, string>>> = {
  summary: { amount: '决算数', total: '决算数' },
  income: { total: '本年收入合计' },
  expenditure: { total: '本年支出合计' },
  fiscal: { amount: '决算数' },
  'general-basic-economic': { total: '决算数', personnel: '人员经费', public: '公用经费' },
  'three-public': { total: '合计', vehicle: '公务用车购置及运行维护费', 'vehicle-purchase': '公务用车购置费', 'vehicle-operation': '公务用车运行维护费' },
  'fund-function': { total: '本年支出合计' },
  'soe-function': { total: '本年支出合计' },
};

/** Rows of 收入支出决算总表, in printed order (expenditure rows are `expenditure.<类>` between). */
export const FINAL_SUMMARY_ROWS = {
  'income.fiscal.general': '一、一般公共预算财政拨款收入',
  'income.fiscal.fund': '二、政府性基金预算财政拨款收入',
  'income.fiscal.soe': '三、国有资本经营预算财政拨款收入',
  'income.superior': '四、上级补助收入',
  'income.business': '五、事业收入',
  'income.operating': '六、经营收入',
  'income.affiliated': '七、附属单位上缴收入',
  'income.other': '八、其他收入',
  'income.current': '本年收入合计',
  'income.non-fiscal-balance': '使用非财政拨款结余',
  'income.carryover': '年初结转和结余',
  'income.total': '总计',
  'expenditure.current': '本年支出合计',
  'expenditure.distribution': '结余分配',
  'expenditure.carry-forward': '年末结转和结余',
  'expenditure.total': '总计',
} as const;

/** Rows of 财政拨款收入支出决算总表 (expenditure rows `expenditure.<类>` carry total/general/fund/soe). */
export const FINAL_FISCAL_ROWS = {
  'income.general': '一、一般公共预算财政拨款',
  'income.fund': '二、政府性基金预算财政拨款',
  'income.soe': '三、国有资本经营预算财政拨款',
  'income.current': '本年收入合计',
  'income.carryover': '年初财政拨款结转和结余',
  'income.carryover.general': '一、一般公共预算财政拨款',
  'income.carryover.fund': '二、政府性基金预算财政拨款',
  'income.carryover.soe': '三、国有资本经营预算财政拨款',
  'income.total': '总计',
  'expenditure.current': '本年支出合计',
  'expenditure.carry-forward': '年末财政拨款结转和结余',
  'expenditure.total': '总计',
} as const;

/** Row keys of the 三公 决算表: 预算数 and 决算数. */
export const FINAL_THREE_PUBLIC_ROWS = { budget: '预算数', final: '决算数' } as const;

/** Standard table name for a document kind. */
export function tableName(id: TableId, kind: 'budget' | 'final' = 'budget'): string {
  return kind === 'final' ? FINAL_TABLE_NAMES[id] : TABLE_NAMES[id];
}

/** Printed column name for a document kind. */
export function columnName(table: TableId, column: string, kind: 'budget' | 'final' = 'budget'): string {
  return (kind === 'final' ? FINAL_COLUMN_NAMES[table]?.[column] : undefined) ?? COLUMN_NAMES[column] ?? column;
}
