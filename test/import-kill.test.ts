/**
 * kill -9 in the middle of an import: every document the store holds afterwards is whole (its
 * cells, paragraphs, findings and audit entry all there), on both drivers.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCity } from '../src/synth/city.js';
import { cellsOf } from '../src/publish/opendata/cells.js';
import type { BudgetDocument } from '../src/model/document.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/store.js';
import { DRIVERS, TEST_DATABASE_URL, testSchemaName, type Driver } from './store-helpers.js';

const work = mkdtempSync(join(tmpdir(), 'bb-kill-'));
const files = join(work, 'city');
let total = 0;
for (const { doc, path } of generateCity({ seed: 99, entities: 40, years: 2 })) {
  mkdirSync(join(files, path, '..'), { recursive: true });
  writeFileSync(join(files, `${path}.json`), JSON.stringify(doc));
  total++;
}
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs the import and kills it (SIGKILL) a moment after it has started storing. */
function importAndKill(env: NodeJS.ProcessEnv, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', files, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    let armed = false;
    child.stderr.on('data', (d: Buffer) => {
      err += d.toString();
      if (!armed && err.includes('保存')) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), 400);
      }
    });
    child.on('exit', (code, signal) => (signal === 'SIGKILL' ? resolve(err) : reject(new Error(`import ended before it was killed (code ${code}): ${err}`))));
  });
}

async function wholeDocuments(db: Db): Promise<number> {
  const docs = await db.query<{ id: number; versionId: number; body: string; errors: number; warnings: number; infos: number }>(
    'SELECT d.id, d.current_version_id AS "versionId", v.body, v.errors, v.warnings, v.infos FROM documents d JOIN document_versions v ON v.id = d.current_version_id',
  );
  for (const d of docs) {
    const doc = JSON.parse(d.body) as BudgetDocument;
    const n = async (sql: string) => (await db.query<{ n: number }>(sql, [d.versionId]))[0]!.n;
    expect(await n('SELECT count(*) AS n FROM cells WHERE version_id = $1')).toBe(cellsOf(doc).length);
    expect(await n('SELECT count(*) AS n FROM narrative WHERE version_id = $1')).toBe(doc.narrative.sections.reduce((s, x) => s + x.paragraphs.length, 0));
    expect(await n('SELECT count(*) AS n FROM findings WHERE version_id = $1')).toBe(d.errors + d.warnings + d.infos);
    expect((await db.query<{ n: number }>("SELECT count(*) AS n FROM audit_log WHERE document_id = $1 AND action = 'import'", [d.id]))[0]!.n).toBe(1);
  }
  const orphans = await db.query('SELECT v.id FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.current_version_id IS DISTINCT FROM v.id');
  expect(orphans).toEqual([]);
  return docs.length;
}

describe.each(DRIVERS)('kill -9 during an import (%s)', (driver: Driver) => {
  it('leaves only whole documents, and a second import completes the rest', async () => {
    const dataDir = join(work, `data-${driver}`);
    const schema = testSchemaName();
    const env = driver === 'pg' ? { DATABASE_URL: TEST_DATABASE_URL, BUDGETBOOK_SCHEMA: schema } : { DATABASE_URL: '' };
    const args = driver === 'pg' ? [] : ['--data', dataDir];
    await importAndKill(env, args);
    const open = () => openStore(driver === 'pg' ? { databaseUrl: TEST_DATABASE_URL, schema } : { dataDir });
    let db = await open();
    try {
      const stored = await wholeDocuments(db);
      expect(stored).toBeGreaterThan(0);
      expect(stored).toBeLessThan(total);
    } finally {
      await db.close();
    }
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'import', files, ...args], { env: { ...process.env, ...env }, stdio: 'ignore' });
      child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`second import failed: ${code}`))));
    });
    db = await open();
    try {
      expect(await wholeDocuments(db)).toBe(total);
      if (driver === 'pg') await db.exec(`DROP SCHEMA ${schema} CASCADE`);
    } finally {
      await db.close();
    }
  }, 180_000); // two imports of 80 files in whole processes (a new data folder made by a child): past the default on a loaded machine
});
