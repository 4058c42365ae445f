// Step-end decisions against a real database: the recommendation follows the fired criteria with their
// evidence; each decision applies its plan adjustment as a new version (or leaves the plan, for advance),
// all in one transaction with the decision; stale versions are refused; the triage list moves on.
import { asc, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { alerts, stepDecisions } from '~/db/schema';
import * as audit from '~/server/audit';
import type { SessionUser } from '~/server/auth/session';
import { addDays, type TaperInput } from '~/lib/taper';
import { localDate } from '~/lib/dates';
import { submitCheckIn } from '~/server/checkins/service';
import { triageList } from '~/server/triage/service';
import { addToTeam, auditAbout, callerFor, checkInInput, httpCall, makePatient, makePlan, makeUser, planRow, planRowCounts, planVersions, rejection, tableCounts, uniqueName } from '~/server/test/db';
import { getStepRecommendation, recordDecision } from './service';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();
afterEach(() => {
  vi.restoreAllMocks();
});

const at = (iso: string) => new Date(iso);
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });
// London, 13 March 2026: the last-but-one day of the first step (1–14 March, 25 mg); the next is 20 mg.
const NOW = at('2026-03-13T12:00:00Z');

/** A patient on an active plan from 1 March, a plan-editing `doc` and a read-only `nurse`; spasticity given per day. */
async function onPlan(spasticity: Record<string, number> = {}, input: Partial<TaperInput> = {}) {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Decide'));
  const nurse = await makeUser(h.db, 'clinician', uniqueName('Nurse Decide'));
  const p = await makePatient(h.db, doc);
  await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: false });
  const plan = await makePlan(h.db, doc, p.user, 'active', { input: { startDate: '2026-03-01', ...input }, now: at('2026-03-01T09:00:00Z') });
  for (const [day, value] of Object.entries(spasticity)) {
    await submitCheckIn(h.db, actorOf(p.user), checkInInput(p.patientId, day, { scores: { spasticity: value } }), at(`${day}T19:00:00Z`));
  }
  return { doc, nurse, patient: p.user, patientId: p.patientId, planId: plan.planId, version: plan.version };
}

const HOLD_DAYS = { '2026-03-10': 8, '2026-03-11': 7, '2026-03-12': 9 };

async function latestSteps(planId: string) {
  const latest = (await planVersions(h.db, planId)).at(-1);
  if (!latest) throw new Error('no versions');
  return latest;
}

async function alertIds(patientId: string) {
  return (await h.db.select({ id: alerts.id }).from(alerts).where(eq(alerts.patientId, patientId)).orderBy(asc(alerts.createdAt))).map((a) => a.id);
}

async function decisionsOf(planId: string) {
  return h.db.select().from(stepDecisions).where(eq(stepDecisions.planId, planId)).orderBy(asc(stepDecisions.createdAt));
}

async function triageReason(doc: SessionUser, patientId: string) {
  return (await triageList(h.db, doc.id, NOW)).find((r) => r.patientId === patientId)?.reason;
}

describe('the recommendation near a step’s end', () => {
  it('follows the fired criteria: spasticity 7+ on 3 of 7 days recommends hold, with the days as evidence', async () => {
    const w = await onPlan(HOLD_DAYS);
    const rec = await getStepRecommendation(h.db, w.patientId, NOW);
    expect(rec).toEqual({
      planId: w.planId,
      planVersion: w.version,
      step: { index: 0, startDate: '2026-03-01', endDate: '2026-03-14', dailyMg: 25 },
      daysLeft: 1,
      due: true,
      recommendation: 'hold',
      because: [
        {
          criterionId: 'default-spasticity-hold',
          label: 'Spasticity 7 or more on 3 of the last 7 days: hold the current step',
          action: 'hold',
          windowStart: '2026-03-07',
          windowEnd: '2026-03-13',
          matched: [{ date: '2026-03-10', value: 8 }, { date: '2026-03-11', value: 7 }, { date: '2026-03-12', value: 9 }],
        },
      ],
      safety: [],
      decided: null,
    });
    // The care team reads the same through the API (with the real clock, so only its shape here).
    await expect(callerFor(h.db, w.nurse).decisions.recommendation({ patientId: w.patientId })).resolves.toMatchObject({ planId: w.planId });
  });

  it('takes the most cautious step action: spasticity 8+ on 5 of 7 days recommends stepping back', async () => {
    const w = await onPlan({ '2026-03-07': 8, '2026-03-08': 9, '2026-03-09': 8, '2026-03-11': 10, '2026-03-12': 8 });
    const rec = await getStepRecommendation(h.db, w.patientId, NOW);
    expect(rec?.recommendation).toBe('step-back');
    expect(rec?.because.map((f) => f.criterionId)).toEqual(['default-spasticity-step-back']);
  });

  it('says go when no step criterion fired, and is not due until the last two days of the step', async () => {
    const w = await onPlan({ '2026-03-11': 3, '2026-03-12': 2 });
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ recommendation: 'go', because: [], due: true, daysLeft: 1 });
    expect(await getStepRecommendation(h.db, w.patientId, at('2026-03-12T08:00:00Z'))).toMatchObject({ due: false, daysLeft: 2 });
    expect(await getStepRecommendation(h.db, w.patientId, at('2026-03-14T20:00:00Z'))).toMatchObject({ due: true, daysLeft: 0 });
  });

  it('never says go after a red flag during the running step: hold, with the flag and its date as the reason', async () => {
    const w = await onPlan({ '2026-03-11': 3, '2026-03-12': 2 });
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ recommendation: 'go', safety: [] });
    // A red flag reported on the 5th, inside the step (1–14 March), even once acknowledged.
    await submitCheckIn(h.db, actorOf(w.patient), checkInInput(w.patientId, '2026-03-05', { redFlags: ['hallucinations'] }), at('2026-03-05T19:00:00Z'));
    await callerFor(h.db, w.doc).alerts.acknowledge({ patientId: w.patientId, alertId: (await alertIds(w.patientId))[0] ?? '', note: 'Phoned: seen in A&E, settled' });
    const rec = await getStepRecommendation(h.db, w.patientId, NOW);
    expect(rec).toMatchObject({ recommendation: 'hold', because: [], safety: [{ kind: 'red-flag', code: 'hallucinations', date: '2026-03-05' }] });
    expect(rec?.recommendation).not.toBe('go');
    // The decision keeps the reason with the recommendation it was given.
    await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'advance', reason: 'Settled; team agrees to go on', percent: 25 }, NOW);
    const [decision] = await decisionsOf(w.planId);
    expect(decision).toMatchObject({ recommendation: 'hold', decision: 'advance', evidence: { because: [], safety: [{ kind: 'red-flag', code: 'hallucinations', date: '2026-03-05' }] } });
  });

  it('through the API, on the real clock: a check-in with a red flag today makes decisions.recommendation hold, not go', async () => {
    const today = localDate('Europe/London', new Date());
    const w = await onPlan({}, { startDate: addDays(today, -5) });
    const api = callerFor(h.db, w.nurse).decisions;
    expect(await api.recommendation({ patientId: w.patientId })).toMatchObject({ recommendation: 'go', safety: [] });
    const submitted = await callerFor(h.db, w.patient).checkins.submit(checkInInput(w.patientId, today, { redFlags: ['seizure'] }));
    expect(submitted).toMatchObject({ urgent: true, alertsRaised: 1 });
    const rec = await api.recommendation({ patientId: w.patientId });
    expect(rec).toMatchObject({ recommendation: 'hold', because: [], safety: [{ kind: 'red-flag', code: 'seizure', date: today }] });
    expect(rec?.recommendation).not.toBe('go');
  });

  it('counts a vital-sign red flag of the step, not a red flag from before the step', async () => {
    const w = await onPlan();
    // Before the step started: not this step's.
    await submitCheckIn(h.db, actorOf(w.patient), checkInInput(w.patientId, '2026-02-28', { redFlags: ['seizure'] }), at('2026-02-28T19:00:00Z'));
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ recommendation: 'go', safety: [] });
    await submitCheckIn(h.db, actorOf(w.patient), checkInInput(w.patientId, '2026-03-02', { systolic: 190 }), at('2026-03-02T19:00:00Z'));
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ recommendation: 'hold', safety: [{ kind: 'red-flag', code: 'high-systolic', date: '2026-03-02' }] });
  });

  it('holds after an urgent criterion fired earlier in the step, even once its window has moved on', async () => {
    const w = await onPlan();
    const urgent = { id: 'anxiety-urgent', label: 'Anxiety 8 or more on the latest day: urgent', metric: { kind: 'score' as const, key: 'anxiety' as const }, comparator: '>=' as const, threshold: 8, windowDays: 1, minDays: 1, action: 'urgent' as const };
    const current = await callerFor(h.db, w.doc).criteria.get({ patientId: w.patientId, planId: w.planId });
    await callerFor(h.db, w.doc).criteria.update({ patientId: w.patientId, planId: w.planId, expectedVersion: current.version, criteria: [...current.criteria, urgent], reason: 'Watch anxiety' });
    await submitCheckIn(h.db, actorOf(w.patient), checkInInput(w.patientId, '2026-03-04', { scores: { anxiety: 8 } }), at('2026-03-04T19:00:00Z'));
    const rec = await getStepRecommendation(h.db, w.patientId, NOW);
    expect(rec?.recommendation).toBe('hold');
    expect(rec?.safety).toEqual([{ kind: 'urgent-criterion', fired: expect.objectContaining({ criterionId: 'anxiety-urgent', action: 'urgent', matched: [{ date: '2026-03-04', value: 8 }] }) }]);
  });

  it('is null without an active plan', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    expect(await getStepRecommendation(h.db, p.patientId, NOW)).toBeNull();
    await makePlan(h.db, doc, p.user, 'paused', { input: { startDate: '2026-03-01' }, now: at('2026-03-05T09:00:00Z') });
    expect(await getStepRecommendation(h.db, p.patientId, NOW)).toBeNull();
  });
});

describe('recording a decision', () => {
  it('hold: extends the running step by a step’s length as a new plan version, and records the decision with its evidence', async () => {
    const w = await onPlan(HOLD_DAYS);
    expect(await triageReason(w.doc, w.patientId)).toBe('decision-due');
    const result = await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'hold', reason: 'Spasticity up: hold two more weeks', percent: 25 }, NOW);
    expect(result).toEqual({ decision: 'hold', planVersion: w.version + 1 });
    const latest = await latestSteps(w.planId);
    expect([latest.version, latest.action, latest.reason, latest.authorId]).toEqual([w.version + 1, 'extend', 'Spasticity up: hold two more weeks', w.doc.id]);
    expect(latest.steps[0]).toMatchObject({ startDate: '2026-03-01', endDate: '2026-03-28', days: 28, dailyMg: 25 });
    expect(latest.steps[1]).toMatchObject({ startDate: '2026-03-29', dailyMg: 20 });

    const [decision, ...more] = await decisionsOf(w.planId);
    expect(more).toEqual([]);
    expect(decision).toMatchObject({
      patientId: w.patientId, stepIndex: 0, stepEndDate: '2026-03-14', recommendation: 'hold', decision: 'hold', reason: 'Spasticity up: hold two more weeks',
      planVersion: w.version + 1, decidedBy: w.doc.id,
    });
    // The evidence keeps the step criteria and the safety reasons apart (it was the criteria alone, as a list).
    expect(decision?.evidence).toEqual({ because: [expect.objectContaining({ criterionId: 'default-spasticity-hold', matched: expect.any(Array) })], safety: [] });
    const events = (await auditAbout(h.db, w.patientId)).slice(-2);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([['plan.extend', w.doc.id], ['decision.record', w.doc.id]]);
    expect(events[1]).toMatchObject({ entityType: 'step_decision', entityId: decision?.id, after: { decision: 'hold', recommendation: 'hold', planVersion: w.version + 1 } });

    // The step now ends on the 28th: nothing is due, on the recommendation or on the triage list, and the
    // hold stays on show as the step's latest decision.
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ due: false, daysLeft: 15, decided: { decision: 'hold', reason: 'Spasticity up: hold two more weeks' } });
    // Near the step's new end, a new decision is due again.
    expect(await getStepRecommendation(h.db, w.patientId, new Date(NOW.getTime() + 14 * 24 * 60 * 60 * 1000))).toMatchObject({ due: true, daysLeft: 1 });
    expect(await triageReason(w.doc, w.patientId)).toBe('warning');
  });

  it('hold for a chosen number of days', async () => {
    const w = await onPlan(HOLD_DAYS);
    await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'hold', reason: 'One more week', days: 7, percent: 25 }, NOW);
    expect((await latestSteps(w.planId)).steps[0]).toMatchObject({ endDate: '2026-03-21', days: 21 });
  });

  it('step-back: returns to the last tolerated dose from today as a new version', async () => {
    const w = await onPlan(HOLD_DAYS);
    const result = await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'step-back', reason: 'Spasms are back', percent: 25 }, NOW);
    expect(result.planVersion).toBe(w.version + 1);
    const latest = await latestSteps(w.planId);
    expect(latest.action).toBe('step-back');
    expect(latest.steps[0]).toMatchObject({ startDate: '2026-03-01', endDate: '2026-03-12', dailyMg: 25 });
    expect(latest.steps[1]).toMatchObject({ startDate: '2026-03-13', dailyMg: 30, notes: ['step-back'] });
    // Then slower: the strategy stays as written, and its cuts and the cap on them are slowed to 75%.
    expect(latest.input.strategy).toEqual({ kind: 'fixed', mgPerStep: 5 });
    expect(latest.input.slowFactor).toBe(0.75);
    expect((await decisionsOf(w.planId)).map((d) => [d.decision, d.recommendation, d.planVersion])).toEqual([['step-back', 'hold', w.version + 1]]);
    expect(await triageReason(w.doc, w.patientId)).not.toBe('decision-due');
  });

  it('slow: makes the cuts after the running step smaller; the running step stays', async () => {
    // A liquid (0.5 mL steps of 1 mg/mL) can give a 4 mg cut; 5 mg tablet halves could not.
    const w = await onPlan(HOLD_DAYS, { formulations: [{ kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }] });
    const before = await latestSteps(w.planId);
    expect(before.steps.slice(0, 3).map((s) => [s.dailyMg, s.cutMg])).toEqual([[25, 5], [20, 5], [15, 5]]);
    await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'slow', reason: 'Slower from here', percent: 20 }, NOW);
    const latest = await latestSteps(w.planId);
    expect(latest.action).toBe('slow');
    expect(latest.steps[0]).toEqual(before.steps[0]);
    expect(latest.input.strategy).toEqual({ kind: 'fixed', mgPerStep: 5 });
    expect(latest.input.slowFactor).toBe(0.8);
    expect(latest.steps.slice(1, 3).map((s) => [s.startDate, s.dailyMg, s.cutMg])).toEqual([['2026-03-15', 21, 4], ['2026-03-29', 17, 4]]);
    // The step was decided: it is no longer due even though it still ends tomorrow.
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ due: false, daysLeft: 1, decided: { decision: 'slow', by: w.doc.name } });
    expect(await triageReason(w.doc, w.patientId)).toBe('warning');
  });

  it('pause: pauses the plan on today', async () => {
    const w = await onPlan(HOLD_DAYS);
    await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'pause', reason: 'Flu: pausing', percent: 25 }, NOW);
    expect(await planRow(h.db, w.planId)).toMatchObject({ status: 'paused', pausedOn: '2026-03-13', version: w.version + 1 });
    expect((await latestSteps(w.planId)).action).toBe('pause');
    expect(await triageReason(w.doc, w.patientId)).toBe('warning');
  });

  it('advance: leaves the plan as it is, records the decision, and the step is no longer due', async () => {
    const w = await onPlan({ '2026-03-12': 2, '2026-03-13': 2 });
    expect(await triageReason(w.doc, w.patientId)).toBe('decision-due');
    const before = await planVersions(h.db, w.planId);
    const result = await recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'advance', reason: 'Doing well: on to 20 mg', percent: 25 }, NOW);
    expect(result).toEqual({ decision: 'advance', planVersion: w.version });
    expect(await planVersions(h.db, w.planId)).toEqual(before);
    expect((await decisionsOf(w.planId)).map((d) => [d.decision, d.recommendation, d.planVersion, d.stepIndex, d.stepEndDate])).toEqual([
      ['advance', 'go', w.version, 0, '2026-03-14'],
    ]);
    expect(await getStepRecommendation(h.db, w.patientId, NOW)).toMatchObject({ due: false, decided: { decision: 'advance', reason: 'Doing well: on to 20 mg', by: w.doc.name } });
    expect(await triageReason(w.doc, w.patientId)).toBe('none');
    expect((await auditAbout(h.db, w.patientId)).at(-1)).toMatchObject({ action: 'decision.record', actorId: w.doc.id, after: { decision: 'advance', recommendation: 'go', planVersion: w.version } });
  });

  it.each(['advance', 'hold', 'slow', 'step-back', 'pause'] as const)('%s from a stale plan version: CONFLICT, no decision, the plan as it was', async (decision) => {
    const w = await onPlan(HOLD_DAYS);
    // A colleague extends the step first.
    await callerFor(h.db, w.doc).plans.extend({ patientId: w.patientId, planId: w.planId, expectedVersion: w.version, reason: 'Colleague', days: 3 });
    const before = { versions: await planVersions(h.db, w.planId), plan: await planRow(h.db, w.planId), audit: (await auditAbout(h.db, w.patientId)).length };
    const error = await rejection(callerFor(h.db, w.doc).decisions.record({ patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision, reason: 'Stale' }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/^Someone else changed this plan since you opened it/);
    expect(await decisionsOf(w.planId)).toEqual([]);
    expect({ versions: await planVersions(h.db, w.planId), plan: await planRow(h.db, w.planId), audit: (await auditAbout(h.db, w.patientId)).length }).toEqual(before);
  });

  it('lets exactly one of two clinicians deciding on the same step at once win; the other gets CONFLICT', async () => {
    const w = await onPlan(HOLD_DAYS);
    const colleague = await makeUser(h.db, 'clinician', uniqueName('Dr Colleague'));
    await addToTeam(h.db, w.doc, w.patientId, colleague, { mayEditPlan: true });
    const results = await Promise.allSettled([
      recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'hold', reason: 'Hold', percent: 25 }, NOW),
      recordDecision(h.db, colleague, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'step-back', reason: 'Step back', percent: 25 }, NOW),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((r) => r.status === 'rejected');
    expect(refused?.status === 'rejected' ? (refused.reason as { code?: string }).code : undefined).toBe('CONFLICT');
    expect(await decisionsOf(w.planId)).toHaveLength(1);
    expect((await planRow(h.db, w.planId)).version).toBe(w.version + 1);
  });

  it('without a running step to decide on: BAD_REQUEST, nothing stored', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const draft = await makePlan(h.db, doc, p.user, 'draft', { input: { startDate: '2026-03-01' } });
    const before = await planRowCounts(h.db, p.patientId);
    const error = await rejection(callerFor(h.db, doc).decisions.record({ patientId: p.patientId, planId: draft.planId, expectedVersion: draft.version, decision: 'hold', reason: 'Too early' }));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', 'There is no running step to decide on.']);
    expect(await planRowCounts(h.db, p.patientId)).toEqual(before);
  });

  it('keeps the plan change and the decision together: when recording the decision fails, the plan is not changed either', async () => {
    const w = await onPlan(HOLD_DAYS);
    const before = { counts: await tableCounts(h.db), versions: await planVersions(h.db, w.planId), plan: await planRow(h.db, w.planId) };
    const realWriteAudit = audit.writeAudit;
    const spy = vi.spyOn(audit, 'writeAudit').mockImplementation(async (tx, actor, event) => {
      if (event.action === 'decision.record') throw new Error('the audit store failed');
      return realWriteAudit(tx, actor, event);
    });
    await expect(
      recordDecision(h.db, w.doc, { patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'hold', reason: 'Hold', percent: 25 }, NOW),
    ).rejects.toThrow('the audit store failed');
    // The extension was written (and audited) before the decision failed.
    expect(spy.mock.calls.map(([, , event]) => event.action)).toEqual(['plan.extend', 'decision.record']);
    spy.mockRestore();
    expect(await planVersions(h.db, w.planId)).toEqual(before.versions);
    expect(await planRow(h.db, w.planId)).toEqual(before.plan);
    expect(await decisionsOf(w.planId)).toEqual([]);
    expect(await tableCounts(h.db)).toMatchObject({ step_decisions: before.counts.step_decisions });
  });
});

describe('who may decide', () => {
  it('refuses a care-team member without plan rights and the patient (FORBIDDEN), and changes nothing', async () => {
    const w = await onPlan(HOLD_DAYS);
    const before = { versions: await planVersions(h.db, w.planId), decisions: await decisionsOf(w.planId) };
    for (const who of [w.nurse, w.patient]) {
      const error = await rejection(callerFor(h.db, who).decisions.record({ patientId: w.patientId, planId: w.planId, expectedVersion: w.version, decision: 'hold', reason: 'Not mine to decide' }));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You may not edit this patient’s plan or care team.']);
    }
    expect({ versions: await planVersions(h.db, w.planId), decisions: await decisionsOf(w.planId) }).toEqual(before);
  });

  it('shows the recommendation to the care team only: the patient and outsiders are refused', async () => {
    const w = await onPlan(HOLD_DAYS);
    const patient = await rejection(callerFor(h.db, w.patient).decisions.recommendation({ patientId: w.patientId }));
    expect([patient.code, patient.message]).toEqual(['FORBIDDEN', 'Only the care team can see this.']);
    const stranger = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, stranger, 'decisions.recommendation', { patientId: w.patientId });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain('default-spasticity-hold');
    expect(res.body).not.toContain(w.planId);
  });
});
