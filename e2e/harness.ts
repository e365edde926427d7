/**
 * What the end-to-end tests run on: `budgetbook serve --demo` on a free port with a fresh
 * embedded store in a temporary folder (its demo users and passwords read from what it prints),
 * and Debian's chromium driven by playwright-core. Screenshots go to e2e/screenshots/.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { findCjkFont } from '../src/publish/pdf/fonts.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'e2e', 'screenshots');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * '' when the browser is there; otherwise the one line that says how to get it. The e2e tests are
 * then reported as skipped with it (skipWithoutChromium), never passed in silence.
 */
export const CHROMIUM_MISSING = existsSync(CHROMIUM)
  ? ''
  : `跳过端到端测试：找不到 chromium（${CHROMIUM}）。安装：apt-get install -y chromium（Debian，root；npm test 会自动安装），或用 CHROMIUM_PATH 指定 Chrome/Chromium 的路径。`;
if (CHROMIUM_MISSING) console.warn(`\n[测试前提] ${CHROMIUM_MISSING}\n`);

/** For beforeEach: skips the test, named with CHROMIUM_MISSING, when there is no browser. */
export function skipWithoutChromium(ctx: { skip: (condition: boolean, note?: string) => void }): void {
  ctx.skip(!!CHROMIUM_MISSING, CHROMIUM_MISSING);
}

export interface Server {
  base: string;
  passwords: Record<string, string>;
  stop: () => Promise<void>;
}

export async function startServer(): Promise<Server> {
  if (!existsSync(join(ROOT, 'web', 'dist', 'index.html'))) throw new Error('web/dist 不存在：请先运行 npm run build:web');
  const data = mkdtempSync(join(tmpdir(), 'budgetbook-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src', 'cli', 'main.ts'), 'serve', '--demo', '--port', '0', '--data', data], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const base = await new Promise<string>((resolve, reject) => {
    // A server that did not answer in time is stopped, not left running (and building the demo) after the test gave up.
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error(`服务没有在 120 秒内启动：\n${out}`))), 120_000);
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /服务已启动：(http:\/\/[\d.]+:\d+)/.exec(out);
      if (m && /用户名 admin/.test(out)) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    child.once('exit', (code) => reject(new Error(`服务退出（${code}）：\n${out}`)));
  });
  const passwords = Object.fromEntries([...out.matchAll(/用户名 (\S+)\s+密码 (\S+)/g)].map((m) => [m[1]!, m[2]!]));
  return {
    base,
    passwords,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/**
 * A fontconfig file for the browser: the machine's fonts, plus Noto Sans SC from npm (the PDF's
 * font), so pages render Chinese, and chromium does not crash, on a machine without CJK or any fonts.
 */
function fontconfigFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'budgetbook-fonts-'));
  const { regular, bold } = findCjkFont();
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n  <dir>${dirname(regular.path)}</dir>\n  <dir>${dirname(bold.path)}</dir>\n  <cachedir>${join(dir, 'cache')}</cachedir>\n</fontconfig>\n`,
  );
  return file;
}

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    env: { ...process.env, FONTCONFIG_FILE: fontconfigFile() },
    headless: true,
    args: ['--no-sandbox', '--lang=zh-CN', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

/** A demo server and a browser for one test file: started before its tests, stopped after them. */
export function demoAndBrowser(): { server: Server; browser: Browser } {
  const demo = {} as { server: Server; browser: Browser };
  beforeAll(async () => {
    [demo.server, demo.browser] = await Promise.all([startServer(), launch()]);
  }, 150_000);
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
  });
  return demo;
}

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export async function newPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', acceptDownloads: true, ...(viewport === PHONE ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}) });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // A refusal (4xx) is an answer the page shows the user; anything else in red is a fault.
    if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of 4\d\d/.test(m.text())) errors.push(m.text());
  });
  return { context, page, errors };
}

/** A screenshot of the page as it is now, at its width, named for the view. */
export async function shoot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const width = page.viewportSize()?.width ?? 0;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-${width}.png`), fullPage: false });
}

export async function signIn(page: Page, server: Server, username: string): Promise<void> {
  await page.goto(`${server.base}/login`);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(server.passwords[username]!);
  await page.getByRole('button', { name: '登录' }).click();
  await page.waitForURL(/\/workspace/);
}
