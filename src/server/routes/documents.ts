/** Documents: lists, one document (record, content, cells, findings, versions, audit), published files, compare. */
import { z } from 'zod';
import { budgetDocumentSchema, type BudgetDocument } from '../../model/document.js';
import { findingSchema } from '../../check/finding.js';
import { cellsCsv, cellsOf } from '../../publish/opendata/cells.js';
import { FORMATS, fileName } from '../../publish/index.js';
import { compareCells } from '../../compare/compare.js';
import { STATES, availableTransitions, canEdit, canRead, type Actor } from '../../workflow/workflow.js';
import { allowed } from '../../workflow/access.js';
import { documentRef, getDocumentRecord, listDocuments, listVersions, versionBody, versionFindings, versionIdOf, type DocumentRecord } from '../../store/documents.js';
import { documentAudit } from '../../store/audit.js';
import { HttpError, cachedBody, notModified, route, sendJson, type AnyRoute, type Deps } from '../api.js';
import { auditSchema, cellChangeSchema, documentSchema, idParams, page, paging, versionSchema } from '../schemas.js';
import { downloadBase, publishedFile } from '../files.js';
import { DATA_CSP } from '../headers.js';
import { keptJson, storeCache, storeMemo } from '../cache.js';

export function decorate(actor: Actor, d: DocumentRecord): DocumentRecord & { actions?: string[]; editable?: boolean } {
  if (actor.userId === null) return d;
  const ref = documentRef(d);
  return { ...d, actions: availableTransitions(actor, ref), editable: canEdit(actor, ref) };
}

export async function readableDocument(deps: Deps, actor: Actor, id: number): Promise<DocumentRecord> {
  // The record is kept while the store is unchanged (storeMemo); who may read it is decided here, every time.
  const d = (await storeMemo(deps.db, `document|${id}`, () => 2048, async () => (await getDocumentRecord(deps.db, id)) ?? null)) ?? undefined;
  if (!d || !canRead(actor, documentRef(d))) throw new HttpError(404, 'not-found', `没有编号为 ${id} 的文件（或您无权查看）`, '请检查文件编号；未公开的文件只有相关单位、主管部门和财政局可以查看。');
  return d;
}

/**
 * The version to show: the one everyone who may read the document sees (the published one once
 * it is published; the current draft to those who may read drafts), or, with ?version=, an
 * earlier one to those the access matrix lets read the history (403 for the others).
 */
export async function shownVersion(deps: Deps, actor: Actor, d: DocumentRecord, version?: number): Promise<number> {
  const seen = d.state === 'published' ? d.publishedVersionId : d.versionId;
  if (seen === null) throw new HttpError(404, 'not-found', '此文件尚无内容');
  if (version === undefined || (version === d.version && seen === d.versionId)) return seen;
  mayReadHistory(actor, d);
  const v = await versionIdOf(deps.db, d.id, version);
  if (v === undefined) throw new HttpError(404, 'no-version', `文件 ${d.id} 没有第 ${version} 版`, `现有版本 1–${d.version}。`);
  return v;
}

/** 403 unless the actor may read the document's history (earlier versions, the version list, the audit log). */
export function mayReadHistory(actor: Actor, d: DocumentRecord): void {
  if (allowed(actor, documentRef(d), 'read-history')) return;
  throw new HttpError(
    403,
    'history-forbidden',
    `文件 ${d.id} 的历史（早先的版本、版本列表、审计记录）只有本单位、主管部门的审核人、财政局和管理员可以查看`,
    d.state === 'published' ? `不带 version 参数即可查看已公开的第 ${d.version} 版。` : '',
  );
}

/** Recently used entries of one store (version ids are a store's own: two stores in one process, as in the tests, share none). */
function perStore<T>(): (deps: Deps) => Map<number, T> {
  const maps = new WeakMap<object, Map<number, T>>();
  return (deps) => {
    let m = maps.get(deps.db);
    if (!m) maps.set(deps.db, (m = new Map()));
    return m;
  };
}

/** Parsed bodies of recent versions, shared by the cells, compare and file routes. */
const bodiesOf = perStore<BudgetDocument>();
export async function body(deps: Deps, versionId: number): Promise<BudgetDocument> {
  const bodies = bodiesOf(deps);
  const hit = bodies.get(versionId);
  if (hit) {
    bodies.delete(versionId);
    bodies.set(versionId, hit);
    return hit;
  }
  const doc = await versionBody(deps.db, versionId);
  bodies.set(versionId, doc);
  // Parsed documents are large (most answers made from them are kept as text, cache.ts): a few.
  if (bodies.size > 32) bodies.delete(bodies.keys().next().value!);
  return doc;
}

/** The cells CSV of recent versions: the most asked-for answer, made once per version. */
const csvsOf = perStore<string>();
async function cellsText(deps: Deps, versionId: number): Promise<string> {
  const csvs = csvsOf(deps);
  let text = csvs.get(versionId);
  if (text === undefined) {
    text = cellsCsv(await body(deps, versionId));
    csvs.set(versionId, text);
    if (csvs.size > 2000) csvs.delete(csvs.keys().next().value!);
  }
  return text;
}

const versionQuery = z.object({ version: z.coerce.number().int().positive().optional().describe('版本号（默认：已公开的版本，或有权查看草稿者的当前版本；早先的版本只有本单位、主管部门的审核人、财政局和管理员可以查看，其他人 403）') });
const vtag = (versionId: number, what: string) => `"v${versionId}-${what}"`;

export function documentRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/documents',
      tag: '文件',
      summary: '文件列表（按地区、年度、层级、部门或单位、状态筛选；公众只看到已公开的）',
      access: 'public',
      query: z.object({
        region: z.string().optional().describe('地区，如“上海市闵行区”'),
        year: z.coerce.number().int().optional(),
        level: z.string().optional().describe('district、city……'),
        scope: z.enum(['department', 'unit']).optional(),
        kind: z.enum(['budget', 'final']).optional(),
        state: z.enum(STATES).optional(),
        entity: z.coerce.number().int().optional().describe('单位或部门编号（只含它自己）'),
        department: z.coerce.number().int().optional().describe('部门编号（含其下属单位）'),
        q: z.string().max(100).optional().describe('单位名称中的文字'),
        sort: z.enum(['year', '-year', 'total', '-total', 'name', 'updated']).optional().describe('排序；-total 为支出总计从大到小'),
        ...paging,
      }),
      responses: { 200: { description: '一页文件', schema: page(documentSchema) } },
      async handler({ c, deps, actor, query }) {
        const { entity, department, ...rest } = query;
        return keptJson(c, deps.db, async () => {
          const r = await listDocuments(deps.db, actor, { ...rest, ...(entity ? { entityId: entity } : {}), ...(department ? { departmentId: department } : {}) });
          return { items: r.items.map((d) => decorate(actor, d)), total: r.total, limit: query.limit, offset: query.offset };
        });
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}',
      tag: '文件',
      summary: '一份文件的概况：单位、年度、状态、修订号、版本、金额、校验结果计数，以及当前用户可做的操作',
      access: 'public',
      params: idParams,
      responses: { 200: { description: '文件', schema: documentSchema }, 404: { description: '没有或无权查看' } },
      async handler({ c, deps, actor, params }) {
        return sendJson(c, decorate(actor, await readableDocument(deps, actor, params.id)));
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/content',
      tag: '文件',
      summary: '文件内容：budgetbook 文档 JSON（元数据、九张表，金额为分，说明文字及其中所述数字）',
      access: 'public',
      params: idParams,
      query: versionQuery,
      responses: { 200: { description: '文档', schema: budgetDocumentSchema } },
      async handler({ c, deps, actor, params, query }) {
        const d = await readableDocument(deps, actor, params.id);
        const v = await shownVersion(deps, actor, d, query.version);
        const tag = vtag(v, 'json');
        const hit = notModified(c, tag);
        if (hit) return hit;
        // A version never changes: its JSON is written once and kept (bounded, cache.ts).
        const cache = storeCache(deps.db);
        let text = cache.get(`content|${v}`) as string | undefined;
        if (text === undefined) {
          text = JSON.stringify(await body(deps, v));
          cache.set(`content|${v}`, text, text.length * 2);
        }
        return cachedBody(c, text, 'application/json; charset=utf-8', tag);
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/cells.csv',
      tag: '文件',
      summary: '单元格 CSV（开放数据格式 cells.md：table,row,column,amount，金额单位元）',
      access: 'public',
      params: idParams,
      query: versionQuery,
      responses: { 200: { description: 'CSV', mediaType: 'text/csv' } },
      async handler({ c, deps, actor, params, query }) {
        const d = await readableDocument(deps, actor, params.id);
        const v = await shownVersion(deps, actor, d, query.version);
        const tag = vtag(v, 'cells');
        const hit = notModified(c, tag);
        if (hit) return hit;
        c.header('Content-Disposition', `inline; filename="document-${d.id}-v${d.version}.cells.csv"`);
        return cachedBody(c, await cellsText(deps, v), 'text/csv; charset=utf-8', tag);
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/findings',
      tag: '文件',
      summary: '校验发现（规则、严重程度、中文说明、位置、两边的数）',
      access: 'public',
      params: idParams,
      query: versionQuery,
      responses: { 200: { description: '发现', schema: z.object({ findings: z.array(findingSchema) }) } },
      async handler({ c, deps, actor, params, query }) {
        const d = await readableDocument(deps, actor, params.id);
        const v = await shownVersion(deps, actor, d, query.version);
        return notModified(c, vtag(v, 'findings')) ?? sendJson(c, { findings: await versionFindings(deps.db, v) }, vtag(v, 'findings'));
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/versions',
      tag: '文件',
      summary: '版本历史（仅本单位、主管部门的审核人、财政局和管理员；其他人 403）',
      access: 'signed-in',
      params: idParams,
      responses: { 200: { description: '版本', schema: z.object({ versions: z.array(versionSchema) }) }, 403: { description: '无权查看历史' } },
      async handler({ c, deps, actor, params }) {
        const d = await readableDocument(deps, actor, params.id);
        mayReadHistory(actor, d);
        return sendJson(c, { versions: await listVersions(deps.db, d.id) });
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/audit',
      tag: '文件',
      summary: '审计记录：每次导入、修改与流转，谁、何时、改了什么（原值与新值）；仅本单位、主管部门的审核人、财政局和管理员',
      access: 'signed-in',
      params: idParams,
      query: z.object(paging),
      responses: { 200: { description: '审计记录', schema: z.object({ entries: z.array(auditSchema) }) }, 403: { description: '无权查看历史' } },
      async handler({ c, deps, actor, params, query }) {
        const d = await readableDocument(deps, actor, params.id);
        mayReadHistory(actor, d);
        return sendJson(c, { entries: await documentAudit(deps.db, d.id, query.limit, query.offset) });
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/files/{format}',
      tag: '文件',
      summary: `发布的文件：${FORMATS.join('、')}（首次请求时生成，按版本缓存）`,
      access: 'public',
      params: idParams.extend({ format: z.enum(FORMATS as unknown as [string, ...string[]]).describe('格式') }),
      query: versionQuery,
      responses: { 200: { description: '文件', mediaType: 'application/octet-stream' } },
      async handler({ c, deps, actor, params, query }) {
        const d = await readableDocument(deps, actor, params.id);
        const v = await shownVersion(deps, actor, d, query.version);
        const tag = vtag(v, params.format);
        const hit = notModified(c, tag);
        if (hit) return hit;
        const file = await publishedFile(deps, v, params.format as (typeof FORMATS)[number], () => body(deps, v));
        const base = downloadBase(d.entity.name, d.year);
        // Every download of a document shares its base name; the data package too (not a bare datapackage.json that collides).
        const name = params.format === 'datapackage' ? `${base}.datapackage.json` : fileName(params.format as (typeof FORMATS)[number], base);
        // A published page is a file to keep, never active content of this origin: downloaded, and sandboxed if shown.
        const html = params.format === 'html';
        c.header('Content-Disposition', `${html ? 'attachment' : 'inline'}; filename="budget.${name.split('.').slice(1).join('.')}"; filename*=UTF-8''${encodeURIComponent(name)}`);
        if (html) c.header('Content-Security-Policy', DATA_CSP);
        c.header('X-Content-Type-Options', 'nosniff');
        return cachedBody(c, file.bytes, file.mediaType, tag);
      },
    }),
    route({
      method: 'get',
      path: '/api/compare',
      tag: '比较',
      summary: '逐格比较两份文件（如同一单位两个年度）：每格两边的数、变动额（分）与变动率',
      access: 'public',
      query: z.object({ a: z.coerce.number().int().positive().describe('前一份文件编号'), b: z.coerce.number().int().positive().describe('后一份文件编号'), all: z.enum(['0', '1']).optional().describe('1：连未变的单元格也列出') }),
      responses: { 200: { description: '比较结果', schema: z.object({ a: documentSchema, b: documentSchema, counts: z.record(z.string(), z.number().int()), cells: z.array(cellChangeSchema) }) } },
      async handler({ c, deps, actor, query }) {
        const [a, b] = await Promise.all([readableDocument(deps, actor, query.a), readableDocument(deps, actor, query.b)]);
        const [va, vb] = await Promise.all([shownVersion(deps, actor, a), shownVersion(deps, actor, b)]);
        const result = compareCells(cellsOf(await body(deps, va)), cellsOf(await body(deps, vb)), { includeSame: query.all === '1' });
        return sendJson(c, { a: decorate(actor, a), b: decorate(actor, b), ...result });
      },
    }),
  ];
}
