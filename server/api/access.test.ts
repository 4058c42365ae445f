// The access matrix, enumerated from the router: who is refused on every procedure.
import { renderError } from '~/i18n/errors';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { mdtAttendees, mdtDissents, mdtMeetings, mdtPatientItems } from '~/db/schema';
import { appRouter } from '~/server/api/root';
import { NOT_ATTENDEE, NOT_ON_ITEM_TEAM, PRESCRIBER_ONLY, PRESCRIBER_ONLY_DECISION } from '~/server/api/trpc';
import type { SessionUser } from '~/server/auth/session';
import { listAlerts } from '~/server/alerts/service';
import { listCareTeam as listTeam } from '~/server/patients/service';
import { createMeeting } from '~/server/reviews/mdt';
import {
  auditAbout, callPath, readsOf, httpCall, makeUser, openTestDb, patientRowCounts, planRowCounts, procedurePaths, rejection, userRow,
} from '~/server/test/db';
import {
  buildWorld, inputOf, MEETING_TITLE, NO_PLAN, placeholderWorld, procedureTable, PUBLIC_PROCEDURES, type Scope, type World,
} from '~/server/test/procedure-table';

// Scopes need no database: build the table on a placeholder world to enumerate it at collection time.
const staticTable = procedureTable(placeholderWorld());
const pathsWith = (...scopes: Scope[]) => Object.entries(staticTable).filter(([, v]) => scopes.includes(v.scope)).map(([k]) => k).sort();
const nonPublic = procedurePaths().filter((p) => !PUBLIC_PROCEDURES.includes(p));
const patientScoped = pathsWith('patient-or-care-team', 'plan-editor', 'patient-prescribe', 'patient-self', 'care-team');
const editLevel = pathsWith('plan-editor');
const prescribeLevel = pathsWith('patient-prescribe');
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
 * check-ins (with revisions and submissions), alerts (and how many are acknowledged), criteria and decisions;
 * and the read audit of their record (a refused caller read nothing, so nothing is recorded).
 */
async function victimState() {
  return {
    audit: (await auditAbout(h.db, w.victim.id)).length,
    reads: await readsOf(h.db, w.victim.id),
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
    expect(pathsWith('authed', 'clinician', 'admin', 'patient-or-care-team', 'plan-editor', 'patient-prescribe', 'patient-self', 'care-team', 'mdt-attendee', 'mdt-item')).toEqual(nonPublic);
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
      'alerts.acknowledge', 'alerts.list', 'alerts.notifications', 'checkins.day', 'checkins.list', 'checkins.submit',
      'conversation.list', 'conversation.markRead', 'conversation.status', 'criteria.get', 'criteria.update',
      'decisions.recommendation', 'decisions.record', 'exports.csv', 'exports.fhir', 'exports.summary', 'goals.create', 'goals.list', 'goals.recordProgress', 'goals.revise', 'goals.setStatus',
      'mdt.sharedOutcomes', 'milestones.list', 'milestones.markSeen', 'notes.create', 'notes.list',
      'patients.addCareTeamMember', 'patients.get', 'patients.reissueInvite', 'patients.removeCareTeamMember',
      'patients.setAccountDisabled', 'patients.updateCareTeamMember', 'patients.updateContacts', 'patients.updateMyContacts', 'patients.updateProfile',
      'plans.activate', 'plans.agree', 'plans.comment', 'plans.complete', 'plans.create', 'plans.diff', 'plans.doseChangeTomorrow', 'plans.editStep', 'plans.extend',
      'plans.get', 'plans.pause', 'plans.propose', 'plans.requestChange', 'plans.resume', 'plans.slow', 'plans.stepBack', 'plans.stop',
      'plans.update', 'plans.version', 'readAudit.mine', 'trends.get', 'weeklyReviews.data', 'weeklyReviews.list', 'weeklyReviews.record',
    ]);
  });

  it('names the procedures only the patient themself may call', () => {
    expect(selfLevel).toEqual(['checkins.day', 'checkins.submit', 'milestones.markSeen', 'patients.updateMyContacts', 'plans.agree', 'plans.requestChange', 'readAudit.mine']);
    // Every plan procedure that needs a plan in a given state says so, so its rightful call can succeed.
    expect(Object.entries(staticTable).filter(([k, v]) => k.startsWith('plans.') && !v.plan).map(([k]) => k)).toEqual([]);
  });

  it('names the procedures only the care team may call, and the plan-editing ones among the new tools', () => {
    expect(careLevel).toEqual([
      'alerts.acknowledge', 'alerts.list', 'alerts.notifications', 'conversation.markRead', 'conversation.status', 'criteria.get', 'decisions.recommendation', 'exports.summary', 'goals.create', 'goals.revise', 'goals.setStatus',
      'patients.updateContacts', 'weeklyReviews.data', 'weeklyReviews.list', 'weeklyReviews.record',
    ]);
    expect(editLevel.filter((p) => !p.startsWith('patients.') && !p.startsWith('plans.'))).toEqual(['adjuncts.add', 'adjuncts.stop', 'adjuncts.update', 'criteria.update', 'decisions.record']);
  });

  // Only a prescriber sets or changes doses (DOMAIN): other plan editors draft, hold the dose and suggest. The
  // patient's account is managed by a prescriber on their team too (never by an administrator).
  it('names the procedures only a prescriber on the team may call, and the plan procedures any plan editor may', () => {
    expect(prescribeLevel).toEqual([
      'patients.setAccountDisabled', 'plans.activate', 'plans.complete', 'plans.editStep', 'plans.propose', 'plans.resume', 'plans.slow', 'plans.stepBack', 'plans.stop',
    ]);
    expect(editLevel.filter((p) => p.startsWith('plans.'))).toEqual(['plans.create', 'plans.extend', 'plans.pause', 'plans.update']);
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
      [[w.owner.id, 'prescriber', true], [w.member.id, 'prescriber', false], [w.planEditor.id, 'physiotherapist', true]].sort(),
    );
  });

  it('lets a care-team member without plan rights read the record', async () => {
    const record = (await callPath(h.db, w.member, 'patients.get', { patientId: w.victim.id })) as {
      patient: { id: string; name: string }; access: unknown;
    };
    expect(record.patient).toMatchObject({ id: w.victim.id, name: w.victim.name });
    // The member's account may prescribe, but this team does not let them edit the plan: no prescribing here.
    expect(record.access).toEqual({ patientId: w.victim.id, kind: 'care-team', discipline: 'prescriber', mayEditPlan: false, mayPrescribe: false });
  });

  it.each(editLevel)('%s refuses a care-team member who may not edit the plan with FORBIDDEN and changes nothing', async (path) => {
    const input = await inputFor(path);
    const before = await victimState();
    const error = await rejection(callPath(h.db, w.member, path, input));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('You may not edit this patient’s plan or care team.');
    expect(await victimState()).toEqual(before);
  });

  // A plan editor is told only a prescriber can; anyone who may not even edit the plan is told that.
  const prescriberRefused = [
    ['a plan editor who may not prescribe', () => w.planEditor, renderError(PRESCRIBER_ONLY)],
    ['a care-team member who may not edit the plan (though their account may prescribe)', () => w.member, 'You may not edit this patient’s plan or care team.'],
    ['the patient themself', () => w.victim, 'You may not edit this patient’s plan or care team.'],
  ] as const;
  for (const [label, who, message] of prescriberRefused) {
    it.each(prescribeLevel)(`%s refuses ${label} with FORBIDDEN and changes nothing`, async (path) => {
      const input = await inputFor(path);
      const before = await victimState();
      const error = await rejection(callPath(h.db, who(), path, input));
      expect([error.code, error.message]).toEqual(['FORBIDDEN', message]);
      expect(await victimState()).toEqual(before);
    });
  }

  it('lets the plan editor who may not prescribe see that in their access', async () => {
    const record = (await callPath(h.db, w.planEditor, 'patients.get', { patientId: w.victim.id })) as { access: unknown };
    expect(record.access).toEqual({ patientId: w.victim.id, kind: 'care-team', discipline: 'physiotherapist', mayEditPlan: true, mayPrescribe: false });
  });

  // A step decision's tier depends on its input: going on, slowing and stepping back change doses.
  it.each(['advance', 'slow', 'step-back'])('decisions.record %s refuses a plan editor who may not prescribe with FORBIDDEN and changes nothing', async (decision) => {
    const input = { ...((await inputFor('decisions.record')) as object), decision, days: undefined };
    const before = await victimState();
    const error = await rejection(callPath(h.db, w.planEditor, 'decisions.record', input));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(PRESCRIBER_ONLY_DECISION)]);
    expect(await victimState()).toEqual(before);
  });

  it.each(['advance', 'slow', 'step-back', 'hold', 'pause'])('decisions.record %s refuses a member who may not edit the plan with the plan-editing answer', async (decision) => {
    const input = { ...((await inputFor('decisions.record')) as object), decision, days: undefined };
    const error = await rejection(callPath(h.db, w.member, 'decisions.record', input));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You may not edit this patient’s plan or care team.']);
  });

  it.each(['hold', 'pause'])('decisions.record %s is open to a plan editor who may not prescribe: holding the dose is protective', async (decision) => {
    const input = { ...((await inputFor('decisions.record')) as object), decision, days: decision === 'hold' ? 7 : undefined };
    await expect(callPath(h.db, w.planEditor, 'decisions.record', input)).resolves.toMatchObject({ decision });
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
    expect(record.careTeam).toHaveLength(3);
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
    expect(adminOnly).toEqual([
      'admin.createStaff', 'admin.failedDeliveries', 'admin.listStaff', 'admin.reissueInvite', 'admin.resetTwoStep', 'admin.retryDelivery', 'admin.setDisabled', 'admin.updateClinician',
      'clinic.settings', 'clinic.update', 'readAudit.exportCsv', 'readAudit.filters', 'readAudit.list',
    ]);
    expect(clinicianOnly).toEqual(['mdt.agenda', 'mdt.create', 'mdt.list', 'patients.add', 'patients.clinicianDirectory', 'patients.listMine', 'triage.list']);
  });

  it.each(adminOnly.flatMap((p) => [[p, 'patient'], [p, 'clinician']] as const))('%s refuses a %s with FORBIDDEN', async (path, role) => {
    const who = role === 'patient' ? w.victim : w.owner;
    const error = await rejection(callPath(h.db, who, path, inputFor(path)));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toBe('You do not have access to this.');
  });

  // The MDT tiers are clinicians' too: a patient or an administrator is refused before any meeting is looked at.
  const clinicianTiers = [...clinicianOnly, ...pathsWith('mdt-attendee', 'mdt-item')];
  it.each(clinicianTiers.flatMap((p) => [[p, 'patient'], [p, 'admin']] as const))('%s refuses a %s with FORBIDDEN', async (path, role) => {
    const who = role === 'patient' ? w.victim : w.admin;
    const error = await rejection(callPath(h.db, who, path, await inputFor(path)));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'You do not have access to this.']);
  });

  it('leave only the signed-in person’s own account, devices, notifications and their settings, and the clinic’s public numbers, to any role', () => {
    expect(pathsWith('authed')).toEqual([
      'account.changePassword', 'account.keepAlive', 'account.me', 'account.setLocale', 'account.signOutEverywhere',
      'account.twoStep.begin', 'account.twoStep.confirm', 'account.twoStep.pass', 'account.twoStep.remove', 'account.twoStep.renewRecoveryCodes', 'account.twoStep.status',
      'clinic.contacts', 'notificationSettings.get', 'notificationSettings.update',
      'notifications.list', 'notifications.markRead', 'notifications.unreadCount',
      'push.list', 'push.publicKey', 'push.subscribe', 'push.test', 'push.unsubscribe',
    ]);
  });

  it('lets every role use its own account', async () => {
    for (const [who, profession, mayPrescribe] of [[w.victim, null, false], [w.owner, 'physician', true], [w.admin, null, false]] as const) {
      await expect(callPath(h.db, who, 'account.me', undefined)).resolves.toEqual({
        id: who.id, name: who.name, email: who.email, role: who.role, timeZone: who.timeZone, locale: 'en', profession, mayPrescribe,
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
  const byMeeting = pathsWith('mdt-attendee', 'mdt-item');
  const itemLevel = pathsWith('mdt-item');

  /** The meeting's own rows: nothing a refused call may change. */
  async function meetingState(meetingId = w.meetingId) {
    const [meeting] = await h.db.select().from(mdtMeetings).where(eq(mdtMeetings.id, meetingId));
    const items = await h.db.select().from(mdtPatientItems).where(eq(mdtPatientItems.meetingId, meetingId));
    const attendees = await h.db.select().from(mdtAttendees).where(eq(mdtAttendees.meetingId, meetingId));
    const dissents = await h.db.select().from(mdtDissents).where(eq(mdtDissents.itemId, w.mdtItemId));
    return { meeting, items, attendees, dissents: dissents.length, victim: await victimState() };
  }

  it('are the ones expected: the meeting’s (its attendees’) and one patient’s item (attendees on that patient’s team)', () => {
    expect(byMeeting).toEqual(['mdt.addDissent', 'mdt.finalise', 'mdt.get', 'mdt.recordItem', 'mdt.sign']);
    expect(itemLevel).toEqual(['mdt.addDissent', 'mdt.recordItem']);
  });

  it.each(byMeeting)('%s refuses a clinician who does not attend the meeting with FORBIDDEN, changes nothing and reveals nothing, not even the title', async (path) => {
    const before = await meetingState();
    const error = await rejection(callPath(h.db, w.nonAttendee, path, await inputFor(path)));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(NOT_ATTENDEE)]);
    expect(await meetingState()).toEqual(before);
    await expectNoVictimData(path, w.nonAttendee, error);
    expect((await httpCall(h.db, w.nonAttendee, path, await inputFor(path))).body).not.toContain(MEETING_TITLE);
  });

  it.each(byMeeting)('%s gives a meeting that does not exist the same answer as one the caller does not attend', async (path) => {
    const input = { ...((await inputFor(path)) as object), meetingId: randomUUID() };
    const error = await rejection(callPath(h.db, w.owner, path, input));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(NOT_ATTENDEE)]);
  });

  it.each(itemLevel)('%s refuses an attendee who is not on the patient’s care team with FORBIDDEN and changes nothing', async (path) => {
    const before = await meetingState();
    const error = await rejection(callPath(h.db, w.outsider, path, await inputFor(path)));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', renderError(NOT_ON_ITEM_TEAM)]);
    expect(await meetingState()).toEqual(before);
    await expectNoVictimData(path, w.outsider, error);
  });

  it('shows an attendee who is not on the patient’s care team the meeting (title included) with the item withheld, nothing of the patient', async () => {
    const res = await httpCall(h.db, w.outsider, 'mdt.get', { meetingId: w.meetingId });
    expect(res.status).toBe(200);
    expect(res.body).toContain(MEETING_TITLE);
    expect(res.body).toContain('"withheld":true');
    expect(res.body).not.toContain(w.victim.id);
    expect(res.body).not.toContain(w.victim.name);
    expect(res.body.toLowerCase()).not.toContain('vanessa');
  });

  it('mdt.finalise refuses an attendee off the care team while nobody from the patient’s team has signed: nothing reaches the patient, no name is told', async () => {
    // A meeting of its own with the item recorded, so finalising reaches the signing rule (not the version or recording checks).
    const { meetingId } = await createMeeting(h.db, { id: w.owner.id, role: w.owner.role }, {
      heldOn: new Date().toISOString().slice(0, 10), title: 'Signing MDT', myDiscipline: 'prescriber',
      attendees: [{ clinicianId: w.member.id, discipline: 'prescriber' }, { clinicianId: w.outsider.id, discipline: 'pharmacist' }], patientIds: [w.victim.id],
    });
    const [item] = await h.db.select({ id: mdtPatientItems.id }).from(mdtPatientItems).where(eq(mdtPatientItems.meetingId, meetingId));
    if (!item) throw new Error('no item');
    await callPath(h.db, w.owner, 'mdt.recordItem', {
      meetingId, itemId: item.id, expectedVersion: 1, discussion: 'Team only', decisions: 'Hold', goalsReset: '', sharedSummary: 'Vanessa, we hold a week.', nextReviewOn: null,
    });
    // The outsider's own signature counts for nobody here.
    await callPath(h.db, w.outsider, 'mdt.sign', { meetingId, expectedVersion: 2 });
    const before = await meetingState(meetingId);
    const error = await rejection(callPath(h.db, w.outsider, 'mdt.finalise', { meetingId, expectedVersion: 2 }));
    expect([error.code, error.message]).toEqual([
      'BAD_REQUEST', 'Someone from each patient’s care team must sign this version of the record before it is finalised. Not signed yet: agenda item 1. Ask an attendee from that patient’s care team to sign it.',
    ]);
    expect(await meetingState(meetingId)).toEqual(before);
    expect(await callPath(h.db, w.victim, 'mdt.sharedOutcomes', { patientId: w.victim.id })).toEqual([]);
    const res = await httpCall(h.db, w.outsider, 'mdt.finalise', { meetingId, expectedVersion: 2 });
    expect(res.status).toBe(400);
    for (const text of [res.body, error.message]) {
      expect(text).not.toContain(w.victim.name);
      expect(text.toLowerCase()).not.toContain('vanessa');
    }
    // Once a member of the patient's team signs this version, any attendee may close the meeting.
    await callPath(h.db, w.member, 'mdt.sign', { meetingId, expectedVersion: 2 });
    await expect(callPath(h.db, w.outsider, 'mdt.finalise', { meetingId, expectedVersion: 2 })).resolves.toMatchObject({ version: 2 });
    expect(await callPath(h.db, w.victim, 'mdt.sharedOutcomes', { patientId: w.victim.id })).toEqual([expect.objectContaining({ sharedSummary: 'Vanessa, we hold a week.' })]);
  });
});

describe('unknown input fields', () => {
  const takesInput = procedurePaths().filter(
    (p) => ((appRouter._def.procedures as unknown as Record<string, { _def: { inputs: unknown[] } }>)[p]?._def.inputs.length ?? 0) > 0,
  );
  const rightfulCaller = (scope: Scope): SessionUser | 'anonymous' =>
    ({
      public: 'anonymous', authed: w.owner, clinician: w.owner, admin: w.admin, 'patient-or-care-team': w.owner, 'plan-editor': w.owner, 'patient-prescribe': w.owner,
      'patient-self': w.victim, 'care-team': w.member, 'mdt-attendee': w.owner, 'mdt-item': w.owner,
    })[scope] as SessionUser | 'anonymous';

  it('every procedure without input is in the table as taking none', () => {
    for (const path of procedurePaths().filter((p) => !takesInput.includes(p))) expect(staticTable[path]?.input(NO_PLAN)).toBeUndefined();
  });

  it.each(takesInput)('%s refuses an unknown extra field with BAD_REQUEST and changes nothing', async (path) => {
    const entry = table[path];
    if (!entry) throw new Error(path);
    const input = { ...((await inputOf(h.db, w, entry)) as object), grantAdmin: true };
    const before = await victimState();
    const error = await rejection(callPath(h.db, entry.caller?.(w) ?? rightfulCaller(entry.scope), path, input));
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
      'patient-or-care-team': world.member,
      // Every plan-editing procedure succeeds for a plan editor who may not prescribe; the prescriber's for the prescriber.
      'plan-editor': world.planEditor,
      'patient-prescribe': world.owner,
      'patient-self': world.victim,
      'care-team': world.member,
      'mdt-attendee': world.owner,
      'mdt-item': world.owner,
    };
    const succeeded: string[] = [];
    // Plan procedures first: the care-team edits later in the table take the read-only member off the team.
    const ordered = Object.entries(fresh).sort(([, a], [, b]) => Number(!a.plan) - Number(!b.plan));
    for (const [path, entry] of ordered) {
      const result = await callPath(h.db, entry.caller?.(world) ?? rightful[entry.scope], path, await inputOf(h.db, world, entry));
      if (entry.after) expect([path, result]).toEqual([path, expect.objectContaining({ status: entry.after })]);
      succeeded.push(path);
    }
    expect(succeeded.sort()).toEqual(procedurePaths());
    // The last plan call, the patient's change request, is on the plan in progress.
    const requests = (await callPath(h.db, world.owner, 'plans.get', { patientId: world.victim.id })) as { comments: { kind: string; authorId: string }[] };
    expect(requests.comments).toEqual([expect.objectContaining({ kind: 'change-request', authorId: world.victim.id })]);
    // The edits took effect (so they were not silently ignored).
    const team = await listTeam(h.db, world.victim.id);
    expect(team.map((m) => m.clinicianId).sort()).toEqual([world.owner.id, world.outsider.id, world.planEditor.id].sort());
    // The check-in was corrected, the alert acknowledged by the member, the criteria saved, the decision recorded.
    expect(await patientRowCounts(h.db, world.victim.id)).toMatchObject({ checkIns: 1, checkInRevisions: 1, acknowledgedAlerts: 1, stepDecisions: 1 });
    const acknowledged = (await listAlerts(h.db, world.victim.id, false)).find((a) => a.id === world.alertId);
    expect(acknowledged).toMatchObject({ acknowledgedByName: world.member.name, acknowledgeNote: 'Phoned the patient; advised urgent care.' });
    // The meeting was signed and finalised by the owner; the victim's account was disabled by their prescriber.
    const [meeting] = await h.db.select().from(mdtMeetings).where(eq(mdtMeetings.id, world.meetingId));
    expect(meeting?.finalisedAt).toBeInstanceOf(Date);
    expect((await userRow(h.db, world.victim.id))?.disabledAt).toBeInstanceOf(Date);
  });
});
