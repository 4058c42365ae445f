// Drizzle's queries on PostgreSQL run as named (prepared) statements, on the pool and inside transactions and
// savepoints (db/index.ts namedStatements): one round trip a query, not two. PostgreSQL only (TEST_DATABASE_URL).
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { namedStatements, openDb, schema, type DbHandle } from '~/db';
import { users } from '~/db/schema';

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)('named statements on PostgreSQL', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDb({ url, migrate: false });
  });
  afterAll(async () => {
    await handle?.close();
  });

  // The statements this connection has prepared whose text names `marker`, seen from the same connection.
  const prepared = (q: Pick<DbHandle['db'], 'execute'>, marker: string) =>
    q.execute(sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${marker}%`} and statement not like '%pg_prepared_statements%'`);
  const count = (rows: unknown) => Number((rows as { n: number }[])[0]?.n ?? 0);

  it('prepares a query with parameters inside a transaction and a savepoint', async () => {
    await handle.db.transaction(async (tx) => {
      const marker = `tx_${Date.now()}`;
      await tx.select({ id: users.id }).from(users).where(eq(users.email, marker));
      expect(count(await prepared(tx, 'from "users" where "users"."email" = $1'))).toBeGreaterThan(0);
      await tx.transaction(async (inner) => {
        await inner.select({ n: sql<number>`${1}::int + 1 /* savepoint_probe */` }).from(users).limit(1);
        expect(count(await prepared(inner, 'savepoint_probe'))).toBe(1);
      });
    });
  });

  it('prepares a query on the pool, answers it the same, and runs one without parameters as a simple query', async () => {
    // One connection, so the check reads the connection that ran the query.
    const client = postgres(url ?? '', { max: 1, onnotice: () => {} });
    try {
      const db = drizzle(namedStatements(client), { schema });
      const rows = await db.select({ n: sql<number>`${41}::int + 1 /* pool_probe */` }).from(users).limit(1);
      const plain = await db.execute(sql`select 1 as one /* plain_probe */`);
      const statements = await client<{ statement: string }[]>`select statement from pg_prepared_statements`;
      expect(statements.filter((s) => s.statement.includes('pool_probe'))).toHaveLength(1);
      expect(statements.filter((s) => s.statement.includes('plain_probe'))).toHaveLength(0);
      if (rows.length) expect(rows[0]?.n).toBe(42);
      expect(plain).toEqual([{ one: 1 }]);
    } finally {
      await client.end();
    }
  });
});
