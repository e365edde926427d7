/** The server driver: node-postgres with a small pool; each connection works in the given schema. */
import pg from 'pg';
import type { Db, Queryable, Row } from './db.js';
import { PARSERS } from './types.js';
import { StoreError } from './db.js';
import { copyStatement } from './copy.js';

const types = {
  getTypeParser: (oid: number, format?: string) => PARSERS[oid] ?? pg.types.getTypeParser(oid, format as 'text'),
};

/**
 * `COPY … FROM STDIN` as node-postgres runs a query object: the statement, then on the server's
 * CopyInResponse the data as CopyData messages and CopyDone; settled on ReadyForQuery, or on the
 * first error (the client queues what follows until the server is ready again).
 */
class CopyIn {
  callback?: (err: Error | null) => void;
  private error: Error | null = null;
  private done = false;
  constructor(
    readonly text: string,
    private readonly data: Buffer,
  ) {}
  submit(connection: { query(text: string): void }): void {
    connection.query(this.text);
  }
  handleCopyInResponse(connection: { sendCopyFromChunk(chunk: Buffer): void; endCopyFrom(): void }): void {
    for (let i = 0; i < this.data.length; i += 1 << 16) connection.sendCopyFromChunk(this.data.subarray(i, i + (1 << 16)));
    connection.endCopyFrom();
  }
  handleError(err: Error): void {
    this.error ??= err;
    this.finish();
  }
  handleReadyForQuery(): void {
    this.finish();
  }
  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.callback?.(this.error);
  }
  handleCommandComplete(): void {}
  handleRowDescription(): void {}
  handleDataRow(): void {}
  handleEmptyQuery(): void {}
  handlePortalSuspended(): void {}
  handleCopyData(): void {}
}

function copyIn(client: pg.PoolClient, table: string, columns: readonly string[], data: string): Promise<void> {
  const copy = new CopyIn(copyStatement(table, columns, 'STDIN'), Buffer.from(data, 'utf8'));
  return new Promise((resolve, reject) => {
    copy.callback = (err) => (err ? reject(err) : resolve());
    client.query(copy as unknown as pg.QueryConfig);
  });
}

function queryable(client: pg.Pool | pg.PoolClient): Queryable {
  return {
    async copyFrom(table, columns, data) {
      if (client instanceof pg.Pool) {
        const c = await client.connect();
        try {
          await copyIn(c, table, columns, data);
        } finally {
          c.release();
        }
      } else await copyIn(client, table, columns, data);
    },
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
