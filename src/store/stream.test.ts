/**
 * The bulk path (bulk.ts: batches, versions, cells and paragraphs by COPY) and the streaming
 * import (stream.ts) give the store that one transaction per document in year order gives, on
 * both drivers: same entities, documents, versions, cells, paragraphs with their search terms,
 * findings (year-on-year ones too, when last year's file comes later) and audit entries.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtinCatalogs } from '../catalogs/builtin.js';
import { checkDocument } from '../check/engine.js';
import type { BudgetDocument } from '../model/document.js';
import { generateCity } from '../synth/city.js';
import { DRIVERS, openTestStore, type Driver, type TestStore } from '../../test/store-helpers.js';
import { PUBLIC, SYSTEM } from '../workflow/workflow.js';
import { copyField, tsvectorText } from './copy.js';
import type { Db } from './db.js';
import { storeBatch } from './bulk.js';
import { storeImported } from './import.js';
import { contentHash, documentJson } from './hash.js';
import { ingestDocument } from './ingest.js';
import { deferIndexes, restoreIndexes } from './maintenance.js';
import { searchNarrative } from './search.js';
import { searchTerms, searchTermsVector } from './search-terms.js';
import { openStore } from './store.js';
import { importFiles } from './stream.js';

const catalogs = builtinCatalogs();

/** Everything a store holds about its documents, by names and years instead of ids. */
async function dump(db: Db, { auditErrors = true } = {}): Promise<Record<string, unknown[]>> {
  const doc = `(SELECT e.region || '/' || e.name || '/' || d.year || '/' || d.kind FROM documents d JOIN entities e ON e.id = d.entity_id WHERE d.id = %)`;
  const ofVersion = doc.replace('%', '(SELECT document_id FROM document_versions WHERE id = x.version_id)');
  const q = (sql: string) => db.query(sql);
  return {
    entities: await q(`SELECT e.kind, e.name, e.code, e.region, e.level, p.name AS parent FROM entities e LEFT JOIN entities p ON p.id = e.parent_id ORDER BY e.region, e.name`),
    documents: await q(`SELECT ${doc.replace('%', 'x.id')} AS doc, x.scope, x.state, x.revision, x.total, (SELECT version FROM document_versions WHERE id = x.current_version_id) AS current, (SELECT version FROM document_versions WHERE id = x.published_version_id) AS published FROM documents x ORDER BY 1`),
    versions: await q(`SELECT ${doc.replace('%', 'x.document_id')} AS doc, x.version, x.content_hash, x.body, x.source_name, x.errors, x.warnings, x.infos, x.created_by FROM document_versions x ORDER BY 1, 2`),
    cells: await q(`SELECT ${ofVersion} AS doc, x.table_id, x.row_key, x.column_key, x.amount FROM cells x ORDER BY 1, 2, 3, 4`),
    narrative: await q(`SELECT ${ofVersion} AS doc, x.section, x.paragraph, x.kind, x.heading, x.text, x.terms::text AS terms FROM narrative x ORDER BY 1, 2, 3`),
    findings: await q(`SELECT ${ofVersion} AS doc, x.ordinal, x.rule, x.family, x.severity, x.message, x.location, x.expected, x.actual, x.unit FROM findings x ORDER BY 1, 2`),
    audit: await q(
      `SELECT ${doc.replace('%', 'x.document_id')} AS doc, x.actor, x.action, x.version, x.revision, x.details${auditErrors ? '' : " - 'errors'"} AS details, (SELECT name FROM entities WHERE id = x.entity_id) AS entity FROM audit_log x ORDER BY 1, x.id`,
    ),
  };
}

/** The old way: every document read first, in year order (units before departments), one transaction each. */
async function yearByYear(db: Db, docs: { file: string; doc: BudgetDocument }[]): Promise<void> {
  const rank = (d: BudgetDocument) => d.meta.year * 10 + (d.meta.scope === 'unit' ? 0 : 1);
  for (const { file, doc } of [...docs].sort((a, b) => rank(a.doc) - rank(b.doc))) await ingestDocument(db, doc, { fileName: file, catalogs, actor: SYSTEM, publish: true, bulk: true });
}

/**
 * A small city over two years, with one entity's first year changed so that its second year's
 * stated change (比上年) disagrees with it: a finding only a check against last year's document makes.
 */
function city(): { file: string; doc: BudgetDocument }[] {
  const docs = [...generateCity({ seed: 7, entities: 5, years: 2 })].map(({ doc, path }) => ({ file: `${path}.json`, doc }));
  const second = docs.filter((d) => d.doc.meta.year === Math.max(...docs.map((x) => x.doc.meta.year)));
  for (const late of second) {
    const early = docs.find((d) => d.doc.meta.entity.name === late.doc.meta.entity.name && d.doc.meta.year === late.doc.meta.year - 1)!;
    const changed: BudgetDocument = JSON.parse(JSON.stringify(early.doc));
    for (const t of changed.tables) for (const r of t.rows) for (const c of Object.keys(r.cells)) r.cells[c] = Math.round(r.cells[c]! * 0.7);
    const rules = (prior: BudgetDocument) => checkDocument(late.doc, { catalogs, prior }).filter((f) => f.rule === 'year-on-year.prior').length;
    if (rules(changed) > rules(early.doc)) {
      early.doc = changed;
      return docs;
    }
  }
  throw new Error('no entity whose second year states a change against the first');
}

describe('COPY text', () => {
  it('escapes backslash, tab, newline and carriage return, and writes null as \\N', () => {
    expect(copyField('a\tb\\c\nd\re')).toBe('a\\tb\\\\c\\nd\\re');
    expect(copyField(null)).toBe('\\N');
    expect(copyField(-12)).toBe('-12');
    expect(tsvectorText(['预算', "o'k", 'a\\b'])).toBe("'预算' 'o''k' 'a\\\\b'");
  });

  it("writes a text's search terms as the COPY field escaping them would (they never need it)", () => {
    for (const text of ['医疗救助 2024年 ABC-12 o\'k a\\b', '𠀀𠀁𠀀𠀁 〇々中文中文 İstanbul', '\t\n', '']) {
      expect(searchTermsVector(text)).toBe(copyField(tsvectorText(searchTerms(text))));
    }
    expect(searchTermsVector('医疗救助')).toBe("'医疗' '疗救' '救助'");
  });
});

describe('a document as stored', () => {
  const doc = city()[0]!.doc;
  it('its JSON made once gives the body and the content hash made apart', () => {
    const withSource: BudgetDocument = { ...doc, meta: { ...doc.meta, source: { fileName: 'x.pdf', layout: 'pdf' } } };
    const { source: _source, ...meta } = doc.meta;
    const withoutSource: BudgetDocument = { ...doc, meta };
    const metaLast = { tables: doc.tables, narrative: doc.narrative, meta: withSource.meta } as unknown as BudgetDocument;
    for (const d of [doc, withSource, withoutSource, metaLast]) expect(documentJson(d)).toEqual({ body: JSON.stringify(d), hash: contentHash(d) });
    // The source is not content: the same document from another file is the same version.
    expect(documentJson(withSource).hash).toBe(documentJson(withoutSource).hash);
  });

  it('search terms: neighbouring Han characters in pairs, runs of Latin letters and digits', () => {
    expect(searchTerms('医疗救助 ABC123，共2项')).toEqual(['医疗', '疗救', '救助', 'abc123', '2']);
    expect(searchTerms('基本支出x1y')).toEqual(['基本', '本支', '支出', 'x1y']);
    expect(searchTerms('𠀀𠀁 一𠀀')).toEqual(['𠀀𠀁', '一𠀀']);
    expect(searchTerms('')).toEqual([]);
  });
});

describe.each(DRIVERS)('bulk store and streaming import on %s', (driver: Driver) => {
  const docs = city();
  const stores: TestStore[] = [];
  const open = async () => {
    const s = await openTestStore(driver);
    stores.push(s);
    return s.db;
  };
  let reference: Record<string, unknown[]>;
  let referenceAudit: unknown[];
  beforeAll(async () => {
    const db = await open();
    await yearByYear(db, docs);
    reference = await dump(db);
    referenceAudit = (await dump(db, { auditErrors: false })).audit!;
  });
  afterAll(async () => {
    for (const s of stores) await s.close();
  });

  it('the reference store has a year-on-year finding and stores every document', async () => {
    expect(reference.documents).toHaveLength(docs.length);
    expect((reference.findings as { rule: string }[]).some((f) => f.rule === 'year-on-year.prior')).toBe(true);
  });

  it('in year order, in batches of 3: the same store, audit entries included', async () => {
    const db = await open();
    const byFile = new Map(docs.map((d) => [d.file, d.doc]));
    const ordered = [...docs].sort((a, b) => a.doc.meta.year - b.doc.meta.year).map((d) => d.file);
    const s = await importFiles(db, ordered, { catalogs, actor: SYSTEM, publish: true, jobs: 2, readers: 2, batch: 3, read: async (f) => byFile.get(f)! });
    expect(s).toMatchObject({ new: docs.length, version: 0, unchanged: 0, failed: [], rechecked: 0 });
    expect(await dump(db)).toEqual(reference);
    // The paragraphs' search terms came by COPY: a search finds them.
    const word = docs[0]!.doc.narrative.sections[0]!.paragraphs[0]!.text.slice(0, 4);
    expect((await searchNarrative(db, PUBLIC, word, 10)).length).toBeGreaterThan(0);
  });

  it('last year after this year: checked again at the end, the same findings as in year order', async () => {
    const db = await open();
    const byFile = new Map(docs.map((d) => [d.file, d.doc]));
    const reversed = [...docs].sort((a, b) => b.doc.meta.year - a.doc.meta.year).map((d) => d.file);
    const s = await importFiles(db, reversed, { catalogs, actor: SYSTEM, publish: true, jobs: 1, readers: 2, batch: 4, read: async (f) => byFile.get(f)! });
    expect(s.failed).toEqual([]);
    expect(s.rechecked).toBeGreaterThan(0);
    // The audit entry keeps the error count the document was stored with; all else is the same.
    const { audit, ...got } = await dump(db, { auditErrors: false });
    const { audit: _, ...want } = reference;
    expect(got).toEqual(want);
    expect(audit).toEqual(referenceAudit);
  });

  it('documents stored again in a batch (unchanged, changed, units claimed again): the store one transaction each gives', { timeout: 300_000 }, async () => {
    const [batched, single] = [await open(), await open()];
    const first = docs.map((d) => ({ doc: d.doc, findings: [], sourceName: d.file }));
    for (const x of first) await storeImported(single, x, { actor: SYSTEM, publish: true });
    expect((await storeBatch(batched, first, { actor: SYSTEM, publish: true })).every((o) => o.ok)).toBe(true);
    // Every other document changed (a paragraph added), in reverse order: departments before their units.
    const again = [...first].reverse().map((x, i) =>
      i % 2 ? x : { ...x, sourceName: `again-${x.sourceName}`, doc: { ...x.doc, narrative: { sections: [...x.doc.narrative.sections, { kind: 'other', heading: '补充说明', paragraphs: [{ text: `第${i}段：新增 ABC${i}` }] }] } } as BudgetDocument },
    );
    const want = [];
    for (const x of again) want.push(await storeImported(single, x, { actor: SYSTEM, publish: true }));
    const got = await storeBatch(batched, again, { actor: SYSTEM, publish: true });
    expect(got.map((o) => (o.ok ? o.result.status : 'failed'))).toEqual(want.map((r) => r.status));
    expect(got.map((o) => (o.ok ? o.result.status : 'failed'))).toContain('unchanged');
    expect(got.map((o) => (o.ok ? o.result.status : 'failed'))).toContain('version');
    expect(await dump(batched)).toEqual(await dump(single));
  });

  it('a department naming one unit twice: refused as storing it alone refuses it, the others of its batch stored', async () => {
    const [batched, single] = [await open(), await open()];
    const department = docs.find((d) => d.doc.meta.scope === 'department' && d.doc.meta.memberUnits.some((u) => u.name !== d.doc.meta.entity.name))!;
    const unit = department.doc.meta.memberUnits.find((u) => u.name !== department.doc.meta.entity.name)!;
    const twice: BudgetDocument = { ...department.doc, meta: { ...department.doc.meta, memberUnits: [...department.doc.meta.memberUnits, unit] } };
    const inputs = [docs[0]!, { ...department, doc: twice }, docs[docs.length - 1]!].map((d) => ({ doc: d.doc, findings: [], sourceName: d.file }));
    const alone = [];
    for (const x of inputs) alone.push(await storeImported(single, x, { actor: SYSTEM, publish: true }).then(() => true, () => false));
    expect(alone).toEqual([true, false, true]);
    expect((await storeBatch(batched, inputs, { actor: SYSTEM, publish: true })).map((o) => o.ok)).toEqual(alone);
    expect(await dump(batched)).toEqual(await dump(single));
  });

  it('a large import into the embedded store builds its keys and search index at the end; killed before, opening the store builds them', { timeout: 300_000 }, async () => {
    if (driver === 'pg') {
      expect(await deferIndexes(await open(), 10_000)).toBe(false);
      return;
    }
    const dir = mkdtempSync(join(tmpdir(), 'bb-defer-'));
    try {
      const indexes = (db: Db) => db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE tablename IN ('cells', 'narrative') ORDER BY 2`);
      const fresh = await open();
      const schema = await indexes(fresh);
      expect(schema.map((r) => r.indexname)).toEqual(['cells_pkey', 'narrative_pkey', 'narrative_terms']);
      let db = await openStore({ dataDir: dir });
      expect(await deferIndexes(db, 199)).toBe(false);
      expect(await deferIndexes(db, 200)).toBe(true);
      expect(await indexes(db)).toEqual([]);
      const out = await storeBatch(db, docs.map((d) => ({ doc: d.doc, findings: [], sourceName: d.file })), { actor: SYSTEM, publish: true, bulk: true });
      expect(out.every((o) => o.ok)).toBe(true);
      const text = docs[1]!.doc.narrative.sections[0]!.paragraphs[0]!.text.slice(2, 8);
      const hits = await searchNarrative(db, PUBLIC, text, 50);
      expect(hits.length).toBeGreaterThan(0);
      // The import ends here without building them (killed): the next opening does.
      await db.close();
      db = await openStore({ dataDir: dir });
      expect(await indexes(db)).toEqual(schema);
      expect(await searchNarrative(db, PUBLIC, text, 50)).toEqual(hits);
      // Built at the end of an import that is not killed, the same way.
      expect(await deferIndexes(db, 200)).toBe(true);
      await restoreIndexes(db);
      expect(await indexes(db)).toEqual(schema);
      await db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a batch with a refused document: that one fails alone, with its own reason; the others are stored', async () => {
    const db = await open();
    const [a, b, c] = docs;
    const duplicated: BudgetDocument = JSON.parse(JSON.stringify(b!.doc));
    const table = duplicated.tables.find((t) => t.id === 'expenditure')!;
    table.rows.push({ ...table.rows.find((r) => r.cells.total)! });
    const out = await storeBatch(db, [a!, { ...b!, doc: duplicated }, c!].map((d) => ({ doc: d.doc, findings: [], sourceName: d.file })), { actor: SYSTEM });
    expect(out.map((o) => o.ok)).toEqual([true, false, true]);
    expect(out[1]!.ok ? '' : (out[1]!.error as { code: string }).code).toBe('duplicate-cell');
    // Submitted documents take no new version: the batch falls back to one transaction each.
    await db.query("UPDATE documents SET state = 'submitted'");
    const changed: BudgetDocument = { ...a!.doc, narrative: { ...a!.doc.narrative, sections: [{ ...a!.doc.narrative.sections[0]!, paragraphs: [{ text: '新的一段\t含制表符、反斜杠\\和\n换行' }] }] } };
    const fresh = docs[3]!;
    const again = await storeBatch(db, [{ doc: changed, findings: [] }, { doc: fresh.doc, findings: [], sourceName: fresh.file }], { actor: SYSTEM });
    expect(again[0]!.ok ? '' : (again[0]!.error as { code: string }).code).toBe('not-draft');
    expect(again[1]).toMatchObject({ ok: true, result: { status: 'new' } });
    // The same text through the batch's COPY, exactly.
    await db.query("UPDATE documents SET state = 'draft'");
    const stored = await storeBatch(db, [{ doc: changed, findings: [] }], { actor: SYSTEM });
    expect(stored[0]).toMatchObject({ ok: true, result: { status: 'version', version: 2 } });
    const [row] = await db.query<{ text: string }>('SELECT n.text FROM narrative n JOIN documents d ON d.current_version_id = n.version_id WHERE d.id = $1', [stored[0]!.ok ? stored[0]!.result.documentId : 0]);
    expect(row!.text).toBe('新的一段\t含制表符、反斜杠\\和\n换行');
  });
});
