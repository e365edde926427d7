/**
 * The canonical BudgetDocument: one disclosure as exact data. Every stage reads or writes this
 * value only. Schemas (zod) validate it wherever it crosses a boundary (JSON in, import out);
 * the TypeScript types are inferred from them so there is one definition.
 */
import { z } from 'zod';
import { COLUMN_NAMES, INCOME_SOURCES, TABLE_IDS, TABLE_NAMES, isCodeTable, type TableId } from './tables.js';

const fen = z.number().int().refine(Number.isSafeInteger, '金额超出可精确表示的范围').describe('金额，单位：分');

export const moneyUnitSchema = z.enum(['yuan', 'wanyuan']).describe('yuan = 元, wanyuan = 万元');

/** Where a value was read: a line of a text file, or a page position of a PDF (top-left origin, pt). */
export const originSchema = z
  .object({
    line: z.number().int().positive().optional(),
    page: z.number().int().positive().optional(),
    x: z.number().optional(),
    y: z.number().optional(),
    width: z.number().optional(),
    height: z.number().optional(),
    sheet: z.string().optional().describe('XLSX 工作表名称'),
    cell: z.string().optional().describe('XLSX 单元格地址，如 C12'),
  })
  .describe('出处：文本行号，PDF 页码与位置，或 XLSX 工作表与单元格');
export type Origin = z.infer<typeof originSchema>;

export const tableRowSchema = z.object({
  key: z.string().describe('行键：科目编码（类款项连写）、total，或 income.fiscal 之类'),
  code: z.string().regex(/^\d{3}(\d{2}){0,2}$/).optional().describe('科目编码'),
  label: z.string().optional().describe('文件印出的行名称'),
  cells: z.record(z.string(), fen).describe('列键 → 金额（分）；空白单元格不出现，印出的 0.00 记为 0'),
  origin: originSchema.optional(),
  cellOrigins: z.record(z.string(), originSchema).optional(),
});
export type TableRow = z.infer<typeof tableRowSchema>;

/**
 * The keys a table may carry, from the model's table definitions (tables.ts): column keys are the
 * model's columns; row keys are a 科目 code (类/款/项), `total`, or (总表) `income.…` and
 * `expenditure.…`; a row the importer could only name keeps the printed name after `name:` (or
 * `expenditure.<类>:`), which must be plain text. Anything else — markup, a formula, a control
 * character — is refused where a document comes in, not only escaped where it goes out.
 */
const CODE = /^\d{3}(?:\d{2}){0,2}$/;
const INCOME_ROW = new RegExp(`^income\\.(?:fiscal\\.(?:general|fund|soe)|general|fund|soe|current|total|non-fiscal-balance|carryover\\.(?:general|fund|soe)|${INCOME_SOURCES.join('|')})$`);
const EXPENDITURE_ROW = /^expenditure\.(?:total|current|carry-forward|distribution|(\d{3}(?:\d{2}){0,2})(?::(.+))?)$/s;
const NAMED_ROW = /^name:(.+)$/s;

/** Why a printed name cannot be part of a key, or undefined when it can. */
function nameProblem(name: string): string | undefined {
  if (name.length > 200) return '名称超过 200 个字符';
  if (/[\u0000-\u001f\u007f]/.test(name)) return '名称含控制字符';
  if (/[<>"`]/.test(name)) return '名称含 < > " ` 这类标记字符';
  if (/^[=+\-@]/.test(name)) return '名称以 = + - @ 开头（会被电子表格当作公式）';
  if (name.trim() === '') return '名称为空';
  return undefined;
}

/** Why a row key is not one of the table's, or undefined when it is. */
export function rowKeyProblem(table: TableId, key: string): string | undefined {
  if (table === 'three-public') return key === 'budget' || key === 'final' ? undefined : '“三公”经费表的行键为 budget（预算数）；决算另有 final（决算数）';
  if (isCodeTable(table)) {
    if (key === 'total' || CODE.test(key)) return undefined;
    const named = NAMED_ROW.exec(key);
    if (named) return nameProblem(named[1]!);
    return '行键应为科目编码（3、5 或 7 位数字）、total，或 name:名称';
  }
  if (INCOME_ROW.test(key)) return undefined;
  const expenditure = EXPENDITURE_ROW.exec(key);
  if (expenditure) return expenditure[2] === undefined ? undefined : nameProblem(expenditure[2]);
  return '行键应为 income.收入来源（如 income.fiscal）或 expenditure.科目编码、expenditure.total';
}

/** Why a column key is not one of the model's columns, or undefined when it is. */
export function columnKeyProblem(column: string): string | undefined {
  return Object.hasOwn(COLUMN_NAMES, column) ? undefined : `不是模型中的列（可用的列键：${Object.keys(COLUMN_NAMES).join('、')}）`;
}

/** A key as a message may quote it: short, without control characters. */
export function quoteKey(key: string): string {
  const plain = key.replace(/[\u0000-\u001f\u007f]/g, '�');
  return plain.length > 40 ? `${plain.slice(0, 40)}…` : plain;
}

/** Every key of a table that the model does not define: where it is (a path in the table) and why. */
export function tableKeyIssues(t: { id: TableId; columns: readonly string[]; rows: readonly { key: string; cells: Record<string, unknown> }[] }): { path: (string | number)[]; message: string }[] {
  const issues: { path: (string | number)[]; message: string }[] = [];
  const name = `表“${TABLE_NAMES[t.id]}”（${t.id}）`;
  const seen = new Set<string>();
  t.columns.forEach((c, i) => {
    const problem = columnKeyProblem(c) ?? (seen.has(c) ? '重复出现' : undefined);
    seen.add(c);
    if (problem) issues.push({ path: ['columns', i], message: `${name}的列键“${quoteKey(c)}”${problem}` });
  });
  t.rows.forEach((r, i) => {
    const problem = rowKeyProblem(t.id, r.key);
    if (problem) issues.push({ path: ['rows', i, 'key'], message: `${name}第 ${i + 1} 行的行键“${quoteKey(r.key)}”不合规：${problem}` });
    for (const c of Object.keys(r.cells)) {
      if (!seen.has(c)) issues.push({ path: ['rows', i, 'cells', c], message: `${name}第 ${i + 1} 行（${quoteKey(r.key)}）的单元格列键“${quoteKey(c)}”不在本表的列中` });
    }
  });
  return issues;
}

/**
 * Row and column keys only a 决算 has (docs/cells-final.md); a budget (meta.kind = budget) keeps cells.md's keys.
 * (income.carryover.general/.fund/.soe, 上年结转 by fund, are a 决算's and also a budget's 财政拨款收支总表 where it
 * prints them, as 重庆's; like income.current they stay in the JSON, not in the cells.)
 */
export const FINAL_ONLY_ROWS: readonly string[] = ['income.non-fiscal-balance', 'expenditure.distribution'];
export const FINAL_ONLY_COLUMNS: readonly string[] = ['operating-spending', 'opening', 'current-income', 'closing'];

/** The 决算-only keys a table uses: refused in a budget. */
export function finalOnlyKeyIssues(t: { id: TableId; columns: readonly string[]; rows: readonly { key: string }[] }): { path: (string | number)[]; message: string }[] {
  const out: { path: (string | number)[]; message: string }[] = [];
  const name = `表“${TABLE_NAMES[t.id]}”（${t.id}）`;
  t.columns.forEach((c, i) => {
    if (FINAL_ONLY_COLUMNS.includes(c)) out.push({ path: ['columns', i], message: `${name}的列键“${c}”只用于决算（meta.kind = final），预算文件不能使用；见 docs/cells-final.md` });
  });
  t.rows.forEach((r, i) => {
    if (FINAL_ONLY_ROWS.includes(r.key) || (t.id === 'three-public' && r.key === 'final')) out.push({ path: ['rows', i, 'key'], message: `${name}第 ${i + 1} 行的行键“${r.key}”只用于决算（meta.kind = final），预算文件不能使用；见 docs/cells-final.md` });
  });
  return out;
}

const budgetTableObject = z.object({
  id: z.enum(TABLE_IDS),
  title: z.string().describe('印出的表名'),
  number: z.number().int().positive().optional().describe('表序号'),
  unit: moneyUnitSchema.describe('表印出的金额单位（模型内一律为分）'),
  decimals: z.number().int().min(0).max(6).optional().describe('表中非零金额印出的小数位数（0 表示取整到元，合计可能有尾差）'),
  preparer: z.string().optional().describe('编制部门/编制单位'),
  columns: z.array(z.string()).describe('本表印出的列键，按印出顺序'),
  rows: z.array(tableRowSchema),
  note: z.string().optional().describe('表下说明，如“本部门无政府性基金预算安排的支出，故本表无数据”'),
  origin: originSchema.optional(),
});

export const budgetTableSchema = budgetTableObject.superRefine((t, ctx) => {
  for (const issue of tableKeyIssues(t)) ctx.addIssue({ code: 'custom', path: issue.path, message: `${issue.message}；请只用模型定义的列键与行键（见 docs/document.schema.json 与 src/model/tables.ts）` });
});
export type BudgetTable = z.infer<typeof budgetTableSchema>;

export const extraTableSchema = z.object({
  title: z.string(),
  headers: z.array(z.array(z.string())),
  rows: z.array(z.array(z.string())),
  origin: originSchema.optional(),
  reason: z.string().describe('为何没有对应的标准表'),
});
export type ExtraTable = z.infer<typeof extraTableSchema>;

export const memberUnitSchema = z.object({
  name: z.string(),
  code: z.string().optional(),
});

export const metaSchema = z.object({
  title: z.string().describe('文件标题，如“闵行区2025年区级部门预算”'),
  year: z.number().int().min(1990).max(2200),
  kind: z.enum(['budget', 'final']).describe('budget = 预算, final = 决算'),
  scope: z.enum(['department', 'unit']).describe('department = 部门预算（汇总）, unit = 单位预算'),
  level: z.enum(['central', 'province', 'city', 'district', 'county', 'township', 'unknown']),
  region: z.string().describe('地区，如“上海市闵行区”'),
  entity: z.object({ name: z.string(), code: z.string().optional() }),
  memberUnits: z.array(memberUnitSchema).describe('部门所属预算单位（单位预算为空）'),
  memberCounts: z
    .object({ administrative: z.number().int().optional(), civilServiceManaged: z.number().int().optional(), institution: z.number().int().optional() })
    .optional()
    .describe('机构设置所述：行政单位、参公单位、事业单位家数'),
  source: z
    .object({
      fileName: z.string().optional(),
      layout: z.enum(['markdown', 'flat', 'pdf', 'xlsx', 'json', 'generated']),
      encoding: z.string().optional(),
      sha256: z.string().optional(),
    })
    .optional(),
});
export type DocumentMeta = z.infer<typeof metaSchema>;

export const locationSchema = z.object({
  section: z.string().describe('所在说明部分的标题'),
  line: z.number().int().positive().optional(),
  page: z.number().int().positive().optional(),
  sentence: z.string().describe('原句'),
});
export type NarrativeLocation = z.infer<typeof locationSchema>;

export const changeSchema = z.object({
  word: z.string().describe('所用的变动词：增加、减少、持平、增长、下降……或模板残留“增加/减少”'),
  direction: z.enum(['increase', 'decrease', 'flat', 'unknown']),
  amount: fen.optional(),
  amountText: z.string().optional(),
  percent: z.number().optional().describe('印出的百分比数值，如 23 表示 23%'),
  percentText: z.string().optional(),
  percentWord: z.string().optional().describe('百分比前另用的变动词（与 word 不同时）'),
  basis: z.string().describe('比较对象，如“2024年预算”“上年”'),
  previous: fen.optional().describe('文中写出的比较对象金额（分），如“比2025年年初预算数9819.98万元减少”'),
  previousText: z.string().optional(),
});
export type StatedChange = z.infer<typeof changeSchema>;

export const statedAmountSchema = z.object({
  subject: z.string().describe('所述数量：income.total、expenditure.fiscal.general、item、three-public.reception……'),
  label: z.string().describe('原文对该数量的称呼'),
  itemName: z.string().optional().describe('科目说明所引的科目名称'),
  itemCode: z.string().optional().describe('科目说明所引的科目编码（文中写出时）'),
  amount: fen,
  text: z.string().describe('原文数字及单位，如“25780.13万元”'),
  unit: moneyUnitSchema,
  decimals: z.number().int().min(0),
  change: changeSchema.optional(),
  kind: z.enum(['budget', 'executed', 'previous']).optional().describe('所述为本年预算（缺省）、上年执行数，还是上年预算数'),
  project: z.string().optional().describe('项目名称（项目年度预算）'),
  location: locationSchema,
});
export type StatedAmount = z.infer<typeof statedAmountSchema>;

export const statedCountSchema = z.object({
  subject: z.string().describe('performance.projects、assets.vehicles、procurement……'),
  label: z.string(),
  count: z.number().int(),
  text: z.string(),
  location: locationSchema,
});
export type StatedCount = z.infer<typeof statedCountSchema>;

export const statedAbsenceSchema = z.object({
  subject: z.string().describe('文中声明“无”的数量，如 office-operation、fund'),
  text: z.string(),
  location: locationSchema,
});
export type StatedAbsence = z.infer<typeof statedAbsenceSchema>;

export const SECTION_KINDS = [
  'cover',
  'contents',
  'functions',
  'organization',
  'glossary',
  'budget-explanation',
  'other-info',
  'three-public',
  'office-operation',
  'procurement',
  'performance',
  'assets',
  'projects',
  'project',
  'table-note',
  'other',
] as const;

export const paragraphSchema = z.object({ text: z.string(), line: z.number().int().positive().optional(), page: z.number().int().positive().optional() });

export const sectionSchema = z.object({
  heading: z.string(),
  kind: z.enum(SECTION_KINDS),
  paragraphs: z.array(paragraphSchema),
});
export type NarrativeSection = z.infer<typeof sectionSchema>;

export const PROJECT_HEADINGS = ['项目概述', '立项依据', '实施主体', '实施方案', '实施周期', '年度预算安排', '绩效目标'] as const;

/** One 测算 line: quantity × … × rate (= amount), e.g. "伙食费16人*4800元=7.68万元". */
export const estimateLineSchema = z.object({
  label: z.string().describe('测算的费用名称，如“伙食费”'),
  factors: z.array(z.object({ quantity: z.string().regex(/^\d+(\.\d+)?$/).describe('印出的数量'), unit: z.string().describe('人、人次、月……') })).describe('数量因子，按文中顺序'),
  rate: fen.describe('单价（分）'),
  rateText: z.string().describe('单价原文，如“4800元”“0.5万元/人”'),
  amount: fen.optional().describe('等号后所述金额（分）；未写等号时不出现'),
  amountText: z.string().optional(),
  text: z.string().describe('测算原文'),
  location: locationSchema.optional(),
});
export type EstimateLine = z.infer<typeof estimateLineSchema>;

export const INDICATOR_CATEGORIES = ['产出', '效益', '满意度', '成本'] as const;

/** A 绩效目标 indicator: "城乡医疗救助政策知晓率≥80%", "资金结算准确性 准确". */
export const indicatorSchema = z.object({
  category: z.enum(INDICATOR_CATEGORIES).optional().describe('一级指标：文中“产出指标：”等所标；未标时，名称含“满意度”的记为满意度，其余不填'),
  name: z.string(),
  comparator: z.enum(['>=', '<=', '>', '<', '=', 'qualitative']).describe('qualitative = 定性指标'),
  target: z.string().describe('指标值原文，如“80%”“准确”'),
  text: z.string().describe('原文'),
});
export type Indicator = z.infer<typeof indicatorSchema>;

export const projectSchema = z.object({
  name: z.string(),
  parts: z.array(z.object({ heading: z.string(), text: z.string() })).describe('七个标题及其内容，按文中顺序'),
  annualBudget: fen.optional().describe('年度预算所述金额（分）'),
  annualBudgetText: z.string().optional(),
  location: locationSchema,
  subject: z.object({ code: z.string().regex(/^\d{7}$/), name: z.string().optional(), text: z.string() }).optional().describe('文中写明的列支科目'),
  supervisor: z.string().optional().describe('主管部门（文中写明时）'),
  implementer: z.string().optional().describe('实施主体原文'),
  basis: z.array(z.object({ number: z.string().describe('文号，括号统一为〔〕'), title: z.string().optional(), text: z.string() })).optional().describe('立项依据中引用的文件'),
  period: z.object({ text: z.string(), start: z.string().optional(), end: z.string().optional() }).optional().describe('实施周期；start/end 为 YYYY-MM-DD'),
  estimate: z.array(estimateLineSchema).optional().describe('测算：文中“数量×单价=金额”的各行'),
  performance: z
    .object({ overall: z.string().optional(), annual: z.string().optional(), indicators: z.array(indicatorSchema) })
    .optional()
    .describe('绩效目标：总目标、年度目标与各指标'),
});
export type Project = z.infer<typeof projectSchema>;

export const narrativeSchema = z.object({
  sections: z.array(sectionSchema),
  amounts: z.array(statedAmountSchema),
  counts: z.array(statedCountSchema),
  absences: z.array(statedAbsenceSchema),
  projects: z.array(projectSchema),
});
export type Narrative = z.infer<typeof narrativeSchema>;

export const importNoteSchema = z.object({
  kind: z.enum(['placement', 'interpretation', 'misprint', 'unknown-table', 'unread-table']).describe('unread-table：未能读出的表（页码与原因）'),
  message: z.string().describe('导入时所作的解释（中文）'),
  table: z.string().optional(),
  row: z.string().optional(),
  origin: originSchema.optional(),
});
export type ImportNote = z.infer<typeof importNoteSchema>;

const boxSchema = { x0: z.number(), x1: z.number(), y: z.number(), height: z.number() };

/** What the printed page shows (PDF only): text amount, glyphs without characters, text beyond the page box. */
export const documentPageSchema = z.object({
  number: z.number().int().positive(),
  width: z.number().describe('页宽（pt）'),
  height: z.number().describe('页高（pt）'),
  textItems: z.number().int().describe('页上的文字项数（0 为空白页或扫描页）'),
  chars: z.number().int().describe('正文字符数（不含页码与页眉页脚）'),
  sample: z.string().describe('正文开头'),
  lines: z.array(z.tuple([z.number().int(), z.number(), z.number(), z.number(), z.number()])).describe('各行：[行号, 上沿 y, 左 x, 右 x, 字高]（pt，左上角为原点）'),
  extent: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }).optional().describe('文字所占范围'),
  images: z.number().int().optional().describe('图片数（只在文字很少的页上统计）'),
  undisplayable: z.array(z.object({ ...boxSchema, count: z.number().int(), text: z.string(), font: z.string().optional() })).optional().describe('显示不出的字形（无对应字符，□ 标出）'),
  glyphsWithoutText: z.number().int().optional().describe('无对应字符的字体所画的字形数（按绘制指令计）'),
  fontsWithoutUnicode: z.array(z.string()).optional().describe('字形没有对应字符的字体（缺少可用的 ToUnicode）'),
  beyond: z.array(z.object({ ...boxSchema, text: z.string() })).optional().describe('超出页面边界的文字'),
});
export type DocumentPage = z.infer<typeof documentPageSchema>;

export const budgetDocumentSchema = z.object({
  format: z.literal('budgetbook/document'),
  version: z.literal(1),
  meta: metaSchema,
  tables: z.array(budgetTableSchema).describe('文件中的标准表，按文件顺序；缺失的表不出现。决算（meta.kind = final）的九张表沿用同一组表键，其列与行见 docs/cells-final.md'),
  extraTables: z.array(extraTableSchema).describe('没有标准对应的表，原样保留'),
  narrative: narrativeSchema,
  notes: z.array(importNoteSchema).describe('导入说明：导入器作出的解释（放列、误印的编码等）'),
  pages: z.array(documentPageSchema).optional().describe('PDF 各页所见（页面检查用）'),
}).superRefine((doc, ctx) => {
  if (doc.meta.kind !== 'budget') return;
  doc.tables.forEach((t, ti) => {
    for (const issue of finalOnlyKeyIssues(t)) ctx.addIssue({ code: 'custom', path: ['tables', ti, ...issue.path], message: issue.message });
  });
});
export type BudgetDocument = z.infer<typeof budgetDocumentSchema>;
