/**
 * Charts for the portal, drawn by ECharts on the server as SVG (the browser gets no charting
 * library): a document's charts, the same as its published page, and an entity's trend over
 * the years it has visible documents. Each answer is drawn once per version (or, for a trend, per
 * set of versions) and then served from the store's cache (../cache.ts). A 决算's execution chart:
 * per 类, 年初预算 (the same entity's budget of the year) beside 决算, largest deviation first, with
 * its text alternative; drawn once per pair of versions.
 */
import { z } from 'zod';

import { listDocuments } from '../../store/documents.js';
import { getEntity } from '../../store/entities.js';
import { priorDocument } from '../../store/ingest.js';
import { HttpError, cachedBody, notModified, route, type AnyRoute } from '../api.js';
import { storeCache } from '../cache.js';
import { idParams } from '../schemas.js';
import { body, readableDocument, shownVersion } from './documents.js';
import { executionPair, sortedExecutionLines } from './execution.js';

const chartSchema = z.object({ id: z.string(), title: z.string(), svg: z.string().describe('SVG 图（金额单位万元）') });

const FUND_SUFFIX = { 'general-function': '', 'fund-function': '（政府性基金）', 'soe-function': '（国有资本经营）' } as const;

const JSON_TYPE = 'application/json; charset=utf-8';

/** ECharts loads with the first chart drawn, not with the server. */
const charts = () => import('../../publish/charts/charts.js');

export function chartRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/documents/{id}/charts',
      tag: '文件',
      summary: '文件的图表（SVG）：收入来源、支出按功能分类、基本支出与项目支出、经济分类、“三公”经费',
      access: 'public',
      params: idParams,
      responses: { 200: { description: '图表', schema: z.object({ charts: z.array(chartSchema) }) } },
      async handler({ c, deps, actor, params }) {
        const d = await readableDocument(deps, actor, params.id);
        const v = await shownVersion(deps, actor, d);
        const tag = `"v${v}-charts"`;
        const hit = notModified(c, tag);
        if (hit) return hit;
        const cache = storeCache(deps.db);
        const key = `charts|${v}`;
        let text = cache.get(key) as string | undefined;
        if (text === undefined) {
          const doc = await body(deps, v);
          const prior = await priorDocument(deps.db, doc.meta);
          text = JSON.stringify({ charts: (await charts()).documentCharts(doc, prior) });
          cache.set(key, text, text.length * 2);
        }
        return cachedBody(c, text, JSON_TYPE, tag);
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/execution/chart',
      tag: '文件',
      summary: '决算与同年预算对照图（SVG）：按功能分类类的年初预算与决算，偏差最大的在前，附文字说明',
      access: 'public',
      params: idParams,
      responses: {
        200: { description: '图与文字说明', schema: z.object({ chart: chartSchema.extend({ text: z.string().describe('图的文字说明（万元）') }) }) },
        404: { description: '没有、无权查看、不是决算，或没有同年的预算' },
      },
      async handler({ c, deps, actor, params }) {
        const { d, finalVersion, budgetVersion, bodies } = await executionPair(deps, actor, params.id);
        const cache = storeCache(deps.db);
        const key = `execution-chart|${finalVersion}|${budgetVersion}`;
        let text = cache.get(key) as string | undefined;
        if (text === undefined) {
          const [final, budget] = await bodies();
          const classes = sortedExecutionLines(final, budget).filter((l) => l.code.length === 3 && (l.budget !== 0 || l.final !== 0));
          const bars = classes.map((l) => ({ name: `${l.code} ${(l.label ?? '').replace(/[\s\u3000]+/g, '')}${FUND_SUFFIX[l.table]}`.trim(), budget: l.budget, final: l.final, ...(l.rate === undefined ? {} : { rate: l.rate }) }));
          text = JSON.stringify({ chart: (await charts()).executionChart('execution', `${d.year}年年初预算与决算：功能分类各类`, bars) });
          cache.set(key, text, text.length * 2);
        }
        return cachedBody(c, text, JSON_TYPE);
      },
    }),
    route({
      method: 'get',
      path: '/api/entities/{id}/trend',
      tag: '门户',
      summary: '一个部门或单位历年的支出（SVG 图与数字，分）：支出总计、基本支出、项目支出',
      access: 'public',
      params: idParams,
      responses: {
        200: {
          description: '历年',
          schema: z.object({ years: z.array(z.object({ year: z.number().int(), documentId: z.number().int(), total: z.number().int(), basic: z.number().int(), project: z.number().int() })), chart: chartSchema.nullable() }),
        },
      },
      async handler({ c, deps, actor, params }) {
        const e = await getEntity(deps.db, actor, params.id);
        if (!e) throw new HttpError(404, 'not-found', `没有编号为 ${params.id} 的单位`);
        const docs = (await listDocuments(deps.db, actor, { entityId: e.id, sort: 'year', limit: 50, offset: 0 })).items.filter((d) => d.kind === 'budget');
        const versions: number[] = [];
        for (const d of docs) versions.push(await shownVersion(deps, actor, d));
        // The same versions give the same answer: the key names them all (and the entity's name, in the title).
        const cache = storeCache(deps.db);
        const key = `trend|${e.id}|${e.name}|${docs.map((d, i) => `${d.id}:${d.year}:${versions[i]}:${d.total}`).join(',')}`;
        const kept = cache.get(key) as string | undefined;
        if (kept !== undefined) return cachedBody(c, kept, JSON_TYPE);
        const years = [];
        for (const [i, d] of docs.entries()) {
          const doc = await body(deps, versions[i]!);
          const total = doc.tables.find((t) => t.id === 'expenditure')?.rows.find((r) => r.key === 'total')?.cells ?? {};
          years.push({ year: d.year, documentId: d.id, total: total.total ?? d.total, basic: total.basic ?? 0, project: total.project ?? 0 });
        }
        const chart = years.length
          ? (await charts()).trendChart('trend', `${e.name}历年支出预算`, years.map((y) => y.year), [
              { name: '支出合计', values: years.map((y) => y.total) },
              { name: '基本支出', values: years.map((y) => y.basic) },
              { name: '项目支出', values: years.map((y) => y.project) },
            ])
          : null;
        const text = JSON.stringify({ years, chart });
        cache.set(key, text, text.length * 2);
        return cachedBody(c, text, JSON_TYPE);
      },
    }),
  ];
}
