/** The embedded driver: PGlite (PostgreSQL compiled to WebAssembly) in a data folder or in memory. */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.js';
import { PARSERS } from './types.js';
import { copyStatement } from './copy.js';

type Target = Pick<PGlite, 'query' | 'exec'>;

function queryable(target: Target): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
    async copyFrom(table, columns, data) {
      await target.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob([data]) });
    },
  };
}

/** A statement that only reads: a SELECT (or WITH … SELECT) that names no writing statement or sequence function. */
const READ_ONLY = /^\s*(SELECT|WITH)\b/i;
const WRITING = /\b(INSERT|UPDATE|DELETE|MERGE|TRUNCATE|COPY|nextval|setval|set_config|pg_advisory\w*)\b/i;

/**
 * A new data folder, made in a child process: PGlite's initdb (a second instance, and the folder
 * as a tar in memory) peaks near 1 GB of resident memory, which this process would otherwise keep
 * as its own peak for the rest of its life (a long import's). Where the child cannot run (no
 * import.meta.resolve, as under vitest), PGlite makes it here as before.
 */
const MAKE_DATA_DIR = `const [url, dir, params] = process.argv.slice(1);
const { PGlite } = await import(url);
const db = await PGlite.create({ dataDir: dir, startParams: JSON.parse(params) });
await db.close();`;

function makeDataDir(dataDir: string, startParams: string[]): void {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  let url: string;
  try {
    url = import.meta.resolve('@electric-sql/pglite');
  } catch {
    return;
  }
  spawnSync(process.execPath, ['--input-type=module', '-e', MAKE_DATA_DIR, url, dataDir, JSON.stringify(startParams)], { stdio: 'ignore' });
}

export interface PgliteOptions {
  /**
   * A data folder whose contents nobody needs to survive a crash (the demo's): no fsync, and a
   * small page cache (the files are in the system's cache anyway).
   */
  scratch?: boolean;
  /** Remove the data folder at close (the demo's copy of its snapshot). */
  removeAtClose?: boolean;
  /**
   * A page cache of 32 MB instead of 128 MB (the command line's import): the files are in the
   * system's cache anyway, and the WebAssembly memory it grows into is never given back, so it
   * stays in the import's peak (issue 19: 9,000 documents within 500 MB).
   */
  smallCache?: boolean;
}

/** `snapshot`: start from a data folder dumped earlier (dump(), a gzipped tar). */
export async function openPglite(dataDir?: string, snapshot?: Blob, options: PgliteOptions = {}): Promise<Db & { dump(): Promise<Blob> }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A data folder keeps at most ~100 MB of WAL (PostgreSQL's default of 1 GB is a lot beside a city's 350 MB).
  // In memory (the demo, tests) every page is in memory already: PostgreSQL's own cache of pages
  // (128 MB by default, inside the WebAssembly memory) would only hold second copies of them.
  const scratch = !!(dataDir && options.scratch);
  const memory = dataDir && !scratch ? (options.smallCache ? ['-c', 'shared_buffers=32MB'] : []) : ['-c', 'shared_buffers=16MB'];
  if (scratch) memory.push('-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off');
  const startParams = [...((PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? []), '-c', 'max_wal_size=96MB', '-c', 'min_wal_size=32MB', ...memory];
  if (dataDir && !snapshot) makeDataDir(dataDir, startParams);
  const lite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(snapshot ? { loadDataDir: snapshot } : {}), parsers: PARSERS, startParams });
  await lite.exec("SET TIME ZONE 'UTC'");
  const base = queryable(lite);
  // PGlite runs one statement at a time, and only this process has the data: counting what may
  // write is exact. Raised before and after, so that a read that overlapped a write never looks
  // like it saw the same store as a read after it.
  let generation = 0;
  const writes = (sql: string) => !READ_ONLY.test(sql) || WRITING.test(sql);
  const around = async <T>(write: boolean, run: () => Promise<T>): Promise<T> => {
    if (!write) return run();
    generation++;
    try {
      return await run();
    } finally {
      generation++;
    }
  };
  return {
    driver: 'pglite',
    query: (sql, params, name) => around(writes(sql), () => base.query(sql, params, name)),
    exec: (sql) => around(true, () => base.exec(sql)),
    copyFrom: (table, columns, data) => around(true, () => base.copyFrom(table, columns, data)),
    transaction: (fn) => around(true, () => lite.transaction((tx) => fn(queryable(tx)))),
    generation: () => generation,
    close: async () => {
      await lite.close();
      if (dataDir && options.removeAtClose) rmSync(dataDir, { recursive: true, force: true });
    },
    dump: async () => (await lite.dumpDataDir('gzip')) as Blob,
  };
}
