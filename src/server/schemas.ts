/** Shapes the API answers with (zod, so that the OpenAPI document says exactly what is sent). */
import { z } from 'zod';
import { ROLES, STATES, TRANSITION_NAMES } from '../workflow/workflow.js';

const fen = z.number().int().describe('金额（分）');
const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const idParams = z.object({ id: id.describe('编号') });

export const grantSchema = z.object({
  role: z.enum(ROLES).describe('preparer 编制人、reviewer 审核人、bureau 财政局、admin 管理员'),
  entityId: z.number().int().nullable().optional().describe('编制人所在单位、审核人所在部门'),
  entityName: z.string().nullable().optional(),
  region: z.string().nullable().optional().describe('财政局所管地区（空为全部）'),
});

export const userSchema = z.object({ id: z.number().int(), username: z.string(), displayName: z.string(), disabled: z.boolean(), grants: z.array(grantSchema) }).meta({ id: 'User' });

export const entityRefSchema = z.object({
  id: z.number().int(),
  name: z.string(),
  code: z.string().nullable(),
  kind: z.enum(['department', 'unit']).describe('department 部门、unit 单位'),
  region: z.string(),
  level: z.string(),
  parentId: z.number().int().nullable().describe('所属部门'),
  parentName: z.string().nullable(),
});

export const documentSchema = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    kind: z.enum(['budget', 'final']).describe('budget 预算、final 决算'),
    scope: z.enum(['department', 'unit']).describe('department 部门预算（汇总）、unit 单位预算'),
    state: z.enum(STATES).describe('draft 草稿、submitted 已提交、returned 已退回、approved 已审核通过、published 已公开'),
    revision: z.number().int().describe('修订号：每次修改或流转加一；修改与流转时须带上（乐观并发）'),
    version: z.number().int().nullable().describe('当前内容的版本号'),
    versionId: z.number().int().nullable(),
    publishedVersionId: z.number().int().nullable(),
    total: fen.describe('支出总计（分）'),
    errors: z.number().int().describe('校验错误数'),
    warnings: z.number().int(),
    infos: z.number().int(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
    entity: entityRefSchema,
    actions: z.array(z.enum(TRANSITION_NAMES)).optional().describe('当前用户此刻可做的流转'),
    editable: z.boolean().optional().describe('当前用户此刻能否修改'),
  })
  .meta({ id: 'Document' });

export const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), total: z.number().int(), limit: z.number().int(), offset: z.number().int() });

export const paging = {
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('每页条数（最多 500）'),
  offset: z.coerce.number().int().min(0).default(0).describe('跳过的条数'),
};

export const entitySchema = entityRefSchema.extend({ units: z.number().int().describe('下属单位数'), years: z.array(z.number().int()).describe('有（可见）文件的年度') }).meta({ id: 'Entity' });

export const versionSchema = z.object({ id: z.number().int(), version: z.number().int(), hash: z.string(), sourceName: z.string().nullable(), errors: z.number().int(), warnings: z.number().int(), infos: z.number().int(), createdBy: z.string().nullable(), createdAt: z.string() });

export const auditSchema = z.object({
  id: z.number().int(),
  at: z.string(),
  actor: z.string().describe('谁'),
  userId: z.number().int().nullable(),
  action: z.string().describe('import、edit、submit、return、reopen、approve、publish'),
  documentId: z.number().int().nullable(),
  version: z.number().int().nullable(),
  revision: z.number().int().nullable(),
  details: z.record(z.string(), z.unknown()).describe('改了什么：changes [{path, old, new}]、from/to、comment、source'),
});

export const changeSchema = z.object({ path: z.string(), old: z.union([z.number(), z.string()]).nullable(), new: z.union([z.number(), z.string()]).nullable() });

export const regionSchema = z.object({ region: z.string(), level: z.string(), entities: z.number().int(), documents: z.number().int(), years: z.array(z.number().int()) });

export const cellChangeSchema = z.object({
  table: z.string(),
  row: z.string(),
  column: z.string(),
  a: fen.nullable(),
  b: fen.nullable(),
  change: fen.describe('b − a（分）'),
  percent: z.number().nullable().describe('变动率（%），a 为 0 或缺时为 null'),
  status: z.enum(['added', 'removed', 'changed', 'same']),
});
