/**
 * Issue 17, item 5: open data a citizen can open. The cells CSV names its tables, 科目 and columns
 * (UTF-8 with BOM), a 科目 code list is the target of a foreign key, one CSV per table keeps the
 * printed layout, datapackage.json has a licence, publisher and creation time, and no published
 * file carries the publisher's local path. `budgetbook cells` stays the cells.md yardstick.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { publishDocument } from '../src/publish/index.js';
import { parseCsv } from '../src/util/csv.js';
import { exampleText, fixture, importText, SEED_000 } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const catalogs = builtinCatalogs();

describe('the open data of seed 000', async () => {
  const doc = importText(exampleText(SEED_000), '/home/official/预算/000.txt');
  const files = await publishDocument(doc, { catalogs, formats: ['csv', 'json', 'datapackage'], force: true, baseName: '000', created: '2025-02-01T08:00:00Z', publisher: '上海市闵行区财政局' });
  const get = (name: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(files.find((f) => f.name === name)!.bytes);

  it('cells CSV: UTF-8 with BOM, the table, 科目 and column names beside the keys', () => {
    const text = get('000.cells.csv');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = parseCsv(text);
    expect(header).toEqual(['表', '表名', '行', '科目编码', '科目名称', '列', '列名', '金额（元）']);
    // The seed's 收入预算总表: "| 208 | 01 | 09 | 社会保险经办机构 | 8331275 | 8331275 |".
    expect(rows).toContainEqual(['income', '2025年部门收入预算总表', '2080109', '2080109', '社会保险经办机构', 'total', '合计', '8331275.00']);
    // A row the 功能分类 table prints without its name gets the name from the other tables.
    expect(rows).toContainEqual(['general-function', '2025年部门一般公共预算支出功能分类预算表', '2080109', '2080109', '社会保险经办机构', 'total', '合计', '8331275.00']);
    expect(rows).toContainEqual(['summary', '2025年部门财务收支预算总表', 'income.fiscal', '', '财政拨款收入', 'amount', '预算数', '257801271.00']);
    expect(rows.length).toBe(fixture('expected/000.cells.csv').trim().split('\n').length - 1);
  });

  it('a 科目 code list the cells point at, and one CSV per table in its printed layout', () => {
    const [header, ...rows] = parseCsv(get('000.subjects.csv'));
    expect(header).toEqual(['科目编码', '科目名称', '科目体系', '级次', '上级编码', '名称出处']);
    expect(rows).toContainEqual(['2101301', '城乡医疗救助', '支出功能分类', '项', '21013', '原表']);
    const codes = new Set(rows.map((r) => r[0]));
    for (const r of parseCsv(get('000.cells.csv')).slice(1)) if (r[3]) expect(codes, r[3]).toContain(r[3]);
    const table = parseCsv(get('000.table05-general-function.csv'));
    expect(table[0]).toEqual(['2025年部门一般公共预算支出功能分类预算表']);
    expect(table[1]).toEqual(['编制部门：上海市闵行区医疗保障局（汇总）', '单位：元']);
    expect(table).toContainEqual(['208', '01', '09', '社会保险经办机构*', '8331275', '8264275', '67000']);
  });

  it('datapackage.json: licence, publisher, created, the code list with a foreign key, no local path', () => {
    const pkg = JSON.parse(get('datapackage.json'));
    expect(pkg.licenses).toEqual([{ name: 'CC-BY-4.0', path: 'https://creativecommons.org/licenses/by/4.0/', title: '知识共享署名 4.0 国际许可协议（CC BY 4.0）' }]);
    expect(pkg.publisher).toEqual({ name: '上海市闵行区财政局' });
    expect(pkg.created).toBe('2025-02-01T08:00:00Z');
    const cells = pkg.resources.find((r: { name: string }) => r.name === 'cells');
    expect(cells.schema.foreignKeys).toEqual([{ fields: ['科目编码'], reference: { resource: 'subjects', fields: ['科目编码'] } }]);
    expect(pkg.resources.map((r: { path: string }) => r.path)).toContain('000.subjects.csv');
    expect(pkg.resources.map((r: { path: string }) => r.path)).toContain('000.table05-general-function.csv');
    for (const f of files) expect(new TextDecoder().decode(f.bytes), f.name).not.toContain('/home/official');
    expect(JSON.parse(get('000.json')).meta.source.fileName).toBe('000.txt');
  });

  it('takes another licence from the caller', async () => {
    const other = await publishDocument(doc, { catalogs, formats: ['datapackage'], force: true, license: 'CC0-1.0' });
    expect(JSON.parse(new TextDecoder().decode(other[0]!.bytes)).licenses[0].name).toBe('CC0-1.0');
  });
});

describe('the command line', () => {
  it('publish --license writes it; `budgetbook cells` is still the cells.md yardstick', () => {
    const out = mkdtempSync(join(tmpdir(), 'budgetbook-od-'));
    const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8' });
    const r = run('publish', join(root, 'examples/000_29c3f64a6006ec81.txt'), '--out', out, '--force', '--formats', 'csv,datapackage', '--license', 'CC-BY-SA-4.0');
    expect(r.status).toBe(0);
    expect(JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8')).licenses[0].name).toBe('CC-BY-SA-4.0');
    expect(readdirSync(out).filter((f) => /\.table\d\d-/.test(f))).toHaveLength(9);
    for (const f of readdirSync(out)) expect(readFileSync(join(out, f), 'utf8'), f).not.toContain(root);
    expect(run('cells', 'examples/000_29c3f64a6006ec81.txt').stdout).toBe(fixture('expected/000.cells.csv'));
  });
});
