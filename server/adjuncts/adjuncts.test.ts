// Adjunct therapies through the API on a real database: rescue-medication limits, alerts, access, concurrency.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { adjunctTherapies, alerts, auditEvents } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/dates';
import {
  addToTeam, auditAbout, callerFor, httpCall, makePatient, makePlan, makeUser, openTestDb, rejection,
} from '~/server/test/db';
import { raiseRescueMedicationAlerts } from './alerts';

let h: DbHandle;
beforeAll(async () => { h = await openTestDb(); });
afterAll(async () => { await h.close(); });

const today = () => localDate('UTC', new Date());
/** Noon UTC on `days` after today: the patients here live in UTC. */
const daysLater = (days: number) => new Date(`${addDays(today(), days)}T12:00:00Z`);

async function world(status: 'draft' | 'active' = 'active') {
  const doc = await makeUser(h.db, 'clinician');
  const p = await makePatient(h.db, doc, { timeZone: 'UTC' });
  const plan = await makePlan(h.db, doc, p.user, status);
  return { doc, patient: p.user, patientId: p.patientId, planId: plan.planId, plan };
}

const rescue = (patientId: string, planId: string, over: Record<string, unknown> = {}) => ({
  patientId, planId, kind: 'rescue-medication' as const, name: 'Diazepam 2 mg at night', notes: 'For nights with spasms',
  startedOn: today(), maxDays: 5, stopCriteria: 'Stop when night spasms are 2 or less for 2 nights', followUpOn: addDays(today(), 6), ...over,
});

async function rowsOf(patientId: string) {
  return h.db.select().from(adjunctTherapies).where(eq(adjunctTherapies.patientId, patientId));
}
async function rescueAlerts(patientId: string) {
  return h.db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.kind, 'rescue-medication')));
}
async function auditCount(patientId: string) {
  const [row] = await h.db.select({ n: count() }).from(auditEvents).where(eq(auditEvents.patientId, patientId));
  return row?.n ?? 0;
}

describe('adding and listing supports', () => {
  it('lets a plan editor add physiotherapy and a rescue medication; the patient and a read-only member list them with the days used', async () => {
    const w = await world();
    const reader = await makeUser(h.db, 'clinician');
    await addToTeam(h.db, w.doc, w.patientId, reader, { mayEditPlan: false });
    const api = callerFor(h.db, w.doc);
    const physio = await api.adjuncts.add({ patientId: w.patientId, planId: w.planId, kind: 'physiotherapy', name: '', notes: 'Weekly with Sam', startedOn: today() });
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId, { startedOn: addDays(today(), -2) }));
    expect(physio.version).toBe(1);

    for (const who of [w.patient, reader]) {
      const list = await callerFor(h.db, who).adjuncts.list({ patientId: w.patientId, planId: w.planId });
      expect(list.today).toBe(today());
      // Rescue medication leads the supports in use.
      expect(list.adjuncts.map((a) => a.id)).toEqual([med.id, physio.id]);
      expect(list.adjuncts[0]).toMatchObject({
        kind: 'rescue-medication', maxDays: 5, stopped: false,
        rescue: { daysUsed: 3, daysLeft: 2, lastAllowedDay: addDays(today(), 2), pastMaxDays: false, pastFollowUp: false, alerts: [] },
      });
      expect(list.adjuncts[1]).toMatchObject({ kind: 'physiotherapy', notes: 'Weekly with Sam', rescue: null, maxDays: null, followUpOn: null });
    }
    const audit = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'adjunct.add');
    expect(audit.map((e) => e.entityId)).toEqual([physio.id, med.id]);
    // The audit keeps the facts, not the free text.
    expect(JSON.stringify(audit[1]?.after)).not.toContain('Diazepam');
    expect(audit[1]?.after).toMatchObject({ kind: 'rescue-medication', maxDays: 5, followUpOn: addDays(today(), 6) });
  });

  it('keeps stopped supports as history after those in use, with the stop date and reason', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const massage = await api.adjuncts.add({ patientId: w.patientId, planId: w.planId, kind: 'massage', startedOn: addDays(today(), -10) });
    const tens = await api.adjuncts.add({ patientId: w.patientId, planId: w.planId, kind: 'tens', startedOn: addDays(today(), -3) });
    await api.adjuncts.stop({ patientId: w.patientId, adjunctId: massage.id, expectedVersion: 1, stoppedOn: addDays(today(), -1), reason: 'Finished the course' });
    const list = await callerFor(h.db, w.patient).adjuncts.list({ patientId: w.patientId, planId: w.planId });
    expect(list.adjuncts.map((a) => [a.id, a.stopped])).toEqual([[tens.id, false], [massage.id, true]]);
    expect(list.adjuncts[1]).toMatchObject({ stoppedOn: addDays(today(), -1), stopReason: 'Finished the course', version: 2 });
    const [event] = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'adjunct.stop');
    expect(event).toMatchObject({ actorId: w.doc.id, entityId: massage.id, before: expect.objectContaining({ stoppedOn: null }), after: expect.objectContaining({ stoppedOn: addDays(today(), -1), reason: 'Finished the course' }) });
  });
});

describe('rescue medication limits are validated: BAD_REQUEST with a message on the field, no rows, no audit', () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ['no maximum days', { maxDays: null }, 'maxDays', /needs a maximum number of days/],
    ['maximum days missing entirely', { maxDays: undefined }, 'maxDays', /needs a maximum number of days/],
    ['zero maximum days', { maxDays: 0 }, 'maxDays', /at least 1 day/],
    ['a huge maximum', { maxDays: 400 }, 'maxDays', /short course: at most 30 days/],
    ['31 days', { maxDays: 31 }, 'maxDays', /at most 30 days/],
    ['a fraction of a day', { maxDays: 2.5 }, 'maxDays', /whole number/],
    ['no stop criteria', { stopCriteria: null }, 'stopCriteria', /Say when the rescue medication stops/],
    ['blank stop criteria', { stopCriteria: '   ' }, 'stopCriteria', /Say when the rescue medication stops/],
    ['no follow-up', { followUpOn: null }, 'followUpOn', /needs a follow-up date/],
    ['a follow-up before the start', { followUpOn: addDays(today(), -1) }, 'followUpOn', /cannot be before the start date/],
    ['a follow-up long after the course', { followUpOn: addDays(today(), 19) }, 'followUpOn', /no later than 14 days after the course’s last day/],
    ['no medicine named', { name: '' }, 'name', /Name the medicine and its dose/],
    ['a start date that does not exist', { startedOn: '2026-02-30' }, 'startedOn', /Enter the start date/],
    ['a malformed follow-up date', { followUpOn: '1st of May' }, 'followUpOn', /Enter the follow-up date/],
  ];

  it.each(cases)('%s', async (_label, over, field, message) => {
    const w = await world();
    const before = await auditCount(w.patientId);
    const res = await httpCall(h.db, w.doc, 'adjuncts.add', rescue(w.patientId, w.planId, over));
    expect(res.status).toBe(400);
    expect(res.error?.data.code).toBe('BAD_REQUEST');
    expect(res.error?.data.fieldErrors?.[field]?.join(' ')).toMatch(message);
    expect(await rowsOf(w.patientId)).toEqual([]);
    expect(await auditCount(w.patientId)).toBe(before);
  });

  it('names the latest follow-up date in the reader’s language, on the field', async () => {
    const w = await world();
    const late = rescue(w.patientId, w.planId, { followUpOn: addDays(today(), 19) });
    const es = await httpCall(h.db, { ...w.doc, locale: 'es' }, 'adjuncts.add', late);
    const en = await httpCall(h.db, { ...w.doc, locale: 'en' }, 'adjuncts.add', late);
    const latest = addDays(today(), 18);
    expect([es.status, es.error?.message, es.error?.data.fieldErrors?.followUpOn]).toEqual([
      400, 'Hay campos que necesitan su atención.', [`Fije el seguimiento como muy tarde 14 días después del último día del tratamiento (${latest}).`],
    ]);
    expect([en.status, en.error?.message, en.error?.data.fieldErrors?.followUpOn]).toEqual([
      400, 'Some fields need attention.', [`Set the follow-up no later than 14 days after the course’s last day (${latest}).`],
    ]);
    expect(await rowsOf(w.patientId)).toEqual([]);
  });

  it('accepts the follow-up on the last day it may fall (14 days after the course’s last day)', async () => {
    const w = await world();
    await callerFor(h.db, w.doc).adjuncts.add(rescue(w.patientId, w.planId, { followUpOn: addDays(today(), 18) }));
    expect(await rowsOf(w.patientId)).toHaveLength(1);
  });

  it('asks a name of “other”, and refuses rescue limits on other kinds', async () => {
    const w = await world();
    const other = await httpCall(h.db, w.doc, 'adjuncts.add', { patientId: w.patientId, planId: w.planId, kind: 'other', name: ' ', startedOn: today() });
    expect(other.error?.data.fieldErrors?.name).toEqual(['Name the support (for example “Hydrotherapy”).']);
    const physio = await httpCall(h.db, w.doc, 'adjuncts.add', { patientId: w.patientId, planId: w.planId, kind: 'physiotherapy', startedOn: today(), maxDays: 5 });
    expect(physio.error?.data.fieldErrors?.maxDays).toEqual(['Only rescue medication has a maximum number of days.']);
    expect(await rowsOf(w.patientId)).toEqual([]);
  });

  it('refuses a start date more than a year from today on the field', async () => {
    const w = await world();
    const error = await rejection(callerFor(h.db, w.doc).adjuncts.add(rescue(w.patientId, w.planId, { startedOn: addDays(today(), -400), followUpOn: addDays(today(), -398) })));
    expect(error.code).toBe('BAD_REQUEST');
    expect(await rowsOf(w.patientId)).toEqual([]);
  });

  it('validates limits on update too, and changes nothing', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId));
    const before = await auditCount(w.patientId);
    const { patientId, kind, name, notes, startedOn, stopCriteria, followUpOn } = rescue(w.patientId, w.planId);
    const res = await httpCall(h.db, w.doc, 'adjuncts.update', { patientId, adjunctId: med.id, expectedVersion: 1, kind, name, notes, startedOn, stopCriteria, followUpOn, maxDays: 0 });
    expect(res.error?.data.fieldErrors?.maxDays).toEqual(['Rescue medication needs a maximum of at least 1 day.']);
    expect((await rowsOf(w.patientId))[0]).toMatchObject({ maxDays: 5, version: 1 });
    expect(await auditCount(w.patientId)).toBe(before);
  });

  it('has the database refuse rescue medication without limits even if a caller got past the API', async () => {
    const w = await world();
    await expect(
      h.db.insert(adjunctTherapies).values({ patientId: w.patientId, planId: w.planId, kind: 'rescue-medication', name: 'Baclofen top-up', startedOn: today(), createdBy: w.doc.id }),
    ).rejects.toThrow();
    await expect(
      h.db.insert(adjunctTherapies).values({ patientId: w.patientId, planId: w.planId, kind: 'rescue-medication', name: 'X', startedOn: today(), maxDays: 0, stopCriteria: 'x', followUpOn: today(), createdBy: w.doc.id }),
    ).rejects.toThrow();
    expect(await rowsOf(w.patientId)).toEqual([]);
  });
});

describe('rescue medication alerts', () => {
  it('raise one warning when past the maximum days, another when past the follow-up, and never again on later sweeps', async () => {
    const w = await world();
    const med = await callerFor(h.db, w.doc).adjuncts.add(rescue(w.patientId, w.planId, { maxDays: 3, followUpOn: addDays(today(), 5) }));
    // Day 3 of 3: within the limit.
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(2))).toBe(0);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(3))).toBe(1);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(3))).toBe(0);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(5))).toBe(0);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(6))).toBe(1);
    expect(await raiseRescueMedicationAlerts(h.db, 'all', daysLater(9))).toBeGreaterThanOrEqual(0);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(10))).toBe(0);
    const raised = await rescueAlerts(w.patientId);
    expect(raised.map((a) => [a.code, a.severity, a.dedupeKey]).sort()).toEqual([
      ['past-follow-up', 'warning', `rescue:${med.id}:past-follow-up:${addDays(today(), 5)}`],
      ['past-max-days', 'warning', `rescue:${med.id}:past-max-days:3`],
    ]);
    expect(raised.find((a) => a.code === 'past-max-days')?.evidence).toEqual({
      therapyId: med.id, planId: w.planId, reason: 'past-max-days', daysUsed: 4, maxDays: 3, startedOn: today(), lastAllowedDay: addDays(today(), 2),
      followUpOn: addDays(today(), 5), stoppedOn: null,
    });
    // No free text reaches the alert: not the medicine, the notes nor the stop criteria.
    for (const a of raised) expect(JSON.stringify(a)).not.toMatch(/Diazepam|spasms/);
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'alert.raise');
    expect(events).toHaveLength(2);
    expect(events.every((e) => e.actorId === null)).toBe(true);
  });

  it('are raised again when the course runs past a limit the team changed, and not before', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const fields = rescue(w.patientId, w.planId, { startedOn: addDays(today(), -4), maxDays: 3, followUpOn: addDays(today(), 10) });
    const med = await api.adjuncts.add(fields);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId])).toBe(1);
    // The team allows a longer course: within it, nothing new; past it, a new alert naming the new limit.
    const { planId: _plan, ...rest } = fields;
    await api.adjuncts.update({ ...rest, adjunctId: med.id, expectedVersion: 1, maxDays: 7 });
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(2))).toBe(0);
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(3))).toBe(1);
    expect((await rescueAlerts(w.patientId)).map((a) => a.dedupeKey).sort()).toEqual([`rescue:${med.id}:past-max-days:3`, `rescue:${med.id}:past-max-days:7`]);
  });

  it('are not raised for a course stopped within its limits, however much later the sweep runs', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId, { startedOn: addDays(today(), -3), maxDays: 5, followUpOn: addDays(today(), 2) }));
    await api.adjuncts.stop({ patientId: w.patientId, adjunctId: med.id, expectedVersion: 1, stoppedOn: today(), reason: 'Spasms settled' });
    for (const later of [0, 10, 100]) expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(later))).toBe(0);
    expect(await rescueAlerts(w.patientId)).toEqual([]);
  });

  it('are raised for a course whose stop was recorded after it had run past its maximum', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId, { startedOn: addDays(today(), -6), maxDays: 3, followUpOn: addDays(today(), 0) }));
    await api.adjuncts.stop({ patientId: w.patientId, adjunctId: med.id, expectedVersion: 1, stoppedOn: addDays(today(), -1), reason: 'Stopped at review' });
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId], daysLater(1))).toBe(1);
    expect((await rescueAlerts(w.patientId)).map((a) => a.evidence)).toEqual([expect.objectContaining({ reason: 'past-max-days', daysUsed: 6, stoppedOn: addDays(today(), -1) })]);
  });

  it('are raised by a sweep, never by reading the triage list, and shown there as a warning once raised', async () => {
    const w = await world();
    await callerFor(h.db, w.doc).adjuncts.add(rescue(w.patientId, w.planId, { startedOn: addDays(today(), -7), maxDays: 5, followUpOn: addDays(today(), 3) }));
    // The list only reads: past its limit or not, no alert until the worker's sweep raises it.
    const before = await callerFor(h.db, w.doc).triage.list();
    expect(await rescueAlerts(w.patientId)).toEqual([]);
    expect(before.find((r) => r.patientId === w.patientId)).toMatchObject({ warnings: 0 });
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId])).toBe(1);
    const rows = await callerFor(h.db, w.doc).triage.list();
    expect(rows.find((r) => r.patientId === w.patientId)).toMatchObject({ reason: 'warning', warnings: 1 });
    expect(await raiseRescueMedicationAlerts(h.db, [w.patientId])).toBe(0);
    expect(await rescueAlerts(w.patientId)).toHaveLength(1);
    const listed = await callerFor(h.db, w.doc).alerts.list({ patientId: w.patientId, open: true });
    expect(listed.filter((a) => a.kind === 'rescue-medication').map((a) => [a.code, a.severity])).toEqual([['past-max-days', 'warning']]);
  });
});

describe('who may change supports', () => {
  it('refuses the patient, a read-only member, an outsider and another patient; changes nothing', async () => {
    const w = await world();
    const member = await makeUser(h.db, 'clinician');
    await addToTeam(h.db, w.doc, w.patientId, member, { mayEditPlan: false });
    const outsider = await makeUser(h.db, 'clinician');
    const other = await world();
    const med = await callerFor(h.db, w.doc).adjuncts.add(rescue(w.patientId, w.planId));
    const before = await auditCount(w.patientId);
    for (const who of [w.patient, member, outsider, other.patient, other.doc]) {
      const api = callerFor(h.db, who);
      for (const call of [
        () => api.adjuncts.add(rescue(w.patientId, w.planId)),
        () => api.adjuncts.update({ ...rescue(w.patientId, w.planId), planId: undefined, adjunctId: med.id, expectedVersion: 1, maxDays: 30 } as never),
        () => api.adjuncts.stop({ patientId: w.patientId, adjunctId: med.id, expectedVersion: 1, stoppedOn: today(), reason: 'Not mine to stop' }),
      ]) {
        expect((await rejection(call())).code).toBe('FORBIDDEN');
      }
    }
    for (const who of [outsider, other.patient, other.doc, 'anonymous'] as const) {
      const error = await rejection(callerFor(h.db, who).adjuncts.list({ patientId: w.patientId, planId: w.planId }));
      expect(error.code).toBe(who === 'anonymous' ? 'UNAUTHORIZED' : 'FORBIDDEN');
    }
    expect(await rowsOf(w.patientId)).toEqual([expect.objectContaining({ id: med.id, version: 1, maxDays: 5, stoppedOn: null })]);
    expect(await auditCount(w.patientId)).toBe(before);
  });

  it('does not reach another patient’s plan or support through one’s own patient', async () => {
    const a = await world();
    const b = await world();
    const medB = await callerFor(h.db, b.doc).adjuncts.add(rescue(b.patientId, b.planId));
    const api = callerFor(h.db, a.doc);
    expect((await rejection(api.adjuncts.add(rescue(a.patientId, b.planId)))).code).toBe('NOT_FOUND');
    expect((await rejection(api.adjuncts.list({ patientId: a.patientId, planId: b.planId }))).code).toBe('NOT_FOUND');
    expect((await rejection(api.adjuncts.stop({ patientId: a.patientId, adjunctId: medB.id, expectedVersion: 1, stoppedOn: today(), reason: 'Wrong patient' }))).code).toBe('NOT_FOUND');
    expect(await rowsOf(a.patientId)).toEqual([]);
    expect((await rowsOf(b.patientId))[0]).toMatchObject({ stoppedOn: null, version: 1 });
  });

  it('refuses adding to a completed or stopped plan, yet lets a course still running on it be stopped', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId));
    const { completePlan } = await import('~/server/plans/service');
    await completePlan(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.plan.version, reason: 'Target reached' });
    const error = await rejection(api.adjuncts.add({ patientId: w.patientId, planId: w.planId, kind: 'stretching', startedOn: today() }));
    expect([error.code, error.message]).toEqual(['CONFLICT', 'This plan is completed: supports can no longer be added or changed on it.']);
    await api.adjuncts.stop({ patientId: w.patientId, adjunctId: med.id, expectedVersion: 1, stoppedOn: today(), reason: 'Taper finished' });
    expect(await rowsOf(w.patientId)).toEqual([expect.objectContaining({ stoppedOn: today(), version: 2 })]);
  });
});

describe('concurrent and invalid changes', () => {
  const edit = (patientId: string, planId: string, adjunctId: string, expectedVersion: number, over: Record<string, unknown> = {}) => {
    const { planId: _plan, ...fields } = rescue(patientId, planId, over);
    return { ...fields, adjunctId, expectedVersion };
  };

  it('a stale update gets CONFLICT with the latest version and changes nothing', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId));
    expect(await api.adjuncts.update(edit(w.patientId, w.planId, med.id, 1, { maxDays: 4, notes: 'Shorter' }))).toEqual({ id: med.id, version: 2 });
    const before = await auditCount(w.patientId);
    const error = await rejection(api.adjuncts.update(edit(w.patientId, w.planId, med.id, 1, { maxDays: 7 })));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/now version 2/);
    const stopError = await rejection(api.adjuncts.stop({ patientId: w.patientId, adjunctId: med.id, expectedVersion: 1, stoppedOn: today(), reason: 'Old tab' }));
    expect(stopError.code).toBe('CONFLICT');
    expect((await rowsOf(w.patientId))[0]).toMatchObject({ maxDays: 4, notes: 'Shorter', version: 2, stoppedOn: null });
    expect(await auditCount(w.patientId)).toBe(before);
  });

  it('two saves from the same version at once: exactly one wins', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const med = await api.adjuncts.add(rescue(w.patientId, w.planId));
    const results = await Promise.allSettled([
      api.adjuncts.update(edit(w.patientId, w.planId, med.id, 1, { maxDays: 4 })),
      api.adjuncts.update(edit(w.patientId, w.planId, med.id, 1, { maxDays: 2 })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect((await rowsOf(w.patientId))[0]?.version).toBe(2);
    expect((await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'adjunct.update')).toHaveLength(1);
  });

  it('refuses changing the kind, a stop before the start or in the future, stopping twice, and editing a stopped support', async () => {
    const w = await world();
    const api = callerFor(h.db, w.doc);
    const yoga = await api.adjuncts.add({ patientId: w.patientId, planId: w.planId, kind: 'mindfulness', startedOn: addDays(today(), -2) });
    const ref = { patientId: w.patientId, adjunctId: yoga.id, expectedVersion: 1 };
    const base = { ...ref, startedOn: addDays(today(), -2) };
    const kind = await httpCall(h.db, w.doc, 'adjuncts.update', { ...base, kind: 'exercise' });
    expect(kind.error?.data.fieldErrors?.kind).toEqual(['The kind cannot be changed: stop this support and add the new one.']);
    const early = await httpCall(h.db, w.doc, 'adjuncts.stop', { ...ref, stoppedOn: addDays(today(), -3), reason: 'Too early' });
    expect(early.error?.data.fieldErrors?.stoppedOn).toEqual(['It cannot stop before it started.']);
    const future = await httpCall(h.db, w.doc, 'adjuncts.stop', { ...ref, stoppedOn: addDays(today(), 1), reason: 'Tomorrow' });
    expect(future.error?.data.fieldErrors?.stoppedOn?.[0]).toMatch(/cannot be in the future/);
    const noReason = await httpCall(h.db, w.doc, 'adjuncts.stop', { ...ref, stoppedOn: today(), reason: ' ' });
    expect(noReason.error?.data.fieldErrors?.reason).toEqual(['Say why it stopped: the team and the patient see it.']);
    expect((await rowsOf(w.patientId))[0]).toMatchObject({ version: 1, stoppedOn: null });

    await api.adjuncts.stop({ patientId: w.patientId, adjunctId: yoga.id, expectedVersion: 1, stoppedOn: today(), reason: 'Not helping' });
    expect((await rejection(api.adjuncts.stop({ patientId: w.patientId, adjunctId: yoga.id, expectedVersion: 2, stoppedOn: today(), reason: 'Again' }))).code).toBe('CONFLICT');
    const edited = await rejection(api.adjuncts.update({ ...base, expectedVersion: 2, kind: 'mindfulness', name: '', notes: 'x', maxDays: null, stopCriteria: null, followUpOn: null }));
    expect([edited.code, edited.message]).toEqual(['CONFLICT', 'This support was stopped: its record stays as it was.']);
  });
});

describe('one transaction per change', () => {
  it('keeps no support when its audit event cannot be written', async () => {
    const w = await world();
    const audit = await import('~/server/audit');
    const { vi } = await import('vitest');
    const real = audit.writeAudit;
    const spy = vi.spyOn(audit, 'writeAudit').mockImplementation(async (tx, actor, event) => {
      if (event.action === 'adjunct.add') throw new Error('the audit store failed');
      return real(tx, actor, event);
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const error = await rejection(callerFor(h.db, w.doc).adjuncts.add(rescue(w.patientId, w.planId)));
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await rowsOf(w.patientId)).toEqual([]);
      // What is logged names the procedure, never the medicine.
      expect(String(logged.mock.calls[0]?.[0])).not.toContain('Diazepam');
    } finally {
      spy.mockRestore();
      logged.mockRestore();
    }
  });
});
