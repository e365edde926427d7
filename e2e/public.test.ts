/**
 * A visitor: opens a document, switches to 万元, compares two years, downloads the XLSX; and
 * every public page at desktop and phone width (screenshots in e2e/screenshots/).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { DESKTOP, PHONE, CHROMIUM_MISSING, launch, newPage, skipWithoutChromium, shoot, startServer, type Server } from './harness.js';

let server: Server;
let browser: Browser;

beforeAll(async () => {
  if (CHROMIUM_MISSING) return;
  [server, browser] = await Promise.all([startServer(), launch()]);
}, 90_000);
beforeEach(skipWithoutChromium);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

describe('a visitor', () => {
  it('opens a document, switches to 万元, compares two years and downloads the XLSX', async () => {
    const { page, context, errors } = await newPage(browser);
    await page.goto(server.base + '/');
    await page.locator('[data-ready=home]').waitFor();
    await page.getByRole('link', { name: '上海市闵行区医疗保障局' }).first().click();
    await page.locator('[data-ready=document]').waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toBe('闵行区2025年区级部门预算');
    // 2080109 社会保险经办机构 of the 一般公共预算支出功能分类预算表: 8,331,275 元 (000 prints whole yuan, and so do we), in 万元 833.13 (000, hand-read).
    const cell = page.locator('#table-general-function tr[data-row="2080109"] td[data-column="total"] .amt');
    await expect.poll(() => cell.textContent()).toBe('8,331,275');
    await page.getByLabel('万元', { exact: true }).check();
    await expect.poll(() => cell.textContent()).toBe('833.13');
    await expect.poll(() => page.locator('#table-general-function .unit-name').textContent()).toBe('万元');
    expect(page.url()).toContain('unit=wanyuan');
    // The finding on the 医疗救助 project sentence: marked, and explained in the list.
    await expect.poll(() => page.locator('mark.finding.error').first().textContent()).toContain('年度预算2241万元');
    await expect.poll(() => page.locator('#findings').textContent()).toContain('2242.75万元');
    // Tapped, the marked sentence says what is wrong with it (no hover on a phone).
    await page.locator('mark.finding.error').first().click();
    await expect.poll(() => page.locator('.explanation').textContent()).toContain('2242.75万元');
    await page.getByRole('button', { name: '关闭' }).click();
    await page.reload();
    await page.locator('[data-ready=document]').waitFor();
    await expect.poll(() => cell.textContent()).toBe('833.13');

    const download = page.waitForEvent('download');
    await page.getByRole('link', { name: 'Excel（XLSX）' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('上海市闵行区医疗保障局-2025.xlsx');
    const bytes = readFileSync((await file.path())!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');

    // Two years of one synthetic department: 2024 against 2025.
    await page.goto(server.base + '/');
    await page.locator('[data-ready=home]').waitFor();
    await page.getByRole('link', { name: '上海市徐汇区医疗保障局', exact: true }).first().click();
    await page.locator('[data-ready=document]').waitFor();
    await page.getByRole('link', { name: '与2024年比较' }).click();
    await page.locator('[data-ready=compare]').waitFor();
    await expect.poll(() => page.locator('h1').textContent()).toContain('2024年');
    await expect.poll(() => page.locator('h1').textContent()).toContain('2025年');
    const summary = page.locator('#cmp-expenditure tr.total');
    expect(await summary.locator('td.delta').first().textContent()).not.toBe('—');
    // Two entities side by side: 000 (闵行区医疗保障局) and 003 (松江区医疗保险事务中心), their 2101301 城乡医疗救助 in 元.
    await page.goto(`${server.base}/compare?a=1&b=2`);
    await page.locator('[data-ready=compare]').waitFor();
    expect(await page.locator('#cmp-expenditure thead').textContent()).toContain('医疗保障局');
    // 000 prints 22,427,500 元 for it, 003 17,706,400.00 元 (hand-read from the two seeds' 支出预算总表): 4,721,100.00 元 less.
    const row = page.locator('#cmp-expenditure tr', { hasText: '2101301' });
    expect(await row.locator('td.num').allTextContents()).toEqual(['22,427,500.00', '17,706,400.00', '-4,721,100.00（减少）', '-21.05%']);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('keyboard and screen readers', () => {
  it('reach the document by keyboard: skip link first, 元/万元 by arrow keys, marked sentences described', async () => {
    const { page, context, errors } = await newPage(browser);
    const scripts: string[] = [];
    page.on('request', (r) => r.resourceType() === 'script' && scripts.push(new URL(r.url()).pathname));
    await page.goto(server.base + '/documents/1');
    await page.locator('[data-ready=document]').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到正文');
    await page.getByLabel('元', { exact: true }).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.locator('#table-general-function tr[data-row="2080109"] td[data-column="total"] .amt').textContent()).toBe('833.13');
    // A finding on a sentence: its explanation linked for screen readers.
    const marked = page.locator('mark.finding[aria-describedby]').first();
    const described = await marked.getAttribute('aria-describedby');
    expect(described).toMatch(/^f\d+/);
    expect(await page.locator(`#${described!.split(' ')[0]}`).textContent()).toContain('【');
    // The public never loads the workspace (its checker and catalogs).
    expect(scripts.some((s) => s.includes('workspace'))).toBe(false);
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('screenshots of the public pages', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(browser, viewport);
      const views: [string, string, string][] = [
        ['/', 'home', 'home'],
        ['/documents/1?unit=wanyuan', 'document', 'document'],
        ['/entities/1', 'entity', 'entity'],
        ['/compare?a=31&b=51', 'compare', 'compare'],
        ['/subjects', 'subjects', 'subjects'],
        ['/subjects?parent=208', 'subjects-208', 'subjects'],
        ['/subjects/2101301', 'subject', 'subject'],
      ];
      for (const [path, name, ready] of views) {
        await page.goto(server.base + path);
        await page.locator(`[data-ready=${ready}]`).waitFor();
        await shoot(page, name);
        // Public pages fit a phone: nothing wider than the screen but the tables' own scrolling boxes.
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${path} 在 ${viewport.width} px 宽时横向溢出`).toBeLessThanOrEqual(0);
      }
      await page.goto(server.base + '/search');
      await page.getByLabel('单位名称、科目编码或名称、说明文字').fill('医疗救助');
      await page.locator('[data-ready=search]').waitFor();
      expect(await page.locator('.results').count()).toBeGreaterThan(0);
      await shoot(page, 'search');
      // A paragraph found: its section's heading is where the document opens.
      await page.locator('#h-p + ul a').first().click();
      await page.locator('[data-ready=document]').waitFor();
      await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
      expect(errors).toEqual([]);
      await context.close();
    });
  }
});
