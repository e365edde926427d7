/**
 * Issue 17, item 1: the public edition is clean and refused for a document with errors unless
 * forced (and then says so in every file); the review edition marks the findings; whole-yuan
 * tables and the 万元 view carry the standard 尾差 note.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { publishDocument, PublishRefused } from '../src/publish/index.js';
import { tableHtml } from '../src/publish/html/tables.js';
import { exampleText, importText, SEED_000, SEED_003 } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'budgetbook-home-'));
const catalogs = builtinCatalogs();

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BUDGETBOOK_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const text = (files: { name: string; bytes: Uint8Array }[], ext: string) => new TextDecoder().decode(files.find((f) => f.name.endsWith(ext))!.bytes);

describe('publish --edition public (the default)', () => {
  it('refuses seed 003, whose check finds errors: exit 1, the errors listed, nothing written', () => {
    const out = join(mkdtempSync(join(tmpdir(), 'budgetbook-ed-')), 'out');
    const r = run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', out);
    expect(r.code).toBe(1);
    expect(r.err).toContain('未发布');
    expect(r.err).toContain('--force');
    // Errors of seed 003 as the document has them (see its text): a missing part and a denied 机关运行经费.
    expect(r.err).toContain('缺少“国有资产占用情况”部分');
    expect(r.err).toContain('无机关运行经费');
    expect(r.err).toContain('8 个错误');
    expect(existsSync(out) ? readdirSync(out) : []).toEqual([]);
  });

  it('with --force writes a clean page that says it was forced, in every format', () => {
    const out = mkdtempSync(join(tmpdir(), 'budgetbook-ed-'));
    const r = run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', out, '--force', '--formats', 'html,json,xlsx');
    expect(r.code).toBe(0);
    const html = readFileSync(join(out, '003_91fd8cb34c22987a.html'), 'utf8');
    expect(html).not.toMatch(/class="[^"]*finding/);
    expect(html).not.toContain('校验结果');
    expect(html).toContain('<h2>发布说明</h2>');
    expect(html).toMatch(/本文件在校验发现 8 个错误的情况下强制发布/);
    const doc = JSON.parse(readFileSync(join(out, '003_91fd8cb34c22987a.json'), 'utf8'));
    expect(doc.notes.some((n: { message: string }) => n.message.includes('强制发布'))).toBe(true);
  });

  it('in process: publishDocument throws PublishRefused listing the errors', async () => {
    const doc = importText(exampleText(SEED_003), 'x.txt');
    const refused = await publishDocument(doc, { catalogs, formats: ['csv'] }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(PublishRefused);
    expect((refused as PublishRefused).errors).toHaveLength(8);
  });
});

describe('publish --edition review', () => {
  it('marks the findings on the page and lists them', async () => {
    const doc = importText(exampleText(SEED_000), 'x.txt');
    const html = text(await publishDocument(doc, { catalogs, formats: ['html'], edition: 'review' }), '.html');
    expect(html).toMatch(/class="num finding warning"|<mark class="finding/);
    expect(html).toContain('校验结果（错误 1 条');
  });

  it('the public edition of 000, forced, has no mark at all', async () => {
    const doc = importText(exampleText(SEED_000), 'x.txt');
    const html = text(await publishDocument(doc, { catalogs, formats: ['html'], force: true }), '.html');
    expect(html).not.toContain('<mark');
    expect(html).not.toContain('aria-describedby="f');
  });
});

describe('the 尾差 note', () => {
  const table = {
    id: 'general-function' as const,
    title: '一般公共预算支出功能分类预算表',
    unit: 'yuan' as const,
    decimals: 0,
    columns: ['total'],
    rows: [
      { key: 'total', label: '合计', cells: { total: 300 } },
      { key: '201', code: '201', label: '一般公共服务支出', cells: { total: 100 } },
      { key: '208', code: '208', label: '社会保障和就业支出', cells: { total: 200 } },
    ],
  };

  it('a whole-yuan table says its total may differ from the sum by rounding; the 万元 view says it too', () => {
    const html = tableHtml(table);
    expect(html).toContain('本表金额取整到元，因四舍五入，合计与分项之和可能有尾差');
    expect(html).toMatch(/<p class="rounding-note" data-show-unit="wanyuan" hidden>注：因四舍五入，合计与分项之和可能有尾差。<\/p>/);
    const wan = tableHtml(table, { unit: 'wanyuan' });
    expect(wan).toMatch(/<p class="rounding-note" data-show-unit="wanyuan">注：因四舍五入/);
  });
});
