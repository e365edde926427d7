/**
 * npm run bench -- web: the web app's budgets, measured in Debian's chromium against
 * `budgetbook serve --demo` on loopback (figures, not a timed test).
 * - JavaScript the public document page loads (every chunk): bytes sent (gzip) and raw.
 * - Time from navigation to the document shown (the page's `document-ready` mark), cold (empty
 *   cache) and warm (cached files, 304 answers), for both seed documents; median of rounds.
 * - Search: the API's answer time from a client on loopback, and in the browser from typing to results.
 * - Live checking in the workspace: from typing an amount to the findings shown (the whole checker in the browser).
 * - Treemaps: from a click on a box to the next level drawn (the frame after the new boxes are in
 *   the page), timed by the page's own clock: a document's (drawn from data already loaded) and the
 *   city's by 科目 (a request for the level's totals, then the drawing).
 */
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import { launch, newPage, signIn, startServer } from '../e2e/harness.js';

import { median } from './measure.js';
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;

const server = await startServer();
const browser = await launch();
try {
  console.log('## 网页：公开的文件页面加载的 JavaScript（全部分块）');
  {
    const { page, context } = await newPage(browser);
    const scripts: { url: string; sent: number; raw: number; gzip: number }[] = [];
    page.on('response', async (r) => {
      if (r.request().resourceType() !== 'script') return;
      const body = await r.body();
      const sizes = await r.request().sizes();
      scripts.push({ url: new URL(r.url()).pathname, sent: sizes.responseBodySize, raw: body.length, gzip: gzipSync(body, { level: 9 }).length });
    });
    await page.goto(`${server.base}/documents/1`);
    await page.locator('[data-ready=document]').waitFor();
    await page.waitForTimeout(300);
    for (const s of scripts) console.log(`${s.url}\t传输 ${kb(s.sent)}\t原始 ${kb(s.raw)}\tgzip -9 ${kb(s.gzip)}`);
    console.log(`合计\t传输 ${kb(scripts.reduce((a, s) => a + s.sent, 0))}\t原始 ${kb(scripts.reduce((a, s) => a + s.raw, 0))}\tgzip -9 ${kb(scripts.reduce((a, s) => a + s.gzip, 0))}（预算 300 KB gzip）`);
    await context.close();
  }

  console.log('\n## 网页：文件页面从导航到显示完毕（毫秒，中位数 / 最大；预算 1000 ms）');
  for (const [id, name] of [[1, '000 闵行区医疗保障局'], [2, '003 松江区医疗保险事务中心']] as const) {
    const cold: number[] = [];
    const warm: number[] = [];
    for (let round = 0; round < 7; round++) {
      const { page, context } = await newPage(browser);
      for (const into of [cold, warm]) {
        await page.goto(`${server.base}/documents/${id}?round=${round}`);
        await page.locator('[data-ready=document]').waitFor();
        into.push(await page.evaluate(() => performance.getEntriesByName('document-ready')[0]!.startTime));
      }
      await context.close();
    }
    console.log(`${name}\t首次（无缓存）${median(cold.slice(1)).toFixed(0)} ms（最大 ${Math.max(...cold.slice(1)).toFixed(0)}）\t再次 ${median(warm).toFixed(0)} ms（最大 ${Math.max(...warm).toFixed(0)}）`);
  }

  console.log('\n## 方块图：点方块到下一级画完（毫秒，页面内计时到下一帧；10 次，中位数 / 最大）');
  {
    /**
     * In the page (a script as text: the bundler's helpers do not exist there): click `click`, then
     * wait for `done` to hold and for the frame after; the time on the page's clock.
     */
    const timed = (page: import('playwright-core').Page, click: string, done: string) =>
      page.evaluate(`new Promise((resolve) => {
        const t0 = performance.now();
        document.querySelector(${JSON.stringify(click)}).dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
        const wait = () => (${done} ? requestAnimationFrame(() => resolve(performance.now() - t0)) : requestAnimationFrame(wait));
        wait();
      })`) as Promise<number>;
    // The boxes of 210's 款 drawn; the 类 drawn again.
    const drill = (page: import('playwright-core').Page) => timed(page, '#treemap [data-code="210"]', `document.querySelector('#treemap [data-code^="210"]:not([data-code="210"])')`);
    const up = (page: import('playwright-core').Page, top: string) => timed(page, top, `document.querySelector('#treemap [data-code="210"]')`);
    for (const [what, path, ready, top] of [
      ['文件 000 的方块图（数据已在页面中）', '/documents/1', 'document', '#treemap nav.crumbs a'],
      ['全市按科目的方块图（每级请求一次合计）', '/subjects', 'subjects', 'main p.crumbs a'],
    ] as const) {
      const { page, context } = await newPage(browser);
      await page.goto(`${server.base}${path}`);
      await page.locator(`[data-ready=${ready}]`).waitFor();
      await page.locator('#treemap [data-code="210"]').waitFor();
      const down: number[] = [];
      const back: number[] = [];
      for (let i = 0; i < 10; i++) {
        down.push(await drill(page));
        back.push(await up(page, top));
      }
      console.log(`${what}	类 210 → 各款 ${median(down).toFixed(0)} / ${Math.max(...down).toFixed(0)} ms	回到各类 ${median(back).toFixed(0)} / ${Math.max(...back).toFixed(0)} ms`);
      await context.close();
    }
  }

  console.log('\n## 搜索：API 回答时间（毫秒，每个词 100 次；p50 / p95 / 最大；预算 100 ms）');
  for (const term of ['医疗救助', '2101301', '闵行', '机关运行经费', '社会保障']) {
    const url = `${server.base}/api/search?q=${encodeURIComponent(term)}`;
    for (let i = 0; i < 10; i++) await (await fetch(url)).text();
    const ms: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now();
      await (await fetch(url)).text();
      ms.push(performance.now() - t0);
    }
    console.log(`“${term}”\t${median(ms).toFixed(1)}\t${pct(ms, 0.95).toFixed(1)}\t${Math.max(...ms).toFixed(1)}`);
  }
  {
    const { page, context } = await newPage(browser);
    await page.goto(`${server.base}/search`);
    const shown: number[] = [];
    for (const term of ['医疗救助', '三公经费', '公务接待', '城乡医疗', '闵行区']) {
      const t0 = performance.now();
      await page.getByLabel('单位名称、科目编码或名称、说明文字').fill(term);
      await page.waitForFunction((t) => document.querySelector('#search-status')?.textContent?.includes(`“${t}”`), term);
      shown.push(performance.now() - t0);
    }
    console.log(`浏览器中从输入到显示结果（含 60 ms 的输入防抖）：中位数 ${median(shown).toFixed(0)} ms，最大 ${Math.max(...shown).toFixed(0)} ms`);
    await context.close();
  }

  console.log('\n## 工作台：在表格中输入金额到校验结果显示（毫秒；浏览器中运行完整的校验器，含 60 ms 防抖）');
  {
    const { page, context } = await newPage(browser);
    const t0 = performance.now();
    await signIn(page, server, 'preparer');
    await page.getByRole('link', { name: '上海市闵行区医疗保险事务中心' }).first().click();
    await page.locator('[data-ready=editor]').waitFor();
    console.log(`登录后打开编辑页（含工作台分块与上年文件）：${(performance.now() - t0).toFixed(0)} ms`);
    const input = page.locator('#table-expenditure td[data-column=total] input').last();
    const original = await input.inputValue();
    const ms: number[] = [];
    for (let i = 0; i < 10; i++) {
      const before = await page.locator('#h-findings').textContent();
      const t = performance.now();
      await input.fill(i % 2 === 0 ? '1.00' : original);
      await page.waitForFunction((b) => document.querySelector('#h-findings')?.textContent !== b, before);
      ms.push(performance.now() - t);
    }
    console.log(`中位数 ${median(ms).toFixed(0)} ms，最大 ${Math.max(...ms).toFixed(0)} ms（10 次）`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
