// Password sign-in: generic refusals, throttling per account and per IP, and a record of every attempt.
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, signInAttempts } from '~/db/schema';
import { setUserDisabled } from '~/server/accounts/service';
import {
  MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_IP, normaliseEmail, signInWithPassword, THROTTLE_WINDOW_MS,
} from '~/server/auth/sign-in';
import { makePatient, makeUser, openTestDb, TEST_PASSWORD, uniqueEmail } from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

/** An address no other test uses (in the IPv6 documentation range), so per-IP counts are this test's own. */
function uniqueIp(): string {
  const hex = () => randomInt(0, 0x10000).toString(16);
  return `2001:db8:${hex()}:${hex()}:${hex()}::${hex()}`;
}

async function attemptsFor(email: string) {
  return h.db.select().from(signInAttempts).where(eq(signInAttempts.email, email)).orderBy(signInAttempts.id);
}

async function auditForIp(ip: string) {
  return h.db
    .select()
    .from(auditEvents)
    .where(sql`${auditEvents.after}->>'ip' = ${ip}`)
    .orderBy(auditEvents.id);
}

describe('signInWithPassword', () => {
  it('signs in with the right password, the email in any case and with stray spaces', async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = uniqueIp();
    const result = await signInWithPassword(h.db, { email: `  ${user.email.toUpperCase()}  `, password: TEST_PASSWORD, ip });
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: 'clinician', sessionVersion: 1 } });
    const attempts = await attemptsFor(user.email);
    expect(attempts.map((a) => [a.email, a.ip, a.outcome, a.userId])).toEqual([[user.email, ip, 'success', user.id]]);
    const audit = await auditForIp(ip);
    expect(audit.map((a) => [a.action, a.actorId, a.entityId, a.patientId])).toEqual([['auth.sign_in', user.id, user.id, null]]);
    expect(audit[0]?.after).toEqual({ method: 'password', ip });
  });

  it('records a patient’s sign-in against their patient id', async () => {
    const patient = await makeUser(h.db, 'patient');
    const ip = uniqueIp();
    expect((await signInWithPassword(h.db, { email: patient.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
    expect((await auditForIp(ip))[0]).toMatchObject({ action: 'auth.sign_in', patientId: patient.id });
  });

  it('refuses a wrong password with the generic answer, and records the failure', async () => {
    const user = await makeUser(h.db, 'patient');
    const ip = uniqueIp();
    expect(await signInWithPassword(h.db, { email: user.email, password: 'not the password', ip })).toEqual({ ok: false, reason: 'invalid' });
    expect((await attemptsFor(user.email)).map((a) => [a.outcome, a.userId])).toEqual([['failure', user.id]]);
    expect((await auditForIp(ip)).map((a) => [a.action, a.actorId, a.patientId])).toEqual([['auth.sign_in_failed', user.id, user.id]]);
  });

  it('refuses an unknown email with the same answer, recording the typed address without an account', async () => {
    const email = uniqueEmail('nobody');
    const ip = uniqueIp();
    expect(await signInWithPassword(h.db, { email: email.toUpperCase(), password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect((await attemptsFor(email)).map((a) => [a.email, a.outcome, a.userId])).toEqual([[email, 'failure', null]]);
    expect((await auditForIp(ip)).map((a) => [a.action, a.actorId, a.entityId])).toEqual([['auth.sign_in_failed', null, null]]);
  });

  it('refuses a disabled account even with the right password', async () => {
    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    await setUserDisabled(h.db, { id: admin.id, role: 'admin' }, { userId: user.id, disabled: true });
    const ip = uniqueIp();
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: 'invalid' });
    expect((await auditForIp(ip)).map((a) => a.action)).toEqual(['auth.sign_in_failed']);
  });

  it('refuses an invited account that has no password yet, whatever is typed', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    for (const password of ['', TEST_PASSWORD, 'taperline-timing-equaliser']) {
      expect(await signInWithPassword(h.db, { email: p.user.email, password, ip: uniqueIp() })).toEqual({ ok: false, reason: 'invalid' });
    }
    expect((await attemptsFor(p.user.email)).map((a) => a.outcome)).toEqual(['failure', 'failure', 'failure']);
  });

  it('records an empty IP as unknown and caps a long one', async () => {
    const email = uniqueEmail('ip');
    await signInWithPassword(h.db, { email, password: 'x', ip: '' });
    await signInWithPassword(h.db, { email, password: 'x', ip: '1'.repeat(500) });
    expect((await attemptsFor(email)).map((a) => a.ip)).toEqual(['unknown', '1'.repeat(64)]);
  });

  it('normalises emails by trimming and lower-casing', () => {
    expect(normaliseEmail('  Alice.Smith@Example.ORG \t')).toBe('alice.smith@example.org');
  });
});

describe('throttling', () => {
  it(`per account: after ${MAX_FAILURES_PER_ACCOUNT} failures the next attempt is throttled, even with the right password, until the window passes`, async () => {
    const user = await makeUser(h.db, 'patient');
    const t0 = new Date(Date.now() - 60_000);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      // Each from a different address: the account is what is counted.
      expect(await signInWithPassword(h.db, { email: user.email, password: `wrong ${i}`, ip: uniqueIp() }, at(i * 1000))).toEqual({ ok: false, reason: 'invalid' });
    }
    const lastFailure = at((MAX_FAILURES_PER_ACCOUNT - 1) * 1000);
    const ip = uniqueIp();
    const throttled = await signInWithPassword(h.db, { email: user.email.toUpperCase(), password: TEST_PASSWORD, ip }, at(MAX_FAILURES_PER_ACCOUNT * 1000));
    expect(throttled).toEqual({ ok: false, reason: 'throttled' });
    expect((await auditForIp(ip)).map((a) => [a.action, a.actorId])).toEqual([['auth.sign_in_throttled', null]]);
    // Still throttled just before the first failure leaves the window.
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() }, at(THROTTLE_WINDOW_MS - 1))).toEqual({
      ok: false, reason: 'throttled',
    });
    // Every attempt left a row, the throttled ones marked as such; none succeeded.
    const rows = await attemptsFor(user.email);
    expect(rows.map((r) => r.outcome)).toEqual([...Array<string>(MAX_FAILURES_PER_ACCOUNT).fill('failure'), 'throttled', 'throttled']);
    // Once the window has passed since the last failed attempt, the right password works again.
    const later = new Date(lastFailure.getTime() + 3 * THROTTLE_WINDOW_MS);
    const result = await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() }, later);
    expect(result).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it('per account: failures older than the window do not count', async () => {
    const user = await makeUser(h.db, 'clinician');
    const old = new Date(Date.now() - THROTTLE_WINDOW_MS - 60_000);
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT; i++) {
      await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip: uniqueIp() }, old);
    }
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).ok).toBe(true);
  });

  it('per account: four failures still leave room for the right password', async () => {
    const user = await makeUser(h.db, 'clinician');
    for (let i = 0; i < MAX_FAILURES_PER_ACCOUNT - 1; i++) {
      await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip: uniqueIp() });
    }
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).ok).toBe(true);
  });

  it(`per IP: after ${MAX_FAILURES_PER_IP} failures across different emails, the next attempt from that IP is throttled`, async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = uniqueIp();
    const failures = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => signInWithPassword(h.db, { email: uniqueEmail(`spray${i}`), password: 'guess', ip })),
    );
    expect(failures.every((r) => !r.ok)).toBe(true);
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).toEqual({ ok: false, reason: 'throttled' });
    // Another address is not affected, and the account itself is fine.
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).ok).toBe(true);
    const audit = await auditForIp(ip);
    expect(audit).toHaveLength(MAX_FAILURES_PER_IP + 1);
    expect(audit.filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(MAX_FAILURES_PER_IP);
    expect(audit.at(-1)?.action).toBe('auth.sign_in_throttled');
    const [{ n } = { n: 0 }] = await h.db.select({ n: sql<number>`count(*)::int` }).from(signInAttempts).where(and(eq(signInAttempts.ip, ip), eq(signInAttempts.outcome, 'failure')));
    // The throttled attempt is recorded as throttled, so it does not extend the lock-out.
    expect(n).toBe(MAX_FAILURES_PER_IP);
  });

  // Each attempt is recorded as pending before it counts, so simultaneous guesses see each other.
  it('holds under parallel attempts: no more than the allowed number of password checks per account', async () => {
    const user = await makeUser(h.db, 'patient');
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signInWithPassword(h.db, { email: user.email, password: `parallel guess ${i}`, ip: uniqueIp() })),
    );
    const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeLessThanOrEqual(MAX_FAILURES_PER_ACCOUNT);
  });
});
