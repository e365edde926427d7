/**
 * The parts of the document model that need no schema library: which row and column keys a table
 * may carry, and the fixed word lists (section kinds, project headings, indicator categories).
 * document.ts builds its zod schemas on these and re-exports them; readers import them from here
 * so that reading a file does not load zod (about 40 ms of start-up).
 */
import { COLUMN_NAMES, INCOME_SOURCES, TABLE_NAMES, isCodeTable, type TableId } from './tables.js';

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

export const PROJECT_HEADINGS = ['项目概述', '立项依据', '实施主体', '实施方案', '实施周期', '年度预算安排', '绩效目标'] as const;

export const INDICATOR_CATEGORIES = ['产出', '效益', '满意度', '成本'] as const;
