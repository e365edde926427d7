/**
 * Addresses that lead nowhere (issue 18, review H1/L15): a wrong id ("abc", "1.5", "-1") or an unknown one
 * (document 9999, 科目 9999999) gives a Chinese page with its <h1>, no validator text, and no request loop.
 * At 1280 and 390 px, in zh-CN; axe finds nothing serious on those pages.
 */
import { describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, newPage, demoAndBrowser } from './harness.js';
import { seriousViolations } from './axe.js';

const demo = demoAndBrowser();


const CASES: [path: string, heading: string][] = [
  ['/entities/abc', '地址无效'],
  ['/documents/abc', '地址无效'],
  ['/documents/1.5', '地址无效'],
  ['/entities/-1', '地址无效'],
  ['/workspace/documents/abc', '地址无效'],
  ['/documents/9999', '没有找到'],
  ['/entities/99999', '没有找到'],
  ['/subjects/9999999', '没有这个科目'],
  ['/subjects/abc', '地址无效'],
  ['/no/such/page', '没有这个页面'],
];

describe('an address that leads nowhere', () => {
  for (const viewport of [DESKTOP, PHONE]) {
    it(`says so in Chinese with a heading, at ${viewport.width} px, and stops asking the server`, async () => {
      const { page, context, errors } = await newPage(demo.browser, viewport);
      let requests = 0;
      const asked: string[] = [];
      page.on('request', (r) => {
        const path = new URL(r.url()).pathname;
        if (path.startsWith('/api/')) requests++, asked.push(path);
      });
      for (const [path, heading] of CASES) {
        requests = 0;
        await page.goto(demo.server.base + path);
        await page.locator('[data-ready=not-found]').waitFor();
        expect(await page.locator('main h1').textContent(), path).toBe(heading);
        const text = (await page.locator('main').textContent()) ?? '';
        expect(text, path).not.toMatch(/期望|NaN|路径参数|openapi|int/);
        expect(text, path).toContain('首页');
        expect(await page.title(), path).toContain(heading);
        // The page asked at most a few times (session, record, content…) and then stopped: the count no longer moves.
        const settled = requests;
        expect(settled, path).toBeLessThan(10);
        await page.waitForTimeout(800);
        expect(requests, path).toBe(settled);
      }
      // A malformed number never reaches the server at all.
      expect(asked.filter((u) => /\/(abc|1\.5|-1)$/.test(u))).toEqual([]);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    }, 120_000);
  }
});
