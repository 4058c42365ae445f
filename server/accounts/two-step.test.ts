// Two-step sign-in through the tRPC callers and the password sign-in, against the real database: enrolling
// an authenticator, codes at sign-in (skew, reuse), recovery codes, the second step a session can owe,
// changing factors, and an administrator's reset.
import { renderError } from '~/i18n/errors';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, recoveryCodes, signInAttempts, userSessions, userTotp } from '~/db/schema';
import { createCaller } from '~/server/api/root';
import { createContextFor, SECOND_STEP_FIRST } from '~/server/api/trpc';
import { checkSession, startSession, type SessionUser } from '~/server/auth/session';
import { signInWithPassword, THROTTLE } from '~/server/auth/sign-in';
import { TOTP_PERIOD_SECONDS, totpCodeAt } from '~/server/auth/totp';
import { makeUser, openIsolatedTestDb, rejection, signedIn, TEST_PASSWORD, userRow } from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => {
  h = await openIsolatedTestDb();
});
afterAll(() => h.close());

let nextIp = 1;
const freshIp = () => `203.0.113.${nextIp++}`;
const STEP_MS = TOTP_PERIOD_SECONDS * 1000;

/** A caller for `user` on a real session row (so the second step it passes is recorded on it). */
async function sessionCaller(user: SessionUser, ip = freshIp(), secondFactor: 'totp' | null = null) {
  const sid = await startSession(h.db, user.id, 'password', new Date(), secondFactor);
  const state = await checkSession(h.db, { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion, sid });
  if (state.status !== 'signed-in') throw new Error('session not live');
  return { sid, user: state.user, caller: createCaller(createContextFor(h.db, signedIn(state.user, sid), { origin: 'https://portal.test', ip })) };
}

/** Enrols an authenticator for `user` through the procedures; returns its secret and recovery codes. */
async function enrol(user: SessionUser) {
  const { caller, sid } = await sessionCaller(user);
  const begun = await caller.account.twoStep.begin({ password: TEST_PASSWORD });
  const { recoveryCodes: codes } = await caller.account.twoStep.confirm({ code: await totpCodeAt(begun.secret) });
  return { secret: begun.secret, codes, sid };
}

describe('enrolling an authenticator', () => {
  it('needs the password, shows a QR code, and keeps the secret encrypted until a code confirms it', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { caller, sid } = await sessionCaller(user);
    const wrong = await rejection(caller.account.twoStep.begin({ password: 'not the password' }));
    expect(wrong.code).toBe('BAD_REQUEST');
    expect(await h.db.select().from(userTotp).where(eq(userTotp.userId, user.id))).toHaveLength(0);

    const begun = await caller.account.twoStep.begin({ password: TEST_PASSWORD });
    expect(begun.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(begun.uri).toContain('otpauth://totp/');
    expect(begun.qrSvg).toContain('<svg');
    const [row] = await h.db.select().from(userTotp).where(eq(userTotp.userId, user.id));
    expect(row?.confirmedAt).toBeNull();
    expect(row?.pendingSecretEncrypted).toBeTruthy();
    expect(row?.pendingSecretEncrypted).not.toContain(begun.secret);
    expect((await caller.account.twoStep.status()).enrolledAt).toBeNull();

    const mismatch = await rejection(caller.account.twoStep.confirm({ code: '000000' === (await totpCodeAt(begun.secret)) ? '111111' : '000000' }));
    expect(mismatch.code).toBe('BAD_REQUEST');
    const bad = await rejection(caller.account.twoStep.confirm({ code: 'abc' }));
    expect(bad.code).toBe('BAD_REQUEST');

    const { recoveryCodes: codes } = await caller.account.twoStep.confirm({ code: await totpCodeAt(begun.secret) });
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    const stored = await h.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id));
    expect(stored).toHaveLength(10);
    expect(stored.map((r) => r.codeHash).some((hash) => codes.some((c) => hash.includes(c.replace('-', ''))))).toBe(false);
    const status = await caller.account.twoStep.status();
    expect(status.enrolledAt).not.toBeNull();
    expect(status.recoveryCodesLeft).toBe(10);
    // The session that enrolled counts as having passed its second step.
    const [session] = await h.db.select().from(userSessions).where(eq(userSessions.id, sid));
    expect(session?.secondFactor).toBe('totp');
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'account.two_step_enrol')));
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain(begun.secret);
  });

  it('keeps the confirmed authenticator working while a replacement is being set up', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { secret } = await enrol(user);
    const { caller } = await sessionCaller(user, freshIp(), 'totp');
    // Changing factors needs a code from the current one as well as the password.
    const noCode = await rejection(caller.account.twoStep.begin({ password: TEST_PASSWORD }));
    expect(noCode.code).toBe('BAD_REQUEST');
    const later = new Date(Date.now() + STEP_MS);
    const replacement = await caller.account.twoStep.begin({ password: TEST_PASSWORD, code: await totpCodeAt(secret, later) });
    expect(replacement.secret).not.toBe(secret);
    // Until the new one is confirmed, sign-in still takes the old one.
    const ip = freshIp();
    const signIn = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code: await totpCodeAt(secret, new Date(Date.now() + 2 * STEP_MS)) }, new Date(Date.now() + 2 * STEP_MS));
    expect(signIn.ok).toBe(true);
  });
});

describe('signing in with a second factor', () => {
  it('asks for a code after the right password, takes a code once, and refuses a wrong one', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { secret } = await enrol(user);
    const ip = freshIp();
    const t0 = new Date(Date.now() + 3 * STEP_MS);

    const wrongPassword = await signInWithPassword(h.db, { email: user.email, password: 'nope', ip }, t0);
    expect(wrongPassword).toEqual({ ok: false, reason: 'invalid' });
    const asked = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip }, t0);
    expect(asked).toEqual({ ok: false, reason: 'code-needed' });

    const code = await totpCodeAt(secret, t0);
    const ok = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code }, t0);
    expect(ok.ok).toBe(true);
    if (!ok.ok) return;
    const [session] = await h.db.select().from(userSessions).where(eq(userSessions.id, ok.sessionId));
    expect(session?.secondFactor).toBe('totp');
    const state = await checkSession(h.db, { uid: user.id, sv: ok.user.sessionVersion, sid: ok.sessionId }, { staffTwoStep: true });
    expect(state.status === 'signed-in' && state.user.pendingSecondFactor).toBeUndefined();

    // The same code again (a replay, even seconds later) is refused.
    const replay = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code }, new Date(t0.getTime() + 5000));
    expect(replay).toEqual({ ok: false, reason: 'invalid-code' });
    const wrong = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code: code === '123456' ? '654321' : '123456' }, new Date(t0.getTime() + STEP_MS));
    expect(wrong).toEqual({ ok: false, reason: 'invalid-code' });
    // Refused codes count as failures towards the sign-in limits; the code-asked step does not.
    const outcomes = (await h.db.select({ outcome: signInAttempts.outcome }).from(signInAttempts).where(eq(signInAttempts.userId, user.id))).map((r) => r.outcome);
    expect(outcomes.filter((o) => o === 'failure')).toHaveLength(3);
    expect(outcomes.filter((o) => o === 'code-needed')).toHaveLength(1);
  });

  it('accepts a code one step either side of now (clock skew) and not two', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { secret } = await enrol(user);
    const t0 = new Date(Date.now() + 10 * STEP_MS);
    const early = await totpCodeAt(secret, new Date(t0.getTime() - STEP_MS));
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp(), code: early }, t0)).ok).toBe(true);
    const tooOld = await totpCodeAt(secret, new Date(t0.getTime() + 3 * STEP_MS));
    const t1 = new Date(t0.getTime() + 6 * STEP_MS);
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp(), code: tooOld }, t1)).toEqual({ ok: false, reason: 'invalid-code' });
    const ahead = await totpCodeAt(secret, new Date(t1.getTime() + STEP_MS));
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp(), code: ahead }, t1)).ok).toBe(true);
  });

  it('takes each recovery code once, typed in any case and without the dash', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { codes } = await enrol(user);
    const code = codes[3] ?? '';
    const ip = freshIp();
    const first = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code: code.toUpperCase().replace('-', ' ') });
    expect(first.ok).toBe(true);
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code })).toEqual({ ok: false, reason: 'invalid-code' });
    const { caller } = await sessionCaller(user, freshIp(), 'totp');
    expect((await caller.account.twoStep.status()).recoveryCodesLeft).toBe(9);
  });

  it('refuses codes, without a server error, when the key cannot be decrypted (AUTH_SECRET changed); recovery codes still work', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { secret, codes } = await enrol(user);
    const [row] = await h.db.select().from(userTotp).where(eq(userTotp.userId, user.id));
    const raw = Buffer.from(row?.secretEncrypted ?? '', 'base64url');
    raw[14] = (raw[14] ?? 0) ^ 0xff;
    await h.db.update(userTotp).set({ secretEncrypted: raw.toString('base64url') }).where(eq(userTotp.userId, user.id));
    const at = new Date(Date.now() + 30 * STEP_MS);
    const refused = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp(), code: await totpCodeAt(secret, at) }, at);
    expect(refused).toEqual({ ok: false, reason: 'invalid-code' });
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp(), code: codes[0] ?? '' })).ok).toBe(true);
  });

  it('holds back code guessing with the password limits', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { secret } = await enrol(user);
    const ip = freshIp();
    const now = new Date(Date.now() + 20 * STEP_MS);
    const right = await totpCodeAt(secret, now);
    const wrong = right === '000000' ? '000001' : '000000';
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) {
      expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code: wrong }, now)).toEqual({ ok: false, reason: 'invalid-code' });
    }
    const held = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip, code: right }, now);
    expect(held.ok === false && held.reason).toBe('throttled');
  });
});

describe('the second step a session can owe', () => {
  it('sends a staff account without an authenticator to set one up when the clinic requires it, and lets it reach nothing else', async () => {
    const user = await makeUser(h.db, 'clinician');
    const sid = await startSession(h.db, user.id, 'password');
    const claims = { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion, sid };
    const required = await checkSession(h.db, claims, { staffTwoStep: true });
    expect(required.status === 'signed-in' && required.user.pendingSecondFactor).toBe('enrol');
    const optional = await checkSession(h.db, claims, { staffTwoStep: false });
    expect(optional.status === 'signed-in' && optional.user.pendingSecondFactor).toBeUndefined();
    // Never required of a patient.
    const patient = await makeUser(h.db, 'patient');
    const psid = await startSession(h.db, patient.id, 'password');
    const pstate = await checkSession(h.db, { uid: patient.id, sv: (await userRow(h.db, patient.id)).sessionVersion, sid: psid }, { staffTwoStep: true });
    expect(pstate.status === 'signed-in' && pstate.user.pendingSecondFactor).toBeUndefined();

    if (required.status !== 'signed-in') return;
    const caller = createCaller(createContextFor(h.db, signedIn(required.user, sid), { ip: freshIp() }));
    const refused = await rejection(caller.account.me());
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe(renderError(SECOND_STEP_FIRST));
    expect((await rejection(caller.triage.list())).message).toBe(renderError(SECOND_STEP_FIRST));
    expect((await caller.account.twoStep.status()).pending).toBe('enrol');
    const begun = await caller.account.twoStep.begin({ password: TEST_PASSWORD });
    await caller.account.twoStep.confirm({ code: await totpCodeAt(begun.secret) });
    const after = await checkSession(h.db, claims, { staffTwoStep: true });
    expect(after.status === 'signed-in' && after.user.pendingSecondFactor).toBeUndefined();
  });

  it('asks a session that passed no code (single sign-on) for one when the account has an authenticator', async () => {
    const user = await makeUser(h.db, 'clinician');
    const { secret } = await enrol(user);
    const sid = await startSession(h.db, user.id, 'oidc');
    const claims = { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion, sid };
    const state = await checkSession(h.db, claims, { staffTwoStep: false });
    if (state.status !== 'signed-in') throw new Error('not signed in');
    expect(state.user.pendingSecondFactor).toBe('verify');
    const caller = createCaller(createContextFor(h.db, signedIn(state.user, sid), { ip: freshIp() }));
    expect((await rejection(caller.account.me())).code).toBe('FORBIDDEN');
    expect((await rejection(caller.account.twoStep.pass({ code: '12345' }))).code).toBe('BAD_REQUEST');
    await caller.account.twoStep.pass({ code: await totpCodeAt(secret, new Date(Date.now() + STEP_MS)) });
    const after = await checkSession(h.db, claims, { staffTwoStep: false });
    expect(after.status === 'signed-in' && after.user.pendingSecondFactor).toBeUndefined();
    // A session whose provider vouched for a second factor owes none.
    const vouched = await startSession(h.db, user.id, 'oidc', new Date(), 'oidc-mfa');
    const v = await checkSession(h.db, { ...claims, sid: vouched }, { staffTwoStep: true });
    expect(v.status === 'signed-in' && v.user.pendingSecondFactor).toBeUndefined();
  });
});

describe('changing factors', () => {
  it('renews recovery codes (the old ones stop working) and turns two-step off only where it is optional', async () => {
    const patient = await makeUser(h.db, 'patient');
    const { secret, codes } = await enrol(patient);
    const { caller } = await sessionCaller(patient, freshIp(), 'totp');
    const renewed = await caller.account.twoStep.renewRecoveryCodes({ password: TEST_PASSWORD, code: await totpCodeAt(secret, new Date(Date.now() + STEP_MS)) });
    expect(renewed.recoveryCodes).toHaveLength(10);
    const old = await signInWithPassword(h.db, { email: patient.email, password: TEST_PASSWORD, ip: freshIp(), code: codes[0] ?? '' });
    expect(old).toEqual({ ok: false, reason: 'invalid-code' });
    // Turning it off needs the password and a code, then sign-in asks for no code.
    expect((await rejection(caller.account.twoStep.remove({ password: TEST_PASSWORD }))).code).toBe('BAD_REQUEST');
    await caller.account.twoStep.remove({ password: TEST_PASSWORD, code: renewed.recoveryCodes[0] ?? '' });
    expect((await signInWithPassword(h.db, { email: patient.email, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(true);
    expect(await h.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, patient.id))).toHaveLength(0);
  });
});

describe("an administrator's reset of a lost factor", () => {
  it('removes the authenticator and recovery codes, ends every session, and is audited', async () => {
    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    await enrol(user);
    const before = await userRow(h.db, user.id);
    const adminCaller = createCaller(createContextFor(h.db, signedIn(admin), { ip: freshIp() }));
    await adminCaller.admin.resetTwoStep({ userId: user.id });
    expect(await h.db.select().from(userTotp).where(eq(userTotp.userId, user.id))).toHaveLength(0);
    expect(await h.db.select().from(recoveryCodes).where(eq(recoveryCodes.userId, user.id))).toHaveLength(0);
    expect((await userRow(h.db, user.id)).sessionVersion).toBe(before.sessionVersion + 1);
    const audit = await h.db.select().from(auditEvents).where(and(eq(auditEvents.actorId, admin.id), eq(auditEvents.action, 'user.two_step_reset')));
    expect(audit.map((a) => a.entityId)).toEqual([user.id]);
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: freshIp() })).ok).toBe(true);
    // Nothing left to reset; and never one's own.
    expect((await rejection(adminCaller.admin.resetTwoStep({ userId: user.id }))).code).toBe('BAD_REQUEST');
    expect((await rejection(adminCaller.admin.resetTwoStep({ userId: admin.id }))).code).toBe('BAD_REQUEST');
    const staff = await adminCaller.admin.listStaff();
    expect(staff.find((s) => s.id === user.id)?.twoStep).toBe(false);
  });
});
