/** `budgetbook benefit` and `budgetbook estimate` as a user runs them: output, JSON, exit codes. */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const home = mkdtempSync(join(tmpdir(), 'budgetbook-benefit-'));

function run(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, BUDGETBOOK_HOME: home } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('budgetbook benefit', () => {
  it('explains each step and the total: 城乡低保, 住院 200000, 门急诊 5000 of which 起付线 500', () => {
    const r = run('benefit', '--category', '城乡低保', '--inpatient', '200000', '--outpatient', '5000', '--deductible', '500');
    expect(r.code).toBe(0);
    expect(r.out).toContain('1. 市级住院救助（城乡低保）（沪医保规〔2020〕4号，2020 年起）\n   住院自负费用 200,000.00 元 × 90% = 180,000.00 元，超过全年最高救助限额 130,000.00 元，按 130,000.00 元救助');
    // 130000 + 500 + 2700 + min((205000 − 133200) × 50%, 30000) = 163200
    expect(r.out).toContain('合计救助 163,200.00 元：市级 133,200.00 元，区级 30,000.00 元；个人仍自负医疗费用 41,800.00 元。');
    expect(r.out).toContain('资金来源：市财政 66,600.00 元，区财政 96,600.00 元。');
  });

  it('--json prints {"total": 元, "steps": [...]}', () => {
    const r = run('benefit', '--category', '低收入', '--inpatient', '50000', '--outpatient', '3000', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    // 40000 + 1500 + (53000 − 41500) × 50% = 47250
    expect(out.total).toBe(47250);
    expect(out.steps.map((s: { rule: string; amount: number; document: string }) => [s.rule, s.amount, s.document])).toEqual([
      ['city.inpatient.low-income', 40000, '沪医保规〔2020〕4号'],
      ['city.outpatient.low-income', 1500, '沪医保规〔2022〕12号'],
      ['district.supplement', 5750, '闵医保规发〔2022〕1号'],
    ]);
  });

  it('an unknown category, a bad amount, or no category: exit 2 and a Chinese message', () => {
    const unknown = run('benefit', '--category', '五保户', '--inpatient', '1000');
    expect([unknown.code, unknown.out]).toEqual([2, '']);
    expect(unknown.err).toContain('未知的救助对象类别“五保户”。请用规则中的类别名称之一：特殊救济对象、城乡低保、低收入');
    expect(run('benefit', '--category', '城乡低保', '--inpatient=-5').err).toContain('--inpatient 的值“-5”不是金额');
    expect(run('benefit', '--category', '城乡低保', '--inpatient', '-5').err).toContain('选项 --inpatient 缺少值或值有误');
    expect(run('benefit', '--inpatient', '5').err).toContain('缺少 --category');
  });
});

describe('budgetbook estimate', () => {
  it('estimates the example caseload and compares it with seed 000', () => {
    const r = run('estimate', 'examples/caseload-minhang-2025.csv', '--document', 'examples/000_29c3f64a6006ec81.txt');
    expect(r.code).toBe(0);
    // 100 × (40000 × 50% + 20000 × 50%) = 300 万元
    expect(r.out).toContain('支出型贫困二类：100 人 × 人均救助 30,000.00 元 = 300.00 万元（第 13 行）');
    expect(r.out).toContain('项目“医疗救助经费项目”年度预算 2241万元：估算');
    expect(r.out).toContain('科目 2101301 城乡医疗救助 项目支出 2242.75 万元');
  });

  it('--json, and a bad row named by its line', () => {
    const path = join(home, 'caseload.csv');
    writeFileSync(path, '类别,人数,人均住院自负（元）\n城乡低保,10,10000\n');
    expect(JSON.parse(run('estimate', path, '--json').out)).toMatchObject({ total: 95000, people: 10, byLevel: { city: 90000, district: 5000 } });
    writeFileSync(path, '类别,人数,人均住院自负（元）\n城乡低保,10,10000\n城乡低保,很多,10000\n');
    const bad = run('estimate', path);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('caseload.csv 第 3 行：人数“很多”不是非负整数。请写整数人数。');
  });
});
