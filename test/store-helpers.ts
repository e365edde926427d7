/**
 * Store tests run on both drivers: PGlite in this process (one instance per test file) and the
 * PostgreSQL server (TEST_DATABASE_URL, default the machine's postgres://postgres@127.0.0.1:5432/test),
 * each run in a schema of its own, dropped at the end. An unreachable server fails the tests
 * with how to start it; nothing is skipped.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/store.js';

export type Driver = 'pglite' | 'pg';
export const DRIVERS: Driver[] = ['pglite', 'pg'];
export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

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
