// The access matrix, enumerated from the router: who is refused on every procedure.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, DbHandle } from '~/db';
import { mdtDissents, mdtMeetings, mdtPatientItems } from '~/db/schema';
import { createStaffAccount } from '~/server/accounts/service';
import { appRouter } from '~/server/api/root';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { defaultCriteria } from '~/server/criteria/evaluate';
import { listAlerts } from '~/server/alerts/service';
import { addAdjunct } from '~/server/adjuncts/service';
import { createGoal, setGoalStatus } from '~/server/goals/service';
import { listMilestones } from '~/server/milestones/service';
import { listCareTeam as listTeam } from '~/server/patients/service';
import { localDate, type PlanStatus } from '~/server/plans/service';
import { createMeeting } from '~/server/reviews/mdt';
import { addDays } from '~/server/taper';
import {
  addToTeam, auditAbout, callPath, checkInInput, httpCall, makeNamedPatient, makePatient, makePlan, makeUser, openTestDb, patientRowCounts, planRowCounts,
  procedurePaths, rejection, stopOpenPlan, TEST_PASSWORD, uniqueEmail, uniqueName, validTaperInput, type PlanRef,
} from '~/server/test/db';

/**
 * Who may call: 'patient-self' is the patient themself only (their care team may not act for them);
 * 'care-team' is the patient's care team only (the patient themself may not: alerts, criteria and step
 * recommendations are the team's working tools).
 */
type Scope = 'public' | 'authed' | 'clinician' | 'admin' | 'patient-read' | 'patient-edit' | 'patient-self' | 'care-team';

/**
 * The state the victim's plan must be in for the rightful call to succeed: a fresh plan is made in that
 * state before each call (any plan in progress is stopped first); 'none' leaves the victim with no plan
 * in progress (to create one).
 */
type PlanNeed = 'none' | Exclude<PlanStatus, 'completed' | 'stopped'>;

interface Entry {
  scope: Scope;
  plan?: PlanNeed;
  /** The plan's status after the rightful call (proves it took effect). */
  after?: PlanStatus;
  /** Adds a support to the plan first, for the calls that change one (its id comes as `adjunctId`). */
  adjunct?: boolean;
  input: (plan: PlanRef & { adjunctId?: string }) => unknown;
}

/** The procedures anyone may call without signing in. Everything else must refuse anonymous callers. */
const PUBLIC_PROCEDURES = ['invites.accept', 'invites.inspect'];

interface World {
  owner: SessionUser; // clinician who added the victim: on the team, may edit the plan
  member: SessionUser; // on the victim's team, may not edit the plan
  outsider: SessionUser; // clinician on no team of the victim's
  victim: SessionUser & { name: string; email: string };
  otherPatient: SessionUser;
  admin: SessionUser;
  invitedStaffId: string;
  inviteToken: string; // an invite of its own, for invites.*
  alertId: string; // an open urgent alert about the victim, raised by their check-in today
  goalIds: [string, string, string]; // active goals of the victim's: to revise, to close, to record progress on
  milestoneId: string; // the victim's unseen milestone (a goal achieved)
  meetingId: string; // an MDT meeting about the victim, created by the owner; the member and the outsider attend
  mdtItemId: string; // the victim's item on it
  nonAttendee: SessionUser; // a clinician who attends no meeting
}

/** Written into the victim's check-in: a leak of their check-ins would show it (it contains "Vanessa"). */
const VICTIM_NOTE = 'Vanessa felt the room spinning at night';

async function buildWorld(db: Db): Promise<World> {
  const [owner, member, outsider, admin, otherClinician] = await Promise.all([
    makeUser(db, 'clinician', uniqueName('Owner')),
    makeUser(db, 'clinician', uniqueName('Member')),
    makeUser(db, 'clinician', uniqueName('Outsider')),
    makeUser(db, 'admin', uniqueName('Admin')),
    makeUser(db, 'clinician', uniqueName('Other clinician')),
  ]);
  const victim = await makeNamedPatient(db, owner, { name: uniqueName('Victim Vanessa'), email: uniqueEmail('victim') });
  await addToTeam(db, owner, victim.patientId, member, { mayEditPlan: false });
  const otherPatient = (await makePatient(db, otherClinician)).user;
  const actor = { id: admin.id, role: admin.role };
  const staff = await createStaffAccount(db, actor, { name: uniqueName('Invited staff'), email: uniqueEmail('staff'), timeZone: 'UTC', role: 'clinician' });
  const invitee = await createStaffAccount(db, actor, { name: uniqueName('Invitee'), email: uniqueEmail('invitee'), timeZone: 'UTC', role: 'clinician' });
  // Today's check-in, with a red flag: the victim has check-in data and an open alert to protect.
  const checkIn = checkInInput(victim.patientId, localDate('Europe/London', new Date()), { redFlags: ['hallucinations'], notes: VICTIM_NOTE });
  await submitCheckIn(db, { id: victim.patientId, role: 'patient' }, checkIn);
  const alerts = await listAlerts(db, victim.patientId, true);
  const alertId = alerts[0]?.id;
  if (!alertId) throw new Error('the victim’s check-in raised no alert');
  const goal = (title: string) => createGoal(db, { id: owner.id, role: owner.role }, { patientId: victim.patientId, title, measure: 'Minutes a day', target: '20 minutes', targetValue: 20, targetUnit: 'minutes', dueOn: null });
  const goals = await Promise.all(['Walk', 'Stretch', 'Sleep', 'Swim'].map(goal));
  const [reviseId, closeId, progressId, achievedId] = goals.map((g) => g.goalId);
  if (!reviseId || !closeId || !progressId || !achievedId) throw new Error('no goals');
  await setGoalStatus(db, { id: owner.id, role: owner.role }, { patientId: victim.patientId, goalId: achievedId, expectedVersion: 1, status: 'achieved', reason: '' });
  const [milestone] = await listMilestones(db, victim.patientId);
  if (!milestone) throw new Error('no milestone for the victim');
  // The outsider attends the meeting without being on the victim's team: the victim's item is withheld from them.
  const { meetingId } = await createMeeting(db, { id: owner.id, role: owner.role }, {
    heldOn: localDate('Europe/London', new Date()), title: 'Access MDT', myDiscipline: 'prescriber',
    attendees: [{ clinicianId: member.id, discipline: 'nurse' }, { clinicianId: outsider.id, discipline: 'pharmacist' }], patientIds: [victim.patientId],
  });
  const [item] = await db.select({ id: mdtPatientItems.id }).from(mdtPatientItems).where(eq(mdtPatientItems.meetingId, meetingId));
  if (!item) throw new Error('the meeting has no item');
  const nonAttendee = await makeUser(db, 'clinician', uniqueName('Non-attendee'));
  return {
    owner, member, outsider, victim: victim.user, otherPatient, admin, invitedStaffId: staff.userId, inviteToken: invitee.token, alertId,
    goalIds: [reviseId, closeId, progressId], milestoneId: milestone.id, meetingId, mdtItemId: item.id, nonAttendee,
  };
}

/**
 * Every procedure with its tier and an input that is valid for its rightful caller. A new procedure
 * fails the coverage test below until it is added here (and so is tested for who is refused).
 */
function procedureTable(w: World): Record<string, Entry> {
  const patientId = w.victim.id;
  const ref = (p: PlanRef) => ({ patientId, planId: p.planId, expectedVersion: p.version });
  return {
    'account.me': { scope: 'authed', input: () => undefined },
    'account.changePassword': { scope: 'authed', input: () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a brand new passphrase 42' }) },
    'account.signOutEverywhere': { scope: 'authed', input: () => undefined },
    'admin.listStaff': { scope: 'admin', input: () => undefined },
    'admin.createStaff': { scope: 'admin', input: () => ({ name: uniqueName('New clinician'), email: uniqueEmail('new-staff'), timeZone: 'Europe/Paris', role: 'clinician' }) },
    'admin.reissueInvite': { scope: 'admin', input: () => ({ userId: w.invitedStaffId }) },
    'admin.setDisabled': { scope: 'admin', input: () => ({ userId: w.invitedStaffId, disabled: false }) },
    'invites.inspect': { scope: 'public', input: () => ({ token: w.inviteToken }) },
    'invites.accept': { scope: 'public', input: () => ({ token: w.inviteToken, password: 'a good long password', confirmPassword: 'a good long password' }) },
    // Listed before patients.*: the care-team edits there take the read-only member off the team.
    'checkins.day': { scope: 'patient-self', input: () => ({ patientId }) },
    'checkins.submit': {
      scope: 'patient-self',
      input: () => checkInInput(patientId, localDate('Europe/London', new Date()), { scores: { spasticity: 5 }, notes: 'Evening update' }),
    },
    'checkins.list': { scope: 'patient-read', input: () => ({ patientId, days: 14 }) },
    'trends.get': { scope: 'patient-read', input: () => ({ patientId, range: '2w' }) },
    'alerts.list': { scope: 'care-team', input: () => ({ patientId, open: true }) },
    'alerts.acknowledge': { scope: 'care-team', input: () => ({ patientId, alertId: w.alertId, note: 'Phoned the patient; advised urgent care.' }) },
    'triage.list': { scope: 'clinician', input: () => undefined },
    'notes.list': { scope: 'patient-read', input: () => ({ patientId }) },
    'notes.create': { scope: 'patient-read', input: () => ({ patientId, body: 'Slept better this week.', visibility: 'shared' }) },
    'goals.list': { scope: 'patient-read', input: () => ({ patientId }) },
    'goals.create': { scope: 'care-team', input: () => ({ patientId, title: 'Walk to the shop', measure: 'Minutes a day', target: '20 minutes a day' }) },
    'goals.revise': {
      scope: 'care-team', input: () => ({ patientId, goalId: w.goalIds[0], expectedVersion: 1, title: 'Walk further', measure: 'Minutes a day', target: '30 minutes a day', reason: 'Reached 20' }),
    },
    'goals.setStatus': { scope: 'care-team', input: () => ({ patientId, goalId: w.goalIds[1], expectedVersion: 1, status: 'dropped', reason: 'Replaced' }) },
    'goals.recordProgress': { scope: 'patient-read', input: () => ({ patientId, goalId: w.goalIds[2], recordedOn: localDate('Europe/London', new Date()), value: 10, note: '' }) },
    'milestones.list': { scope: 'patient-read', input: () => ({ patientId }) },
    'milestones.markSeen': { scope: 'patient-self', input: () => ({ patientId, milestoneIds: [w.milestoneId] }) },
    // Before patients.*: the care-team edits there take the read-only member off the team.
    'weeklyReviews.data': { scope: 'care-team', input: () => ({ patientId }) },
    'weeklyReviews.list': { scope: 'care-team', input: () => ({ patientId }) },
    'weeklyReviews.record': {
      scope: 'care-team', input: () => ({ patientId, summary: 'A steady week.', decision: 'continue', nextReviewOn: addDays(localDate('Europe/London', new Date()), 7) }),
    },
    // Keyed by meeting: clinician scope, with attendance and the patient's care team checked by the service (see below).
    // In this order: the rightful run records the item (version 1 → 2), takes a dissent, then finalises at version 2.
    'mdt.agenda': { scope: 'clinician', input: () => undefined },
    'mdt.list': { scope: 'clinician', input: () => undefined },
    'mdt.create': {
      scope: 'clinician',
      input: () => ({ heldOn: localDate('Europe/London', new Date()), title: 'Thursday MDT', myDiscipline: 'prescriber', attendees: [], patientIds: [patientId] }),
    },
    'mdt.get': { scope: 'clinician', input: () => ({ meetingId: w.meetingId }) },
    'mdt.recordItem': {
      scope: 'clinician',
      input: () => ({
        meetingId: w.meetingId, itemId: w.mdtItemId, expectedVersion: 1, discussion: 'Team only', decisions: 'Hold a week', goalsReset: '',
        sharedSummary: 'We will hold your dose a week.', nextReviewOn: null,
      }),
    },
    'mdt.addDissent': { scope: 'clinician', input: () => ({ meetingId: w.meetingId, itemId: w.mdtItemId, body: 'I would hold two weeks.' }) },
    'mdt.finalise': { scope: 'clinician', input: () => ({ meetingId: w.meetingId, expectedVersion: 2 }) },
    'mdt.sharedOutcomes': { scope: 'patient-read', input: () => ({ patientId }) },
    'patients.listMine': { scope: 'clinician', input: () => undefined },
    'patients.clinicianDirectory': { scope: 'clinician', input: () => undefined },
    'patients.add': {
      scope: 'clinician',
      input: () => ({ name: uniqueName('Added patient'), email: uniqueEmail('added'), timeZone: 'Europe/London', hasIntrathecalPump: false, myDiscipline: 'prescriber' }),
    },
    'patients.get': { scope: 'patient-read', input: () => ({ patientId }) },
    'patients.updateProfile': {
      scope: 'patient-edit',
      input: () => ({ patientId, dateOfBirth: '1970-05-06', conditions: 'Multiple sclerosis', renalFunction: 'mild', hasIntrathecalPump: false, timeZone: 'Europe/London' }),
    },
    'patients.reissueInvite': { scope: 'patient-edit', input: () => ({ patientId }) },
    'patients.addCareTeamMember': { scope: 'patient-edit', input: () => ({ patientId, clinicianEmail: w.outsider.email, discipline: 'physiotherapist', mayEditPlan: false }) },
    'patients.updateCareTeamMember': { scope: 'patient-edit', input: () => ({ patientId, clinicianId: w.member.id, discipline: 'pharmacist', mayEditPlan: false }) },
    'patients.removeCareTeamMember': { scope: 'patient-edit', input: () => ({ patientId, clinicianId: w.member.id }) },
    // Before plans.*: the last plan call of the rightful run must be the patient's change request. A fresh plan's criteria are at version 1.
    'adjuncts.list': { scope: 'patient-read', plan: 'draft', input: (p) => ({ patientId, planId: p.planId }) },
    'adjuncts.add': { scope: 'patient-edit', plan: 'active', input: (p) => ({ patientId, planId: p.planId, kind: 'stretching', startedOn: localDate('Europe/London', new Date()) }) },
    'adjuncts.update': {
      scope: 'patient-edit', plan: 'active', adjunct: true,
      input: (p) => ({ patientId, adjunctId: p.adjunctId, expectedVersion: 1, kind: 'physiotherapy', notes: 'Twice a week', startedOn: localDate('Europe/London', new Date()) }),
    },
    'adjuncts.stop': {
      scope: 'patient-edit', plan: 'active', adjunct: true,
      input: (p) => ({ patientId, adjunctId: p.adjunctId, expectedVersion: 1, stoppedOn: localDate('Europe/London', new Date()), reason: 'Course finished' }),
    },
    'criteria.get': { scope: 'care-team', plan: 'draft', input: (p) => ({ patientId, planId: p.planId }) },
    'criteria.update': {
      scope: 'patient-edit', plan: 'draft', input: (p) => ({ patientId, planId: p.planId, expectedVersion: 1, criteria: defaultCriteria().slice(0, 2), reason: 'Fewer rules' }),
    },
    'decisions.recommendation': { scope: 'care-team', plan: 'active', input: () => ({ patientId }) },
    'decisions.record': { scope: 'patient-edit', plan: 'active', input: (p) => ({ ...ref(p), decision: 'hold', days: 7, reason: 'Spasticity is up: hold a week' }) },
    'plans.get': { scope: 'patient-read', plan: 'proposed', input: () => ({ patientId }) },
    'plans.version': { scope: 'patient-read', plan: 'proposed', input: (p) => ({ patientId, planId: p.planId, version: p.version }) },
    'plans.diff': { scope: 'patient-read', plan: 'proposed', input: (p) => ({ patientId, planId: p.planId, from: 1, to: p.version }) },
    'plans.comment': { scope: 'patient-read', plan: 'active', input: (p) => ({ patientId, planId: p.planId, version: p.version, body: 'Sleeping better.' }) },
    'plans.create': { scope: 'patient-edit', plan: 'none', after: 'draft', input: () => ({ patientId, input: validTaperInput(), reason: 'First plan' }) },
    'plans.update': { scope: 'patient-edit', plan: 'draft', after: 'draft', input: (p) => ({ ...ref(p), input: validTaperInput({ stepDays: 21 }), reason: 'Longer steps' }) },
    'plans.propose': { scope: 'patient-edit', plan: 'draft', after: 'proposed', input: (p) => ({ ...ref(p), reason: 'Please review' }) },
    'plans.activate': { scope: 'patient-edit', plan: 'agreed', after: 'active', input: (p) => ref(p) },
    'plans.pause': { scope: 'patient-edit', plan: 'active', after: 'paused', input: (p) => ({ ...ref(p), reason: 'Holiday' }) },
    'plans.resume': { scope: 'patient-edit', plan: 'paused', after: 'active', input: (p) => ({ ...ref(p), reason: 'Back home' }) },
    'plans.extend': { scope: 'patient-edit', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'Headaches', days: 7 }) },
    'plans.slow': { scope: 'patient-edit', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'Anxious at each cut', percent: 25 }) },
    'plans.stepBack': { scope: 'patient-edit', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'Spasms are back' }) },
    // The plan starts today: its second step (index 1) has not started yet.
    'plans.editStep': { scope: 'patient-edit', plan: 'active', after: 'active', input: (p) => ({ ...ref(p), reason: 'A longer step', index: 1, days: 21 }) },
    'plans.complete': { scope: 'patient-edit', plan: 'active', after: 'completed', input: (p) => ({ ...ref(p), reason: 'Target reached' }) },
    'plans.stop': { scope: 'patient-edit', plan: 'draft', after: 'stopped', input: (p) => ({ ...ref(p), reason: 'Changed medication' }) },
    'plans.agree': { scope: 'patient-self', plan: 'proposed', after: 'agreed', input: (p) => ({ ...ref(p), reason: 'Evenings suit me' }) },
    'plans.requestChange': {
      scope: 'patient-self', plan: 'proposed', input: (p) => ({ patientId, planId: p.planId, version: p.version, body: 'Could the evening dose be later?' }),
    },
  };
}

/** Stands in for a plan wherever no database is at hand (enumerating the table) or the call needs none. */
const NO_PLAN: PlanRef = { planId: randomUUID(), version: 1, status: 'draft' };

/**
 * The input for the rightful call of `entry`, made valid for the victim's data as it is now: the plan
 * the procedure needs is made first (through the services, as the plan-editing owner and the patient).
 */
async function inputOf(db: Db, world: World, entry: Entry): Promise<unknown> {
  if (!entry.plan) return entry.input(NO_PLAN);
  await stopOpenPlan(db, world.owner, world.victim.id);
  const plan = entry.plan === 'none' ? NO_PLAN : await makePlan(db, world.owner, world.victim, entry.plan);
  if (!entry.adjunct) return entry.input(plan);
  const added = await addAdjunct(db, world.owner, { patientId: world.victim.id, planId: plan.planId, kind: 'physiotherapy', name: '', notes: '', startedOn: localDate('Europe/London', new Date()), maxDays: null, stopCriteria: null, followUpOn: null });
  return entry.input({ ...plan, adjunctId: added.id });
}

// Scopes need no database: build the table on a placeholder world to enumerate it at collection time.
const placeholder = { id: randomUUID(), email: 'x@example.test', name: 'x', role: 'clinician', timeZone: 'UTC' } as const;
const staticTable = procedureTable({
  owner: placeholder, member: placeholder, outsider: placeholder, victim: placeholder, otherPatient: placeholder, admin: placeholder,
  invitedStaffId: randomUUID(), inviteToken: 'x'.repeat(43), alertId: randomUUID(), goalIds: [randomUUID(), randomUUID(), randomUUID()], milestoneId: randomUUID(),
  meetingId: randomUUID(), mdtItemId: randomUUID(), nonAttendee: placeholder,
});
const pathsWith = (...scopes: Scope[]) => Object.entries(staticTable).filter(([, v]) => scopes.includes(v.scope)).map(([k]) => k).sort();
const nonPublic = procedurePaths().filter((p) => !PUBLIC_PROCEDURES.includes(p));
const patientScoped = pathsWith('patient-read', 'patient-edit', 'patient-self', 'care-team');
const editLevel = pathsWith('patient-edit');
const selfLevel = pathsWith('patient-self');
const careLevel = pathsWith('care-team');

let h: DbHandle;
let w: World;
let table: ReturnType<typeof procedureTable>;

beforeAll(async () => {
  h = await openTestDb();
  w = await buildWorld(h.db);
  table = procedureTable(w);
});
afterAll(async () => {
  await h.close();
});

function inputFor(path: string): Promise<unknown> {
  const entry = table[path];
  if (!entry) throw new Error(`no table entry for ${path}`);
  return inputOf(h.db, w, entry);
}

/**
 * What a refused call must leave as it was: every audit event about the victim, their plan rows, and their
 * check-ins (with revisions and submissions), alerts (and how many are acknowledged), criteria and decisions.
 */
async function victimState() {
  return {
    audit: (await auditAbout(h.db, w.victim.id)).length,
    plans: await planRowCounts(h.db, w.victim.id),
    rows: await patientRowCounts(h.db, w.victim.id),
  };
}

/** Nothing the victim could recognise as theirs appears in what the caller gets back. */
async function expectNoVictimData(path: string, who: SessionUser, error: { message: string; cause?: unknown }) {
  const texts = [error.message, String((error.cause as Error | undefined)?.message ?? ''), (await httpCall(h.db, who, path, await inputFor(path))).body];
  for (const text of texts) {
    expect(text).not.toContain(w.victim.name);
    expect(text).not.toContain(w.victim.email);
    expect(text.toLowerCase()).not.toContain('vanessa');
  }
}

describe('the procedure table', () => {
  it('covers every procedure of the router, and nothing else', () => {
    expect(Object.keys(staticTable).sort()).toEqual(procedurePaths());
    expect(procedurePaths().length).toBeGreaterThanOrEqual(45);
  });

  it('marks exactly the allow-listed procedures public; every other procedure is tested for anonymous callers', () => {
    expect(pathsWith('public')).toEqual([...PUBLIC_PROCEDURES].sort());
    expect(pathsWith('authed', 'clinician', 'admin', 'patient-read', 'patient-edit', 'patient-self', 'care-team')).toEqual(nonPublic);
  });

  it('treats a procedure as patient-scoped exactly when its input names a patient', () => {
    const namesPatient = Object.entries(staticTable)
      .filter(([, v]) => {
        const input = v.input(NO_PLAN);
        return typeof input === 'object' && input !== null && 'patientId' in input;
      })
      .map(([k]) => k)
      .sort();
    expect(namesPatient).toEqual(patientScoped);
    expect(patientScoped).toEqual([
      'adjuncts.add', 'adjuncts.list', 'adjuncts.stop', 'adjuncts.update',
      'alerts.acknowledge', 'alerts.list', 'checkins.day', 'checkins.list', 'checkins.submit', 'criteria.get', 'criteria.update',
      'decisions.recommendation', 'decisions.record', 'goals.create', 'goals.list', 'goals.recordProgress', 'goals.revise', 'goals.setStatus',
      'mdt.sharedOutcomes', 'milestones.list', 'milestones.markSeen', 'notes.create', 'notes.list',
      'patients.addCareTeamMember', 'patients.get', 'patients.reissueInvite', 'patients.removeCareTeamMember',
      'patients.updateCareTeamMember', 'patients.updateProfile',
      'plans.activate', 'plans.agree', 'plans.comment', 'plans.complete', 'plans.create', 'plans.diff', 'plans.editStep', 'plans.extend',
      'plans.get', 'plans.pause', 'plans.propose', 'plans.requestChange', 'plans.resume', 'plans.slow', 'plans.stepBack', 'plans.stop',
      'plans.update', 'plans.version', 'trends.get', 'weeklyReviews.data', 'weeklyReviews.list', 'weeklyReviews.record',
    ]);
  });

  it('names the procedures only the patient themself may call', () => {
    expect(selfLevel).toEqual(['checkins.day', 'checkins.submit', 'milestones.markSeen', 'plans.agree', 'plans.requestChange']);
    // Every plan procedure that needs a plan in a given state says so, so its rightful call can succeed.
    expect(Object.entries(staticTable).filter(([k, v]) => k.startsWith('plans.') && !v.plan).map(([k]) => k)).toEqual([]);
  });

  it('names the procedures only the care team may call, and the plan-editing ones among the new tools', () => {
    expect(careLevel).toEqual([
      'alerts.acknowledge', 'alerts.list', 'criteria.get', 'decisions.recommendation', 'goals.create', 'goals.revise', 'goals.setStatus',
      'weeklyReviews.data', 'weeklyReviews.list', 'weeklyReviews.record',
    ]);
    expect(editLevel.filter((p) => !p.startsWith('patients.') && !p.startsWith('plans.'))).toEqual(['adjuncts.add', 'adjuncts.stop', 'adjuncts.update', 'criteria.update', 'decisions.record']);
  });
});

describe('signed-out callers', () => {
  it.each(nonPublic)('%s refuses an anonymous caller with UNAUTHORIZED and changes nothing', async (path) => {
    const input = await inputFor(path);
    const before = await victimState();
    const error = await rejection(callPath(h.db, 'anonymous', path, input));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe('Please sign in.');
    expect(await victimState()).toEqual(before);
  });

  it.each(nonPublic)('%s refuses an expired session with UNAUTHORIZED and changes nothing', async (path) => {
    const input = await inputFor(path);
    const before = await victimState();
    const error = await rejection(callPath(h.db, 'expired', path, input));
    expect(error.code).toBe('UNAUTHORIZED');
    expect(error.message).toBe('Your session has ended. Please sign in again.');
    expect(await victimState()).toEqual(before);
  });

  it('refuses before reading the input: a malformed input still gets UNAUTHORIZED, not a validation error', async () => {
    const error = await rejection(callPath(h.db, 'anonymous', 'patients.updateProfile', { patientId: 'not-a-uuid' }));
    expect(error.code).toBe('UNAUTHORIZED');
  });

  it.each(['patients.get', 'plans.get', 'plans.agree', 'checkins.list', 'alerts.list', 'decisions.recommendation', 'triage.list'])('%s answers 401 over HTTP without any of the victim’s data', async (path) => {
    for (const who of ['anonymous', 'expired'] as const) {
      const res = await httpCall(h.db, who, path, await inputFor(path));
      expect(res.status).toBe(401);
      expect(res.body).not.toContain(w.victim.name);
      expect(res.body).not.toContain(w.victim.email);
    }
  });

  it('lets anonymous callers use the public procedures', async () => {
    await expect(callPath(h.db, 'anonymous', 'invites.inspect', { token: 'f'.repeat(43) })).resolves.toEqual({ status: 'invalid' });
  });
});

describe('patient-scoped procedures', () => {
  const outsiders = [
    ['another patient', () => w.otherPatient],
    ['a clinician not on the care team', () => w.outsider],
    ['an administrator', () => w.admin],
  ] as const;

  for (const [label, who] of outsiders) {
    it.each(patientScoped)(`%s refuses ${label} with FORBIDDEN, changes nothing and reveals nothing`, async (path) => {
      const input = await inputFor(path);
      const before = await victimState();
      const error = await rejection(callPath(h.db, who(), path, input));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('You do not have access to this patient.');
      expect(await victimState()).toEqual(before);
      await expectNoVictimData(path, who(), error);
    });
  }

  it('gives an unknown patient the same answer as a patient out of reach', async () => {
    const unknown = await rejection(callPath(h.db, w.outsider, 'patients.get', { patientId: randomUUID() }));
    const outOfReach = await rejection(callPath(h.db, w.outsider, 'patients.get', { patientId: w.victim.id }));
    expect([unknown.code, unknown.message]).toEqual([outOfReach.code, outOfReach.message]);
    expect(unknown.code).toBe('FORBIDDEN');
  });

  it('left the victim’s care team as it was after every refused call', async () => {
    const team = await listTeam(h.db, w.victim.id);
    expect(team.map((m) => [m.clinicianId, m.discipline, m.mayEditPlan]).sort()).toEqual(
      [[w.owner.id, 'prescriber', true], [w.member.id, 'nurse', false]].sort(),
    );
  });

  it('lets a care-team member without plan rights read the record', async () => {
    const record = (await callPath(h.db, w.member, 'patients.get', { patientId: w.victim.id })) as {
      patient: { id: string; name: string }; access: unknown;
    };
    expect(record.patient).toMatchObject({ id: w.victim.id, name: w.victim.name });
    expect(record.access).toEqual({ patientId: w.victim.id, kind: 'care-team', discipline: 'nurse', mayEditPlan: false });
  });

  it.each(editLevel)('%s refuses a care-team member who may not edit the plan with FORBIDDEN and changes nothing', async (path) => {
    const input = await inputFor(path);
    const before = await victimState();
    const error = await rejection(callPath(h.db, w.member, path, input));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('You may not edit this patient’s plan or care team.');
    expect(await victimState()).toEqual(before);
  });

  // Agreeing and asking for a change are the patient's own voice: no clinician may use it for them.
  const teamClinicians = [
    ['a care-team member who may edit the plan', () => w.owner],
    ['a care-team member who may not edit the plan', () => w.member],
  ] as const;
  for (const [label, who] of teamClinicians) {
    it.each(selfLevel)(`%s refuses ${label} with FORBIDDEN and changes nothing`, async (path) => {
      const input = await inputFor(path);
      const before = await victimState();
      const error = await rejection(callPath(h.db, who(), path, input));
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('Only the patient can do this.');
      expect(await victimState()).toEqual(before);
    });
  }

  it.each(careLevel)('%s refuses the patient themself with FORBIDDEN, changes nothing and shows none of the team’s data', async (path) => {
    const input = await inputFor(path);
    const before = await victimState();
    const error = await rejection(callPath(h.db, w.victim, path, input));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('Only the care team can see this.');
    expect(await victimState()).toEqual(before);
    const res = await httpCall(h.db, w.victim, path, await inputFor(path));
    expect(res.status).toBe(403);
    for (const text of [res.body, error.message]) {
      expect(text).not.toContain(w.alertId);
      expect(text).not.toContain('hallucinations');
      expect(text).not.toContain('default-spasticity');
    }
  });

  it('lets the patient read their own record', async () => {
    const record = (await callPath(h.db, w.victim, 'patients.get', { patientId: w.victim.id })) as {
      patient: { id: string; email: string }; access: unknown; careTeam: unknown[];
    };
    expect(record.patient).toMatchObject({ id: w.victim.id, email: w.victim.email });
    expect(record.access).toEqual({ patientId: w.victim.id, kind: 'self' });
    expect(record.careTeam).toHaveLength(2);
  });

  it.each(editLevel)('%s refuses the patient themselves with FORBIDDEN and changes nothing', async (path) => {
    const input = await inputFor(path);
    const before = await victimState();
    const error = await rejection(callPath(h.db, w.victim, path, input));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('You may not edit this patient’s plan or care team.');
    expect(await victimState()).toEqual(before);
  });
});

describe('role-only procedures', () => {
  const adminOnly = pathsWith('admin');
  const clinicianOnly = pathsWith('clinician');

  it('are the ones expected', () => {
    expect(adminOnly).toEqual(['admin.createStaff', 'admin.listStaff', 'admin.reissueInvite', 'admin.setDisabled']);
    expect(clinicianOnly).toEqual([
      'mdt.addDissent', 'mdt.agenda', 'mdt.create', 'mdt.finalise', 'mdt.get', 'mdt.list', 'mdt.recordItem',
      'patients.add', 'patients.clinicianDirectory', 'patients.listMine', 'triage.list',
    ]);
  });

  it.each(adminOnly.flatMap((p) => [[p, 'patient'], [p, 'clinician']] as const))('%s refuses a %s with FORBIDDEN', async (path, role) => {
    const who = role === 'patient' ? w.victim : w.owner;
    const error = await rejection(callPath(h.db, who, path, inputFor(path)));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('You do not have access to this.');
  });

  it.each(clinicianOnly.flatMap((p) => [[p, 'patient'], [p, 'admin']] as const))('%s refuses a %s with FORBIDDEN', async (path, role) => {
    const who = role === 'patient' ? w.victim : w.admin;
    const error = await rejection(callPath(h.db, who, path, inputFor(path)));
    expect(error.code).toBe('FORBIDDEN');
  });

  it('lets every role use its own account', async () => {
    for (const who of [w.victim, w.owner, w.admin]) {
      await expect(callPath(h.db, who, 'account.me', undefined)).resolves.toEqual({
        id: who.id, name: who.name, email: who.email, role: who.role, timeZone: who.timeZone,
      });
    }
  });

  it('does not list the victim among an outsider’s patients', async () => {
    const mine = (await callPath(h.db, w.outsider, 'patients.listMine', undefined)) as { patientId: string }[];
    expect(mine.map((p) => p.patientId)).not.toContain(w.victim.id);
    const owners = (await callPath(h.db, w.owner, 'patients.listMine', undefined)) as { patientId: string }[];
    expect(owners.map((p) => p.patientId)).toContain(w.victim.id);
  });

  it('does not show the victim on an outsider’s triage list, nor anything of theirs', async () => {
    const res = await httpCall(h.db, w.outsider, 'triage.list', undefined);
    expect(res.status).toBe(200);
    expect(res.body).not.toContain(w.victim.id);
    expect(res.body).not.toContain(w.victim.name);
    const owners = (await callPath(h.db, w.owner, 'triage.list', undefined)) as { patientId: string; reason: string }[];
    expect(owners.find((r) => r.patientId === w.victim.id)?.reason).toBe('urgent');
  });
});

describe('MDT procedures keyed by a meeting', () => {
  const byMeeting = ['mdt.addDissent', 'mdt.finalise', 'mdt.get', 'mdt.recordItem'];

  /** The meeting's own rows: nothing a refused call may change. */
  async function meetingState() {
    const [meeting] = await h.db.select().from(mdtMeetings).where(eq(mdtMeetings.id, w.meetingId));
    const [item] = await h.db.select().from(mdtPatientItems).where(eq(mdtPatientItems.id, w.mdtItemId));
    const dissents = await h.db.select().from(mdtDissents).where(eq(mdtDissents.itemId, w.mdtItemId));
    return { meeting, item, dissents: dissents.length, victim: await victimState() };
  }

  it.each(byMeeting)('%s refuses a clinician who does not attend the meeting with FORBIDDEN, changes nothing and reveals nothing', async (path) => {
    const before = await meetingState();
    const error = await rejection(callPath(h.db, w.nonAttendee, path, await inputFor(path)));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'Only the meeting’s attendees can see or change it.']);
    expect(await meetingState()).toEqual(before);
    await expectNoVictimData(path, w.nonAttendee, error);
  });

  // Finalising closes the whole meeting, which any attendee may do; writing about a patient is for their care team.
  it.each(['mdt.addDissent', 'mdt.recordItem'])('%s refuses an attendee who is not on the patient’s care team with FORBIDDEN and changes nothing', async (path) => {
    const before = await meetingState();
    const error = await rejection(callPath(h.db, w.outsider, path, await inputFor(path)));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'Only the patient’s care team can record about them.']);
    expect(await meetingState()).toEqual(before);
  });

  it('shows an attendee who is not on the patient’s care team the item as withheld, with nothing of the patient', async () => {
    const res = await httpCall(h.db, w.outsider, 'mdt.get', { meetingId: w.meetingId });
    expect(res.status).toBe(200);
    expect(res.body).toContain('"withheld":true');
    expect(res.body).not.toContain(w.victim.id);
    expect(res.body).not.toContain(w.victim.name);
    expect(res.body.toLowerCase()).not.toContain('vanessa');
  });

  it.each([...byMeeting, 'mdt.agenda', 'mdt.list', 'mdt.create'])('%s refuses the patient with FORBIDDEN and changes nothing', async (path) => {
    const before = await meetingState();
    const error = await rejection(callPath(h.db, w.victim, path, await inputFor(path)));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this.']);
    expect(await meetingState()).toEqual(before);
  });
});

describe('unknown input fields', () => {
  const takesInput = procedurePaths().filter(
    (p) => ((appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)[p]?._def.inputs.length ?? 0) > 0,
  );
  const rightfulCaller = (scope: Scope): SessionUser | 'anonymous' =>
    ({
      public: 'anonymous', authed: w.owner, clinician: w.owner, admin: w.admin, 'patient-read': w.owner, 'patient-edit': w.owner, 'patient-self': w.victim,
      'care-team': w.member,
    })[scope] as SessionUser | 'anonymous';

  it('every procedure without input is in the table as taking none', () => {
    for (const path of procedurePaths().filter((p) => !takesInput.includes(p))) expect(staticTable[path]?.input(NO_PLAN)).toBeUndefined();
  });

  it.each(takesInput)('%s refuses an unknown extra field with BAD_REQUEST and changes nothing', async (path) => {
    const entry = table[path];
    if (!entry) throw new Error(path);
    const input = { ...((await inputOf(h.db, w, entry)) as object), grantAdmin: true };
    const before = await victimState();
    const error = await rejection(callPath(h.db, rightfulCaller(entry.scope), path, input));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toContain('Unrecognized key');
    expect(await victimState()).toEqual(before);
  });

});

describe('the table’s inputs', () => {
  // Proves the refusals above are about who calls, not about a bad input: the rightful caller succeeds.
  it('are accepted for the rightful caller of every procedure', async () => {
    const world = await buildWorld(h.db);
    const fresh = procedureTable(world);
    const rightful: Record<Scope, SessionUser | 'anonymous'> = {
      public: 'anonymous',
      authed: await makeUser(h.db, 'clinician'),
      clinician: world.owner,
      admin: world.admin,
      'patient-read': world.member,
      'patient-edit': world.owner,
      'patient-self': world.victim,
      'care-team': world.member,
    };
    const succeeded: string[] = [];
    // Plan procedures first: the care-team edits later in the table take the read-only member off the team.
    const ordered = Object.entries(fresh).sort(([, a], [, b]) => Number(!a.plan) - Number(!b.plan));
    for (const [path, entry] of ordered) {
      const result = await callPath(h.db, rightful[entry.scope], path, await inputOf(h.db, world, entry));
      if (entry.after) expect([path, result]).toEqual([path, expect.objectContaining({ status: entry.after })]);
      succeeded.push(path);
    }
    expect(succeeded.sort()).toEqual(procedurePaths());
    // The last plan call, the patient's change request, is on the plan in progress.
    const requests = (await callPath(h.db, world.owner, 'plans.get', { patientId: world.victim.id })) as { comments: { kind: string; authorId: string }[] };
    expect(requests.comments).toEqual([expect.objectContaining({ kind: 'change-request', authorId: world.victim.id })]);
    // The edits took effect (so they were not silently ignored).
    const team = await listTeam(h.db, world.victim.id);
    expect(team.map((m) => m.clinicianId).sort()).toEqual([world.owner.id, world.outsider.id].sort());
    // The check-in was corrected, the alert acknowledged by the member, the criteria saved, the decision recorded.
    expect(await patientRowCounts(h.db, world.victim.id)).toMatchObject({ checkIns: 1, checkInRevisions: 1, acknowledgedAlerts: 1, stepDecisions: 1 });
    const acknowledged = (await listAlerts(h.db, world.victim.id, false)).find((a) => a.id === world.alertId);
    expect(acknowledged).toMatchObject({ acknowledgedByName: world.member.name, acknowledgeNote: 'Phoned the patient; advised urgent care.' });
  });
});
