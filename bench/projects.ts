/** Figures for the project library: the calculator, the caseload estimate, and a 测算 edit as the grid makes it. */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { readDocument } from '../src/read/index.js';
import type { CatalogSet } from '../src/catalogs/catalog.js';
import { checkDocument } from '../src/check/engine.js';
import { computeBenefit } from '../src/projects/benefit/compute.js';
import { estimateProgramme, type CaseloadRow } from '../src/projects/benefit/caseload.js';
import { SHANGHAI_MINHANG_2025 } from '../src/projects/benefit/shanghai-minhang-2025.js';
import { editEstimateLine } from '../src/projects/edit.js';

const CATEGORIES = ['特殊救济对象', '城乡低保', '低收入', '支出型贫困一类', '支出型贫困二类', '散居孤儿'];

function per(label: string, n: number, fn: (i: number) => void): void {
  for (let i = 0; i < Math.min(n, 1000); i++) fn(i);
  const t0 = performance.now();
  for (let i = 0; i < n; i++) fn(i);
  const ms = performance.now() - t0;
  const each = ms / n;
  console.log(`${label}\t${each >= 1 ? `${each.toFixed(2)} ms` : `${(each * 1000).toFixed(1)} µs`}/次\t（${n} 次共 ${ms.toFixed(0)} ms）`);
}

export function projectsBench(catalogs: CatalogSet): void {
  console.log('\n## 项目库：医疗救助计算、按人数测算、测算表编辑');
  per('一人一年的救助（benefit）', 100_000, (i) => computeBenefit(SHANGHAI_MINHANG_2025, { category: CATEGORIES[i % CATEGORIES.length]!, inpatient: (i * 7919) % 30_000_000, outpatient: 30_000 + ((i * 104_729) % 1_500_000), deductible: 30_000 }));
  const rows: CaseloadRow[] = Array.from({ length: 10_000 }, (_, i) => ({ line: i + 2, count: 1 + (i % 500), person: { category: CATEGORIES[i % CATEGORIES.length]!, inpatient: (i * 7919) % 30_000_000, outpatient: (i * 104_729) % 1_500_000 } }));
  per('按人数表测算（10,000 行）', 20, () => estimateProgramme(SHANGHAI_MINHANG_2025, rows));
  const doc = readDocument(new Uint8Array(readFileSync(new URL('../examples/003_91fd8cb34c22987a.txt', import.meta.url))), { catalogs });
  const index = doc.narrative.projects.findIndex((p) => p.estimate);
  per('改一行测算并重算项目（003）', 2_000, (i) => editEstimateLine(doc, index, 3, { factors: [{ quantity: String(10 + (i % 20)), unit: '人' }] }));
  per('改一行测算并重新校验全文（003）', 200, (i) => checkDocument(editEstimateLine(doc, index, 3, { factors: [{ quantity: String(10 + (i % 20)), unit: '人' }] }).doc, { catalogs }));
}
