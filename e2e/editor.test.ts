/**
 * The preparer's core task in the editor (issue 18, review H2, H3, M1, M2, L8–L10), at 1280 and 390 px in zh-CN:
 * one change to a 项 changes every linked figure in every table and is listed before saving; leaving with unsaved
 * edits asks first; "已保存" stays after the save; the header stays in view; "12abc" is not 12; a finding leads to
 * its cell; two people changing the same cell are asked, never overwritten. axe finds nothing serious.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPage, shoot, signIn, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';

const demo = demoAndBrowser();
const UNIT = '上海市闵行区医疗保险事务中心';


async function openDraft(page: Page, name = UNIT): Promise<void> {
  await page.goto(demo.server.base + '/workspace');
  await page.locator('[data-ready=workspace]').waitFor();
  await page.getByRole('link', { name, exact: true }).first().click();
  await page.locator('[data-ready=editor]').waitFor();
}

const yuan = (text: string) => Math.round(Number(text.replace(/,/g, '')) * 100);
const show = (fen: number) => (fen / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const heading = (page: Page) => page.locator('#h-findings').textContent();
/**
 * The errors the live checker finds in the tables (arithmetic, cross-table): what a change must not break. The
 * narrative's sentences state totals in 万元, so a changed total is rightly flagged there until the text is changed too.
 */
const errorCount = async (page: Page) => (await page.locator('.live-findings li.sev-error').evaluateAll((li) => li.map((x) => x.getAttribute('data-rule') ?? ''))).filter((r) => !r.startsWith('narrative.')).length;
const version = async (page: Page) => Number(/第 (\d+) 版/.exec((await page.locator('.doc-facts').textContent()) ?? '')?.[1]);

/** The first 项 of 支出预算总表 with a 项目支出 printed. */
async function firstItem(page: Page): Promise<string> {
  const rows = await page.locator('#table-expenditure tr[data-row]').evaluateAll((trs) =>
    trs.filter((r) => /^\d{7}$/.test(r.getAttribute('data-row')!) && (r.querySelector('td[data-column=project] input') as HTMLInputElement | null)?.value).map((r) => r.getAttribute('data-row')!),
  );
  expect(rows.length).toBeGreaterThan(0);
  return rows[0]!;
}

const input = (page: Page, table: string, row: string, column: string) => page.locator(`#table-${table} tr[data-row="${row}"] td[data-column="${column}"] input`);

describe('the editor', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`keeps every table consistent and the preparer's work safe, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      const dialogs: string[] = [];
      let answer = false;
      page.on('dialog', (d) => {
        dialogs.push(`${d.type()}:${d.message()}`);
        void (answer ? d.accept() : d.dismiss());
      });
      await signIn(page, demo.server, 'preparer');
      await openDraft(page);
      const before = await errorCount(page);
      expect(await seriousViolations(page)).toEqual([]);

      // +100 元 on a 项's 项目支出: its 合计, 款, 类 and 合计 here and the same 科目 in 收入预算总表 and the
      // 一般公共预算 function table move by 100 元, all listed before saving, and no new error appears.
      const row = await firstItem(page);
      const cls = row.slice(0, 3);
      const linkedCells: [string, string, string][] = [
        ['expenditure', row, 'total'],
        ['expenditure', cls, 'project'],
        ['expenditure', 'total', 'total'],
        ['income', row, 'total'],
        ['income', cls, 'total'],
        ['general-function', row, 'total'],
      ];
      const old = new Map<string, number>();
      for (const [t, r, c] of [['expenditure', row, 'project'] as [string, string, string], ...linkedCells]) old.set(`${t}|${r}|${c}`, yuan(await input(page, t, r, c).inputValue()));
      const edited = old.get(`expenditure|${row}|project`)! + 10_000;
      await input(page, 'expenditure', row, 'project').fill(show(edited));
      await expect.poll(() => page.locator('.linked-changes summary').textContent()).toMatch(/联动修改 \d+ 处/);
      for (const [t, r, c] of linkedCells) {
        await expect.poll(() => input(page, t, r, c).inputValue(), { message: `${t} ${r} ${c}` }).toBe(show(old.get(`${t}|${r}|${c}`)! + 10_000));
        expect(await page.locator(`#table-${t} tr[data-row="${r}"] td[data-column="${c}"]`).getAttribute('class')).toContain('filled');
      }
      const listed = (await page.locator('.linked-changes').textContent())!;
      expect(listed).toContain('《收入预算总表》');
      expect(listed).toContain('《财政拨款收支预算总表》');
      expect(listed).toContain('《财务收支预算总表》');
      await page.waitForTimeout(300);
      expect(await errorCount(page)).toBe(before);

      // The header of a long table stays in view while its rows scroll.
      const box = page.locator('#table-expenditure .scroll');
      await box.evaluate((el) => (el.scrollTop = el.scrollHeight));
      const [head, frame] = await Promise.all([page.locator('#table-expenditure thead').boundingBox(), box.boundingBox()]);
      expect(Math.abs(head!.y - frame!.y)).toBeLessThan(3);
      await box.evaluate((el) => (el.scrollTop = 0));

      // Leaving with unsaved edits asks: another tab of the document (stay), a reload (stay), "放弃修改" (keep).
      await page.getByRole('link', { name: '说明文字' }).click();
      await expect.poll(() => dialogs.length).toBe(1);
      expect(dialogs[0]).toMatch(/^confirm:有 \d+ 处修改还没有保存/);
      expect(page.url()).not.toContain('/narrative');
      expect(await input(page, 'expenditure', row, 'project').inputValue()).toBe(show(edited));
      await page.reload({ timeout: 1500 }).catch(() => undefined);
      await expect.poll(() => dialogs.length).toBe(2);
      expect(dialogs[1]).toMatch(/^beforeunload:/);
      expect(await input(page, 'expenditure', row, 'project').inputValue()).toBe(show(edited));
      await page.getByRole('button', { name: '放弃修改' }).click();
      await expect.poll(() => dialogs.length).toBe(3);
      expect(dialogs[2]).toMatch(/^confirm:放弃全部 \d+ 处未保存的修改吗/);
      expect(await input(page, 'expenditure', row, 'project').inputValue()).toBe(show(edited));

      // Saved: every linked figure with it, and the note stays after the new version loads.
      const was = await version(page);
      await page.getByRole('button', { name: /保存修改/ }).click();
      await expect.poll(() => version(page)).toBe(was + 1);
      await expect.poll(() => page.locator('.saved').textContent()).toMatch(/^已保存 \d+ 处修改（第 \d+ 版/);
      await page.waitForTimeout(300);
      expect(await page.locator('.saved').isVisible()).toBe(true);
      expect(await input(page, 'income', row, 'total').inputValue()).toBe(show(old.get(`income|${row}|total`)! + 10_000));
      await shoot(page, 'editor-saved');

      // "12abc" is not an amount: said on the cell, and the checker goes on with the saved value (not 12).
      const cell = input(page, 'expenditure', row, 'project');
      await cell.fill('12abc');
      await cell.focus();
      await expect.poll(() => page.locator('.cell-help').textContent()).toContain('不是金额');
      await page.waitForTimeout(300);
      expect(await errorCount(page)).toBe(before);
      expect(await page.locator('.linked-changes').count()).toBe(0);
      expect(await page.getByRole('button', { name: /保存修改/ }).isDisabled()).toBe(true);

      // With 联动修改 off, a wrong figure makes errors; a finding in the list leads to its cell.
      await page.getByLabel(/联动修改/).uncheck();
      await cell.fill('1.00');
      await expect.poll(() => errorCount(page)).toBeGreaterThan(before);
      const locate = page.locator('.live-findings li.sev-error button.locate').first();
      await locate.click();
      const focusedId = await page.evaluate(() => document.activeElement?.id ?? '');
      expect(focusedId).toMatch(/^cell-/);
      expect(await page.locator('.live-findings li.sev-error').first().getAttribute('id')).toBeTruthy();
      expect(await page.evaluate((id) => document.getElementById(id)?.getAttribute('aria-invalid'), focusedId)).toBe('true');
      answer = true;
      await page.getByRole('button', { name: '放弃修改' }).click();
      await expect.poll(() => errorCount(page)).toBe(before);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});

describe('two preparers change the same cell', () => {
  it('the second is shown both values and asked, never overwriting in silence', async () => {
    const pages = [await newPage(demo.browser), await newPage(demo.browser, PHONE)];
    for (const { page } of pages) {
      await signIn(page, demo.server, 'preparer2');
      await openDraft(page, '上海市闵行区医疗保障局');
      page.on('dialog', (d) => void d.accept());
    }
    const [a, b] = pages.map((x) => x.page) as [Page, Page];
    const amount = (p: Page) => p.locator('#table-three-public td[data-column] input').nth(1);
    await amount(a).fill('1,000.00');
    await a.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => a.locator('.saved').textContent()).toContain('已保存');
    await amount(b).fill('2,000.00');
    await b.getByRole('button', { name: /保存修改/ }).click();
    await b.getByRole('button', { name: /载入他人保存的内容/ }).click();
    await expect.poll(() => b.locator('.conflicts').textContent()).toContain('他人已保存 1,000.00 元，您改为 2,000.00 元');
    // Until decided the cell shows the other's saved value and nothing can be saved.
    expect(await amount(b).inputValue()).toBe('1,000.00');
    expect(await b.getByRole('button', { name: /保存修改/ }).isDisabled()).toBe(true);
    await shoot(b, 'editor-same-cell-conflict');
    await b.getByRole('button', { name: '用我的 2,000.00' }).click();
    expect(await amount(b).inputValue()).toBe('2,000.00');
    await b.getByRole('button', { name: /保存修改/ }).click();
    await expect.poll(() => b.locator('.saved').textContent()).toContain('已保存');
    for (const x of pages) {
      expect(x.errors).toEqual([]);
      await x.context.close();
    }
  }, 180_000);
});
