/** Opening the store: the driver the options name, with its schema brought up to date. */
import { join } from 'node:path';
import { openDb, type Db, type OpenOptions } from './db.js';
import { migrate } from './migrations.js';
import { restoreIndexes } from './maintenance.js';

export async function openStore(options: OpenOptions): Promise<Db> {
  const db = await openDb(options);
  try {
    await migrate(db);
    // An embedded store whose import was killed while its indexes were deferred (maintenance.ts).
    if (db.driver === 'pglite') await restoreIndexes(db);
  } catch (e) {
    await db.close();
    throw e;
  }
  return db;
}

/** DATABASE_URL (and BUDGETBOOK_SCHEMA) when set; otherwise the embedded store in `dataDir`. */
export function storeOptions(dataDir: string | undefined, home: string, env = process.env): OpenOptions {
  if (env.DATABASE_URL && !dataDir) return { databaseUrl: env.DATABASE_URL, ...(env.BUDGETBOOK_SCHEMA ? { schema: env.BUDGETBOOK_SCHEMA } : {}) };
  return { dataDir: dataDir ?? join(home, 'store') };
}

export function describeStore(options: OpenOptions): string {
  if (options.databaseUrl) return `PostgreSQL 服务器 ${options.databaseUrl.replace(/\/\/[^@/]*@/, '//…@')}${options.schema ? `（模式 ${options.schema}）` : ''}`;
  return options.dataDir ? `内嵌数据库 ${options.dataDir}` : '内存中的内嵌数据库';
}
