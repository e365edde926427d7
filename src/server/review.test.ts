/**
 * The 公开情况检查表 in the server (issue 15, part 4), on both drivers: the preparer uploads a PDF
 * of the unit's draft that carries a defect the reviewers catch (an obsolete 类 name), submits it;
 * the reviewer opens the form — filled in from the findings, the problem under 预算编制说明 with a
 * crop of the real page — unticks one problem, rewrites another, adds a remark, saves (a stale
 * save is refused), returns the document with the form's text, and the preparer reads that text
 * as the return comment. Who may see and change the form is the access matrix's `review`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { DRIVERS, openTestStore, type TestStore } from '../../test/store-helpers.js';
import { createApp } from './app.js';
import { loadDemo } from './demo.js';
import { defaultAuthOptions } from './auth.js';
import { documentPdf } from '../publish/pdf/document.js';
import type { BudgetDocument } from '../model/document.js';
import type { EditableForm } from '../review/editable.js';
import { answer } from '../../test/helpers.js';

const UNIT = '上海市闵行区医疗保险事务中心';
const DEFECT = '医疗卫生与计划生育支出主要用于城乡医疗救助。';

describe.each(DRIVERS)('review form on %s', (driver) => {
  let store: TestStore;
  let app: ReturnType<typeof createApp>['app'];
  const tokens = new Map<string, string>();
  let id = 0;

  const call = async (who: string, method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const headers: Record<string, string> = tokens.has(who) ? { authorization: `Bearer ${tokens.get(who)}` } : {};
    if (body !== undefined) headers['content-type'] = contentType;
    return answer(await app.request(path, { method, headers, ...(body !== undefined ? { body: body instanceof Uint8Array ? (body as unknown as BodyInit) : JSON.stringify(body) } : {}) }));
  };
  const rec = async (who = 'reviewer') => (await call(who, 'GET', `/api/documents/${id}`)).json;

  beforeAll(async () => {
    store = await openTestStore(driver);
    const catalogs = builtinCatalogs();
    const users = await loadDemo(store.db, catalogs);
    ({ app } = createApp({ db: store.db, catalogs, auth: defaultAuthOptions() }));
    for (const u of users) {
      const r = await call('-', 'POST', '/api/auth/login', { username: u.username, password: u.password });
      tokens.set(u.username, r.json.token);
    }
    const list = await call('preparer', 'GET', '/api/documents?year=2026');
    const draft = list.json.items.find((d: any) => d.entity.name === UNIT);
    id = draft.id;
    // The draft as a PDF, with a sentence that calls 卫生健康支出 by its old name.
    const content: BudgetDocument = (await call('preparer', 'GET', `/api/documents/${id}/content`)).json;
    const s = content.narrative.sections.find((x) => x.kind === 'budget-explanation') ?? content.narrative.sections[0]!;
    s.paragraphs.push({ text: DEFECT });
    const pdf = await documentPdf(content);
    const up = await call('preparer', 'POST', `/api/documents?entity=${draft.entity.id}&fileName=${encodeURIComponent('医保中心2026.pdf')}`, pdf, 'application/octet-stream');
    expect(up.status).toBe(201);
    expect(up.json.status).toBe('version');
    const submit = await call('preparer', 'POST', `/api/documents/${id}/transitions`, { action: 'submit', revision: (await rec()).revision });
    expect(submit.status).toBe(200);
  }, 240_000);
  afterAll(async () => store?.close());

  it('fills the form in from the findings with page crops, lets the reviewer edit it, and returns its text as the comment', async () => {
    // The preparer does not see the form; the reviewer does.
    expect((await call('preparer', 'GET', `/api/documents/${id}/review-form`)).status).toBe(403);
    const r = await call('reviewer', 'GET', `/api/documents/${id}/review-form`);
    expect(r.status).toBe(200);
    const form: EditableForm = r.json.form;
    expect(r.json).toMatchObject({ revision: 0, updatedBy: null, editable: true });
    expect(form.title).toBe('2026年度闵行区单位预算公开情况检查表');
    expect(form.entityLabel).toBe('单位名称');
    expect(form.entity).toBe(UNIT);
    expect(form.sourceNote).toBe('截图取自上传的原文件“医保中心2026.pdf”。');
    const explanation = form.rows.find((x) => x.id === 'explanation')!;
    expect(explanation.ok).toBe('否');
    const obsolete = explanation.problems.find((p) => p.rule === 'words.obsolete-subject')!;
    expect(obsolete).toMatchObject({ ticked: true, crop: true });
    expect(obsolete.text).toContain('医疗卫生与计划生育支出');
    expect(obsolete.text).toMatch(/^第\d+页第\d+行：/);

    // The crop is a PNG of the page.
    const png = await app.request(`/api/documents/${id}/review-form/crops/${obsolete.ordinal}`, { headers: { authorization: `Bearer ${tokens.get('reviewer')}` } });
    expect(png.status).toBe(200);
    expect(png.headers.get('content-type')).toBe('image/png');
    const bytes = new Uint8Array(await png.arrayBuffer());
    expect([...bytes.slice(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(bytes.length).toBeGreaterThan(2000);
    expect((await call('preparer', 'GET', `/api/documents/${id}/review-form/crops/${obsolete.ordinal}`)).status).toBe(403);
    expect((await call('reviewer', 'GET', `/api/documents/${id}/review-form/crops/99999`)).status).toBe(404);

    // Edit: rewrite the obsolete-name problem, untick every other problem, add a remark and an overall remark.
    const edited: EditableForm = structuredClone(form);
    for (const row of edited.rows) for (const p of row.problems) p.ticked = p.key === obsolete.key;
    const mine = edited.rows.find((x) => x.id === 'explanation')!;
    mine.problems.find((p) => p.key === obsolete.key)!.text = '“医疗卫生与计划生育支出”请改为“卫生健康支出”。';
    mine.problems.push({ key: 'added-1', text: '请补充医疗救助资金的测算依据。', ticked: true });
    edited.remarks = '请于三个工作日内修改后重新提交。';
    const saved = await call('reviewer', 'POST', `/api/documents/${id}/review-form`, { revision: 0, form: edited });
    expect(saved.status).toBe(200);
    expect(saved.json.revision).toBe(1);
    expect(saved.json.updatedBy).not.toBeNull();
    const text: string = saved.json.text;
    expect(text).toContain('预算编制说明：否\n  1. “医疗卫生与计划生育支出”请改为“卫生健康支出”。\n  2. 请补充医疗救助资金的测算依据。\n');
    expect(text).toContain('\n其他意见：请于三个工作日内修改后重新提交。\n');
    expect(text.startsWith('2026年度闵行区单位预算公开情况检查表\n单位名称：上海市闵行区医疗保险事务中心\n')).toBe(true);
    // Unticked problems stay on the form but not in the text.
    const others = form.rows.flatMap((x) => x.problems).filter((p) => p.key !== obsolete.key);
    for (const p of others) expect(text).not.toContain(p.text);
    // A save over a stale revision is refused; the stored form is the first save.
    expect((await call('reviewer', 'POST', `/api/documents/${id}/review-form`, { revision: 0, form })).status).toBe(409);
    expect((await call('reviewer', 'GET', `/api/documents/${id}/review-form`)).json.text).toBe(text);
    // Only the document's reviewer saves it: the bureau of another region does not even see the document, the preparer may not.
    expect((await call('preparer', 'POST', `/api/documents/${id}/review-form`, { revision: 1, form: edited })).status).toBe(403);

    // Return with the form's text: the preparer reads it in the audit log.
    const back = await call('reviewer', 'POST', `/api/documents/${id}/transitions`, { action: 'return', revision: (await rec()).revision, comment: text });
    expect(back.status).toBe(200);
    const audit = await call('preparer', 'GET', `/api/documents/${id}/audit`);
    const ret = audit.json.entries.find((e: any) => e.action === 'return');
    expect(ret.details.comment).toBe(text.trim());
    // A returned document's form no longer changes.
    expect((await call('reviewer', 'POST', `/api/documents/${id}/review-form`, { revision: 1, form: edited })).status).toBe(409);
  }, 240_000);
});
