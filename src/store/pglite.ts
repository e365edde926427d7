/** The embedded driver: PGlite (PostgreSQL compiled to WebAssembly) in a data folder or in memory. */
import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import type { Db, Queryable, Row } from './db.js';
import { PARSERS } from './types.js';

type Target = Pick<PGlite, 'query' | 'exec'>;

function queryable(target: Target): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = []) {
      return (await target.query<T>(sql, params as unknown[])).rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

/** `snapshot`: start from a data folder dumped earlier (dump(), a gzipped tar), e.g. the demo's. */
export async function openPglite(dataDir?: string, snapshot?: Blob): Promise<Db & { dump(): Promise<Blob> }> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A data folder keeps at most ~100 MB of WAL (PostgreSQL's default of 1 GB is a lot beside a city's 350 MB).
  const startParams = [...((PGlite as unknown as { defaultStartParams?: string[] }).defaultStartParams ?? []), '-c', 'max_wal_size=96MB', '-c', 'min_wal_size=32MB'];
  const lite = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(snapshot ? { loadDataDir: snapshot } : {}), parsers: PARSERS, startParams });
  await lite.exec("SET TIME ZONE 'UTC'");
  const base = queryable(lite);
  return {
    driver: 'pglite',
    ...base,
    transaction: (fn) => lite.transaction((tx) => fn(queryable(tx))),
    close: () => lite.close(),
    dump: async () => (await lite.dumpDataDir('gzip')) as Blob,
  };
}
