/**
 * The one data-access interface of the store. Two drivers implement it with the same SQL:
 * PGlite (embedded PostgreSQL in a data folder, the default) and node-postgres (a server, when
 * DATABASE_URL is set). Every statement takes its values as $1… parameters, never spliced in.
 */
export type Row = Record<string, unknown>;

export interface Queryable {
  /** `name` makes it a prepared statement on the server (parsed and planned once per connection). */
  query<T = Row>(sql: string, params?: readonly unknown[], name?: string): Promise<T[]>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /**
   * `COPY <table> (<columns>) FROM STDIN` with `data` in COPY's text format (copy.ts): the server
   * driver sends it with the COPY protocol, PGlite reads it from its /dev/blob device.
   */
  copyFrom(table: string, columns: readonly string[], data: string): Promise<void>;
}

export interface Db extends Queryable {
  readonly driver: 'pglite' | 'pg';
  /** Runs `fn` in one transaction: all of it is stored, or none (rolled back on any throw). */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A number that changes whenever this process may have changed the store (it is raised before and
   * after every statement that is not a plain SELECT, and every transaction): answers made from
   * the store may be kept under it. Only where this process is the store's one writer (PGlite);
   * undefined on the server driver, where other processes write too.
   */
  generation?(): number;
}

export interface OpenOptions {
  /** PGlite data folder; in memory when neither it nor a URL is given. */
  dataDir?: string;
  /** postgres://… — the server driver. */
  databaseUrl?: string;
  /** Schema to work in on the server (tests use one per run); created when missing. */
  schema?: string;
  /** Connections to the server (default 4). */
  poolSize?: number;
  /** Opened for a bulk import (the command line's): PGlite keeps a smaller page cache (pglite.ts smallCache). */
  bulk?: boolean;
}

/** Opens the store the options name; DATABASE_URL wins over a data folder only when no folder is given. */
export async function openDb(options: OpenOptions): Promise<Db> {
  if (options.databaseUrl) {
    const { openPg } = await import('./pg.js');
    return openPg(options.databaseUrl, options.schema, options.poolSize ?? 4);
  }
  const { openPglite } = await import('./pglite.js');
  return openPglite(options.dataDir, undefined, { smallCache: !!options.bulk });
}

/** A refusal or failure to tell the user: what, how to fix it, and the HTTP status it maps to. */
export class StoreError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly hint = '',
    readonly status = 400,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }
}
