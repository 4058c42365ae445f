// The synthetic-data guard: the bench wipes and reseeds its database, so it must never touch a real clinic's.
import type { Sql } from 'postgres';

/** Every account the bench makes is under this reserved (RFC 2606 .invalid) domain. */
export const SYNTHETIC_DOMAIN = 'bench.taperline.invalid';
export const MARKER_TABLE = 'bench_synthetic_marker';

export interface DatabaseFacts {
  /** Whether the app's tables exist at all. */
  hasSchema: boolean;
  users: number;
  /** Accounts whose email is not under the synthetic domain. */
  nonSyntheticUsers: number;
  /** Tables other than users that hold rows, when there is no marker (every table in the schema is looked at). */
  otherRows: number;
  hasMarker: boolean;
}

/** Why the bench must refuse this database, or null when it may seed and run on it. */
export function refusal(facts: DatabaseFacts): string | null {
  if (facts.nonSyntheticUsers > 0) {
    return `This database holds ${facts.nonSyntheticUsers} account(s) that are not synthetic (outside @${SYNTHETIC_DOMAIN}). The bench wipes its database: point DATABASE_URL at an empty database made for it.`;
  }
  if (facts.hasSchema && !facts.hasMarker && facts.users + facts.otherRows > 0) {
    return 'This database holds data the bench did not make (no bench marker). The bench wipes its database: point DATABASE_URL at an empty database made for it.';
  }
  return null;
}

export async function databaseFacts(sql: Sql): Promise<DatabaseFacts> {
  const tables = await sql<{ name: string; base: boolean }[]>`
    select table_name as name, table_type = 'BASE TABLE' as base from information_schema.tables where table_schema = 'public'`;
  const names = new Set(tables.map((t) => t.name));
  const hasMarker = names.has(MARKER_TABLE);
  if (!names.has('users')) return { hasSchema: false, users: 0, nonSyntheticUsers: 0, otherRows: 0, hasMarker };
  const [counts] = await sql<{ users: number; other: number }[]>`
    select count(*)::int as users, count(*) filter (where email not like ${'%@' + SYNTHETIC_DOMAIN})::int as other from users`;
  let otherRows = 0;
  if (!hasMarker) {
    // Every table, not a list: a table added later (notes, reviews, goals, supports ...) is counted without an edit here.
    for (const { name: table, base } of tables) {
      if (!base || table === 'users' || table === MARKER_TABLE) continue;
      const [row] = await sql<{ n: number }[]>`select count(*)::int as n from (select 1 from ${sql(table)} limit 1) t`;
      otherRows += row?.n ?? 0;
    }
  }
  return { hasSchema: true, users: counts?.users ?? 0, nonSyntheticUsers: counts?.other ?? 0, otherRows, hasMarker };
}

/** Throws with the reason when the database is not the bench's to wipe. */
export async function assertSynthetic(sql: Sql): Promise<void> {
  const reason = refusal(await databaseFacts(sql));
  if (reason) throw new Error(reason);
}
