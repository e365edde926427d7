/** The server driver: node-postgres with a small pool; each connection works in the given schema. */
import pg from 'pg';
import type { Db, Queryable, Row } from './db.js';
import { PARSERS } from './types.js';
import { StoreError } from './db.js';

const types = {
  getTypeParser: (oid: number, format?: string) => PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
};

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async query<T = Row>(sql: string, params: readonly unknown[] = [], name?: string) {
      return (await client.query(name ? { name, text: sql, values: params as unknown[] } : { text: sql, values: params as unknown[] })).rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export async function openPg(url: string, schema: string | undefined, max: number): Promise<Db> {
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) throw new StoreError('bad-schema', `模式名“${schema}”无效`, '只用小写字母、数字和下划线，以字母开头。');
  const options = schema ? `-c search_path=${schema} -c TimeZone=UTC` : '-c TimeZone=UTC';
  const pool = new pg.Pool({ connectionString: url, max, types, options });
  pool.on('error', () => {}); // an idle client's error surfaces on its next query
  try {
    // The schema name was checked above; identifiers cannot be parameters.
    if (schema) await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    else await pool.query('SELECT 1');
  } catch (e) {
    await pool.end();
    throw new StoreError(
      'unreachable',
      `连不上 PostgreSQL 服务器（${url.replace(/\/\/[^@/]*@/, '//…@')}）：${(e as Error).message}`,
      '请确认服务器已启动（如 pg_ctlcluster --skip-systemctl-redirect 15 main start），或去掉 DATABASE_URL 改用内嵌数据库（--data <文件夹>）。',
    );
  }
  return {
    driver: 'pg',
    ...queryable(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn(queryable(client));
        await client.query('COMMIT');
        return out;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => {});
        throw e;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
