// Stop-go criteria against a real database: every new plan starts with the defaults, edits are versioned
// and conflict-checked, invalid criteria store nothing, only plan editors change them, and they fire on check-ins.
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { alerts, stopGoCriteria, stopGoCriteriaVersions, users } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { addToTeam, auditAbout, callerFor, callPath, checkInInput, httpCall, makePatient, makePlan, makeUser, patientRowCounts, rejection, uniqueName } from '~/server/test/db';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import type { Criterion } from '~/lib/criteria/types';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const at = (iso: string) => new Date(iso);
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });
const MAY_NOT_EDIT = 'You may not edit this patient’s plan or care team.';

/** A patient with a plan in `status` (from 1 March 2026), a plan-editing `doc` and a read-only `nurse`. */
async function withPlan(status: 'draft' | 'active' = 'active') {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Criteria'));
  const nurse = await makeUser(h.db, 'clinician', uniqueName('Nurse Criteria'));
  const p = await makePatient(h.db, doc);
  await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: false });
  const plan = await makePlan(h.db, doc, p.user, status, { input: { startDate: '2026-03-01' }, now: at('2026-03-01T09:00:00Z') });
  return { doc, nurse, patient: p.user, patientId: p.patientId, planId: plan.planId };
}

async function versionsOf(planId: string) {
  return h.db.select().from(stopGoCriteriaVersions).where(eq(stopGoCriteriaVersions.planId, planId)).orderBy(asc(stopGoCriteriaVersions.version));
}

async function stateOf(planId: string) {
  const [row] = await h.db.select().from(stopGoCriteria).where(eq(stopGoCriteria.planId, planId));
  return { row, versions: (await versionsOf(planId)).map((v) => [v.version, v.reason]) };
}

const sleepUrgent: Criterion = {
  id: 'sleep-urgent',
  label: 'Under 4 hours of sleep on 2 of the last 3 days: call the patient',
  metric: { kind: 'sleepHours' },
  comparator: '<',
  threshold: 4,
  windowDays: 3,
  minDays: 2,
  action: 'urgent',
};

describe('a new plan’s criteria', () => {
  it('are the defaults, at version 1, with a first version row', async () => {
    const { doc, nurse, patientId, planId } = await withPlan('draft');
    for (const who of [doc, nurse]) {
      await expect(callerFor(h.db, who).criteria.get({ patientId, planId })).resolves.toEqual({ version: 1, criteria: defaultCriteria() });
    }
    const versions = await versionsOf(planId);
    expect(versions.map((v) => [v.version, v.reason, v.authorId, v.patientId])).toEqual([[1, 'Default criteria', doc.id, patientId]]);
    expect(versions[0]?.criteria).toEqual(defaultCriteria());
  });
});

describe('updating the criteria', () => {
  it('with the version it started from makes the next version, with a version row and an audit event', async () => {
    const { doc, patientId, planId } = await withPlan();
    const criteria = [...defaultCriteria().slice(0, 2), sleepUrgent];
    await expect(callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria, reason: 'Sleep matters most for her' })).resolves.toEqual({ version: 2 });
    await expect(callerFor(h.db, doc).criteria.get({ patientId, planId })).resolves.toEqual({ version: 2, criteria });
    const versions = await versionsOf(planId);
    expect(versions.map((v) => [v.version, v.reason, v.authorId])).toEqual([[1, 'Default criteria', doc.id], [2, 'Sleep matters most for her', doc.id]]);
    expect(versions[1]?.criteria).toEqual(criteria);
    const events = (await auditAbout(h.db, patientId)).filter((e) => e.action === 'criteria.update');
    expect(events).toEqual([
      expect.objectContaining({ actorId: doc.id, entityType: 'stop_go_criteria', entityId: planId, before: { version: 1 }, after: { version: 2, reason: 'Sleep matters most for her', count: 3 } }),
    ]);
    // And again from version 2.
    await expect(callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 2, criteria: [], reason: 'None for now' })).resolves.toEqual({ version: 3 });
  });

  it('from a stale version is refused with CONFLICT naming the current version, and changes nothing', async () => {
    const { doc, patientId, planId } = await withPlan();
    const colleague = await makeUser(h.db, 'clinician', uniqueName('Dr Colleague'));
    await addToTeam(h.db, doc, patientId, colleague, { mayEditPlan: true });
    await callerFor(h.db, colleague).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [sleepUrgent], reason: 'Colleague’s edit' });
    const before = { state: await stateOf(planId), audit: (await auditAbout(h.db, patientId)).length };
    const error = await rejection(callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria: defaultCriteria(), reason: 'My stale edit' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe('Someone else changed these criteria since you opened them (now version 2). Nothing was saved: review their change, then redo yours.');
    const http = await httpCall(h.db, doc, 'criteria.update', { patientId, planId, expectedVersion: 1, criteria: defaultCriteria(), reason: 'My stale edit' });
    expect(http.status).toBe(409);
    expect(http.error?.data.details).toEqual({ latestVersion: 2 });
    expect({ state: await stateOf(planId), audit: (await auditAbout(h.db, patientId)).length }).toEqual(before);
    expect((await callerFor(h.db, doc).criteria.get({ patientId, planId })).criteria).toEqual([sleepUrgent]);
  });

  it('lets exactly one of two simultaneous saves from the same version win', async () => {
    const { doc, patientId, planId } = await withPlan();
    const results = await Promise.allSettled([
      callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [sleepUrgent], reason: 'Tab one' }),
      callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [], reason: 'Tab two' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' ? (refused.reason as { code?: string }).code : undefined).toBe('CONFLICT');
    expect((await versionsOf(planId)).map((v) => v.version)).toEqual([1, 2]);
  });

  const invalid: [string, (c: Criterion) => unknown, string][] = [
    ['more days than the window', (c) => ({ ...c, windowDays: 3, minDays: 5 }), 'The number of days can be at most the window (3 days).'],
    ['an unknown metric', (c) => ({ ...c, metric: { kind: 'weather' } }), 'Choose what the criterion measures.'],
    ['an unknown score', (c) => ({ ...c, metric: { kind: 'score', key: 'happiness' } }), 'Choose one of the check-in scores.'],
    ['a threshold outside the score', (c) => ({ ...c, threshold: 11 }), 'The spasticity score goes from 0 to 10: choose a threshold in that range.'],
    ['a window over 28 days', (c) => ({ ...c, windowDays: 60 }), 'The window is 1 to 28 days.'],
    ['an unknown action', (c) => ({ ...c, action: 'panic' }), 'Choose an action: go, hold, slow, step back, urgent or notify.'],
  ];

  it.each(invalid)('with %s is refused with BAD_REQUEST on criteria, and changes nothing', async (_label, make, message) => {
    const { doc, patientId, planId } = await withPlan();
    const [first, ...rest] = defaultCriteria();
    if (!first) throw new Error('no default criteria');
    const before = { state: await stateOf(planId), rows: await patientRowCounts(h.db, patientId), audit: (await auditAbout(h.db, patientId)).length };
    const res = await httpCall(h.db, doc, 'criteria.update', { patientId, planId, expectedVersion: 1, criteria: [make(first), ...rest], reason: 'A slip' });
    expect(res.status).toBe(400);
    expect(res.error?.data.code).toBe('BAD_REQUEST');
    expect(res.error?.data.fieldErrors?.criteria).toContain(message);
    expect({ state: await stateOf(planId), rows: await patientRowCounts(h.db, patientId), audit: (await auditAbout(h.db, patientId)).length }).toEqual(before);
  });

  it('with two criteria sharing an id is refused with BAD_REQUEST', async () => {
    const { doc, patientId, planId } = await withPlan();
    const res = await httpCall(h.db, doc, 'criteria.update', { patientId, planId, expectedVersion: 1, criteria: [sleepUrgent, { ...sleepUrgent, label: 'Again' }], reason: 'Twice' });
    expect(res.error?.data.fieldErrors?.criteria).toEqual(['Two criteria share the id "sleep-urgent": each needs its own.']);
    expect((await versionsOf(planId)).map((v) => v.version)).toEqual([1]);
  });

  it('refused in the reader’s language: a threshold off its scale on its field, and a stale save', async () => {
    const { doc, patientId, planId } = await withPlan();
    const offScale = { patientId, planId, expectedVersion: 1, criteria: [{ ...sleepUrgent, threshold: 30 }], reason: 'A slip' };
    const es = await httpCall(h.db, { ...doc, locale: 'es' }, 'criteria.update', offScale);
    const en = await httpCall(h.db, { ...doc, locale: 'en' }, 'criteria.update', offScale);
    expect([es.status, es.error?.message]).toEqual([400, 'Hay campos que necesitan su atención.']);
    expect(es.error?.data.fieldErrors).toEqual({
      'criteria.0.threshold': ['Horas de sueño: los valores van de 0 a 24; elija un umbral dentro de ese intervalo.'],
      criteria: ['Horas de sueño: los valores van de 0 a 24; elija un umbral dentro de ese intervalo.'],
    });
    expect(en.error?.data.fieldErrors?.['criteria.0.threshold']).toEqual(['Hours slept goes from 0 to 24: choose a threshold in that range.']);
    await callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [sleepUrgent], reason: 'Sleep matters most' });
    const stale = await httpCall(h.db, { ...doc, locale: 'es' }, 'criteria.update', { patientId, planId, expectedVersion: 1, criteria: [], reason: 'Old tab' });
    expect([stale.status, stale.error?.data.details]).toEqual([409, { latestVersion: 2 }]);
    expect(stale.error?.message).toBe(
      'Otra persona cambió estos criterios después de que usted los abriera (ahora están en la versión 2). No se guardó nada: revise el cambio de esa persona y luego vuelva a hacer el suyo.',
    );
  });

  it('of a plan that is not the patient’s is refused with NOT_FOUND', async () => {
    const mine = await withPlan();
    const theirs = await withPlan();
    const error = await rejection(callerFor(h.db, mine.doc).criteria.update({ patientId: mine.patientId, planId: theirs.planId, expectedVersion: 1, criteria: [], reason: 'Wrong plan' }));
    expect(error.code).toBe('NOT_FOUND');
    const read = await rejection(callerFor(h.db, mine.doc).criteria.get({ patientId: mine.patientId, planId: theirs.planId }));
    expect(read.code).toBe('NOT_FOUND');
    expect((await versionsOf(theirs.planId)).map((v) => v.version)).toEqual([1]);
  });
});

describe('who may read and change the criteria', () => {
  it('refuses a care-team member without "may edit plan" (FORBIDDEN), who may still read them', async () => {
    const { nurse, patientId, planId } = await withPlan();
    const before = await stateOf(planId);
    const error = await rejection(callerFor(h.db, nurse).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [], reason: 'Nurse edit' }));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', MAY_NOT_EDIT]);
    expect(await stateOf(planId)).toEqual(before);
    await expect(callerFor(h.db, nurse).criteria.get({ patientId, planId })).resolves.toMatchObject({ version: 1 });
  });

  it('refuses the patient both reading and changing them (FORBIDDEN), and anyone off the team', async () => {
    const { patient, patientId, planId } = await withPlan();
    const stranger = await makeUser(h.db, 'clinician');
    const before = await stateOf(planId);
    const read = await rejection(callerFor(h.db, patient).criteria.get({ patientId, planId }));
    expect([read.code, read.message]).toEqual(['FORBIDDEN', 'Only the care team can see this.']);
    const write = await rejection(callerFor(h.db, patient).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [], reason: 'Patient edit' }));
    expect([write.code, write.message]).toEqual(['FORBIDDEN', MAY_NOT_EDIT]);
    for (const path of ['criteria.get', 'criteria.update']) {
      const error = await rejection(callPath(h.db, stranger, path, { patientId, planId, expectedVersion: 1, criteria: [], reason: 'Stranger edit' }));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this patient.']);
    }
    expect(await stateOf(planId)).toEqual(before);
  });
});

describe('criteria firing on check-ins', () => {
  async function criterionAlerts(patientId: string) {
    return h.db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.kind, 'criterion'))).orderBy(asc(alerts.createdAt));
  }

  it('spasticity 7 or more on 3 of the last 7 days raises a warning for the team, once a day at most', async () => {
    const { patient, patientId } = await withPlan();
    const submit = (day: string, spasticity: number, notes = '') =>
      submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, day, { scores: { spasticity }, notes }), at(`${day}T19:00:00Z`));
    await submit('2026-03-03', 7);
    await submit('2026-03-04', 2);
    const second = await submit('2026-03-06', 8);
    expect(second.alertsRaised).toBe(0);
    expect(await criterionAlerts(patientId)).toEqual([]);
    const third = await submit('2026-03-08', 9);
    expect(third).toMatchObject({ alertsRaised: 1, urgent: false, redFlags: [] });
    const [alert, ...others] = await criterionAlerts(patientId);
    expect(others).toEqual([]);
    expect(alert).toMatchObject({
      severity: 'warning',
      code: 'default-spasticity-hold',
      checkInId: third.checkInId,
      evidence: {
        criterionId: 'default-spasticity-hold', action: 'hold', windowStart: '2026-03-02', windowEnd: '2026-03-08',
        matched: [{ date: '2026-03-03', value: 7 }, { date: '2026-03-06', value: 8 }, { date: '2026-03-08', value: 9 }],
      },
    });
    // A correction the same day, still meeting the criterion, does not raise it again.
    const corrected = await submit('2026-03-08', 10, 'Even worse tonight');
    expect(corrected).toMatchObject({ revision: 2, alertsRaised: 0 });
    expect(await criterionAlerts(patientId)).toHaveLength(1);
  });

  it('while its alert is open the team is not told again each day; once acknowledged, a day that still meets it raises a new one', async () => {
    const { doc, patient, patientId } = await withPlan();
    const submit = (day: string) =>
      submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, day, { scores: { spasticity: 7 } }), at(`${day}T19:00:00Z`));
    await submit('2026-03-03');
    await submit('2026-03-04');
    expect((await submit('2026-03-05')).alertsRaised).toBe(1);
    expect((await submit('2026-03-06')).alertsRaised).toBe(0);
    const [open] = await criterionAlerts(patientId);
    if (!open) throw new Error('no alert');
    await callerFor(h.db, doc).alerts.acknowledge({ patientId, alertId: open.id, note: 'Holding the step.' });
    expect((await submit('2026-03-07')).alertsRaised).toBe(1);
    expect((await criterionAlerts(patientId)).map((a) => [a.code, (a.evidence as { windowEnd?: string }).windowEnd, a.acknowledgedAt === null])).toEqual([
      ['default-spasticity-hold', '2026-03-05', false],
      ['default-spasticity-hold', '2026-03-07', true],
    ]);
  });

  it('an edited criterion is what the next check-in is measured against (an urgent criterion raises an urgent alert)', async () => {
    const { doc, patient, patientId, planId } = await withPlan();
    await callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [sleepUrgent], reason: 'Sleep only' });
    await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-05', { sleepHours: 3 }), at('2026-03-05T19:00:00Z'));
    const fired = await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, '2026-03-06', { sleepHours: 3.5 }), at('2026-03-06T19:00:00Z'));
    expect(fired.alertsRaised).toBe(1);
    expect((await criterionAlerts(patientId)).map((a) => [a.code, a.severity])).toEqual([['sleep-urgent', 'urgent']]);
  });

  it('do not fire when the plan has no criteria left, nor without a running plan', async () => {
    const { doc, patient, patientId, planId } = await withPlan();
    await callerFor(h.db, doc).criteria.update({ patientId, planId, expectedVersion: 1, criteria: [], reason: 'None' });
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      await submitCheckIn(h.db, actorOf(patient), checkInInput(patientId, day, { scores: { spasticity: 9 } }), at(`${day}T19:00:00Z`));
    }
    expect(await criterionAlerts(patientId)).toEqual([]);

    const draft = await withPlan('draft');
    for (const day of ['2026-03-03', '2026-03-04', '2026-03-05']) {
      await submitCheckIn(h.db, actorOf(draft.patient), checkInInput(draft.patientId, day, { scores: { spasticity: 9 } }), at(`${day}T19:00:00Z`));
    }
    expect(await criterionAlerts(draft.patientId)).toEqual([]);
  });
});

describe('the default criteria of a new plan', () => {
  it('are worded in the patient’s language, the words the patient and the team read', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const spanish = await makePatient(h.db, doc);
    await h.db.update(users).set({ locale: 'es' }).where(eq(users.id, spanish.patientId));
    const english = await makePatient(h.db, doc);
    const es = await makePlan(h.db, doc, spanish.user, 'active');
    const en = await makePlan(h.db, doc, english.user, 'active');
    const labels = async (planId: string) => {
      const [row] = await h.db.select().from(stopGoCriteria).where(eq(stopGoCriteria.planId, planId));
      const [first] = await h.db.select().from(stopGoCriteriaVersions).where(eq(stopGoCriteriaVersions.planId, planId));
      return { labels: (row?.criteria as Criterion[]).map((c) => c.label), reason: first?.reason };
    };
    const spanishLabels = await labels(es.planId);
    expect(spanishLabels.labels[0]).toBe('Espasticidad de 7 o más en 3 de los últimos 7 días: mantener el escalón actual');
    expect(spanishLabels.reason).toBe('Criterios predeterminados');
    expect(await labels(en.planId)).toEqual({ labels: defaultCriteria().map((c) => c.label), reason: 'Default criteria' });
    // The rules themselves are the same in each language: only the words differ.
    const [row] = await h.db.select().from(stopGoCriteria).where(eq(stopGoCriteria.planId, es.planId));
    expect((row?.criteria as Criterion[]).map(({ label: _l, ...rule }) => rule)).toEqual(defaultCriteria().map(({ label: _l, ...rule }) => rule));
  });
});
