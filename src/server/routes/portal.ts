/** What the public portal needs: regions, entities, search, totals by 科目 and their drill-down. */
import { z } from 'zod';
import type { CatalogSet, Scheme } from '../../catalogs/catalog.js';
import { getEntity, listEntities, listRegions } from '../../store/entities.js';
import { searchEntities, searchNarrative } from '../../store/search.js';
import { subjectByEntity, subjectTotals } from '../../store/totals.js';
import { coverage } from '../../store/views.js';
import { TABLE_IDS } from '../../model/tables.js';
import { HttpError, route, type AnyRoute } from '../api.js';
import { keptJson } from '../cache.js';
import { entitySchema, idParams, page, paging, regionSchema } from '../schemas.js';

export interface SubjectHit {
  scheme: Scheme;
  code: string;
  name: string;
  level: number;
}

/** 科目 whose code starts with the query, or whose name holds it, in the newest edition of each scheme. */
export function searchSubjects(catalogs: CatalogSet, q: string, limit: number): SubjectHit[] {
  const out: SubjectHit[] = [];
  for (const scheme of ['function', 'economic-department'] as const) {
    const edition = catalogs.editions(scheme).at(-1);
    for (const e of edition?.entries.values() ?? []) {
      if (/^\d+$/.test(q) ? e.code.startsWith(q) : e.name.includes(q)) out.push({ scheme, code: e.code, name: e.name, level: e.level });
    }
  }
  return out.sort((a, b) => a.level - b.level || a.code.localeCompare(b.code)).slice(0, limit);
}

function subjectName(catalogs: CatalogSet, table: string, code: string, year: number): string | undefined {
  const scheme: Scheme = table === 'general-basic-economic' ? 'economic-department' : 'function';
  const found = catalogs.lookup(scheme, code, year);
  return found.status === 'known' ? found.entry.name : undefined;
}

const totalsQuery = z.object({
  table: z.enum(TABLE_IDS).default('expenditure').describe('按哪张表合计（默认支出预算总表；经济分类用 general-basic-economic）'),
  column: z.string().default('total').describe('列：total、basic、project、fiscal……'),
  region: z.string().optional(),
  years: z
    .string()
    .regex(/^\d{4}(,\d{4})*$/, '应为逗号分隔的年度，如 2024,2025')
    .optional()
    .transform((s) => s?.split(',').map(Number))
    .describe('年度，逗号分隔'),
});

export function portalRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/regions',
      tag: '门户',
      summary: '地区：单位数、（可见）文件数与年度',
      access: 'public',
      responses: { 200: { description: '地区', schema: z.object({ regions: z.array(regionSchema) }) } },
      async handler({ c, deps, actor }) {
        return keptJson(c, deps.db, async () => {
          return { regions: await listRegions(deps.db, actor) };
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/entities',
      tag: '门户',
      summary: '部门与单位（按地区、层级、类别、所属部门、名称筛选）',
      access: 'public',
      query: z.object({
        region: z.string().optional(),
        level: z.string().optional(),
        kind: z.enum(['department', 'unit']).optional(),
        parent: z.coerce.number().int().optional().describe('所属部门编号'),
        q: z.string().max(100).optional(),
        ...paging,
      }),
      responses: { 200: { description: '一页单位', schema: page(entitySchema) } },
      async handler({ c, deps, actor, query }) {
        return keptJson(c, deps.db, async () => {
          const { parent, ...rest } = query;
          const r = await listEntities(deps.db, actor, { ...rest, ...(parent ? { parentId: parent } : {}) });
          return { ...r, limit: query.limit, offset: query.offset };
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/entities/{id}',
      tag: '门户',
      summary: '一个部门或单位，及其下属单位',
      access: 'public',
      params: idParams,
      responses: { 200: { description: '单位', schema: entitySchema.extend({ children: z.array(entitySchema) }) } },
      async handler({ c, deps, actor, params }) {
        return keptJson(c, deps.db, async () => {
          const e = await getEntity(deps.db, actor, params.id);
          if (!e) throw new HttpError(404, 'not-found', `没有编号为 ${params.id} 的单位`);
          const children = await listEntities(deps.db, actor, { parentId: e.id, limit: 500, offset: 0 });
          return { ...e, children: children.items };
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/search',
      tag: '门户',
      summary: '搜索：单位名称、科目编码与名称、说明文字（中文；说明文字至少两个字）',
      access: 'public',
      query: z.object({ q: z.string().trim().min(1).max(50).describe('搜索词'), year: z.coerce.number().int().optional(), limit: z.coerce.number().int().min(1).max(50).default(10) }),
      responses: {
        200: {
          description: '三组结果',
          schema: z.object({
            entities: z.array(z.object({ id: z.number().int(), name: z.string(), kind: z.string(), region: z.string() })),
            subjects: z.array(z.object({ scheme: z.string(), code: z.string(), name: z.string(), level: z.number().int() })),
            paragraphs: z.array(z.object({ documentId: z.number().int(), entityId: z.number().int(), entityName: z.string(), year: z.number().int(), section: z.number().int(), paragraph: z.number().int(), heading: z.string(), snippet: z.string() })),
          }),
        },
      },
      async handler({ c, deps, actor, query }) {
        return keptJson(c, deps.db, async () => {
          const [entities, paragraphs] = await Promise.all([searchEntities(deps.db, query.q, query.limit), searchNarrative(deps.db, actor, query.q, query.limit, query.year)]);
          return { entities, subjects: searchSubjects(deps.catalogs, query.q, query.limit), paragraphs };
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/totals',
      tag: '门户',
      summary: '按科目合计（跨单位、跨年度；部门文件已含下属单位，不重复计算）：parent 的下一级科目，缺省为各类',
      access: 'public',
      query: totalsQuery.extend({ parent: z.string().regex(/^\d{3}(\d{2})?$/, '应为类（3 位）或款（5 位）编码').optional().describe('上级科目：类或款编码') }),
      responses: {
        200: {
          description: '各科目各年度的合计（分）',
          schema: z.object({
            table: z.string(),
            column: z.string(),
            parent: z.string().nullable(),
            years: z.array(z.number().int()),
            rows: z.array(z.object({ code: z.string(), name: z.string().nullable(), amounts: z.record(z.string(), z.number().int()), entities: z.record(z.string(), z.number().int()) })),
          }),
        },
      },
      async handler({ c, deps, actor, query }) {
        return keptJson(c, deps.db, async () => {
          const rows = await subjectTotals(deps.db, actor, query);
          const years = [...new Set(rows.map((r) => r.year))].sort();
          const byCode = new Map<string, { code: string; name: string | null; amounts: Record<string, number>; entities: Record<string, number> }>();
          for (const r of rows) {
            const e = byCode.get(r.code) ?? { code: r.code, name: subjectName(deps.catalogs, query.table, r.code, r.year) ?? null, amounts: {}, entities: {} };
            e.amounts[r.year] = r.amount;
            e.entities[r.year] = r.entities;
            byCode.set(r.code, e);
          }
          return { table: query.table, column: query.column, parent: query.parent ?? null, years, rows: [...byCode.values()] };
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/subjects/{code}',
      tag: '门户',
      summary: '一个科目在每个单位、每个年度的金额（下钻到单位）',
      access: 'public',
      params: z.object({ code: z.string().regex(/^\d{3}(\d{2}){0,2}$/, '应为 3、5 或 7 位科目编码') }),
      query: totalsQuery,
      responses: {
        200: {
          description: '各单位各年度',
          schema: z.object({
            code: z.string(),
            name: z.string().nullable(),
            rows: z.array(z.object({ documentId: z.number().int(), entityId: z.number().int(), entityName: z.string(), region: z.string(), year: z.number().int(), amount: z.number().int() })),
            coverage: z.record(z.string(), z.array(z.number().int())).describe('每个年度合计所含的单位（有文件的部门，及没有部门文件的单位）：两年的单位不同时，合计的增减不是同口径'),
          }),
        },
      },
      async handler({ c, deps, actor, params, query }) {
        return keptJson(c, deps.db, async () => {
          const [rows, covered] = await Promise.all([subjectByEntity(deps.db, actor, params.code, query), coverage(deps.db, actor, query.region ? { region: query.region } : {})]);
          return { code: params.code, name: subjectName(deps.catalogs, query.table, params.code, rows[0]?.year ?? new Date().getFullYear()) ?? null, rows, coverage: covered };
        });
      },
    }),
  ];
}
