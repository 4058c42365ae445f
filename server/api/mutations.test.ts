// Every successful mutation leaves an audit event; a failed one leaves nothing at all. Validation errors reach forms per field.
import { createECDH, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DbHandle } from '~/db';
import { alerts, auditEvents, invites, users } from '~/db/schema';
import { EMAIL_IN_USE } from '~/server/accounts/email-in-use';
import { createStaffAccount, setUserDisabled } from '~/server/accounts/service';
import { appRouter } from '~/server/api/root';
import * as audit from '~/server/audit';
import * as mail from '~/server/mail';
import type { SessionUser } from '~/server/auth/session';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import { acceptInvite, inspectInvite } from '~/server/invites/service';
import { addPatient, type AddPatientInput } from '~/server/patients/service';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import {
  addToTeam, appFieldErrors, auditAbout, auditBy, callerFor, checkInInput, httpCall, makeNamedPatient, makeNonPrescriber, makePatient, makePlan, makeUser,
  openIsolatedTestDb, procedurePaths, rejection, tableCounts, tokenOf, uniqueEmail, uniqueName, userRow, validTaperInput,
} from '~/server/test/db';

let h: DbHandle;
beforeAll(async () => {
  h = await openIsolatedTestDb();
});
afterAll(async () => {
  await h.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

const mutationPaths = procedurePaths().filter(
  (p) => (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[p]?._def.type === 'mutation',
);

/** The audit actions each mutation must write (tested one by one below). */
const expectedActions: Record<string, string[]> = {
  'account.changePassword': ['account.change_password'],
  'account.setLocale': ['account.set_locale'],
  // Changing sign-in factors re-authenticates first (auth.reauth); the second step of a session is auth.second_step.
  'account.twoStep.begin': ['auth.reauth', 'account.two_step_begin'],
  'account.twoStep.confirm': ['account.two_step_enrol'],
  'account.twoStep.renewRecoveryCodes': ['auth.reauth', 'account.recovery_codes_renew'],
  'account.twoStep.remove': ['auth.reauth', 'account.two_step_remove'],
  'account.twoStep.pass': ['auth.second_step'],
  'admin.resetTwoStep': ['user.two_step_reset'],
  'account.signOutEverywhere': ['account.sign_out_everywhere'],
  // Only when an account has the address (none for an unknown one), by that account: see the test below.
  'account.requestPasswordReset': ['account.request_password_reset'],
  'account.resetPassword': ['account.reset_password'],
  'admin.createStaff': ['user.create', 'invite.issue'],
  'admin.reissueInvite': ['invite.issue'],
  'admin.setDisabled': ['user.disable'],
  // With one care_team.update per team whose discipline follows (see the test below).
  'admin.updateClinician': ['user.update_profession'],
  'admin.retryDelivery': ['notification.retry'],
  'notifications.markRead': ['notification.read'],
  'clinic.update': ['clinic.update_settings'],
  'invites.accept': ['invite.accept'],
  'patients.add': ['patient.create', 'care_team.add', 'invite.issue'],
  'patients.addCareTeamMember': ['care_team.add'],
  'patients.reissueInvite': ['invite.issue'],
  'patients.removeCareTeamMember': ['care_team.remove'],
  'patients.updateCareTeamMember': ['care_team.update'],
  'patients.updateProfile': ['patient.update'],
  'patients.updateContacts': ['patient.update_contacts'],
  'patients.updateMyContacts': ['patient.update_contacts'],
  'patients.setAccountDisabled': ['user.disable'],
  'plans.create': ['plan.create'],
  'plans.update': ['plan.edit'],
  'plans.propose': ['plan.propose'],
  'plans.agree': ['plan.agree'],
  'plans.activate': ['plan.activate'],
  'plans.pause': ['plan.pause'],
  'plans.resume': ['plan.resume'],
  'plans.extend': ['plan.extend'],
  'plans.slow': ['plan.slow'],
  'plans.stepBack': ['plan.step-back'],
  'plans.editStep': ['plan.edit-step'],
  'plans.complete': ['plan.complete'],
  'plans.stop': ['plan.stop'],
  'plans.comment': ['plan.comment'],
  'plans.requestChange': ['plan.request_change'],
  // A red flag adds 'alert.raise', written by the system (no actor): see the check-in test below.
  'checkins.submit': ['checkin.create'],
  'alerts.acknowledge': ['alert.acknowledge'],
  'criteria.update': ['criteria.update'],
  // With the plan event the decision causes first: hold → plan.extend, slow → plan.slow, step-back → plan.step-back, pause → plan.pause.
  'decisions.record': ['decision.record'],
  'adjuncts.add': ['adjunct.add'],
  'adjuncts.update': ['adjunct.update'],
  'adjuncts.stop': ['adjunct.stop'],
  'notes.create': ['note.create'],
  'conversation.markRead': ['conversation.read'],
  'goals.create': ['goal.create'],
  'goals.revise': ['goal.revise'],
  // Dropping writes 'goal.drop'; achieving writes 'goal.achieve' and the system's 'milestone.record' (no actor).
  'goals.setStatus': ['goal.achieve'],
  'goals.recordProgress': ['goal.progress'],
  'milestones.markSeen': ['milestone.seen'],
  'weeklyReviews.record': ['weekly_review.record'],
  // The meeting itself (no patient), then one event per patient brought to it.
  'mdt.create': ['mdt.create', 'mdt.add_patient'],
  'mdt.recordItem': ['mdt.record_item'],
  'mdt.addDissent': ['mdt.dissent'],
  'mdt.sign': ['mdt.sign'],
  // One per patient on the meeting.
  'mdt.finalise': ['mdt.finalise'],
  // A device's push address is kept out of the audit log: only its origin (server/notify/push-subscriptions.test.ts).
  'push.subscribe': ['push.subscribe'],
  'push.unsubscribe': ['push.unsubscribe'],
  // Counts only; a device the push service no longer knows is forgotten by the system (no actor) first.
  'push.test': ['push.test'],
  'notificationSettings.update': ['notification_settings.update'],
  // What was exported, for whom and over which days; never the data.
  'exports.fhir': ['record.export'],
  'exports.csv': ['record.export'],
  'exports.summary': ['record.export'],
  // The read audit's download: its filters and how many rows, never the rows (server/api/read-audit.test.ts).
  'readAudit.exportCsv': ['read-audit.export'],
};

/** The patient's local today (test patients live in Europe/London). */
const londonToday = () => localDate('Europe/London', new Date());
// Meetings are dated on the staff's calendar (UTC here): one dated on London's, an hour ahead in summer, would
// not be finalisable yet in the hour before midnight UTC.
const meetingDay = () => localDate('UTC', new Date());

/** A valid patients.add input; `over` may make it invalid on purpose (hence the cast). */
const addInput = (over: Record<string, unknown> = {}): AddPatientInput => ({
  name: uniqueName('Audit patient'),
  email: uniqueEmail('audit'),
  timeZone: 'Europe/Berlin',
  hasIntrathecalPump: true,
  dateOfBirth: '1961-02-03',
  conditions: 'Spinal cord injury',
  renalFunction: 'moderate',
  ...over,
}) as AddPatientInput;

/** Runs `fn`, and returns the audit events `actor` wrote during it. */
async function newAuditBy(actor: SessionUser, fn: () => Promise<unknown>) {
  const before = (await auditBy(h.db, actor.id)).length;
  await fn();
  return (await auditBy(h.db, actor.id)).slice(before);
}

describe('audit events of successful mutations', () => {
  it('lists an expected audit action for every mutation of the router', () => {
    expect(Object.keys(expectedActions).sort()).toEqual(mutationPaths);
  });

  it('patients.add: patient.create, care_team.add and invite.issue, in one request, about the new patient', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const input = addInput();
    let patientId = '';
    const events = await newAuditBy(doc, async () => {
      ({ patientId } = await callerFor(h.db, doc).patients.add(input));
    });
    expect(events.map((e) => e.action)).toEqual(expectedActions['patients.add']);
    for (const e of events) expect(e).toMatchObject({ actorId: doc.id, patientId });
    expect(events.map((e) => e.entityType)).toEqual(['patient', 'care_team_member', 'invite']);
    expect(events[0]).toMatchObject({ entityId: patientId, after: { name: input.name, email: input.email, renalFunction: 'moderate', hasIntrathecalPump: true } });
    expect(events[1]).toMatchObject({ entityId: doc.id, after: { clinicianId: doc.id, discipline: 'prescriber', mayEditPlan: true } });
    const [invite] = await h.db.select().from(invites).where(eq(invites.userId, patientId));
    expect(events[2]?.entityId).toBe(invite?.id);
    const requestIds = new Set(events.map((e) => e.requestId));
    expect(requestIds.size).toBe(1);
    expect([...requestIds][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('patients.updateProfile: patient.update with before and after', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Profile') });
    const events = await newAuditBy(doc, () =>
      callerFor(h.db, doc).patients.updateProfile({
        patientId: p.patientId, dateOfBirth: '1980-01-31', conditions: 'Cerebral palsy', renalFunction: 'severe', hasIntrathecalPump: true, timeZone: 'America/New_York',
      }),
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      action: 'patient.update', actorId: doc.id, patientId: p.patientId, entityId: p.patientId,
      before: { dateOfBirth: null, conditions: '', renalFunction: 'unknown', hasIntrathecalPump: false, timeZone: 'Europe/London' },
      after: { dateOfBirth: '1980-01-31', conditions: 'Cerebral palsy', renalFunction: 'severe', hasIntrathecalPump: true, timeZone: 'America/New_York' },
    });
    const record = await callerFor(h.db, doc).patients.get({ patientId: p.patientId });
    expect(record.patient).toMatchObject({ dateOfBirth: '1980-01-31', conditions: 'Cerebral palsy', renalFunction: 'severe', hasIntrathecalPump: true, timeZone: 'America/New_York' });
  });

  it('care team add, update and remove: care_team.add, care_team.update, care_team.remove', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const colleague = await makeNonPrescriber(h.db, uniqueName('Nurse'), 'nurse');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Team') });
    const api = callerFor(h.db, doc).patients;
    const added = await newAuditBy(doc, () => api.addCareTeamMember({ patientId: p.patientId, clinicianEmail: colleague.email, mayEditPlan: false }));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ action: 'care_team.add', actorId: doc.id, patientId: p.patientId, entityId: colleague.id, after: { discipline: 'nurse', mayEditPlan: false, addedBy: doc.id } });
    const updated = await newAuditBy(doc, () => api.updateCareTeamMember({ patientId: p.patientId, clinicianId: colleague.id, mayEditPlan: true }));
    expect(updated).toHaveLength(1);
    expect(updated[0]).toMatchObject({
      action: 'care_team.update', actorId: doc.id, patientId: p.patientId, entityId: colleague.id,
      before: { mayEditPlan: false }, after: { mayEditPlan: true },
    });
    const removed = await newAuditBy(doc, () => api.removeCareTeamMember({ patientId: p.patientId, clinicianId: colleague.id }));
    expect(removed).toHaveLength(1);
    expect(removed[0]).toMatchObject({ action: 'care_team.remove', actorId: doc.id, patientId: p.patientId, entityId: colleague.id, before: { discipline: 'nurse', mayEditPlan: true } });
  });

  it('patients.reissueInvite: invite.issue about the patient', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Reissue') });
    const events = await newAuditBy(doc, () => callerFor(h.db, doc).patients.reissueInvite({ patientId: p.patientId }));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'invite.issue', actorId: doc.id, patientId: p.patientId, entityType: 'invite', after: { role: 'patient' } });
  });

  it('admin.createStaff, admin.reissueInvite and admin.setDisabled: user.create, invite.issue, user.disable, user.enable', async () => {
    const admin = await makeUser(h.db, 'admin');
    const api = callerFor(h.db, admin).admin;
    const email = uniqueEmail('staff');
    let userId = '';
    const created = await newAuditBy(admin, async () => {
      ({ userId } = await api.createStaff({ name: 'Dr Audit', email, timeZone: 'UTC', role: 'clinician', profession: 'physician', mayPrescribe: true }));
    });
    expect(created.map((e) => [e.action, e.entityId, e.patientId])).toEqual([
      ['user.create', userId, null],
      ['invite.issue', expect.any(String), null],
    ]);
    expect(created[0]?.after).toEqual({ email, name: 'Dr Audit', role: 'clinician', profession: 'physician', mayPrescribe: true });
    const reissued = await newAuditBy(admin, () => api.reissueInvite({ userId }));
    expect(reissued.map((e) => e.action)).toEqual(['invite.issue']);
    const disabled = await newAuditBy(admin, () => api.setDisabled({ userId, disabled: true }));
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatchObject({ action: 'user.disable', entityId: userId, patientId: null, before: { disabledAt: null }, after: { disabledAt: expect.any(String) } });
    const enabled = await newAuditBy(admin, () => api.setDisabled({ userId, disabled: false }));
    expect(enabled).toHaveLength(1);
    expect(enabled[0]).toMatchObject({ action: 'user.enable', entityId: userId, before: { disabledAt: expect.any(String) }, after: { disabledAt: null } });
  });

  it('admin.updateClinician: user.update_profession with before and after, then care_team.update for each team the discipline changes on', async () => {
    const admin = await makeUser(h.db, 'admin');
    const doc = await makeUser(h.db, 'clinician');
    const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Rights') });
    await addToTeam(h.db, doc, p.patientId, physio, { mayEditPlan: true });
    const events = await newAuditBy(admin, () => callerFor(h.db, admin).admin.updateClinician({ userId: physio.id, profession: 'nurse-practitioner', mayPrescribe: true }));
    expect(events.map((e) => [e.action, e.entityId, e.patientId, e.before, e.after])).toEqual([
      ['user.update_profession', physio.id, null, { profession: 'physiotherapist', mayPrescribe: false }, { profession: 'nurse-practitioner', mayPrescribe: true }],
      ['care_team.update', physio.id, p.patientId, { discipline: 'physiotherapist' }, { discipline: 'prescriber', via: 'account' }],
    ]);
  });

  it('patients.setAccountDisabled: user.disable and user.enable about the patient, with the prescriber’s reason', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Disabled patient') });
    const api = callerFor(h.db, doc).patients;
    const disabled = await newAuditBy(doc, () => api.setAccountDisabled({ patientId: p.patientId, disabled: true, reason: 'Moved to another clinic' }));
    expect(disabled).toHaveLength(1);
    expect(disabled[0]).toMatchObject({
      action: 'user.disable', entityType: 'user', entityId: p.patientId, patientId: p.patientId,
      before: { disabledAt: null }, after: { disabledAt: expect.any(String), reason: 'Moved to another clinic' },
    });
    const enabled = await newAuditBy(doc, () => api.setAccountDisabled({ patientId: p.patientId, disabled: false, reason: 'Back with us' }));
    expect(enabled[0]).toMatchObject({ action: 'user.enable', patientId: p.patientId, after: { disabledAt: null, reason: 'Back with us' } });
  });

  it('account.changePassword and account.signOutEverywhere: their actions, with the patient when the actor is one', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Self service') });
    await callerFor(h.db, 'anonymous').invites.accept({ token: p.token, password: 'first good password', confirmPassword: 'first good password' });
    const me = p.user;
    const changed = await newAuditBy(me, () => callerFor(h.db, me).account.changePassword({ currentPassword: 'first good password', newPassword: 'second good password' }));
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ action: 'account.change_password', actorId: me.id, entityId: me.id, patientId: me.id });
    const out = await newAuditBy(me, () => callerFor(h.db, me).account.signOutEverywhere());
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ action: 'account.sign_out_everywhere', actorId: me.id, entityId: me.id, patientId: me.id });
    // A clinician's own account events concern no patient.
    const docEvents = await newAuditBy(doc, () => callerFor(h.db, doc).account.signOutEverywhere());
    expect(docEvents[0]).toMatchObject({ action: 'account.sign_out_everywhere', patientId: null });
  });

  it('account.requestPasswordReset and account.resetPassword: their actions, by the account, with the patient', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Forgot it') });
    await callerFor(h.db, 'anonymous').invites.accept({ token: p.token, password: 'first good password', confirmPassword: 'first good password' });
    const me = p.user;
    const links: string[] = [];
    vi.spyOn(mail, 'sendPasswordResetMail').mockImplementation((m) => {
      links.push(m.link);
      return Promise.resolve(true);
    });
    const asked = await newAuditBy(me, () => callerFor(h.db, 'anonymous').account.requestPasswordReset({ email: me.email }));
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ action: 'account.request_password_reset', actorId: me.id, entityType: 'user', entityId: me.id, patientId: me.id });
    const [link] = links;
    if (!link) throw new Error('no reset link sent');
    const reset = await newAuditBy(me, () =>
      callerFor(h.db, 'anonymous').account.resetPassword({ token: tokenOf(link), password: 'second good password', confirmPassword: 'second good password' }),
    );
    expect(reset).toHaveLength(1);
    expect(reset[0]).toMatchObject({ action: 'account.reset_password', actorId: me.id, entityType: 'user', entityId: me.id, patientId: me.id });
  });

  it('notificationSettings.update: its action with what changed, with the patient when the actor is one', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Quiet') });
    const mine = await newAuditBy(p.user, () => callerFor(h.db, p.user).notificationSettings.update({ reminderTime: '20:00', emailEnabled: true }));
    expect(mine.map((e) => e.action)).toEqual(expectedActions['notificationSettings.update']);
    expect(mine[0]).toMatchObject({ actorId: p.user.id, entityType: 'notification_settings', entityId: p.user.id, patientId: p.user.id, before: { reminderTime: '19:00' }, after: { reminderTime: '20:00' } });
    const docEvents = await newAuditBy(doc, () => callerFor(h.db, doc).notificationSettings.update({ digest: 'daily' }));
    expect(docEvents[0]).toMatchObject({ action: 'notification_settings.update', patientId: null, after: { digest: 'daily' } });
  });

  it('plans.*: one plan event per call, by its caller, about the patient and the plan, from one version to the next', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Plan audit') });
    const patientId = p.patientId;
    const patient = p.user;
    const api = (who: SessionUser) => callerFor(h.db, who).plans;
    let plan = { planId: '', version: 0 };
    const ref = () => ({ patientId, planId: plan.planId, expectedVersion: plan.version });
    const about = () => ({ patientId, planId: plan.planId, version: plan.version });
    // In an order the plan allows: create … complete, then a second plan to stop. The plan starts today.
    const calls: [string, SessionUser, () => Promise<{ planId: string; version: number } | { commentId: string }>][] = [
      ['plans.create', doc, () => api(doc).create({ patientId, input: validTaperInput() })],
      ['plans.update', doc, () => api(doc).update({ ...ref(), input: validTaperInput({ stepDays: 21 }), reason: 'Longer steps' })],
      ['plans.propose', doc, () => api(doc).propose(ref())],
      ['plans.requestChange', patient, () => api(patient).requestChange({ ...about(), body: 'Later evening dose?' })],
      ['plans.agree', patient, () => api(patient).agree(ref())],
      ['plans.activate', doc, () => api(doc).activate(ref())],
      ['plans.editStep', doc, () => api(doc).editStep({ ...ref(), reason: 'Longer second step', index: 1, days: 28 })],
      ['plans.extend', doc, () => api(doc).extend({ ...ref(), reason: 'Headaches', days: 7 })],
      ['plans.slow', doc, () => api(doc).slow({ ...ref(), reason: 'Anxious', percent: 20 })],
      ['plans.stepBack', doc, () => api(doc).stepBack({ ...ref(), reason: 'Spasms' })],
      ['plans.pause', doc, () => api(doc).pause({ ...ref(), reason: 'Holiday' })],
      ['plans.resume', doc, () => api(doc).resume({ ...ref(), reason: 'Back' })],
      ['plans.comment', patient, () => api(patient).comment({ ...about(), body: 'Feeling steadier.' })],
      ['plans.complete', doc, () => api(doc).complete({ ...ref(), reason: 'Done' })],
      ['plans.create', doc, () => api(doc).create({ patientId, input: validTaperInput() })],
      ['plans.stop', doc, () => api(doc).stop({ ...ref(), reason: 'Changed medication' })],
    ];
    for (const [path, who, call] of calls) {
      const before = plan;
      let result: Awaited<ReturnType<typeof call>> | undefined;
      const events = await newAuditBy(who, async () => {
        result = await call();
      });
      expect([path, events.map((e) => e.action)]).toEqual([path, expectedActions[path]]);
      expect(events[0]).toMatchObject({ actorId: who.id, patientId });
      if (result && 'commentId' in result) {
        expect(events[0]).toMatchObject({ entityType: 'taper_plan_comment', entityId: result.commentId, after: { planId: before.planId, version: before.version } });
      } else if (result) {
        plan = { planId: result.planId, version: result.version };
        const from = path === 'plans.create' ? undefined : { version: before.version };
        expect(events[0]).toMatchObject({ entityType: 'taper_plan', entityId: result.planId, after: { version: result.version } });
        if (from) expect(events[0]?.before).toMatchObject(from);
        expect(result.version).toBe(path === 'plans.create' ? 1 : before.version + 1);
      }
    }
    expect([...new Set(calls.map(([path]) => path))].sort()).toEqual(mutationPaths.filter((m) => m.startsWith('plans.')));
  });

  it('checkins.submit: checkin.create by the patient, checkin.correct with the earlier answers; a red flag adds alert.raise by the system', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Check-in audit') });
    const api = callerFor(h.db, p.user).checkins;
    let checkInId = '';
    const created = await newAuditBy(p.user, async () => {
      ({ checkInId } = await api.submit(checkInInput(p.patientId, londonToday(), { scores: { spasticity: 4 }, notes: 'Morning' })));
    });
    expect(created.map((e) => e.action)).toEqual(expectedActions['checkins.submit']);
    expect(created[0]).toMatchObject({ actorId: p.patientId, patientId: p.patientId, entityType: 'check_in', entityId: checkInId, before: null, after: { spasticity: 4, notes: 'Morning' } });

    const before = (await auditAbout(h.db, p.patientId)).length;
    const corrected = await newAuditBy(p.user, () => api.submit(checkInInput(p.patientId, londonToday(), { scores: { spasticity: 6 }, redFlags: ['hallucinations'], notes: 'Evening' })));
    expect(corrected.map((e) => e.action)).toEqual(['checkin.correct']);
    expect(corrected[0]).toMatchObject({ entityId: checkInId, before: { spasticity: 4, notes: 'Morning', revision: 1 }, after: { spasticity: 6, notes: 'Evening', redFlags: ['hallucinations'] } });
    // The alert is raised by the system in the same request: no actor, no request id.
    const about = (await auditAbout(h.db, p.patientId)).slice(before);
    expect(about.map((e) => [e.action, e.actorId])).toEqual([['checkin.correct', p.patientId], ['alert.raise', null]]);
    const [alert] = await h.db.select().from(alerts).where(eq(alerts.patientId, p.patientId));
    expect(about[1]).toMatchObject({ entityType: 'alert', entityId: alert?.id, requestId: null, after: { kind: 'red-flag', severity: 'urgent', code: 'hallucinations' } });
    expect(about[1]?.createdAt.getTime()).toBe(about[0]?.createdAt.getTime());

    // A resend writes no audit event at all.
    const input = checkInInput(p.patientId, londonToday());
    await api.submit(input);
    const count = (await auditAbout(h.db, p.patientId)).length;
    expect((await api.submit(input)).replayed).toBe(true);
    expect((await auditAbout(h.db, p.patientId)).length).toBe(count);
  });

  it('alerts.acknowledge: alert.acknowledge by the clinician, with the note', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Alert audit') });
    await callerFor(h.db, p.user).checkins.submit(checkInInput(p.patientId, londonToday(), { redFlags: ['seizure'] }));
    const [alert] = await callerFor(h.db, doc).alerts.list({ patientId: p.patientId });
    if (!alert) throw new Error('no alert');
    const events = await newAuditBy(doc, () => callerFor(h.db, doc).alerts.acknowledge({ patientId: p.patientId, alertId: alert.id, note: 'Sent to A&E.' }));
    expect(events.map((e) => e.action)).toEqual(expectedActions['alerts.acknowledge']);
    expect(events[0]).toMatchObject({ actorId: doc.id, patientId: p.patientId, entityType: 'alert', entityId: alert.id, after: { note: 'Sent to A&E.' } });
  });

  it('criteria.update: criteria.update from one version to the next, with the reason', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const plan = await makePlan(h.db, doc, p.user, 'draft');
    const events = await newAuditBy(doc, () =>
      callerFor(h.db, doc).criteria.update({ patientId: p.patientId, planId: plan.planId, expectedVersion: 1, criteria: defaultCriteria().slice(0, 1), reason: 'One rule' }),
    );
    expect(events.map((e) => e.action)).toEqual(expectedActions['criteria.update']);
    expect(events[0]).toMatchObject({
      actorId: doc.id, patientId: p.patientId, entityType: 'stop_go_criteria', entityId: plan.planId, before: { version: 1 }, after: { version: 2, reason: 'One rule', count: 1 },
    });
  });

  it('adjuncts.add, .update and .stop: one event each about the support, from one version to the next', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const plan = await makePlan(h.db, doc, p.user, 'active');
    const api = callerFor(h.db, doc).adjuncts;
    const fields = { kind: 'rescue-medication' as const, name: 'Diazepam 2 mg', notes: '', startedOn: londonToday(), maxDays: 5, stopCriteria: 'Spasms settle', followUpOn: addDays(londonToday(), 5) };
    let id = '';
    const steps: [string, () => Promise<unknown>][] = [
      ['adjuncts.add', async () => ({ id } = await api.add({ patientId: p.patientId, planId: plan.planId, ...fields }))],
      ['adjuncts.update', () => api.update({ patientId: p.patientId, adjunctId: id, expectedVersion: 1, ...fields, maxDays: 3 })],
      ['adjuncts.stop', () => api.stop({ patientId: p.patientId, adjunctId: id, expectedVersion: 2, stoppedOn: londonToday(), reason: 'Settled' })],
    ];
    for (const [index, [path, call]] of steps.entries()) {
      const events = await newAuditBy(doc, call);
      expect([path, events.map((e) => e.action)]).toEqual([path, expectedActions[path]]);
      expect(events[0]).toMatchObject({ actorId: doc.id, patientId: p.patientId, entityType: 'adjunct_therapy', entityId: id, after: expect.objectContaining({ version: index + 1 }) });
    }
  });

  it.each([
    ['advance', []],
    ['hold', ['plan.extend']],
    ['slow', ['plan.slow']],
    ['step-back', ['plan.step-back']],
    ['pause', ['plan.pause']],
  ] as const)('decisions.record (%s): the plan event it causes, then decision.record, in one request', async (decision, planEvents) => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    // Started yesterday, so a step back has a running step that began before today.
    const plan = await makePlan(h.db, doc, p.user, 'active', { input: { startDate: addDays(londonToday(), -1) } });
    let planVersion = 0;
    const events = await newAuditBy(doc, async () => {
      ({ planVersion } = await callerFor(h.db, doc).decisions.record({ patientId: p.patientId, planId: plan.planId, expectedVersion: plan.version, decision, reason: 'Reviewed this week' }));
    });
    expect(events.map((e) => e.action)).toEqual([...planEvents, ...expectedActions['decisions.record'] ?? []]);
    for (const e of events) expect(e).toMatchObject({ actorId: doc.id, patientId: p.patientId });
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    expect(planVersion).toBe(decision === 'advance' ? plan.version : plan.version + 1);
    expect(events.at(-1)).toMatchObject({ entityType: 'step_decision', after: { decision, planVersion } });
    if (planEvents.length) expect(events[0]).toMatchObject({ entityType: 'taper_plan', entityId: plan.planId, before: { version: plan.version }, after: { version: planVersion } });
  });

  it('notes, goals and milestones: one event per call, by its caller, about the patient', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Record audit') });
    const patientId = p.patientId;
    const note = await newAuditBy(doc, () => callerFor(h.db, doc).notes.create({ patientId, body: 'First visit went well.', visibility: 'team' }));
    let goalId = '';
    const created = await newAuditBy(doc, async () => {
      ({ goalId } = await callerFor(h.db, doc).goals.create({ patientId, title: 'Walk', measure: 'Minutes a day', target: '20 minutes' }));
    });
    const revised = await newAuditBy(doc, async () => {
      ({ goalId } = await callerFor(h.db, doc).goals.revise({ patientId, goalId, expectedVersion: 1, title: 'Walk', measure: 'Minutes a day', target: '30 minutes', reason: 'Easy' }));
    });
    const progress = await newAuditBy(p.user, () => callerFor(h.db, p.user).goals.recordProgress({ patientId, goalId, recordedOn: londonToday(), value: 25 }));
    const achieved = await newAuditBy(doc, () => callerFor(h.db, doc).goals.setStatus({ patientId, goalId, expectedVersion: 1, status: 'achieved' }));
    const [milestone] = await callerFor(h.db, p.user).milestones.list({ patientId });
    const seen = await newAuditBy(p.user, () => callerFor(h.db, p.user).milestones.markSeen({ patientId, milestoneIds: [milestone?.id ?? ''] }));
    // Opening the conversation after the patient wrote reads it for the team: one event, by the reader.
    await callerFor(h.db, p.user).notes.create({ patientId, body: 'A question for the team.', visibility: 'shared' });
    const read = await newAuditBy(doc, () => callerFor(h.db, doc).conversation.markRead({ patientId }));
    expect(read[0]).toMatchObject({ actorId: doc.id, entityType: 'patient_conversation', entityId: patientId });
    const pairs = [['notes.create', note], ['conversation.markRead', read], ['goals.create', created], ['goals.revise', revised], ['goals.recordProgress', progress], ['goals.setStatus', achieved], ['milestones.markSeen', seen]] as const;
    for (const [path, events] of pairs) {
      expect([path, events.map((e) => e.action)]).toEqual([path, expectedActions[path]]);
      expect(events[0]).toMatchObject({ patientId });
    }
    const system = (await auditAbout(h.db, patientId)).filter((e) => e.action === 'milestone.record');
    expect(system.map((e) => [e.actorId, e.entityId])).toEqual([[null, milestone?.id]]);
  });

  it('exports.*: one record.export event per export, by its caller, about the patient, saying what and for whom', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Export audit') });
    const patientId = p.patientId;
    const fhir = await newAuditBy(p.user, () => callerFor(h.db, p.user).exports.fhir({ patientId, from: '2026-01-01', to: '2026-03-31' }));
    const csv = await newAuditBy(doc, () => callerFor(h.db, doc).exports.csv({ patientId, table: 'plan-steps' }));
    const summary = await newAuditBy(doc, () => callerFor(h.db, doc).exports.summary({ patientId, format: 'pdf' }));
    for (const [path, events] of [['exports.fhir', fhir], ['exports.csv', csv], ['exports.summary', summary]] as const) {
      expect([path, events.map((e) => e.action)]).toEqual([path, expectedActions[path]]);
      expect(events[0]).toMatchObject({ patientId, entityType: 'patient', entityId: patientId });
    }
    expect(fhir[0]?.after).toEqual({ format: 'fhir', audience: 'patient', from: '2026-01-01', to: '2026-03-31' });
    expect(csv[0]?.after).toEqual({ format: 'csv', table: 'plan-steps', audience: 'team', from: null, to: null });
    expect(summary[0]?.after).toEqual({ format: 'summary-pdf', audience: 'team', from: null, to: null });
  });

  it('weeklyReviews.record and the mdt mutations: one event each per patient concerned, in one request each', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Review audit') });
    const api = callerFor(h.db, doc).mdt;
    const nextWeek = addDays(londonToday(), 7);
    const weekly = await newAuditBy(doc, () => callerFor(h.db, doc).weeklyReviews.record({ patientId: p.patientId, summary: 'Quiet week.', decision: 'continue', nextReviewOn: nextWeek }));
    expect(weekly.map((e) => e.action)).toEqual(expectedActions['weeklyReviews.record']);
    expect(weekly[0]).toMatchObject({ actorId: doc.id, patientId: p.patientId, entityType: 'weekly_review', after: { decision: 'continue', nextReviewOn: nextWeek } });

    let meetingId = '';
    const created = await newAuditBy(doc, async () => {
      ({ meetingId } = await api.create({ heldOn: meetingDay(), title: 'Audit MDT', myDiscipline: 'prescriber', attendees: [], patientIds: [p.patientId] }));
    });
    expect(created.map((e) => e.action)).toEqual(expectedActions['mdt.create']);
    expect(created.map((e) => [e.entityType, e.patientId])).toEqual([['mdt_meeting', null], ['mdt_patient_item', p.patientId]]);
    expect(created[0]?.entityId).toBe(meetingId);
    const view = await api.get({ meetingId });
    const itemId = view.items[0]?.id ?? '';
    const fields = { discussion: 'Team talk', decisions: 'Carry on', goalsReset: '', sharedSummary: 'Carry on as planned.', nextReviewOn: nextWeek };
    for (const [path, call] of [
      ['mdt.recordItem', () => api.recordItem({ meetingId, itemId, expectedVersion: 1, ...fields })],
      ['mdt.addDissent', () => api.addDissent({ meetingId, itemId, body: 'I would wait.' })],
      ['mdt.finalise', () => api.finalise({ meetingId, expectedVersion: 2 })],
    ] as const) {
      const events = await newAuditBy(doc, call);
      expect([path, events.map((e) => e.action)]).toEqual([path, expectedActions[path]]);
      for (const e of events) expect(e).toMatchObject({ actorId: doc.id, patientId: p.patientId });
      expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    }
    // A signature is the meeting's (one event, naming the items it covers), not one patient's.
    const other = await newAuditBy(doc, async () => {
      ({ meetingId } = await api.create({ heldOn: meetingDay(), title: 'Signing MDT', myDiscipline: 'prescriber', attendees: [], patientIds: [p.patientId] }));
    });
    expect(other).toHaveLength(2);
    const signed = await newAuditBy(doc, () => api.sign({ meetingId, expectedVersion: 1 }));
    expect(signed.map((e) => [e.action, e.entityType, e.entityId, e.patientId])).toEqual([['mdt.sign', 'mdt_meeting', meetingId, null]]);
    expect(signed[0]?.after).toEqual({ signedVersion: 1, items: [(await api.get({ meetingId })).items[0]?.id] });
  });

  it('push.*: each on the caller’s own record, about the patient when the caller is one', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const { user: patient } = await makePatient(h.db, doc);
    // A browser's subscription: its key must be a real P-256 public key.
    const device = {
      endpoint: `https://push.example.test/send/${randomUUID()}`, p256dh: createECDH('prime256v1').generateKeys().toString('base64url'), auth: 'A'.repeat(22),
    };
    for (const who of [doc, patient]) {
      const api = callerFor(h.db, who).push;
      for (const [path, call] of [
        ['push.subscribe', () => api.subscribe({ ...device, label: 'Phone' })],
        ['push.unsubscribe', () => api.unsubscribe({ endpoint: device.endpoint })],
        ['push.test', () => api.test()],
      ] as const) {
        const events = await newAuditBy(who, call);
        expect([path, events.map((e) => e.action)]).toEqual([path, expectedActions[path]]);
        expect(events[0]).toMatchObject({ actorId: who.id, patientId: who.role === 'patient' ? who.id : null });
      }
    }
  });

  it('invites.accept: invite.accept by the invited person, about their patient record', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Accept') });
    const events = await newAuditBy(p.user, () =>
      callerFor(h.db, 'anonymous').invites.accept({ token: p.token, password: 'my new password', confirmPassword: 'my new password' }),
    );
    const [invite] = await h.db.select().from(invites).where(eq(invites.userId, p.patientId));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'invite.accept', actorId: p.patientId, patientId: p.patientId, entityType: 'invite', entityId: invite?.id });
  });
});

describe('a failed mutation changes nothing', () => {
  /** Runs a call that must fail, and proves no table gained or lost a row. */
  async function failsCleanly(call: () => Promise<unknown>) {
    const before = await tableCounts(h.db);
    const error = await rejection(call());
    expect(await tableCounts(h.db)).toEqual(before);
    return error;
  }

  it('bad input (zod): BAD_REQUEST, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const error = await failsCleanly(() => callerFor(h.db, doc).patients.add(addInput({ email: 'not-an-email' })));
    expect(error.code).toBe('BAD_REQUEST');
  });

  /** A refusal that writes nothing but the audit event of the refused attempt. */
  async function refusedWithItsAudit(call: () => Promise<unknown>) {
    const before = await tableCounts(h.db);
    const error = await rejection(call());
    expect(await tableCounts(h.db)).toEqual({ ...before, audit_events: before.audit_events + 1 });
    return error;
  }

  it('a duplicate email on patients.add: CONFLICT on the email field, no role told, only the attempt audited', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const taken = await makeUser(h.db, 'clinician');
    const error = await refusedWithItsAudit(() => callerFor(h.db, doc).patients.add(addInput({ email: `  ${taken.email.toUpperCase()} ` })));
    expect(error.code).toBe('CONFLICT');
    expect(appFieldErrors(error)).toEqual({ email: [EMAIL_IN_USE.patient] });
  });

  it('a duplicate email on admin.createStaff: CONFLICT, no role told, only the attempt audited', async () => {
    const admin = await makeUser(h.db, 'admin');
    const taken = await makeUser(h.db, 'patient');
    const error = await refusedWithItsAudit(() => callerFor(h.db, admin).admin.createStaff({ name: 'Dup', email: taken.email, timeZone: 'UTC', role: 'clinician', profession: 'nurse' }));
    expect(error.code).toBe('CONFLICT');
    expect(appFieldErrors(error)?.email).toEqual([EMAIL_IN_USE.staff]);
  });

  it('removing or demoting the last plan editor: BAD_REQUEST, no change', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const nurse = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Last editor') });
    await addToTeam(h.db, doc, p.patientId, nurse, { mayEditPlan: false });
    const api = callerFor(h.db, doc).patients;
    const removed = await failsCleanly(() => api.removeCareTeamMember({ patientId: p.patientId, clinicianId: doc.id }));
    expect(removed.code).toBe('BAD_REQUEST');
    expect(removed.message).toBe('The care team must keep at least one member who may edit the plan.');
    const demoted = await failsCleanly(() => api.updateCareTeamMember({ patientId: p.patientId, clinicianId: doc.id, mayEditPlan: false }));
    expect(demoted.code).toBe('BAD_REQUEST');
    expect(appFieldErrors(demoted)).toEqual({ mayEditPlan: ['The care team must keep at least one member who may edit the plan.'] });
    const record = await api.get({ patientId: p.patientId });
    expect(record.careTeam.find((m) => m.clinicianId === doc.id)).toMatchObject({ mayEditPlan: true, discipline: 'prescriber' });
  });

  it('a wrong current password: BAD_REQUEST on currentPassword, password and sessions untouched', async () => {
    const me = await makeUser(h.db, 'clinician');
    const before = await userRow(h.db, me.id);
    const error = await failsCleanly(() => callerFor(h.db, me).account.changePassword({ currentPassword: 'not my password', newPassword: 'a fresh new password' }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(appFieldErrors(error)).toEqual({ currentPassword: ['Your current password is not correct.'] });
    const after = await userRow(h.db, me.id);
    expect([after.passwordHash, after.sessionVersion]).toEqual([before.passwordHash, before.sessionVersion]);
  });

  it('a duplicate care-team member: CONFLICT, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Dup member') });
    const error = await failsCleanly(() =>
      callerFor(h.db, doc).patients.addCareTeamMember({ patientId: p.patientId, clinicianEmail: doc.email, mayEditPlan: false }),
    );
    expect(error.code).toBe('CONFLICT');
  });

  it('cannot disable oneself: BAD_REQUEST, no rows', async () => {
    const admin = await makeUser(h.db, 'admin');
    const error = await failsCleanly(() => callerFor(h.db, admin).admin.setDisabled({ userId: admin.id, disabled: true }));
    expect(error.code).toBe('BAD_REQUEST');
    expect((await userRow(h.db, admin.id)).disabledAt).toBeNull();
  });

  it('a failure after the first insert rolls the whole patient back (service, actor unknown to the database)', async () => {
    const before = await tableCounts(h.db);
    const email = uniqueEmail('rollback');
    // The users row is written first; the profile's created_by then breaks its foreign key.
    const ghost = { id: '00000000-0000-4000-8000-000000000000', role: 'clinician' as const };
    await expect(
      addPatient(h.db, ghost, { name: 'Rollback', email, timeZone: 'UTC', hasIntrathecalPump: false, conditions: '', renalFunction: 'unknown' }),
    ).rejects.toThrow();
    expect(await tableCounts(h.db)).toEqual(before);
    expect(await h.db.select().from(users).where(eq(users.email, email))).toEqual([]);
  });

  it('a stale plan save: CONFLICT, no rows, the plan as it was', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const draft = await makePlan(h.db, doc, p.user, 'draft');
    const ref = { patientId: p.patientId, planId: draft.planId, expectedVersion: draft.version };
    await callerFor(h.db, doc).plans.propose(ref);
    const error = await failsCleanly(() => callerFor(h.db, doc).plans.update({ ...ref, input: validTaperInput({ stepDays: 7 }), reason: 'Stale' }));
    expect(error.code).toBe('CONFLICT');
    expect((await callerFor(h.db, doc).plans.get({ patientId: p.patientId })).plan).toMatchObject({ status: 'proposed', version: 2 });
  });

  it('a plan for a patient with an intrathecal pump: BAD_REQUEST, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc, { hasIntrathecalPump: true });
    const error = await failsCleanly(() => callerFor(h.db, doc).plans.create({ patientId: p.patientId, input: validTaperInput() }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('intrathecal baclofen pump');
  });

  it('a plan above 80 mg/day without a reason: BAD_REQUEST on input.highDoseReason, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const input = validTaperInput({ currentDailyMg: 100, doseTimes: ['06:00', '12:00', '18:00', '22:00'], strategy: { kind: 'fixed', mgPerStep: 10 } });
    const error = await failsCleanly(() => callerFor(h.db, doc).plans.create({ patientId: p.patientId, input }));
    expect(error.code).toBe('BAD_REQUEST');
    expect(Object.keys(appFieldErrors(error) ?? {})).toEqual(['input.highDoseReason']);
  });

  it('a check-in for tomorrow or yesterday: BAD_REQUEST on localDate, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    for (const day of [addDays(londonToday(), 1), addDays(londonToday(), -1)]) {
      const error = await failsCleanly(() => callerFor(h.db, p.user).checkins.submit(checkInInput(p.patientId, day, { redFlags: ['seizure'] })));
      expect(error.code).toBe('BAD_REQUEST');
      expect(Object.keys(appFieldErrors(error) ?? {})).toEqual(['localDate']);
    }
  });

  it('a check-in resent with the same key but other answers: CONFLICT, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const input = checkInInput(p.patientId, londonToday(), { scores: { pain: 2 } });
    await callerFor(h.db, p.user).checkins.submit(input);
    const error = await failsCleanly(() => callerFor(h.db, p.user).checkins.submit({ ...input, scores: { ...input.scores, pain: 8 } }));
    expect(error.code).toBe('CONFLICT');
  });

  it('a check-in whose alert cannot be raised: the check-in is not kept either, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const realWriteAudit = audit.writeAudit;
    vi.spyOn(audit, 'writeAudit').mockImplementation(async (tx, actor, event) => {
      if (event.action === 'alert.raise') throw new Error('the audit store failed');
      return realWriteAudit(tx, actor, event);
    });
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await failsCleanly(() => callerFor(h.db, p.user).checkins.submit(checkInInput(p.patientId, londonToday(), { redFlags: ['seizure'] })));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect(logged).toHaveBeenCalledTimes(1);
  });

  it('acknowledging an alert twice: CONFLICT, no rows, the first acknowledgement kept', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    await callerFor(h.db, p.user).checkins.submit(checkInInput(p.patientId, londonToday(), { redFlags: ['confusion'] }));
    const [alert] = await callerFor(h.db, doc).alerts.list({ patientId: p.patientId });
    if (!alert) throw new Error('no alert');
    await callerFor(h.db, doc).alerts.acknowledge({ patientId: p.patientId, alertId: alert.id, note: 'First' });
    const error = await failsCleanly(() => callerFor(h.db, doc).alerts.acknowledge({ patientId: p.patientId, alertId: alert.id, note: 'Second' }));
    expect(error.code).toBe('CONFLICT');
    const [row] = await h.db.select().from(alerts).where(and(eq(alerts.id, alert.id), eq(alerts.patientId, p.patientId)));
    expect(row?.acknowledgeNote).toBe('First');
  });

  it('stale criteria: CONFLICT, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const plan = await makePlan(h.db, doc, p.user, 'draft');
    const ref = { patientId: p.patientId, planId: plan.planId, expectedVersion: 1, reason: 'Edit' };
    await callerFor(h.db, doc).criteria.update({ ...ref, criteria: [] });
    const error = await failsCleanly(() => callerFor(h.db, doc).criteria.update({ ...ref, criteria: defaultCriteria() }));
    expect(error.code).toBe('CONFLICT');
  });

  it('a stale step decision: CONFLICT, no rows, for a decision that changes the plan and for one that does not', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const plan = await makePlan(h.db, doc, p.user, 'active');
    await callerFor(h.db, doc).plans.extend({ patientId: p.patientId, planId: plan.planId, expectedVersion: plan.version, reason: 'Colleague', days: 3 });
    for (const decision of ['hold', 'advance'] as const) {
      const error = await failsCleanly(() => callerFor(h.db, doc).decisions.record({ patientId: p.patientId, planId: plan.planId, expectedVersion: plan.version, decision, reason: 'Stale' }));
      expect(error.code).toBe('CONFLICT');
    }
  });

  it('a step decision that cannot be recorded: the plan change it made is rolled back too, no rows', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const plan = await makePlan(h.db, doc, p.user, 'active');
    const realWriteAudit = audit.writeAudit;
    vi.spyOn(audit, 'writeAudit').mockImplementation(async (tx, actor, event) => {
      if (event.action === 'decision.record') throw new Error('the audit store failed');
      return realWriteAudit(tx, actor, event);
    });
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const error = await failsCleanly(() => callerFor(h.db, doc).decisions.record({ patientId: p.patientId, planId: plan.planId, expectedVersion: plan.version, decision: 'pause', reason: 'Flu' }));
    expect(error.code).toBe('INTERNAL_SERVER_ERROR');
    expect((await callerFor(h.db, doc).plans.get({ patientId: p.patientId })).plan).toMatchObject({ status: 'active', version: plan.version });
  });

  it('accepting an invite of a disabled account claims nothing: the invite stays unused', async () => {
    const admin = await makeUser(h.db, 'admin');
    const actor = { id: admin.id, role: admin.role };
    const staff = await createStaffAccount(h.db, actor, { name: 'Soon disabled', email: uniqueEmail('disabled-invitee'), timeZone: 'UTC', role: 'clinician', profession: 'nurse', mayPrescribe: false });
    await setUserDisabled(h.db, actor, { userId: staff.userId, disabled: true });
    const before = await tableCounts(h.db);
    await expect(acceptInvite(h.db, { token: staff.token, password: 'a good long password' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await tableCounts(h.db)).toEqual(before);
    const [invite] = await h.db.select().from(invites).where(eq(invites.userId, staff.userId));
    expect(invite?.acceptedAt).toBeNull();
    expect((await userRow(h.db, staff.userId)).passwordHash).toBeNull();
    // The invite page says plainly that the link does not work, rather than offering a form that will fail.
    expect((await inspectInvite(h.db, staff.token)).status).toBe('invalid');
  });
});

describe('validation errors as the browser sees them', () => {
  it('a bad email: 400 BAD_REQUEST with fieldErrors.email', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, doc, 'patients.add', addInput({ email: 'nobody@' }));
    expect(res.status).toBe(400);
    expect(res.error?.data.code).toBe('BAD_REQUEST');
    expect(res.error?.message).toBe('Some fields need attention.');
    expect(res.error?.data.fieldErrors).toEqual({ email: ['Enter a valid email address.'] });
  });

  it('several bad fields: each keyed by its name', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, doc, 'patients.add', addInput({ name: '   ', timeZone: 'Mars/Olympus', dateOfBirth: '2999-01-01', renalFunction: 'wizard' }));
    expect(res.error?.data.code).toBe('BAD_REQUEST');
    expect(Object.keys(res.error?.data.fieldErrors ?? {}).sort()).toEqual(['dateOfBirth', 'name', 'renalFunction', 'timeZone']);
    expect(res.error?.data.fieldErrors?.name).toEqual(['Enter a name.']);
    expect(res.error?.data.fieldErrors?.timeZone).toEqual(['Choose a time zone from the list (for example Europe/London).']);
    expect(res.error?.data.fieldErrors?.dateOfBirth).toEqual(['Enter a date of birth in the past.']);
  });

  it('a service error keeps its field: CONFLICT 409 with fieldErrors.email', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await httpCall(h.db, doc, 'patients.add', addInput({ email: doc.email }));
    expect(res.status).toBe(409);
    expect(res.error?.data.fieldErrors).toEqual({ email: [EMAIL_IN_USE.patient] });
    expect(res.error?.message).toBe(EMAIL_IN_USE.patient);
  });

  it('a check-in with bad scores and sleep: 400 with each field keyed', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makePatient(h.db, doc);
    const before = await tableCounts(h.db);
    const res = await httpCall(h.db, p.user, 'checkins.submit', {
      patientId: p.patientId, idempotencyKey: '3f0c7c52-4f43-4d0e-9b8e-0d3c9d1d9a11', localDate: londonToday(), doses: [],
      scores: { spasticity: 11 }, sleepHours: -2,
    });
    expect(res.status).toBe(400);
    expect(res.error?.data.fieldErrors).toEqual({ scores: ['Choose 10 or less.'], 'scores.spasticity': ['Choose 10 or less.'], sleepHours: ['Choose 0 or more.'] });
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it('an unknown extra field is refused, not ignored', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const before = await tableCounts(h.db);
    const res = await httpCall(h.db, doc, 'patients.add', addInput({ isAdmin: true }));
    expect(res.error?.data.code).toBe('BAD_REQUEST');
    expect(res.error?.message).toBe('Unrecognized key: "isAdmin"');
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it('huge strings are refused per field', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const p = await makeNamedPatient(h.db, doc, { name: uniqueName('Huge') });
    const before = await tableCounts(h.db);
    const long = (n: number) => 'a'.repeat(n);
    const add = await httpCall(h.db, doc, 'patients.add', addInput({ name: long(201), email: `${long(400)}@example.com`, conditions: long(501) }));
    expect(add.error?.data.fieldErrors?.name).toEqual(['Use at most 200 characters.']);
    expect(add.error?.data.fieldErrors?.email).toContain('That email is too long.');
    expect(add.error?.data.fieldErrors?.conditions).toEqual(['Use at most 500 characters.']);
    const pw = await httpCall(h.db, doc, 'account.changePassword', { currentPassword: long(257), newPassword: long(129) });
    expect(Object.keys(pw.error?.data.fieldErrors ?? {}).sort()).toEqual(['currentPassword', 'newPassword']);
    expect(pw.error?.data.fieldErrors?.newPassword).toEqual(['Use at most 128 characters.']);
    const token = await httpCall(h.db, 'anonymous', 'invites.inspect', { token: long(101) });
    expect(token.error?.data.fieldErrors?.token).toEqual(['This invitation link is not valid.']);
    const megabyte = await httpCall(h.db, doc, 'patients.updateProfile', {
      patientId: p.patientId, dateOfBirth: null, conditions: long(1_000_000), renalFunction: 'normal', hasIntrathecalPump: false, timeZone: 'UTC',
    });
    expect(megabyte.status).toBe(400);
    expect(megabyte.error?.data.fieldErrors?.conditions).toEqual(['Use at most 500 characters.']);
    expect(await tableCounts(h.db)).toEqual(before);
  });

  it('a server fault reaches the client without details', async () => {
    // A session for an account the database does not have: the insert breaks a foreign key.
    const ghost = { id: '00000000-0000-4000-8000-000000000001', email: 'ghost@example.test', name: 'Ghost', role: 'clinician' as const, timeZone: 'UTC' };
    const input = addInput();
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    let res: Awaited<ReturnType<typeof httpCall>>;
    let lines: string[];
    try {
      res = await httpCall(h.db, ghost, 'patients.add', input);
      lines = logged.mock.calls.map((args) => args.map(String).join(' '));
    } finally {
      logged.mockRestore();
    }
    // The log says where it failed, with no patient data.
    expect(lines).toEqual([expect.stringMatching(/^\[trpc\] patients\.add failed \(request [0-9a-f-]{36}\): \w+$/)]);
    expect(lines.join('\n')).not.toContain(input.email);
    expect(lines.join('\n')).not.toContain(input.name);
    expect(res.status).toBe(500);
    expect(res.error?.message).toBe('Something went wrong on our side. Nothing was saved. Please try again.');
    expect(res.body).not.toMatch(/foreign key|patient_profiles|stack|at \w+ \(/i);
  });
});

describe('tokens in invite links', () => {
  it('the link handed out carries the token the invite was issued with', async () => {
    const doc = await makeUser(h.db, 'clinician');
    const res = await callerFor(h.db, doc).patients.add(addInput());
    expect(res.inviteLink).toMatch(/^https:\/\/portal\.test\/invite\/[A-Za-z0-9_-]{43}$/);
    expect(await inspectInvite(h.db, tokenOf(res.inviteLink))).toMatchObject({ status: 'valid', role: 'patient' });
    // The invite event was the last one about this patient.
    const events = await auditAbout(h.db, res.patientId);
    expect(events.at(-1)?.action).toBe('invite.issue');
    expect(await h.db.select().from(auditEvents).where(eq(auditEvents.entityId, res.patientId))).toHaveLength(1);
  });
});
