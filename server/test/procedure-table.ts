// The procedure table: every tRPC procedure with its access scope and an input valid for its rightful
// caller, shared by the access matrix (server/api/access.test.ts) and the reliability suite (reliability/).
import { createECDH, randomBytes, randomUUID } from 'node:crypto';
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '~/db';
import { mdtPatientItems, notificationDeliveries, notifications } from '~/db/schema';
import { requestPasswordReset } from '~/server/accounts/password-reset';
import { createStaffAccount } from '~/server/accounts/service';
import { addAdjunct } from '~/server/adjuncts/service';
import { listAlerts } from '~/server/alerts/service';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { defaultCriteria } from '~/lib/criteria/evaluate';
import { createGoal, setGoalStatus } from '~/server/goals/service';
import { listMilestones } from '~/server/milestones/service';
import { localDate } from '~/lib/dates';
import { type PlanStatus } from '~/server/plans/service';
import { createMeeting } from '~/server/reviews/mdt';
import { giveAuthenticator, startEnrolment, totpNow } from './two-step';
import { addDays } from '~/lib/taper';
import {
  addToTeam, checkInInput, makeNamedPatient, makeNonPrescriber, makePatient, makePlan, makeUser, stopOpenPlan, TEST_PASSWORD, tokenOf, uniqueEmail, uniqueName,
  validTaperInput, type PlanRef,
} from '~/server/test/db';

/**
 * Who may call (each scope is one tier of server/api/trpc.ts): 'patient-or-care-team' is the patient or anyone on
 * their care team; 'plan-editor' a care-team member who may edit the plan; 'patient-self' is the patient themself only (their care team may not act for them);
 * 'care-team' is the patient's care team only (the patient themself may not: alerts, criteria and step
 * recommendations are the team's working tools); 'patient-prescribe' is a prescriber on the patient's
 * care team only (a plan editor who may not prescribe is refused: starting a plan and changing doses, the
 * patient's account). 'mdt-attendee' is an attendee of the meeting the input names; 'mdt-item' an attendee
 * who is on the care team of the patient whose item the input names.
 */
export type Scope =
  | 'public' | 'authed' | 'clinician' | 'admin' | 'patient-or-care-team' | 'plan-editor' | 'patient-prescribe' | 'patient-self' | 'care-team'
  | 'mdt-attendee' | 'mdt-item';

/**
 * The state the victim's plan must be in for the rightful call to succeed: a fresh plan is made in that
 * state before each call (any plan in progress is stopped first); 'none' leaves the victim with no plan
 * in progress (to create one).
 */
export type PlanNeed = 'none' | Exclude<PlanStatus, 'completed' | 'stopped'>;

export interface Entry {
  scope: Scope;
  plan?: PlanNeed;
  /** The plan's status after the rightful call (proves it took effect). */
  after?: PlanStatus;
  /** Adds a support to the plan first, for the calls that change one (its id comes as `adjunctId`). */
  adjunct?: boolean;
  input: (plan: PlanRef & { adjunctId?: string }) => unknown;
  /** The rightful caller, where it is not the scope's usual one (an account in a given two-step state). */
  caller?: (w: World) => SessionUser;
  /**
   * Tables a refused call still writes to, on purpose: a failed password or code check is recorded (for the
   * sign-in limits) and audited, like a failed sign-in.
   */
  recordsRefusals?: string[];
}

const CHECKS_RECORDED = ['sign_in_attempts', 'audit_events'];

/** The procedures anyone may call without signing in. Everything else must refuse anonymous callers. */
export const PUBLIC_PROCEDURES = ['account.inspectPasswordReset', 'account.requestPasswordReset', 'account.resetPassword', 'invites.accept', 'invites.inspect'];

export interface World {
  owner: SessionUser; // clinician who added the victim: on the team, may edit the plan and prescribe
  member: SessionUser; // on the victim's team, may not edit the plan
  planEditor: SessionUser; // a physiotherapist on the victim's team who may edit the plan but not prescribe
  outsider: SessionUser; // clinician on no team of the victim's
  victim: SessionUser & { name: string; email: string };
  otherPatient: SessionUser;
  admin: SessionUser;
  invitedStaffId: string;
  inviteToken: string; // an invite of its own, for invites.*
  resetToken: string; // a password reset link of an account of its own, for account.resetPassword
  alertId: string; // an open urgent alert about the victim, raised by their check-in today
  failedDeliveryId: string; // one of that alert's email deliveries, marked failed for good: for admin.retryDelivery
  goalIds: [string, string, string]; // active goals of the victim's: to revise, to close, to record progress on
  milestoneId: string; // the victim's unseen milestone (a goal achieved)
  meetingId: string; // an MDT meeting about the victim, titled MEETING_TITLE, created by the owner; the member and the outsider attend
  mdtItemId: string; // the victim's item on it
  nonAttendee: SessionUser; // a clinician who attends no meeting
  twoStep: {
    confirming: SessionUser; // an enrolment under way, with this secret
    confirmingSecret: string;
    enrolled: SessionUser; // an authenticator and these recovery codes: to replace it and to renew them
    enrolledCodes: string[];
    removable: SessionUser; // the same, to turn two-step sign-in off
    removableCodes: string[];
    verifying: SessionUser; // a session that owes its second step (single sign-on), and the account's codes
    verifyingCodes: string[];
    resettableId: string; // a clinician with an authenticator, for an administrator's reset
  };
}

/** Written into the victim's check-in: a leak of their check-ins would show it (it contains "Vanessa"). */
export const VICTIM_NOTE = 'Vanessa felt the room spinning at night';
/** The world's meeting's free-text title: only its attendees may read it. */
export const MEETING_TITLE = 'Access MDT about the spinning room';

export async function buildWorld(db: Db): Promise<World> {
  const [owner, member, outsider, admin, otherClinician, planEditor] = await Promise.all([
    makeUser(db, 'clinician', uniqueName('Owner')),
    makeUser(db, 'clinician', uniqueName('Member')),
    makeUser(db, 'clinician', uniqueName('Outsider')),
    makeUser(db, 'admin', uniqueName('Admin')),
    makeUser(db, 'clinician', uniqueName('Other clinician')),
    makeNonPrescriber(db, uniqueName('Plan editor')),
  ]);
  const victim = await makeNamedPatient(db, owner, { name: uniqueName('Victim Vanessa'), email: uniqueEmail('victim') });
  await addToTeam(db, owner, victim.patientId, member, { mayEditPlan: false });
  await addToTeam(db, owner, victim.patientId, planEditor, { mayEditPlan: true });
  const otherPatient = (await makePatient(db, otherClinician)).user;
  const actor = { id: admin.id, role: admin.role };
  const staffRights = { role: 'clinician', profession: 'nurse', mayPrescribe: false } as const;
  const staff = await createStaffAccount(db, actor, { name: uniqueName('Invited staff'), email: uniqueEmail('staff'), timeZone: 'UTC', ...staffRights });
  const invitee = await createStaffAccount(db, actor, { name: uniqueName('Invitee'), email: uniqueEmail('invitee'), timeZone: 'UTC', ...staffRights });
  // Today's check-in, with a red flag: the victim has check-in data and an open alert to protect.
  const checkIn = checkInInput(victim.patientId, localDate('Europe/London', new Date()), { redFlags: ['hallucinations'], notes: VICTIM_NOTE });
  await submitCheckIn(db, { id: victim.patientId, role: 'patient' }, checkIn);
  const alerts = await listAlerts(db, victim.patientId, true);
  const alertId = alerts[0]?.id;
  if (!alertId) throw new Error('the victim’s check-in raised no alert');
  const [failed] = await db
    .update(notificationDeliveries)
    .set({ status: 'failed', lastError: 'ECONNECTION' })
    .where(and(eq(notificationDeliveries.channel, 'email'), inArray(notificationDeliveries.notificationId, db.select({ id: notifications.id }).from(notifications).where(eq(notifications.alertId, alertId)))))
    .returning({ id: notificationDeliveries.id });
  if (!failed) throw new Error('the victim’s alert has no email delivery');
  const goal = (title: string) => createGoal(db, { id: owner.id, role: owner.role }, { patientId: victim.patientId, title, measure: 'Minutes a day', target: '20 minutes', targetValue: 20, targetUnit: 'minutes', dueOn: null });
  const goals = await Promise.all(['Walk', 'Stretch', 'Sleep', 'Swim'].map(goal));
  const [reviseId, closeId, progressId, achievedId] = goals.map((g) => g.goalId);
  if (!reviseId || !closeId || !progressId || !achievedId) throw new Error('no goals');
  await setGoalStatus(db, { id: owner.id, role: owner.role }, { patientId: victim.patientId, goalId: achievedId, expectedVersion: 1, status: 'achieved', reason: '' });
  const [milestone] = await listMilestones(db, victim.patientId);
  if (!milestone) throw new Error('no milestone for the victim');
  // The outsider attends the meeting without being on the victim's team: the victim's item is withheld from them.
  const { meetingId } = await createMeeting(db, { id: owner.id, role: owner.role }, {
    heldOn: localDate('Europe/London', new Date()), title: MEETING_TITLE, myDiscipline: 'prescriber',
    attendees: [{ clinicianId: member.id, discipline: 'nurse' }, { clinicianId: outsider.id, discipline: 'pharmacist' }], patientIds: [victim.patientId],
  });
  const [item] = await db.select({ id: mdtPatientItems.id }).from(mdtPatientItems).where(eq(mdtPatientItems.meetingId, meetingId));
  if (!item) throw new Error('the meeting has no item');
  const nonAttendee = await makeUser(db, 'clinician', uniqueName('Non-attendee'));
  const forgetful = await makeUser(db, 'clinician', uniqueName('Forgetful'));
  let resetToken = '';
  // An address of the world's own (an IPv6 /64 of the documentation range): suites that build a world per
  // procedure would otherwise meet the limit on links from one address.
  const ip = `2001:db8:${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}::10`;
  await requestPasswordReset(db, { email: forgetful.email, ip, origin: 'https://portal.test' }, {
    minAnswerMs: 0,
    send: (mail) => {
      resetToken = tokenOf(mail.link);
      return Promise.resolve(true);
    },
  });
  if (!resetToken) throw new Error('no reset link for the forgetful clinician');
  const [confirming, enrolled, removable, verifying, resettable] = await Promise.all(
    ['Confirming', 'Enrolled', 'Removable', 'Verifying', 'Resettable'].map((n) => makeUser(db, 'clinician', uniqueName(n))),
  );
  if (!confirming || !enrolled || !removable || !verifying || !resettable) throw new Error('no two-step accounts');
  const twoStep: World['twoStep'] = {
    confirming,
    confirmingSecret: await startEnrolment(db, confirming.id),
    enrolled,
    enrolledCodes: (await giveAuthenticator(db, enrolled.id)).codes,
    removable,
    removableCodes: (await giveAuthenticator(db, removable.id)).codes,
    verifying: { ...verifying, pendingSecondFactor: 'verify' },
    verifyingCodes: (await giveAuthenticator(db, verifying.id)).codes,
    resettableId: resettable.id,
  };
  await giveAuthenticator(db, resettable.id);
  return {
    twoStep,
    owner, member, planEditor, outsider, victim: victim.user, otherPatient, admin, invitedStaffId: staff.userId, inviteToken: invitee.token, resetToken, alertId, failedDeliveryId: failed.id,
    goalIds: [reviseId, closeId, progressId], milestoneId: milestone.id, meetingId, mdtItemId: item.id, nonAttendee,
  };
}

/**
 * Every procedure with its tier and an input that is valid for its rightful caller. A new procedure
 * fails the coverage test below until it is added here (and so is tested for who is refused).
 */
export function procedureTable(w: World): Record<string, Entry> {
  const patientId = w.victim.id;
  const ref = (p: PlanRef) => ({ patientId, planId: p.planId, expectedVersion: p.version });
  // A browser's subscription (a key pair of its own): subscribed, then turned off again by the same caller.
  const browser = createECDH('prime256v1');
  const pushSubscription = {
    endpoint: `https://push.example.test/send/${randomUUID()}`, p256dh: browser.generateKeys().toString('base64url'), auth: randomBytes(16).toString('base64url'),
  };
  return {
    'account.me': { scope: 'authed', input: () => undefined },
    'account.keepAlive': { scope: 'authed', input: () => undefined },
    'account.changePassword': { scope: 'authed', input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 42' }) },
    'account.signOutEverywhere': { scope: 'authed', input: () => undefined },
    'account.setLocale': { scope: 'authed', input: () => ({ locale: 'es' }) },
    'account.twoStep.status': { scope: 'authed', input: () => undefined },
    // Replacing an authenticator: the password and a code from the current one (here a recovery code).
    'account.twoStep.begin': {
      scope: 'authed', caller: (x) => x.twoStep.enrolled, recordsRefusals: CHECKS_RECORDED, input: () => ({ password: TEST_PASSWORD, code: w.twoStep.enrolledCodes[1] }),
    },
    'account.twoStep.confirm': { scope: 'authed', caller: (x) => x.twoStep.confirming, input: () => ({ code: totpNow(w.twoStep.confirmingSecret) }) },
    'account.twoStep.renewRecoveryCodes': {
      scope: 'authed', caller: (x) => x.twoStep.enrolled, recordsRefusals: CHECKS_RECORDED, input: () => ({ password: TEST_PASSWORD, code: w.twoStep.enrolledCodes[0] }),
    },
    'account.twoStep.remove': {
      scope: 'authed', caller: (x) => x.twoStep.removable, recordsRefusals: CHECKS_RECORDED, input: () => ({ password: TEST_PASSWORD, code: w.twoStep.removableCodes[0] }),
    },
    'account.twoStep.pass': { scope: 'authed', caller: (x) => x.twoStep.verifying, recordsRefusals: CHECKS_RECORDED, input: () => ({ code: w.twoStep.verifyingCodes[0] }) },
    // Anyone may ask; the answer is the same for every address (an unknown one here: nothing is sent).
    'account.requestPasswordReset': { scope: 'public', input: () => ({ email: 'nobody-has-this@example.test' }) },
    'account.inspectPasswordReset': { scope: 'public', input: () => ({ token: w.resetToken }) },
    'account.resetPassword': { scope: 'public', input: () => ({ token: w.resetToken, password: 'a good long password', confirmPassword: 'a good long password' }) },
    // Each person's own devices. In this order: the rightful caller subscribes, lists, turns it off, then tests (no device, nothing sent).
    'push.publicKey': { scope: 'authed', input: () => undefined },
    'push.subscribe': { scope: 'authed', input: () => ({ ...pushSubscription, label: 'Chrome on Android' }) },
    'push.list': { scope: 'authed', input: () => undefined },
    'push.unsubscribe': { scope: 'authed', input: () => ({ endpoint: pushSubscription.endpoint }) },
    'push.test': { scope: 'authed', input: () => undefined },
    // One's own settings: the rightful caller of an 'authed' procedure is a clinician, so these are clinician settings.
    'notificationSettings.get': { scope: 'authed', input: () => undefined },
    'notificationSettings.update': {
      scope: 'authed', input: () => ({ emailEnabled: true, pushEnabled: false, quietStart: '22:00', quietEnd: '07:00', digest: 'daily', digestTime: '07:30' }),
    },
    'admin.listStaff': { scope: 'admin', input: () => undefined },
    'admin.createStaff': {
      scope: 'admin', input: () => ({ name: uniqueName('New clinician'), email: uniqueEmail('new-staff'), timeZone: 'Europe/Paris', role: 'clinician', profession: 'pharmacist', mayPrescribe: false }),
    },
    'admin.updateClinician': { scope: 'admin', input: () => ({ userId: w.invitedStaffId, profession: 'nurse-practitioner', mayPrescribe: false }) },
    'admin.reissueInvite': { scope: 'admin', input: () => ({ userId: w.invitedStaffId }) },
    'admin.setDisabled': { scope: 'admin', input: () => ({ userId: w.invitedStaffId, disabled: false }) },
    'clinic.settings': { scope: 'admin', input: () => undefined },
    'clinic.update': {
      scope: 'admin',
      input: () => ({
        clinicPhone: '+44 20 7946 0000', onCallName: 'On-call registrar', onCallEmail: 'on-call@clinic.example', onCallPhone: '020 7946 0001',
        crisisLineName: 'Samaritans', crisisLinePhone: '116 123', escalationMinutes: 30,
      }),
    },
    'clinic.contacts': { scope: 'authed', input: () => undefined },
    'readAudit.list': { scope: 'admin', input: () => ({ patient: patientId, from: addDays(localDate('UTC', new Date()), -7), page: 1 }) },
    'readAudit.filters': { scope: 'admin', input: () => undefined },
    'readAudit.exportCsv': { scope: 'admin', input: () => ({ patient: patientId }) },
    'readAudit.mine': { scope: 'patient-self', input: () => ({ patientId, days: 30 }) },
    'invites.inspect': { scope: 'public', input: () => ({ token: w.inviteToken }) },
    'invites.accept': { scope: 'public', input: () => ({ token: w.inviteToken, password: 'a good long password', confirmPassword: 'a good long password' }) },
    // Listed before patients.*: the care-team edits there take the read-only member off the team.
    'checkins.day': { scope: 'patient-self', input: () => ({ patientId }) },
    'checkins.submit': {
      scope: 'patient-self',
      input: () => checkInInput(patientId, localDate('Europe/London', new Date()), { scores: { spasticity: 5 }, notes: 'Evening update' }),
    },
    'checkins.list': { scope: 'patient-or-care-team', input: () => ({ patientId, days: 14 }) },
    'trends.get': { scope: 'patient-or-care-team', input: () => ({ patientId, range: '2w' }) },
    'alerts.list': { scope: 'care-team', input: () => ({ patientId, open: true }) },
    'alerts.notifications': { scope: 'care-team', input: () => ({ patientId, alertId: w.alertId }) },
    'notifications.list': { scope: 'authed', input: () => ({ unreadOnly: false, limit: 20 }) },
    'notifications.unreadCount': { scope: 'authed', input: () => undefined },
    'notifications.markRead': { scope: 'authed', input: () => ({ all: true }) },
    'admin.resetTwoStep': { scope: 'admin', input: () => ({ userId: w.twoStep.resettableId }) },
    'admin.failedDeliveries': { scope: 'admin', input: () => undefined },
    'admin.retryDelivery': { scope: 'admin', input: () => ({ deliveryId: w.failedDeliveryId }) },
    'alerts.acknowledge': { scope: 'care-team', input: () => ({ patientId, alertId: w.alertId, note: 'Phoned the patient; advised urgent care.' }) },
    'triage.list': { scope: 'clinician', input: () => undefined },
    'notes.list': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    'notes.create': { scope: 'patient-or-care-team', input: () => ({ patientId, body: 'Slept better this week.', visibility: 'shared' }) },
    'conversation.list': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    'conversation.status': { scope: 'care-team', input: () => ({ patientId }) },
    'conversation.markRead': { scope: 'care-team', input: () => ({ patientId }) },
    'goals.list': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    'exports.fhir': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    'exports.csv': { scope: 'patient-or-care-team', input: () => ({ patientId, table: 'check-ins' }) },
    'exports.summary': { scope: 'care-team', input: () => ({ patientId, format: 'pdf' }) },
    'goals.create': { scope: 'care-team', input: () => ({ patientId, title: 'Walk to the shop', measure: 'Minutes a day', target: '20 minutes a day' }) },
    'goals.revise': {
      scope: 'care-team', input: () => ({ patientId, goalId: w.goalIds[0], expectedVersion: 1, title: 'Walk further', measure: 'Minutes a day', target: '30 minutes a day', reason: 'Reached 20' }),
    },
    'goals.setStatus': { scope: 'care-team', input: () => ({ patientId, goalId: w.goalIds[1], expectedVersion: 1, status: 'dropped', reason: 'Replaced' }) },
    'goals.recordProgress': { scope: 'patient-or-care-team', input: () => ({ patientId, goalId: w.goalIds[2], recordedOn: localDate('Europe/London', new Date()), value: 10, note: '' }) },
    'milestones.list': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    'milestones.markSeen': { scope: 'patient-self', input: () => ({ patientId, milestoneIds: [w.milestoneId] }) },
    // Before patients.*: the care-team edits there take the read-only member off the team.
    'weeklyReviews.data': { scope: 'care-team', input: () => ({ patientId }) },
    'weeklyReviews.list': { scope: 'care-team', input: () => ({ patientId }) },
    'weeklyReviews.record': {
      scope: 'care-team', input: () => ({ patientId, summary: 'A steady week.', decision: 'continue', nextReviewOn: addDays(localDate('Europe/London', new Date()), 7) }),
    },
    // Keyed by meeting: the attendee tier; an item also needs the attendee on that patient's care team.
    // In this order: the rightful run records the item (version 1 → 2), takes a dissent, signs version 2, then finalises it.
    'mdt.agenda': { scope: 'clinician', input: () => undefined },
    'mdt.list': { scope: 'clinician', input: () => undefined },
    'mdt.create': {
      scope: 'clinician',
      input: () => ({ heldOn: localDate('Europe/London', new Date()), title: 'Thursday MDT', myDiscipline: 'prescriber', attendees: [], patientIds: [patientId] }),
    },
    'mdt.get': { scope: 'mdt-attendee', input: () => ({ meetingId: w.meetingId }) },
    'mdt.recordItem': {
      scope: 'mdt-item',
      input: () => ({
        meetingId: w.meetingId, itemId: w.mdtItemId, expectedVersion: 1, discussion: 'Team only', decisions: 'Hold a week', goalsReset: '',
        sharedSummary: 'We will hold your dose a week.', nextReviewOn: null,
      }),
    },
    'mdt.addDissent': { scope: 'mdt-item', input: () => ({ meetingId: w.meetingId, itemId: w.mdtItemId, body: 'I would hold two weeks.' }) },
    'mdt.sign': { scope: 'mdt-attendee', input: () => ({ meetingId: w.meetingId, expectedVersion: 2 }) },
    'mdt.finalise': { scope: 'mdt-attendee', input: () => ({ meetingId: w.meetingId, expectedVersion: 2 }) },
    'mdt.sharedOutcomes': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    'patients.listMine': { scope: 'clinician', input: () => undefined },
    'patients.clinicianDirectory': { scope: 'clinician', input: () => undefined },
    'patients.add': {
      scope: 'clinician',
      input: () => ({ name: uniqueName('Added patient'), email: uniqueEmail('added'), timeZone: 'Europe/London', hasIntrathecalPump: false }),
    },
    'patients.get': { scope: 'patient-or-care-team', input: () => ({ patientId }) },
    // Before the care-team edits below: they take the read-only member (the rightful caller here) off the team.
    'patients.updateContacts': {
      scope: 'care-team',
      input: () => ({ patientId, phone: '020 7946 0002', emergencyContactName: 'Sam Carer', emergencyContactPhone: '020 7946 0003', careTeamPhone: '020 7946 0004' }),
    },
    'patients.updateMyContacts': { scope: 'patient-self', input: () => ({ patientId, phone: '020 7946 0005', emergencyContactName: '', emergencyContactPhone: '' }) },
    'patients.updateProfile': {
      scope: 'plan-editor',
      input: () => ({ patientId, dateOfBirth: '1970-05-06', conditions: 'Multiple sclerosis', renalFunction: 'mild', hasIntrathecalPump: false, timeZone: 'Europe/London' }),
    },
    'patients.reissueInvite': { scope: 'plan-editor', input: () => ({ patientId }) },
    'patients.addCareTeamMember': { scope: 'plan-editor', input: () => ({ patientId, clinicianEmail: w.outsider.email, mayEditPlan: false }) },
    'patients.updateCareTeamMember': { scope: 'plan-editor', input: () => ({ patientId, clinicianId: w.member.id, mayEditPlan: false }) },
    'patients.removeCareTeamMember': { scope: 'plan-editor', input: () => ({ patientId, clinicianId: w.member.id }) },
    // The rightful call disables the victim's account; sessions in these tests are made in memory, so later calls still run.
    'patients.setAccountDisabled': { scope: 'patient-prescribe', input: () => ({ patientId, disabled: true, reason: 'Moved to another clinic' }) },
    // Before plans.*: the last plan call of the rightful run must be the patient's change request. A fresh plan's criteria are at version 1.
    'adjuncts.list': { scope: 'patient-or-care-team', plan: 'draft', input: (p) => ({ patientId, planId: p.planId }) },
    'adjuncts.add': { scope: 'plan-editor', plan: 'active', input: (p) => ({ patientId, planId: p.planId, kind: 'stretching', startedOn: localDate('Europe/London', new Date()) }) },
    'adjuncts.update': {
      scope: 'plan-editor', plan: 'active', adjunct: true,
      input: (p) => ({ patientId, adjunctId: p.adjunctId, expectedVersion: 1, kind: 'physiotherapy', notes: 'Twice a week', startedOn: localDate('Europe/London', new Date()) }),
    },
    'adjuncts.stop': {
      scope: 'plan-editor', plan: 'active', adjunct: true,
      input: (p) => ({ patientId, adjunctId: p.adjunctId, expectedVersion: 1, stoppedOn: localDate('Europe/London', new Date()), reason: 'Course finished' }),
    },
    'criteria.get': { scope: 'care-team', plan: 'draft', input: (p) => ({ patientId, planId: p.planId }) },
    'criteria.update': {
      scope: 'plan-editor', plan: 'draft', input: (p) => ({ patientId, planId: p.planId, expectedVersion: 1, criteria: defaultCriteria().slice(0, 2), reason: 'Fewer rules' }),
    },
    'decisions.recommendation': { scope: 'care-team', plan: 'active', input: () => ({ patientId }) },
    // Holding is any plan editor's; the decisions that change doses need a prescriber (tested apart, in the access matrix).
    'decisions.record': { scope: 'plan-editor', plan: 'active', input: (p) => ({ ...ref(p), decision: 'hold', days: 7, reason: 'Spasticity is up: hold a week' }) },
    'plans.get': { scope: 'patient-or-care-team', plan: 'proposed', input: () => ({ patientId }) },
    'plans.version': { scope: 'patient-or-care-team', plan: 'proposed', input: (p) => ({ patientId, planId: p.planId, version: p.version }) },
    'plans.doseChangeTomorrow': { scope: 'patient-or-care-team', plan: 'active', input: () => ({ patientId }) },
    'plans.diff': { scope: 'patient-or-care-team', plan: 'proposed', input: (p) => ({ patientId, planId: p.planId, from: 1, to: p.version }) },
    'plans.comment': { scope: 'patient-or-care-team', plan: 'active', input: (p) => ({ patientId, planId: p.planId, version: p.version, body: 'Sleeping better.' }) },
    'plans.create': { scope: 'plan-editor', plan: 'none', after: 'draft', input: () => ({ patientId, input: validTaperInput(), reason: 'First plan' }) },
    'plans.update': { scope: 'plan-editor', plan: 'draft', after: 'draft', input: (p) => ({ ...ref(p), input: validTaperInput({ stepDays: 21 }), reason: 'Longer steps' }) },
    'plans.propose': { scope: 'patient-prescribe', plan: 'draft', after: 'proposed', input: (p) => ({ ...ref(p), reason: 'Please review' }) },
    'plans.activate': { scope: 'patient-prescribe', plan: 'agreed', after: 'active', input: (p) => ref(p) },
    'plans.pause': { scope: 'plan-editor', plan: 'active', after: 'paused', input: (p) => ({ ...ref(p), reason: 'Holiday' }) },
    'plans.resume': { scope: 'patient-prescribe', plan: 'paused', after: 'active', input: (p) => ({ ...ref(p), reason: 'Back home' }) },
    'plans.extend': { scope: 'plan-editor', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'Headaches', days: 7 }) },
    'plans.slow': { scope: 'patient-prescribe', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'Anxious at each cut', percent: 25 }) },
    'plans.stepBack': { scope: 'patient-prescribe', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'Spasms are back' }) },
    // The plan starts today: its second step (index 1) has not started yet.
    'plans.editStep': { scope: 'patient-prescribe', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'A longer step', index: 1, days: 21 }) },
    'plans.complete': { scope: 'patient-prescribe', plan: 'active', after: 'completed', input: (p) => ({ ...ref(p), reason: 'Target reached' }) },
    'plans.stop': { scope: 'patient-prescribe', plan: 'draft', after: 'stopped', input: (p) => ({ ...ref(p), reason: 'Changed medication' }) },
    'plans.agree': { scope: 'patient-self', plan: 'proposed', after: 'agreed', input: (p) => ({ ...ref(p), reason: 'Evenings suit me' }) },
    'plans.requestChange': {
      scope: 'patient-self', plan: 'proposed', input: (p) => ({ patientId, planId: p.planId, version: p.version, body: 'Could the evening dose be later?' }),
    },
  };
}

/** Stands in for a plan wherever no database is at hand (enumerating the table) or the call needs none. */
export const NO_PLAN: PlanRef = { planId: randomUUID(), version: 1, status: 'draft' };

/**
 * The input for the rightful call of `entry`, made valid for the victim's data as it is now: the plan
 * the procedure needs is made first (through the services, as the plan-editing owner and the patient).
 */
export async function inputOf(db: Db, world: World, entry: Entry): Promise<unknown> {
  if (!entry.plan) return entry.input(NO_PLAN);
  await stopOpenPlan(db, world.owner, world.victim.id);
  const plan = entry.plan === 'none' ? NO_PLAN : await makePlan(db, world.owner, world.victim, entry.plan);
  if (!entry.adjunct) return entry.input(plan);
  const added = await addAdjunct(db, world.owner, { patientId: world.victim.id, planId: plan.planId, kind: 'physiotherapy', name: '', notes: '', startedOn: localDate('Europe/London', new Date()), maxDays: null, stopCriteria: null, followUpOn: null });
  return entry.input({ ...plan, adjunctId: added.id });
}

/** A world with made-up ids, for enumerating the table (scopes, input shapes) where no database is at hand. */
export function placeholderWorld(): World {
  const someone = { id: randomUUID(), email: 'x@example.test', name: 'x', role: 'clinician', timeZone: 'UTC' } as const;
  return {
    owner: someone, member: someone, planEditor: someone, outsider: someone, victim: someone, otherPatient: someone, admin: someone,
    invitedStaffId: randomUUID(), inviteToken: 'x'.repeat(43), resetToken: 'x'.repeat(43), alertId: randomUUID(), failedDeliveryId: randomUUID(), goalIds: [randomUUID(), randomUUID(), randomUUID()], milestoneId: randomUUID(),
    meetingId: randomUUID(), mdtItemId: randomUUID(), nonAttendee: someone,
    twoStep: {
      confirming: someone, confirmingSecret: 'A'.repeat(32), enrolled: someone, enrolledCodes: ['aaaaa-aaaaa'], removable: someone, removableCodes: ['aaaaa-aaaaa'],
      verifying: someone, verifyingCodes: ['aaaaa-aaaaa'], resettableId: randomUUID(),
    },
  };
}
