// The idle timeout of staff sessions, on a fake clock: ended past the limit (audited once, "expired" from
// then on), patients exempt, activity recorded at most once a minute, background requests not counted.
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, userSessions } from '~/db/schema';
import { createCaller } from '~/server/api/root';
import { createContextFor } from '~/server/api/trpc';
import { isBackgroundRequest } from '~/server/auth/idle';
import { checkSession, endSession, startSession } from '~/server/auth/session';
import type { SessionUser } from '~/server/auth/session';
import { makePatient, makeUser, userRow } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();
const MINUTE = 60_000;
const t0 = new Date('2026-03-02T09:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

async function sessionOf(user: SessionUser) {
  const sid = await startSession(h.db, user.id, 'password', t0);
  return { uid: user.id, sv: (await userRow(h.db, user.id)).sessionVersion, sid };
}

async function row(sid: string) {
  const [found] = await h.db.select().from(userSessions).where(eq(userSessions.id, sid));
  if (!found) throw new Error('no session row');
  return found;
}

async function idleEvents(userId: string) {
  return h.db.select().from(auditEvents).where(and(eq(auditEvents.entityId, userId), eq(auditEvents.action, 'auth.session_idle')));
}

describe('staff idle timeout', () => {
  it.each(['clinician', 'admin'] as const)("ends a %s's session left idle past the limit, audited once, and it stays expired", async (role) => {
    const user = await makeUser(h.db, role);
    const claims = await sessionOf(user);
    // At the limit exactly, the session still works, with no time left to spare.
    expect(await checkSession(h.db, claims, { now: at(30 * MINUTE), idleMinutes: 30, background: true })).toMatchObject({ status: 'signed-in', idleSecondsLeft: 0 });
    expect(await checkSession(h.db, claims, { now: at(30 * MINUTE + 1000), idleMinutes: 30 })).toEqual({ status: 'expired' });
    expect(await row(claims.sid)).toMatchObject({ revokedAt: at(30 * MINUTE + 1000), revokedReason: 'idle', lastActiveAt: t0 });
    const events = await idleEvents(user.id);
    expect(events).toHaveLength(1);
    // No health data: who, which session, how long; never a patient.
    expect(events[0]).toMatchObject({ actorId: user.id, entityType: 'user', patientId: null, after: { session: claims.sid, idleMinutes: 30, limitMinutes: 30 } });
    // Every later request finds the session ended ("session ended", not the sign-in page), with no new event.
    expect(await checkSession(h.db, claims, { now: at(31 * MINUTE), idleMinutes: 30 })).toEqual({ status: 'expired' });
    expect(await checkSession(h.db, claims, { now: at(3 * 60 * MINUTE) })).toEqual({ status: 'expired' });
    expect(await idleEvents(user.id)).toHaveLength(1);
    // Signing out of it afterwards changes nothing and writes nothing.
    expect(await endSession(h.db, claims, at(32 * MINUTE))).toBe(false);
  });

  it('takes its limit from STAFF_IDLE_MINUTES (30 unless set)', async () => {
    const claims = await sessionOf(await makeUser(h.db, 'clinician'));
    expect(await checkSession(h.db, claims, { now: at(29 * MINUTE), background: true })).toMatchObject({ status: 'signed-in', idleSecondsLeft: 60 });
    expect(await checkSession(h.db, claims, { now: at(31 * MINUTE) })).toEqual({ status: 'expired' });
  });

  it('ends a session once when two requests find it idle together', async () => {
    const user = await makeUser(h.db, 'clinician');
    const claims = await sessionOf(user);
    const states = await Promise.all([1, 2, 3].map(() => checkSession(h.db, claims, { now: at(45 * MINUTE), idleMinutes: 30 })));
    expect(states).toEqual([{ status: 'expired' }, { status: 'expired' }, { status: 'expired' }]);
    expect(await idleEvents(user.id)).toHaveLength(1);
  });

  it('leaves other sessions of the same person alone', async () => {
    const user = await makeUser(h.db, 'clinician');
    const idle = await sessionOf(user);
    const busy = await sessionOf(user);
    expect(await checkSession(h.db, busy, { now: at(20 * MINUTE), idleMinutes: 30 })).toMatchObject({ status: 'signed-in' });
    expect(await checkSession(h.db, idle, { now: at(40 * MINUTE), idleMinutes: 30 })).toEqual({ status: 'expired' });
    expect(await checkSession(h.db, busy, { now: at(40 * MINUTE), idleMinutes: 30 })).toMatchObject({ status: 'signed-in' });
  });
});

describe('patients', () => {
  it('are not subject to it: a patient session idle for hours goes on, and nothing is written', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const claims = await sessionOf(patient);
    const state = await checkSession(h.db, claims, { now: at(10 * 60 * MINUTE), idleMinutes: 5 });
    expect(state).toMatchObject({ status: 'signed-in', user: { id: patient.id, hasPatientRecord: true } });
    expect(state.status === 'signed-in' && 'idleSecondsLeft' in state).toBe(false);
    expect(await row(claims.sid)).toMatchObject({ lastActiveAt: t0, revokedAt: null });
    expect(await idleEvents(patient.id)).toHaveLength(0);
  });
});

describe('activity', () => {
  it('is recorded at most once a minute, and keeps the session going', async () => {
    const claims = await sessionOf(await makeUser(h.db, 'clinician'));
    // Within a minute of the last record: nothing written.
    expect(await checkSession(h.db, claims, { now: at(30_000), idleMinutes: 30 })).toMatchObject({ status: 'signed-in', idleSecondsLeft: 30 * 60 - 30 });
    expect((await row(claims.sid)).lastActiveAt).toEqual(t0);
    // A minute or more: moved on to this request.
    expect(await checkSession(h.db, claims, { now: at(61_000), idleMinutes: 30 })).toMatchObject({ status: 'signed-in', idleSecondsLeft: 30 * 60 });
    expect((await row(claims.sid)).lastActiveAt).toEqual(at(61_000));
    expect(await checkSession(h.db, claims, { now: at(100_000), idleMinutes: 30 })).toMatchObject({ status: 'signed-in' });
    expect((await row(claims.sid)).lastActiveAt).toEqual(at(61_000));
    // Working on: a request every 20 minutes keeps it alive well past the first 30 minutes.
    for (const minute of [21, 41, 61, 81]) {
      expect(await checkSession(h.db, claims, { now: at(minute * MINUTE), idleMinutes: 30 }), `minute ${minute}`).toMatchObject({ status: 'signed-in' });
    }
    expect((await row(claims.sid)).lastActiveAt).toEqual(at(81 * MINUTE));
    expect(await checkSession(h.db, claims, { now: at(112 * MINUTE), idleMinutes: 30 })).toEqual({ status: 'expired' });
  });

  it('does not include requests the app makes on its own: they are checked (and can end it) but keep nothing alive', async () => {
    const claims = await sessionOf(await makeUser(h.db, 'admin'));
    for (const minute of [5, 10, 15, 20, 25, 29]) {
      expect(await checkSession(h.db, claims, { now: at(minute * MINUTE), idleMinutes: 30, background: true })).toMatchObject({
        status: 'signed-in', idleSecondsLeft: (30 - minute) * 60,
      });
    }
    expect((await row(claims.sid)).lastActiveAt).toEqual(t0);
    expect(await checkSession(h.db, claims, { now: at(30 * MINUTE + 1), idleMinutes: 30, background: true })).toEqual({ status: 'expired' });
  });

  it('account.keepAlive reports the time left, as the request found it', async () => {
    const claims = await sessionOf(await makeUser(h.db, 'clinician'));
    const call = async (minute: number, background: boolean) => {
      const state = await checkSession(h.db, claims, { now: at(minute * MINUTE), idleMinutes: 30, background });
      return createCaller(createContextFor(h.db, state)).account.keepAlive();
    };
    expect(await call(28, true)).toEqual({ idleSecondsLeft: 120 });
    // "Stay signed in": the user's own request, so the full limit again.
    expect(await call(29, false)).toEqual({ idleSecondsLeft: 30 * 60 });
    expect(await call(50, true)).toEqual({ idleSecondsLeft: 9 * 60 });
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    const patientState = await checkSession(h.db, await sessionOf(patient), { now: at(MINUTE) });
    expect(await createCaller(createContextFor(h.db, patientState)).account.keepAlive()).toEqual({ idleSecondsLeft: null });
  });
});

describe('isBackgroundRequest', () => {
  it("is the app's own marked fetches and Next's link prefetches, nothing else", () => {
    expect(isBackgroundRequest(new Headers({ 'x-taperline-background': '1' }))).toBe(true);
    expect(isBackgroundRequest(new Headers({ 'next-router-prefetch': '1' }))).toBe(true);
    expect(isBackgroundRequest(new Headers())).toBe(false);
    expect(isBackgroundRequest(new Headers({ 'x-taperline-background': '0', rsc: '1' }))).toBe(false);
  });
});
