// Vitest global setup: with TEST_DATABASE_URL, reset that PostgreSQL database once and migrate it.
import postgres from 'postgres';
import { openDb } from '~/db';

export default async function setup() {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return;
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await sql.unsafe('drop schema if exists public cascade; drop schema if exists drizzle cascade; create schema public;');
  } finally {
    await sql.end();
  }
  const handle = await openDb({ url, migrate: true });
  await handle.close();
}
