/**
 * The views people come to a budget portal for, in chromium (zh-CN, 1280 and 390 px, axe-core):
 * the zoomable treemap of 类 → 款 → 项 on a document page, its level in the URL (a shared link
 * opens the same view). Figures by hand from seed 000 (闵行区医疗保障局 2025, 支出预算总表 合计):
 * 合计 257,801,271 元; 210 244,650,650 元 (24,465.07 万元, 94.9%); 21013 医疗救助 234,986,660 元
 * (23,498.67 万元, 96.0% of 210); 2101301 城乡医疗救助 22,427,500 元 (2,242.75 万元, 9.5% of 21013).
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, newPage, shoot, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';

const demo = demoAndBrowser();


describe('the treemap of a document', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`drills 类 → 款 → 项 and keeps the level in the URL at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      await page.goto(`${demo.server.base}/documents/1`);
      await page.locator('[data-ready=document]').waitFor();
      expect(await page.locator('h1').textContent()).toContain('2025');
      const tm = page.locator('#treemap');
      const box = (code: string) => tm.locator(`[data-code="${code}"]`);
      expect(await box('210').getAttribute('aria-label')).toContain(' 24,465.07 万元，占 94.9%，点击看下一级');
      expect(await tm.locator('nav.crumbs').textContent()).toContain('合计 25,780.13 万元');
      const width = await tm.locator('svg').evaluate((s) => s.getBoundingClientRect().width);
      expect(width).toBeLessThanOrEqual(viewport.width);
      expect(await seriousViolations(page)).toEqual([]);
      await tm.scrollIntoViewIfNeeded();
      await shoot(page, 'treemap');

      await box('210').click();
      await expect.poll(() => page.url()).toContain('tm=210');
      await expect.poll(() => box('21013').getAttribute('aria-label')).toContain(' 23,498.67 万元，占 96.0%');
      expect(await tm.locator('[data-code]').evaluateAll((xs) => xs.every((x) => x.getAttribute('data-code')!.length === 5))).toBe(true);
      await box('21013').focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.url()).toContain('tm=21013');
      await expect.poll(() => box('2101301').getAttribute('aria-label')).toContain(' 2,242.75 万元，占 9.5%');
      expect(await tm.locator('nav.crumbs [aria-current=page]').textContent()).toContain('21013');
      await shoot(page, 'treemap-21013');

      // The shared link opens the same level; a level that is not there opens the top.
      const shared = await newPage(demo.browser, viewport);
      await shared.page.goto(`${demo.server.base}/documents/1?tm=21013`);
      await shared.page.locator('[data-ready=document]').waitFor();
      expect(await shared.page.locator('#treemap [data-code="2101301"]').count()).toBe(1);
      expect(await shared.page.locator('#treemap nav.crumbs').textContent()).toContain('合计 23,498.67 万元');
      expect(await seriousViolations(shared.page)).toEqual([]);
      await shared.page.goto(`${demo.server.base}/documents/1?tm=99999`);
      await shared.page.locator('[data-ready=document]').waitFor();
      expect(await shared.page.locator('#treemap [data-code="210"]').count()).toBe(1);
      expect(shared.errors).toEqual([]);
      await shared.context.close();

      // Back to the top by the trail; a 项 opens its 科目 page.
      await tm.getByRole('link', { name: /^210 / }).click();
      await expect.poll(() => page.url()).toMatch(/tm=210(?!\d)/);
      await tm.getByRole('link', { name: '全部类' }).click();
      await expect.poll(() => page.url()).not.toContain('tm=');
      await page.goto(`${demo.server.base}/documents/1?tm=21013`);
      await page.locator('[data-ready=document]').waitFor();
      await box('2101301').click();
      await expect.poll(() => page.url()).toContain('/subjects/2101301');
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

describe('the treemap of the city by 科目', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows each 类 of the year as in the table, opens a 类 to its 款, the year and level in the URL, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      await page.goto(`${demo.server.base}/subjects`);
      await page.locator('[data-ready=subjects]').waitFor();
      const tm = page.locator('#treemap');
      const year = await page.locator('.tm-year select').inputValue();
      expect(await tm.locator('h2').textContent()).toContain(`${year}年各类`);
      // Each box says the amount the table shows for that year (万元), every 类 with an amount has a box.
      const headers = await page.locator('#subjects-table thead th').allTextContents();
      const col = headers.indexOf(`${year}年`);
      const table = await page.locator('#subjects-table tbody tr').evaluateAll(
        (rows, c) => rows.map((r) => [r.querySelector('td')!.textContent!, r.querySelectorAll('td')[c]!.textContent!] as [string, string]).filter(([, a]) => a !== '' && !/^0(\.00)?$/.test(a) && !a.startsWith('-')),
        col,
      );
      expect(table.length).toBeGreaterThanOrEqual(2);
      for (const [code, amount] of table) expect(await tm.locator(`[data-code="${code}"]`).getAttribute('aria-label')).toContain(` ${amount} 万元，占 `);
      expect(await seriousViolations(page)).toEqual([]);
      await tm.scrollIntoViewIfNeeded();
      await shoot(page, 'subjects-treemap');
      // Another year, then into 210: both in the URL.
      const years = await page.locator('.tm-year option').allTextContents();
      const other = years[0]!.replace('年', '');
      await page.locator('.tm-year select').selectOption(other);
      await expect.poll(() => tm.locator('h2').textContent()).toContain(`${other}年各类`);
      await tm.locator('[data-code="210"]').click();
      await expect.poll(() => page.url()).toMatch(new RegExp(`year=${other}.*parent=210|parent=210.*year=${other}`));
      await expect.poll(() => tm.locator('h2').textContent()).toContain(`${other}年各款`);
      await expect.poll(() => tm.locator('[data-code]').evaluateAll((xs) => xs.length > 0 && xs.every((x) => /^210\d{2}$/.test(x.getAttribute('data-code')!)))).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});

describe('the glossary', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`explains the terms a page links, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      await page.goto(`${demo.server.base}/documents/1`);
      await page.locator('[data-ready=document]').waitFor();
      await page.locator('.doc-head .terms').getByRole('link', { name: '“三公”经费' }).click();
      await page.locator('[data-ready=glossary]').waitFor();
      expect(page.url()).toMatch(/\/glossary#three-public$/);
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('three-public');
      expect(await page.locator('#three-public + dd').textContent()).toContain('因公出国（境）费、公务用车购置及运行费和公务接待费');
      expect(await page.locator('.glossary dt').allTextContents()).toEqual(expect.arrayContaining(['财政拨款', '基本支出', '项目支出', '“三公”经费', '机关运行经费', '类、款、项']));
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'glossary');
      await page.goto(`${demo.server.base}/subjects`);
      await page.locator('[data-ready=subjects]').waitFor();
      await page.locator('.terms').getByRole('link', { name: '基本支出' }).click();
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('basic');
      expect(errors).toEqual([]);
      await context.close();
    }, 90_000);
  }
});
