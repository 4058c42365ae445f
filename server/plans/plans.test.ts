// Taper plans through the API, against a real database: the lifecycle, immutable versions with their audit
// events, who may do what, guardrails that store nothing, optimistic concurrency, and the adjustments.
import { describe, expect, it } from 'vitest';
import type { SessionUser } from '~/server/auth/session';
import { localDate } from '~/lib/dates';
import { activatePlan, agreePlan, editPlanStep, extendPlan, getPlanView, pausePlan, resumePlan, slowPlan, stepBackPlan, type PlanStatus } from '~/server/plans/service';
import { addDays, daysBetween, type TaperInput, type TaperStep } from '~/lib/taper';
import { addToTeam, appFieldErrors, auditAbout, callerFor, httpCall, makePatient, makeNonPrescriber, makePlan, makeUser, planRow, planRowCounts, planVersions, rejection, uniqueName, validTaperInput } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const PUMP_MESSAGE =
  'This patient has an intrathecal baclofen pump. Taperline does not plan tapers for pump patients: pump doses are managed by the pump team, and pump withdrawal is an emergency.';
const HIGH_DOSE_MESSAGE = 'The current dose is above the 80 mg/day label maximum. Record the clinical reason to go on.';
const MAY_NOT_EDIT = 'You may not edit this patient’s plan or care team.';
const NO_ACCESS = 'You do not have access to this patient.';

/** A patient with a plan-editing prescriber (`doc`) and a nurse who may read but not edit (`nurse`). */
async function careTeam(options: { timeZone?: string; hasIntrathecalPump?: boolean } = {}) {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Plan'));
  const nurse = await makeNonPrescriber(h.db, uniqueName('Nurse Read'), 'nurse');
  const p = await makePatient(h.db, doc, options);
  await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: false });
  return { doc, nurse, patient: p.user, patientId: p.patientId };
}

const plansOf = (who: SessionUser) => callerFor(h.db, who).plans;

/** plans.get for a patient who has a plan. */
async function viewOf(who: SessionUser, patientId: string) {
  const view = await plansOf(who).get({ patientId });
  if (view.plan === null) throw new Error('expected a plan');
  return view;
}

/** The reference a save names: this patient, this plan, the version the caller started from. */
const refOf = (patientId: string, plan: { planId: string; version: number }) => ({ patientId, planId: plan.planId, expectedVersion: plan.version });

/** Everything stored about a plan, to prove a refused change left it exactly as it was. */
async function snapshot(patientId: string, planId: string) {
  const row = await planRow(h.db, planId);
  return {
    plan: { status: row.status, version: row.version, pausedOn: row.pausedOn },
    versions: (await planVersions(h.db, planId)).map((v) => [v.version, v.status, v.action]),
    counts: await planRowCounts(h.db, patientId),
    audit: (await auditAbout(h.db, patientId)).length,
  };
}

const summary = (steps: TaperStep[]) => steps.map((s) => [s.startDate, s.endDate, s.dailyMg]);

/** A plan that started on 1 January 2026: 25 mg 1–14 Jan, 20 mg 15–28 Jan, 15, 10, 5, 0 mg after. */
const JAN: Partial<TaperInput> = { startDate: '2026-01-01' };
const at = (iso: string) => new Date(iso);

describe('the lifecycle', () => {
  it('goes draft → proposed → agreed → active → paused ⇄ active → completed, each change a new version with author, reason and audit event', async () => {
    const { doc, patient, patientId } = await careTeam();
    const created = await plansOf(doc).create({ patientId, input: validTaperInput(), reason: 'Starting the taper we discussed' });
    expect(created).toEqual({ planId: expect.any(String), version: 1, status: 'draft' });
    const planId = created.planId;
    let v = created.version;
    const step = async (call: () => Promise<{ version: number; status: PlanStatus }>, status: PlanStatus) => {
      const result = await call();
      expect(result).toEqual({ planId, version: v + 1, status });
      v = result.version;
    };
    const ref = () => ({ patientId, planId, expectedVersion: v });
    await step(() => plansOf(doc).update({ ...ref(), input: validTaperInput({ stepDays: 21 }), reason: 'Three weeks per step suits work' }), 'draft');
    await step(() => plansOf(doc).propose({ ...ref(), reason: 'Please review' }), 'proposed');
    await step(() => plansOf(patient).agree({ ...ref(), reason: 'Agreed' }), 'agreed');
    await step(() => plansOf(doc).activate(ref()), 'active');
    await step(() => plansOf(doc).pause({ ...ref(), reason: 'Holiday' }), 'paused');
    await step(() => plansOf(doc).resume({ ...ref(), reason: 'Back home' }), 'active');
    await step(() => plansOf(doc).pause({ ...ref(), reason: 'Flu' }), 'paused');
    await step(() => plansOf(doc).resume({ ...ref(), reason: 'Recovered' }), 'active');
    await step(() => plansOf(doc).complete({ ...ref(), reason: 'Target reached' }), 'completed');

    const versions = await planVersions(h.db, planId);
    expect(versions.map((r) => [r.version, r.status, r.action, r.authorId, r.authorRole, r.reason])).toEqual([
      [1, 'draft', 'create', doc.id, 'clinician', 'Starting the taper we discussed'],
      [2, 'draft', 'edit', doc.id, 'clinician', 'Three weeks per step suits work'],
      [3, 'proposed', 'propose', doc.id, 'clinician', 'Please review'],
      [4, 'agreed', 'agree', patient.id, 'patient', 'Agreed'],
      [5, 'active', 'activate', doc.id, 'clinician', ''],
      [6, 'paused', 'pause', doc.id, 'clinician', 'Holiday'],
      [7, 'active', 'resume', doc.id, 'clinician', 'Back home'],
      [8, 'paused', 'pause', doc.id, 'clinician', 'Flu'],
      [9, 'active', 'resume', doc.id, 'clinician', 'Recovered'],
      [10, 'completed', 'complete', doc.id, 'clinician', 'Target reached'],
    ]);
    expect(versions.every((r) => r.patientId === patientId)).toBe(true);
    expect(versions[0]?.input.stepDays).toBe(14);
    expect(versions[1]?.input.stepDays).toBe(21);
    expect(versions[1]?.steps[0]?.days).toBe(21);
    expect(await planRow(h.db, planId)).toMatchObject({ status: 'completed', version: 10, pausedOn: null });

    const events = (await auditAbout(h.db, patientId)).filter((e) => e.entityType === 'taper_plan');
    expect(events.map((e) => [e.action, e.actorId, e.entityId])).toEqual(
      versions.map((r) => [`plan.${r.action}`, r.authorId, planId]),
    );
    expect(events.map((e) => e.after)).toEqual(versions.map((r) => expect.objectContaining({ version: r.version, status: r.status })));
    expect(events.slice(1).map((e) => e.before)).toEqual(versions.slice(0, -1).map((r) => ({ version: r.version, status: r.status })));
    // Each version and its audit event were written in one transaction: they share its timestamp.
    expect(events.map((e) => e.createdAt.getTime())).toEqual(versions.map((r) => r.createdAt.getTime()));
  });

  it.each(['draft', 'proposed', 'agreed', 'active', 'paused'] as const)('stops a %s plan; a new plan can then be made', async (status) => {
    const { doc, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, status);
    const stopped = await plansOf(doc).stop({ ...refOf(patientId, plan), reason: 'Patient moved away' });
    expect(stopped).toEqual({ planId: plan.planId, version: plan.version + 1, status: 'stopped' });
    const last = (await planVersions(h.db, plan.planId)).at(-1);
    expect([last?.action, last?.status, last?.reason, last?.authorId]).toEqual(['stop', 'stopped', 'Patient moved away', doc.id]);
    const next = await plansOf(doc).create({ patientId, input: validTaperInput() });
    expect(next).toMatchObject({ version: 1, status: 'draft' });
    expect(next.planId).not.toBe(plan.planId);
  });

  it.each([
    ['activate', 'draft', 'This plan is draft: it cannot start now.'],
    ['agree', 'draft', 'This plan is draft: it cannot agree to now.'],
    ['propose', 'proposed', 'This plan is proposed: it cannot propose now.'],
    ['extend', 'agreed', 'This plan is agreed: it cannot extend now.'],
    ['update', 'active', 'This plan is active: it cannot edit now.'],
    ['resume', 'active', 'This plan is active: it cannot resume now.'],
    ['complete', 'paused', 'This plan is paused: it cannot complete now.'],
    ['stop', 'completed', 'This plan is completed: it cannot stop now.'],
    ['stop', 'stopped', 'This plan is stopped: it cannot stop now.'],
    ['propose', 'stopped', 'This plan is stopped: it cannot propose now.'],
  ] as const)('refuses to %s a %s plan with BAD_REQUEST and changes nothing', async (action, status, message) => {
    const { doc, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, status);
    const ref = { ...refOf(patientId, plan), reason: 'Trying anyway' };
    const calls: Record<typeof action, () => Promise<unknown>> = {
      activate: () => plansOf(doc).activate(ref),
      agree: () => plansOf(patient).agree(ref),
      propose: () => plansOf(doc).propose(ref),
      extend: () => plansOf(doc).extend({ ...ref, days: 7 }),
      update: () => plansOf(doc).update({ ...ref, input: validTaperInput() }),
      resume: () => plansOf(doc).resume(ref),
      complete: () => plansOf(doc).complete(ref),
      stop: () => plansOf(doc).stop(ref),
    };
    const before = await snapshot(patientId, plan.planId);
    const error = await rejection(calls[action]());
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', message]);
    expect(await snapshot(patientId, plan.planId)).toEqual(before);
  });

  it('takes a proposed plan back to draft when it is edited: the patient agrees to what they last saw', async () => {
    const { doc, patient, patientId } = await careTeam();
    const proposed = await makePlan(h.db, doc, patient, 'proposed');
    const edited = await plansOf(doc).update({ ...refOf(patientId, proposed), input: validTaperInput({ currentDailyMg: 25 }), reason: 'Lower start' });
    expect(edited).toMatchObject({ version: proposed.version + 1, status: 'draft' });
    // Agreeing to the version they were shown is now stale...
    const stale = await rejection(plansOf(patient).agree(refOf(patientId, proposed)));
    expect(stale.code).toBe('CONFLICT');
    // ...and agreeing to the edit is refused until it is proposed again.
    const notProposed = await rejection(plansOf(patient).agree(refOf(patientId, edited)));
    expect([notProposed.code, notProposed.message]).toEqual(['BAD_REQUEST', 'This plan is draft: it cannot agree to now.']);
    const again = await plansOf(doc).propose(refOf(patientId, edited));
    await expect(plansOf(patient).agree(refOf(patientId, again))).resolves.toMatchObject({ status: 'agreed', version: again.version + 1 });
  });
});

describe('who may do what', () => {
  it('refuses the patient every change to the doses, and stores nothing', async () => {
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active', { input: JAN });
    const ref = { ...refOf(patientId, active), reason: 'I would like to' };
    const before = await snapshot(patientId, active.planId);
    const api = plansOf(patient);
    const attempts: (() => Promise<unknown>)[] = [
      () => api.create({ patientId, input: validTaperInput() }),
      () => api.update({ ...ref, input: validTaperInput({ currentDailyMg: 20 }) }),
      () => api.extend({ ...ref, days: 7 }),
      () => api.slow({ ...ref, percent: 25 }),
      () => api.stepBack(ref),
      () => api.editStep({ ...ref, index: 5, dailyMg: 0 }),
      () => api.pause(ref),
      () => api.complete(ref),
      () => api.stop(ref),
    ];
    for (const attempt of attempts) {
      const error = await rejection(attempt());
      expect([error.code, error.message]).toEqual(['FORBIDDEN', MAY_NOT_EDIT]);
    }
    expect(await snapshot(patientId, active.planId)).toEqual(before);
  });

  it('lets a team member without "may edit plan" read and comment, but not change the plan', async () => {
    const { doc, nurse, patient, patientId } = await careTeam();
    const draft = await makePlan(h.db, doc, patient, 'draft');
    const view = await plansOf(nurse).get({ patientId });
    expect(view.plan).toMatchObject({ id: draft.planId, status: 'draft', version: 1 });
    // On a draft, a comment that does not say is for the care team only.
    await expect(plansOf(nurse).comment({ patientId, planId: draft.planId, version: 1, body: 'Physio twice a week alongside this.' })).resolves.toEqual({
      commentId: expect.any(String), visibility: 'team',
    });
    const before = await snapshot(patientId, draft.planId);
    for (const attempt of [
      () => plansOf(nurse).update({ ...refOf(patientId, draft), input: validTaperInput({ stepDays: 7 }), reason: 'Faster' }),
      () => plansOf(nurse).propose(refOf(patientId, draft)),
      () => plansOf(nurse).stop({ ...refOf(patientId, draft), reason: 'No' }),
      () => plansOf(nurse).create({ patientId, input: validTaperInput() }),
    ]) {
      const error = await rejection(attempt());
      expect([error.code, error.message]).toEqual(['FORBIDDEN', MAY_NOT_EDIT]);
    }
    expect(await snapshot(patientId, draft.planId)).toEqual(before);
  });

  it('lets only the patient agree: a clinician, even a plan editor, gets FORBIDDEN', async () => {
    const { doc, nurse, patient, patientId } = await careTeam();
    const proposed = await makePlan(h.db, doc, patient, 'proposed');
    const before = await snapshot(patientId, proposed.planId);
    for (const clinician of [doc, nurse]) {
      const error = await rejection(plansOf(clinician).agree(refOf(patientId, proposed)));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', 'Only the patient can do this.']);
    }
    expect(await snapshot(patientId, proposed.planId)).toEqual(before);
    await expect(plansOf(patient).agree({ ...refOf(patientId, proposed), reason: 'Evenings suit me' })).resolves.toMatchObject({ status: 'agreed' });
    const last = (await planVersions(h.db, proposed.planId)).at(-1);
    expect([last?.authorId, last?.authorRole, last?.reason]).toEqual([patient.id, 'patient', 'Evenings suit me']);
  });

  it('refuses another patient and a clinician off the team: they cannot read, comment or see a version', async () => {
    const { doc, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, 'proposed');
    const other = await careTeam();
    const outsider = await makeUser(h.db, 'clinician');
    for (const who of [other.patient, outsider]) {
      const calls = [
        () => plansOf(who).get({ patientId }),
        () => plansOf(who).version({ patientId, planId: plan.planId, version: 1 }),
        () => plansOf(who).diff({ patientId, planId: plan.planId, from: 1, to: 2 }),
        () => plansOf(who).comment({ patientId, planId: plan.planId, version: 1, body: 'Hello' }),
      ];
      for (const call of calls) {
        const error = await rejection(call());
        expect([error.code, error.message]).toEqual(['FORBIDDEN', NO_ACCESS]);
      }
    }
    // An editor of another patient, naming that patient with this plan's id, finds nothing either.
    await makePlan(h.db, other.doc, other.patient, 'draft');
    const crossed = { patientId: other.patientId, planId: plan.planId };
    for (const call of [
      () => plansOf(other.doc).propose({ ...crossed, expectedVersion: plan.version }),
      () => plansOf(other.doc).stop({ ...crossed, expectedVersion: plan.version, reason: 'Not mine' }),
      () => plansOf(other.doc).version({ ...crossed, version: 1 }),
      () => plansOf(other.doc).diff({ ...crossed, from: 1, to: 2 }),
      () => plansOf(other.doc).comment({ ...crossed, version: 1, body: 'Not mine' }),
    ]) {
      expect((await rejection(call())).code).toBe('NOT_FOUND');
    }
    expect(await planRow(h.db, plan.planId)).toMatchObject({ status: 'proposed', version: plan.version });
  });
});

describe('comments and change requests', () => {
  it('takes comments from the patient and from any care-team member, and shows them with their authors', async () => {
    const { doc, nurse, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, 'active');
    await plansOf(patient).comment({ patientId, planId: plan.planId, version: plan.version, body: '  Sleeping worse this week.  ' });
    await plansOf(nurse).comment({ patientId, planId: plan.planId, version: plan.version, body: 'Try the sleep hygiene sheet.' });
    await plansOf(doc).comment({ patientId, planId: plan.planId, version: 1, body: 'The first version had longer steps.' });
    const view = await viewOf(patient, patientId);
    expect(view.comments.map((c) => [c.kind, c.body, c.authorId, c.authorName, c.authorRole, c.discipline, c.version])).toEqual([
      ['comment', 'Sleeping worse this week.', patient.id, patient.name, 'patient', null, plan.version],
      ['comment', 'Try the sleep hygiene sheet.', nurse.id, nurse.name, 'clinician', 'nurse', plan.version],
      ['comment', 'The first version had longer steps.', doc.id, doc.name, 'clinician', 'prescriber', 1],
    ]);
    const events = (await auditAbout(h.db, patientId)).filter((e) => e.action === 'plan.comment');
    expect(events.map((e) => e.actorId)).toEqual([patient.id, nurse.id, doc.id]);
    expect(events.map((e) => e.entityId)).toEqual(view.comments.map((c) => c.id));
  });

  it('refuses a comment about a version that does not exist, and an empty one', async () => {
    const { doc, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, 'proposed');
    const future = await rejection(plansOf(patient).comment({ patientId, planId: plan.planId, version: plan.version + 1, body: 'From the future' }));
    expect([future.code, future.message]).toEqual(['BAD_REQUEST', 'That version does not exist.']);
    expect((await rejection(plansOf(patient).comment({ patientId, planId: plan.planId, version: 1, body: '   ' }))).code).toBe('BAD_REQUEST');
    expect((await planRowCounts(h.db, patientId)).comments).toBe(0);
  });

  it('does not let the patient comment on a draft they cannot see', async () => {
    const { doc, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, 'draft');
    const refused = await rejection(plansOf(patient).comment({ patientId, planId: plan.planId, version: 1, body: 'Hello?' }));
    expect(refused.code).toBe('NOT_FOUND');
    expect((await planRowCounts(h.db, patientId)).comments).toBe(0);
  });

  it('lets the patient ask for a change only while the plan is proposed to them', async () => {
    const { doc, patient, patientId } = await careTeam();
    const draft = await makePlan(h.db, doc, patient, 'draft');
    const body = 'Could the evening dose be at 21:00?';
    // A draft is not the patient's to see yet.
    const early = await rejection(plansOf(patient).requestChange({ patientId, planId: draft.planId, version: 1, body }));
    expect(early.code).toBe('NOT_FOUND');
    const proposed = await plansOf(doc).propose(refOf(patientId, draft));
    // Not the clinician's to ask.
    expect((await rejection(plansOf(doc).requestChange({ patientId, planId: draft.planId, version: proposed.version, body }))).code).toBe('FORBIDDEN');
    await plansOf(patient).requestChange({ patientId, planId: draft.planId, version: proposed.version, body });
    const agreed = await plansOf(patient).agree(refOf(patientId, proposed));
    const late = await rejection(plansOf(patient).requestChange({ patientId, planId: draft.planId, version: agreed.version, body }));
    expect([late.code, late.message]).toEqual(['BAD_REQUEST', 'You can ask for a change while the plan is proposed to you. Write a comment instead.']);
    const view = await viewOf(doc, patientId);
    expect(view.comments.map((c) => [c.kind, c.body, c.authorId, c.version])).toEqual([['change-request', body, patient.id, proposed.version]]);
    expect((await auditAbout(h.db, patientId)).filter((e) => e.action === 'plan.request_change').map((e) => e.actorId)).toEqual([patient.id]);
  });
});

describe('guardrails that store nothing', () => {
  it('refuses a second plan in progress for the same patient with CONFLICT', async () => {
    const { doc, patient, patientId } = await careTeam();
    const first = await makePlan(h.db, doc, patient, 'paused');
    const before = await snapshot(patientId, first.planId);
    const error = await rejection(plansOf(doc).create({ patientId, input: validTaperInput() }));
    expect([error.code, error.message]).toEqual(['CONFLICT', 'This patient already has a plan in progress. Open it to change it, or stop it first.']);
    expect(await snapshot(patientId, first.planId)).toEqual(before);
  });

  it('makes exactly one plan from 20 parallel creates', async () => {
    const { doc, patientId } = await careTeam();
    const results = await Promise.allSettled(Array.from({ length: 20 }, () => plansOf(doc).create({ patientId, input: validTaperInput() })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: unknown }).code] : []));
    expect(codes).toEqual(Array<string>(19).fill('CONFLICT'));
    expect(await planRowCounts(h.db, patientId)).toEqual({ plans: 1, versions: 1, comments: 0 });
  });

  it('refuses a patient with an intrathecal pump: BAD_REQUEST with the pump message, no rows', async () => {
    const { doc, patientId } = await careTeam({ hasIntrathecalPump: true });
    const auditBefore = (await auditAbout(h.db, patientId)).length;
    const error = await rejection(plansOf(doc).create({ patientId, input: validTaperInput() }));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', PUMP_MESSAGE]);
    expect(await planRowCounts(h.db, patientId)).toEqual({ plans: 0, versions: 0, comments: 0 });
    expect(await auditAbout(h.db, patientId)).toHaveLength(auditBefore);
    const view = await plansOf(doc).get({ patientId });
    expect(view.plan).toBeNull();
    expect(view.facts.hasIntrathecalPump).toBe(true);
  });

  it('refuses a dose above 80 mg/day without a clinical reason, on input.highDoseReason; with one it warns', async () => {
    const { doc, patientId } = await careTeam();
    const high = validTaperInput({
      currentDailyMg: 90, doseTimes: ['06:00', '12:00', '18:00', '22:00'], strategy: { kind: 'fixed', mgPerStep: 10 }, targetDailyMg: 60,
    });
    for (const highDoseReason of [undefined, '   ', 'no']) {
      const error = await rejection(plansOf(doc).create({ patientId, input: { ...high, highDoseReason } }));
      expect([error.code, error.message]).toEqual(['BAD_REQUEST', HIGH_DOSE_MESSAGE]);
      expect(appFieldErrors(error)).toEqual({ 'input.highDoseReason': [HIGH_DOSE_MESSAGE] });
    }
    // The browser gets the same field error.
    const res = await httpCall(h.db, doc, 'plans.create', { patientId, input: high });
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors).toEqual({ 'input.highDoseReason': [HIGH_DOSE_MESSAGE] });
    expect(await planRowCounts(h.db, patientId)).toEqual({ plans: 0, versions: 0, comments: 0 });

    const ok = await plansOf(doc).create({ patientId, input: { ...high, highDoseReason: 'Long-standing regimen, stable for years' } });
    const [version] = await planVersions(h.db, ok.planId);
    expect(version?.warnings).toEqual([{ code: 'above-label-maximum', maxDailyMg: 90, reason: 'Long-standing regimen, stable for years' }]);
    expect(version?.steps.map((s) => s.dailyMg)).toEqual([80, 70, 60]);
  });

  const TAKEABLE = '32 mg a day cannot be given with the formulations listed. Add the ones the patient uses now.';
  it.each([
    ['a target above the current dose', { targetDailyMg: 40 }, { 'input.targetDailyMg': ['The target dose must be lower than the current dose.'] }],
    ['a target equal to the current dose', { targetDailyMg: 30 }, { 'input.targetDailyMg': ['The target dose must be lower than the current dose.'] }],
    ['a dose the tablets cannot give', { currentDailyMg: 32 }, { 'input.currentDailyMg': [TAKEABLE] }],
    ['a target the tablets cannot give', { targetDailyMg: 2 }, { 'input.targetDailyMg': ['2 mg a day cannot be given with the formulations listed.'] }],
    ['a weight per dose time missing', { split: { kind: 'weighted', weights: [1, 2] } }, { 'input.split': ['Give one weight (0 or more) per dose time.'] }],
    ['a negative current dose', { currentDailyMg: -30 }, undefined],
    ['a negative cut', { strategy: { kind: 'fixed', mgPerStep: -5 } }, undefined],
    ['a negative step length', { stepDays: -14 }, undefined],
    ['a fractional step length', { stepDays: 1.5 }, undefined],
    ['an unknown field', { sneaky: true }, undefined],
    ['an unknown field in a formulation', { formulations: [{ kind: 'tablet', strengthMg: 10, scored: true, generic: true }] }, undefined],
    ['a start date that is not a date', { startDate: '2026-02-30' }, undefined],
  ] as const)('refuses %s with BAD_REQUEST and stores nothing', async (_label, override, fieldErrors) => {
    const { doc, patient, patientId } = await careTeam();
    const input = { ...validTaperInput(), ...override } as TaperInput;
    const created = await rejection(plansOf(doc).create({ patientId, input }));
    expect(created.code).toBe('BAD_REQUEST');
    if (fieldErrors) expect(appFieldErrors(created)).toEqual(fieldErrors);
    expect(await planRowCounts(h.db, patientId)).toEqual({ plans: 0, versions: 0, comments: 0 });
    // The same input refused as an edit leaves the draft as it was.
    const draft = await makePlan(h.db, doc, patient, 'draft');
    const before = await snapshot(patientId, draft.planId);
    const updated = await rejection(plansOf(doc).update({ ...refOf(patientId, draft), input, reason: 'Trying this' }));
    expect(updated.code).toBe('BAD_REQUEST');
    if (fieldErrors) expect(appFieldErrors(updated)).toEqual(fieldErrors);
    expect(await snapshot(patientId, draft.planId)).toEqual(before);
  });

  it('refuses negative and out-of-range adjustments with BAD_REQUEST', async () => {
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active');
    const ref = { ...refOf(patientId, active), reason: 'Symptoms' };
    const before = await snapshot(patientId, active.planId);
    for (const call of [
      () => plansOf(doc).extend({ ...ref, days: -7 }),
      () => plansOf(doc).extend({ ...ref, days: 0 }),
      () => plansOf(doc).slow({ ...ref, percent: -10 }),
      () => plansOf(doc).slow({ ...ref, percent: 80 }),
      () => plansOf(doc).stepBack({ ...ref, slowPercent: 0 }),
      () => plansOf(doc).editStep({ ...ref, index: 3, dailyMg: -5 }),
      () => plansOf(doc).editStep({ ...ref, index: -1, days: 7 }),
      () => plansOf(doc).editStep({ ...ref, index: 3 }),
      () => plansOf(doc).extend({ ...ref, reason: '', days: 7 }),
      () => plansOf(doc).extend({ ...refOf(patientId, active), reason: 'ok', days: 7, expectedVersion: 0 }),
    ]) {
      expect((await rejection(call())).code).toBe('BAD_REQUEST');
    }
    expect(await snapshot(patientId, active.planId)).toEqual(before);
  });
});

describe('optimistic concurrency', () => {
  it('refuses a save naming a stale version with CONFLICT naming the current version, and changes nothing', async () => {
    const { doc, patient, patientId } = await careTeam();
    const colleague = await makeUser(h.db, 'clinician', uniqueName('Dr Colleague'));
    await addToTeam(h.db, doc, patientId, colleague, { mayEditPlan: true });
    const draft = await makePlan(h.db, doc, patient, 'draft');
    // The colleague saves first...
    await plansOf(colleague).update({ ...refOf(patientId, draft), input: validTaperInput({ stepDays: 21 }), reason: 'Longer steps' });
    const before = await snapshot(patientId, draft.planId);
    // ...so the doctor's save, started from version 1, is stale.
    const stale = { ...refOf(patientId, draft), input: validTaperInput({ stepDays: 7 }), reason: 'Shorter steps' };
    const error = await rejection(plansOf(doc).update(stale));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe(
      `Someone else changed this plan since you opened it (version 2, edit by ${colleague.name}). Nothing was saved: review their change, then redo yours.`,
    );
    const res = await httpCall(h.db, doc, 'plans.update', stale);
    expect(res.status).toBe(409);
    expect(res.error?.data.code).toBe('CONFLICT');
    expect(res.error?.data.details).toEqual({ latestVersion: 2, action: 'edit', author: colleague.name, at: expect.any(String) });
    expect(await snapshot(patientId, draft.planId)).toEqual(before);
    expect((await planVersions(h.db, draft.planId)).at(-1)?.input.stepDays).toBe(21);
  });

  it.each(['update', 'extend'] as const)('makes exactly one new version from 20 parallel %s saves of the same version', async (action) => {
    const { doc, patient, patientId } = await careTeam();
    const plan = await makePlan(h.db, doc, patient, action === 'update' ? 'draft' : 'active');
    const versionsBefore = (await planVersions(h.db, plan.planId)).length;
    const auditBefore = (await auditAbout(h.db, patientId)).length;
    const save = (i: number) =>
      action === 'update'
        ? plansOf(doc).update({ ...refOf(patientId, plan), input: validTaperInput({ stepDays: 7 + i }), reason: `Save ${i}` })
        : plansOf(doc).extend({ ...refOf(patientId, plan), days: 1 + i, reason: `Save ${i}` });
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => save(i)));
    const fulfilled = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const codes = results.flatMap((r) => (r.status === 'rejected' ? [(r.reason as { code?: unknown }).code] : []));
    expect(fulfilled).toEqual([{ planId: plan.planId, version: plan.version + 1, status: plan.status }]);
    expect(codes).toEqual(Array<string>(19).fill('CONFLICT'));
    const versions = await planVersions(h.db, plan.planId);
    expect(versions).toHaveLength(versionsBefore + 1);
    expect(versions.map((v) => v.version)).toEqual(Array.from({ length: versionsBefore + 1 }, (_, i) => i + 1));
    expect(await planRow(h.db, plan.planId)).toMatchObject({ version: plan.version + 1 });
    expect(await auditAbout(h.db, patientId)).toHaveLength(auditBefore + 1);
    // The stored version is the winner's, whole.
    const winner = versions.at(-1);
    const i = Number(winner?.reason.replace('Save ', ''));
    if (action === 'update') expect(winner?.input.stepDays).toBe(7 + i);
    else expect(winner?.steps[0]?.days).toBe(14 + 1 + i);
  });
});

describe('adjustments', () => {
  it('steps back to the last tolerated dose from the patient’s local today, not the server’s', async () => {
    // 12:00 UTC on 16 January is already 01:00 on 17 January in Auckland.
    const now = at('2026-01-16T12:00:00Z');
    const { doc, patient, patientId } = await careTeam({ timeZone: 'Pacific/Auckland' });
    expect(localDate('Pacific/Auckland', now)).toBe('2026-01-17');
    const active = await makePlan(h.db, doc, patient, 'active', { input: JAN, now });
    const result = await stepBackPlan(h.db, doc, { ...refOf(patientId, active), reason: 'Spasms back at 20 mg', slowPercent: 25 }, now);
    expect(result).toMatchObject({ version: active.version + 1, status: 'active' });
    const [, latest] = (await planVersions(h.db, active.planId)).slice(-2);
    const steps = latest?.steps ?? [];
    expect(summary(steps.slice(0, 4))).toEqual([
      ['2026-01-01', '2026-01-14', 25],
      ['2026-01-15', '2026-01-16', 20], // the step that was not tolerated ends yesterday (local)
      ['2026-01-17', '2026-01-30', 25], // back to the last tolerated dose from today (local)
      ['2026-01-31', '2026-02-13', 22.5], // then a smaller cut than the 5 mg that was not tolerated
    ]);
    expect(steps[2]).toMatchObject({ cutMg: -5, notes: ['step-back'] });
    expect(latest?.input).toMatchObject({ strategy: { kind: 'fixed', mgPerStep: 5 }, slowFactor: 0.75 });
    expect(latest).toMatchObject({ action: 'step-back', reason: 'Spasms back at 20 mg', authorId: doc.id });
  });

  it('steps back through the API from the real today', async () => {
    const { doc, patient, patientId } = await careTeam();
    const today = localDate('Europe/London', new Date());
    // Started 20 days ago: the 20 mg step (days 14–27) is running.
    const active = await makePlan(h.db, doc, patient, 'active', { input: { startDate: addDays(today, -20) } });
    await plansOf(doc).stepBack({ ...refOf(patientId, active), reason: 'Restless nights' });
    const view = await plansOf(patient).get({ patientId });
    expect(view.today).toBe(today);
    const current = view.plan?.steps[view.plan.currentIndex ?? -1];
    expect(current).toMatchObject({ startDate: today, dailyMg: 25, notes: ['step-back'] });
    expect(view.plan?.steps[1]).toMatchObject({ dailyMg: 20, endDate: addDays(today, -1) });
  });

  it('a second step back goes to the dose before the one that was not tolerated; at the starting dose it is refused', async () => {
    const now = at('2026-01-17T12:00:00Z');
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active', { input: JAN, now });
    const back = await stepBackPlan(h.db, doc, { ...refOf(patientId, active), reason: 'Spasms', slowPercent: 25 }, now);
    // On 25 mg again; the step before it (20 mg) is the dose that failed, so the next step back is to the starting 30 mg.
    const again = await stepBackPlan(h.db, doc, { ...refOf(patientId, back), reason: 'Still spasms', slowPercent: 25 }, at('2026-01-19T12:00:00Z'));
    const steps = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    const running = steps.find((s) => s.startDate === '2026-01-19');
    expect(running).toMatchObject({ dailyMg: 30, notes: ['step-back'] });
    // Already on the starting dose: nothing higher was tolerated, so a step back is refused and changes nothing.
    const before = await snapshot(patientId, active.planId);
    await expect(stepBackPlan(h.db, doc, { ...refOf(patientId, again), reason: 'Again', slowPercent: 25 }, at('2026-01-20T12:00:00Z'))).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: 'The patient is already on the starting dose: there is no higher tolerated dose to return to. Pause or extend this step instead.',
    });
    expect(await snapshot(patientId, active.planId)).toEqual(before);
  });

  it('steps back from a pause: the plan is active again and the pause is over', async () => {
    const { doc, patient, patientId } = await careTeam();
    const paused = await makePlan(h.db, doc, patient, 'paused', { input: JAN, now: at('2026-01-18T12:00:00Z') });
    expect((await planRow(h.db, paused.planId)).pausedOn).toBe('2026-01-18');
    const result = await stepBackPlan(h.db, doc, { ...refOf(patientId, paused), reason: 'Worse while paused', slowPercent: 25 }, at('2026-01-20T12:00:00Z'));
    expect(result.status).toBe('active');
    expect((await planRow(h.db, paused.planId)).pausedOn).toBeNull();
    const steps = (await planVersions(h.db, paused.planId)).at(-1)?.steps ?? [];
    expect(steps[2]).toMatchObject({ startDate: '2026-01-20', dailyMg: 25, notes: ['step-back'] });
  });

  it('steps back from a long pause to the dose before the one held, not from where the unshifted schedule would be', async () => {
    const { doc, patient, patientId } = await careTeam();
    // Paused on 18 January during the 20 mg step (15–28 Jan); still paused on 5 February.
    const paused = await makePlan(h.db, doc, patient, 'paused', { input: JAN, now: at('2026-01-18T12:00:00Z') });
    await stepBackPlan(h.db, doc, { ...refOf(patientId, paused), reason: 'Spasms while paused', slowPercent: 25 }, at('2026-02-05T12:00:00Z'));
    const steps = (await planVersions(h.db, paused.planId)).at(-1)?.steps ?? [];
    expect(summary(steps.slice(0, 4))).toEqual([
      ['2026-01-01', '2026-01-14', 25],
      ['2026-01-15', '2026-02-04', 20], // held through the pause (not 15 mg from 29 January)
      ['2026-02-05', '2026-02-18', 25], // back to the dose before the one held
      ['2026-02-19', '2026-03-04', 22.5], // then a smaller cut than the one that was not tolerated
    ]);
    expect(steps[2]?.notes).toEqual(['step-back']);
    expect(await planRow(h.db, paused.planId)).toMatchObject({ status: 'active', pausedOn: null });
  });

  it('extends the running step; the later steps move on by as much', async () => {
    const now = at('2026-01-05T12:00:00Z');
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active', { input: JAN, now });
    const [old] = (await planVersions(h.db, active.planId)).slice(-1);
    await extendPlan(h.db, doc, { ...refOf(patientId, active), reason: 'Headaches', days: 7 }, now);
    const steps = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    const before = old?.steps ?? [];
    expect(steps[0]).toMatchObject({ startDate: '2026-01-01', endDate: '2026-01-21', days: 21, dailyMg: 25, notes: ['extended'] });
    expect(steps).toHaveLength(before.length);
    for (let i = 1; i < steps.length; i++) {
      expect([steps[i]?.startDate, steps[i]?.endDate, steps[i]?.dailyMg]).toEqual([
        addDays(before[i]?.startDate ?? '', 7), addDays(before[i]?.endDate ?? '', 7), before[i]?.dailyMg,
      ]);
    }
  });

  it('shifts the schedule by the length of a pause when it resumes', async () => {
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active', { input: JAN, now: at('2026-01-20T12:00:00Z') });
    const before = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    const paused = await pausePlan(h.db, doc, { ...refOf(patientId, active), reason: 'Hospital stay' }, at('2026-01-20T12:00:00Z'));
    expect(await planRow(h.db, active.planId)).toMatchObject({ status: 'paused', pausedOn: '2026-01-20' });
    // Pausing alone changes no dates.
    expect((await planVersions(h.db, active.planId)).at(-1)?.steps).toEqual(before);
    await resumePlan(h.db, doc, { ...refOf(patientId, paused), reason: 'Home again' }, at('2026-01-25T12:00:00Z'));
    expect(await planRow(h.db, active.planId)).toMatchObject({ status: 'active', pausedOn: null });
    const after = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    expect(after[0]).toEqual(before[0]);
    // The 20 mg step that was running when it paused lasts 5 days longer...
    expect(after[1]).toMatchObject({ startDate: '2026-01-15', endDate: '2026-02-02', days: 19, dailyMg: 20 });
    // ...and every later step moves on by the 5 days of the pause.
    expect(summary(after.slice(2))).toEqual(before.slice(2).map((s) => [addDays(s.startDate, 5), addDays(s.endDate, 5), s.dailyMg]));
  });

  it('slows the reduction: the cuts after the running step get smaller, the steps so far stay', async () => {
    const now = at('2026-01-09T12:00:00Z');
    const { doc, patient, patientId } = await careTeam();
    const liquid: Partial<TaperInput> = {
      ...JAN, currentDailyMg: 40, doseTimes: ['08:00', '20:00'], formulations: [{ kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }],
      strategy: { kind: 'fixed', mgPerStep: 4 }, stepDays: 7, targetDailyMg: 20,
    };
    const active = await makePlan(h.db, doc, patient, 'active', { input: liquid, now });
    const before = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    expect(before.map((s) => s.cutMg)).toEqual([4, 4, 4, 4, 4]);
    await slowPlan(h.db, doc, { ...refOf(patientId, active), reason: 'Anxious at each cut', percent: 25 }, now);
    const latest = (await planVersions(h.db, active.planId)).at(-1);
    const after = latest?.steps ?? [];
    expect(after.slice(0, 2)).toEqual(before.slice(0, 2));
    expect(after.map((s) => s.dailyMg)).toEqual([36, 32, 29, 26, 23, 20]);
    expect(after.map((s) => s.cutMg)).toEqual([4, 4, 3, 3, 3, 3]);
    expect(after[2]?.startDate).toBe('2026-01-15');
    expect(latest?.input).toMatchObject({ strategy: { kind: 'fixed', mgPerStep: 4 }, slowFactor: 0.75 });
  });

  it('edits a future step by hand; refuses a step already started and a dose increase, on their fields', async () => {
    const now = at('2026-01-05T12:00:00Z');
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active', { input: JAN, now });
    const ref = { ...refOf(patientId, active), reason: 'Adjusting by hand' };
    const before = await snapshot(patientId, active.planId);
    const past = await editPlanStep(h.db, doc, { ...ref, index: 0, days: 21 }, now).catch((e: unknown) => e);
    expect(past).toMatchObject({
      code: 'BAD_REQUEST',
      message: 'Only steps that have not started yet can be edited. Use an adjustment for the running step.',
      fieldErrors: { index: ['Only steps that have not started yet can be edited. Use an adjustment for the running step.'] },
    });
    const raise = await editPlanStep(h.db, doc, { ...ref, index: 2, dailyMg: 25 }, now).catch((e: unknown) => e);
    expect(raise).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { dailyMg: [expect.stringContaining('may not raise the dose')] } });
    const untakeable = await editPlanStep(h.db, doc, { ...ref, index: 2, dailyMg: 12 }, now).catch((e: unknown) => e);
    expect(untakeable).toMatchObject({ code: 'BAD_REQUEST', fieldErrors: { dailyMg: ['12 mg a day cannot be given with the formulations listed.'] } });
    expect(await snapshot(patientId, active.planId)).toEqual(before);

    const old = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    const edited = await editPlanStep(h.db, doc, { ...ref, index: 2, days: 21 }, now);
    expect(edited).toMatchObject({ version: active.version + 1, status: 'active' });
    const steps = (await planVersions(h.db, active.planId)).at(-1)?.steps ?? [];
    expect(steps.slice(0, 2)).toEqual(old.slice(0, 2));
    expect(steps[2]).toMatchObject({ startDate: '2026-01-29', endDate: '2026-02-18', days: 21, dailyMg: 15, notes: ['edited'] });
    expect(summary(steps.slice(3))).toEqual(old.slice(3).map((s) => [addDays(s.startDate, 7), addDays(s.endDate, 7), s.dailyMg]));
  });

  it('puts the field errors of an adjustment on the adjustment’s own fields (through the API)', async () => {
    const { doc, patient, patientId } = await careTeam();
    const active = await makePlan(h.db, doc, patient, 'active');
    const res = await httpCall(h.db, doc, 'plans.editStep', { ...refOf(patientId, active), reason: 'By hand', index: 0, days: 21 });
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors).toEqual({ index: ['Only steps that have not started yet can be edited. Use an adjustment for the running step.'] });
    const missing = await httpCall(h.db, doc, 'plans.editStep', { ...refOf(patientId, active), reason: 'By hand', index: 40, days: 21 });
    expect(missing.error?.data.fieldErrors).toEqual({ index: ['There is no such step.'] });
  });

  it('takes an agreed plan back to draft when a step is edited: the patient has not agreed to the change', async () => {
    const now = at('2026-01-05T12:00:00Z');
    const { doc, patient, patientId } = await careTeam();
    const agreed = await makePlan(h.db, doc, patient, 'agreed', { input: { startDate: '2026-02-01' }, now });
    const edited = await editPlanStep(h.db, doc, { ...refOf(patientId, agreed), reason: 'Longer first step', index: 0, days: 21 }, now);
    expect(edited).toMatchObject({ version: agreed.version + 1, status: 'draft' });
    const activate = await activatePlan(h.db, doc, { ...refOf(patientId, edited), reason: '' }, now).catch((e: unknown) => e);
    expect(activate).toMatchObject({ code: 'BAD_REQUEST' });
    // Proposed and agreed again, it can start.
    const proposed = await plansOf(doc).propose(refOf(patientId, edited));
    const again = await agreePlan(h.db, patient, { ...refOf(patientId, proposed), reason: '' }, now);
    await expect(activatePlan(h.db, doc, { ...refOf(patientId, again), reason: '' }, now)).resolves.toMatchObject({ status: 'active' });
  });
});

describe('reading a plan', () => {
  it('returns the open plan with its versions, newest first with author names, and the comments', async () => {
    const { doc, nurse, patient, patientId } = await careTeam();
    const proposed = await makePlan(h.db, doc, patient, 'proposed');
    await plansOf(patient).requestChange({ patientId, planId: proposed.planId, version: proposed.version, body: 'Later evening dose, please.' });
    const edited = await plansOf(doc).update({
      ...refOf(patientId, proposed), input: validTaperInput({ doseTimes: ['08:00', '14:00', '23:00'] }), reason: 'Evening dose at 23:00',
    });
    const reproposed = await plansOf(doc).propose({ ...refOf(patientId, edited), reason: 'As you asked' });
    const byDoc = (version: number, action: string, status: string, reason: string) =>
      [version, action, status, doc.id, doc.name, 'clinician', 'prescriber', reason];
    const row = (v: { version: number; action: string; status: string; authorId: string; authorName: string; authorRole: string; discipline: string | null; reason: string }) =>
      [v.version, v.action, v.status, v.authorId, v.authorName, v.authorRole, v.discipline, v.reason];
    for (const who of [patient, doc, nurse]) {
      const view = await viewOf(who, patientId);
      expect(view.plan).toMatchObject({ id: proposed.planId, status: 'proposed', version: reproposed.version, currentIndex: null, pausedOn: null });
      expect(view.plan.input.doseTimes).toEqual(['08:00', '14:00', '23:00']);
      expect(view.plan.steps[0]?.doses.map((d) => d.time)).toEqual(['08:00', '14:00', '23:00']);
      expect(view.comments.map((c) => [c.kind, c.authorName, c.body])).toEqual([['change-request', patient.name, 'Later evening dose, please.']]);
      const all = [
        byDoc(4, 'propose', 'proposed', 'As you asked'),
        byDoc(3, 'edit', 'draft', 'Evening dose at 23:00'),
        byDoc(2, 'propose', 'proposed', ''),
        byDoc(1, 'create', 'draft', 'First plan'),
      ];
      // The patient sees what was proposed to them; drafts are the team's working copies.
      expect(view.versions.map(row)).toEqual(who === patient ? all.filter((v) => v[2] !== 'draft') : all);
    }
  });

  it('shows the patient no draft: the plan is "being prepared" until it is proposed', async () => {
    const { doc, patient, patientId } = await careTeam();
    const draft = await makePlan(h.db, doc, patient, 'draft');
    expect(await plansOf(patient).get({ patientId })).toMatchObject({ plan: null, preparing: true });
    expect((await rejection(plansOf(patient).version({ patientId, planId: draft.planId, version: 1 }))).code).toBe('NOT_FOUND');
    expect((await viewOf(doc, patientId)).plan).toMatchObject({ id: draft.planId, status: 'draft' });
  });

  it('shows the running step of an active plan, nothing for a patient without plans, and the last finished plan after one ends', async () => {
    const { doc, patient, patientId } = await careTeam();
    expect(await plansOf(patient).get({ patientId })).toEqual({
      plan: null, preparing: false, facts: expect.objectContaining({ timeZone: 'Europe/London' }), today: expect.any(String),
    });
    const today = localDate('Europe/London', new Date());
    const active = await makePlan(h.db, doc, patient, 'active', { input: { startDate: addDays(today, -15) } });
    expect((await plansOf(patient).get({ patientId })).plan).toMatchObject({ status: 'active', currentIndex: 1 });
    await plansOf(doc).stop({ ...refOf(patientId, active), reason: 'Changed medication' });
    const view = await plansOf(patient).get({ patientId });
    expect(view.plan).toMatchObject({ id: active.planId, status: 'stopped', currentIndex: null });
  });

  it('shows a paused plan at the step it was paused on, however long the pause', async () => {
    const { doc, patient, patientId } = await careTeam();
    await makePlan(h.db, doc, patient, 'paused', { input: JAN, now: at('2026-01-18T12:00:00Z') });
    // Three weeks later the unshifted schedule would be on its 15 mg step; the patient still holds 20 mg.
    const view = await getPlanView(h.db, patientId, 'patient', at('2026-02-08T12:00:00Z'));
    expect(view.today).toBe('2026-02-08');
    expect(view.plan).toMatchObject({ status: 'paused', pausedOn: '2026-01-18', currentIndex: 1 });
    expect(view.plan?.steps[1]?.dailyMg).toBe(20);
  });

  it('gives one version, and names what changed between two', async () => {
    const now = at('2026-01-05T12:00:00Z');
    const { doc, patient, patientId } = await careTeam();
    const draft = await makePlan(h.db, doc, patient, 'draft', { input: JAN });
    const edited = await plansOf(doc).update({ ...refOf(patientId, draft), input: validTaperInput({ ...JAN, currentDailyMg: 40 }), reason: 'Actually on 40 mg' });
    const v1 = await plansOf(doc).version({ patientId, planId: draft.planId, version: 1 });
    expect(v1).toMatchObject({ version: 1, status: 'draft', action: 'create', reason: 'First plan' });
    expect(v1.steps.map((s) => s.dailyMg)).toEqual([25, 20, 15, 10, 5, 0]);
    const diff = await plansOf(doc).diff({ patientId, planId: draft.planId, from: 1, to: 2 });
    const v2 = await plansOf(doc).version({ patientId, planId: draft.planId, version: 2 });
    // In clinical words: the starting dose, and the doses by date from the first day on.
    expect(diff.changes).toContainEqual({ kind: 'currentDose', before: 30, after: 40 });
    expect(diff.changes[0]).toMatchObject({ kind: 'dose', from: '2026-01-01', beforeMg: 25, afterMg: 35 });
    expect(diff.changes).toContainEqual({ kind: 'stepCount', before: v1.steps.length, after: v2.steps.length });

    // An extension shows as the longer step, the later end and the days each dose moved to, nothing else.
    const proposed = await plansOf(doc).propose(refOf(patientId, edited));
    const agreed = await agreePlan(h.db, patient, { ...refOf(patientId, proposed), reason: '' }, now);
    const active = await activatePlan(h.db, doc, { ...refOf(patientId, agreed), reason: '' }, now);
    const extended = await extendPlan(h.db, doc, { ...refOf(patientId, active), reason: 'Tired', days: 7 }, now);
    const moved = await plansOf(patient).diff({ patientId, planId: draft.planId, from: active.version, to: extended.version });
    expect(new Set(moved.changes.map((c) => c.kind))).toEqual(new Set(['dose', 'endDate', 'stepLength']));
    expect(moved.changes.filter((c) => c.kind === 'stepLength')).toEqual([{ kind: 'stepLength', index: 0, before: 14, after: 21 }]);
    expect(moved.changes).toContainEqual({ kind: 'endDate', before: v2.steps.at(-1)?.endDate, after: addDays(v2.steps.at(-1)?.endDate ?? '', 7) });
    const doses = moved.changes.flatMap((c) => (c.kind === 'dose' ? [c] : []));
    expect(doses[0]).toEqual({ kind: 'dose', from: '2026-01-15', to: '2026-01-21', beforeMg: 30, afterMg: 35 });
    // Every later dose lasts a week longer: a week of the higher dose at each step's old start.
    expect(doses.every((d) => d.to !== null && daysBetween(d.from, d.to) === 6 && d.afterMg > d.beforeMg)).toBe(true);
    expect(doses).toHaveLength(v2.steps.length - 1);

    // Drafts are not the patient's to read; a version that does not exist is nobody's.
    expect((await rejection(plansOf(patient).diff({ patientId, planId: draft.planId, from: 1, to: 2 }))).code).toBe('NOT_FOUND');
    const missing = await rejection(plansOf(doc).version({ patientId, planId: draft.planId, version: 99 }));
    expect([missing.code, missing.message]).toEqual(['NOT_FOUND', 'This plan version was not found.']);
  });
});

