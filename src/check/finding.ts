/**
 * A finding of the checker: which rule, how serious, what (in Chinese, with both figures and
 * their difference), where, and the two numbers compared.
 */
import { z } from 'zod';

export const FAMILIES = ['arithmetic', 'cross-table', 'catalog', 'narrative', 'year-on-year', 'completeness', 'text'] as const;
export type Family = (typeof FAMILIES)[number];

export const FAMILY_NAMES: Record<Family, string> = {
  arithmetic: '表内勾稽',
  'cross-table': '表间勾稽',
  catalog: '科目',
  narrative: '说明与表格',
  'year-on-year': '与上年比较',
  completeness: '完整性',
  text: '文字质量',
};

export const SEVERITIES = ['error', 'warning', 'info'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const SEVERITY_NAMES: Record<Severity, string> = { error: '错误', warning: '警告', info: '提示' };

export const findingLocationSchema = z.object({
  table: z.string().optional(),
  tableTitle: z.string().optional(),
  row: z.string().optional(),
  rowLabel: z.string().optional(),
  column: z.string().optional(),
  section: z.string().optional(),
  line: z.number().int().optional(),
  page: z.number().int().optional(),
  sheet: z.string().optional().describe('XLSX 工作表'),
  cell: z.string().optional().describe('XLSX 单元格地址'),
  sentence: z.string().optional(),
  cells: z.array(z.object({ table: z.string(), row: z.string(), column: z.string() })).optional(),
});
export type FindingLocation = z.infer<typeof findingLocationSchema>;

export const findingSchema = z.object({
  rule: z.string(),
  family: z.enum(FAMILIES),
  severity: z.enum(SEVERITIES),
  message: z.string(),
  location: findingLocationSchema,
  expected: z.string().optional().describe('应有的数（元或万元，见 unit）'),
  actual: z.string().optional().describe('文件中的数'),
  unit: z.enum(['元', '万元', '%', '个']).optional(),
});
export type Finding = z.infer<typeof findingSchema>;
