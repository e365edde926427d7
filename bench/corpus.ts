/**
 * npm run corpus [-- <name filter>] — reads every PDF in ../shared/corpus and ../shared/docs in
 * this process and prints one line per document: read / partly read / refused, standard tables
 * found of the nine, extra tables, identity findings (表内/表间勾稽 errors of the checker), amounts
 * printed on table pages that ended in no cell and no note, seconds, and pdftotext -layout's time
 * on the same file beside it (the floor). Figures, not a timed test.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readAnyDocument } from '../src/read/index.js';
import { lostAmounts, readStatus } from '../src/read/status.js';
import { extractPages } from '../src/read/pdf/extract.js';
import { builtinCatalogs } from '../src/catalogs/builtin.js';
import { checkDocument } from '../src/check/engine.js';
import { ImportError } from '../src/read/errors.js';
import { TABLE_IDS } from '../src/model/tables.js';
import type { BudgetDocument } from '../src/model/document.js';
import { median, timeCommand } from './measure.js';

const catalogs = builtinCatalogs();
const ROOTS = [new URL('../../shared/corpus/', import.meta.url), new URL('../../shared/docs/', import.meta.url)].map((u) => u.pathname);
const filter = process.argv[2] ?? '';
const pdftotext = timeCommand('pdftotext', ['-v'], 1) !== undefined;

interface Row {
  file: string;
  status: 'read' | 'partly' | 'refused';
  standard: number;
  extra: number;
  unread: number;
  identity: number;
  lost: number;
  seconds: number;
  floor?: number;
  why?: string;
}

/** Documents whose identity errors are verified defects of the document itself (file → number of findings). */
const DEFECTS = new Map<string, number>();
const defectsFile = new URL('../test/fixtures/corpus-defects.md', import.meta.url);
if (existsSync(defectsFile)) {
  for (const m of readFileSync(defectsFile, 'utf8').matchAll(/^- `([^`]+)`[\s\S]*?\((\d+) findings?\)/gm)) DEFECTS.set(m[1]!, Number(m[2]));
}

const rows: Row[] = [];
const files = ROOTS.filter((r) => existsSync(r)).flatMap((root) =>
  readdirSync(root)
    .filter((f) => f.endsWith('.pdf') && f.includes(filter))
    .sort()
    .map((f) => join(root, f)),
);
console.log(`## 真实文件读取（${files.length} 份；金额丢失 = 表格页上印出、却既不在单元格也不在导入说明中的金额个数）`);
console.log(['文件', '结果', '标准表/9', '其他表', '未读表', '勾稽错误', '金额丢失', '秒', 'pdftotext秒', '说明'].join('\t'));
for (const path of files) {
  const file = path.split('/').slice(-1)[0]!;
  const bytes = new Uint8Array(readFileSync(path));
  const t0 = performance.now();
  let row: Row;
  try {
    const doc = await readAnyDocument(bytes, { fileName: file, catalogs, requireAllTables: false });
    const seconds = (performance.now() - t0) / 1000;
    const status = readStatus(doc);
    const findings = checkDocument(doc, { catalogs });
    const identity = findings.filter((f) => (f.family === 'arithmetic' || f.family === 'cross-table') && f.severity === 'error');
    row = {
      file,
      status: status.partly ? 'partly' : 'read',
      standard: TABLE_IDS.filter((id) => doc.tables.some((t) => t.id === id)).length,
      extra: doc.extraTables.length,
      unread: status.unread.length,
      identity: identity.length,
      lost: lostAmounts(doc, await extractPages(bytes)).length,
      seconds,
      ...(status.unread[0] ? { why: status.unread[0] } : identity[0] ? { why: identity[0].message } : {}),
    };
  } catch (e) {
    const seconds = (performance.now() - t0) / 1000;
    // Nothing read: every amount on the table pages is lost.
    const nothing = { tables: [], extraTables: [], notes: [], narrative: { sections: [] } } as unknown as BudgetDocument;
    const lost = await extractPages(bytes).then((pages) => lostAmounts(nothing, pages).length, () => 0);
    row = { file, status: 'refused', standard: 0, extra: 0, unread: 0, identity: 0, lost, seconds, why: e instanceof ImportError ? e.describe().split('\n')[0] : String(e) };
  }
  if (pdftotext) row.floor = (timeCommand('pdftotext', ['-layout', path, '/dev/null'], 1) ?? NaN) / 1000;
  rows.push(row);
  const name = { read: '读出', partly: '部分读出', refused: '拒绝' }[row.status];
  console.log([file, name, row.standard, row.extra, row.unread, row.identity, row.lost, row.seconds.toFixed(2), row.floor?.toFixed(2) ?? '-', (row.why ?? '').slice(0, 120)].join('\t'));
}

const corpus = rows.filter((r) => !r.file.includes('-') || /^(beijing|shanghai|shenzhen|guangzhou|chongqing|suzhou)-/.test(r.file));
const count = (p: (r: Row) => boolean) => rows.filter(p).length;
console.log('\n## 汇总');
console.log(`读出 ${count((r) => r.status === 'read')}，部分读出 ${count((r) => r.status === 'partly')}，拒绝 ${count((r) => r.status === 'refused')}（共 ${rows.length}）`);
const bearing = corpus.filter((r) => !r.file.startsWith('beijing-'));
const good = bearing.filter((r) => r.standard >= 5 && (r.identity === 0 || DEFECTS.get(r.file) === r.identity) && r.status !== 'refused');
if (bearing.length) console.log(`有表格的真实文件：${good.length}/${bearing.length}（${((good.length / bearing.length) * 100).toFixed(0)}%）读出 ≥5 张标准表且无勾稽错误（或只有 test/fixtures/corpus-defects.md 中核实的文件自身错误）`);
const bj = corpus.filter((r) => r.file.startsWith('beijing-'));
if (bj.length) console.log(`北京情况说明：${bj.filter((r) => r.status !== 'refused').length}/${bj.length} 读出`);
console.log(`金额丢失合计 ${rows.reduce((s, r) => s + r.lost, 0)}；勾稽错误合计 ${rows.reduce((s, r) => s + r.identity, 0)}；未读表合计 ${rows.reduce((s, r) => s + r.unread, 0)}`);
for (const city of ['shanghai', 'beijing', 'shenzhen', 'guangzhou', 'chongqing', 'suzhou']) {
  const c = rows.filter((r) => r.file.startsWith(city + '-'));
  if (c.length) console.log(`${city}\t${c.length} 份\t读出 ${c.filter((r) => r.status === 'read').length}\t部分 ${c.filter((r) => r.status === 'partly').length}\t拒绝 ${c.filter((r) => r.status === 'refused').length}\t≥5 表 ${c.filter((r) => r.standard >= 5).length}\t无勾稽错误 ${c.filter((r) => r.status !== 'refused' && r.identity === 0).length}`);
}
const secs = rows.map((r) => r.seconds);
console.log(`每份秒数：中位数 ${median(secs).toFixed(2)}，最长 ${Math.max(...secs).toFixed(2)}（${rows.find((r) => r.seconds === Math.max(...secs))?.file}）`);
const floors = rows.map((r) => r.floor).filter((x): x is number => x !== undefined && Number.isFinite(x));
if (floors.length) console.log(`pdftotext -layout 同一文件：中位数 ${median(floors).toFixed(2)} 秒`);
