/**
 * A 决算 beside its budget: the same entity's budget of the same year (the version the asker may
 * read), and per 类/款/项 of each fund's function table the 年初预算, the 决算 and the execution rate,
 * largest deviations first — as JSON for the portal, or as CSV to download; and the same per table
 * (the totals of 收入, 支出, 财政拨款, each fund's function table, 基本支出 and “三公”), as `tables`
 * or `?format=csv&part=tables`. The chart of the 类 is drawn in ./charts.ts.
 */
import { z } from 'zod';
import { executionLines, rateHundredths, type ExecutionLine } from '../../check/final.js';
import type { BudgetDocument } from '../../model/document.js';
import type { Fen } from '../../model/money.js';
import { formatYuan } from '../../model/money.js';
import { tableName, type TableId } from '../../model/tables.js';
import { listDocuments } from '../../store/documents.js';
import { formatCsv } from '../../util/csv.js';
import { HttpError, route, sendJson, type AnyRoute, type Ctx } from '../api.js';
import { idParams } from '../schemas.js';
import { body, readableDocument, shownVersion } from './documents.js';

const lineSchema = z.object({
  table: z.enum(['general-function', 'fund-function', 'soe-function']),
  code: z.string(),
  label: z.string().optional(),
  budget: z.number().int().describe('年初预算（分）'),
  final: z.number().int().describe('决算（分）'),
  rate: z.number().int().optional().describe('完成率（决算/年初预算），万分之一；预算为 0 时没有'),
});

const tableLineSchema = z.object({
  table: z.string().describe('表（决算的表名）'),
  item: z.string().describe('该表的哪一个合计'),
  budget: z.number().int().describe('年初预算（分）'),
  final: z.number().int().describe('决算（分）'),
  rate: z.number().int().optional().describe('完成率，万分之一；预算为 0 时没有'),
});

export interface TableExecution {
  table: string;
  item: string;
  budget: Fen;
  final: Fen;
  rate?: number;
}

type Doc = BudgetDocument;
const cellOf = (doc: Doc, table: TableId, row: string, column: string): Fen | undefined => doc.tables.find((t) => t.id === table)?.rows.find((r) => r.key === row)?.cells[column];

/**
 * Per table, the figure of the budget that the 决算 table's total answers: where the two documents
 * print their totals on different rows (the budget's 财政拨款 支出总计, the 决算's 本年支出合计;
 * the budget's 收入合计 with 上年结转, the 决算's 本年收入合计 without), the budget's is taken so that
 * it means what the 决算's means. A table missing from either document gives no line.
 */
const TABLE_FIGURES: readonly { table: TableId; item: string; budget: (d: Doc) => Fen | undefined; final: (d: Doc) => Fen | undefined; optional?: boolean }[] = [
  {
    table: 'income',
    item: '本年收入合计',
    budget: (d) => {
      const total = cellOf(d, 'income', 'total', 'total');
      return total === undefined ? undefined : total - (cellOf(d, 'income', 'total', 'carryover') ?? 0);
    },
    final: (d) => cellOf(d, 'income', 'total', 'total'),
  },
  { table: 'expenditure', item: '本年支出合计', budget: (d) => cellOf(d, 'expenditure', 'total', 'total'), final: (d) => cellOf(d, 'expenditure', 'total', 'total') },
  { table: 'expenditure', item: '基本支出', budget: (d) => cellOf(d, 'expenditure', 'total', 'basic'), final: (d) => cellOf(d, 'expenditure', 'total', 'basic') },
  { table: 'expenditure', item: '项目支出', budget: (d) => cellOf(d, 'expenditure', 'total', 'project'), final: (d) => cellOf(d, 'expenditure', 'total', 'project') },
  {
    table: 'fiscal',
    item: '财政拨款本年支出合计',
    budget: (d) => cellOf(d, 'fiscal', 'expenditure.total', 'total'),
    final: (d) => cellOf(d, 'fiscal', 'expenditure.current', 'total'),
  },
  { table: 'general-function', item: '一般公共预算财政拨款支出合计', budget: (d) => cellOf(d, 'general-function', 'total', 'total'), final: (d) => cellOf(d, 'general-function', 'total', 'total') },
  { table: 'fund-function', item: '政府性基金预算财政拨款支出合计', budget: (d) => cellOf(d, 'fund-function', 'total', 'total'), final: (d) => cellOf(d, 'fund-function', 'total', 'total'), optional: true },
  { table: 'soe-function', item: '国有资本经营预算财政拨款支出合计', budget: (d) => cellOf(d, 'soe-function', 'total', 'total'), final: (d) => cellOf(d, 'soe-function', 'total', 'total'), optional: true },
  { table: 'general-basic-economic', item: '一般公共预算财政拨款基本支出合计', budget: (d) => cellOf(d, 'general-basic-economic', 'total', 'total'), final: (d) => cellOf(d, 'general-basic-economic', 'total', 'total') },
  { table: 'three-public', item: '“三公”经费合计', budget: (d) => cellOf(d, 'three-public', 'budget', 'total'), final: (d) => cellOf(d, 'three-public', 'final', 'total') },
];

const deviation = (l: { budget: number; final: number }) => Math.abs(l.final - l.budget);

/** The totals of each table, 年初预算 beside 决算, largest deviation first (ties in the template's order). */
export function tableExecution(final: Doc, budget: Doc): TableExecution[] {
  const out: TableExecution[] = [];
  for (const f of TABLE_FIGURES) {
    const b = f.budget(budget);
    const a = f.final(final);
    if (b === undefined || a === undefined) continue;
    // A fund the entity has no money of (both 0) says nothing.
    if (f.optional && b === 0 && a === 0) continue;
    const line: TableExecution = { table: tableName(f.table, 'final'), item: f.item, budget: b, final: a };
    const rate = rateHundredths(a, b);
    if (rate !== undefined) line.rate = rate;
    out.push(line);
  }
  return out.sort((x, y) => deviation(y) - deviation(x));
}

/** Per 科目 of the function tables, largest deviation first (ties by code). */
export function sortedExecutionLines(final: Doc, budget: Doc): ExecutionLine[] {
  return executionLines(final, budget).sort((x, y) => deviation(y) - deviation(x) || x.code.localeCompare(y.code));
}

type Deps = Parameters<typeof readableDocument>[0];
type Actor = Parameters<typeof readableDocument>[1];

/** The 决算 and the same entity's budget of its year, as the asker may read them (404 otherwise). */
export async function executionPair(deps: Deps, actor: Actor, id: number) {
  const d = await readableDocument(deps, actor, id);
  if (d.kind !== 'final') throw new HttpError(404, 'not-final', `文件 ${d.id} 是预算，不是决算`, '执行情况只对决算文件给出。');
  const { items } = await listDocuments(deps.db, actor, { entityId: d.entity.id, year: d.year, kind: 'budget', limit: 1, offset: 0 });
  const b = items[0];
  if (!b) throw new HttpError(404, 'no-budget', `没有“${d.entity.name}”${d.year} 年的预算（或您无权查看），无从比较`, '请先导入并公开同一单位同一年度的部门预算。');
  const [finalVersion, budgetVersion] = await Promise.all([shownVersion(deps, actor, d), shownVersion(deps, actor, b)]);
  return { d, b, finalVersion, budgetVersion, bodies: () => Promise.all([body(deps, finalVersion), body(deps, budgetVersion)]) };
}

function csv(c: Ctx, name: string, rows: string[][]) {
  c.header('Content-Disposition', `attachment; filename="${name}"`);
  return c.body('\ufeff' + formatCsv(rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
}

const percentText = (rate: number | undefined) => (rate === undefined ? '' : (rate / 100).toFixed(2));

export function executionRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/documents/{id}/execution',
      tag: '文件',
      summary: '决算与同一单位同年预算并列：按功能分类类、款、项，及按表（各表合计）的年初预算、决算与完成率，偏差最大的在前（?format=csv 下载科目，&part=tables 下载各表）',
      access: 'public',
      params: idParams,
      query: z.object({ format: z.enum(['json', 'csv']).optional(), part: z.enum(['lines', 'tables']).optional() }),
      responses: {
        200: { description: '执行情况', schema: z.object({ final: z.number().int(), budget: z.number().int(), lines: z.array(lineSchema), tables: z.array(tableLineSchema) }) },
        404: { description: '没有、无权查看、不是决算，或没有同年的预算' },
      },
      async handler({ c, deps, actor, params, query }) {
        const { d, b, bodies } = await executionPair(deps, actor, params.id);
        const [final, budget] = await bodies();
        const lines = sortedExecutionLines(final, budget);
        const tables = tableExecution(final, budget);
        if (query.format === 'csv' && query.part === 'tables') {
          const rows = tables.map((l) => [l.table, l.item, formatYuan(l.budget), formatYuan(l.final), percentText(l.rate)]);
          return csv(c, `document-${d.id}-execution-tables.csv`, [['表', '项目', '年初预算（元）', '决算（元）', '完成率（%）'], ...rows]);
        }
        if (query.format === 'csv') {
          const rows = lines.map((l) => [tableName(l.table, 'final'), l.code, l.label ?? '', formatYuan(l.budget), formatYuan(l.final), percentText(l.rate)]);
          return csv(c, `document-${d.id}-execution.csv`, [['表', '科目编码', '科目名称', '年初预算（元）', '决算（元）', '完成率（%）'], ...rows]);
        }
        return sendJson(c, { final: d.id, budget: b.id, lines, tables });
      },
    }),
  ];
}
