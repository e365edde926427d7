/**
 * The finance bureau's 公开情况检查表 in the workspace (issue 15): a document's current version
 * reviewed as `budgetbook review` does — the form filled in from the version's findings, each
 * problem with a crop of the uploaded PDF's page (drawn in a child process, review/crops.ts) —
 * stored per version, edited by the reviewer, and sent back as the return comment.
 */
import { z } from 'zod';
import { buildForm } from '../../review/form.js';
import { editableForm, editableFormSchema, editableFormText, type EditableForm } from '../../review/editable.js';
import { cropsIsolated } from '../../review/crops.js';
import { isPdf } from '../../read/pdf/import.js';
import { documentRef, versionFindings, type DocumentRecord } from '../../store/documents.js';
import { createForm, getCrop, getForm, sourceOf, updateForm } from '../../store/review-forms.js';
import { allowed } from '../../workflow/access.js';
import { mayTransition, type Actor } from '../../workflow/workflow.js';
import { HttpError, cachedBody, route, type AnyRoute, type Deps } from '../api.js';
import { body as versionDoc, readableDocument } from './documents.js';

const formAnswer = z.object({
  version: z.number().int().describe('检查表所属的版本'),
  revision: z.number().int().describe('检查表的修订号（保存时带上）'),
  updatedBy: z.string().nullable().describe('最后修改检查表的人；未修改过为 null'),
  updatedAt: z.string(),
  editable: z.boolean().describe('您此刻能否修改并按它退回（文件已提交，且您是它的审核人）'),
  form: editableFormSchema,
  text: z.string().describe('检查表的文字：退回时作为审核意见'),
});

function mayReview(actor: Actor, d: DocumentRecord): void {
  if (!allowed(actor, documentRef(d), 'review')) throw new HttpError(403, 'review-forbidden', '公开情况检查表只有审核人和财政局可以查看', '编制人在文件退回后看到退回意见（检查表的文字）。');
}

const mayEdit = (actor: Actor, d: DocumentRecord) => d.state === 'submitted' && mayTransition(actor, documentRef(d), 'return');

/** Forms being made, per version: concurrent first requests wait for one child, not one each. */
const making = new Map<number, Promise<void>>();

async function makeForm(deps: Deps, d: DocumentRecord, versionId: number): Promise<void> {
  const doc = await versionDoc(deps, versionId);
  let findings = await versionFindings(deps.db, versionId);
  const source = await sourceOf(deps.db, d.id, versionId);
  let crops = new Map<number, Uint8Array>();
  let note: string;
  if (!source) note = '此版本不是上传的文件（或由命令行导入），没有原页截图；问题的位置见页码、表与行。';
  else if (!isPdf(source.bytes)) note = `原文件“${source.name}”不是 PDF，没有原页截图；问题的位置见行号、表与行。`;
  else {
    const r = await cropsIsolated(source.bytes, doc, findings);
    findings = r.findings;
    crops = r.crops;
    const from = source.version === d.version ? `截图取自上传的原文件“${source.name}”。` : `截图取自第 ${source.version} 版上传的原文件“${source.name}”（此后在工作台中修改过，截图中的数字可能是修改前的）。`;
    note = r.problem ? `${from}${r.problem}。` : from;
  }
  const form: EditableForm = { ...editableForm(buildForm(doc, findings), findings, new Set(crops.keys())), sourceNote: note };
  await createForm(deps.db, versionId, form, crops);
}

async function formOf(deps: Deps, d: DocumentRecord) {
  const versionId = d.versionId;
  if (versionId === null || d.version === null) throw new HttpError(404, 'not-found', '此文件尚无内容');
  let stored = await getForm(deps.db, versionId);
  if (!stored) {
    let p = making.get(versionId);
    if (!p) {
      p = makeForm(deps, d, versionId).finally(() => making.delete(versionId));
      making.set(versionId, p);
    }
    await p;
    stored = (await getForm(deps.db, versionId))!;
  }
  return { ...stored, version: d.version };
}

const params = z.object({ id: z.coerce.number().int().positive() });

export function reviewRoutes(): AnyRoute[] {
  return [
    route({
      method: 'get',
      path: '/api/documents/{id}/review-form',
      tag: '工作台',
      summary: '公开情况检查表：当前版本按财政局的检查表审核（由校验发现填写，每个问题附原页截图），审核人修改后按它退回',
      description: '第一次打开时由该版本的校验发现填写并保存（上传的 PDF 在单独的进程中绘制截图）；以后返回保存的检查表。',
      access: 'signed-in',
      params,
      responses: { 200: { description: '检查表', schema: formAnswer }, 403: { description: '不是审核人或财政局' }, 404: { description: '没有此文件或无权查看' } },
      async handler({ c, deps, actor, params }) {
        const d = await readableDocument(deps, actor, params.id);
        mayReview(actor, d);
        const f = await formOf(deps, d);
        return c.json({ ...f, editable: mayEdit(actor, d), text: editableFormText(f.form) });
      },
    }),
    route({
      method: 'post',
      path: '/api/documents/{id}/review-form',
      tag: '工作台',
      summary: '保存审核人修改的检查表（勾选、改写、添加的意见）；须带上检查表的 revision，过时时 409',
      access: 'signed-in',
      maxBytes: 1024 * 1024,
      params,
      body: z.object({ revision: z.number().int().min(0), form: editableFormSchema }),
      responses: { 200: { description: '已保存', schema: formAnswer }, 403: { description: '不是该文件的审核人' }, 409: { description: '文件不是“已提交”，或检查表已被他人修改' } },
      async handler({ c, deps, actor, params, body }) {
        const d = await readableDocument(deps, actor, params.id);
        mayReview(actor, d);
        if (!mayTransition(actor, documentRef(d), 'return')) throw new HttpError(403, 'forbidden', '只有该文件的审核人可以修改检查表', '单位预算由主管部门的审核人或财政局审核，部门预算由财政局审核。');
        if (d.state !== 'submitted') throw new HttpError(409, 'state', '只有已提交、待审核的文件可以修改检查表', '文件退回或审核通过后，检查表不再修改。');
        await formOf(deps, d);
        await updateForm(deps.db, d.versionId!, body.revision, body.form, actor.userId);
        const f = await formOf(deps, d);
        return c.json({ ...f, editable: true, text: editableFormText(f.form) });
      },
    }),
    route({
      method: 'get',
      path: '/api/documents/{id}/review-form/crops/{ordinal}',
      tag: '工作台',
      summary: '检查表中一个问题的原页截图（PNG，问题所在处框出）；ordinal 为该版本校验发现的序号',
      access: 'signed-in',
      params: z.object({ id: z.coerce.number().int().positive(), ordinal: z.coerce.number().int().min(0) }),
      responses: { 200: { description: 'PNG', mediaType: 'image/png' }, 403: { description: '不是审核人或财政局' }, 404: { description: '没有这张截图' } },
      async handler({ c, deps, actor, params }) {
        const d = await readableDocument(deps, actor, params.id);
        mayReview(actor, d);
        const png = d.versionId !== null ? await getCrop(deps.db, d.versionId, params.ordinal) : undefined;
        if (!png) throw new HttpError(404, 'no-crop', `第 ${params.ordinal} 条发现没有原页截图`, '先打开检查表（GET …/review-form）；只有上传的 PDF 有截图。');
        return cachedBody(c, png, 'image/png');
      },
    }),
  ];
}
