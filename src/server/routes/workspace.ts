/** The workspace: upload, live checking, editing with optimistic revisions, workflow transitions, users. */
import { z } from 'zod';
import { budgetDocumentSchema } from '../../model/document.js';
import { findingSchema } from '../../check/finding.js';
import { checkDocument } from '../../check/engine.js';
import { readIsolated } from '../../read/index.js';
import { defaultLimits, InternalReadError, ReadCancelled } from '../../read/isolate.js';
import { ImportError } from '../../read/errors.js';
import { cellsOf } from '../../publish/opendata/cells.js';
import { editsSchema } from '../../workflow/edit.js';
import { TRANSITION_NAMES } from '../../workflow/workflow.js';
import { editDocument, transitionDocument } from '../../store/changes.js';
import { ingestDocument } from '../../store/ingest.js';
import { createUser, listUsers } from '../../store/users.js';
import { getDocumentRecord } from '../../store/documents.js';
import { appendAudit } from '../../store/audit.js';
import type { CatalogSet } from '../../catalogs/catalog.js';
import { HttpError, route, type AnyRoute, type Ctx } from '../api.js';
import { changeSchema, documentSchema, grantSchema, userSchema } from '../schemas.js';
import { hashPassword } from '../passwords.js';
import { decorate } from './documents.js';

async function fileBody(c: Ctx): Promise<{ bytes: Uint8Array; name: string }> {
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  if (bytes.length === 0) throw new HttpError(400, 'empty', '请求体为空：请把文件内容作为请求体上传', '例如 curl --data-binary @文件 -H "Content-Type: application/octet-stream"。');
  const name = c.req.query('fileName') ?? c.req.header('x-file-name') ?? 'upload';
  return { bytes, name: decodeURIComponent(name) };
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
    return { doc: await readIsolated(bytes, name, { catalogs, requireAllTables: false }, limits), name };
  } catch (e) {
    if (e instanceof ImportError) throw new HttpError(422, e.code, `读不了文件“${name}”：${e.describe()}`, e.hint);
    if (e instanceof ReadCancelled) throw new HttpError(503, 'timeout', '请求处理超时：读取文件的进程都在忙', '请稍后重试。');
    if (e instanceof InternalReadError) throw new Error(`读取文件“${name}”时的内部错误：${e.message}`);
    throw e;
  }
}

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
        const { doc } = await readUpload(c, deps.catalogs);
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
        return c.json({ findings: checkDocument(body, { catalogs: deps.catalogs }) });
      },
    }),
    route({
      method: 'post',
      path: '/api/documents',
      tag: '工作台',
      summary: '上传本单位的预算文件：成为草稿的新版本（内容与当前版本相同时不增加版本）',
      description: '编制人上传本单位（entity）的文件；文件中的单位名称与地区须与之相符。请求体为文件本身。',
      access: 'signed-in',
      upload: true,
      query: z.object({ entity: z.coerce.number().int().positive().describe('单位编号'), fileName: z.string().optional() }),
      responses: { 201: { description: '已保存', schema: z.object({ status: z.enum(['new', 'version', 'unchanged']), document: documentSchema, findings: z.array(findingSchema) }) }, 403: { description: '不是该单位的编制人' }, 409: { description: '文件不是草稿' } },
      async handler({ c, deps, actor, query }) {
        if (!actor.grants.some((g) => g.role === 'preparer' && g.entityId === query.entity)) throw new HttpError(403, 'forbidden', '只有该单位的编制人可以上传它的预算文件');
        const { doc, name } = await readUpload(c, deps.catalogs);
        const r = await ingestDocument(deps.db, doc, { fileName: name, catalogs: deps.catalogs, actor, entityId: query.entity });
        return c.json({ status: r.status, document: decorate(actor, (await getDocumentRecord(deps.db, r.documentId))!), findings: r.findings }, 201);
      },
    }),
    route({
      method: 'patch',
      path: '/api/documents/{id}',
      tag: '工作台',
      summary: '修改草稿：单元格（分）与说明段落。须带上 revision：文件已被他人修改时返回 409，修改原样退回，不会丢失',
      access: 'signed-in',
      params: z.object({ id: z.coerce.number().int().positive() }),
      body: editsSchema.extend({ revision: z.number().int().min(0).describe('您看到的修订号') }),
      responses: {
        200: { description: '已保存：新的修订号与版本、改动（原值与新值）、新的校验结果', schema: z.object({ document: documentSchema, changes: z.array(changeSchema), findings: z.array(findingSchema) }) },
        409: { description: '修订号已过时（或文件不是草稿）；rejected 中是未保存的修改' },
      },
      async handler({ c, deps, actor, params, body }) {
        const { revision, ...edits } = body;
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
      body: z.object({ action: z.enum(TRANSITION_NAMES), revision: z.number().int().min(0), comment: z.string().max(2000).optional() }),
      responses: { 200: { description: '流转后的文件', schema: z.object({ document: documentSchema, changes: z.array(changeSchema) }) }, 403: { description: '无权' }, 409: { description: '状态不对或修订号过时' }, 422: { description: '有校验错误，不能提交' } },
      async handler({ c, deps, actor, params, body }) {
        const r = await transitionDocument(deps.db, deps.catalogs, actor, params.id, body.action, { revision: body.revision, ...(body.comment ? { comment: body.comment } : {}) });
        return c.json({ document: decorate(actor, r.document), changes: r.changes });
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
