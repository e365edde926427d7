/** The command line as a user runs it: output, exit codes, errors on stderr. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { fixture } from './helpers.js';

const root = new URL('..', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'budgetbook-home-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, BUDGETBOOK_HOME: home },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('budgetbook cells / json', () => {
  it('stops quietly when the reader of its output goes away (| head)', () => {
    // 000's JSON (about 130 KB) is more than a pipe holds, so the write after head has gone fails (EPIPE).
    const cmd = `"${process.execPath}" --import tsx src/cli/main.ts json examples/000_29c3f64a6006ec81.txt | head -c 10 > /dev/null; echo "exit \${PIPESTATUS[0]}" >&2`;
    const r = spawnSync('bash', ['-c', cmd], { cwd: root, encoding: 'utf8', env: { ...process.env, BUDGETBOOK_HOME: home } });
    expect(r.stderr).toBe('exit 0\n');
  });

  it('prints the cells of a seed', () => {
    const r = run('cells', 'examples/003_91fd8cb34c22987a.txt');
    expect(r.code).toBe(0);
    expect(r.out).toBe(fixture('expected/003.cells.csv'));
  });

  it('prints the whole document as JSON that validates and reads back', () => {
    const r = run('json', 'examples/000_29c3f64a6006ec81.txt');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.out);
    expect(doc.meta.entity.name).toBe('上海市闵行区医疗保障局');
    const path = join(home, 'doc.json');
    writeFileSync(path, r.out);
    expect(run('cells', path).out).toBe(fixture('expected/000.cells.csv'));
  });

  it('a missing file: exit 2, a Chinese message, nothing on stdout', () => {
    const r = run('cells', 'examples/nope.txt');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('找不到文件');
  });

  it('a table that cannot be read: exit 3 (partly read), the cells read so far, and on stderr the table, line and advice', () => {
    const path = join(home, 'bad.txt');
    writeFileSync(path, '闵行区2025年区级部门预算\n\n2025年部门收入预算总表\n\n单位：元\n\n| 项目 | 合计 |\n|---|---|\n| 208 | 1,00,0 |\n');
    const r = run('cells', path);
    expect(r.code).toBe(3);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(r.err).toContain('bad.txt');
    expect(r.err).toMatch(/第 3 行起的《2025年部门收入预算总表》未能读出：.*（第 9 行）/);
    expect(r.err).toContain('处理建议');
  });

  it('text that is no budget document: exit 2, nothing on stdout', () => {
    const path = join(home, 'memo.txt');
    writeFileSync(path, '会议纪要\n\n今天讨论了工作安排。\n');
    const r = run('json', path);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toContain('memo.txt');
  });

  it('an unknown command or no arguments: usage, exit 2', () => {
    expect(run('frobnicate').code).toBe(2);
    expect(run().code).toBe(2);
    expect(run('help').code).toBe(0);
  });
});

describe('budgetbook catalog', () => {
  it('loads a bureau edition from a real XLSX file and uses it', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('2026年支出功能分类科目');
    ws.addRow(['2026年政府收支分类科目（支出功能分类）']);
    ws.addRow(['类', '款', '项', '科目名称']);
    ws.addRow(['210', '', '', '卫生健康支出']);
    ws.addRow(['210', '13', '', '医疗救助']);
    ws.addRow(['210', '13', '01', '城乡医疗救助']);
    ws.addRow(['210', '13', '99', '其他医疗救助支出']);
    const path = join(home, '上海市2026年支出功能分类科目.xlsx');
    await wb.xlsx.writeFile(path);
    const r = run('catalog', 'import', path);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('2026 年支出功能分类科目：类 1 个、款 1 个、项 2 个');
    const shown = run('catalog', 'show', '2101399', '--year', '2026');
    expect(shown.out).toContain('其他医疗救助支出');
    expect(shown.out).toContain('bureau:上海市2026年支出功能分类科目.xlsx');
  });

  it('a CSV without a year in its name needs --year', () => {
    const path = join(home, 'codes.csv');
    writeFileSync(path, '科目编码,科目名称\n30101,基本工资\n');
    const r = run('catalog', 'import', path);
    expect(r.code).toBe(2);
    expect(r.err).toContain('--year');
    expect(run('catalog', 'import', path, '--year', '2025').code).toBe(0);
  });

  it('an unknown code is unknown, not invalid', () => {
    const r = run('catalog', 'show', '2999999', '--year', '2025');
    expect(r.code).toBe(0);
    expect(r.out).toContain('未知，不等于无效');
  });
});

describe('budgetbook check', () => {
  it('reports the findings of seed 003 in Chinese and exits 1 on errors', () => {
    const r = run('check', 'examples/003_91fd8cb34c22987a.txt');
    expect(r.code).toBe(1);
    expect(r.out).toContain('说明称“无机关运行经费”');
    expect(r.out).toMatch(/共 \d+ 条：错误 \d+ 条/);
  });

  it('--json prints {"findings": [...]} with rule, severity, message, location, expected/actual', () => {
    const r = run('check', 'examples/003_91fd8cb34c22987a.txt', '--json');
    const { findings } = JSON.parse(r.out);
    const f = findings.find((x: { rule: string }) => x.rule === 'narrative.amount');
    expect(f).toMatchObject({ severity: 'error', family: 'narrative', expected: '6067.63', actual: '6070.63', unit: '万元' });
    expect(f.location).toMatchObject({ section: '2025年单位预算编制说明', line: 75 });
    expect(f.location.sentence).toContain('一般公共预算拨款支出预算6070.63万元');
  });

  it('--prior compares the stated changes with last year tables', () => {
    const original = readFileSync(join(root, 'examples/000_29c3f64a6006ec81.txt'), 'utf8');
    // Last year's 财政拨款 = 25780.13 − 7889.43 = 17890.70 万元, as the narrative states.
    const consistent = join(home, 'prior-2024.txt');
    writeFileSync(consistent, original.replaceAll('257,801,271', '178,907,000'));
    const same = join(home, 'prior-same.txt');
    writeFileSync(same, original);
    const priorRules = (path: string) =>
      JSON.parse(run('check', 'examples/000_29c3f64a6006ec81.txt', '--json', '--prior', path).out).findings.filter((f: { rule: string }) => f.rule === 'year-on-year.prior');
    expect(priorRules(consistent)).toEqual([]);
    const wrong = priorRules(same);
    expect(wrong.map((f: { location: { sentence: string } }) => f.location.sentence).join('\n')).toContain('财政拨款收入25780.13万元');
    expect(wrong[0].message).toContain('应持平，文中为增加7889.43万元');
  });
});

describe('budgetbook publish', () => {
  it('writes every format of a seed into the folder and says what it wrote', () => {
    const out = mkdtempSync(join(tmpdir(), 'budgetbook-publish-'));
    const r = run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', out, '--edition', 'review');
    expect(r.code).toBe(0);
    expect(r.out).toContain('已发布“上海市松江区2025年区级单位预算”');
    expect(r.out).toMatch(/校验发现 \d+ 个错误、\d+ 个警告/);
    const name = '003_91fd8cb34c22987a';
    // The published cells CSV is the citizen's (names, BOM); the cells.md yardstick stays `budgetbook cells`.
    expect(readFileSync(join(out, `${name}.cells.csv`), 'utf8').startsWith('\uFEFF表,表名,行,科目编码,科目名称,列,列名,金额（元）\n')).toBe(true);
    expect(readFileSync(join(out, `${name}.pdf`)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const html = readFileSync(join(out, `${name}.html`), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('本单位无机关运行经费');
    const pkg = JSON.parse(readFileSync(join(out, 'datapackage.json'), 'utf8'));
    expect(pkg.resources.map((x: { path: string }) => x.path)).toContain(`${name}.cells.csv`);
    expect(run('cells', join(out, `${name}.json`)).out).toBe(fixture('expected/003.cells.csv'));
  });

  it('--format pdf (as --formats) writes the PDF alone; formats in any case, separated by Chinese commas too', () => {
    const out = mkdtempSync(join(tmpdir(), 'budgetbook-pdf-only-'));
    const r = run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', out, '--force', '--format', 'pdf');
    expect(r.code).toBe(0);
    expect(readdirSync(out)).toEqual(['003_91fd8cb34c22987a.pdf']);
    const two = mkdtempSync(join(tmpdir(), 'budgetbook-two-'));
    expect(run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', two, '--force', '--format', 'PDF，json').code).toBe(0);
    expect(readdirSync(two).sort()).toEqual(['003_91fd8cb34c22987a.json', '003_91fd8cb34c22987a.pdf']);
    expect(run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', two, '--format', 'docx')).toMatchObject({ code: 2, err: expect.stringContaining('不认识的格式：docx') });
  });

  it('refuses an unknown format and a missing --out', () => {
    expect(run('publish', 'examples/003_91fd8cb34c22987a.txt', '--out', tmpdir(), '--formats', 'html,docx')).toMatchObject({ code: 2, err: expect.stringContaining('不认识的格式：docx') });
    expect(run('publish', 'examples/003_91fd8cb34c22987a.txt')).toMatchObject({ code: 2, err: expect.stringContaining('缺少 --out') });
  });
});

describe('budgetbook consolidate', () => {
  it('sums unit documents into a department that checks and publishes', () => {
    const dir = mkdtempSync(join(tmpdir(), 'budgetbook-units-'));
    const unit = readFileSync(join(root, 'examples/003_91fd8cb34c22987a.txt'), 'utf8');
    writeFileSync(join(dir, 'a.txt'), unit);
    writeFileSync(join(dir, 'b.txt'), unit.replaceAll('157002上海市松江区医疗保险事务中心', '157003上海市松江区医疗保障事务所'));
    const out = join(dir, 'dept.json');
    const r = run('consolidate', join(dir, 'a.txt'), join(dir, 'b.txt'), '--name', '上海市松江区医疗保障局', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('已将 2 家单位汇总为“上海市松江区医疗保障局”部门预算');
    const doc = JSON.parse(readFileSync(out, 'utf8'));
    expect(doc.meta.scope).toBe('department');
    expect(doc.meta.memberUnits).toHaveLength(2);
    // Twice 003's 收入总计 60,706,322.53 元.
    expect(run('cells', out).out).toContain('summary,income.total,amount,121412645.06');
  });

  it('refuses a department document among the units', () => {
    const r = run('consolidate', 'examples/000_29c3f64a6006ec81.txt', '--name', 'X局', '--out', join(tmpdir(), 'x.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('已是部门预算（汇总），只能汇总单位预算');
  });
});

describe('budgetbook consolidate, the same unit twice', () => {
  it('is refused: a unit is summed once', () => {
    const r = run('consolidate', 'examples/003_91fd8cb34c22987a.txt', 'examples/003_91fd8cb34c22987a.txt', '--name', 'X局', '--out', join(tmpdir(), 'x.json'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('出现了两次');
  });
});
