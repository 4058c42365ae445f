// Password sign-in: generic refusals, throttling that holds guessers back without locking the owner out,
// the owner's notice, a server-side session for each sign-in, and a record of every attempt.
import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { auditEvents, signInAttempts, userSessions } from '~/db/schema';
import { setUserDisabled } from '~/server/accounts/service';
import { loadSessionUser } from '~/server/auth/session';
import { normaliseEmail, pairDelayMs, signInWithPassword, THROTTLE } from '~/server/auth/sign-in';
import { sendSignInBlockedMail } from '~/server/mail';
import { makePatient, makeUser, TEST_PASSWORD, uniqueEmail, userRow } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

// The mail channel only: what the sign-in asks it to send is checked, nothing leaves the machine.
vi.mock('~/server/mail', async (importOriginal) => ({ ...(await importOriginal<typeof import('~/server/mail')>()), sendSignInBlockedMail: vi.fn(async () => true) }));
const sentNotices = vi.mocked(sendSignInBlockedMail);
beforeEach(() => {
  sentNotices.mockClear();
});

const h = fileTestDb();

/** An address no other test uses (in the IPv6 documentation range, its own /64), so per-address counts are this test's own. */
function uniqueIp(): string {
  const hex = () => randomInt(1, 0x10000).toString(16);
  return `2001:db8:${hex()}:${hex()}:${hex()}::${hex()}`;
}

/** What an address is counted as: its /64 for IPv6 (as the helper above writes them). */
function keyOf(ip: string): string {
  const [a, b, c, d] = ip.split(':');
  return `${a}:${b}:${c}:${d}::/64`;
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
    expect(result).toEqual({ ok: true, user: { id: user.id, email: user.email, name: user.name, role: 'clinician', sessionVersion: 1 }, sessionId: expect.any(String) });
    const attempts = await attemptsFor(user.email);
    // Throttling counts an IPv6 client by its /64; the audit keeps the address itself.
    expect(attempts.map((a) => [a.email, a.ip, a.outcome, a.userId])).toEqual([[user.email, keyOf(ip), 'success', user.id]]);
    const audit = await auditForIp(ip);
    expect(audit.map((a) => [a.action, a.actorId, a.entityId, a.patientId])).toEqual([['auth.sign_in', user.id, user.id, null]]);
    const sessionId = result.ok ? result.sessionId : '';
    expect(audit[0]?.after).toEqual({ method: 'password', ip, session: sessionId });
    // The session is recorded on the server, and is what the JWT's claims name.
    const [session] = await h.db.select().from(userSessions).where(eq(userSessions.id, sessionId));
    expect(session).toMatchObject({ userId: user.id, method: 'password', revokedAt: null });
    expect(await loadSessionUser(h.db, { uid: user.id, sv: 1, sid: sessionId })).toMatchObject({ id: user.id });
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

describe('throttling numbers', () => {
  it('an (account, address) pair waits 1 minute × 2^(n−5) after its n-th failure, at most an hour', () => {
    expect([0, 4].map(pairDelayMs)).toEqual([0, 0]);
    expect([5, 6, 7, 10].map((n) => pairDelayMs(n) / 60_000)).toEqual([1, 2, 4, 32]);
    expect([11, 12, 100, 10_000].map((n) => pairDelayMs(n) / 60_000)).toEqual([60, 60, 60, 60]);
    expect(THROTTLE).toMatchObject({ pairFreeFailures: 5, accountCeiling: 50, accountDelayMs: 5 * 60_000, addressCeiling: 30 });
  });
});

describe('throttling one account from one address', () => {
  const fail = (email: string, ip: string, at: Date, password = 'wrong guess') => signInWithPassword(h.db, { email, password, ip }, at);

  it(`after ${THROTTLE.pairFreeFailures} failures that address waits, even with the right password; the owner from another address gets in`, async () => {
    const user = await makeUser(h.db, 'patient');
    const attacker = uniqueIp();
    const t0 = new Date(Date.now() - 60_000);
    const at = (ms: number) => new Date(t0.getTime() + ms);
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) expect(await fail(user.email, attacker, at(i * 1000))).toEqual({ ok: false, reason: 'invalid' });
    const held = await signInWithPassword(h.db, { email: user.email.toUpperCase(), password: TEST_PASSWORD, ip: attacker }, at(5000));
    expect(held).toMatchObject({ ok: false, reason: 'throttled', limit: 'account-address' });
    expect((await auditForIp(attacker)).at(-1)).toMatchObject({ action: 'auth.sign_in_throttled', actorId: null, after: { method: 'password', ip: attacker, limit: 'account-address' } });
    // The owner, elsewhere, is not held.
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() }, at(6000))).toMatchObject({ ok: true, user: { id: user.id } });
    const rows = await attemptsFor(user.email);
    expect(rows.map((r) => r.outcome)).toEqual([...Array<string>(THROTTLE.pairFreeFailures).fill('failure'), 'throttled', 'success']);
  });

  it('the owner signs in from their own address after 30 failures sent from another address', async () => {
    const user = await makeUser(h.db, 'clinician');
    const attacker = uniqueIp();
    const results = [];
    for (let i = 0; i < 30; i++) results.push(await fail(user.email, attacker, new Date()));
    expect(results.filter((r) => !r.ok && r.reason === 'invalid')).toHaveLength(THROTTLE.pairFreeFailures);
    expect(results.filter((r) => !r.ok && r.reason === 'throttled')).toHaveLength(30 - THROTTLE.pairFreeFailures);
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).toMatchObject({ ok: true, user: { id: user.id } });
  });

  it('the wait grows with each failure after it ends, throttled attempts do not extend it, and it stops at an hour', async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = uniqueIp();
    let t = Date.now() - 20 * 60 * 60_000;
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) await fail(user.email, ip, new Date((t += 1000)));
    for (let n = THROTTLE.pairFreeFailures; n < 13; n++) {
      const wait = pairDelayMs(n);
      // Just before the wait ends: held (twice: the held attempt does not move the end).
      expect(await fail(user.email, ip, new Date(t + wait - 2000)), `after ${n} failures`).toMatchObject({ reason: 'throttled', limit: 'account-address' });
      expect(await fail(user.email, ip, new Date(t + wait - 1000)), `after ${n} failures`).toMatchObject({ reason: 'throttled' });
      // When it has ended: checked again (and this failure makes the next wait longer).
      t += wait + 1000;
      expect(await fail(user.email, ip, new Date(t)), `after ${n} failures`).toEqual({ ok: false, reason: 'invalid' });
    }
    // Capped: after 13 failures the wait is an hour, not 256 minutes.
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip }, new Date(t + 60 * 60_000 + 1000))).toMatchObject({ ok: true });
  });

  it('a successful sign-in from the address starts its count again', async () => {
    const user = await makeUser(h.db, 'patient');
    const ip = uniqueIp();
    for (let i = 0; i < THROTTLE.pairFreeFailures - 1; i++) await fail(user.email, ip, new Date());
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
    for (let i = 0; i < THROTTLE.pairFreeFailures - 1; i++) await fail(user.email, ip, new Date());
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
  });

  it('failures older than 24 hours do not count', async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = uniqueIp();
    const old = new Date(Date.now() - THROTTLE.pairWindowMs - 60_000);
    for (let i = 0; i < 10; i++) await fail(user.email, ip, old);
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
  });

  it('an unknown email is held the same way, so the answers do not tell which accounts exist', async () => {
    const email = uniqueEmail('nobody');
    const ip = uniqueIp();
    const results = [];
    for (let i = 0; i < THROTTLE.pairFreeFailures + 1; i++) results.push(await fail(email, ip, new Date()));
    expect(results.map((r) => (r.ok ? 'ok' : r.reason))).toEqual([...Array<string>(THROTTLE.pairFreeFailures).fill('invalid'), 'throttled']);
    expect(sentNotices).not.toHaveBeenCalled();
  });

  // Each attempt is recorded as pending before it counts, so simultaneous guesses see each other.
  it('holds under parallel attempts: no more password checks from one address than the free failures', async () => {
    const user = await makeUser(h.db, 'patient');
    const ip = uniqueIp();
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => signInWithPassword(h.db, { email: user.email, password: `parallel guess ${i}`, ip })));
    // Often none at all: each pending guess counts against the others.
    const checked = results.filter((r) => !r.ok && r.reason === 'invalid').length;
    expect(checked).toBeLessThanOrEqual(THROTTLE.pairFreeFailures);
  });
});

describe('throttling one account from many addresses', () => {
  /** `failures` failed attempts on the account spread over addresses, each address staying within its free failures. */
  async function spread(email: string, failures: number, at: Date) {
    const addresses: string[] = [];
    for (let i = 0; i < failures; i++) {
      if (i % THROTTLE.pairFreeFailures === 0) addresses.push(uniqueIp());
      const ip = addresses.at(-1) ?? uniqueIp();
      expect(await signInWithPassword(h.db, { email, password: `spread ${i}`, ip }, at)).toEqual({ ok: false, reason: 'invalid' });
    }
  }

  it(`${THROTTLE.accountCeiling} failures within an hour hold the account for 5 minutes, except at addresses it signed in from`, async () => {
    const user = await makeUser(h.db, 'clinician');
    const home = uniqueIp();
    const t0 = Date.now() - 30 * 60_000;
    // The owner signed in from home a week ago.
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: home }, new Date(t0 - 7 * 24 * 60 * 60_000))).ok).toBe(true);
    await spread(user.email, THROTTLE.accountCeiling, new Date(t0));
    const elsewhere = uniqueIp();
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: elsewhere }, new Date(t0 + 60_000))).toMatchObject({
      ok: false, reason: 'throttled', limit: 'account',
    });
    // From home the owner is not held.
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: home }, new Date(t0 + 60_000))).toMatchObject({ ok: true });
    // Five minutes after the latest failure, a new address is checked again.
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: elsewhere }, new Date(t0 + THROTTLE.accountDelayMs + 1000))).toMatchObject({ ok: true });
  });

  it(`${THROTTLE.accountCeiling - 1} failures leave the account open`, async () => {
    const user = await makeUser(h.db, 'patient');
    await spread(user.email, THROTTLE.accountCeiling - 1, new Date());
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).ok).toBe(true);
  });
});

describe('throttling one address across accounts', () => {
  it(`after ${THROTTLE.addressCeiling} failures across different emails, the next attempt from that address is held`, async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = uniqueIp();
    const failures = await Promise.all(
      Array.from({ length: THROTTLE.addressCeiling }, (_, i) => signInWithPassword(h.db, { email: uniqueEmail(`spray${i}`), password: 'guess', ip })),
    );
    expect(failures.every((r) => !r.ok)).toBe(true);
    expect(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).toMatchObject({ ok: false, reason: 'throttled', limit: 'address' });
    // Another address is not affected, and the account itself is fine.
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip: uniqueIp() })).ok).toBe(true);
    const audit = await auditForIp(ip);
    expect(audit).toHaveLength(THROTTLE.addressCeiling + 1);
    expect(audit.filter((a) => a.action === 'auth.sign_in_failed')).toHaveLength(THROTTLE.addressCeiling);
    expect(audit.at(-1)?.action).toBe('auth.sign_in_throttled');
    const [{ n } = { n: 0 }] = await h.db.select({ n: sql<number>`count(*)::int` }).from(signInAttempts).where(and(eq(signInAttempts.ip, keyOf(ip)), eq(signInAttempts.outcome, 'failure')));
    // The held attempt is recorded as throttled, so it does not extend the hold.
    expect(n).toBe(THROTTLE.addressCeiling);
  });
});

describe('the owner’s notice', () => {
  it('is sent when a limit trips, at most once an hour, with only a link to the app', async () => {
    const user = await makeUser(h.db, 'patient');
    const t0 = Date.now() - 3 * 60 * 60_000;
    const ip = uniqueIp();
    for (let i = 0; i < THROTTLE.pairFreeFailures - 1; i++) await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip }, new Date(t0));
    expect(sentNotices).not.toHaveBeenCalled();
    await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip }, new Date(t0));
    expect(sentNotices.mock.calls).toEqual([[{ to: user.email, locale: 'en', link: 'http://localhost:3000/sign-in' }]]);
    expect((await userRow(h.db, user.id)).signInNoticeAt).toEqual(new Date(t0));
    // Another address trips its own pair within the hour: no second email.
    const other = uniqueIp();
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip: other }, new Date(t0 + 10 * 60_000));
    expect(sentNotices).toHaveBeenCalledTimes(1);
    // Later than an hour: the next trip is told again.
    const third = uniqueIp();
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip: third }, new Date(t0 + 61 * 60_000));
    expect(sentNotices).toHaveBeenCalledTimes(2);
    const notices = await h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, user.id), eq(auditEvents.action, 'auth.sign_in_notice'))).orderBy(auditEvents.id);
    expect(notices.map((e) => [e.actorId, e.patientId, e.after])).toEqual([[user.id, user.id, { ip }], [user.id, user.id, { ip: third }]]);
  });

  it('is not sent for a disabled account', async () => {
    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    await setUserDisabled(h.db, { id: admin.id, role: 'admin' }, { userId: user.id, disabled: true });
    const ip = uniqueIp();
    for (let i = 0; i < THROTTLE.pairFreeFailures; i++) await signInWithPassword(h.db, { email: user.email, password: 'wrong', ip });
    expect(sentNotices).not.toHaveBeenCalled();
  });
});
