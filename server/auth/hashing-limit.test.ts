// Password hashing under a limit: at most a few at once and a short queue, then 429; and every path that
// hashes checks what it can first (an invite's token), so a flood of bad requests never reaches the hashing.
import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, invites, signInAttempts } from '~/db/schema';
import {
  HASHING_BUSY_MESSAGE, HASHING_LIMITS, hashingLoad, hashPassword, isHashingBusy, verifyPassword,
} from '~/server/auth/password';
import { signInWithPassword, THROTTLE } from '~/server/auth/sign-in';
import { hashInviteToken } from '~/server/invites/tokens';
import { auditAbout, callerFor, httpCall, makeUser, TEST_PASSWORD, tokenOf, uniqueEmail, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const CAPACITY = HASHING_LIMITS.running + HASHING_LIMITS.waiting;

/**
 * Runs `work` while every hashing slot and queue place is taken: each of CAPACITY workers queues its next
 * hash the moment its last one ends, so the queue is full whenever other code gets to run.
 */
async function whileHashingIsFull<T>(work: () => Promise<T>): Promise<T> {
  let stop = false;
  const keepBusy = async () => {
    while (!stop) await hashPassword('keeping the hashing busy');
  };
  const flood = Array.from({ length: CAPACITY }, keepBusy);
  expect(hashingLoad()).toEqual({ running: HASHING_LIMITS.running, waiting: HASHING_LIMITS.waiting });
  try {
    return await work();
  } finally {
    stop = true;
    await Promise.all(flood);
  }
}

async function invitedPatient() {
  const doc = await makeUser(h.db, 'clinician');
  const email = uniqueEmail('invited');
  const added = await callerFor(h.db, doc).patients.add({ name: uniqueName('Invited'), email, timeZone: 'Europe/Dublin', hasIntrathecalPump: false });
  return { email, patientId: added.patientId, token: tokenOf(added.inviteLink) };
}

const acceptOverHttp = (token: string, password = 'my own good password') =>
  httpCall(h.db, 'anonymous', 'invites.accept', { token, password, confirmPassword: password });

describe('the hashing limit', () => {
  it(`runs ${HASHING_LIMITS.running} at once, queues ${HASHING_LIMITS.waiting}, refuses the rest with TOO_MANY_REQUESTS, and frees every place after`, async () => {
    const extra = 6;
    const all = Array.from({ length: CAPACITY + extra }, (_, i) => hashPassword(`parallel passphrase ${i}`));
    expect(hashingLoad()).toEqual({ running: HASHING_LIMITS.running, waiting: HASHING_LIMITS.waiting });
    const results = await Promise.allSettled(all);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused).toHaveLength(extra);
    for (const r of refused) {
      expect(r.reason).toMatchObject({ code: 'TOO_MANY_REQUESTS', message: HASHING_BUSY_MESSAGE });
      expect(isHashingBusy(r.reason)).toBe(true);
    }
    // The refused are the last comers: everyone who got a place was hashed.
    expect(results.slice(0, CAPACITY).every((r) => r.status === 'fulfilled' && r.value.startsWith('$argon2id$'))).toBe(true);
    expect(hashingLoad()).toEqual({ running: 0, waiting: 0 });
    expect(await verifyPassword(await hashPassword('after the flood'), 'after the flood')).toBe(true);
  });

  it('queues at least what the per-address sign-in throttle lets one address have checked at once', () => {
    expect(CAPACITY).toBeGreaterThanOrEqual(THROTTLE.addressCeiling);
  });

  it('refuses a verification too when full: busy is not a wrong password', async () => {
    const hash = await hashPassword('a sound passphrase');
    const error = await whileHashingIsFull(() => verifyPassword(hash, 'a sound passphrase').then(() => null, (e: unknown) => e));
    expect(isHashingBusy(error)).toBe(true);
  });
});

describe('accepting an invite checks the token before hashing', () => {
  it('answers a made-up, a used and an expired token with their own message even while hashing is full', async () => {
    const used = await invitedPatient();
    expect((await acceptOverHttp(used.token)).status).toBe(200);
    const expired = await invitedPatient();
    await h.db.update(invites).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(invites.tokenHash, hashInviteToken(expired.token)));
    // Counted about these two patients only: other test files write audit events to a shared database at the same time.
    const about = inArray(auditEvents.patientId, [used.patientId, expired.patientId]);
    const auditBefore = (await h.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(about))[0]?.n;

    const answers = await whileHashingIsFull(() =>
      Promise.all([acceptOverHttp('x'.repeat(43)), acceptOverHttp(used.token), acceptOverHttp(expired.token)]),
    );
    expect(answers.map((a) => [a.status, a.error?.message])).toEqual([
      [400, 'This invitation link is not valid. Check that you copied the whole link, or ask for a new one.'],
      [400, 'This invitation has already been used. Sign in with your email and password.'],
      [400, 'This invitation has expired. Ask your care team for a new link.'],
    ]);
    expect((await h.db.select({ n: sql<number>`count(*)::int` }).from(auditEvents).where(about))[0]?.n).toBe(auditBefore);
  });

  it('refuses a valid token with 429 while hashing is full, changes nothing, and accepts it afterwards', async () => {
    const p = await invitedPatient();
    const auditBefore = (await auditAbout(h.db, p.patientId)).length;
    const busy = await whileHashingIsFull(() => acceptOverHttp(p.token));
    expect([busy.status, busy.error?.message, busy.error?.data.code]).toEqual([429, HASHING_BUSY_MESSAGE, 'TOO_MANY_REQUESTS']);
    expect((await callerFor(h.db, 'anonymous').invites.inspect({ token: p.token })).status).toBe('valid');
    expect((await auditAbout(h.db, p.patientId)).length).toBe(auditBefore);
    expect((await acceptOverHttp(p.token)).status).toBe(200);
  });
});

describe('signing in while hashing is full', () => {
  it('says busy, records the attempt as refused (not a failure), and leaves the account’s allowance alone', async () => {
    const user = await makeUser(h.db, 'clinician');
    const ip = '198.51.100.77';
    const busy = await whileHashingIsFull(async () => {
      const results = [];
      for (let i = 0; i <= THROTTLE.pairFreeFailures; i++) results.push(await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip }));
      return results;
    });
    expect(busy.every((r) => !r.ok && r.reason === 'busy')).toBe(true);
    const attempts = await h.db.select().from(signInAttempts).where(eq(signInAttempts.email, user.email));
    expect(attempts.map((a) => a.outcome)).toEqual(Array<string>(THROTTLE.pairFreeFailures + 1).fill('throttled'));
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, user.id));
    expect(events.filter((e) => e.action === 'auth.sign_in_throttled').map((e) => e.after)).toEqual(
      Array(THROTTLE.pairFreeFailures + 1).fill({ method: 'password', ip, busy: true }),
    );
    // More refusals than the account's failure allowance, and the right password still signs in.
    expect((await signInWithPassword(h.db, { email: user.email, password: TEST_PASSWORD, ip })).ok).toBe(true);
  });
});

describe('changing a password while hashing is full', () => {
  it('answers 429 and keeps the old password', async () => {
    const me = await makeUser(h.db, 'patient');
    const res = await whileHashingIsFull(() => httpCall(h.db, me, 'account.changePassword', { currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase' }));
    expect([res.status, res.error?.message]).toEqual([429, HASHING_BUSY_MESSAGE]);
    expect((await signInWithPassword(h.db, { email: me.email, password: TEST_PASSWORD, ip: '198.51.100.78' })).ok).toBe(true);
  });
});
