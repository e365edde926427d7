/**
 * A past year's budget and 决算 side by side (issue 16), in chromium at 1280 and 390 px (zh-CN,
 * axe-core): from an entity of the demo's synthetic city, one click on its 2024 决算's
 * “与2024年预算对照” opens the 决算 at “预算执行：与同年预算对照”, whose rows are the API's.
 *
 * Figures by hand from the demo's documents (synthetic city, seed 11): 上海市徐汇区医疗保障局's 2024
 * 部门预算, 一般公共预算财政拨款支出功能分类预算表, 210 卫生健康支出 合计 5,919,187,300 分 (59,191,873.00 元,
 * 5,919.19 万元); its 2024 部门决算, 一般公共预算财政拨款支出决算表, 210 支出合计 5,233,467,300 分
 * (52,334,673.00 元, 5,233.47 万元): 决算 ÷ 年初预算 = 88.42 %, the largest deviation of the 23 科目 lines
 * (−685,720,000 分); then 21013 医疗救助 31,203,707.00 → 27,046,953.00 元, 86.68 %.
 *
 * The chart of the 类 puts 210 first (年初预算 5919.19 万元, 决算 5233.47 万元, 88.42 %), then 208
 * 社会保障和就业支出 (2,376.99 → 2,276.23 万元, 95.76 %: the next largest gap, 100.76 万元).
 * Per table: 支出预算总表 合计 90,171,389.00 元 against 支出决算表 本年支出合计 81,744,997.00 元, 90.66 %
 * (the largest gap, 8,426,392.00 元); the 三公 budget 18,400.00 元 against the 决算数 17,500.00 元, 95.11 %
 * (the smallest, so last).
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPage, shoot, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';
import type { TableExecution } from '../src/server/routes/execution.js';

const demo = demoAndBrowser();
const ENTITY = '上海市徐汇区医疗保障局';

type TableLine = TableExecution;

interface Line {
  table: string;
  code: string;
  label?: string;
  budget: number;
  final: number;
  rate?: number;
}

async function entityId(page: Page, name: string): Promise<number> {
  const r = (await (await page.request.get(`${demo.server.base}/api/entities?q=${encodeURIComponent(name)}`)).json()) as { items: { id: number; name: string }[] };
  return r.items.find((e) => e.name === name)!.id;
}

/** 分 as the page prints 元: thousands separated, two decimals. */
const yuan = (fen: number) => `${fen < 0 ? '-' : ''}${Math.floor(Math.abs(fen) / 100).toLocaleString('en-US')}.${String(Math.abs(fen) % 100).padStart(2, '0')}`;
const FUNDS: Record<string, string> = { 'general-function': '一般公共预算', 'fund-function': '政府性基金预算', 'soe-function': '国有资本经营预算' };

describe('a 决算 beside its budget, from the entity', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`at ${viewport.width} px: the entity lists 预算 and 决算, one click opens the 2024 决算 at its side-by-side table, figures as the API's`, async () => {
      const { context, page, errors } = await newPage(demo.browser, viewport);
      const id = await entityId(page, ENTITY);
      await page.goto(`${demo.server.base}/entities/${id}`);
      await page.locator('[data-ready=entity]').waitFor();
      await expect.poll(() => page.locator('#h-docs').textContent()).toBe('历年预算与决算');
      // Each year's documents say what they are: 2023 and 2024 have both, 2025 only its budget.
      const docs = page.getByRole('region', { name: '历年文件（可左右滚动）' });
      const names = await docs.locator('tbody td:nth-child(2) a').allTextContents();
      expect([...names].sort()).toEqual(['2023年部门决算', '2023年部门预算', '2024年部门决算', '2024年部门预算', '2025年部门预算'].sort());
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'entity-with-finals');

      // The one click: the 2024 决算's row, “与2024年预算对照”.
      const row = docs.locator('tbody tr', { has: page.getByRole('link', { name: '2024年部门决算', exact: true }) });
      await row.getByRole('link', { name: '与2024年预算对照' }).click();
      await page.locator('[data-ready=document]').waitFor();
      expect(page.url()).toMatch(/\/documents\/\d+#execution$/);
      const finalId = Number(/\/documents\/(\d+)/.exec(page.url())![1]);
      await expect.poll(() => page.locator('h1').textContent()).toBe(`${ENTITY}2024年度部门决算`);
      expect(await page.locator('.doc-facts').textContent()).toContain('部门决算');

      const table = page.locator('#execution-table');
      await table.waitFor();
      // Taken there: the section's heading is on screen.
      await expect
        .poll(() => page.locator('#execution-title').evaluate((h) => { const r = h.getBoundingClientRect(); return r.top >= 0 && r.bottom <= window.innerHeight; }))
        .toBe(true);
      expect(await table.locator('thead th').allTextContents()).toEqual(['资金', '科目', '年初预算（元）', '决算（元）', '完成率']);

      // The figures are the API's, row for row (the 15 largest deviations, largest first).
      const api = (await (await page.request.get(`${demo.server.base}/api/documents/${finalId}/execution`)).json()) as { budget: number; lines: Line[] };
      expect(api.lines).toHaveLength(23);
      const shown = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent!.trim())));
      expect(shown).toEqual(api.lines.slice(0, 15).map((l) => [FUNDS[l.table], `${l.code} ${l.label ?? ''}`.trim(), yuan(l.budget), yuan(l.final), l.rate === undefined ? '预算为 0' : `${(l.rate / 100).toFixed(2)}%`]));
      // And the documents' own: 210 卫生健康支出 and 21013 医疗救助 (hand-read, see the top of this file).
      expect(shown[0]).toEqual(['一般公共预算', '210 卫生健康支出', '59,191,873.00', '52,334,673.00', '88.42%']);
      expect(shown[1]).toEqual(['一般公共预算', '21013 医疗救助', '31,203,707.00', '27,046,953.00', '86.68%']);

      // The chart: server-drawn SVG of the 类, 年初预算 beside 决算, the largest deviation on top, with its words.
      const figure = page.locator('#execution-chart');
      await figure.locator('svg').waitFor();
      const labels = await figure.locator('svg text').allTextContents();
      expect(labels).toContain('2024年年初预算与决算：功能分类各类');
      expect(labels).toContain('单位：万元');
      expect(labels).toEqual(expect.arrayContaining(['年初预算', '决算', '5919.19', '5233.47']));
      const categories = labels.filter((t) => /^\d{3} /.test(t));
      expect(categories.slice(0, 2)).toEqual(['210 卫生健康支出', '208 社会保障和就业支出']);
      // Under each 类 its 完成率, in the same order.
      expect(labels.filter((t) => t.startsWith('完成率 ')).slice(0, 2)).toEqual(['完成率 88.42%', '完成率 95.76%']);
      // Every 类 with money in either document is a bar pair, in the API's order (largest deviation first).
      const classes = api.lines.filter((l) => l.code.length === 3 && (l.budget !== 0 || l.final !== 0));
      expect(categories).toHaveLength(classes.length);
      expect(categories.map((t) => t.slice(0, 3))).toEqual(classes.map((l) => l.code));
      expect(await figure.getAttribute('aria-describedby')).toBe('execution-chart-text');
      await figure.getByText('图的文字说明').click();
      const words = (await page.locator('#execution-chart-text').textContent())!;
      expect(words).toContain('210 卫生健康支出，年初预算 5919.19，决算 5233.47，完成率 88.42%；208 社会保障和就业支出，年初预算 2376.99，决算 2276.23，完成率 95.76%');

      // Per table: the totals, as the API gives them, largest gap first.
      const tables = page.locator('#execution-tables');
      expect(await tables.locator('thead th').allTextContents()).toEqual(['表', '项目', '年初预算（元）', '决算（元）', '完成率']);
      const perTable = await tables.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from((tr as HTMLTableRowElement).cells).map((c) => c.textContent!.trim())));
      const apiTables = (api as unknown as { tables: TableLine[] }).tables;
      expect(perTable).toEqual(apiTables.map((l) => [l.table, l.item, yuan(l.budget), yuan(l.final), l.rate === undefined ? '预算为 0' : `${(l.rate / 100).toFixed(2)}%`]));
      expect(perTable[0]).toEqual(['支出决算表', '本年支出合计', '90,171,389.00', '81,744,997.00', '90.66%']);
      expect(perTable.at(-1)).toEqual(['财政拨款“三公”经费支出决算表', '“三公”经费合计', '18,400.00', '17,500.00', '95.11%']);
      // Downloadable as CSV, the same figures in 元.
      const href = (await page.locator('#execution').getByRole('link', { name: '下载按表对照（CSV）' }).getAttribute('href'))!;
      const csv = await (await page.request.get(`${demo.server.base}${href}`)).text();
      const csvLines = csv.replace(/^\ufeff/, '').trim().split(/\r?\n/);
      expect(csvLines[0]).toBe('表,项目,年初预算（元）,决算（元）,完成率（%）');
      expect(csvLines[1]).toBe('支出决算表,本年支出合计,90171389.00,81744997.00,90.66');
      expect(csvLines).toHaveLength(apiTables.length + 1);

      // The budget it stands beside is the same entity's 2024 budget.
      const budget = (await (await page.request.get(`${demo.server.base}/api/documents/${api.budget}`)).json()) as { year: number; kind: string; entity: { name: string } };
      expect([budget.year, budget.kind, budget.entity.name]).toEqual([2024, 'budget', ENTITY]);
      expect(await page.locator('#execution').getByRole('link', { name: '同年部门预算' }).getAttribute('href')).toBe(`/documents/${api.budget}`);
      await shoot(page, 'final-execution');
      expect(await seriousViolations(page)).toEqual([]);

      // In 万元 too, rounded half-up at the edge only.
      await page.getByLabel('万元', { exact: true }).check();
      await expect.poll(() => table.locator('tbody tr').first().locator('td.num').allTextContents()).toEqual(['5,919.19', '5,233.47', '88.42%']);
      expect(await page.locator('#execution-tables tbody tr').first().locator('td.num').allTextContents()).toEqual(['9,017.14', '8,174.50', '90.66%']);

      // And back: the 2024 budget's page leads to this 决算's table.
      await page.locator('#execution').getByRole('link', { name: '同年部门预算' }).click();
      await page.locator('[data-ready=document]').waitFor();
      await expect.poll(() => page.locator('h1').textContent()).toContain('2024');
      expect(await page.getByRole('link', { name: '2024年决算：与本预算对照' }).getAttribute('href')).toBe(`/documents/${finalId}#execution`);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
