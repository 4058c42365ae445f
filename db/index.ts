// The database handle: postgres.js when DATABASE_URL is set, else PGlite (Postgres in WASM) on disk.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import { env } from '~/server/env';
import { findErrorCode } from '~/server/errors';
import { installJobSchema, jobParam, type JobsDb } from './jobs';
import * as schema from './schema';

export type Schema = typeof schema;
/** One type for both drivers: services never know which database they run on. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** A service takes either the database or a transaction it was handed. */
export type DbOrTx = Db | Tx;

export const migrationsFolder = path.join(process.cwd(), 'db', 'migrations');

export interface DbHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  close: () => Promise<void>;
  /** PostgreSQL only: replaces the connection pool with a new one (see `noteDbFailure`). */
  renew?: () => void;
  /** The same connection for pg-boss (its `db` option): positional SQL, or several statements without parameters. */
  jobsDb: JobsDb;
}

/**
 * Opens a database. `url` set: a PostgreSQL server. Otherwise PGlite at `pgliteDir`
 * (`memory://` for tests). PGlite takes no lock on its folder: one process per folder.
 */
export async function openDb(options: { url?: string; pgliteDir?: string; migrate?: boolean }): Promise<DbHandle> {
  let handle: DbHandle;
  if (options.url) {
    const { default: postgres } = await import('postgres');
    const { drizzle } = await import('drizzle-orm/postgres-js');
    const url = options.url;
    const connect = () => {
      const client = postgres(url, {
        max: env.DATABASE_POOL_MAX,
        onnotice: () => {},
        // A dropped connection is replaced on the next query; the error reaches the caller as retryable.
        idle_timeout: 30,
        // While the server cannot be reached, a request fails (503, retryable) within seconds instead of
        // hanging for postgres.js's default 30 s per connection attempt.
        connect_timeout: env.DATABASE_CONNECT_TIMEOUT,
        // postgres.js waits up to 20 s between reconnection attempts after repeated failures (3^n/100 s), and the
        // requests queued meanwhile wait with it: after an outage the app would hang, then stay down for up to 20 s
        // after the database is back. Retry every half second at most, so it answers 503 promptly and recovers at once.
        backoff: (retries: number) => (0.5 + Math.random() / 2) * Math.min(0.05 * 2 ** retries, 0.5),
      });
      return { client, db: drizzle(namedStatements(client), { schema }) as unknown as Db };
    };
    let pool = connect();
    let renewedAt = 0;
    handle = {
      // A getter: after `renew`, every later request gets the new pool.
      get db() {
        return pool.db;
      },
      kind: 'postgres',
      close: () => pool.client.end({ timeout: 5 }),
      jobsDb: postgresJobsDb(() => pool.client),
      renew: () => {
        if (Date.now() - renewedAt < 5_000) return;
        renewedAt = Date.now();
        const old = pool;
        pool = connect();
        void old.client.end({ timeout: 5 }).catch(() => {});
      },
    };
    if (options.migrate) {
      const { migrate } = await import('drizzle-orm/postgres-js/migrator');
      // pg-boss installs its schema in one transaction of simple statements, which postgres.js runs only on a
      // client of one connection (on the pool it refuses with UNSAFE_TRANSACTION).
      const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: env.DATABASE_CONNECT_TIMEOUT });
      try {
        await migrate(drizzle(single, { schema }), { migrationsFolder });
        await installJobSchema(postgresJobsDb(() => single));
      } finally {
        await single.end({ timeout: 5 });
      }
    }
  } else {
    const dir = options.pgliteDir ?? './.data/pglite';
    if (!dir.startsWith('memory://')) mkdirSync(path.resolve(/*turbopackIgnore: true*/ dir), { recursive: true });
    const { PGlite } = await import('@electric-sql/pglite');
    const { drizzle } = await import('drizzle-orm/pglite');
    const client = await PGlite.create(dir);
    const db = drizzle(client, { schema });
    handle = {
      db: db as unknown as Db,
      kind: 'pglite',
      close: () => client.close(),
      jobsDb: pgliteJobsDb(client),
    };
    // The embedded database migrates itself: a newcomer needs no separate step.
    if (options.migrate ?? true) {
      const { migrate } = await import('drizzle-orm/pglite/migrator');
      await migrate(db, { migrationsFolder });
      await installJobSchema(handle.jobsDb);
    }
  }
  return handle;
}

/**
 * The pool as Drizzle sees it: every query with parameters runs as a named (prepared) statement, cached
 * per connection as postgres.js's own tagged templates are. Drizzle asks for one only for the queries it
 * was told to `.prepare()`, and postgres.js runs any other query with parameters in two round trips (it
 * describes the unnamed statement, waits for the answer, then binds and runs it), parsed and planned by
 * PostgreSQL every time: twice the round trips of the same SQL prepared, on every query of every request.
 * Transactions and savepoints hand Drizzle a connection of their own, wrapped the same way. A connection's
 * statements go with it (idle_timeout, postgres.js's max_lifetime). A statement that a migration made stale
 * is prepared again by postgres.js, though a transaction that meets it fails once. pg-boss keeps the plain pool.
 */
export function namedStatements(sql: import('postgres').Sql): import('postgres').Sql {
  return new Proxy(sql, {
    get(target, property, receiver) {
      if (property === 'unsafe') {
        return (query: string, parameters?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, parameters as never, { ...options, prepare: true });
      }
      if (property === 'begin' || property === 'savepoint') {
        // (options or a savepoint's name, callback) or (callback): the callback's connection is wrapped too.
        return (...args: unknown[]) => {
          const callback = args.pop() as (inner: import('postgres').Sql) => unknown;
          // savepoint is a TransactionSql's (the inner sql of begin), begin the pool's: both take (..., callback).
          const method = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return method(...args, (inner: import('postgres').Sql) => callback(namedStatements(inner)));
        };
      }
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

/** pg-boss over a postgres.js pool (the current one: the pool may be renewed). */
export function postgresJobsDb(client: () => import('postgres').Sql): JobsDb {
  return {
    async executeSql(text, values) {
      if (values?.length) return { rows: [...(await client().unsafe(text, values.map(jobParam) as never[]))] };
      // Several statements, among them pg-boss's own BEGIN and COMMIT: on one reserved connection.
      const reserved = await client().reserve();
      try {
        const rows = await reserved.unsafe(text).simple();
        return { rows: Array.isArray(rows) ? [...rows] : [] };
      } finally {
        reserved.release();
      }
    },
  };
}

/** pg-boss over the embedded database's one connection (PGlite runs one statement at a time). */
export function pgliteJobsDb(client: import('@electric-sql/pglite').PGlite): JobsDb {
  return {
    async executeSql(text, values) {
      if (values?.length) return { rows: (await client.query(text, values.map(jobParam))).rows };
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
  };
}

const globalForDb = globalThis as unknown as { taperlineDb?: Promise<DbHandle> };

/** The process-wide handle, created on first use and cached (also across dev hot reloads). */
export function getDbHandle(): Promise<DbHandle> {
  globalForDb.taperlineDb ??= openDb({
    url: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
  }).catch((error: unknown) => {
    globalForDb.taperlineDb = undefined;
    throw error;
  });
  return globalForDb.taperlineDb;
}

export async function getDb(): Promise<Db> {
  return (await getDbHandle()).db;
}

/**
 * Called with every connection-level error a request met. A connection attempt that timed out is the mark
 * of a pool slot postgres.js 3.4.9 cannot use again (a socket that died with a write buffered keeps the
 * slot from ever sending its startup message: porsager/postgres issues 1154 and 1208): the whole pool is
 * replaced, at most every 5 s. A database that is really out of reach costs one new pool per 5 s.
 */
export function noteDbFailure(error: unknown): void {
  if (findErrorCode(error, (code) => code === 'CONNECT_TIMEOUT')) {
    void globalForDb.taperlineDb?.then((handle) => handle.renew?.()).catch(() => {});
  }
}

export { schema };
