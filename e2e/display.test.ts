/**
 * What the public reads (issue 18, review M3–M9, M12, L1, L2, L5): chart labels big enough, numbers right-aligned
 * with separators, comparisons that tell their sides apart and keep rows in order, an amount that opens its cell,
 * search with more results and filters. At 1280 and 390 px in zh-CN; axe finds nothing serious on any page.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPage, shoot, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';

const demo = demoAndBrowser();


async function open(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(demo.server.base + path);
  await page.locator(`[data-ready=${ready}]`).waitFor();
}

/** The smallest chart text as drawn on screen, in CSS px: its font size times the SVG's scale. */
const smallestChartText = (page: Page) =>
  page.evaluate(() => {
    let min = Infinity;
    for (const svg of Array.from(document.querySelectorAll<SVGSVGElement>('.charts svg, figure.chart svg'))) {
      const scale = svg.getBoundingClientRect().width / (svg.viewBox.baseVal?.width || Number(svg.getAttribute('width')) || 1);
      for (const t of Array.from(svg.querySelectorAll('text'))) {
        if (!t.textContent?.trim()) continue;
        min = Math.min(min, parseFloat(getComputedStyle(t).fontSize) * scale);
      }
    }
    return min;
  });

const alignments = (page: Page, selector: string) => page.locator(selector).evaluateAll((cells) => [...new Set(cells.map((c) => getComputedStyle(c).textAlign))]);

describe('the public pages', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    const floor = viewport === DESKTOP ? 12 : 11;
    it(`read well at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);

      // Home: the year picker says how many documents each year has; the ranking is numbered.
      await open(page, '/', 'home');
      expect(await page.locator('.filters select').first().locator('option').first().textContent()).toMatch(/^\d{4}年（\d+ 份）$/);
      expect(await page.locator('ol.ranking li').first().evaluate((li) => getComputedStyle(li, '::before').content)).toContain('counter(rank)');
      expect(await seriousViolations(page)).toEqual([]);

      // A document: chart labels at 12 px or more on a desktop (11 on a phone), whole sentences marked, no source line cited.
      await open(page, '/documents/1', 'document');
      await page.locator('#charts svg').first().waitFor();
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(floor);
      const marks = await page.locator('mark.finding').allTextContents();
      expect(marks.length).toBeGreaterThan(0);
      for (const m of marks) expect(m, m).toMatch(/[。；！？]$|^[^。；！？]+$/);
      expect(await page.locator('#findings').textContent()).not.toMatch(/第 \d+ 行/);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'display-document');
      // The data package names the files as they download.
      const named = async (format: string) => {
        const r = await page.request.get(`${demo.server.base}/api/documents/1/files/${format}`);
        return { name: decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(r.headers()['content-disposition'] ?? '')?.[1] ?? ''), body: await r.text() };
      };
      const [pkg, csv, json] = await Promise.all([named('datapackage'), named('csv'), named('json')]);
      expect(pkg.name).toBe('上海市闵行区医疗保障局-2025.datapackage.json');
      const paths = (JSON.parse(pkg.body) as { resources: { path: string }[] }).resources.map((r) => r.path);
      expect(paths).toEqual(expect.arrayContaining([csv.name, json.name]));

      // The entity's trend chart and its years: numbers right-aligned, 万元 with separators.
      await open(page, '/entities/1', 'entity');
      await page.locator('figure.chart svg').waitFor();
      expect(await smallestChartText(page)).toBeGreaterThanOrEqual(floor);
      expect(await alignments(page, 'table.plain td.num')).toEqual(['right']);
      expect(await page.locator('table.plain td.num').allTextContents()).toContainEqual(expect.stringMatching(/^\d{1,3}(,\d{3})+\.\d\d$/));
      expect(await seriousViolations(page)).toEqual([]);

      await open(page, '/subjects', 'subjects');
      expect(await alignments(page, 'table.plain td.num')).toEqual(['right']);
      // The table on screen downloads as CSV: its header, its rows, amounts without separators.
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '下载本表（CSV）' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('按科目-支出预算（功能分类）.csv');
      const text = readFileSync((await file.path())!, 'utf8');
      expect(text.startsWith('\uFEFF科目编码,科目名称,')).toBe(true);
      expect(text.split('\n').length).toBe((await page.locator('#subjects-table tr').count()) + 1);
      expect(text).toMatch(/\n\d{3},[^,]+,\d+\.\d\d/);
      expect(await page.locator('table.plain td.num').allTextContents()).toContainEqual(expect.stringMatching(/^\d{1,3}(,\d{3})+\.\d\d$/));
      expect(await seriousViolations(page)).toEqual([]);

      // An amount on a 科目 page opens the document at that very cell, in view and focused.
      await open(page, '/subjects/2101301', 'subject');
      expect(await alignments(page, 'table.plain td.num')).toEqual(['right']);
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('table.plain td.num a').first().click();
      await page.locator('[data-ready=document]').waitFor();
      const target = page.locator('td.target-cell');
      await target.waitFor();
      expect(await target.evaluate((td) => td.closest('tr')?.getAttribute('data-row'))).toBe('2101301');
      const box = (await target.boundingBox())!;
      expect(box.y).toBeGreaterThan(0);
      expect(box.y + box.height).toBeLessThan(viewport.height);
      expect(await page.evaluate(() => document.activeElement?.classList.contains('target-cell'))).toBe(true);

      // Two 医疗保障局 of two districts: told apart; rows in order with 合计 last; the 三公 row in Chinese.
      const found = (await (await page.request.get(`${demo.server.base}/api/documents?q=${encodeURIComponent('医疗保障局')}&year=2025&scope=department&limit=50`)).json()) as { items: { id: number; entity: { name: string } }[] };
      const pair = found.items.filter((d) => /^上海市.+区医疗保障局$/.test(d.entity.name));
      expect(pair.length).toBeGreaterThan(1);
      await open(page, `/compare?a=${pair[0]!.id}&b=${pair[1]!.id}`, 'compare');
      const heads = await page.locator('#cmp-expenditure thead th').allTextContents();
      const [left, right] = heads.slice(-4, -2);
      expect(left).not.toBe(right);
      expect(left).toMatch(/区医疗保障局/);
      expect(right).toMatch(/区医疗保障局/);
      for (const id of ['expenditure', 'income', 'general-function', 'general-basic-economic']) {
        const rows = page.locator(`#cmp-${id} tbody tr`);
        if (!(await rows.count())) continue;
        expect(await rows.last().getAttribute('class'), id).toMatch(/\btotal\b/);
      }
      expect(await page.locator('#cmp-three-public tbody').textContent()).not.toContain('budget');
      expect(await page.locator('#cmp-three-public tbody').textContent()).toContain('本年预算数');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'display-compare');

      // Search: more than 20 results for one character, and filters.
      await open(page, '/search?q=' + encodeURIComponent('医'), 'search');
      await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/个以上/);
      const first = await page.locator('.results li').count();
      await page.getByRole('button', { name: /显示更多结果/ }).click();
      await expect.poll(() => page.locator('.results li').count()).toBeGreaterThan(first);
      await page.getByLabel('类别').selectOption('entities');
      await expect.poll(() => page.locator('#h-s').count()).toBe(0);
      expect(await page.locator('#h-e').count()).toBe(1);
      expect(page.url()).toContain('type=entities');
      expect(await seriousViolations(page)).toEqual([]);

      // The 医疗救助 calculator is public: no sign-in, reached from the header.
      await open(page, '/', 'home');
      await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '医疗救助计算器' }).click();
      await page.locator('[data-ready=calculator]').waitFor();
      expect(await page.locator('main h1').textContent()).toBe('医疗救助计算器');
      expect(await page.locator('main').textContent()).not.toContain('请先登录');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});
