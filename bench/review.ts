/**
 * npm run bench -- review — the bureau's review (`budgetbook review`) over real documents, as a
 * user runs it: the whole command in a new process (Node start, reading, checking, drawing the
 * crops, writing the XLSX/HTML/JSON), wall-clock time, documents per minute; once per set:
 * the 17 Shanghai department budgets of ../shared/corpus, ../shared/docs (普陀区 and others),
 * and every PDF of both. Then, from the whole run's JSON, how often each rule fired (findings
 * and documents), and a seeded sample of 30 findings on the form (warnings and errors) to check
 * by hand — bench/results/review-sample.md holds that sample with the verdicts.
 * Figures, not a timed test. `-- review --sample-only` skips the timing of the two smaller sets;
 * `--seed=N` draws another sample (default 15); `--keep` keeps the run's 检查表 and says where.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Finding } from '../src/check/finding.js';
import { placeText } from '../src/review/form.js';

const CLI = new URL('../dist/cli/main.js', import.meta.url).pathname;
const [CORPUS, DOCS] = [new URL('../../shared/corpus/', import.meta.url), new URL('../../shared/docs/', import.meta.url)].map((u) => u.pathname) as [string, string];
const pdfs = (dir: string, prefix = '') => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.pdf') && f.startsWith(prefix)).sort().map((f) => join(dir, f)) : []);

interface Run {
  files: number;
  seconds: number;
  code: number | null;
  signal: string | null;
  out: string;
  summary: string;
}

function review(files: string[]): Promise<Run> {
  const out = mkdtempSync(join(tmpdir(), 'budgetbook-review-bench-'));
  const t0 = performance.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'review', ...files, '--out', out], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code, signal) => resolve({ files: files.length, seconds: (performance.now() - t0) / 1000, code, signal, out, summary: /审核了[^\n]*/.exec(err)?.[0] ?? err.split('\n').slice(-3).join(' ') }));
  });
}

const perMinute = (r: Run) => ((r.files / r.seconds) * 60).toFixed(1);

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

if (!existsSync(CLI)) {
  console.log('dist/cli/main.js 不存在：请先运行 npm run build');
  process.exit(1);
}
const all = [...pdfs(CORPUS), ...pdfs(DOCS)];
if (!all.length) {
  console.log('没有找到 ../shared/corpus 与 ../shared/docs：跳过');
  process.exit(0);
}
const sets: [string, string[]][] = [
  ['上海 17 个部门预算（corpus/shanghai-*）', pdfs(CORPUS, 'shanghai-')],
  ['shared/docs（普陀区等，部门与单位、预算与决算）', pdfs(DOCS)],
  ['全部真实文件（corpus + docs）', all],
];
const sampleOnly = process.argv.includes('--sample-only');
console.log('## 审核的吞吐（整个命令：启动、读取、校验、绘制截图、写出检查表；墙钟时间）');
console.log(['文件集', '份数', '秒', '份/分钟', '退出', '命令的总结'].join('\t'));
let whole: Run | undefined;
for (const [name, files] of sets) {
  if (sampleOnly && files !== all) continue;
  const r = await review(files);
  console.log([name, r.files, r.seconds.toFixed(1), perMinute(r), r.signal ? `信号 ${r.signal}` : String(r.code), r.summary].join('\t'));
  if (files === all) whole = r;
  else rmSync(r.out, { recursive: true, force: true });
}

const reports = readdirSync(whole!.out)
  .filter((f) => f.endsWith('.检查表.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(whole!.out, f), 'utf8')) as { file: string; findings: Finding[] });
const byRule = new Map<string, { n: number; docs: Set<string>; severity: Set<string> }>();
for (const r of reports)
  for (const f of r.findings) {
    const x = byRule.get(f.rule) ?? { n: 0, docs: new Set(), severity: new Set() };
    x.n++;
    x.docs.add(r.file);
    x.severity.add(f.severity);
    byRule.set(f.rule, x);
  }
const total = reports.reduce((s, r) => s + r.findings.length, 0);
console.log(`\n## 各规则在全部真实文件中的发现（${reports.length} 份审核了的文件，共 ${total} 条；“提示”不列入检查表）`);
console.log(['规则', '条数', '文件数', '级别'].join('\t'));
for (const [rule, x] of [...byRule].sort((a, b) => b[1].n - a[1].n || a[0].localeCompare(b[0]))) console.log([rule, x.n, x.docs.size, [...x.severity].map((s) => ({ error: '错误', warning: '警告', info: '提示' })[s]).join('、')].join('\t'));

// The sample: 30 findings of the form (warnings and errors), drawn with a fixed seed so the hand check can be redone.
const onForm = reports.flatMap((r) => r.findings.filter((f) => f.severity !== 'info').map((f, i) => ({ file: r.file, i, f })));
const seed = Number(process.argv.find((a) => a.startsWith('--seed='))?.slice('--seed='.length) ?? 15);
const random = mulberry32(seed);
const picked = new Set<number>();
while (picked.size < Math.min(30, onForm.length)) picked.add(Math.floor(random() * onForm.length));
console.log(`\n## 抽样核对的 30 条（${onForm.length} 条列入检查表的发现中，种子 ${seed}；核对结论见 bench/results/review-sample.md）`);
for (const [n, k] of [...picked].sort((a, b) => a - b).entries()) {
  const { file, f } = onForm[k]!;
  console.log(`${n + 1}. ${file} · ${f.rule} · ${f.severity === 'error' ? '错误' : '警告'} · ${f.location.table ? `《${f.location.table}》` : ''}${f.location.column ? `[${f.location.column}]` : ''}${placeText(f) || '（无页码）'}：${f.message.replace(/\s+/g, ' ').slice(0, 220)}`);
}
if (process.argv.includes('--keep')) console.log(`\n检查表留在 ${whole!.out}`);
else rmSync(whole!.out, { recursive: true, force: true });
