/**
 * Publishing figures: time per format for each seed (in this process, after a warm-up), a whole
 * publish as a user runs it (a new process), and the PDF against LibreOffice turning the
 * published XLSX into a PDF (`soffice --headless --convert-to pdf`), measured in the same run.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readDocument } from '../src/read/index.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { documentCharts } from '../src/publish/charts/charts.js';
import { FORMATS, publishDocument, publishFormat, type Format } from '../src/publish/index.js';

import { median, timeCommand } from './measure.js';

const catalogs = builtinCatalogs();

async function timeAsync(fn: () => Promise<unknown>, rounds: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out;
}

export async function publishBench(rounds = 10): Promise<void> {
  console.log(`\n## 发布（毫秒，进程内，预热后 ${rounds} 次的中位数）`);
  console.log(['文件', '图表', ...FORMATS, '全部格式', '命令行（新进程）'].join('\t'));
  const work = mkdtempSync(join(tmpdir(), 'budgetbook-bench-'));
  const pdfTimes: { name: string; pdf: number; xlsx?: string }[] = [];
  for (const name of ['000_29c3f64a6006ec81.txt', '003_91fd8cb34c22987a.txt']) {
    const path = new URL(`../examples/${name}`, import.meta.url).pathname;
    const doc = readDocument(new Uint8Array(readFileSync(path)), { fileName: name, catalogs });
    const findings = checkDocument(doc, { catalogs });
    // Seed 000 carries a check error (the public edition refuses it): timed as forced, the same work.
    await publishDocument(doc, { catalogs, findings, force: true });
    const charts = median(await timeAsync(async () => documentCharts(doc), rounds));
    const chartList = documentCharts(doc);
    const per: Record<string, number> = {};
    for (const f of FORMATS) per[f] = median(await timeAsync(() => publishFormat(f as Format, doc, { catalogs, findings, charts: chartList }), rounds));
    const all = median(await timeAsync(() => publishDocument(doc, { catalogs, force: true }), rounds));
    const out = join(work, name.slice(0, 3));
    const cli = timeCommand(process.execPath, [new URL('../dist/cli/main.js', import.meta.url).pathname, 'publish', path, '--out', out, '--force'], 3);
    console.log([name, charts.toFixed(0), ...FORMATS.map((f) => per[f]!.toFixed(0)), all.toFixed(0), cli === undefined ? '—（先 npm run build）' : cli.toFixed(0)].join('\t'));
    let xlsx: string | undefined;
    if ((FORMATS as readonly string[]).includes('xlsx')) {
      const file = await publishFormat('xlsx' as Format, doc, { catalogs, baseName: name.slice(0, 3) });
      xlsx = join(work, file.name);
      writeFileSync(xlsx, file.bytes);
    }
    pdfTimes.push({ name, pdf: per.pdf!, ...(xlsx ? { xlsx } : {}) });
  }
  console.log('\n## PDF：本项目 与 LibreOffice 把发布的 XLSX 转成 PDF（soffice --headless --convert-to pdf，3 次中位数，同一轮测得）');
  console.log('文件\t本项目 PDF（进程内）\tLibreOffice\tLibreOffice ÷ 本项目');
  for (const t of pdfTimes) {
    const soffice = t.xlsx ? timeCommand('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', work, t.xlsx], 3) : undefined;
    const note = !t.xlsx ? '—（无 XLSX 格式）' : soffice === undefined ? '—（未安装 LibreOffice：apt-get install -y libreoffice-calc-nogui）' : soffice.toFixed(0);
    console.log(`${t.name}\t${t.pdf.toFixed(0)}\t${note}\t${soffice ? (soffice / t.pdf).toFixed(1) + '×' : '—'}`);
  }
}
