/**
 * The portal's views across years and entities (issue 18): an entity's 科目 year by year, the
 * city's 三公经费 by department with the year before, the public list of projects with their
 * 测算 and 绩效目标, and any table on screen as an XLSX drawn by the publisher's grid code.
 * Amounts are 分 as stored; pages turn them into 万元 at the edge.
 */
import { z } from 'zod';
import type { CatalogSet, Scheme } from '../../catalogs/catalog.js';
import { TABLE_IDS } from '../../model/tables.js';
import { estimateView } from '../../projects/edit.js';
import { formatIndicator } from '../../projects/performance.js';
import { viewXlsx } from '../../publish/xlsx/view-sheet.js';
import { getEntity } from '../../store/entities.js';
import { entitySubjectSeries, projectDocuments, threePublicCells } from '../../store/views.js';
import { HttpError, route, sendJson, type AnyRoute } from '../api.js';
import { storeCache } from '../cache.js';
import { idParams, paging } from '../schemas.js';
import { body } from './documents.js';

const fen = z.number().int().describe('金额（分）');
const year = z.coerce.number().int().min(1990).max(2100);

function subjectName(catalogs: CatalogSet, table: string, code: string, y: number): string | null {
  const scheme: Scheme = table === 'general-basic-economic' ? 'economic-department' : 'function';
  const found = catalogs.lookup(scheme, code, y);
  return found.status === 'known' ? found.entry.name : null;
}

/** The columns of the 三公经费 table the city view shows, in printed order. */
export const THREE_PUBLIC_COLUMNS = ['total', 'abroad', 'vehicle', 'vehicle-purchase', 'vehicle-operation', 'reception', 'office-operation'] as const;

const threePublicAmounts = z.object(Object.fromEntries(THREE_PUBLIC_COLUMNS.map((k) => [k, fen])) as Record<(typeof THREE_PUBLIC_COLUMNS)[number], typeof fen>);

const projectSchema = z.object({
  documentId: z.number().int(),
  index: z.number().int().describe('文件中的第几个项目（从 0 起）'),
  entityId: z.number().int(),
  entityName: z.string(),
  region: z.string(),
  year: z.number().int(),
  name: z.string(),
  subject: z.object({ code: z.string(), name: z.string().nullable() }).nullable(),
  implementer: z.string().nullable(),
  period: z.string().nullable(),
  basis: z.array(z.string()).describe('立项依据所引文号'),
  annualBudget: fen.nullable(),
  annualBudgetText: z.string().nullable(),
  estimate: z.object({
    lines: z.array(z.object({ text: z.string(), label: z.string(), computed: fen, amountText: z.string().nullable(), status: z.enum(['ok', 'mismatch', 'unstated']) })),
    total: fen,
    budget: z.enum(['ok', 'mismatch', 'none']).describe('测算合计与年度预算：相符、不符、文中没有年度预算'),
  }),
  performance: z.object({
    overall: z.string().nullable(),
    annual: z.string().nullable(),
    indicators: z.array(z.object({ category: z.string().nullable(), text: z.string() })),
  }),
});
type ProjectItem = z.infer<typeof projectSchema>;

const gridSchema = z.object({
  title: z.string().min(1).max(200),
  subtitle: z.string().max(500).optional(),
  unit: z.enum(['yuan', 'wanyuan']),
  columns: z.array(z.enum(['code', 'name', 'label', 'number'])).min(1).max(60),
  headerRows: z.number().int().min(1).max(6),
  header: z.array(z.object({ text: z.string().max(200), row: z.number().int().min(0).max(5), col: z.number().int().min(0).max(59), rowspan: z.number().int().min(1).max(6), colspan: z.number().int().min(1).max(60) })).max(400),
  body: z
    .array(
      z.object({
        total: z.boolean().default(false),
        cells: z.array(z.object({ text: z.string().max(500), amount: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).optional(), level: z.number().int().min(0).max(6).optional() })).max(60),
      }),
    )
    .max(5000),
});

/** A file name the browser keeps: the title without characters file systems refuse. */
const fileName = (title: string) => `${title.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '').slice(0, 80) || 'table'}.xlsx`;

export function viewRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/entities/{id}/subjects',
      tag: '门户',
      summary: '一个部门或单位历年的科目金额（分）：parent 的下一级科目，缺省为各类',
      access: 'public',
      params: idParams,
      query: z.object({
        table: z.enum(TABLE_IDS).default('expenditure').describe('哪张表（默认支出预算总表）'),
        column: z.string().max(40).default('total').describe('列：total、basic、project……'),
        parent: z.string().regex(/^\d{3}(\d{2})?$/, '应为类（3 位）或款（5 位）编码').optional(),
      }),
      responses: {
        200: {
          description: '历年各科目',
          schema: z.object({
            years: z.array(z.object({ year: z.number().int(), documentId: z.number().int() })),
            rows: z.array(z.object({ code: z.string(), name: z.string().nullable(), amounts: z.record(z.string(), fen) })),
          }),
        },
      },
      async handler({ c, deps, actor, params, query }) {
        const e = await getEntity(deps.db, actor, params.id);
        if (!e) throw new HttpError(404, 'not-found', `没有编号为 ${params.id} 的单位`);
        const rows = await entitySubjectSeries(deps.db, actor, e.id, query);
        const years = new Map<number, number>();
        const byCode = new Map<string, { code: string; name: string | null; amounts: Record<string, number> }>();
        for (const r of rows) {
          years.set(r.year, r.documentId);
          const x = byCode.get(r.code) ?? { code: r.code, name: subjectName(deps.catalogs, query.table, r.code, r.year), amounts: {} };
          x.amounts[r.year] = r.amount;
          byCode.set(r.code, x);
        }
        return sendJson(c, { years: [...years].sort((a, b) => a[0] - b[0]).map(([y, documentId]) => ({ year: y, documentId })), rows: [...byCode.values()] });
      },
    }),
    route({
      method: 'get',
      path: '/api/three-public',
      tag: '门户',
      summary: '全市“三公”经费：一个年度的每个部门（及没有部门文件的单位）的预算数，与上年同一单位比较',
      access: 'public',
      query: z.object({ year: year.optional().describe('年度；缺省为有文件的最近一年'), region: z.string().max(100).optional() }),
      responses: {
        200: {
          description: '各部门',
          schema: z.object({
            year: z.number().int().nullable(),
            years: z.array(z.number().int()),
            rows: z.array(
              z.object({
                documentId: z.number().int(),
                entityId: z.number().int(),
                entityName: z.string(),
                region: z.string(),
                amounts: threePublicAmounts.nullable().describe('本年；null = 表中没有数字'),
                prior: z.object({ documentId: z.number().int(), amounts: threePublicAmounts.nullable() }).nullable().describe('上年同一单位；null = 没有上年文件'),
              }),
            ),
          }),
        },
      },
      async handler({ c, deps, actor, query }) {
        const cells = await threePublicCells(deps.db, actor, { years: [], ...(query.region ? { region: query.region } : {}) });
        const years = [...new Set(cells.map((r) => r.year))].sort((a, b) => a - b);
        const shown = query.year ?? years.at(-1) ?? null;
        const docs = new Map<number, { documentId: number; entityId: number; entityName: string; region: string; year: number; amounts: Record<string, number> | null }>();
        for (const r of cells) {
          if (r.year !== shown && r.year !== (shown ?? 0) - 1) continue;
          const d = docs.get(r.documentId) ?? { documentId: r.documentId, entityId: r.entityId, entityName: r.entityName, region: r.region, year: r.year, amounts: null };
          if (r.column && r.amount !== null && (THREE_PUBLIC_COLUMNS as readonly string[]).includes(r.column)) {
            d.amounts ??= Object.fromEntries(THREE_PUBLIC_COLUMNS.map((k) => [k, 0]));
            d.amounts[r.column] = r.amount;
          }
          docs.set(r.documentId, d);
        }
        const all = [...docs.values()];
        const rows = all
          .filter((d) => d.year === shown)
          .map((d) => {
            const p = all.find((x) => x.year === d.year - 1 && x.entityId === d.entityId);
            return { documentId: d.documentId, entityId: d.entityId, entityName: d.entityName, region: d.region, amounts: d.amounts, prior: p ? { documentId: p.documentId, amounts: p.amounts } : null };
          });
        return sendJson(c, { year: shown, years, rows });
      },
    }),
    route({
      method: 'get',
      path: '/api/projects',
      tag: '门户',
      summary: '项目：各文件“项目经费情况说明”中的项目，及其测算（每行乘积核对）与绩效目标',
      access: 'public',
      query: z.object({ year: year.optional(), region: z.string().max(100).optional(), q: z.string().trim().max(50).optional().describe('项目名称或单位名称中的文字'), ...paging }),
      responses: {
        200: {
          description: '一页项目，及全部符合条件的项目的个数与年度预算合计',
          schema: z.object({
            years: z.array(z.number().int()),
            items: z.array(projectSchema),
            total: z.number().int().describe('符合条件的项目数'),
            limit: z.number().int(),
            offset: z.number().int(),
            stated: z.number().int().describe('其中写明了年度预算金额的项目数'),
            statedSum: z.number().int().describe('这些项目的年度预算合计（分）'),
          }),
        },
      },
      async handler({ c, deps, actor, query }) {
        const docs = await projectDocuments(deps.db, actor, query.region ? { region: query.region } : {});
        // The projects of a version never change: kept per version in the store's cache.
        const cache = storeCache(deps.db);
        const items: ProjectItem[] = [];
        const years = new Set<number>();
        for (const d of docs) {
          const key = `projects|${d.versionId}`;
          let list = cache.get(key) as ProjectItem[] | undefined;
          if (!list) {
            const doc = await body(deps, d.versionId);
            list = doc.narrative.projects.map((p, index): ProjectItem => {
              const v = estimateView(p);
              return {
                documentId: d.documentId,
                index,
                entityId: d.entityId,
                entityName: d.entityName,
                region: d.region,
                year: d.year,
                name: p.name,
                subject: p.subject ? { code: p.subject.code, name: p.subject.name ?? null } : null,
                implementer: p.implementer ?? null,
                period: p.period?.text ?? null,
                basis: (p.basis ?? []).map((b) => b.number),
                annualBudget: p.annualBudget ?? null,
                annualBudgetText: p.annualBudgetText ?? null,
                estimate: {
                  lines: v.rows.map((r) => ({ text: r.line.text, label: r.line.label, computed: r.computed, amountText: r.line.amountText ?? null, status: r.status })),
                  total: v.total,
                  budget: !v.budget || !v.rows.length ? 'none' : v.budget.severity ? 'mismatch' : 'ok',
                },
                performance: {
                  overall: p.performance?.overall ?? null,
                  annual: p.performance?.annual ?? null,
                  indicators: (p.performance?.indicators ?? []).map((i) => ({ category: i.category ?? null, text: formatIndicator(i) })),
                },
              };
            });
            cache.set(key, list, JSON.stringify(list).length * 2);
          }
          if (list.length) years.add(d.year);
          for (const p of list) {
            if (query.year && p.year !== query.year) continue;
            if (query.q && !p.name.includes(query.q) && !p.entityName.includes(query.q)) continue;
            items.push(p);
          }
        }
        const stated = items.filter((p) => p.annualBudget !== null);
        return sendJson(c, {
          years: [...years].sort((a, b) => b - a),
          items: items.slice(query.offset, query.offset + query.limit),
          total: items.length,
          limit: query.limit,
          offset: query.offset,
          stated: stated.length,
          statedSum: stated.reduce((a, p) => a + p.annualBudget!, 0),
        });
      },
    }),
    route({
      method: 'post',
      path: '/api/tables/xlsx',
      tag: '门户',
      summary: '把页面上的一张表写成 XLSX（与发布的工作簿同一套表格版式代码；金额为精确数）',
      description: '请求体是表格的版式：表头各格（行、列、跨行、跨列）与各行的单元格（金额以分给出）。只排版，不读库。',
      access: 'public',
      body: gridSchema,
      maxBytes: 1024 * 1024,
      responses: { 200: { description: 'XLSX 工作簿', mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' } },
      async handler({ c, body: g }) {
        for (const h of g.header) {
          if (h.row + h.rowspan > g.headerRows || h.col + h.colspan > g.columns.length) throw new HttpError(400, 'bad-request', `表头“${h.text}”超出了表的范围（${g.headerRows} 行、${g.columns.length} 列）`);
        }
        const bytes = await viewXlsx({
          title: g.title,
          ...(g.subtitle ? { subtitle: g.subtitle } : {}),
          grid: {
            unit: g.unit,
            columns: g.columns.map((kind) => ({ kind, width: 8, align: kind === 'number' ? 'right' : kind === 'code' ? 'center' : 'left' })),
            header: g.header,
            headerRows: g.headerRows,
            body: g.body.map((r, i) => ({
              key: String(i),
              total: r.total,
              cells: g.columns.map((kind, j) => {
                const x = r.cells[j];
                if (!x) return { text: '', kind: 'empty' as const };
                if (kind === 'number' && x.amount !== undefined) return { text: x.text, amount: x.amount, kind: 'number' as const };
                return { text: x.text, kind: kind === 'number' ? ('label' as const) : kind, ...(x.level !== undefined ? { level: x.level } : {}) };
              }),
            })),
          },
        });
        const name = fileName(g.title);
        c.header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
        c.header('Content-Disposition', `attachment; filename="table.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`);
        c.header('Cache-Control', 'no-store');
        return c.body(bytes as unknown as string);
      },
    }),
  ];
}
