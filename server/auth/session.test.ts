// Sessions die at once when their account's session version moves on or the account is disabled.
import { randomUUID } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { and, eq } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Sql } from 'postgres';
import { describe, expect, it } from 'vitest';
import type { Db } from '~/db';
import * as schema from '~/db/schema';
import { auditEvents } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { checkSession, endSession, loadSessionUser, sessionClaimsSchema, startSession } from '~/server/auth/session';
import { signInWithPassword } from '~/server/auth/sign-in';
import { patientAccess } from '~/server/auth/policy';
import { callerFor, makePatient, makeUser, rejection, TEST_PASSWORD, uniqueName, userRow } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

/** Sign-out events about an account. */
async function signOutEvents(userId: string) {
  return h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, 'auth.sign_out'))).orderBy(auditEvents.id);
}

/** The claims of a new session of `user` (as a sign-in makes them). */
async function claimsOf(user: SessionUser) {
  return { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion, sid: await startSession(h.db, user.id, 'password') };
}

describe('loadSessionUser', () => {
  it('returns the user for matching claims, with no secrets', async () => {
    const user = await makeUser(h.db, 'clinician', uniqueName('Session'));
    const loaded = await loadSessionUser(h.db, await claimsOf(user));
    expect(loaded).toEqual({ id: user.id, email: user.email, name: user.name, role: 'clinician', timeZone: 'UTC', locale: 'en' });
  });

  it("tells of a patient whether their record exists, and the access check of their own record trusts it", async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const loaded = await loadSessionUser(h.db, await claimsOf(patient));
    expect(loaded).toMatchObject({ id: patient.id, role: 'patient', hasPatientRecord: true });
    // An account made as a patient without a record (a script's, say) has no record to open.
    const bare = await makeUser(h.db, 'patient');
    const loadedBare = await loadSessionUser(h.db, await claimsOf(bare));
    expect(loadedBare).toMatchObject({ hasPatientRecord: false });
    expect(loaded && (await patientAccess(h.db, loaded, patient.id))).toEqual({ patientId: patient.id, kind: 'self' });
    expect(loadedBare && (await patientAccess(h.db, loadedBare, bare.id))).toBeNull();
    // Another patient's record stays refused whatever the flag says.
    expect(loaded && (await patientAccess(h.db, loaded, bare.id))).toBeNull();
  });

  it('returns null for a session version that is not the current one', async () => {
    const user = await makeUser(h.db, 'patient');
    const claims = await claimsOf(user);
    expect(await loadSessionUser(h.db, { ...claims, sv: claims.sv + 1 })).toBeNull();
    expect(await loadSessionUser(h.db, { ...claims, sv: claims.sv - 1 })).toBeNull();
  });

  it('returns null for an unknown id', async () => {
    expect(await loadSessionUser(h.db, { uid: randomUUID(), sv: 1, sid: randomUUID() })).toBeNull();
  });

  it('returns null after account.signOutEverywhere (this session included)', async () => {
    const user = await makeUser(h.db, 'patient');
    const claims = await claimsOf(user);
    await callerFor(h.db, user).account.signOutEverywhere();
    expect(await loadSessionUser(h.db, claims)).toBeNull();
    // A new sign-in gets the new version, which works.
    const signIn = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: '192.0.2.10' });
    expect(signIn.ok && signIn.user.sessionVersion).toBe(claims.sv + 1);
    const sid = signIn.ok ? signIn.sessionId : '';
    expect(await loadSessionUser(h.db, { uid: user.id, sv: claims.sv + 1, sid })).toMatchObject({ id: user.id });
  });

  it('returns null after account.changePassword', async () => {
    const user = await makeUser(h.db, 'clinician');
    const claims = await claimsOf(user);
    await callerFor(h.db, user).account.changePassword({ currentPassword: TEST_PASSWORD, newPassword: 'a different passphrase' });
    expect(await loadSessionUser(h.db, claims)).toBeNull();
  });

  it('returns null once the account is disabled, and re-enabling does not revive the old session', async () => {
    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    const claims = await claimsOf(user);
    await callerFor(h.db, admin).admin.setDisabled({ userId: user.id, disabled: true });
    expect(await loadSessionUser(h.db, claims)).toBeNull();
    // Disabled: even the current version is refused.
    expect(await loadSessionUser(h.db, await claimsOf(user))).toBeNull();
    await callerFor(h.db, admin).admin.setDisabled({ userId: user.id, disabled: false });
    expect(await loadSessionUser(h.db, claims)).toBeNull();
    const now = await claimsOf(user);
    expect(now.sv).toBeGreaterThan(claims.sv);
    expect(await loadSessionUser(h.db, now)).toMatchObject({ id: user.id, role: 'clinician' });
  });

  it('leaves other accounts’ sessions alone', async () => {
    const a = await makeUser(h.db, 'patient');
    const b = await makeUser(h.db, 'patient');
    const claimsB = await claimsOf(b);
    await callerFor(h.db, a).account.signOutEverywhere();
    expect(await loadSessionUser(h.db, claimsB)).toMatchObject({ id: b.id });
  });
});

describe('signing out (one session)', () => {
  it('revokes that session on the server: the same claims read as signed out from then on', async () => {
    const user = await makeUser(h.db, 'clinician');
    const claims = await claimsOf(user);
    expect(await checkSession(h.db, claims)).toMatchObject({ status: 'signed-in', user: { id: user.id } });
    expect(await endSession(h.db, claims)).toBe(true);
    expect(await checkSession(h.db, claims)).toEqual({ status: 'anonymous' });
    expect(await loadSessionUser(h.db, claims)).toBeNull();
    // Audited once, by the person signing out; a second sign-out of the same session changes nothing.
    expect(await endSession(h.db, claims)).toBe(false);
    const events = await signOutEvents(user.id);
    expect(events.map((e) => [e.actorId, e.entityId, e.patientId, e.after])).toEqual([[user.id, user.id, null, { session: claims.sid }]]);
  });

  it('leaves the account’s other sessions working', async () => {
    const user = await makeUser(h.db, 'patient');
    const laptop = await claimsOf(user);
    const phone = await claimsOf(user);
    await endSession(h.db, phone);
    expect(await loadSessionUser(h.db, laptop)).toMatchObject({ id: user.id });
    expect(await loadSessionUser(h.db, phone)).toBeNull();
    // A patient's sign-out is on their own record.
    expect((await signOutEvents(user.id)).map((e) => e.patientId)).toEqual([user.id]);
  });

  it('cannot end another account’s session', async () => {
    const a = await makeUser(h.db, 'clinician');
    const b = await makeUser(h.db, 'clinician');
    const claimsB = await claimsOf(b);
    expect(await endSession(h.db, { uid: a.id, sid: claimsB.sid })).toBe(false);
    expect(await loadSessionUser(h.db, claimsB)).toMatchObject({ id: b.id });
  });

  it('refuses a session id that is unknown or another account’s as expired', async () => {
    const a = await makeUser(h.db, 'clinician');
    const b = await makeUser(h.db, 'clinician');
    const claimsA = await claimsOf(a);
    const claimsB = await claimsOf(b);
    expect(await checkSession(h.db, { ...claimsA, sid: randomUUID() })).toEqual({ status: 'expired' });
    expect(await checkSession(h.db, { ...claimsA, sid: claimsB.sid })).toEqual({ status: 'expired' });
  });

  it('a revoked session of an account whose version also moved on reads as expired', async () => {
    const user = await makeUser(h.db, 'patient');
    const claims = await claimsOf(user);
    await endSession(h.db, claims);
    await callerFor(h.db, user).account.signOutEverywhere();
    expect(await checkSession(h.db, claims)).toEqual({ status: 'expired' });
  });
});

describe('the per-request check', () => {
  it('is one query, whatever the outcome (the bench measures it)', async () => {
    // The same client as the test database, with a logger: every statement the check sends is counted.
    const statements: string[] = [];
    const logger = { logQuery: (query: string) => void statements.push(query) };
    const client = (h.db as unknown as { $client: unknown }).$client;
    const logged = (h.kind === 'pglite'
      ? drizzlePglite(client as PGlite, { schema, logger })
      : drizzlePostgres(client as Sql, { schema, logger })) as unknown as Db;
    const user = await makeUser(h.db, 'patient');
    const claims = await claimsOf(user);
    for (const check of [claims, { ...claims, sv: claims.sv + 1 }, { ...claims, sid: randomUUID() }]) {
      statements.length = 0;
      await checkSession(logged, check);
      expect(statements).toHaveLength(1);
    }
    await endSession(h.db, claims);
    statements.length = 0;
    expect(await checkSession(logged, claims)).toEqual({ status: 'anonymous' });
    expect(statements).toHaveLength(1);
  });
});

describe('session claims', () => {
  it('need a uuid, an integer version and a session id', () => {
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID(), sv: 3, sid: randomUUID() }).success).toBe(true);
    expect(sessionClaimsSchema.safeParse({ uid: 'admin', sv: 3, sid: randomUUID() }).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID(), sv: 1.5, sid: randomUUID() }).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID() }).success).toBe(false);
    // A token from before sessions were recorded could never be signed out: it is not accepted.
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID(), sv: 3 }).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID(), sv: 3, sid: '' }).success).toBe(false);
  });
});

describe('an ended session at the API', () => {
  it('is refused as expired, whatever the procedure', async () => {
    const error = await rejection(callerFor(h.db, 'expired').account.me());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe('Your session has ended. Please sign in again.');
  });
});
