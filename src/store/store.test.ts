import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { cellsOf } from '../publish/opendata/cells.js';
import { exampleBytes, importBytes, SEED_000, SEED_003 } from '../../test/helpers.js';
import { DRIVERS, openTestStore, type TestStore } from '../../test/store-helpers.js';
import { PUBLIC, SYSTEM } from '../workflow/workflow.js';
import type { Db, Queryable } from './db.js';
import { StoreError } from './db.js';
import { migrate } from './migrations.js';
import { ingestDocument, ingestFile } from './ingest.js';
import { storeImported } from './import.js';
import { listDocuments } from './documents.js';
import { searchNarrative } from './search.js';
import { subjectTotals } from './totals.js';

const catalogs = builtinCatalogs();

/** A store whose transactions fail at the first statement matching `pattern`. */
function failingAt(db: Db, pattern: RegExp): Db {
  const wrap = (tx: Queryable): Queryable => ({
    query: (sql, params) => (pattern.test(sql) ? Promise.reject(new Error('模拟的故障')) : tx.query(sql, params)),
    exec: (sql) => tx.exec(sql),
    copyFrom: (table, columns, data) => (pattern.test(`COPY ${table}`) ? Promise.reject(new Error('模拟的故障')) : tx.copyFrom(table, columns, data)),
  });
  return { ...db, transaction: (fn) => db.transaction((tx) => fn(wrap(tx))) };
}

const count = async (db: Queryable, table: string) => (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))[0]!.n;

describe.each(DRIVERS)('store on %s', (driver) => {
  let store: TestStore;
  let db: Db;
  beforeAll(async () => {
    store = await openTestStore(driver);
    db = store.db;
  });
  afterAll(async () => store?.close());

  it('migrates once: a second run applies nothing', async () => {
    expect(await migrate(db)).toEqual([]);
    expect((await db.query<{ id: number }>('SELECT id FROM schema_migrations ORDER BY id')).map((r) => r.id)).toEqual([1, 2, 3, 4]);
  });

  it('reads money and counts back as exact numbers (分), on either driver', async () => {
    const [row] = await db.query<{ big: number; n: number; sum: string; d: string }>("SELECT 25780127100::bigint AS big, count(*) AS n, sum(x)::numeric AS sum, '2025-01-01'::date AS d FROM (VALUES (1::bigint), (2::bigint)) t(x)");
    expect(row).toEqual({ big: 25780127100, n: 2, sum: '3', d: '2025-01-01' });
    await expect(db.query("SELECT '9007199254740993'::bigint AS too_big")).rejects.toThrow(/超出可精确表示的范围/);
  });

  it('stores both examples with every cell of the cells export, and the same file twice is one version', async () => {
    const first = await ingestFile(db, exampleBytes(SEED_000), { fileName: SEED_000, catalogs, actor: SYSTEM, publish: true });
    expect(first.status).toBe('new');
    const again = await ingestFile(db, exampleBytes(SEED_000), { fileName: `copy-of-${SEED_000}`, catalogs, actor: SYSTEM, publish: true });
    expect(again).toMatchObject({ status: 'unchanged', documentId: first.documentId, version: 1 });
    await ingestFile(db, exampleBytes(SEED_003), { fileName: SEED_003, catalogs, actor: SYSTEM, publish: true });
    expect(await count(db, 'document_versions')).toBe(2);
    const doc = importBytes(exampleBytes(SEED_000));
    const [{ n }] = (await db.query<{ n: number }>('SELECT count(*) AS n FROM cells c JOIN documents d ON d.current_version_id = c.version_id WHERE d.id = $1', [first.documentId])) as [{ n: number }];
    expect(n).toBe(cellsOf(doc).length);
    // Figures as printed in 000: 一、财政拨款收入 257,801,271.00 元; 208 01 09 社会保险经办机构 8,331,275 元.
    const cell = async (t: string, r: string, c: string) => (await db.query<{ amount: number }>('SELECT amount FROM cells c JOIN documents d ON d.current_version_id = c.version_id WHERE d.id = $1 AND table_id = $2 AND row_key = $3 AND column_key = $4', [first.documentId, t, r, c]))[0]?.amount;
    expect(await cell('summary', 'income.fiscal', 'amount')).toBe(25_780_127_100);
    expect(await cell('income', '2080109', 'fiscal')).toBe(833_127_500);
    expect(await cell('three-public', 'budget', 'office-operation')).toBe(184_190_000);
  });

  it('links a department and the member units it lists', async () => {
    const rows = await db.query<{ name: string; parent: string | null }>("SELECT e.name, p.name AS parent FROM entities e LEFT JOIN entities p ON p.id = e.parent_id WHERE e.region = '上海市闵行区' ORDER BY e.name");
    expect(rows).toEqual([
      { name: '上海市闵行区医疗保险事务中心', parent: '上海市闵行区医疗保障局' },
      { name: '上海市闵行区医疗保障局', parent: null },
      { name: '上海市闵行区医疗保障局本级', parent: '上海市闵行区医疗保障局' },
    ]);
  });

  it('stores nothing of a document whose transaction fails part-way', async () => {
    const before = await Promise.all(['entities', 'documents', 'document_versions', 'cells', 'narrative', 'findings', 'audit_log'].map((t) => count(db, t)));
    const doc = { ...importBytes(exampleBytes(SEED_003)), meta: { ...importBytes(exampleBytes(SEED_003)).meta, region: '上海市奉贤区' } };
    for (const at of [/INSERT INTO narrative/, /INSERT INTO findings/, /INSERT INTO audit_log/]) {
      await expect(storeImported(failingAt(db, at), { doc, findings: [{ rule: 'x', family: 'text', severity: 'info', message: '测试', location: {} }] }, { actor: SYSTEM })).rejects.toThrow('模拟的故障');
    }
    const after = await Promise.all(['entities', 'documents', 'document_versions', 'cells', 'narrative', 'findings', 'audit_log'].map((t) => count(db, t)));
    expect(after).toEqual(before);
  });

  it('refuses a new version of a published document (and stores none of it)', async () => {
    const doc = importBytes(exampleBytes(SEED_003));
    doc.tables[0]!.rows[0]!.cells.amount! += 100;
    const versions = await count(db, 'document_versions');
    await expect(ingestDocument(db, doc, { fileName: 'changed.txt', catalogs, actor: SYSTEM })).rejects.toThrow(StoreError);
    await expect(ingestDocument(db, doc, { fileName: 'changed.txt', catalogs, actor: SYSTEM })).rejects.toThrow(/已公开，不能再导入新版本/);
    expect(await count(db, 'document_versions')).toBe(versions);
  });

  it('keeps the audit log append-only', async () => {
    expect(await count(db, 'audit_log')).toBeGreaterThan(0);
    await expect(db.query("UPDATE audit_log SET actor = 'someone else'")).rejects.toThrow(/只能追加/);
    await expect(db.query('DELETE FROM audit_log')).rejects.toThrow(/只能追加/);
    await expect(db.exec('TRUNCATE audit_log')).rejects.toThrow(/只能追加/);
  });

  it('totals a 类 across both documents: 卫生健康支出 244,650,650.00 + 57,110,922.53 元', async () => {
    const rows = await subjectTotals(db, PUBLIC, { table: 'expenditure', column: 'total' });
    expect(rows.find((r) => r.code === '210')).toEqual({ code: '210', year: 2025, amount: 30_176_157_253, entities: 2 });
    const kuan = await subjectTotals(db, PUBLIC, { table: 'expenditure', column: 'total', parent: '21013' });
    // 城乡医疗救助 22,427,500 + 17,706,400; 其他医疗救助支出 212,559,160 + 24,700,000.
    expect(kuan.map((r) => [r.code, r.amount])).toEqual([
      ['2101301', 4_013_390_000],
      ['2101399', 23_725_916_000],
    ]);
  });

  it('finds Chinese text in the narrative, only in what the reader may see', async () => {
    const hits = await searchNarrative(db, PUBLIC, '互助帮困', 50);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.every((h) => h.snippet.includes('互助帮困'))).toBe(true);
    expect(new Set(hits.map((h) => h.entityName))).toEqual(new Set(['上海市闵行区医疗保障局', '上海市松江区医疗保险事务中心']));
    // In a fixed order (year, then entity, then place), so that a limit cuts the same list every time.
    const order = (h: (typeof hits)[number]) => [-h.year, h.entityName, h.section, h.paragraph] as const;
    const sorted = [...hits].sort((a, b) => { const [x, y] = [order(a), order(b)]; return x[0] - y[0] || (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0) || x[2] - y[2] || x[3] - y[3]; });
    expect(hits).toEqual(sorted);
    expect(await searchNarrative(db, PUBLIC, '互助帮困', 1)).toEqual(hits.slice(0, 1));
    expect(await searchNarrative(db, PUBLIC, '互助帮扶', 50)).toEqual([]);
    const draft = { ...importBytes(exampleBytes(SEED_003)), meta: { ...importBytes(exampleBytes(SEED_003)).meta, region: '上海市金山区', entity: { name: '上海市金山区医疗保险事务中心' } } };
    await ingestDocument(db, draft, { fileName: 'draft.txt', catalogs, actor: SYSTEM });
    const publicHits = await searchNarrative(db, PUBLIC, '互助帮困', 50);
    expect(publicHits.some((h) => h.entityName.includes('金山'))).toBe(false);
    const bureauHits = await searchNarrative(db, SYSTEM, '互助帮困', 50);
    expect(bureauHits.some((h) => h.entityName.includes('金山'))).toBe(true);
    const { items } = await listDocuments(db, PUBLIC, { limit: 50, offset: 0 });
    expect(items.map((d) => d.entity.name).sort()).toEqual(['上海市松江区医疗保险事务中心', '上海市闵行区医疗保障局']);
    // The count is of all the public may see (the two published), whatever the page, also past the end.
    const first = await listDocuments(db, PUBLIC, { limit: 1, offset: 0 });
    expect([first.items.length, first.total]).toEqual([1, 2]);
    expect(Object.keys(first.items[0]!)).not.toContain('listTotal');
    const past = await listDocuments(db, PUBLIC, { limit: 10, offset: 5 });
    expect([past.items.length, past.total]).toEqual([0, 2]);
  });

  it('takes hostile text as plain values', async () => {
    const evil = "'; DROP TABLE documents; --";
    expect(await searchNarrative(db, PUBLIC, evil, 10)).toEqual([]);
    expect((await listDocuments(db, PUBLIC, { q: evil, limit: 10, offset: 0 })).total).toBe(0);
    expect(await count(db, 'documents')).toBeGreaterThan(0);
  });

  // Last: it adds a document (unpublished) the tests above do not expect.
  it('stores 杭州市司法局 2026 (PDF): its 财政拨款收支预算总表 lists 上年结转结余 by fund under keys of their own', { timeout: 60_000 }, async () => {
    const bytes = new Uint8Array(readFileSync(new URL('../../examples/pdf/zj-hangzhou-justice-2026-dept-budget.pdf', import.meta.url)));
    const stored = await ingestFile(db, bytes, { fileName: 'zj-hangzhou-justice-2026-dept-budget.pdf', catalogs, actor: SYSTEM });
    expect(stored.status).toBe('new');
    const cell = async (r: string) => (await db.query<{ amount: number }>("SELECT amount FROM cells c JOIN documents d ON d.current_version_id = c.version_id WHERE d.id = $1 AND table_id = 'fiscal' AND row_key = $2 AND column_key = 'amount'", [stored.documentId, r]))[0]?.amount;
    // 表4 p.28: 一、财政拨款 91,495.48 万元, of it 一般公共预算 91,495.48; 二、上年结转结余 347.32, of it 一般公共预算 347.32.
    expect(await cell('income.general')).toBe(914_954_800_00);
    expect(await cell('income.carryover')).toBe(3_473_200_00);
    // The carryover's parts by fund are kept in the stored document (docs/cells-final.md: in the JSON only).
    const [{ body }] = (await db.query<{ body: string }>('SELECT v.body FROM document_versions v JOIN documents d ON d.current_version_id = v.id WHERE d.id = $1', [stored.documentId])) as [{ body: string }];
    const fiscal = (JSON.parse(body) as typeof stored.doc).tables.find((t) => t.id === 'fiscal')!;
    expect(fiscal.rows.filter((r) => /^income\.(carryover\.)?general$/.test(r.key)).map((r) => [r.key, r.cells.amount])).toEqual([
      ['income.general', 914_954_800_00],
      ['income.carryover.general', 3_473_200_00],
    ]);
  });

  it('refuses a document giving one cell twice, saying which table, rows and pages (and stores none of it)', async () => {
    const doc = importBytes(exampleBytes(SEED_000));
    const fiscal = doc.tables.find((t) => t.id === 'fiscal')!;
    const general = fiscal.rows.find((r) => r.key === 'income.general')!;
    fiscal.rows.push({ ...general, label: '一般公共预算资金（重复）', cells: { amount: 100 }, origin: { line: 999, page: 7 } });
    const before = await Promise.all(['documents', 'document_versions', 'cells'].map((t) => count(db, t)));
    const refused = storeImported(db, { doc: { ...doc, meta: { ...doc.meta, region: '上海市宝山区' } }, findings: [] }, { actor: SYSTEM });
    await expect(refused).rejects.toThrow(StoreError);
    await expect(refused).rejects.toMatchObject({ code: 'duplicate-cell', status: 422 });
    await expect(refused).rejects.toThrow(/《.*财政拨款收支预算总表》中有 2 行的行键都是“income\.general”，其“预算数”有 2 个金额：.*1\.00 元（第 7 页）.*文件未存入/);
    expect(await Promise.all(['documents', 'document_versions', 'cells'].map((t) => count(db, t)))).toEqual(before);
  });
});
