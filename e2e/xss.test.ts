/**
 * Issue 13, the stored-XSS chain in chromium: a unit's preparer uploads a budgetbook JSON with a
 * script payload in every string field (keys excepted: a payload key is refused with 422). No
 * script of it runs — no window.__x, no dialog, no CSP violation — on the portal document page,
 * in the workspace editor, or in the published HTML file, shown as the server sends it
 * (sandboxed) or opened from disk after downloading it; and every page carries its CSP.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { BudgetDocument } from '../src/model/document.js';
import { CHROMIUM_MISSING, launch, newPage, signIn, skipWithoutChromium, startServer, type Server } from './harness.js';
import { ATTRIBUTE_PAYLOAD, PAYLOAD, plantPayloads } from '../test/payloads.js';

let server: Server;
let browser: Browser;
let token: string;
let id: number;
let unit: number;
let planted: BudgetDocument;
const dir = mkdtempSync(join(tmpdir(), 'budgetbook-xss-'));

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(server.base + path, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });
}

/** Upload a document as the preparer of its unit. */
async function upload(doc: BudgetDocument, entity: number): Promise<Response> {
  const name = encodeURIComponent(`预算${PAYLOAD}.json`);
  return api(`/api/documents?entity=${entity}&fileName=${name}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: JSON.stringify(doc) });
}

/** Before any script of the page: what the payload or the policy would leave behind. */
async function watch(page: Page): Promise<{ dialogs: string[] }> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return { dialogs };
}

const ran = (page: Page) => page.evaluate(() => (window as unknown as { __x?: number }).__x);
const violations = (page: Page) => page.evaluate(() => (window as unknown as { __violations: string[] }).__violations);

beforeAll(async () => {
  if (CHROMIUM_MISSING) return;
  [server, browser] = await Promise.all([startServer(), launch()]);
  const login = await fetch(server.base + '/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'preparer', password: server.passwords.preparer }) });
  token = ((await login.json()) as { token: string }).token;
  // The preparer's own unit and its draft (the demo's), as a later year's upload.
  const me = (await (await api('/api/auth/me')).json()) as { user: { grants: { role: string; entityId?: number }[] } };
  unit = me.user.grants.find((g) => g.role === 'preparer')!.entityId!;
  const list = (await (await api(`/api/documents?entity=${unit}`)).json()) as { items: { id: number }[] };
  const seed = (await (await api(`/api/documents/${list.items[0]!.id}/content`)).json()) as BudgetDocument;
  expect(seed.meta.entity.name).toBe('上海市闵行区医疗保险事务中心');
  seed.meta.year = 2030;
  // The unit's name and region must be the unit's, and keys the model's (refused below): everything else gets the payload.
  planted = plantPayloads(seed, { keep: ['meta.entity.name', 'meta.region'] }).doc;
  const stored = await upload(planted, unit);
  expect(stored.status).toBe(201);
  id = ((await stored.json()) as { document: { id: number } }).document.id;
}, 120_000);
beforeEach(skipWithoutChromium);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('a document with a script in every text', () => {
  it('is refused when a key is not the model’s (422, in Chinese, saying where)', async () => {
    const bad = structuredClone(planted);
    bad.meta.year = 2031;
    bad.tables.find((t) => t.id === 'expenditure')!.columns.push(ATTRIBUTE_PAYLOAD);
    const r = await upload(bad, unit);
    expect(r.status).toBe(422);
    const body = (await r.json()) as { error: { message: string } };
    expect(body.error.message).toContain('表“支出预算总表”（expenditure）的列键“"><img src=x onerror=window.__x=1>”不是模型中的列');
  });

  it('runs nothing on the portal document page, which shows it as text under a strict CSP', async () => {
    const { page, errors } = await newPage(browser);
    const { dialogs } = await watch(page);
    await signIn(page, server, 'preparer');
    const response = await page.goto(`${server.base}/documents/${id}`);
    const csp = response!.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    await page.locator('[data-ready=document]').waitFor();
    await page.locator('#charts svg').first().waitFor();
    expect(await page.locator('#tables').textContent()).toContain(ATTRIBUTE_PAYLOAD);
    expect(await page.locator('main').textContent()).toContain('</script><script>window.__x=1</script>');
    expect(await page.locator('main img').count()).toBe(0);
    expect(await ran(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    // The app itself keeps to its policy: nothing of it is blocked.
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('runs nothing in the workspace editor', async () => {
    const { page, errors } = await newPage(browser);
    const { dialogs } = await watch(page);
    await signIn(page, server, 'preparer');
    await page.goto(`${server.base}/workspace/documents/${id}`);
    await page.locator('[data-ready=editor]').waitFor();
    expect(await page.locator('main').textContent()).toContain(ATTRIBUTE_PAYLOAD);
    expect(await ran(page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });

  it('is published as a file to download, sandboxed if shown, and runs nothing either way', async () => {
    const r = await api(`/api/documents/${id}/files/html`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-disposition')).toMatch(/^attachment;/);
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp.split(';').map((d) => d.trim())).toContain('sandbox');
    expect(csp).not.toMatch(/allow-scripts|allow-same-origin/);
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html).toContain('window.__x');

    // Shown by a browser that ignores the attachment: the server's own headers, sandboxed.
    const shown = await newPage(browser);
    const { dialogs } = await watch(shown.page);
    const url = `${server.base}/api/documents/${id}/files/html`;
    await shown.page.route(url, (route) => route.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': csp }, body: html }));
    await shown.page.goto(url);
    expect(await shown.page.locator('#tables').textContent()).toContain(ATTRIBUTE_PAYLOAD);
    expect(await ran(shown.page)).toBeUndefined();
    expect(dialogs).toEqual([]);
    await shown.page.context().close();

    // Downloaded and opened from disk: its own script (the 元/万元 switch) runs, the payload does not.
    const file = join(dir, 'budget.html');
    writeFileSync(file, html);
    const local = await newPage(browser);
    const opened = await watch(local.page);
    await local.page.goto(pathToFileURL(file).href);
    expect(await local.page.locator('#tables').textContent()).toContain(ATTRIBUTE_PAYLOAD);
    await local.page.locator('input[name=unit][value=wanyuan]').check();
    await expect.poll(() => local.page.locator('.unit-name').first().textContent()).toBe('万元');
    expect(await ran(local.page)).toBeUndefined();
    expect(opened.dialogs).toEqual([]);
    expect(await local.page.locator('img').count()).toBe(0);
    await local.page.context().close();
  });
});
