/**
 * npm run bench — prints figures (not a timed test). Each figure is the median of several
 * rounds, after a warm-up, in this process on this machine.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readDocument } from '../src/read/index.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { generateDocument } from '../src/synth/generate.js';
import { writeMarkdownText } from '../src/publish/text/markdown.js';
import { writeFlatText } from '../src/publish/text/flat.js';

const catalogs = builtinCatalogs();
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timeEach(fn: () => void, rounds: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

function importSeeds(): void {
  console.log('## 导入示例文件（每份，毫秒，200 次的中位数 / 最小 / 最大）');
  for (const name of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
    const bytes = new Uint8Array(readFileSync(new URL(`../examples/${name}`, import.meta.url)));
    timeEach(() => readDocument(bytes, { fileName: name, catalogs }), 50);
    const ms = timeEach(() => readDocument(bytes, { fileName: name, catalogs }), 200);
    console.log(`${name}\t${median(ms).toFixed(2)} ms\t(${Math.min(...ms).toFixed(2)} – ${Math.max(...ms).toFixed(2)})\t${(bytes.length / 1024).toFixed(1)} KB`);
  }
}

function importSynthetic(n: number): void {
  const texts = Array.from({ length: n }, (_, i) => {
    const doc = generateDocument({ seed: 10_000 + i });
    return new TextEncoder().encode(i % 2 === 0 ? writeMarkdownText(doc) : writeFlatText(doc));
  });
  const kb = texts.reduce((s, t) => s + t.length, 0) / 1024 / n;
  for (const t of texts.slice(0, 50)) readDocument(t, { catalogs });
  const rounds = [0, 1, 2].map(() => {
    const t0 = performance.now();
    for (const t of texts) readDocument(t, { catalogs });
    return performance.now() - t0;
  });
  const ms = median(rounds);
  console.log(`\n## 导入 ${n} 份合成文件（一半 markdown、一半 PDF 转出文字；平均 ${kb.toFixed(1)} KB/份）`);
  console.log(`总计 ${ms.toFixed(0)} ms（3 轮中位数）；${((n / ms) * 1000).toFixed(0)} 份/秒；${(ms / n).toFixed(2)} ms/份`);
}

importSeeds();
importSynthetic(1000);
