/** The workspace: upload, live checking, editing with optimistic revisions, workflow transitions, users. */
import { z } from 'zod';
import { budgetDocumentSchema } from '../../model/document.js';
import { findingSchema } from '../../check/finding.js';
import { checkDocument } from '../../check/engine.js';
import { readIsolated } from '../../read/index.js';
import { defaultLimits, InternalReadError, ReadCancelled } from '../../read/isolate.js';
import { ImportError } from '../../read/errors.js';
import { cellsOf } from '../../publish/opendata/cells.js';
import { EDIT_LIMITS, editCountRefusal, editsSchema, oversizedTable } from '../../workflow/edit.js';
import type { BudgetDocument } from '../../model/document.js';
import { STATES, TRANSITION_NAMES, unitsRefusal } from '../../workflow/workflow.js';
import { documentDiff } from '../../workflow/diff.js';
import { unitDocuments } from '../../store/changes.js';
import { documentAudit } from '../../store/audit.js';
import { versionBody as bodyOf, versionIdOf } from '../../store/documents.js';
import { allowed } from '../../workflow/access.js';
import { editDocument, transitionDocument } from '../../store/changes.js';
import { ingestDocument } from '../../store/ingest.js';
import { createUser, listUsers } from '../../store/users.js';
import { getDocumentRecord } from '../../store/documents.js';
import { changeEntity, createEntity } from '../../store/entities.js';
import { appendAudit } from '../../store/audit.js';
import { saveSource } from '../../store/review-forms.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { HttpError, findBadText, route, type AnyRoute, type Ctx } from '../api.js';
import { changeSchema, documentSchema, grantSchema, userSchema } from '../schemas.js';
import { hashPassword } from '../passwords.js';
import { decorate, mayReadHistory, readableDocument } from './documents.js';

async function fileBody(c: Ctx): Promise<{ bytes: Uint8Array; name: string }> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new HttpError(400, 'empty', '请求体为空：请把文件内容作为请求体上传', '例如 curl --data-binary @文件 -H "Content-Type: application/octet-stream"。');
  const raw = c.req.query('fileName') ?? c.req.header('x-file-name') ?? 'upload';
  let name: string;
  try {
    name = decodeURIComponent(raw);
  } catch {
    throw new HttpError(400, 'bad-escape', '文件名中有无效的 % 转义', '文件名请用 encodeURIComponent 编码（或不编码、只用可见字符）。');
  }
  if (findBadText(name)) throw new HttpError(400, 'bad-text', '文件名含有 NUL 字符或无效的 Unicode 文字', '请改用普通的文件名。');
  return { bytes, name };
}

/**
 * What the server will check or store of a read document: no text the store cannot keep, and no
 * table larger than a document may be (checking a 5,000-row table holds the server for seconds).
 */
function boundedDocument(doc: BudgetDocument, name: string): void {
  const bad = findBadText(doc);
  if (bad) throw new HttpError(422, 'bad-text', `文件“${name}”中 ${bad.path} 含有${bad.what}`, '请去掉这些字符后再上传。');
  const big = oversizedTable(doc);
  if (big) throw new HttpError(422, 'too-many-rows', `文件“${name}”：${big}`, '请核对文件；一份预算的表不会有这么多行。');
}

/**
 * An uploaded file is read in a child process (read/isolate.ts), off the event loop, within a
 * memory limit and a time limit under the request's 30 s; waiting for a free reader counts
 * against the request too, and a client that goes away stops its read.
 */
const UPLOAD_READ_MS = 25_000;
const UPLOAD_WAIT_MS = 29_000;

async function readUpload(c: Ctx, catalogs: CatalogSet) {
  const { bytes, name } = await fileBody(c);
  try {
    const signal = AbortSignal.any([c.req.raw.signal, AbortSignal.timeout(UPLOAD_WAIT_MS)]);
    const limits = { timeMs: Math.min(defaultLimits().timeMs, UPLOAD_READ_MS), signal };
    return { doc: await readIsolated(bytes, name, { catalogs, requireAllTables: false }, limits), name, bytes };
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(422, e.code, `读不了文件“${name}”：${e.describe()}`, e.hint);
    if (e instanceof ReadCancelled) throw new HttpError(503, 'timeout', '请求处理超时：读取文件的进程都在忙', '请稍后重试。');
    if (e instanceof InternalReadError) throw new Error(`读取文件“${name}”时的内部错误：${e.message}`);
    throw e;
  }
}

const cellDiffSchema = z.object({ table: z.string(), row: z.string(), column: z.string(), label: z.string().describe('《表》行 · 列'), old: z.number().int().nullable().describe('分'), new: z.number().int().nullable().describe('分') });
const paragraphDiffSchema = z.object({ section: z.string(), paragraph: z.number().int().describe('段号（从 1 起）'), old: z.string().nullable(), new: z.string().nullable() });

const readResult = z.object({ document: budgetDocumentSchema, findings: z.array(findingSchema), cells: z.number().int().describe('单元格数（cells.md）') });

export function workspaceRoutes(): AnyRoute[] {
  return [
    route({
      method: 'post',
      path: '/api/read',
      tag: '工作台',
      summary: '读一个文件看看读出了什么（不保存）：文档 JSON 与校验发现',
      description: '请求体为文件本身（PDF、文本或 budgetbook JSON），文件名放在查询参数 fileName 或请求头 X-File-Name。',
      access: 'signed-in',
      upload: true,
      responses: { 200: { description: '读出的文档', schema: readResult }, 422: { description: '读不了的文件（说明在哪里、如何处理）' } },
      async handler({ c, deps }) {
        const { doc, name } = await readUpload(c, deps.catalogs);
        boundedDocument(doc, name);
        return c.json({ document: doc, findings: checkDocument(doc, { catalogs: deps.catalogs }), cells: cellsOf(doc).length });
      },
    }),
    route({
      method: 'post',
      path: '/api/check',
      tag: '工作台',
      summary: '校验一份文档 JSON（编辑时即时校验；与命令行、浏览器中的是同一个校验器）',
      access: 'signed-in',
      body: budgetDocumentSchema,
      responses: { 200: { description: '校验发现', schema: z.object({ findings: z.array(findingSchema) }) } },
      async handler({ c, deps, body }) {
        const big = oversizedTable(body);
        if (big) throw new HttpError(422, 'too-many-rows', big, '一份预算的表不会有这么多行。');
        return c.json({ findings: checkDocument(body, { catalogs: deps.catalogs }) });
      },
    }),
    route({
      method: 'post',
      path: '/api/documents',
      tag: '工作台',
      summary: '上传本单位的预算文件：成为草稿的新版本（内容与当前版本相同时不增加版本）',
      description: '编制人上传本单位（entity）的文件；文件中的单位名称、地区与类别（部门或单位）须与之相符，部门文件列出的下属单位须已隶属于该部门，否则 422 并说明原因。上传从不新建单位或改变隶属关系。请求体为文件本身。',
      access: 'signed-in',
      upload: true,
      query: z.object({ entity: z.coerce.number().int().positive().describe('单位编号'), fileName: z.string().optional() }),
      responses: { 201: { description: '已保存', schema: z.object({ status: z.enum(['new', 'version', 'unchanged']), document: documentSchema, findings: z.array(findingSchema) }) }, 403: { description: '不是该单位的编制人' }, 409: { description: '文件不是草稿' }, 422: { description: '读不了的文件，或文件的单位、类别、下属单位与 entity 不符' } },
      async handler({ c, deps, actor, query }) {
        const [entity] = await deps.db.query<{ parentId: number | null; region: string; kind: 'department' | 'unit' }>('SELECT parent_id AS "parentId", region, kind FROM entities WHERE id = $1', [query.entity]);
        const ref = { entityId: query.entity, parentId: entity?.parentId ?? null, region: entity?.region ?? '', scope: entity?.kind ?? 'unit', state: 'draft' as const };
        if (!entity || !allowed(actor, ref, 'upload')) throw new HttpError(403, 'forbidden', '只有该单位的编制人可以上传它的预算文件', '单位与部门由管理员建立；上传只能成为本单位已有文件的新版本或新年度的草稿。');
        const { doc, name, bytes } = await readUpload(c, deps.catalogs);
        boundedDocument(doc, name);
        const r = await ingestDocument(deps.db, doc, { fileName: name, catalogs: deps.catalogs, actor, entityId: query.entity });
        // The file itself, for the reviewer's page crops (the 检查表, routes/review.ts).
        if (r.status !== 'unchanged') await saveSource(deps.db, (await versionIdOf(deps.db, r.documentId, r.version))!, name, bytes);
        return c.json({ status: r.status, document: decorate(actor, (await getDocumentRecord(deps.db, r.documentId))!), findings: r.findings }, 201);
      },
    }),
    route({
      method: 'patch',
      path: '/api/documents/{id}',
      tag: '工作台',
      summary: '修改草稿：单元格（分）与说明段落。须带上 revision：文件已被他人修改时返回 409，修改原样退回，不会丢失',
      description: `每次最多 ${EDIT_LIMITS.cells} 个单元格、${EDIT_LIMITS.paragraphs} 段、${EDIT_LIMITS.bytes / 1024} KB（超过时 413，请分批提交）；每张表最多 ${EDIT_LIMITS.tableRows} 行（超过时 422）。`,
      access: 'signed-in',
      maxBytes: EDIT_LIMITS.bytes,
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: editsSchema.extend({ revision: z.number().int().min(0).describe('您看到的修订号') }),
      responses: {
        200: { description: '已保存：新的修订号与版本、改动（原值与新值）、新的校验结果', schema: z.object({ document: documentSchema, changes: z.array(changeSchema), findings: z.array(findingSchema) }) },
        409: { description: '修订号已过时（或文件不是草稿）；rejected 中是未保存的修改' },
        413: { description: '一次修改太多（单元格、段落或字节数超过上限）' },
        422: { description: '修改后表的行数超过上限' },
      },
      async handler({ c, deps, actor, params, body }) {
        const { revision, ...edits } = body;
        const tooMany = editCountRefusal(edits);
        if (tooMany) throw new HttpError(413, 'too-many-edits', tooMany, '请分批提交修改。', { limit: { cells: EDIT_LIMITS.cells, paragraphs: EDIT_LIMITS.paragraphs } });
        try {
          const r = await editDocument(deps.db, deps.catalogs, actor, params.id, revision, edits);
          const { versionFindings } = await import('../../store/documents.js');
          return c.json({ document: decorate(actor, r.document), changes: r.changes, findings: await versionFindings(deps.db, r.document.versionId!) });
        } catch (e) {
          if ((e as { status?: number }).status === 409) Object.assign(e as object, { details: { ...((e as { details?: object }).details ?? {}), rejected: edits } });
          throw e;
        }
      },
    }),
    route({
      method: 'post',
      path: '/api/documents/{id}/transitions',
      tag: '工作台',
      summary: '流转：submit 提交、return 退回（须写原因）、reopen 重新编辑、approve 审核通过（部门：汇总下属单位）、publish 公开',
      access: 'signed-in',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.object({ action: z.enum(TRANSITION_NAMES), revision: z.number().int().min(0), comment: z.string().max(20000).optional() }),
      responses: { 200: { description: '流转后的文件', schema: z.object({ document: documentSchema, changes: z.array(changeSchema) }) }, 403: { description: '无权' }, 409: { description: '状态不对或修订号过时' }, 422: { description: '有校验错误，不能提交' } },
      async handler({ c, deps, actor, params, body }) {
        const r = await transitionDocument(deps.db, deps.catalogs, actor, params.id, body.action, { revision: body.revision, ...(body.comment ? { comment: body.comment } : {}) });
        return c.json({ document: decorate(actor, r.document), changes: r.changes });
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/units',
      tag: '工作台',
      summary: '部门预算的下属单位预算（同一年度）及其状态；refusal 为部门预算此刻不能提交的原因（全部审核通过后才能提交）',
      access: 'signed-in',
      params: z.object({ id: z.coerce.number().int().positive() }),
      responses: {
        200: { description: '下属单位的预算', schema: z.object({ units: z.array(z.object({ id: z.number().int(), name: z.string(), state: z.enum(STATES) })), refusal: z.string().optional() }) },
        404: { description: '没有此文件或无权查看' },
      },
      async handler({ c, deps, actor, params }) {
        const d = await readableDocument(deps, actor, params.id);
        const units = d.scope === 'department' ? await unitDocuments(deps.db, d) : [];
        const refusal = d.scope === 'department' ? unitsRefusal('submit', units) : undefined;
        return c.json({ units: units.map(({ id, name, state }) => ({ id, name, state })), ...(refusal ? { refusal } : {}) });
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/since-return',
      tag: '工作台',
      summary: '自上次退回以来的修改：退回时的版本与当前版本逐格、逐段对比（审核人复核用）；从未退回时 returned 为 null',
      access: 'signed-in',
      params: z.object({ id: z.coerce.number().int().positive() }),
      responses: {
        200: {
          description: '退回记录与修改',
          schema: z.object({
            returned: z.object({ at: z.string(), by: z.string(), comment: z.string().nullable(), version: z.number().int() }).nullable(),
            version: z.number().int().nullable().describe('当前版本'),
            cells: z.array(cellDiffSchema),
            paragraphs: z.array(paragraphDiffSchema),
          }),
        },
        403: { description: '无权查看历史' },
      },
      async handler({ c, deps, actor, params }) {
        const d = await readableDocument(deps, actor, params.id);
        mayReadHistory(actor, d);
        const entries = await documentAudit(deps.db, d.id, 10_000);
        const last = entries.filter((e) => e.action === 'return').at(-1);
        const then = last?.version != null ? await versionIdOf(deps.db, d.id, last.version) : undefined;
        if (!last || then === undefined || d.versionId === null) return c.json({ returned: null, version: d.version, cells: [], paragraphs: [] });
        const diff = documentDiff(await bodyOf(deps.db, then), await bodyOf(deps.db, d.versionId));
        const comment = typeof last.details.comment === 'string' ? last.details.comment : null;
        return c.json({ returned: { at: new Date(last.at).toISOString(), by: last.actor, comment, version: last.version }, version: d.version, ...diff });
      },
    }),
    route({
      method: 'post',
      path: '/api/entities',
      tag: '用户',
      summary: '新建部门或单位（管理员；上传从不新建单位）',
      access: 'admin',
      body: z.object({
        kind: z.enum(['department', 'unit']),
        name: z.string().min(2).max(100),
        region: z.string().min(2).max(50).describe('地区，如“上海市闵行区”'),
        level: z.string().min(2).max(20).describe('district、city……'),
        code: z.string().max(50).nullable().optional(),
        parentId: z.number().int().positive().nullable().optional().describe('所属部门编号（单位）'),
      }),
      responses: { 201: { description: '已创建', schema: z.object({ id: z.number().int() }) }, 409: { description: '同一地区已有同名单位' }, 422: { description: '所属部门无效' } },
      async handler({ c, deps, actor, body }) {
        return c.json({ id: await createEntity(deps.db, actor, body) }, 201);
      },
    }),
    route({
      method: 'patch',
      path: '/api/entities/{id}',
      tag: '用户',
      summary: '调整部门或单位的类别与隶属关系（管理员；上传从不改变它们）',
      access: 'admin',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: z.object({ kind: z.enum(['department', 'unit']).optional(), parentId: z.number().int().positive().nullable().optional().describe('新的所属部门；null 为不属于任何部门') }),
      responses: { 204: { description: '已调整' }, 404: { description: '没有此单位' }, 409: { description: '部门下还有单位，不能改为单位' }, 422: { description: '所属部门无效' } },
      async handler({ c, deps, actor, params, body }) {
        await changeEntity(deps.db, actor, params.id, body);
        return c.body(null, 204);
      },
    }),
    route({
      method: 'get',
      path: '/api/users',
      tag: '用户',
      summary: '用户及其角色（管理员）',
      access: 'admin',
      responses: { 200: { description: '用户', schema: z.object({ users: z.array(userSchema) }) } },
      async handler({ c, deps }) {
        return c.json({ users: await listUsers(deps.db) });
      },
    }),
    route({
      method: 'post',
      path: '/api/users',
      tag: '用户',
      summary: '新建用户并授予角色（管理员）',
      access: 'admin',
      body: z.object({ username: z.string().min(2).max(50).regex(/^[\w.@-]+$/, '只用字母、数字和 _ . @ -'), displayName: z.string().min(1).max(100), password: z.string().min(10, '密码至少 10 位').max(200), grants: z.array(grantSchema.omit({ entityName: true })).max(20) }),
      responses: { 201: { description: '已创建', schema: z.object({ id: z.number().int() }) }, 409: { description: '用户名已被使用' } },
      async handler({ c, deps, actor, body }) {
        const id = await createUser(deps.db, { username: body.username, displayName: body.displayName, passwordHash: await hashPassword(body.password), grants: body.grants });
        await appendAudit(deps.db, actor, { action: 'create-user', details: { userId: id, username: body.username, grants: body.grants } });
        return c.json({ id }, 201);
      },
    }),
  ];
}
