// Daily check-ins against a real database: what is stored, the patient's local day, same-day corrections
// with their history, refused dates and inputs that store nothing, idempotent resends, red flags that raise
// an urgent alert in the same transaction, and the check-in page's data.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alerts, auditEvents, checkInRevisions, checkIns, checkInSubmissions } from '~/db/schema';
import * as audit from '~/server/audit';
import type { SessionUser } from '~/server/auth/session';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import { addToTeam, appFieldErrors, auditAbout, callerFor, checkInInput, httpCall, makePatient, makePlan, makeUser, patientRowCounts, planVersions, rejection, uniqueName } from '~/server/test/db';
import { getCheckInDay, submitCheckIn } from './service';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();
afterEach(() => {
  vi.restoreAllMocks();
});

const at = (iso: string) => new Date(iso);
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });

/** A patient in `timeZone` with a plan-editing prescriber (`doc`) and a nurse who may only read (`nurse`). */
async function patientIn(timeZone = 'Europe/London') {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Check'));
  const nurse = await makeUser(h.db, 'clinician', uniqueName('Nurse Check'));
  const p = await makePatient(h.db, doc, { timeZone });
  await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: false });
  return { doc, nurse, patient: p.user, patientId: p.patientId };
}

/** Everything stored for a patient's check-ins, alerts and audit trail: "nothing was stored" checks. */
async function stored(patientId: string) {
  return { rows: await patientRowCounts(h.db, patientId), audit: (await auditAbout(h.db, patientId)).length };
}

async function checkInRows(patientId: string) {
  return h.db.select().from(checkIns).where(eq(checkIns.patientId, patientId)).orderBy(asc(checkIns.localDate));
}

async function alertRows(patientId: string) {
  return h.db.select().from(alerts).where(eq(alerts.patientId, patientId)).orderBy(asc(alerts.code));
}

/** The running step's doses of the plan's latest version. */
async function stepOf(planId: string, index: number) {
  const step = (await planVersions(h.db, planId)).at(-1)?.steps[index];
  if (!step) throw new Error(`no step ${index}`);
  return step;
}

// 12:00 UTC on 10 March 2026 is already 01:00 on 11 March in Auckland (UTC+13 in March).
const NOON_UTC_10_MARCH = at('2026-03-10T12:00:00Z');

describe('a daily check-in', () => {
  it('stores the scores, the doses with what the running step planned for each time, and the red-flag answers', async () => {
    const { doc, patient, patientId } = await patientIn('Pacific/Auckland');
    const plan = await makePlan(h.db, doc, patient, 'active', { input: { startDate: '2026-03-01' }, now: NOON_UTC_10_MARCH });
    const step = await stepOf(plan.planId, 0);
    expect(step.dailyMg).toBe(25);
    const [first, second, third] = step.doses;
    if (!first || !second || !third) throw new Error('expected three dose times');

    const input = checkInInput(patientId, '2026-03-11', {
      doses: [
        { time: first.time, takenMg: first.mg, status: 'taken' },
        { time: second.time, takenMg: second.mg + 5, status: 'changed' },
        { time: third.time, takenMg: null, status: 'missed' },
        { time: '12:30', takenMg: 2.5, status: 'taken' },
      ],
      scores: { spasticity: 6, spasmFrequency: 2, sleepQuality: 4, pain: 5 },
      sleepHours: 5.5,
      redFlags: ['rigidity'],
      stressors: 'Work deadline',
      activity: 'Physio, 20 minutes walking',
      systolic: 128,
      diastolic: 82,
      heartRate: 74,
      notes: 'Tight in the evening.',
    });
    const result = await submitCheckIn(h.db, actorOf(patient), input, NOON_UTC_10_MARCH);
    expect(result).toMatchObject({ localDate: '2026-03-11', revision: 1, replayed: false, urgent: true, redFlags: [{ code: 'rigidity', kind: 'reported' }] });

    const [row, ...more] = await checkInRows(patientId);
    expect(more).toEqual([]);
    expect(row).toMatchObject({
      id: result.checkInId,
      localDate: '2026-03-11',
      planId: plan.planId,
      planVersion: plan.version,
      stepIndex: 0,
      spasticity: 6,
      spasmFrequency: 2,
      sleepQuality: 4,
      sleepHours: 5.5,
      restlessness: 2,
      pain: 5,
      redFlags: ['rigidity'],
      stressors: 'Work deadline',
      activity: 'Physio, 20 minutes walking',
      systolic: 128,
      diastolic: 82,
      heartRate: 74,
      phq2: null,
      notes: 'Tight in the evening.',
      revision: 1,
    });
    expect(row?.doses).toEqual([
      { time: first.time, plannedMg: first.mg, takenMg: first.mg, status: 'taken' },
      { time: second.time, plannedMg: second.mg, takenMg: second.mg + 5, status: 'changed' },
      { time: third.time, plannedMg: third.mg, takenMg: null, status: 'missed' },
      // A time the plan does not have: nothing was planned for it.
      { time: '12:30', plannedMg: null, takenMg: 2.5, status: 'taken' },
    ]);
    const events = await auditAbout(h.db, patientId);
    expect(events.filter((e) => e.action.startsWith('checkin.'))).toEqual([
      expect.objectContaining({ action: 'checkin.create', actorId: patient.id, entityType: 'check_in', entityId: result.checkInId }),
    ]);
  });

  it('takes the planned doses of the step the plan is on that day: after a step change, the new step’s', async () => {
    const { doc, patient, patientId } = await patientIn();
    const now = at('2026-03-16T09:00:00Z');
    const plan = await makePlan(h.db, doc, patient, 'active', { input: { startDate: '2026-03-01' }, now });
    const step = await stepOf(plan.planId, 1);
    expect([step.startDate, step.dailyMg]).toEqual(['2026-03-15', 20]);
    const doses = step.doses.map((d) => ({ time: d.time, takenMg: d.mg, status: 'taken' as const }));
    await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-16', { doses }), now);
    const [row] = await checkInRows(patientId);
    expect(row?.stepIndex).toBe(1);
    expect(row?.doses.map((d) => d.plannedMg)).toEqual(step.doses.map((d) => d.mg));
    expect(row?.doses.reduce((sum, d) => sum + (d.plannedMg ?? 0), 0)).toBe(20);
  });

  it('without a running plan, stores the doses with nothing planned', async () => {
    const { patient, patientId } = await patientIn();
    const now = at('2026-03-10T09:00:00Z');
    await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { doses: [{ time: '08:00', takenMg: 10, status: 'taken' }] }), now);
    const [row] = await checkInRows(patientId);
    expect(row).toMatchObject({ planId: null, planVersion: null, stepIndex: null, doses: [{ time: '08:00', plannedMg: null, takenMg: 10, status: 'taken' }] });
  });
});

describe('the patient’s local day', () => {
  it('is the date in the patient’s time zone (Auckland: already the 11th at noon UTC on the 10th)', async () => {
    const { patient, patientId } = await patientIn('Pacific/Auckland');
    expect(localDate('Europe/London', NOON_UTC_10_MARCH)).toBe('2026-03-10');
    const before = await stored(patientId);
    // The server's (UTC) date is the patient's yesterday: refused.
    const past = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10'), NOON_UTC_10_MARCH).catch((e: unknown) => e);
    expect(past).toMatchObject({ code: 'BAD_REQUEST', message: 'A check-in is for today (2026-03-11); earlier days cannot be changed.' });
    expect(await stored(patientId)).toEqual(before);
    const ok = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-11'), NOON_UTC_10_MARCH);
    expect(ok.localDate).toBe('2026-03-11');
    expect((await checkInRows(patientId)).map((r) => r.localDate)).toEqual(['2026-03-11']);
  });

  it('is the date in the patient’s time zone (Los Angeles: still the 9th at 05:00 UTC on the 10th)', async () => {
    const { patient, patientId } = await patientIn('America/Los_Angeles');
    const now = at('2026-03-10T05:00:00Z');
    const before = await stored(patientId);
    const future = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10'), now).catch((e: unknown) => e);
    expect(future).toMatchObject({ code: 'BAD_REQUEST', message: 'A check-in cannot be for a future day.', fieldErrors: { localDate: ['A check-in cannot be for a future day.'] } });
    expect(await stored(patientId)).toEqual(before);
    const ok = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-09'), now);
    expect(ok.localDate).toBe('2026-03-09');
    // An hour later it is the 10th there too: a new day, a new check-in.
    const next = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10'), at('2026-03-10T07:30:00Z'));
    expect(next.checkInId).not.toBe(ok.checkInId);
    expect((await checkInRows(patientId)).map((r) => [r.localDate, r.revision])).toEqual([['2026-03-09', 1], ['2026-03-10', 1]]);
  });

  it('refuses, through the API, a future day and a past day with BAD_REQUEST on localDate, and stores nothing', async () => {
    const { patient, patientId } = await patientIn('Pacific/Auckland');
    const today = localDate('Pacific/Auckland', new Date());
    const before = await stored(patientId);
    const future = await rejection(callerFor(h.db, patient).checkins.submit(checkInInput(patientId, addDays(today, 1))));
    expect(future.code).toBe('BAD_REQUEST');
    expect(future.message).toBe('A check-in cannot be for a future day.');
    expect(appFieldErrors(future)).toEqual({ localDate: ['A check-in cannot be for a future day.'] });
    const past = await rejection(callerFor(h.db, patient).checkins.submit(checkInInput(patientId, addDays(today, -3))));
    expect(past.code).toBe('BAD_REQUEST');
    expect(past.message).toBe(`A check-in is for today (${today}); earlier days cannot be changed.`);
    expect(await stored(patientId)).toEqual(before);
  });
});

describe('a same-day correction', () => {
  it('updates the day’s one check-in, bumps its revision, and keeps the earlier answers in check_in_revisions and the audit event', async () => {
    const { patient, patientId } = await patientIn('America/Los_Angeles');
    const now = at('2026-03-10T18:00:00Z');
    const first = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { scores: { spasticity: 4 }, notes: 'Morning entry' }), now);
    const second = await submitCheckIn(
      h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { scores: { spasticity: 6 }, sleepHours: 6, notes: 'Evening: tighter' }), at('2026-03-11T03:00:00Z'),
    );
    expect(second).toMatchObject({ checkInId: first.checkInId, revision: 2, replayed: false });
    const third = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { scores: { spasticity: 7 }, notes: 'Night' }), at('2026-03-11T06:00:00Z'));
    expect(third).toMatchObject({ checkInId: first.checkInId, revision: 3 });

    const rows = await checkInRows(patientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ spasticity: 7, notes: 'Night', revision: 3 });
    const revisions = await h.db.select().from(checkInRevisions).where(eq(checkInRevisions.checkInId, first.checkInId)).orderBy(asc(checkInRevisions.revision));
    expect(revisions.map((r) => [r.revision, r.patientId, r.replacedBy])).toEqual([[1, patientId, patient.id], [2, patientId, patient.id]]);
    expect(revisions[0]?.values).toMatchObject({ spasticity: 4, sleepHours: 7.5, notes: 'Morning entry', revision: 1, localDate: '2026-03-10' });
    expect(revisions[1]?.values).toMatchObject({ spasticity: 6, sleepHours: 6, notes: 'Evening: tighter', revision: 2 });

    const events = (await auditAbout(h.db, patientId)).filter((e) => e.action.startsWith('checkin.'));
    expect(events.map((e) => [e.action, e.actorId, e.entityId])).toEqual([
      ['checkin.create', patient.id, first.checkInId],
      ['checkin.correct', patient.id, first.checkInId],
      ['checkin.correct', patient.id, first.checkInId],
    ]);
    expect(events[1]?.before).toMatchObject({ spasticity: 4, notes: 'Morning entry', revision: 1 });
    expect(events[1]?.after).toMatchObject({ spasticity: 6, notes: 'Evening: tighter' });
    expect(events[2]?.before).toMatchObject({ spasticity: 6, notes: 'Evening: tighter', revision: 2 });
  });
});

describe('inputs that are not valid', () => {
  // [what, how the valid input is spoilt, the field's full path, the message it gets]. Errors are keyed by the
  // full path (for the form field) and by the top-level name (for the form section).
  const cases: [string, (valid: Record<string, unknown>) => Record<string, unknown>, string, string][] = [
    ['a score of 11', (v) => ({ ...v, scores: { spasticity: 11 } }), 'scores.spasticity', 'Choose 10 or less.'],
    ['a Penn spasm frequency of 5', (v) => ({ ...v, scores: { spasmFrequency: 5 } }), 'scores.spasmFrequency', 'Choose 4 or less.'],
    ['a fractional score', (v) => ({ ...v, scores: { pain: 4.5 } }), 'scores.pain', 'Choose a whole number.'],
    ['negative hours of sleep', (v) => ({ ...v, sleepHours: -1 }), 'sleepHours', 'Choose 0 or more.'],
    ['a dose written as a string', (v) => ({ ...v, doses: [{ time: '08:00', takenMg: '10', status: 'taken' }] }), 'doses.0.takenMg', 'Enter the dose in mg.'],
    [
      'a missed dose with an amount',
      (v) => ({ ...v, doses: [{ time: '08:00', takenMg: 5, status: 'taken' }, { time: '14:00', takenMg: 10, status: 'missed' }] }),
      'doses.1.takenMg',
      'A missed dose has no amount; a taken dose needs one.',
    ],
    ['a taken dose without an amount', (v) => ({ ...v, doses: [{ time: '08:00', takenMg: null, status: 'taken' }] }), 'doses.0.takenMg', 'A missed dose has no amount; a taken dose needs one.'],
    ['a dose time that is not HH:MM', (v) => ({ ...v, doses: [{ time: '8am', takenMg: 10, status: 'taken' }] }), 'doses.0.time', 'Write the time as HH:MM.'],
    ['an unknown score', (v) => ({ ...v, scores: { happiness: 9 } }), 'scores', 'Unrecognized key: "happiness"'],
    ['an unknown red flag', (v) => ({ ...v, redFlags: ['sneezing'] }), 'redFlags.0', 'Invalid option: expected one of'],
    ['a date that is not a date', (v) => ({ ...v, localDate: '10/03/2026' }), 'localDate', 'The date is written as YYYY-MM-DD.'],
  ];

  it.each(cases)('%s: BAD_REQUEST with a message on its field (%s), nothing stored', async (_label, make, path, message) => {
    const { patient, patientId } = await patientIn();
    const valid = { patientId, idempotencyKey: randomUUID(), localDate: localDate('Europe/London', new Date()), doses: [] };
    const before = await stored(patientId);
    const res = await httpCall(h.db, patient, 'checkins.submit', make(valid));
    expect(res.status).toBe(400);
    expect(res.error?.data.code).toBe('BAD_REQUEST');
    const fieldErrors = res.error?.data.fieldErrors ?? {};
    const section = path.split('.')[0] ?? path;
    expect(Object.keys(fieldErrors).sort()).toEqual([...new Set([section, path])].sort());
    for (const key of [section, path]) expect([key, fieldErrors[key]?.some((m) => m.startsWith(message))]).toEqual([key, true]);
    expect(await stored(patientId)).toEqual(before);
  });

  it('an unknown field: BAD_REQUEST naming it, nothing stored', async () => {
    const { patient, patientId } = await patientIn();
    const before = await stored(patientId);
    const res = await httpCall(h.db, patient, 'checkins.submit', {
      patientId, idempotencyKey: randomUUID(), localDate: localDate('Europe/London', new Date()), doses: [], feelingGreat: true,
    });
    expect(res.status).toBe(400);
    expect(res.error?.message).toBe('Unrecognized key: "feelingGreat"');
    expect(await stored(patientId)).toEqual(before);
  });

  it('a minimal check-in (only the required fields) is accepted, with the rest left blank', async () => {
    const { patient, patientId } = await patientIn();
    const res = await httpCall(h.db, patient, 'checkins.submit', { patientId, idempotencyKey: randomUUID(), localDate: localDate('Europe/London', new Date()), doses: [] });
    expect(res.status).toBe(200);
    const [row] = await checkInRows(patientId);
    expect(row).toMatchObject({ spasticity: null, sleepHours: null, redFlags: [], notes: '', phq2: null });
  });
});

describe('resending (idempotency)', () => {
  it('returns the first result for the same key and the same answers, marked replayed, and stores nothing more', async () => {
    const { patient, patientId } = await patientIn();
    const now = at('2026-03-10T09:00:00Z');
    const input = checkInInput(patientId, '2026-03-10', { redFlags: ['confusion'] });
    const first = await submitCheckIn(h.db, actorOf(patient), input, now);
    const after = await stored(patientId);
    const again = await submitCheckIn(h.db, actorOf(patient), { ...input }, at('2026-03-10T09:05:00Z'));
    expect(again).toEqual({ ...first, replayed: true });
    expect(await stored(patientId)).toEqual(after);
    expect(after.rows).toMatchObject({ checkIns: 1, checkInSubmissions: 1, checkInRevisions: 0, alerts: 1 });
  });

  it('refuses the same key with different answers with CONFLICT, and stores nothing', async () => {
    const { patient, patientId } = await patientIn();
    const now = at('2026-03-10T09:00:00Z');
    const input = checkInInput(patientId, '2026-03-10', { scores: { spasticity: 3 } });
    await submitCheckIn(h.db, actorOf(patient), input, now);
    const after = await stored(patientId);
    const changed = await submitCheckIn(h.db, actorOf(patient), { ...input, scores: { ...input.scores, spasticity: 9 } }, now).catch((e: unknown) => e);
    expect(changed).toMatchObject({ code: 'CONFLICT', message: 'This check-in was already sent with different answers. Reload the page and send it again.' });
    expect(await stored(patientId)).toEqual(after);
    expect((await checkInRows(patientId))[0]).toMatchObject({ spasticity: 3, revision: 1 });
  });

  it('makes exactly one check-in from 20 concurrent resends of the same call, and every answer names it', async () => {
    const { patient, patientId } = await patientIn();
    const input = checkInInput(patientId, localDate('Europe/London', new Date()), { redFlags: ['high-fever'], notes: 'Sent from a train' });
    const api = callerFor(h.db, patient).checkins;
    const results = await Promise.all(Array.from({ length: 20 }, () => api.submit(input)));
    const rows = await checkInRows(patientId);
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.checkInId))).toEqual(new Set([rows[0]?.id]));
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(results.every((r) => r.revision === 1 && r.urgent)).toBe(true);
    const submissions = await h.db.select().from(checkInSubmissions).where(eq(checkInSubmissions.patientId, patientId));
    expect(submissions.map((s) => [s.idempotencyKey, s.checkInId])).toEqual([[input.idempotencyKey, rows[0]?.id]]);
    expect(await patientRowCounts(h.db, patientId)).toMatchObject({ checkIns: 1, checkInRevisions: 0, checkInSubmissions: 1, alerts: 1 });
    const events = (await auditAbout(h.db, patientId)).map((e) => e.action).filter((a) => a.startsWith('checkin.') || a.startsWith('alert.'));
    expect(events).toEqual(['checkin.create', 'alert.raise']);
  });

  it('keeps one check-in for the day when two different submissions (two tabs) arrive at once: one creates it, the other corrects it', async () => {
    const { patient, patientId } = await patientIn();
    const today = localDate('Europe/London', new Date());
    const api = callerFor(h.db, patient).checkins;
    const results = await Promise.all([
      api.submit(checkInInput(patientId, today, { notes: 'From the phone' })),
      api.submit(checkInInput(patientId, today, { notes: 'From the tablet' })),
    ]);
    const rows = await checkInRows(patientId);
    expect(rows).toHaveLength(1);
    expect(results.map((r) => r.checkInId)).toEqual([rows[0]?.id, rows[0]?.id]);
    expect(results.map((r) => r.revision).sort()).toEqual([1, 2]);
    expect(rows[0]?.revision).toBe(2);
    expect(await patientRowCounts(h.db, patientId)).toMatchObject({ checkIns: 1, checkInRevisions: 1, checkInSubmissions: 2 });
  });
});

describe('red flags', () => {
  it('a reported hallucination saves the check-in and raises an urgent red-flag alert in the same transaction', async () => {
    const { patient, patientId } = await patientIn();
    const now = at('2026-03-10T09:00:00Z');
    const result = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { redFlags: ['hallucinations'] }), now);
    expect(result).toMatchObject({ urgent: true, redFlags: [{ code: 'hallucinations', kind: 'reported' }], alertsRaised: 1, replayed: false });
    const [row] = await checkInRows(patientId);
    const [alert, ...others] = await alertRows(patientId);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      kind: 'red-flag', severity: 'urgent', code: 'hallucinations', checkInId: result.checkInId, acknowledgedAt: null,
      evidence: [{ date: '2026-03-10', value: true, measure: 'reported' }],
    });
    // One transaction: the database's now() is the transaction's start, so both rows carry the same instant.
    expect(alert?.createdAt.getTime()).toBe(row?.createdAt.getTime());
    const [raised] = await h.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'alert.raise')));
    // Raised by the system, not by the patient.
    expect(raised).toMatchObject({ actorId: null, requestId: null, entityType: 'alert', entityId: alert?.id, after: { kind: 'red-flag', severity: 'urgent', code: 'hallucinations' } });
    expect(raised?.createdAt.getTime()).toBe(row?.createdAt.getTime());
  });

  it('is not raised twice by a resend or a correction the same day; a newly reported flag raises its own', async () => {
    const { patient, patientId } = await patientIn();
    const now = at('2026-03-10T09:00:00Z');
    const input = checkInInput(patientId, '2026-03-10', { redFlags: ['hallucinations'] });
    await submitCheckIn(h.db, actorOf(patient), input, now);
    const resent = await submitCheckIn(h.db, actorOf(patient), input, now);
    expect(resent.replayed).toBe(true);
    const corrected = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { redFlags: ['hallucinations'], notes: 'Still seeing things' }), now);
    expect(corrected).toMatchObject({ revision: 2, urgent: true, alertsRaised: 0, redFlags: [{ code: 'hallucinations', kind: 'reported' }] });
    expect((await alertRows(patientId)).map((a) => a.code)).toEqual(['hallucinations']);
    const more = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10', { redFlags: ['hallucinations', 'seizure'] }), now);
    expect(more).toMatchObject({ revision: 3, alertsRaised: 1 });
    expect((await alertRows(patientId)).map((a) => [a.code, a.severity])).toEqual([['hallucinations', 'urgent'], ['seizure', 'urgent']]);
    // The next day the same answer is news again.
    const nextDay = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-11', { redFlags: ['hallucinations'] }), at('2026-03-11T09:00:00Z'));
    expect(nextDay.alertsRaised).toBe(1);
    const raised = (await auditAbout(h.db, patientId)).filter((e) => e.action === 'alert.raise');
    expect(raised).toHaveLength(3);
  });

  it('a calm check-in is not urgent and raises nothing', async () => {
    const { patient, patientId } = await patientIn();
    const result = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-10'), at('2026-03-10T09:00:00Z'));
    expect(result).toMatchObject({ urgent: false, redFlags: [], alertsRaised: 0 });
    expect(await alertRows(patientId)).toEqual([]);
  });

  it('a pattern over three days (rising pain up to 8) is urgent too, with the days as evidence', async () => {
    const { patient, patientId } = await patientIn();
    const days: [string, number][] = [['2026-03-08', 4], ['2026-03-09', 6], ['2026-03-10', 8]];
    let last: Awaited<ReturnType<typeof submitCheckIn>> | undefined;
    for (const [day, pain] of days) {
      last = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, day, { scores: { pain } }), at(`${day}T09:00:00Z`));
    }
    expect(last).toMatchObject({ urgent: true, redFlags: [{ code: 'escalating-pain', kind: 'pattern' }], alertsRaised: 1 });
    expect((await alertRows(patientId)).map((a) => [a.kind, a.severity, a.code, a.evidence])).toEqual([
      ['red-flag', 'urgent', 'escalating-pain', days.map(([date, value]) => ({ date, value, measure: 'pain' }))],
    ]);
  });

  it('a systolic pressure of 190 entered through the API is urgent and raises an urgent alert in the same request', async () => {
    const { patient, patientId } = await patientIn();
    const today = localDate('Europe/London', new Date());
    const result = await callerFor(h.db, patient).checkins.submit(checkInInput(patientId, today, { systolic: 190, diastolic: 100, heartRate: 88 }));
    expect(result).toMatchObject({ urgent: true, redFlags: [{ code: 'high-systolic', kind: 'vital' }], alertsRaised: 1, replayed: false });
    expect((await alertRows(patientId)).map((a) => [a.kind, a.severity, a.code, a.checkInId, a.evidence])).toEqual([
      ['red-flag', 'urgent', 'high-systolic', result.checkInId, [{ date: today, value: 190, measure: 'systolic' }]],
    ]);
  });

  it('one missed day inside a rising run does not hide it', async () => {
    const { patient, patientId } = await patientIn();
    const days: [string, number][] = [['2026-03-07', 5], ['2026-03-09', 6], ['2026-03-10', 8]];
    let last: Awaited<ReturnType<typeof submitCheckIn>> | undefined;
    for (const [day, pain] of days) {
      last = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, day, { scores: { pain } }), at(`${day}T09:00:00Z`));
    }
    expect(last).toMatchObject({ urgent: true, redFlags: [{ code: 'escalating-pain', kind: 'pattern' }], alertsRaised: 1 });
  });
});

describe('atomicity', () => {
  it('when raising the alert fails after the check-in was written, nothing is kept: no check-in, no alert, no submission, no audit event', async () => {
    const { patient, patientId } = await patientIn();
    const now = at('2026-03-10T09:00:00Z');
    const input = checkInInput(patientId, '2026-03-10', { redFlags: ['seizure'] });
    const before = await stored(patientId);
    const realWriteAudit = audit.writeAudit;
    const spy = vi.spyOn(audit, 'writeAudit').mockImplementation(async (tx, actor, event) => {
      if (event.action === 'alert.raise') throw new Error('the audit store failed');
      return realWriteAudit(tx, actor, event);
    });
    await expect(submitCheckIn(h.db, actorOf(patient), input, now)).rejects.toThrow('the audit store failed');
    // The failure came after the check-in insert and its own audit event.
    expect(spy.mock.calls.map(([, , event]) => event.action)).toEqual(['checkin.create', 'alert.raise']);
    expect(await stored(patientId)).toEqual(before);
    expect(before.rows).toMatchObject({ checkIns: 0, alerts: 0, checkInSubmissions: 0 });

    // The key was not used up: the same submission, sent again once things work, goes through.
    spy.mockRestore();
    const retried = await submitCheckIn(h.db, actorOf(patient), input, now);
    expect(retried).toMatchObject({ replayed: false, urgent: true, alertsRaised: 1 });
    expect(await patientRowCounts(h.db, patientId)).toMatchObject({ checkIns: 1, alerts: 1, checkInSubmissions: 1 });
  });
});

describe('who may submit and read', () => {
  it('refuses a clinician submitting for the patient, even a plan editor, with FORBIDDEN; nothing stored', async () => {
    const { doc, nurse, patientId } = await patientIn();
    const before = await stored(patientId);
    for (const who of [doc, nurse]) {
      const error = await rejection(callerFor(h.db, who).checkins.submit(checkInInput(patientId, localDate('Europe/London', new Date()))));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('Only the patient can do this.');
      const day = await rejection(callerFor(h.db, who).checkins.day({ patientId }));
      expect(day.code).toBe('FORBIDDEN');
    }
    expect(await stored(patientId)).toEqual(before);
  });

  it('lets the patient and the care team list the check-ins, newest first; nobody else', async () => {
    const { doc, nurse, patient, patientId } = await patientIn();
    const today = localDate('Europe/London', new Date());
    const { checkInId } = await callerFor(h.db, patient).checkins.submit(checkInInput(patientId, today, { notes: 'Listed' }));
    for (const who of [patient, doc, nurse]) {
      const list = await callerFor(h.db, who).checkins.list({ patientId, days: 7 });
      expect(list.map((c) => [c.id, c.notes])).toEqual([[checkInId, 'Listed']]);
    }
    const stranger = await makeUser(h.db, 'clinician');
    expect((await rejection(callerFor(h.db, stranger).checkins.list({ patientId }))).code).toBe('FORBIDDEN');
  });
});

describe('the check-in page’s day (checkins.day)', () => {
  it('shows the planned doses of the running step, today’s check-in once sent, and the weekly screeners until a PHQ-2 is answered', async () => {
    const { doc, patient, patientId } = await patientIn('Pacific/Auckland');
    const plan = await makePlan(h.db, doc, patient, 'active', { input: { startDate: '2026-03-01' }, now: NOON_UTC_10_MARCH });
    const step = await stepOf(plan.planId, 0);

    const fresh = await getCheckInDay(h.db, patientId, NOON_UTC_10_MARCH);
    expect(fresh).toEqual({
      today: '2026-03-11',
      plannedDoses: step.doses.map((d) => ({ time: d.time, mg: d.mg, take: d.take })),
      planStatus: 'active',
      existing: null,
      screenersDue: true,
    });
    expect(fresh.plannedDoses.reduce((sum, d) => sum + d.mg, 0)).toBe(25);

    const sent = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-11', { notes: 'No screeners today' }), NOON_UTC_10_MARCH);
    const afterSubmit = await getCheckInDay(h.db, patientId, NOON_UTC_10_MARCH);
    expect(afterSubmit.existing).toMatchObject({ id: sent.checkInId, localDate: '2026-03-11', notes: 'No screeners today', revision: 1 });
    expect(afterSubmit.screenersDue).toBe(true);

    // PHQ-2 answered on the 12th (Auckland): not due again until seven days later.
    const answeredAt = at('2026-03-11T21:00:00Z');
    await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-12', { phq2: [1, 2], gad2: [0, 1] }), answeredAt);
    expect((await getCheckInDay(h.db, patientId, answeredAt)).screenersDue).toBe(false);
    for (let d = 1; d <= 6; d++) {
      const later = new Date(answeredAt.getTime() + d * 86_400_000);
      expect([d, (await getCheckInDay(h.db, patientId, later)).screenersDue]).toEqual([d, false]);
    }
    const week = await getCheckInDay(h.db, patientId, new Date(answeredAt.getTime() + 7 * 86_400_000));
    expect(week).toMatchObject({ today: '2026-03-19', screenersDue: true, existing: null });
  });

  it('holds the planned doses of the step a paused plan was paused on', async () => {
    const { doc, patient, patientId } = await patientIn();
    const plan = await makePlan(h.db, doc, patient, 'paused', { input: { startDate: '2026-03-01' }, now: at('2026-03-10T09:00:00Z') });
    const step0 = await stepOf(plan.planId, 0);
    const day = await getCheckInDay(h.db, patientId, at('2026-03-25T09:00:00Z'));
    expect(day).toMatchObject({ today: '2026-03-25', planStatus: 'paused' });
    expect(day.plannedDoses.map((d) => d.mg)).toEqual(step0.doses.map((d) => d.mg));
  });

  it('through the API, answers the patient with their own today', async () => {
    const { patient, patientId } = await patientIn('Pacific/Auckland');
    const day = await callerFor(h.db, patient).checkins.day({ patientId });
    expect(day).toMatchObject({ today: localDate('Pacific/Auckland', new Date()), plannedDoses: [], planStatus: null, existing: null, screenersDue: true });
  });
});
