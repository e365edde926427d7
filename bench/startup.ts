/**
 * `npm run bench -- startup`: the command line as a user runs it, whole process against whole
 * process, interleaved (A B A B …): a command on a seed against `node -e 0` (target ≤ 2×), and on
 * the real PDFs against `pdftotext -layout` of the same file (target: check ≤ 5×; `cells` is shown
 * beside it for reference — the ≤ 2× target for PDFs is the warm read in process, bench/run.ts
 * `importPdfs`, not a whole process).
 * Prints min / median of each and of the ratio pair by pair, with the load average.
 */
import { loadavg } from 'node:os';
import { readdirSync } from 'node:fs';
import { fmtMs, fmtRatio, pairCommands } from './measure.js';
import { reportTarget } from './targets.js';

const N = Number(process.env.BENCH_STARTUP_RUNS ?? 9);
const main = new URL('../dist/cli/main.js', import.meta.url).pathname;
const seed = (name: string) => new URL(`../examples/${name}`, import.meta.url).pathname;
const node = process.execPath;

export function startupBench(): void {
  console.log(`\n## 命令行启动与读取：整个进程对整个进程，交替运行 ${N} 对（最小 / 中位数；比值逐对计算）；负载 ${loadavg().map((x) => x.toFixed(1)).join(' ')}`);
  console.log('（种子文件的 cells、check 在本进程内读取，运行打包脚本 dist/cli/fast.cjs；其 V8 代码缓存在预热运行时写入 <home>/cache，计时的各次都用它；“无代码缓存”一行的缓存文件夹不可写）');
  console.log('命令\t对照\t本项目\t对照\t比值\t目标');
  const rows: [string, string[], string, string[], string, number[], number | undefined][] = [];
  for (const name of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
    rows.push([`cells ${name.slice(0, 3)}`, [node, main, 'cells', seed(name)], 'node -e 0', [node, '-e', '0'], '≤ 2×', [0, 3], 2]);
    rows.push([`check --json ${name.slice(0, 3)}`, [node, main, 'check', seed(name), '--json'], 'node -e 0', [node, '-e', '0'], '≤ 2×', [0, 1], 2]);
  }
  const dir = new URL('../examples/pdf/', import.meta.url);
  for (const f of readdirSync(dir).filter((x) => x.endsWith('.pdf')).sort()) {
    const path = new URL(f, dir).pathname;
    const poppler = ['pdftotext', '-layout', path, '/dev/null'];
    rows.push([`cells ${f}`, [node, main, 'cells', path], 'pdftotext -layout', poppler, '参考（≤ 2× 是进程内热读取的目标，见“读取 PDF”）', [0, 3], undefined]);
    rows.push([`check --json ${f}`, [node, main, 'check', path, '--json'], 'pdftotext -layout', poppler, '≤ 5×', [0, 1], 5]);
  }
  // Not a target: what a first run (or a home that cannot be written) costs.
  const cold = pairCommands(['env', 'BUDGETBOOK_HOME=/dev/null/budgetbook', node, main, 'cells', seed('000_29c3f64a6006ec81.txt')], [node, '-e', '0'], N, [0, 3]);
  console.log(cold ? `cells 000（无代码缓存）\tnode -e 0\t${fmtMs(cold.a)}\t${fmtMs(cold.b)}\t${fmtRatio(cold.ratio)}\t—` : 'cells 000（无代码缓存）\t—（无法运行）');
  for (const [label, a, blabel, b, target, ok, limit] of rows) {
    const p = pairCommands(a, b, N, ok);
    console.log(p ? `${label}\t${blabel}\t${fmtMs(p.a)}\t${fmtMs(p.b)}\t${fmtRatio(p.ratio)}\t${target}` : `${label}\t${blabel}\t—（无法运行）`);
    if (limit === undefined) continue;
    reportTarget({
      what: `命令行 ${label}`,
      goal: `${target} ${blabel}`,
      figure: p ? fmtMs(p.a) : '无法运行',
      ratio: p ? fmtRatio(p.ratio) : '',
      basis: '整个进程对整个进程，交替',
      met: p ? p.ratio.median <= limit : undefined,
    });
  }
  // Not a target: the same seeds with no extra CA file. Node parses NODE_EXTRA_CA_CERTS at every
  // start, before any script runs (on this machine's 144 certificates: 400 M of `node -e 0`'s
  // 500 M instructions, callgrind), so it is in both sides of the ratio above; without it the
  // baseline is a third as long and the same commands are further from it.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    console.log(`（本机设置了 NODE_EXTRA_CA_CERTS=${process.env.NODE_EXTRA_CA_CERTS}：Node 每次启动都先解析它，两边都含这部分。下面几行两边都去掉它，仅供参考）`);
    const bare = (cmd: string[]) => ['env', '-u', 'NODE_EXTRA_CA_CERTS', ...cmd];
    for (const [label, a, , b, , ok] of rows.slice(0, 4)) {
      const p = pairCommands(bare(a), bare(b), N, ok);
      console.log(p ? `${label}（无 NODE_EXTRA_CA_CERTS）\tnode -e 0（同）\t${fmtMs(p.a)}\t${fmtMs(p.b)}\t${fmtRatio(p.ratio)}\t参考` : `${label}（无 NODE_EXTRA_CA_CERTS）\t—（无法运行）`);
    }
  }
}
