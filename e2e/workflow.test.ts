/**
 * The preparation workflow in the browser: a preparer edits a cell, sees the error on it as
 * she types, fixes it, submits; the reviewer returns it with a comment; the preparer sees the
 * comment, reopens, edits the narrative, submits again; the reviewer approves; the bureau
 * publishes; a visitor sees the document. Screenshots of every workspace page at both widths.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { DESKTOP, PHONE, CHROMIUM_MISSING, launch, newPage, skipWithoutChromium, shoot, signIn, startServer, type Server } from './harness.js';

let server: Server;
let browser: Browser;
const UNIT = '上海市闵行区医疗保险事务中心';
const COMMENT = '请在主要职能中写明本单位承担医疗救助的经办工作。';
const ADDED = '负责本区医疗救助的经办工作。';

beforeAll(async () => {
  if (CHROMIUM_MISSING) return;
  [server, browser] = await Promise.all([startServer(), launch()]);
}, 90_000);
beforeEach(skipWithoutChromium);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

async function openDraft(page: Page): Promise<string> {
  await page.goto(server.base + '/workspace');
  await page.locator('[data-ready=workspace]').waitFor();
  await page.getByRole('link', { name: UNIT }).first().click();
  await page.locator('[data-ready=editor]').waitFor();
  return page.url();
}

const errorsHeading = (page: Page) => page.locator('#h-findings').textContent();

async function act(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name, exact: true }).click();
  await page.waitForFunction((n) => !Array.from(document.querySelectorAll('.transitions button')).some((b) => b.textContent === n), name);
}

describe('a unit budget from draft to published', () => {
  it('is edited, checked as typed, submitted, returned, fixed, approved and published', async () => {
    const preparer = await newPage(browser);
    await signIn(preparer.page, server, 'preparer');
    const editorUrl = await openDraft(preparer.page);
    const id = /documents\/(\d+)/.exec(editorUrl)![1]!;
    const p = preparer.page;
    expect(await errorsHeading(p)).toContain('错误 0 条');

    // A 项 of the 支出预算总表, its 项目支出: typed wrong, the tables no longer agree.
    const cells = await p.locator('#table-expenditure tr[data-row]').evaluateAll((rows) =>
      rows.filter((r) => /^\d{7}$/.test(r.getAttribute('data-row')!) && (r.querySelector('td[data-column=project] input') as HTMLInputElement | null)?.value).map((r) => r.getAttribute('data-row')!),
    );
    expect(cells.length).toBeGreaterThan(0);
    const cell = p.locator(`#table-expenditure tr[data-row="${cells[0]}"] td[data-column=project]`);
    const original = await cell.locator('input').inputValue();
    await cell.locator('input').fill('1,000.00');
    // 联动修改 (on by default): the 款, 类, 合计 and the other tables follow, listed before saving.
    await expect.poll(() => p.locator('.linked-changes summary').textContent()).toMatch(/联动修改 \d+ 处/);
    expect(await p.locator('#table-expenditure td.filled').count()).toBeGreaterThan(0);
    expect(await p.locator('#table-income td.filled').count()).toBeGreaterThan(0);
    // Switched off, only this cell changes and the tables no longer agree.
    await p.getByLabel(/联动修改/).uncheck();
    await expect.poll(() => errorsHeading(p)).not.toContain('错误 0 条');
    await expect.poll(() => cell.getAttribute('class')).toContain('finding error');
    // Said to a screen reader too: the input is named by table, row and column, marked invalid, and described by its findings.
    expect(await cell.locator('input').getAttribute('aria-label')).toMatch(/支出预算总表 .+ 项目支出$/);
    expect(await cell.locator('input').getAttribute('aria-invalid')).toBe('true');
    expect(await cell.locator('input').getAttribute('aria-describedby')).toMatch(/^lf\d+/);
    await expect.poll(() => p.locator('.live-findings li.sev-error').first().textContent()).toContain('勾稽');
    await shoot(p, 'editor-error');
    expect(await p.getByRole('button', { name: '提交审核' }).isDisabled()).toBe(true);
    // Not an amount: said on the cell.
    await cell.locator('input').fill('12万');
    await cell.locator('input').focus();
    await expect.poll(() => p.locator('.cell-help').textContent()).toContain('不是金额');
    // Fixed: back to what agrees with the other tables, no error left; then ↓ moves to the amount below in the column.
    await cell.locator('input').fill(original);
    await cell.locator('input').press('ArrowDown');
    expect(await p.evaluate(() => document.activeElement?.closest('td')?.getAttribute('data-column'))).toBe('project');
    expect(await p.evaluate(() => document.activeElement?.closest('tr')?.getAttribute('data-row'))).not.toBe(cells[0]);
    await expect.poll(() => errorsHeading(p)).toContain('错误 0 条');
    await act(p, '提交审核');
    await expect.poll(() => p.locator('.doc-facts .state').textContent()).toBe('已提交');

    // The reviewer returns it with a comment.
    const reviewer = await newPage(browser);
    await signIn(reviewer.page, server, 'reviewer');
    const r = reviewer.page;
    await r.goto(`${server.base}/workspace/documents/${id}`);
    await r.locator('[data-ready=editor]').waitFor();
    expect(await r.getByRole('button', { name: '退回' }).isDisabled()).toBe(true);
    await r.getByLabel('审核意见（退回时必填）').fill(COMMENT);
    await shoot(r, 'review');
    await act(r, '退回');
    await expect.poll(() => r.locator('.doc-facts .state').textContent()).toBe('已退回');

    // The preparer sees the comment, reopens, adds the sentence to the narrative, submits again.
    await p.goto(editorUrl);
    await p.locator('[data-ready=editor]').waitFor();
    await expect.poll(() => p.locator('.return-comment').textContent()).toContain(COMMENT);
    await act(p, '重新编辑');
    await p.getByRole('link', { name: '说明文字' }).click();
    await p.locator('[data-ready=narrative]').waitFor();
    const first = p.locator('.narrative-section textarea').nth(1);
    const text = await first.inputValue();
    await first.fill(`${text}${ADDED}`);
    await p.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => p.locator('.doc-facts').textContent()).toContain('第 2 版');
    await shoot(p, 'narrative');
    await act(p, '提交审核');

    // Approved by the reviewer, published by the bureau.
    await r.goto(`${server.base}/workspace/documents/${id}`);
    await r.locator('[data-ready=editor]').waitFor();
    await act(r, '审核通过');
    await expect.poll(() => r.locator('.doc-facts .state').textContent()).toBe('已审核通过');
    const bureau = await newPage(browser);
    await signIn(bureau.page, server, 'bureau');
    await bureau.page.goto(`${server.base}/workspace/documents/${id}`);
    await bureau.page.locator('[data-ready=editor]').waitFor();
    await act(bureau.page, '公开');
    await expect.poll(() => bureau.page.locator('.doc-facts .state').textContent()).toBe('已公开');

    // The audit history tells it all, with the comment.
    await bureau.page.goto(`${server.base}/workspace/documents/${id}/audit`);
    await bureau.page.locator('[data-ready=audit]').waitFor();
    const history = (await bureau.page.locator('ol.audit').textContent())!;
    for (const word of ['公开', '审核通过', '提交审核', '修改', '退回', COMMENT]) expect(history).toContain(word);
    await shoot(bureau.page, 'audit');

    // A visitor (no session) sees it.
    const visitor = await newPage(browser);
    await visitor.page.goto(`${server.base}/documents/${id}`);
    await visitor.page.locator('[data-ready=document]').waitFor();
    expect(await visitor.page.locator('.doc-facts .state').textContent()).toBe('已公开');
    expect(await visitor.page.locator('article.doc').textContent()).toContain(ADDED);
    for (const x of [preparer, reviewer, bureau, visitor]) {
      expect(x.errors).toEqual([]);
      await x.context.close();
    }
  });
});

describe('two preparers at once', () => {
  it("keep the second writer's edits when the first saved meanwhile, to apply again on the new version", async () => {
    const pages = [await newPage(browser), await newPage(browser)];
    for (const { page } of pages) {
      await signIn(page, server, 'preparer2');
      await page.getByRole('link', { name: '上海市闵行区医疗保障局', exact: true }).first().click();
      await page.locator('[data-ready=editor]').waitFor();
    }
    const [a, b] = pages.map((x) => x.page) as [Page, Page];
    const amount = (p: Page, n: number) => p.locator('#table-three-public td[data-column] input').nth(n);
    await amount(a, 1).fill('1,234.00');
    await a.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => a.locator('.doc-facts').textContent()).toContain('第 2 版');
    await amount(b, 2).fill('2,345.00');
    await b.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => b.locator('.error-box').textContent()).toContain('文件已被他人修改');
    await shoot(b, 'editor-stale');
    await b.getByRole('button', { name: /载入他人保存的内容/ }).click();
    await expect.poll(() => b.locator('.doc-facts').textContent()).toContain('第 2 版');
    // Both edits now: the other writer's, saved, and this one's, applied again and waiting to be saved.
    expect(await amount(b, 1).inputValue()).toBe('1,234.00');
    expect(await amount(b, 2).inputValue()).toBe('2,345.00');
    await b.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => b.locator('.doc-facts').textContent()).toContain('第 3 版');
    for (const x of pages) {
      expect(x.errors).toEqual([]);
      await x.context.close();
    }
  });
});

describe('screenshots of the workspace', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(browser, viewport);
      await page.goto(server.base + '/login');
      await shoot(page, 'login');
      await signIn(page, server, 'preparer2');
      await page.locator('[data-ready=workspace]').waitFor();
      await shoot(page, 'workspace');
      const draft = page.getByRole('link', { name: '上海市闵行区医疗保障局本级' }).first();
      await draft.click();
      await page.locator('[data-ready=editor]').waitFor();
      await shoot(page, 'editor');
      const url = page.url();
      for (const [path, ready, name] of [
        ['/narrative', 'narrative', 'narrative-draft'],
        ['/audit', 'audit', 'audit-draft'],
      ] as const) {
        await page.goto(url + path);
        await page.locator(`[data-ready=${ready}]`).waitFor();
        await shoot(page, name);
      }
      // The draft's project: a 测算 line added, its product shown, the narrative rewritten and saved.
      await page.goto(url + '/projects/0');
      await page.locator('[data-ready=project]').waitFor();
      if (viewport === DESKTOP) {
        await page.getByLabel('费用名称').fill('伙食费');
        await page.getByLabel('数量').fill('16人');
        await page.getByLabel('单价').fill('4800元');
        await page.getByRole('button', { name: '增加一行' }).click();
        // 16 × 4,800.00 元 = 76,800.00 元 (7.68 万元).
        await expect.poll(() => page.locator('table.estimate tbody tr').last().textContent()).toContain('76,800.00 元');
        await page.getByRole('button', { name: /保存（改写说明/ }).click();
        await expect.poll(() => page.locator('.doc-facts').textContent()).toContain('第 2 版');
        await expect.poll(() => page.locator('table.estimate tbody tr').count()).toBe(1);
      }
      await shoot(page, 'project');
      // A published unit's project, read only: 003's 测算, five lines, each product as stated.
      await page.goto(server.base + '/workspace/documents/2');
      await page.locator('[data-ready=editor]').waitFor();
      await page.getByRole('link', { name: '非编人员经费' }).click();
      await page.locator('[data-ready=project]').waitFor();
      await expect.poll(() => page.locator('table.estimate tbody tr').count()).toBe(5);
      expect(await page.locator('table.estimate tbody').textContent()).not.toContain('不符');
      await shoot(page, 'project-003');
      await page.goto(server.base + '/workspace/upload');
      await page.locator('[data-ready=upload]').waitFor();
      await page.locator('input[type=file]').setInputFiles(new URL('../examples/000_29c3f64a6006ec81.txt', import.meta.url).pathname);
      await expect.poll(() => page.locator('.read-summary').count()).toBe(1);
      expect(await page.locator('.read-summary').textContent()).toContain('读出 9 张表');
      await shoot(page, 'upload');
      if (viewport === DESKTOP) {
        // 000 is the department's 2025 budget, not this unit's: refused, saying why.
        await page.getByRole('button', { name: '保存为草稿' }).click();
        await expect.poll(() => page.locator('.error-box').count()).toBe(1);
        expect(await page.locator('.error-box').textContent()).toMatch(/[\u4e00-\u9fa5]/);
        // The unit's own draft, as JSON, uploaded again: kept, the editor opens on it.
        const own = await page.evaluate(async (u) => (await fetch(u)).text(), url.replace('/workspace/documents/', '/api/documents/') + '/files/json');
        await page.locator('input[type=file]').setInputFiles({ name: 'own.json', mimeType: 'application/json', buffer: Buffer.from(own) });
        await expect.poll(() => page.locator('.read-summary').textContent()).toContain('读出');
        await page.getByRole('button', { name: '保存为草稿' }).click();
        await page.waitForURL(url);
        await page.locator('[data-ready=editor]').waitFor();
      }
      await page.goto(server.base + '/workspace/calculator');
      await page.locator('[data-ready=calculator]').waitFor();
      await expect.poll(() => page.locator('.grand').textContent()).toContain('163,200.00');
      await shoot(page, 'calculator');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
