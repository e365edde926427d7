/** The checker's families and severities with their Chinese names: plain data, no schema library (the public web page imports it). */
export const FAMILIES = ['arithmetic', 'cross-table', 'catalog', 'narrative', 'year-on-year', 'completeness', 'text', 'page'] as const;
export type Family = (typeof FAMILIES)[number];

export const FAMILY_NAMES: Record<Family, string> = {
  arithmetic: '表内勾稽',
  'cross-table': '表间勾稽',
  catalog: '科目',
  narrative: '说明与表格',
  'year-on-year': '与上年比较',
  completeness: '完整性',
  text: '文字质量',
  page: '页面',
};

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };
