// What each part of the reliability suite measured: printed, and kept in .data/reliability/ for docs/reliability.md (npm run docs:reliability).
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getTableName, is, sql } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { schema, type Db } from '~/db';

const dir = path.resolve(import.meta.dirname, '..', '.data', 'reliability');

export function recordFigures(part: string, figures: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, `${part}.json`), `${JSON.stringify({ at: new Date().toISOString(), ...figures }, null, 2)}\n`);
  console.log(`[reliability] ${part}: ${JSON.stringify(figures)}`);
}

/** Every table of the schema (a table added later is counted without anyone listing it). */
export const allTables: PgTable[] = (Object.values(schema) as unknown[]).filter((t): t is PgTable => is(t, PgTable));

/** Row counts of every table, in one round trip: on a database of the test's own, "nothing was written" is exact. */
export async function everyTableCount(db: Db): Promise<Record<string, number>> {
  const columns = sql.join(
    allTables.map((t) => sql`(select count(*)::int from ${t}) as ${sql.identifier(getTableName(t))}`),
    sql`, `,
  );
  const result = (await db.execute(sql`select ${columns}`)) as unknown as { rows?: Record<string, number>[] } & Record<string, number>[];
  const row = result.rows ? result.rows[0] : result[0];
  if (!row) throw new Error('no counts');
  return row;
}
