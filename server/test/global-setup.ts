// Vitest global setup, once per run. On PGlite: build the migrated template every test file's database
// copies (kept in .data/test/ and reused while the migrations are unchanged). With TEST_DATABASE_URL:
// reset that PostgreSQL database and migrate it.
import postgres from 'postgres';
import { openDb } from '~/db';
import { pgliteTemplatePath } from './pglite-template';

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) {
    await pgliteTemplatePath();
    return;
  }
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('drop schema if exists public cascade; drop schema if exists drizzle cascade; drop schema if exists pgboss cascade; create schema public;');
  } finally {
    await sql.end();
  }
  const handle = await openDb({ url, migrate: true });
  await handle.close();
}
