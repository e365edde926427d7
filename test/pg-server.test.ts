/**
 * The store tests' PostgreSQL server is there (found or started by test/global-setup.ts); when
 * none could be had, this is the test reported as skipped, named with the reason and the fix.
 */
import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { PG_SKIP_REASON, TEST_DATABASE_URL } from './store-helpers.js';

describe('PostgreSQL server for the store tests', () => {
  it.skipIf(!!PG_SKIP_REASON)(`answers a query${PG_SKIP_REASON ? `（${PG_SKIP_REASON}）` : ''}`, async () => {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string }>('SELECT current_setting($1) AS v', ['server_version_num']);
      expect(Number(rows[0]!.v)).toBeGreaterThanOrEqual(150000);
    } finally {
      await client.end();
    }
  });
});
