/**
 * The 公开情况检查表 in the browser (zh-CN, 1280 and 390 px, axe-core): the preparer's unit uploads
 * a PDF of its draft carrying a defect reviewers catch (an obsolete 类 name) and submits it; the
 * reviewer opens the form from the document — filled in from the findings, the problem under
 * 预算编制说明 with a crop of the real page — rewrites that problem, adds a remark, returns the
 * document by the form, and the preparer reads the form's text as the return comment.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, newPage, shoot, signIn, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';
import { documentPdf } from '../src/publish/pdf/document.js';
import type { BudgetDocument } from '../src/model/document.js';

const demo = demoAndBrowser();
const UNIT = '上海市闵行区医疗保险事务中心';
const DEFECT = '医疗卫生与计划生育支出主要用于城乡医疗救助。';
const REWRITTEN = '请把“医疗卫生与计划生育支出”改为现行的类名“卫生健康支出”。';
const ADDED = '请补充医疗救助资金的测算依据。';
const DROPPED = '请核对项目名称。';

async function apiAs(username: string) {
  const base = demo.server.base;
  const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: demo.server.passwords[username] }) });
  const { token } = (await login.json()) as { token: string };
  return async (method: string, path: string, body?: unknown, type = 'application/json') => {
    const r = await fetch(base + path, { method, headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': type } : {}) }, ...(body !== undefined ? { body: body instanceof Uint8Array ? (body as unknown as BodyInit) : JSON.stringify(body) } : {}) });
    return { status: r.status, json: (await r.json()) as any };
  };
}

describe('公开情况检查表', () => {
  it('a reviewer opens the form with page crops, rewrites a problem, adds a remark and returns; the preparer reads the form', async () => {
    // The preparer uploads the draft as a PDF with the defect, and submits it (through the API: the upload page has its own tests).
    const prep = await apiAs('preparer');
    const draft = (await prep('GET', '/api/documents?year=2026')).json.items.find((d: any) => d.entity.name === UNIT);
    const content: BudgetDocument = (await prep('GET', `/api/documents/${draft.id}/content`)).json;
    const s = content.narrative.sections.find((x) => x.kind === 'budget-explanation') ?? content.narrative.sections[0]!;
    s.paragraphs.push({ text: DEFECT });
    const up = await prep('POST', `/api/documents?entity=${draft.entity.id}&fileName=${encodeURIComponent('医保中心2026.pdf')}`, await documentPdf(content), 'application/octet-stream');
    expect(up.status).toBe(201);
    const rec = (await prep('GET', `/api/documents/${draft.id}`)).json;
    expect((await prep('POST', `/api/documents/${draft.id}/transitions`, { action: 'submit', revision: rec.revision })).status).toBe(200);

    // The reviewer: from the document to its form.
    const rev = await newPage(demo.browser);
    const r = rev.page;
    await signIn(r, demo.server, 'reviewer');
    await r.goto(`${demo.server.base}/workspace/documents/${draft.id}`);
    await r.locator('[data-ready=editor]').waitFor();
    await r.getByRole('link', { name: '打开公开情况检查表' }).click();
    await r.locator('[data-ready=checklist]').waitFor({ timeout: 120_000 });
    expect(await r.locator('h1').textContent()).toBe('2026年度闵行区单位预算公开情况检查表');
    expect(await r.locator('.doc-facts').textContent()).toContain(`单位名称：${UNIT}`);
    expect(await r.getByText('截图取自上传的原文件“医保中心2026.pdf”。', { exact: false }).count()).toBe(1);
    const row = r.locator('tr', { has: r.getByRole('rowheader', { name: /预算编制说明/ }) });
    expect(await row.getByLabel('预算编制说明是否符合要求').inputValue()).toBe('否');
    const problem = row.locator('.checklist-problem', { hasText: 'words.obsolete-subject' });
    expect(await problem.count()).toBe(1);
    expect(await problem.locator('textarea').inputValue()).toContain('医疗卫生与计划生育支出');
    // The crop of the real page has loaded.
    const img = problem.locator('img.checklist-crop');
    await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth)).toBeGreaterThan(300);
    expect(await img.getAttribute('alt')).toMatch(/^原文件第 \d+ 页的截图，问题所在处以红框标出$/);

    // Rewrite the problem, add a remark under the same item, leave one other problem out if there is one.
    const label = (await problem.locator('textarea').getAttribute('id'))!;
    await r.locator(`#${label}`).fill(REWRITTEN);
    await row.getByRole('button', { name: '添加意见（预算编制说明）' }).click();
    await expect.poll(() => r.evaluate(() => (document.activeElement as HTMLTextAreaElement | null)?.tagName)).toBe('TEXTAREA');
    await r.keyboard.type(ADDED);
    // A second remark, then left out again (unticked): it stays on the form, not in the comment.
    await row.getByRole('button', { name: '添加意见（预算编制说明）' }).click();
    // The new remark's own empty box has the focus (not the button, whose value is '' too).
    await expect.poll(() => r.evaluate(() => { const a = document.activeElement as HTMLTextAreaElement | null; return a?.tagName === 'TEXTAREA' && a.value === ''; })).toBe(true);
    await r.keyboard.type(DROPPED);
    await row.locator('.checklist-problem').last().getByRole('checkbox', { name: /列入退回意见/ }).uncheck();
    // An item set by hand: 封面 does not pass.
    await r.getByLabel('封面是否符合要求').selectOption('否');
    const others = await r.locator('.checklist-problem textarea').evaluateAll((ts, re) => ts.map((t) => (t as HTMLTextAreaElement).value).filter((v) => v !== re.a && v !== re.b && v !== re.c), { a: REWRITTEN, b: ADDED, c: DROPPED });
    let leftOut: string | undefined;
    if (others.length) {
      leftOut = others[0];
      // Counted over the problems themselves: an item's problems are not all in one list of boxes.
      const n = await r.locator('.checklist-problem').evaluateAll((ps, v) => ps.findIndex((p) => p.querySelector('textarea')?.value === v), leftOut);
      await r.locator('.checklist-problem').nth(n).getByRole('checkbox', { name: /列入退回意见/ }).uncheck();
    }
    await r.getByRole('button', { name: '保存检查表' }).click();
    await expect.poll(() => r.getByRole('status').filter({ hasText: '已保存检查表' }).textContent()).toBe('已保存检查表（第 1 次修改）');
    const preview = (await r.locator('.checklist-preview pre').textContent())!;
    expect(preview).toContain(`预算编制说明：否\n`);
    expect(preview).toMatch(new RegExp(`  \\d+\\. ${REWRITTEN.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n  \\d+\\. ${ADDED}\\n`));
    if (leftOut) expect(preview).not.toContain(leftOut);
    expect(preview).not.toContain(DROPPED);
    expect(preview).toContain('内容规范性 · 封面：否\n');
    expect(await seriousViolations(r)).toEqual([]);
    await problem.scrollIntoViewIfNeeded();
    await shoot(r, 'checklist');

    // The same form on a phone, read by the bureau.
    const phone = await newPage(demo.browser, PHONE);
    await signIn(phone.page, demo.server, 'bureau');
    await phone.page.goto(`${demo.server.base}/workspace/documents/${draft.id}/review`);
    await phone.page.locator('[data-ready=checklist]').waitFor({ timeout: 60_000 });
    expect(await phone.page.locator('.doc-facts').textContent()).toContain('修改于');
    expect(await phone.page.locator('.checklist-problem textarea').evaluateAll((ts) => ts.map((t) => (t as HTMLTextAreaElement).value))).toEqual(expect.arrayContaining([REWRITTEN, ADDED, DROPPED]));
    expect(await phone.page.getByLabel('封面是否符合要求').inputValue()).toBe('否');
    expect(await seriousViolations(phone.page)).toEqual([]);
    await phone.page.locator('img.checklist-crop').first().scrollIntoViewIfNeeded();
    await shoot(phone.page, 'checklist');

    // Return by the form: back on the document, returned.
    await r.getByRole('button', { name: '按检查表退回' }).click();
    await r.locator('[data-ready=editor]').waitFor();
    await expect.poll(() => r.locator('.doc-facts .state').textContent()).toBe('已退回');

    // The preparer sees the form's text as the comment.
    const p = await newPage(demo.browser, DESKTOP);
    await signIn(p.page, demo.server, 'preparer');
    await p.page.goto(`${demo.server.base}/workspace/documents/${draft.id}`);
    await p.page.locator('[data-ready=editor]').waitFor();
    const comment = (await p.page.locator('.return-comment .comment-text').textContent())!;
    expect(comment.startsWith(`2026年度闵行区单位预算公开情况检查表\n单位名称：${UNIT}\n`)).toBe(true);
    expect(comment).toContain(REWRITTEN);
    expect(comment).toContain(ADDED);
    expect(comment).toContain('内容规范性 · 封面：否\n');
    expect(comment).not.toContain(DROPPED);
    if (leftOut) expect(comment).not.toContain(leftOut);
    // The preparer has no form of their own to open.
    expect(await p.page.getByRole('link', { name: '检查表' }).count()).toBe(0);
    expect(await seriousViolations(p.page)).toEqual([]);
    await p.page.locator('.return-comment').scrollIntoViewIfNeeded();
    await shoot(p.page, 'checklist-returned');
    for (const x of [rev, phone, p]) {
      expect(x.errors).toEqual([]);
      await x.context.close();
    }
  }, 300_000);
});
