/**
 * Store tests run on both drivers: PGlite in this process (one instance per test file) and a
 * PostgreSQL server, each run in a schema of its own, dropped at the end. The server is the one
 * test/global-setup.ts found or started (TEST_DATABASE_URL, DATABASE_URL, the machine's
 * postgres://postgres@127.0.0.1:5432/test, else an embedded PostgreSQL from npm); only when none
 * could be had is the server driver left out, loudly (test/pg-server.test.ts shows it skipped).
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/store.js';

export type Driver = 'pglite' | 'pg';
export const TEST_DATABASE_URL = inject('databaseUrl');
export const PG_SKIP_REASON = inject('pgSkipReason');
export const DRIVERS: Driver[] = TEST_DATABASE_URL ? ['pglite', 'pg'] : ['pglite'];

export interface TestStore {
  db: Db;
  url?: string;
  schema?: string;
  close(): Promise<void>;
}

export function testSchemaName(): string {
  return `bb_test_${process.pid}_${randomBytes(4).toString('hex')}`;
}

export async function openTestStore(driver: Driver): Promise<TestStore> {
  if (driver === 'pglite') {
    const db = await openStore({});
    return { db, close: () => db.close() };
  }
  const schema = testSchemaName();
  const db = await openStore({ databaseUrl: TEST_DATABASE_URL, schema, poolSize: 4 });
  return {
    db,
    url: TEST_DATABASE_URL,
    schema,
    async close() {
      await db.exec(`DROP SCHEMA ${schema} CASCADE`);
      await db.close();
    },
  };
}
