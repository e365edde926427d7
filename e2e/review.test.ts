/**
 * The workflow's gaps, in the browser (zh-CN, 1280 and 390 px, axe-core): a department cannot be
 * submitted while its units are drafts, and says which, before the bureau finds out; a preparer
 * withdraws (撤回) a submission nobody reviewed; the reviewer of a resubmitted document sees what
 * changed since returning it (the paragraph, struck and added).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPage, shoot, signIn, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';

const demo = demoAndBrowser();
const DEPARTMENT = '上海市闵行区医疗保障局';
const UNIT = '上海市闵行区医疗保障局本级';
const OTHER = '上海市闵行区医疗保险事务中心';
const COMMENT = '请写明本单位承担的医疗救助工作。';
const ADDED = '负责医疗救助资金的统筹安排。';


async function open(page: Page, name: string): Promise<string> {
  await page.goto(demo.server.base + '/workspace');
  await page.locator('[data-ready=workspace]').waitFor();
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.locator('[data-ready=editor]').waitFor();
  return page.url();
}

async function act(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((n) => !Array.from(document.querySelectorAll('.transitions button')).some((b) => b.textContent === n), name);
}

const stateOf = (page: Page) => page.locator('.doc-facts .state').textContent();

describe('workflow gaps', () => {
  it('holds a department back while its units are drafts, lets a submission be withdrawn, and shows the reviewer what changed', async () => {
    const prep = await newPage(demo.browser);
    const p = prep.page;
    await signIn(p, demo.server, 'preparer2');

    // The department: its two units are drafts, said by name before anything is sent to the bureau.
    await open(p, DEPARTMENT);
    await expect.poll(() => p.locator('.unit-states').textContent()).toContain(`${UNIT} 草稿`);
    expect(await p.locator('.unit-states').textContent()).toContain(`${OTHER} 草稿`);
    const reason = (await p.locator('.transitions .sev-warning').textContent())!;
    expect(reason).toContain('下属单位的预算还没有全部审核通过，部门预算不能提交');
    expect(reason).toContain(`${UNIT}（草稿）`);
    expect(await p.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);
    expect(await seriousViolations(p)).toEqual([]);
    await shoot(p, 'department-held');

    // The unit: submitted, then withdrawn by its preparer before anyone reviewed it; back to a draft, editable.
    await p.locator('.unit-states').getByRole('link', { name: UNIT }).click();
    await p.locator('[data-ready=editor]').waitFor();
    const unitUrl = p.url();
    const id = /documents\/(\d+)/.exec(unitUrl)![1]!;
    await act(p, '提交审核');
    await expect.poll(() => stateOf(p)).toBe('已提交');
    await act(p, '撤回');
    await expect.poll(() => stateOf(p)).toBe('草稿');
    expect(await p.locator('.edit-bar').count()).toBe(1);
    await act(p, '提交审核');
    await expect.poll(() => stateOf(p)).toBe('已提交');

    // The reviewer returns it; the preparer reopens and adds a sentence; submits again.
    const rev = await newPage(demo.browser);
    const r = rev.page;
    await signIn(r, demo.server, 'reviewer');
    await r.goto(`${demo.server.base}/workspace/documents/${id}`);
    await r.locator('[data-ready=editor]').waitFor();
    expect(await r.getByRole('button', { name: '撤回' }).count()).toBe(0);
    expect(await r.locator('.since-return').count()).toBe(0);
    await r.getByLabel('审核意见（退回时必填）').fill(COMMENT);
    await act(r, '退回');
    await p.goto(unitUrl);
    await p.locator('[data-ready=editor]').waitFor();
    expect(await p.getByRole('button', { name: '撤回' }).count()).toBe(0);
    await act(p, '重新编辑');
    await p.getByRole('link', { name: '说明文字' }).click();
    await p.locator('[data-ready=narrative]').waitFor();
    const first = p.locator('.narrative-section textarea').nth(1);
    const text = await first.inputValue();
    await first.fill(`${text}${ADDED}`);
    await p.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => p.locator('.doc-facts').textContent()).toContain('第 2 版');
    await act(p, '提交审核');

    // The reviewer, on a desktop and on a phone: the change since the return, the added words marked.
    for (const viewport of [DESKTOP, PHONE]) {
      const x = viewport === DESKTOP ? rev : await newPage(demo.browser, viewport);
      if (viewport !== DESKTOP) await signIn(x.page, demo.server, 'reviewer');
      await x.page.goto(`${demo.server.base}/workspace/documents/${id}`);
      await x.page.locator('[data-ready=editor]').waitFor();
      const since = x.page.locator('.since-return');
      await expect.poll(() => since.locator('h2').textContent()).toBe('自退回以来的修改（第 1 版 → 第 2 版）');
      expect(await since.textContent()).toContain(COMMENT);
      expect(await since.locator('ins').textContent()).toBe(ADDED);
      expect(await since.locator('del').count()).toBe(0);
      expect(await since.locator('.diff-paragraphs li').count()).toBe(1);
      expect(await seriousViolations(x.page)).toEqual([]);
      await since.scrollIntoViewIfNeeded();
      await shoot(x.page, 'since-return');
      expect(x.errors).toEqual([]);
      if (viewport !== DESKTOP) await x.context.close();
    }

    // The department on a phone: still held (its unit is submitted, not yet approved).
    const phone = await newPage(demo.browser, PHONE);
    await signIn(phone.page, demo.server, 'preparer2');
    await open(phone.page, DEPARTMENT);
    await expect.poll(() => phone.page.locator('.transitions .sev-warning').textContent()).toContain(`${UNIT}（已提交）`);
    expect(await seriousViolations(phone.page)).toEqual([]);
    await shoot(phone.page, 'department-held');
    for (const x of [prep, rev, phone]) {
      expect(x.errors).toEqual([]);
      await x.context.close();
    }
  }, 240_000);
});
