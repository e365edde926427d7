/**
 * A 决算 beside its budget: the same entity's budget of the same year (the version the asker may
 * read), and per 类/款/项 of each fund's function table the 年初预算, the 决算 and the execution rate,
 * largest deviations first — as JSON for the portal, or as CSV to download.
 */
import { z } from 'zod';
import { executionLines } from '../../check/final.js';
import { formatYuan } from '../../model/money.js';
import { tableName } from '../../model/tables.js';
import { listDocuments } from '../../store/documents.js';
import { formatCsv } from '../../util/csv.js';
import { HttpError, route, sendJson, type AnyRoute } from '../api.js';
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

export function executionRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/documents/{id}/execution',
      tag: '文件',
      summary: '决算与同一单位同年预算并列：按功能分类类、款、项的年初预算、决算与完成率，偏差最大的在前（?format=csv 下载）',
      access: 'public',
      params: idParams,
      query: z.object({ format: z.enum(['json', 'csv']).optional() }),
      responses: {
        200: { description: '执行情况', schema: z.object({ final: z.number().int(), budget: z.number().int(), lines: z.array(lineSchema) }) },
        404: { description: '没有、无权查看、不是决算，或没有同年的预算' },
      },
      async handler({ c, deps, actor, params, query }) {
        const d = await readableDocument(deps, actor, params.id);
        if (d.kind !== 'final') throw new HttpError(404, 'not-final', `文件 ${d.id} 是预算，不是决算`, '执行情况只对决算文件给出。');
        const { items } = await listDocuments(deps.db, actor, { entityId: d.entity.id, year: d.year, kind: 'budget', limit: 1, offset: 0 });
        const b = items[0];
        if (!b) throw new HttpError(404, 'no-budget', `没有“${d.entity.name}”${d.year} 年的预算（或您无权查看），无从比较`, '请先导入并公开同一单位同一年度的部门预算。');
        const [final, budget] = await Promise.all([body(deps, await shownVersion(deps, actor, d)), body(deps, await shownVersion(deps, actor, b))]);
        const deviation = (l: { budget: number; final: number }) => Math.abs(l.final - l.budget);
        const lines = executionLines(final, budget).sort((x, y) => deviation(y) - deviation(x) || x.code.localeCompare(y.code));
        if (query.format === 'csv') {
          const rows = lines.map((l) => [tableName(l.table, 'final'), l.code, l.label ?? '', formatYuan(l.budget), formatYuan(l.final), l.rate === undefined ? '' : (l.rate / 100).toFixed(2)]);
          c.header('Content-Disposition', `attachment; filename="document-${d.id}-execution.csv"`);
          return c.body('\ufeff' + formatCsv([['表', '科目编码', '科目名称', '年初预算（元）', '决算（元）', '完成率（%）'], ...rows]), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
        }
        return sendJson(c, { final: d.id, budget: b.id, lines });
      },
    }),
  ];
}
