/**
 * The demo store: both examples as published documents, a small synthetic city over three years (its departments'
 * 2023 and 2024 决算 beside their budgets), a 2026 draft of 闵行区医疗保障局 and its
 * two units (from the generator) to try the workflow on, and one user per role with a fresh
 * random password, printed at start-up.
 *
 * `serve --demo` builds the documents once and keeps a snapshot of that store (a data folder
 * under <home>/cache, named by a fingerprint of the code, the catalogs and PGlite), so later
 * starts copy it instead of building the city again; the users are made afresh each time.
 */
import { createHash, randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CatalogSet } from '../catalogs/catalog.js';
import type { BudgetDocument } from '../model/document.js';
import { generateDocument, generateLines } from '../synth/generate.js';
import { Random } from '../synth/random.js';
import { consolidate } from '../consolidate/consolidate.js';
import { BUREAU_FUNCTIONS, generateCity } from '../synth/city.js';
import type { Db } from '../store/db.js';
import { migrate } from '../store/migrations.js';
import { ingestDocument, ingestFile } from '../store/ingest.js';
import { createUser } from '../store/users.js';
import { SYSTEM, type Grant } from '../workflow/workflow.js';
import { hashPassword } from './passwords.js';

export interface DemoUser {
  username: string;
  displayName: string;
  password: string;
  role: string;
}

const EXAMPLES = new URL('../../examples/', import.meta.url);
const REGION = '上海市闵行区';
const DEPARTMENT = '上海市闵行区医疗保障局';
/** Departments and units of the synthetic city (published 2023–2025) beside the examples: the portal's home, trends and comparisons. */
const CITY_ENTITIES = 24;
/** The city's departments also publish their 部门决算 for the years before this one (2023 and 2024), each beside that year's budget. */
const CITY_FINALS_BEFORE = 2025;
const UNITS = ['上海市闵行区医疗保障局本级', '上海市闵行区医疗保险事务中心'];

async function entityId(db: Db, name: string): Promise<number> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM entities WHERE region = $1 AND name = $2', [REGION, name]);
  return row!.id;
}

/** Next year's drafts: each unit generated, the department their sum. */
function drafts(catalogs: CatalogSet): BudgetDocument[] {
  // A 医疗保障局 spends on 医疗救助 and 医疗保障管理事务 (and its staff's 养老, 医疗, 公积金), as the city's do; each draft is
  // the first of its seeds that has a project in its narrative (the workspace's project page and calculator show one).
  const draft = (name: string, i: number) => {
    let doc: BudgetDocument | undefined;
    for (let seed = 2026 + i; seed < 2026 + i + 100 * 50 && !doc?.narrative.projects.length; seed += 100) {
      doc = generateDocument({ seed, scope: 'unit', year: 2026, region: REGION, entityName: name, catalogs, lines: generateLines(new Random(seed), catalogs, 2026, 1, BUREAU_FUNCTIONS['医疗保障局']) });
    }
    return doc!;
  };
  const units = UNITS.map(draft);
  return [...units, consolidate(units, { name: DEPARTMENT, functions: ['上海市闵行区医疗保障局是主管本区医疗保障工作的区政府工作部门。', '主要职能包括：贯彻执行医疗保险、生育保险、医疗救助等医疗保障制度。'] })];
}

/** `city`: add the synthetic city (the portal's demo; the API's tests go without it). */
export async function loadDemo(db: Db, catalogs: CatalogSet, options: { city?: boolean } = {}): Promise<DemoUser[]> {
  await loadDemoDocuments(db, catalogs, options);
  return createDemoUsers(db);
}

/** The demo's documents: examples, the city when asked, the drafts. */
async function loadDemoDocuments(db: Db, catalogs: CatalogSet, options: { city?: boolean }): Promise<void> {
  for (const name of readdirSync(EXAMPLES).filter((f) => f.endsWith('.txt')).sort()) {
    await ingestFile(db, new Uint8Array(readFileSync(new URL(name, EXAMPLES))), { fileName: `examples/${name}`, catalogs, actor: SYSTEM, publish: true });
  }
  for (const { doc, path } of options.city ? generateCity({ seed: 11, entities: CITY_ENTITIES, years: 3, firstYear: 2023, finalsBefore: CITY_FINALS_BEFORE, catalogs }) : []) {
    if (!path.includes(`/${DEPARTMENT}/`)) await ingestDocument(db, doc, { fileName: '示例城市（合成）', catalogs, actor: SYSTEM, publish: true });
  }
  for (const doc of drafts(catalogs)) await ingestDocument(db, doc, { fileName: '示例草稿（合成）', catalogs, actor: SYSTEM });
}

/** A fresh random password per demo user, with its hash. */
async function hashDemoPasswords(): Promise<{ password: string; hash: string }[]> {
  const out = [];
  // One at a time: each argon2 hash takes 19 MiB while it runs.
  for (let i = 0; i < 5; i++) {
    const password = randomBytes(9).toString('base64url');
    out.push({ password, hash: await hashPassword(password) });
  }
  return out;
}

/** One user per role, each with a fresh random password. */
async function createDemoUsers(db: Db, passwords?: { password: string; hash: string }[]): Promise<DemoUser[]> {
  passwords ??= await hashDemoPasswords();
  const unit = await entityId(db, UNITS[1]!);
  const department = await entityId(db, DEPARTMENT);
  const people: { username: string; displayName: string; role: string; grants: Grant[] }[] = [
    { username: 'preparer', displayName: '编制人（闵行区医疗保险事务中心）', role: '编制人', grants: [{ role: 'preparer', entityId: unit }] },
    { username: 'preparer2', displayName: '编制人（闵行区医疗保障局本级）', role: '编制人', grants: [{ role: 'preparer', entityId: await entityId(db, UNITS[0]!) }, { role: 'preparer', entityId: department }] },
    { username: 'reviewer', displayName: '审核人（闵行区医疗保障局）', role: '审核人', grants: [{ role: 'reviewer', entityId: department }] },
    { username: 'bureau', displayName: '财政局', role: '财政局', grants: [{ role: 'bureau' }] },
    { username: 'admin', displayName: '管理员', role: '管理员', grants: [{ role: 'admin' }] },
  ];
  const users: DemoUser[] = [];
  for (const [i, p] of people.entries()) {
    const { password, hash } = passwords[i]!;
    await createUser(db, { username: p.username, displayName: p.displayName, passwordHash: hash, grants: p.grants });
    users.push({ username: p.username, displayName: p.displayName, password, role: p.role });
  }
  return users;
}

/**
 * The demo store with the city: a copy, in a temporary folder removed at close, of the snapshot
 * in `cacheDir` (a data folder, `demo-<fingerprint>`) when one made by this very code and these
 * catalogs is there; otherwise built there (and the snapshot copied for the next start; a cache
 * that cannot be written only costs the next start its time). A data folder rather than a dump
 * loaded into memory: the store's files stay in the system's file cache, not in the server's
 * memory, and a start neither unpacks nor replays anything.
 */
export async function openDemo(catalogs: CatalogSet, cacheDir: string): Promise<{ db: Db; users: DemoUser[]; fromSnapshot: boolean }> {
  // The passwords are hashed (argon2, in libuv's threads) while the store opens.
  const passwords = hashDemoPasswords();
  const { openPglite } = await import('../store/pglite.js');
  const snapshot = join(cacheDir, `demo-${fingerprint(catalogs)}`);
  const work = mkdtempSync(join(scratchRoot(), 'budgetbook-demo-'));
  const open = () => openPglite(work, undefined, { scratch: true, removeAtClose: true });
  try {
    if (existsSync(join(snapshot, 'PG_VERSION'))) {
      cpSync(snapshot, work, { recursive: true });
      // Made by this very code (the fingerprint): its schema is this code's, no migration to run.
      const db = await open();
      return { db, users: await createDemoUsers(db, await passwords), fromSnapshot: true };
    }
    let db = await openPglite(work, undefined, { scratch: true });
    await migrate(db);
    await loadDemoDocuments(db, catalogs, { city: true });
    await publishPages(db, catalogs);
    await db.exec('CHECKPOINT');
    await db.close();
    try {
      mkdirSync(cacheDir, { recursive: true });
      const part = `${snapshot}.${process.pid}.part`;
      cpSync(work, part, { recursive: true });
      renameSync(part, snapshot);
      // Old builds' snapshots go, but not the newest other one: two checkouts (a clone beside the
      // working copy) sharing this home would otherwise delete each other's at every start.
      const others = readdirSync(cacheDir)
        .filter((name) => /^demo-[0-9a-f]{16}(\.tar\.gz)?$/.test(name) && join(cacheDir, name) !== snapshot)
        .map((name) => ({ path: join(cacheDir, name), at: statSync(join(cacheDir, name)).mtimeMs }))
        .sort((a, b) => b.at - a.at);
      for (const old of others.slice(1)) rmSync(old.path, { recursive: true, force: true });
    } catch {
      // No snapshot this time: the next start builds the city again.
    }
    db = await open();
    return { db, users: await createDemoUsers(db, await passwords), fromSnapshot: false };
  } catch (e) {
    rmSync(work, { recursive: true, force: true });
    throw e;
  }
}

/**
 * The published page (HTML) of every published version, made into the snapshot as the first
 * request would make it (server/files.ts): a start from the snapshot serves them from the store
 * and never draws one.
 */
async function publishPages(db: Db, catalogs: CatalogSet): Promise<void> {
  const { publishedFile } = await import('./files.js');
  const { versionBody } = await import('../store/documents.js');
  const rows = await db.query<{ v: number }>('SELECT published_version_id AS v FROM documents WHERE published_version_id IS NOT NULL ORDER BY id');
  for (const { v } of rows) await publishedFile({ db, catalogs }, v, 'html', () => versionBody(db, v));
}

/**
 * Where the demo's working copy goes: /dev/shm (memory, Linux) when it has room for a growing
 * demo, since a start writes the whole copy (~65 MB) and a stop removes it; else the system's
 * temporary folder.
 */
function scratchRoot(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize >= 1024 * 1024 * 1024) return '/dev/shm';
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

/** What the demo's documents depend on: every module of this build (path, size, time), the catalogs, PGlite's version. */
function fingerprint(catalogs: CatalogSet): string {
  const hash = createHash('sha256');
  const root = dirname(dirname(fileURLToPath(import.meta.url)));
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) walk(path);
      else if (/\.(js|ts|json|txt)$/.test(name)) hash.update(`${path}\0${st.size}\0${st.mtimeMs}\n`);
    }
  };
  walk(root);
  for (const name of readdirSync(EXAMPLES).sort()) hash.update(`${name}\0${statSync(new URL(name, EXAMPLES)).mtimeMs}\n`);
  hash.update(JSON.stringify(catalogs));
  try {
    hash.update(readFileSync(join(dirname(dirname(fileURLToPath(import.meta.resolve('@electric-sql/pglite')))), 'package.json')));
  } catch {
    hash.update('pglite');
  }
  return hash.digest('hex').slice(0, 16);
}
