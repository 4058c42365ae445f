import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { alertEvaluations, alerts, notificationDeliveries, notifications } from '~/db/schema';
import { getCriteria, updateCriteria } from '~/server/criteria/service';
import { submitCheckIn } from '~/server/checkins/service';
import { addDays } from '~/lib/dates';
import { callerFor, checkInInput, makePatient, makePlan, makeUser, openTestDb } from '~/server/test/db';
import { raiseMissedCheckInAlerts } from './missed';

let h: DbHandle;
beforeAll(async () => { h = await openTestDb(); });
afterAll(async () => { await h.close(); });

const at = (iso: string) => new Date(`${iso}T12:00:00Z`);

/** Removes a patient's alerts (with the notices they caused), so that raising one again can be seen. */
async function deleteAlertsOf(patientId: string) {
  const notices = h.db.select({ id: notifications.id }).from(notifications).where(eq(notifications.patientId, patientId));
  await h.db.delete(notificationDeliveries).where(inArray(notificationDeliveries.notificationId, notices));
  await h.db.delete(notifications).where(eq(notifications.patientId, patientId));
  await h.db.delete(alerts).where(eq(alerts.patientId, patientId));
}

async function missedAlerts(patientId: string) {
  return h.db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.kind, 'missed-check-in')));
}

describe('missed check-in alerts', () => {
  it('raise one info alert per gap of 3 days without a check-in, never twice, and a new one for a new gap', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc, { timeZone: 'UTC' });
    await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-03-01' }, now: at('2026-03-01') });

    // Two days in: not yet three missed days.
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-03-02'))).toBe(0);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-03-03'))).toBe(1);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-03-04'))).toBe(0);
    const [first] = await missedAlerts(p.patientId);
    expect(first).toMatchObject({ severity: 'info', code: 'default-no-checkin-notify', dedupeKey: 'missed:default-no-checkin-notify:never' });

    // The patient checks in on the 5th, then misses three days again: a second alert.
    await submitCheckIn(h.db, { id: p.patientId, role: 'patient' }, checkInInput(p.patientId, '2026-03-05'), at('2026-03-05'));
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-03-07'))).toBe(0);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-03-08'))).toBe(1);
    expect((await missedAlerts(p.patientId)).map((a) => a.dedupeKey).sort()).toEqual([
      'missed:default-no-checkin-notify:2026-03-05',
      'missed:default-no-checkin-notify:never',
    ]);
  });

  it('do not count days before the taper started, or patients without a running plan', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const starting = await makePatient(h.db, doc, { timeZone: 'UTC' });
    await makePlan(h.db, doc, starting.user, 'active', { input: { startDate: '2026-04-10' }, now: at('2026-04-08') });
    expect(await raiseMissedCheckInAlerts(h.db, [starting.patientId], at('2026-04-11'))).toBe(0);
    const planless = await makePatient(h.db, doc, { timeZone: 'UTC' });
    expect(await raiseMissedCheckInAlerts(h.db, [planless.patientId], at('2026-04-20'))).toBe(0);
    expect(await missedAlerts(starting.patientId)).toHaveLength(0);
  });

  it('are not raised by opening the triage list, which shows the missed check-in from the check-ins; once raised, it shows the alert too', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc, { timeZone: 'UTC' });
    const today = new Date().toISOString().slice(0, 10);
    await makePlan(h.db, doc, p.user, 'active', { input: { startDate: addDays(today, -5) } });
    const row = async () => (await callerFor(h.db, doc).triage.list()).find((r) => r.patientId === p.patientId);
    expect(await row()).toMatchObject({ info: 0, reason: 'missed-check-in', lastCheckIn: null, daysSinceCheckIn: null });
    expect(await missedAlerts(p.patientId)).toHaveLength(0);
    expect(await h.db.select().from(alertEvaluations).where(eq(alertEvaluations.patientId, p.patientId))).toEqual([]);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId])).toBe(1);
    expect(await row()).toMatchObject({ info: 1, reason: 'missed-check-in' });
  });

  it('evaluate a plan once per local day: later sweeps that day skip it, a new day or new criteria evaluate again', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc, { timeZone: 'UTC' });
    const plan = await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-05-01' }, now: at('2026-05-01') });
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-05-03'))).toBe(1);
    const [evaluated] = await h.db.select().from(alertEvaluations).where(eq(alertEvaluations.patientId, p.patientId));
    expect(evaluated).toMatchObject({ planId: plan.planId, kind: 'missed-check-in', evaluatedOn: '2026-05-03', basis: `${plan.version}:1` });

    // Were the plan evaluated again, the removed alert would come back (same gap, same key): it does not.
    await deleteAlertsOf(p.patientId);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], new Date('2026-05-03T23:00:00Z'))).toBe(0);
    expect(await missedAlerts(p.patientId)).toHaveLength(0);

    // New criteria the same day: evaluated again.
    const criteria = await getCriteria(h.db, p.patientId, plan.planId);
    await updateCriteria(h.db, doc, { patientId: p.patientId, planId: plan.planId, expectedVersion: criteria.version, criteria: criteria.criteria, reason: 'Same rules, new version' });
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-05-03'))).toBe(1);

    // And the next day too.
    await deleteAlertsOf(p.patientId);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], at('2026-05-04'))).toBe(1);
  });

  it('evaluate a sweep larger than a batch one batch at a time, every plan raised and recorded once', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const p = await makePatient(h.db, doc, { timeZone: 'UTC' });
      await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-07-01' }, now: at('2026-07-01') });
      ids.push(p.patientId);
    }
    expect(await raiseMissedCheckInAlerts(h.db, ids, at('2026-07-03'), 2)).toBe(5);
    for (const id of ids) expect(await missedAlerts(id)).toHaveLength(1);
    expect((await h.db.select().from(alertEvaluations).where(inArray(alertEvaluations.patientId, ids))).map((e) => e.evaluatedOn)).toEqual(Array(5).fill('2026-07-03'));
    expect(await raiseMissedCheckInAlerts(h.db, ids, at('2026-07-03'), 2)).toBe(0);
  });

  it("take the patient's own day: a sweep just after their midnight evaluates again", async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc, { timeZone: 'Pacific/Auckland' });
    await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-06-01' }, now: new Date('2026-05-31T12:00:00Z') });
    // 2026-06-03 10:00 UTC is 22:00 on the 3rd in Auckland (UTC+12): the third day without a check-in.
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], new Date('2026-06-03T10:00:00Z'))).toBe(1);
    await deleteAlertsOf(p.patientId);
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], new Date('2026-06-03T11:30:00Z'))).toBe(0);
    // 12:30 UTC is 00:30 on the 4th there: a new day for the patient, though still the 3rd in UTC.
    expect(await raiseMissedCheckInAlerts(h.db, [p.patientId], new Date('2026-06-03T12:30:00Z'))).toBe(1);
  });
});
