// Prescribing rights through the API, against a real database: who may start a plan and change its doses,
// the care-team discipline each account gives, the administrator who sets both, the team that keeps a
// prescriber while a plan runs, the sign-off each plan version records, and the intrathecal pump.
import { and, eq } from 'drizzle-orm';
import { renderError } from '~/i18n/errors';
import { describe, expect, it } from 'vitest';
import { alerts, auditEvents, patientProfiles } from '~/db/schema';
import { PRESCRIBER_ONLY, PRESCRIBER_ONLY_DECISION } from '~/server/api/trpc';
import type { SessionUser } from '~/server/auth/session';
import type { PlanStatus } from '~/server/plans/service';
import { addToTeam, appFieldErrors, auditAbout, auditBy, callerFor, makeNonPrescriber, makePatient, makePlan, makeUser, planRow, planRowCounts, planVersions, rejection, uniqueName, userRow, validTaperInput, type PlanRef } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const PUMP_MESSAGE =
  'This patient has an intrathecal baclofen pump. Taperline does not plan tapers for pump patients: pump doses are managed by the pump team, and pump withdrawal is an emergency.';

/** A patient added by a prescriber (`doc`), with a physiotherapist (`physio`) who may edit the plan but not prescribe. */
async function team() {
  const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Rx'));
  const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
  const p = await makePatient(h.db, doc);
  await addToTeam(h.db, doc, p.patientId, physio, { mayEditPlan: true });
  return { doc, physio, patient: p.user, patientId: p.patientId };
}

const refOf = (patientId: string, plan: PlanRef) => ({ patientId, planId: plan.planId, expectedVersion: plan.version });

async function teamOf(by: SessionUser, patientId: string) {
  const record = await callerFor(h.db, by).patients.get({ patientId });
  return Object.fromEntries(record.careTeam.map((m) => [m.clinicianId, { discipline: m.discipline, mayEditPlan: m.mayEditPlan, mayPrescribe: m.mayPrescribe }]));
}

/** Everything a refused plan call must leave as it was. */
async function planState(patientId: string, planId: string) {
  return { plan: await planRow(h.db, planId), rows: await planRowCounts(h.db, patientId), audit: (await auditAbout(h.db, patientId)).length };
}

describe('a plan editor who may not prescribe', () => {
  it('creates and edits a draft, which awaits a prescriber’s sign-off', async () => {
    const { physio, patientId } = await team();
    const api = callerFor(h.db, physio).plans;
    const created = await api.create({ patientId, input: validTaperInput(), reason: 'Suggested after the gait assessment' });
    const edited = await api.update({ patientId, planId: created.planId, expectedVersion: 1, input: validTaperInput({ stepDays: 21 }), reason: 'Longer steps' });
    expect(edited).toMatchObject({ version: 2, status: 'draft' });
    expect((await planVersions(h.db, created.planId)).map((v) => [v.action, v.authorId, v.signedOffBy])).toEqual([
      ['create', physio.id, null],
      ['edit', physio.id, null],
    ]);
    const view = await callerFor(h.db, physio).plans.get({ patientId });
    expect(view.versions?.map((v) => [v.version, v.signedOffBy, v.signedOffByName])).toEqual([[2, null, null], [1, null, null]]);
  });

  const refused: [string, Exclude<PlanStatus, 'completed' | 'stopped'>, (ref: ReturnType<typeof refOf>, who: SessionUser) => Promise<unknown>][] = [
    ['propose', 'draft', (ref, who) => callerFor(h.db, who).plans.propose({ ...ref, reason: '' })],
    ['activate', 'agreed', (ref, who) => callerFor(h.db, who).plans.activate({ ...ref, reason: '' })],
    ['resume', 'paused', (ref, who) => callerFor(h.db, who).plans.resume({ ...ref, reason: 'Better now' })],
    ['slow', 'active', (ref, who) => callerFor(h.db, who).plans.slow({ ...ref, reason: 'Anxious', percent: 25 })],
    ['stepBack', 'active', (ref, who) => callerFor(h.db, who).plans.stepBack({ ...ref, reason: 'Spasms' })],
    ['editStep', 'active', (ref, who) => callerFor(h.db, who).plans.editStep({ ...ref, reason: 'Longer', index: 1, days: 21 })],
    ['complete', 'active', (ref, who) => callerFor(h.db, who).plans.complete({ ...ref, reason: 'Done' })],
    ['stop', 'active', (ref, who) => callerFor(h.db, who).plans.stop({ ...ref, reason: 'Enough' })],
  ];
  it.each(refused)('is refused %s (plan %s) with FORBIDDEN saying only a prescriber can, and nothing changes', async (_name, status, call) => {
    const { doc, physio, patient, patientId } = await team();
    const plan = await makePlan(h.db, doc, patient, status);
    const before = await planState(patientId, plan.planId);
    const error = await rejection(call(refOf(patientId, plan), physio));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(PRESCRIBER_ONLY)]);
    expect(await planState(patientId, plan.planId)).toEqual(before);
  });

  it('pauses and extends a running plan: holding the dose keeps the prescriber’s sign-off', async () => {
    const { doc, physio, patient, patientId } = await team();
    const active = await makePlan(h.db, doc, patient, 'active');
    const api = callerFor(h.db, physio).plans;
    const extended = await api.extend({ ...refOf(patientId, active), reason: 'Tight calves this week', days: 7 });
    const paused = await api.pause({ ...refOf(patientId, { ...active, version: extended.version }), reason: 'Holiday' });
    expect(paused.status).toBe('paused');
    const versions = await planVersions(h.db, active.planId);
    expect(versions.slice(-2).map((v) => [v.action, v.authorId, v.signedOffBy])).toEqual([
      ['extend', physio.id, doc.id],
      ['pause', physio.id, doc.id],
    ]);
  });

  it.each(['advance', 'slow', 'step-back'] as const)('is refused the step decision %s, and nothing changes', async (decision) => {
    const { doc, physio, patient, patientId } = await team();
    const active = await makePlan(h.db, doc, patient, 'active');
    const before = await planState(patientId, active.planId);
    const error = await rejection(callerFor(h.db, physio).decisions.record({ ...refOf(patientId, active), decision, reason: 'Looks fine to me' }));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(PRESCRIBER_ONLY_DECISION)]);
    expect(await planState(patientId, active.planId)).toEqual(before);
  });

  it.each(['hold', 'pause'] as const)('decides %s, which the plan records with the prescriber’s sign-off carried', async (decision) => {
    const { doc, physio, patient, patientId } = await team();
    const active = await makePlan(h.db, doc, patient, 'active');
    const result = await callerFor(h.db, physio).decisions.record({ ...refOf(patientId, active), decision, days: decision === 'hold' ? 7 : undefined, reason: 'Spasticity is up' });
    expect(result).toEqual({ decision, planVersion: active.version + 1 });
    const [last] = (await planVersions(h.db, active.planId)).slice(-1);
    expect([last?.authorId, last?.signedOffBy]).toEqual([physio.id, doc.id]);
  });

  it('sees that they may edit but not prescribe; the prescriber sees both', async () => {
    const { doc, physio, patientId } = await team();
    expect((await callerFor(h.db, physio).patients.get({ patientId })).access).toMatchObject({ mayEditPlan: true, mayPrescribe: false });
    expect((await callerFor(h.db, doc).patients.get({ patientId })).access).toMatchObject({ mayEditPlan: true, mayPrescribe: true });
  });
});

describe('a care team member’s discipline', () => {
  it('comes from the adding clinician’s account, who joins as a plan editor', async () => {
    const cases = [
      [makeNonPrescriber(h.db, uniqueName('Physio')), 'physiotherapist'],
      [makeUser(h.db, 'clinician', uniqueName('NP'), { profession: 'nurse-practitioner', mayPrescribe: true }), 'prescriber'],
      [makeUser(h.db, 'clinician', uniqueName('Resident'), { profession: 'physician', mayPrescribe: false }), 'other'],
      [makeNonPrescriber(h.db, uniqueName('Pharmacist'), 'pharmacist'), 'pharmacist'],
    ] as const;
    for (const [made, discipline] of cases) {
      const who = await made;
      const added = await makePatient(h.db, who);
      expect((await teamOf(who, added.patientId))[who.id]).toEqual({ discipline, mayEditPlan: true, mayPrescribe: discipline === 'prescriber' });
    }
  });

  it('comes from a colleague’s account when they are added, and cannot be chosen', async () => {
    const { doc, patientId } = await team();
    const nurse = await makeNonPrescriber(h.db, uniqueName('Nurse'), 'nurse');
    await callerFor(h.db, doc).patients.addCareTeamMember({ patientId, clinicianEmail: nurse.email, mayEditPlan: false });
    expect((await teamOf(doc, patientId))[nurse.id]).toEqual({ discipline: 'nurse', mayEditPlan: false, mayPrescribe: false });
    const other = await makeNonPrescriber(h.db, uniqueName('Psychologist'), 'psychologist');
    const error = await rejection(
      callerFor(h.db, doc).patients.addCareTeamMember({ patientId, clinicianEmail: other.email, discipline: 'prescriber', mayEditPlan: true } as never),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect((await teamOf(doc, patientId))[other.id]).toBeUndefined();
  });

  it('makes a prescriber who may not edit this plan no prescriber here', async () => {
    const { doc, patientId, patient } = await team();
    const colleague = await makeUser(h.db, 'clinician', uniqueName('Dr Reader'));
    await addToTeam(h.db, doc, patientId, colleague, { mayEditPlan: false });
    expect((await teamOf(doc, patientId))[colleague.id]).toEqual({ discipline: 'prescriber', mayEditPlan: false, mayPrescribe: false });
    const draft = await makePlan(h.db, doc, patient, 'draft');
    const error = await rejection(callerFor(h.db, colleague).plans.propose({ ...refOf(patientId, draft), reason: '' }));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You may not edit this patient’s plan or care team.']);
  });
});

describe('an administrator setting a clinician’s profession and prescribing right', () => {
  it('is audited with before and after, and the clinician’s disciplines on every team follow in the same change', async () => {
    const admin = await makeUser(h.db, 'admin');
    const { doc, physio, patientId } = await team();
    const second = await makePatient(h.db, doc);
    await addToTeam(h.db, doc, second.patientId, physio, { mayEditPlan: false });
    const result = await callerFor(h.db, admin).admin.updateClinician({ userId: physio.id, profession: 'physiotherapist', mayPrescribe: true });
    expect(result).toEqual({ ok: true, disciplinesChanged: 2, plansWithoutPrescriber: 0 });
    expect(await userRow(h.db, physio.id)).toMatchObject({ profession: 'physiotherapist', mayPrescribe: true });
    expect((await teamOf(doc, patientId))[physio.id]).toEqual({ discipline: 'prescriber', mayEditPlan: true, mayPrescribe: true });
    expect((await teamOf(doc, second.patientId))[physio.id]).toEqual({ discipline: 'prescriber', mayEditPlan: false, mayPrescribe: false });
    const [first, ...teams] = (await auditBy(h.db, admin.id)).map((e) => [e.action, e.entityId, e.patientId, e.before, e.after]);
    expect(first).toEqual(['user.update_profession', physio.id, null, { profession: 'physiotherapist', mayPrescribe: false }, { profession: 'physiotherapist', mayPrescribe: true }]);
    const followed = (id: string) => ['care_team.update', physio.id, id, { discipline: 'physiotherapist' }, { discipline: 'prescriber', via: 'account' }];
    expect(teams).toHaveLength(2);
    expect(teams).toEqual(expect.arrayContaining([followed(patientId), followed(second.patientId)]));
  });

  it('takes effect at once: the new prescriber may propose, and once the right is taken away may not', async () => {
    const admin = await makeUser(h.db, 'admin');
    const { doc, physio, patient, patientId } = await team();
    const draft = await makePlan(h.db, doc, patient, 'draft');
    await callerFor(h.db, admin).admin.updateClinician({ userId: physio.id, profession: 'physiotherapist', mayPrescribe: true });
    const proposed = await callerFor(h.db, physio).plans.propose({ ...refOf(patientId, draft), reason: 'Ready' });
    expect((await planVersions(h.db, draft.planId)).at(-1)?.signedOffBy).toBe(physio.id);
    await callerFor(h.db, admin).admin.updateClinician({ userId: physio.id, profession: 'physiotherapist', mayPrescribe: false });
    expect((await teamOf(doc, patientId))[physio.id]?.discipline).toBe('physiotherapist');
    const error = await rejection(callerFor(h.db, physio).plans.stop({ patientId, planId: draft.planId, expectedVersion: proposed.version, reason: 'No' }));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(PRESCRIBER_ONLY)]);
  });

  it('is never refused for taking the right away, but says how many plans in progress are left without a prescriber', async () => {
    const admin = await makeUser(h.db, 'admin');
    const { doc, patient } = await team();
    await makePlan(h.db, doc, patient, 'active');
    const result = await callerFor(h.db, admin).admin.updateClinician({ userId: doc.id, profession: 'physician', mayPrescribe: false });
    expect(result).toMatchObject({ ok: true, plansWithoutPrescriber: 1 });
  });

  it('refuses an administrator’s or a patient’s account (BAD_REQUEST on profession) and an unknown one (NOT_FOUND), changing nothing', async () => {
    const admin = await makeUser(h.db, 'admin');
    const other = await makeUser(h.db, 'admin');
    const { patientId } = await team();
    for (const userId of [other.id, patientId]) {
      const error = await rejection(callerFor(h.db, admin).admin.updateClinician({ userId, profession: 'physician', mayPrescribe: true }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(appFieldErrors(error)).toEqual({ profession: ['Only clinician accounts have a profession and may prescribe.'] });
      expect(await userRow(h.db, userId)).toMatchObject({ profession: null, mayPrescribe: false });
    }
    const unknown = await rejection(callerFor(h.db, admin).admin.updateClinician({ userId: '3f0c1d2e-8a65-4d57-bb33-0d6a1e3b2c10', profession: 'physician', mayPrescribe: true }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(await auditBy(h.db, admin.id)).toEqual([]);
  });

  it('refuses a profession that is not one: a field error', async () => {
    const admin = await makeUser(h.db, 'admin');
    const physio = await makeNonPrescriber(h.db);
    const error = await rejection(callerFor(h.db, admin).admin.updateClinician({ userId: physio.id, profession: 'wizard' as 'other', mayPrescribe: false }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(await userRow(h.db, physio.id)).toMatchObject({ profession: 'physiotherapist' });
  });
});

describe('the last prescriber on a team with a plan in progress', () => {
  const LAST_PRESCRIBER = (status: string) =>
    `This patient’s plan is ${status}: the care team must keep a prescriber who may edit the plan. Add another prescriber with plan editing first.`;

  it.each(['proposed', 'agreed', 'active', 'paused'] as const)('cannot be removed or lose plan editing while the plan is %s', async (status) => {
    const { doc, physio, patient, patientId } = await team();
    await makePlan(h.db, doc, patient, status);
    const api = callerFor(h.db, physio).patients;
    const demote = await rejection(api.updateCareTeamMember({ patientId, clinicianId: doc.id, mayEditPlan: false }));
    expect([demote.code, demote.message]).toEqual(['BAD_REQUEST', LAST_PRESCRIBER(status)]);
    expect(appFieldErrors(demote)).toEqual({ mayEditPlan: [LAST_PRESCRIBER(status)] });
    const remove = await rejection(api.removeCareTeamMember({ patientId, clinicianId: doc.id }));
    expect([remove.code, remove.message]).toEqual(['BAD_REQUEST', LAST_PRESCRIBER(status)]);
    expect((await teamOf(doc, patientId))[doc.id]).toEqual({ discipline: 'prescriber', mayEditPlan: true, mayPrescribe: true });
    // Another prescriber with plan editing first, then the first may go.
    const colleague = await makeUser(h.db, 'clinician', uniqueName('Dr Next'));
    await addToTeam(h.db, doc, patientId, colleague, { mayEditPlan: true });
    await expect(api.removeCareTeamMember({ patientId, clinicianId: doc.id })).resolves.toEqual({ ok: true });
  });

  it.each(['draft', 'completed', 'stopped'] as const)('may leave while the plan is %s', async (status) => {
    const { doc, physio, patient, patientId } = await team();
    await makePlan(h.db, doc, patient, status);
    await expect(callerFor(h.db, physio).patients.updateCareTeamMember({ patientId, clinicianId: doc.id, mayEditPlan: false })).resolves.toEqual({ ok: true });
  });

  it('does not protect a plan editor who may not prescribe', async () => {
    const { doc, physio, patient, patientId } = await team();
    await makePlan(h.db, doc, patient, 'active');
    await expect(callerFor(h.db, doc).patients.removeCareTeamMember({ patientId, clinicianId: physio.id })).resolves.toEqual({ ok: true });
  });
});

describe('the sign-off on each plan version', () => {
  it('is the prescriber’s for what they do, carried through the patient’s agreement, and none for a draft no prescriber has signed', async () => {
    const { doc, physio, patient, patientId } = await team();
    const draft = await callerFor(h.db, physio).plans.create({ patientId, input: validTaperInput(), reason: 'A suggestion' });
    const ref = { patientId, planId: draft.planId };
    await callerFor(h.db, doc).plans.update({ ...ref, expectedVersion: 1, input: validTaperInput({ stepDays: 21 }), reason: 'Longer steps' });
    await callerFor(h.db, doc).plans.propose({ ...ref, expectedVersion: 2, reason: '' });
    await callerFor(h.db, patient).plans.agree({ ...ref, expectedVersion: 3, reason: '' });
    await callerFor(h.db, doc).plans.activate({ ...ref, expectedVersion: 4, reason: '' });
    expect((await planVersions(h.db, draft.planId)).map((v) => [v.action, v.signedOffBy])).toEqual([
      ['create', null], ['edit', doc.id], ['propose', doc.id], ['agree', doc.id], ['activate', doc.id],
    ]);
    // The patient sees who signed off what they agreed to; the team sees every version.
    const mine = await callerFor(h.db, patient).plans.get({ patientId });
    expect(mine.versions?.map((v) => [v.action, v.signedOffByName])).toEqual([['activate', doc.name], ['agree', doc.name], ['propose', doc.name]]);
    const teams = await callerFor(h.db, physio).plans.get({ patientId });
    expect(teams.versions?.map((v) => [v.action, v.signedOffByName])).toEqual([
      ['activate', doc.name], ['agree', doc.name], ['propose', doc.name], ['edit', doc.name], ['create', null],
    ]);
  });

  it('is lost when a plan editor who may not prescribe edits a proposed plan back to a draft', async () => {
    const { doc, physio, patient, patientId } = await team();
    const proposed = await makePlan(h.db, doc, patient, 'proposed');
    const edited = await callerFor(h.db, physio).plans.update({ ...refOf(patientId, proposed), input: validTaperInput({ stepDays: 28 }), reason: 'Slower, for the gym' });
    expect(edited.status).toBe('draft');
    expect((await planVersions(h.db, proposed.planId)).at(-1)).toMatchObject({ action: 'edit', authorId: physio.id, signedOffBy: null });
  });
});

describe('an intrathecal pump', () => {
  /** Records a pump on the profile directly, as if recorded before this rule: the plan stays open. */
  async function pumpBehindTheBack(patientId: string) {
    await h.db.update(patientProfiles).set({ hasIntrathecalPump: true }).where(eq(patientProfiles.patientId, patientId));
  }

  const transitions: [string, Exclude<PlanStatus, 'completed' | 'stopped'>, (ref: ReturnType<typeof refOf>, w: Awaited<ReturnType<typeof team>>) => Promise<unknown>][] = [
    ['update', 'draft', (ref, w) => callerFor(h.db, w.doc).plans.update({ ...ref, input: validTaperInput({ stepDays: 21 }), reason: 'Longer' })],
    ['propose', 'draft', (ref, w) => callerFor(h.db, w.doc).plans.propose({ ...ref, reason: '' })],
    ['agree', 'proposed', (ref, w) => callerFor(h.db, w.patient).plans.agree({ ...ref, reason: '' })],
    ['activate', 'agreed', (ref, w) => callerFor(h.db, w.doc).plans.activate({ ...ref, reason: '' })],
    ['pause', 'active', (ref, w) => callerFor(h.db, w.physio).plans.pause({ ...ref, reason: 'Hold' })],
    ['resume', 'paused', (ref, w) => callerFor(h.db, w.doc).plans.resume({ ...ref, reason: 'Go on' })],
    ['extend', 'active', (ref, w) => callerFor(h.db, w.doc).plans.extend({ ...ref, reason: 'Longer', days: 7 })],
    ['slow', 'active', (ref, w) => callerFor(h.db, w.doc).plans.slow({ ...ref, reason: 'Slower', percent: 25 })],
    ['stepBack', 'paused', (ref, w) => callerFor(h.db, w.doc).plans.stepBack({ ...ref, reason: 'Back' })],
    ['editStep', 'agreed', (ref, w) => callerFor(h.db, w.doc).plans.editStep({ ...ref, reason: 'Longer', index: 1, days: 21 })],
    ['complete', 'active', (ref, w) => callerFor(h.db, w.doc).plans.complete({ ...ref, reason: 'Done' })],
    ['decision hold', 'active', (ref, w) => callerFor(h.db, w.doc).decisions.record({ ...ref, decision: 'hold', days: 7, reason: 'Hold a week' })],
  ];
  it.each(transitions)('refuses %s (plan %s) with the engine’s pump message, and nothing changes', async (_name, status, call) => {
    const w = await team();
    const plan = await makePlan(h.db, w.doc, w.patient, status);
    await pumpBehindTheBack(w.patientId);
    const before = await planState(w.patientId, plan.planId);
    const error = await rejection(call(refOf(w.patientId, plan), w));
    expect([error.code, error.message]).toEqual(['BAD_REQUEST', PUMP_MESSAGE]);
    expect(await planState(w.patientId, plan.planId)).toEqual(before);
  });

  it('still lets the prescriber stop the plan', async () => {
    const { doc, patient, patientId } = await team();
    const active = await makePlan(h.db, doc, patient, 'active');
    await pumpBehindTheBack(patientId);
    await expect(callerFor(h.db, doc).plans.stop({ ...refOf(patientId, active), reason: 'Pump fitted' })).resolves.toMatchObject({ status: 'stopped' });
  });

  const profile = (patientId: string, hasIntrathecalPump: boolean) => ({
    patientId, dateOfBirth: null, conditions: 'Multiple sclerosis', renalFunction: 'normal' as const, hasIntrathecalPump, timeZone: 'Europe/London',
  });

  it.each(['active', 'draft', 'paused'] as const)('recorded on a patient whose plan is %s stops the plan and raises an urgent alert, in one audited change', async (status) => {
    const { doc, physio, patient, patientId } = await team();
    const plan = await makePlan(h.db, doc, patient, status);
    const result = await callerFor(h.db, physio).patients.updateProfile(profile(patientId, true));
    expect(result).toMatchObject({ ok: true, stoppedPlan: { planId: plan.planId, version: plan.version + 1, alertId: expect.any(String) } });
    expect(await planRow(h.db, plan.planId)).toMatchObject({ status: 'stopped', version: plan.version + 1 });
    const [last] = (await planVersions(h.db, plan.planId)).slice(-1);
    expect(last).toMatchObject({ action: 'stop', status: 'stopped', authorId: physio.id, signedOffBy: null });
    expect(last?.reason).toContain('An intrathecal baclofen pump was recorded');
    const raised = await h.db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.kind, 'plan-safety')));
    expect(raised.map((a) => [a.severity, a.code, a.evidence])).toEqual([['urgent', 'intrathecal-pump-recorded', { planId: plan.planId, statusBefore: status, stoppedVersion: plan.version + 1 }]]);
    const events = await h.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.actorId, physio.id)));
    expect(events.map((e) => e.action)).toEqual(['patient.update', 'plan.stop', 'alert.raise']);
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    // The care team sees it at the top of their list and in the patient's alerts.
    const listed = await callerFor(h.db, doc).alerts.list({ patientId, open: true });
    expect(listed[0]).toMatchObject({ kind: 'plan-safety', severity: 'urgent', code: 'intrathecal-pump-recorded' });
    expect((await callerFor(h.db, doc).triage.list()).find((r) => r.patientId === patientId)?.reason).toBe('urgent');
  });

  it('recorded by the prescriber is signed off by them', async () => {
    const { doc, patient, patientId } = await team();
    const plan = await makePlan(h.db, doc, patient, 'active');
    await callerFor(h.db, doc).patients.updateProfile(profile(patientId, true));
    expect((await planVersions(h.db, plan.planId)).at(-1)).toMatchObject({ action: 'stop', authorId: doc.id, signedOffBy: doc.id });
  });

  it('recorded on a patient without a plan in progress, or saved again, stops nothing and raises nothing', async () => {
    const { doc, patient, patientId } = await team();
    const done = await makePlan(h.db, doc, patient, 'completed');
    await expect(callerFor(h.db, doc).patients.updateProfile(profile(patientId, true))).resolves.toEqual({ ok: true, stoppedPlan: null });
    await expect(callerFor(h.db, doc).patients.updateProfile(profile(patientId, true))).resolves.toEqual({ ok: true, stoppedPlan: null });
    expect((await planRow(h.db, done.planId)).status).toBe('completed');
    expect(await h.db.select().from(alerts).where(and(eq(alerts.patientId, patientId), eq(alerts.kind, 'plan-safety')))).toEqual([]);
  });
});
