// The guard against a real PostgreSQL server (runs when TEST_DATABASE_URL is set, as in CI): a throwaway
// database is made for it, so no other test's data is touched.
import { randomBytes } from 'node:crypto';
import postgres, { type Sql } from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertSynthetic, databaseFacts, MARKER_TABLE, SYNTHETIC_DOMAIN } from './guard';

const serverUrl = process.env.TEST_DATABASE_URL;

describe.skipIf(!serverUrl)('the synthetic-data guard on PostgreSQL', () => {
  const name = `taperline_guard_${randomBytes(4).toString('hex')}`;
  let admin: Sql;
  let sql: Sql;

  beforeAll(async () => {
    admin = postgres(serverUrl ?? '', { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl ?? '');
    url.pathname = `/${name}`;
    sql = postgres(url.toString(), { max: 1, onnotice: () => {} });
    await sql`create table users (id serial primary key, email text not null)`;
    await sql`create table check_ins (id serial primary key)`;
    await sql`create table notes (id serial primary key)`;
  });

  afterAll(async () => {
    await sql?.end();
    await admin?.unsafe(`drop database if exists ${name}`);
    await admin?.end();
  });

  it('counts the accounts outside the synthetic domain and finds the marker', async () => {
    expect(await databaseFacts(sql)).toEqual({ hasSchema: true, users: 0, nonSyntheticUsers: 0, otherRows: 0, hasMarker: false });
    await sql`insert into users (email) values (${`patient-00001@${SYNTHETIC_DOMAIN}`})`;
    await expect(assertSynthetic(sql)).rejects.toThrow(/no bench marker/);
    await sql.unsafe(`create table ${MARKER_TABLE} (scale float8)`);
    await expect(assertSynthetic(sql)).resolves.toBeUndefined();
    await sql`insert into users (email) values ('someone@clinic.example')`;
    expect(await databaseFacts(sql)).toMatchObject({ users: 2, nonSyntheticUsers: 1, hasMarker: true });
    await expect(assertSynthetic(sql)).rejects.toThrow(/1 account\(s\) that are not synthetic/);
  });

  it('refuses rows the bench did not make even without accounts', async () => {
    await sql`delete from users`;
    await sql.unsafe(`drop table ${MARKER_TABLE}`);
    await sql`insert into check_ins default values`;
    await expect(assertSynthetic(sql)).rejects.toThrow(/no bench marker/);
  });

  it('counts rows in any table, not only the ones the bench knew of when it was written', async () => {
    await sql`delete from check_ins`;
    expect(await databaseFacts(sql)).toMatchObject({ users: 0, otherRows: 0, hasMarker: false });
    await sql`insert into notes default values`;
    expect(await databaseFacts(sql)).toMatchObject({ users: 0, otherRows: 1, hasMarker: false });
    await expect(assertSynthetic(sql)).rejects.toThrow(/no bench marker/);
  });
});
