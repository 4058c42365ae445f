// Sessions die at once when their account's session version moves on or the account is disabled.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import type { SessionUser } from '~/server/auth/session';
import { loadSessionUser, sessionClaimsSchema } from '~/server/auth/session';
import { signInWithPassword } from '~/server/auth/sign-in';
import { patientAccess } from '~/server/auth/policy';
import { callerFor, makePatient, makeUser, openTestDb, rejection, TEST_PASSWORD, uniqueName, userRow } from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

async function claimsOf(user: SessionUser) {
  return { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion };
}

describe('loadSessionUser', () => {
  it('returns the user for matching claims, with no secrets', async () => {
    const user = await makeUser(h.db, 'clinician', uniqueName('Session'));
    const loaded = await loadSessionUser(h.db, await claimsOf(user));
    expect(loaded).toEqual({ id: user.id, email: user.email, name: user.name, role: 'clinician', timeZone: 'UTC' });
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
    const { sv } = await claimsOf(user);
    expect(await loadSessionUser(h.db, { uid: user.id, sv: sv + 1 })).toBeNull();
    expect(await loadSessionUser(h.db, { uid: user.id, sv: sv - 1 })).toBeNull();
  });

  it('returns null for an unknown id', async () => {
    expect(await loadSessionUser(h.db, { uid: randomUUID(), sv: 1 })).toBeNull();
  });

  it('returns null after account.signOutEverywhere (this session included)', async () => {
    const user = await makeUser(h.db, 'patient');
    const claims = await claimsOf(user);
    await callerFor(h.db, user).account.signOutEverywhere();
    expect(await loadSessionUser(h.db, claims)).toBeNull();
    // A new sign-in gets the new version, which works.
    const signIn = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: '192.0.2.10' });
    expect(signIn.ok && signIn.user.sessionVersion).toBe(claims.sv + 1);
    expect(await loadSessionUser(h.db, { uid: user.id, sv: claims.sv + 1 })).toMatchObject({ id: user.id });
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

describe('session claims', () => {
  it('need a uuid and an integer version', () => {
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID(), sv: 3 }).success).toBe(true);
    expect(sessionClaimsSchema.safeParse({ uid: 'admin', sv: 3 }).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID(), sv: 1.5 }).success).toBe(false);
    expect(sessionClaimsSchema.safeParse({ uid: randomUUID() }).success).toBe(false);
  });
});

describe('an ended session at the API', () => {
  it('is refused as expired, whatever the procedure', async () => {
    const error = await rejection(callerFor(h.db, 'expired').account.me());
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe('Your session has ended. Please sign in again.');
  });
});
