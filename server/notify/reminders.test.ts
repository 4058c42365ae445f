// Reminders, dose-change notices and digests written by the every-minute jobs, against a real database with
// explicit times: across the clocks changing in London and New York, skipped after a check-in, the day
// before a step, deferred by quiet hours, per-channel opt-outs, digests once a day with their team's counts.
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '~/db';
import { alerts, notificationDeliveries, notifications, patientConversations, taperPlans, taperPlanVersions, users } from '~/db/schema';
import { addDays, localDate } from '~/lib/dates';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { pausePlan } from '~/server/plans/service';
import {
  addToTeam, checkInInput, makePatient, makePlan, makeUser, openCountingTestDb, openIsolatedTestDb, stopOpenPlan, type CountingDbHandle,
} from '~/server/test/db';
import { updateMySettings } from './settings-service';
import { digestCounts, doseChangeTomorrow, runDigests, runPatientReminders } from './reminders';

let h: DbHandle;
beforeAll(async () => {
  // A database of this file's own: the runs read every patient, so their counts are exact only here.
  h = await openIsolatedTestDb();
});
afterAll(async () => {
  await h?.close();
});

// Each test's patients leave no running plan behind, so the next test's runs see only its own.
const running: { doc: SessionUser; patientId: string }[] = [];
afterEach(async () => {
  for (const { doc, patientId } of running.splice(0)) await stopOpenPlan(h.db, doc, patientId);
});

const at = (iso: string) => new Date(iso);

/**
 * A patient in `timeZone` with an active plan whose steps start every 14 days from `startDate` (25, 20, 15,
 * 10, 5, 0 mg/day from 30 mg/day), made by a prescriber.
 */
async function patientWithPlan(timeZone: string, startDate: string, doc?: SessionUser) {
  const clinician = doc ?? (await makeUser(h.db, 'clinician'));
  const patient = await makePatient(h.db, clinician, { timeZone });
  const plan = await makePlan(h.db, clinician, patient.user, 'active', { input: { startDate } });
  running.push({ doc: clinician, patientId: patient.patientId });
  return { doc: clinician, patient: patient.user, plan };
}

async function noticesOf(db: Db, userId: string) {
  const rows = await db.select().from(notifications).where(eq(notifications.recipientId, userId)).orderBy(asc(notifications.dedupeKey));
  const deliveries = rows.length
    ? await db.select().from(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, rows.map((r) => r.id)))
    : [];
  return rows.map((r) => ({
    ...r,
    deliveries: deliveries.filter((d) => d.notificationId === r.id).map((d) => ({ channel: d.channel, notBefore: d.notBefore?.toISOString() ?? null })).sort((a, b) => a.channel.localeCompare(b.channel)),
  }));
}

/** Runs the job every `stepMinutes` from `from` to `to`, noting the run at which each notice first appeared. */
async function simulate(from: string, to: string, stepMinutes: number, userIds: string[]) {
  const firstSeen = new Map<string, string>();
  const totals = { checkIn: 0, doseChange: 0 };
  for (let t = at(from).getTime(); t <= at(to).getTime(); t += stepMinutes * 60_000) {
    const result = await runPatientReminders(h.db, new Date(t));
    totals.checkIn += result.checkIn;
    totals.doseChange += result.doseChange;
    const keys = await h.db.select({ key: notifications.dedupeKey }).from(notifications).where(inArray(notifications.recipientId, userIds));
    for (const { key } of keys) if (!firstSeen.has(key)) firstSeen.set(key, new Date(t).toISOString());
  }
  return { firstSeen: Object.fromEntries([...firstSeen].sort()), totals };
}

describe('check-in reminders and dose-change notices across the clocks changing', () => {
  it('reaches a London patient at 19:00 on their clock before and after the March change, once a day, with the notice before the step', async () => {
    // Steps start on 16 and 30 March: the dose-change notice is due at 19:00 BST on Sunday 29 March.
    const { patient, plan } = await patientWithPlan('Europe/London', '2026-03-16');
    const { firstSeen, totals } = await simulate('2026-03-27T21:00:00Z', '2026-03-30T21:00:00Z', 10, [patient.id]);
    expect(firstSeen).toEqual({
      [`check-in:${patient.id}:2026-03-28`]: '2026-03-28T19:00:00.000Z',
      [`check-in:${patient.id}:2026-03-29`]: '2026-03-29T18:00:00.000Z',
      [`check-in:${patient.id}:2026-03-30`]: '2026-03-30T18:00:00.000Z',
      [`dose:${plan.planId}:${plan.version}:2026-03-30`]: '2026-03-29T18:00:00.000Z',
    });
    expect(totals).toEqual({ checkIn: 3, doseChange: 1 });
    const notices = await noticesOf(h.db, patient.id);
    expect(notices.map((n) => [n.kind, n.link, n.patientId, n.deliveries])).toEqual([
      ['check-in-reminder', '/patient/check-in', patient.id, [{ channel: 'email', notBefore: null }, { channel: 'push', notBefore: null }]],
      ['check-in-reminder', '/patient/check-in', patient.id, [{ channel: 'email', notBefore: null }, { channel: 'push', notBefore: null }]],
      ['check-in-reminder', '/patient/check-in', patient.id, [{ channel: 'email', notBefore: null }, { channel: 'push', notBefore: null }]],
      ['dose-change', '/patient/plan', patient.id, [{ channel: 'email', notBefore: null }, { channel: 'push', notBefore: null }]],
    ]);
  });

  it('reaches a London patient at 19:00 GMT after the October change', async () => {
    // Steps start on 12 and 26 October: the notice goes out at 19:00 GMT on the 25th, the day the clocks go back.
    const { patient, plan } = await patientWithPlan('Europe/London', '2026-10-12');
    const { firstSeen } = await simulate('2026-10-24T17:00:00Z', '2026-10-25T20:00:00Z', 15, [patient.id]);
    expect(firstSeen).toEqual({
      [`check-in:${patient.id}:2026-10-24`]: '2026-10-24T18:00:00.000Z',
      [`check-in:${patient.id}:2026-10-25`]: '2026-10-25T19:00:00.000Z',
      [`dose:${plan.planId}:${plan.version}:2026-10-26`]: '2026-10-25T19:00:00.000Z',
    });
  });

  it('reaches a New York patient at 19:00 EST and then 19:00 EDT, and tells them the evening before a step that starts on the day of the change', async () => {
    // Steps start on 22 February and 8 March (the day New York moves its clocks on).
    const { patient, plan } = await patientWithPlan('America/New_York', '2026-02-22');
    const { firstSeen, totals } = await simulate('2026-03-07T20:00:00Z', '2026-03-09T23:30:00Z', 10, [patient.id]);
    expect(firstSeen).toEqual({
      [`check-in:${patient.id}:2026-03-07`]: '2026-03-08T00:00:00.000Z',
      [`check-in:${patient.id}:2026-03-08`]: '2026-03-08T23:00:00.000Z',
      [`check-in:${patient.id}:2026-03-09`]: '2026-03-09T23:00:00.000Z',
      [`dose:${plan.planId}:${plan.version}:2026-03-08`]: '2026-03-08T00:00:00.000Z',
    });
    expect(totals).toEqual({ checkIn: 3, doseChange: 1 });
  });

  it('runs the two zones side by side without one patient’s clock leaking into the other’s', async () => {
    const london = await patientWithPlan('Europe/London', '2026-11-02');
    const newYork = await patientWithPlan('America/New_York', '2026-11-02');
    // 19:00 in London is 19:00Z; in New York 00:00Z the next UTC day.
    expect(await runPatientReminders(h.db, at('2026-11-05T19:00:00Z'))).toEqual({ checkIn: 1, doseChange: 0 });
    expect((await noticesOf(h.db, london.patient.id)).map((n) => n.dedupeKey)).toEqual([`check-in:${london.patient.id}:2026-11-05`]);
    expect(await noticesOf(h.db, newYork.patient.id)).toEqual([]);
    expect(await runPatientReminders(h.db, at('2026-11-06T00:00:00Z'))).toEqual({ checkIn: 1, doseChange: 0 });
    expect((await noticesOf(h.db, newYork.patient.id)).map((n) => n.dedupeKey)).toEqual([`check-in:${newYork.patient.id}:2026-11-05`]);
  });
});

describe('what is skipped', () => {
  it('skips the reminder once the patient checked in that day, and reminds them the next day', async () => {
    const { patient } = await patientWithPlan('Europe/London', '2026-05-04');
    await submitCheckIn(h.db, { id: patient.id, role: 'patient' }, checkInInput(patient.id, '2026-05-10'), at('2026-05-10T08:00:00Z'));
    expect(await runPatientReminders(h.db, at('2026-05-10T18:00:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect(await noticesOf(h.db, patient.id)).toEqual([]);
    expect(await runPatientReminders(h.db, at('2026-05-11T18:00:00Z'))).toEqual({ checkIn: 1, doseChange: 0 });
    expect((await noticesOf(h.db, patient.id)).map((n) => n.dedupeKey)).toEqual([`check-in:${patient.id}:2026-05-11`]);
  });

  it('does not send late: past the two hours’ grace the day’s reminder is dropped', async () => {
    const { patient } = await patientWithPlan('Europe/London', '2026-05-04');
    // The worker was down from 18:55 to 21:05 BST.
    expect(await runPatientReminders(h.db, at('2026-05-12T20:05:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect(await runPatientReminders(h.db, at('2026-05-12T19:59:00Z'))).toEqual({ checkIn: 1, doseChange: 0 });
    expect(await noticesOf(h.db, patient.id)).toHaveLength(1);
  });

  it('sends no check-in reminder when reminders are off, but still the dose-change notice, at 18:00', async () => {
    const { patient, plan } = await patientWithPlan('Europe/London', '2026-06-01');
    await updateMySettings(h.db, { id: patient.id, role: 'patient' }, { reminderTime: null });
    // The second step starts on 15 June: the notice is due at 18:00 BST (17:00Z) on 14 June.
    expect(await runPatientReminders(h.db, at('2026-06-14T16:59:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect(await runPatientReminders(h.db, at('2026-06-14T17:00:00Z'))).toEqual({ checkIn: 0, doseChange: 1 });
    expect(await runPatientReminders(h.db, at('2026-06-14T18:00:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect((await noticesOf(h.db, patient.id)).map((n) => [n.kind, n.dedupeKey])).toEqual([['dose-change', `dose:${plan.planId}:${plan.version}:2026-06-15`]]);
  });

  it('sends no dose-change notice when the patient turned them off', async () => {
    const { patient } = await patientWithPlan('Europe/London', '2026-06-01');
    await updateMySettings(h.db, { id: patient.id, role: 'patient' }, { doseChangeEnabled: false });
    expect(await runPatientReminders(h.db, at('2026-06-14T18:00:00Z'))).toEqual({ checkIn: 1, doseChange: 0 });
    expect((await noticesOf(h.db, patient.id)).map((n) => n.kind)).toEqual(['check-in-reminder']);
  });

  it('reminds a paused patient to check in, but announces no dose change: a paused plan holds its step', async () => {
    const { doc, patient, plan } = await patientWithPlan('Europe/London', '2026-06-01');
    await pausePlan(h.db, doc, { patientId: patient.id, planId: plan.planId, expectedVersion: plan.version, reason: 'Holiday' }, at('2026-06-10T12:00:00Z'));
    expect(await runPatientReminders(h.db, at('2026-06-14T18:00:00Z'))).toEqual({ checkIn: 1, doseChange: 0 });
  });

  it('does not announce the same step again after an edit that keeps its date', async () => {
    const { plan } = await patientWithPlan('Europe/London', '2026-06-01');
    expect(await runPatientReminders(h.db, at('2026-06-14T18:00:00Z'))).toEqual({ checkIn: 1, doseChange: 1 });
    // A new version of the plan, the same steps (as a clinician's edit of something else would leave them).
    await h.db.update(taperPlans).set({ version: plan.version + 1 }).where(eq(taperPlans.id, plan.planId));
    const [v] = await h.db.select().from(taperPlanVersions).where(and(eq(taperPlanVersions.planId, plan.planId), eq(taperPlanVersions.version, plan.version)));
    if (!v) throw new Error('no version');
    const { id: _id, stepSummary: _summary, ...copy } = v;
    await h.db.insert(taperPlanVersions).values({ ...copy, version: plan.version + 1, action: 'extend' });
    expect(await runPatientReminders(h.db, at('2026-06-14T18:30:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect(await h.db.select().from(notifications).where(like(notifications.dedupeKey, `dose:${plan.planId}:%`))).toHaveLength(1);
  });
});

describe('quiet hours and channels', () => {
  it('defers the deliveries to the end of the quiet hours (not_before) when they end that evening', async () => {
    const { patient } = await patientWithPlan('Europe/London', '2026-06-01');
    await updateMySettings(h.db, { id: patient.id, role: 'patient' }, { quietStart: '18:30', quietEnd: '21:00' });
    expect(await runPatientReminders(h.db, at('2026-06-14T18:00:00Z'))).toEqual({ checkIn: 1, doseChange: 1 });
    const notices = await noticesOf(h.db, patient.id);
    // 21:00 BST is 20:00Z.
    for (const n of notices) {
      expect(n.deliveries).toEqual([{ channel: 'email', notBefore: '2026-06-14T20:00:00.000Z' }, { channel: 'push', notBefore: '2026-06-14T20:00:00.000Z' }]);
    }
  });

  it('keeps the day’s notices in the app only when the quiet hours last until the next morning', async () => {
    const { patient } = await patientWithPlan('Europe/London', '2026-06-01');
    await updateMySettings(h.db, { id: patient.id, role: 'patient' }, { quietStart: '18:00', quietEnd: '07:00' });
    expect(await runPatientReminders(h.db, at('2026-06-14T18:00:00Z'))).toEqual({ checkIn: 1, doseChange: 1 });
    const notices = await noticesOf(h.db, patient.id);
    expect(notices.map((n) => [n.kind, n.deliveries])).toEqual([['check-in-reminder', []], ['dose-change', []]]);
  });

  it('writes no delivery for a channel the patient turned off', async () => {
    const email = await patientWithPlan('Europe/London', '2026-06-01');
    const push = await patientWithPlan('Europe/London', '2026-06-01');
    const neither = await patientWithPlan('Europe/London', '2026-06-01');
    await updateMySettings(h.db, { id: email.patient.id, role: 'patient' }, { pushEnabled: false });
    await updateMySettings(h.db, { id: push.patient.id, role: 'patient' }, { emailEnabled: false });
    await updateMySettings(h.db, { id: neither.patient.id, role: 'patient' }, { emailEnabled: false, pushEnabled: false });
    expect(await runPatientReminders(h.db, at('2026-06-20T18:00:00Z'))).toEqual({ checkIn: 3, doseChange: 0 });
    expect((await noticesOf(h.db, email.patient.id))[0]?.deliveries.map((d) => d.channel)).toEqual(['email']);
    expect((await noticesOf(h.db, push.patient.id))[0]?.deliveries.map((d) => d.channel)).toEqual(['push']);
    // Still in the app.
    expect((await noticesOf(h.db, neither.patient.id)).map((n) => [n.kind, n.deliveries])).toEqual([['check-in-reminder', []]]);
  });
});

describe('the candidates query', () => {
  let counting: CountingDbHandle;
  beforeAll(async () => {
    counting = await openCountingTestDb();
  });
  afterAll(async () => {
    await counting?.close();
  });

  it('reads every patient in one statement when nothing is due, and writes once per due patient', async () => {
    const doc = await makeUser(counting.db, 'clinician');
    for (let i = 0; i < 6; i++) {
      const p = await makePatient(counting.db, doc, { timeZone: i % 2 ? 'Europe/London' : 'America/New_York' });
      await makePlan(counting.db, doc, p.user, 'active', { input: { startDate: '2026-08-03' } });
    }
    counting.reset();
    expect(await runPatientReminders(counting.db, at('2026-08-10T12:00:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect(counting.queries()).toBe(1);
    counting.reset();
    expect(await runPatientReminders(counting.db, at('2026-08-10T18:00:00Z'))).toEqual({ checkIn: 3, doseChange: 0 });
    const once = counting.queries();
    // Run again in the same minute: nothing is left to send, and the query says so without a write.
    counting.reset();
    expect(await runPatientReminders(counting.db, at('2026-08-10T18:01:00Z'))).toEqual({ checkIn: 0, doseChange: 0 });
    expect(counting.queries()).toBe(1);
    expect(once).toBeLessThanOrEqual(1 + 3 * 4);
  });
});

describe('doseChangeTomorrow', () => {
  it('gives the doses of the step starting tomorrow on the patient’s clock, and null on other days or when paused', async () => {
    const { doc, patient, plan } = await patientWithPlan('America/New_York', '2026-02-22');
    // 23:30 EST on 7 March is 04:30Z on 8 March: still the 7th for the patient, so the step of the 8th is tomorrow.
    const tomorrow = await doseChangeTomorrow(h.db, patient.id, at('2026-03-08T04:30:00Z'));
    expect(tomorrow).toMatchObject({ startDate: '2026-03-08', dailyMg: 20 });
    expect(tomorrow?.doses.reduce((sum, d) => sum + d.mg, 0)).toBeCloseTo(20);
    expect(tomorrow?.doses.map((d) => d.time)).toEqual(['08:00', '14:00', '22:00']);
    expect(await doseChangeTomorrow(h.db, patient.id, at('2026-03-08T05:30:00Z'))).toBeNull();
    expect(await doseChangeTomorrow(h.db, patient.id, at('2026-03-05T12:00:00Z'))).toBeNull();
    await pausePlan(h.db, doc, { patientId: patient.id, planId: plan.planId, expectedVersion: plan.version, reason: 'Holiday' }, at('2026-03-05T12:00:00Z'));
    expect(await doseChangeTomorrow(h.db, patient.id, at('2026-03-08T04:30:00Z'))).toBeNull();
  });

  it('is null for a patient without a plan', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    expect(await doseChangeTomorrow(h.db, p.patientId)).toBeNull();
  });
});

describe('digests', () => {
  async function openAlert(patientId: string, severity: 'urgent' | 'warning' | 'info', acknowledged = false) {
    await h.db.insert(alerts).values({
      patientId, kind: 'red-flag', severity, code: 'test', evidence: {}, dedupeKey: randomUUID(),
      acknowledgedAt: acknowledged ? new Date() : null,
    });
  }

  it('writes one digest a day at the clinician’s digest time, and counts only their team’s patients', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const colleague = await makeUser(h.db, 'clinician');
    const nurse = await makeUser(h.db, 'clinician');
    await h.db.update(users).set({ timeZone: 'Europe/London' }).where(eq(users.id, doc.id));
    await updateMySettings(h.db, { id: doc.id, role: 'clinician' }, { digest: 'daily', digestTime: '07:30' });
    await updateMySettings(h.db, { id: colleague.id, role: 'clinician' }, { digest: 'none' });
    const mine = await makePatient(h.db, doc);
    const alsoMine = await makePatient(h.db, colleague);
    await addToTeam(h.db, colleague, alsoMine.patientId, doc);
    const theirs = await makePatient(h.db, colleague);
    const nursed = await makePatient(h.db, nurse);

    await openAlert(mine.patientId, 'urgent');
    await openAlert(mine.patientId, 'warning');
    await openAlert(mine.patientId, 'urgent', true);
    await openAlert(alsoMine.patientId, 'info');
    await openAlert(theirs.patientId, 'urgent');
    await openAlert(nursed.patientId, 'warning');
    const later = new Date('2026-12-01T10:00:00Z');
    const earlier = new Date('2026-12-01T09:00:00Z');
    await h.db.insert(patientConversations).values([
      { patientId: mine.patientId, lastPatientMessageAt: later, teamReadAt: earlier },
      { patientId: alsoMine.patientId, lastPatientMessageAt: earlier, teamReadAt: later },
      { patientId: theirs.patientId, lastPatientMessageAt: later, teamReadAt: null },
      { patientId: nursed.patientId, lastPatientMessageAt: later, teamReadAt: null },
    ]);
    await h.db.insert(patientConversations).values({ patientId: (await makePatient(h.db, doc)).patientId, lastPatientMessageAt: later, teamReadAt: null });

    expect(await digestCounts(h.db, doc.id)).toEqual({ urgentAlerts: 1, otherAlerts: 2, unreadConversations: 2, decisionsDue: 0 });
    expect(await digestCounts(h.db, colleague.id)).toEqual({ urgentAlerts: 1, otherAlerts: 1, unreadConversations: 1, decisionsDue: 0 });

    // 07:30 in London in winter is 07:30Z.
    expect(await runDigests(h.db, at('2026-12-02T07:29:00Z'))).toBe(0);
    expect(await runDigests(h.db, at('2026-12-02T07:30:00Z'))).toBe(1);
    expect(await runDigests(h.db, at('2026-12-02T07:31:00Z'))).toBe(0);
    expect(await runDigests(h.db, at('2026-12-02T15:00:00Z'))).toBe(0);
    expect(await runDigests(h.db, at('2026-12-03T07:30:00Z'))).toBe(1);
    const digests = await noticesOf(h.db, doc.id);
    expect(digests.map((n) => [n.kind, n.dedupeKey, n.link, n.patientId, n.deliveries.map((d) => d.channel)])).toEqual([
      ['digest', `digest:${doc.id}:2026-12-02`, '/clinician', null, ['email', 'push']],
      ['digest', `digest:${doc.id}:2026-12-03`, '/clinician', null, ['email', 'push']],
    ]);
    expect(await noticesOf(h.db, colleague.id)).toEqual([]);
    await updateMySettings(h.db, { id: doc.id, role: 'clinician' }, { digest: 'none' });
  });

  it('sends a digest missed in the morning later that day, in the clinician’s zone, after the clocks change', async () => {
    const doc = await makeUser(h.db, 'clinician');
    await h.db.update(users).set({ timeZone: 'Europe/London' }).where(eq(users.id, doc.id));
    await updateMySettings(h.db, { id: doc.id, role: 'clinician' }, { digest: 'daily', digestTime: '07:30', quietStart: '22:00', quietEnd: '07:00' });
    // Other tests' clinicians get digests in these runs too: what counts here is this clinician's.
    const keys = async () => (await noticesOf(h.db, doc.id)).map((n) => n.dedupeKey.slice(-10));
    // The worker was down all morning of 29 March (London changed its clocks at 01:00Z): 07:30 BST was 06:30Z.
    await runDigests(h.db, at('2026-03-29T06:29:00Z'));
    expect(await keys()).toEqual([]);
    await runDigests(h.db, at('2026-03-29T13:00:00Z'));
    expect(await keys()).toEqual(['2026-03-29']);
    // 07:30 is after the quiet hours (22:00-07:00) end: delivered at once. Quiet hours until 08:00 hold it.
    await runDigests(h.db, at('2026-03-30T06:30:00Z'));
    await updateMySettings(h.db, { id: doc.id, role: 'clinician' }, { quietStart: '05:00', quietEnd: '08:00' });
    await runDigests(h.db, at('2026-03-31T06:30:00Z'));
    await runDigests(h.db, at('2026-03-31T06:31:00Z'));
    const notices = await noticesOf(h.db, doc.id);
    expect(notices.map((n) => [n.dedupeKey.slice(-10), n.deliveries[0]?.notBefore])).toEqual([
      ['2026-03-29', null],
      ['2026-03-30', null],
      ['2026-03-31', '2026-03-31T07:00:00.000Z'],
    ]);
  });

  it('counts a decision due on a running plan whose step ends today', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const today = localDate('Europe/London', new Date());
    await patientWithPlan('Europe/London', addDays(today, -13), doc);
    expect(await digestCounts(h.db, doc.id)).toMatchObject({ decisionsDue: 1 });
  });
});
