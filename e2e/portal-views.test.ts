/**
 * The views people come to a budget portal for, second round (issue 18), in chromium at 1280 and
 * 390 px (zh-CN, axe-core): a 科目 and an entity across the years, any on-screen table as XLSX,
 * the public project list with 测算 and 绩效目标, the city's 三公经费 sortable with the year before,
 * header words of the published HTML linked to their explanations.
 *
 * Figures by hand from the demo's documents (the synthetic city, seed 11, and seeds 000/003):
 * 上海市徐汇区医疗保障局, 支出预算总表 210 合计: 2023 5,991,338,380 分 (5,991.34 万元), 2024 6,000,507,900
 * (6,000.51), 2025 6,005,703,000 (6,005.70); 2025 on 2024 +5,195,100 分 = +5.20 万元, +0.09%; 支出合计 2025
 * 92,814,468.00 元 (9,281.45 万元). Its 三公 2025: 合计 111,200.00 元 (11.12 万元), 公务用车运行维护费 4.32,
 * 公务接待费 6.80, 机关运行经费 2,041.19; 2024 合计 1.84; +9.28 万元, +504.35%. 闵行区医疗保障局 2025 (000):
 * 三公 1.00 万元 (公务接待费 1.00, 机关运行经费 184.19), no 2024 document. 003 (松江区医疗保险事务中心 2025) 非编人员经费: 5 测算 lines, all agreeing,
 * 253.40 万元; 000 医疗救助经费项目: 年度预算 2241万元 (2,241.00 万元), 城乡医疗救助政策知晓率≥80%.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { DESKTOP, PHONE, newPage, shoot, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';

const demo = demoAndBrowser();

async function open(page: Page, path: string, ready: string): Promise<void> {
  await page.goto(demo.server.base + path);
  await page.locator(`[data-ready=${ready}]`).first().waitFor();
}

async function entityId(page: Page, name: string): Promise<number> {
  const r = (await (await page.request.get(`${demo.server.base}/api/entities?q=${encodeURIComponent(name)}`)).json()) as { items: { id: number; name: string }[] };
  return r.items.find((e) => e.name === name)!.id;
}

/** The downloaded workbook's first sheet as rows of cell values, with the number format of each amount. */
async function workbook(path: string): Promise<{ rows: unknown[][]; formats: string[][] }> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  const formats: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
    formats[n - 1] = [];
    row.eachCell({ includeEmpty: true }, (c, i) => (formats[n - 1]![i - 1] = c.numFmt ?? ''));
  });
  return { rows, formats };
}

/** Text of the cells of the table row whose first cell (th or td) says `first`. */
const rowOf = (page: Page, table: string, first: string) =>
  page.locator(`${table} tr`).evaluateAll((rows, f) => {
    const trs = rows as HTMLTableRowElement[];
    const tr = trs.find((t) => t.cells[0]?.textContent?.trim() === f || t.cells[1]?.textContent?.trim() === f);
    return tr ? Array.from(tr.cells).map((c) => c.textContent!.trim()) : [];
  }, first);

describe('a 科目 and an entity across the years', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows the figures of every year in 万元 with the change, drills 类 → 款, and downloads the table as XLSX, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      const xuhui = await entityId(page, '上海市徐汇区医疗保障局');
      await open(page, `/entities/${xuhui}`, 'series');
      const head = await page.locator('#series-table thead th').allTextContents();
      expect(head).toEqual(['科目编码', '科目名称', '2023年', '2024年', '2025年', '比上年增减', '增减率', '走势']);
      expect(await rowOf(page, '#series-table', '210')).toEqual(['210', '卫生健康支出', '5,991.34', '6,000.51', '6,005.70', '+5.20', '+0.09%', '']);
      // The bars: the whole of the 类, year by year, labelled in 万元.
      const bars = page.locator('#series-bars svg');
      expect(await bars.getAttribute('aria-label')).toContain('2025年 9,281.45 万元');
      expect(await bars.locator('g[data-year]').count()).toBe(3);
      expect(await page.locator('#series-table tfoot tr').textContent()).toContain('9,281.45');
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator('#series').scrollIntoViewIfNeeded();
      await shoot(page, 'entity-series');

      // Into 210: its 款, the level in the address (a shared link opens the same).
      await page.locator('#series-table').getByRole('link', { name: '卫生健康支出' }).click();
      await expect.poll(() => page.url()).toContain('parent=210');
      await expect.poll(() => page.locator('#series-table tbody td.code').allTextContents()).toEqual(['21011', '21012', '21013']);
      expect(await rowOf(page, '#series-table', '21013')).toEqual(expect.arrayContaining(['21013', '医疗救助', '3,048.64', '3,201.69', '3,172.90']));
      expect(await bars.getAttribute('aria-label')).toContain('2023年 5,991.34 万元');

      // The table as XLSX: drawn by the publisher's grid code, amounts exact (not rounded to the screen's two decimals).
      const download = page.waitForEvent('download');
      await page.locator('#series').getByRole('button', { name: '下载本表（XLSX）' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('上海市徐汇区医疗保障局-历年按科目-210-合计.xlsx');
      const { rows, formats } = await workbook((await file.path())!);
      expect(rows[0]![0]).toBe('上海市徐汇区医疗保障局-历年按科目-210-合计');
      expect(rows[1]).toContain('单位：万元');
      expect(rows[2]!.slice(0, 5)).toEqual(['科目编码', '科目名称', '2023年', '2024年', '2025年']);
      const r21013 = rows.findIndex((r) => r[0] === '21013');
      expect(rows[r21013]!.slice(0, 5)).toEqual(['21013', '医疗救助', 3048.638489, 3201.6913, 3172.9021]);
      expect(formats[r21013]![2]).toBe('#,##0.00');
      // The CSV of the same table has the screen's figures.
      const csv = page.waitForEvent('download');
      await page.locator('#series').getByRole('button', { name: '下载本表（CSV）' }).click();
      expect(readFileSync((await (await csv).path())!, 'utf8')).toContain('\n21013,医疗救助,3048.64,3201.69,3172.90');

      // A 科目 page: the city's total of the 科目 in each year, the sum of the entities' cells below it.
      await open(page, '/subjects/21013', 'subject');
      const series = page.locator('#subject-series svg');
      expect(await series.locator('g[data-year]').evaluateAll((gs) => gs.map((g) => g.getAttribute('data-year')))).toEqual(['2023', '2024', '2025']);
      const cells = await page.locator('#subject-table').evaluate((t: HTMLTableElement) => {
        const years = Array.from(t.tHead!.rows[0]!.cells).map((c) => c.textContent!.trim());
        const sums: Record<string, number> = {};
        for (const tr of Array.from(t.tBodies[0]!.rows)) Array.from(tr.cells).forEach((c, i) => c.dataset.fen && (sums[years[i]!] = (sums[years[i]!] ?? 0) + Number(c.dataset.fen)));
        return sums;
      });
      expect(Object.keys(cells).sort()).toEqual(['2023年', '2024年', '2025年']);
      const label = (await series.getAttribute('aria-label'))!;
      for (const [year, fen] of Object.entries(cells)) {
        const wan = (Math.round(fen / 10_000) / 100).toFixed(2).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        expect(label).toContain(`${year} ${wan} 万元`);
      }
      // 2025 adds the two examples (闵行区医疗保障局, 松江区医疗保险事务中心) that have no earlier year: no change is claimed.
      expect(await series.locator('g[data-year="2025"] text').allTextContents()).toContain('口径不同');
      expect((await series.locator('g[data-year="2024"] text').allTextContents()).at(-1)).toMatch(/^[+-]\d+\.\d\d%$/);
      expect(await rowOf(page, '#subject-table', '上海市闵行区医疗保障局')).toEqual(['上海市闵行区医疗保障局', '', '', '23,498.67']);
      expect(await rowOf(page, '#subject-table', '上海市徐汇区医疗保障局')).toEqual(['上海市徐汇区医疗保障局', '3,048.64', '3,201.69', '3,172.90']);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'subject-series');

      // A comparison's table as XLSX, in 元 as on screen: 210 from 60,005,079.00 to 60,057,030.00 元, +51,951.00; names indented by level.
      const years = ((await (await page.request.get(`${demo.server.base}/api/entities/${xuhui}/subjects`)).json()) as { years: { year: number; documentId: number }[] }).years;
      const [a, b] = [years.find((y) => y.year === 2024)!.documentId, years.find((y) => y.year === 2025)!.documentId];
      await open(page, `/compare?a=${a}&b=${b}`, 'compare');
      const cmp = page.waitForEvent('download');
      await page.locator('#cmp-expenditure').getByRole('button', { name: '下载本表（XLSX）' }).click();
      const cmpBook = await workbook((await (await cmp).path())!);
      expect(cmpBook.rows[1]).toContain('单位：元');
      const r210 = cmpBook.rows.find((r) => r[0] === '210')!;
      expect(r210.slice(2, 5)).toEqual([60005079, 60057030, 51951]);
      expect(cmpBook.formats[cmpBook.rows.indexOf(r210)]![2]).toBe('#,##0.00');
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});

describe('the city’s 三公经费', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`lists every department of a year with the year before, sorts by any column, downloads as XLSX, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      await open(page, '/three-public', 'three-public');
      expect(await page.locator('h1').textContent()).toBe('全市“三公”经费（2025年预算）');
      expect(await rowOf(page, '#three-public-table', '上海市徐汇区医疗保障局')).toEqual(['上海市徐汇区医疗保障局', '11.12', '0.00', '0.00', '4.32', '6.80', '2,041.19', '1.84', '+9.28', '+504.35%']);
      expect(await rowOf(page, '#three-public-table', '上海市闵行区医疗保障局')).toEqual(['上海市闵行区医疗保障局', '1.00', '0.00', '0.00', '0.00', '1.00', '184.19', '—', '—', '—']);
      // Units of a department with its own document are in the department's row, not listed again.
      const names = await page.locator('#three-public-table tbody th').allTextContents();
      expect(names).not.toContain('上海市徐汇区医疗保障局本级');
      expect(names).toContain('上海市松江区医疗保险事务中心');
      // Sorted by the total, largest first; a click on 增减率 sorts by it, again the other way; the order is in the address.
      const column = (i: number) => page.locator('#three-public-table tbody tr').evaluateAll((trs, k) => (trs as HTMLTableRowElement[]).map((t) => t.cells[k]!.textContent!.trim()), i);
      const num = (s: string) => (s === '—' ? NaN : Number(s.replace(/[,%+]/g, '')));
      const totals = (await column(1)).map(num);
      expect(totals).toEqual([...totals].sort((a, b) => b - a));
      expect(await page.locator('th[aria-sort=descending]').textContent()).toContain('“三公”经费合计');
      await page.getByRole('button', { name: /^增减率/ }).click();
      await expect.poll(() => page.url()).toContain('sort=rate');
      const rates = (await column(9)).map(num).filter((x) => !Number.isNaN(x));
      expect(rates.length).toBeGreaterThanOrEqual(5);
      expect(rates).toEqual([...rates].sort((a, b) => b - a));
      expect((await column(9)).at(-1)).toBe('—');
      await page.getByRole('button', { name: /^增减率/ }).click();
      await expect.poll(() => page.url()).toContain('dir=asc');
      const up = (await column(9)).map(num).filter((x) => !Number.isNaN(x));
      expect(up).toEqual([...up].sort((a, b) => a - b));
      expect(await page.locator('th[aria-sort=ascending]').textContent()).toContain('增减率');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'three-public');

      // Another year from the picker: 2024 compares with 2023.
      await page.locator('.filters select').selectOption('2024');
      await expect.poll(() => page.locator('h1').textContent()).toBe('全市“三公”经费（2024年预算）');
      expect(await page.locator('#three-public-table thead').textContent()).toContain('2023年合计');
      expect(await rowOf(page, '#three-public-table', '上海市徐汇区医疗保障局')).toEqual(expect.arrayContaining(['1.84', '4.45']));

      // As XLSX: the same rows, amounts as numbers of 万元.
      await open(page, '/three-public?year=2025', 'three-public');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: '下载本表（XLSX）' }).click();
      const file = await download;
      expect(file.suggestedFilename()).toBe('2025年全市三公经费.xlsx');
      const { rows } = await workbook((await file.path())!);
      expect(rows[2]).toEqual(['部门（单位）', '“三公”经费合计', '因公出国（境）费', '公务用车购置费', '公务用车运行维护费', '公务接待费', '机关运行经费', '2024年合计', '增减额', '增减率']);
      expect(rows.find((r) => r[0] === '上海市徐汇区医疗保障局')).toEqual(['上海市徐汇区医疗保障局', 11.12, 0, 0, 4.32, 6.8, 2041.19, 1.84, 9.28, '+504.35%']);
      expect(rows.find((r) => r[0] === '合计')?.[1]).toBeTypeOf('number');

      // A year with no document says so, and the picker still offers the years that have one.
      await open(page, '/three-public?year=2019', 'three-public');
      expect(await page.locator('.summary').textContent()).toBe('2019年没有公开的“三公”经费预算表，请选择其他年度。');
      expect(await page.locator('#three-public-table').count()).toBe(0);
      expect(await page.locator('.filters option').allTextContents()).toContain('2025年');
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});

describe('the public project list', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`shows each project's 测算 recomputed and its 绩效目标, filtered by year and words, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      await open(page, '/projects?year=2025&q=%E9%9D%9E%E7%BC%96', 'projects');
      const items = page.locator('.projects-list > li');
      expect(await items.count()).toBe(1);
      const p = items.first();
      expect(await p.locator('h2').textContent()).toBe('非编人员经费');
      expect(await page.locator('.summary').textContent()).toBe('共 1 个项目，文中都没有写明年度预算金额。');
      expect(await p.textContent()).toContain('上海市松江区医疗保险事务中心');
      const lines = p.locator('table.estimate tbody tr');
      expect(await lines.count()).toBe(5);
      expect(await lines.locator('td:last-child').allTextContents()).toEqual(['相符', '相符', '相符', '相符', '相符']);
      expect(await p.locator('table.estimate tfoot td.num').textContent()).toBe('253.40');
      expect(await p.locator('table.estimate tbody tr').first().textContent()).toContain('伙食费');
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'projects-estimate');

      // The words box: the address keeps them; 医疗救助 finds 000's project with its indicators by category.
      await page.getByLabel('项目或单位名称').fill('医疗救助经费');
      await page.getByRole('button', { name: '筛选' }).click();
      await expect.poll(() => page.url()).toContain('q=%E5%8C%BB%E7%96%97%E6%95%91%E5%8A%A9%E7%BB%8F%E8%B4%B9');
      await expect.poll(() => items.first().locator('h2').textContent()).toBe('医疗救助经费项目');
      const m = items.first();
      expect(await m.locator('.project-facts').textContent()).toContain('2,241.00 万元');
      expect(await page.locator('.summary').textContent()).toBe('共 1 个项目；年度预算合计 2,241.00 万元。');
      expect(await m.locator('.indicators li').allTextContents()).toContain('城乡医疗救助政策知晓率≥80%');
      expect(await m.textContent()).toContain('文中没有“数量×单价=金额”式的测算。');
      expect(await seriousViolations(page)).toEqual([]);

      // Every year: more projects than in 2025 alone, the year picker lists the years that have any.
      await open(page, '/projects', 'projects');
      const all = await items.count();
      expect(await page.locator('.filters select option').allTextContents()).toEqual(['全部年度', '2025年', '2024年', '2023年']);
      await page.locator('.filters select').selectOption('2025');
      await expect.poll(() => page.url()).toContain('year=2025');
      await expect.poll(() => items.count()).toBeLessThan(all);
      expect(await items.locator('h2').allTextContents()).toEqual(expect.arrayContaining(['医疗救助经费项目', '非编人员经费']));
      await shoot(page, 'projects');

      // Pages of 50, the place in the address: from the 41st, the demo's last ten of 50; back to the first page.
      await open(page, '/projects?offset=40', 'projects');
      expect(await items.count()).toBe(10);
      expect(await page.locator('.pager span').first().textContent()).toBe('第 41–50 个，共 50 个');
      expect(await page.locator('.projects-list').getAttribute('start')).toBe('41');
      await shoot(page, 'projects-page');
      expect(await page.getByRole('navigation', { name: '项目分页', exact: true }).getByRole('button', { name: '下一页' }).isDisabled()).toBe(true);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByRole('navigation', { name: '项目分页', exact: true }).getByRole('button', { name: '上一页' }).click();
      await expect.poll(() => page.url()).not.toContain('offset=');
      await expect.poll(() => items.count()).toBe(50);
      expect(await page.locator('.pager').count()).toBe(0);
      expect(errors).toEqual([]);
      await context.close();
    }, 180_000);
  }
});

describe('glossary links in the published HTML', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`take a header word to its explanation in the downloaded page (offline) and on the portal, at ${viewport.width} px`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      const r = await page.request.get(`${demo.server.base}/api/documents/1/files/html`);
      expect(r.status()).toBe(200);
      const dir = mkdtempSync(join(tmpdir(), 'budgetbook-glossary-'));
      const file = join(dir, 'budget.html');
      writeFileSync(file, await r.body());
      await page.goto(pathToFileURL(file).href);
      const header = page.locator('#table-expenditure thead');
      expect(await header.locator('a.term').allTextContents()).toEqual(['功能分类科目编码', '基本支出', '项目支出']);
      await header.getByRole('link', { name: '基本支出' }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#term-basic');
      const entry = page.locator('#term-basic');
      expect(await entry.textContent()).toBe('基本支出');
      expect(await page.locator('#term-basic + dd').textContent()).toContain('人员经费（工资福利、对个人和家庭的补助）和公用经费');
      expect(await entry.evaluate((e) => { const b = e.getBoundingClientRect(); return b.top >= 0 && b.bottom <= innerHeight; })).toBe(true);
      // The 三公 table's header words, and the entry says where it comes from.
      await page.locator('#table-three-public thead').getByRole('link', { name: '“三公”经费预算数' }).click();
      await expect.poll(() => page.evaluate(() => location.hash)).toBe('#term-three-public');
      expect(await page.locator('#glossary .sub').textContent()).toContain('不是原文件的内容');
      expect(await page.locator('nav.toc').getByRole('link', { name: '术语说明' }).count()).toBe(1);
      expect(await seriousViolations(page)).toEqual([]);
      await shoot(page, 'published-glossary');
      rmSync(dir, { recursive: true, force: true });

      // The portal's document page draws the same tables: there the words open the site's glossary.
      await open(page, '/documents/1', 'document');
      await page.locator('#table-expenditure thead').getByRole('link', { name: '项目支出' }).click();
      await page.locator('[data-ready=glossary]').waitFor();
      expect(page.url()).toMatch(/\/glossary#project$/);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('project');
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
