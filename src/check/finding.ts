/**
 * A finding of the checker: which rule, how serious, what (in Chinese, with both figures and
 * their difference), where, and the two numbers compared.
 */
import { z } from 'zod';

import { FAMILIES, SEVERITIES } from './names.js';

export { FAMILIES, FAMILY_NAMES, SEVERITIES, SEVERITY_NAMES, type Family, type Severity } from './names.js';

export const findingLocationSchema = z.object({
  table: z.string().optional(),
  tableTitle: z.string().optional(),
  row: z.string().optional(),
  rowLabel: z.string().optional(),
  column: z.string().optional(),
  section: z.string().optional(),
  line: z.number().int().optional(),
  page: z.number().int().optional(),
  pageLine: z.number().int().optional().describe('PDF：该页正文的第几行（不计页眉页脚与页码）'),
  box: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).optional().describe('PDF：页面上的位置（pt，左上角为原点）'),
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
