// Notes through the API against a real database: who writes what, links, corrections, and that team-only
// notes never reach the patient in any response.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '~/db';
import { mdtMeetings, mdtPatientItems, notes, weeklyReviews } from '~/db/schema';
import { appRouter } from '~/server/api/root';
import type { SessionUser } from '~/server/auth/session';
import { listAlerts } from '~/server/alerts/service';
import { submitCheckIn } from '~/server/checkins/service';
import { localDate } from '~/lib/dates';
import { addToTeam, appFieldErrors, auditAbout, callerFor, checkInInput, httpCall, makeNamedPatient, makePatient, makeNonPrescriber, makePlan, makeUser, procedurePaths, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const today = () => localDate('Europe/London', new Date());

async function world(db: Db) {
  const doc = await makeUser(db, 'clinician', uniqueName('Dr Notes'));
  const physio = await makeNonPrescriber(db, uniqueName('Physio'));
  const outsider = await makeUser(db, 'clinician', uniqueName('Outsider'));
  const p = await makeNamedPatient(db, doc, { name: uniqueName('Noted Patient') });
  await addToTeam(db, doc, p.patientId, physio);
  const other = await makePatient(db, doc);
  return { doc, physio, outsider, patient: p.user, patientId: p.patientId, other };
}

async function raiseAlert(db: Db, patient: SessionUser) {
  await submitCheckIn(db, { id: patient.id, role: 'patient' }, checkInInput(patient.id, today(), { redFlags: ['seizure'] }));
  const [alert] = await listAlerts(db, patient.id, true);
  if (!alert) throw new Error('no alert');
  return alert.id;
}

async function weeklyReview(db: Db, patientId: string, reviewer: SessionUser) {
  const [row] = await db
    .insert(weeklyReviews)
    .values({ patientId, reviewerId: reviewer.id, reviewerDiscipline: 'prescriber', periodStart: '2026-01-01', periodEnd: '2026-01-07', summary: 'A steady week', decision: 'continue', nextReviewOn: '2026-01-14', snapshot: {} })
    .returning({ id: weeklyReviews.id });
  if (!row) throw new Error('no review');
  return row.id;
}

async function mdtItem(db: Db, patientId: string, by: SessionUser, finalised: boolean) {
  const [meeting] = await db.insert(mdtMeetings).values({ heldOn: '2026-01-10', title: 'Team meeting', createdBy: by.id, finalisedAt: finalised ? new Date() : null }).returning({ id: mdtMeetings.id });
  if (!meeting) throw new Error('no meeting');
  const [item] = await db.insert(mdtPatientItems).values({ meetingId: meeting.id, patientId }).returning({ id: mdtPatientItems.id });
  if (!item) throw new Error('no item');
  return item.id;
}

describe('writing notes', () => {
  it('records author, role, the discipline on the team and the chosen visibility, with an audit event', async () => {
    const w = await world(h.db);
    const team = await callerFor(h.db, w.physio).notes.create({ patientId: w.patientId, body: '  Gait looks steadier.  ', visibility: 'team' });
    const shared = await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Well done this week.', visibility: 'shared' });
    const mine = await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'Is it normal to sleep less?', visibility: 'shared' });
    const thread = await callerFor(h.db, w.doc).notes.list({ patientId: w.patientId });
    expect(thread.map((n) => [n.id, n.body, n.visibility, n.authorRole, n.authorDiscipline])).toEqual([
      [team.noteId, 'Gait looks steadier.', 'team', 'clinician', 'physiotherapist'],
      [shared.noteId, 'Well done this week.', 'shared', 'clinician', 'prescriber'],
      [mine.noteId, 'Is it normal to sleep less?', 'shared', 'patient', null],
    ]);
    expect(thread[0]?.authorName).toBe(w.physio.name);
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.entityType === 'note');
    expect(events.map((e) => [e.action, e.actorId, e.entityId])).toEqual([
      ['note.create', w.physio.id, team.noteId], ['note.create', w.doc.id, shared.noteId], ['note.create', w.patient.id, mine.noteId],
    ]);
    expect(events[0]?.after).toMatchObject({ visibility: 'team', body: 'Gait looks steadier.' });
  });

  it('refuses a patient writing a team-only note, and writes nothing', async () => {
    const w = await world(h.db);
    const error = await rejection(callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'Secret', visibility: 'team' }));
    expect([error.code, error.message]).toEqual(['FORBIDDEN', 'Your notes are always shared with your care team.']);
    expect(await h.db.select().from(notes).where(eq(notes.patientId, w.patientId))).toEqual([]);
  });

  it('refuses empty, blank and too long notes with a message on the field', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).notes;
    for (const [body, message] of [['', 'Write the note.'], ['   \n ', 'Write the note.'], ['x'.repeat(4001), 'Use at most 4000 characters.']] as const) {
      const res = await httpCall(h.db, w.doc, 'notes.create', { patientId: w.patientId, body, visibility: 'team' });
      expect(res.status).toBe(400);
      expect(res.error?.data.fieldErrors?.body).toEqual([message]);
    }
    const noVisibility = await httpCall(h.db, w.doc, 'notes.create', { patientId: w.patientId, body: 'Hello' });
    expect(noVisibility.error?.data.fieldErrors?.visibility).toEqual(['Choose who can read this note.']);
    await expect(api.create({ patientId: w.patientId, body: 'x'.repeat(4000), visibility: 'team' })).resolves.toMatchObject({ noteId: expect.any(String) });
  });

  it('refuses anonymous callers, other patients and clinicians off the team', async () => {
    const w = await world(h.db);
    const input = { patientId: w.patientId, body: 'Hello', visibility: 'shared' as const };
    expect((await rejection(callerFor(h.db, 'anonymous').notes.create(input))).code).toBe('UNAUTHORIZED');
    expect((await rejection(callerFor(h.db, w.other.user).notes.create(input))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, w.outsider).notes.create(input))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, w.outsider).notes.list({ patientId: w.patientId }))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, w.other.user).notes.list({ patientId: w.patientId }))).code).toBe('FORBIDDEN');
    expect(await h.db.select().from(notes).where(eq(notes.patientId, w.patientId))).toEqual([]);
  });
});

describe('links', () => {
  it('links a plan version, an alert and reviews of the same patient, and shows them to the team', async () => {
    const w = await world(h.db);
    const plan = await makePlan(h.db, w.doc, w.patient, 'active');
    const alertId = await raiseAlert(h.db, w.patient);
    const reviewId = await weeklyReview(h.db, w.patientId, w.doc);
    const itemId = await mdtItem(h.db, w.patientId, w.doc, true);
    const api = callerFor(h.db, w.doc).notes;
    await api.create({ patientId: w.patientId, body: 'Phoned about the seizure.', visibility: 'team', alertId, planId: plan.planId, planVersion: plan.version });
    await api.create({ patientId: w.patientId, body: 'From the weekly review.', visibility: 'shared', weeklyReviewId: reviewId, mdtItemId: itemId });
    const [a, b] = await api.list({ patientId: w.patientId });
    expect(a).toMatchObject({ plan: { planId: plan.planId, version: plan.version }, alert: { id: alertId, kind: 'red-flag', code: 'seizure' } });
    // The item's meeting comes too: the team's link opens that meeting.
    const [item] = await h.db.select({ meetingId: mdtPatientItems.meetingId }).from(mdtPatientItems).where(eq(mdtPatientItems.id, itemId));
    expect(b).toMatchObject({ weeklyReview: { id: reviewId, periodStart: '2026-01-01', periodEnd: '2026-01-07' }, mdtItem: { id: itemId, meetingId: item?.meetingId, heldOn: '2026-01-10' }, alert: null });
    expect(b?.mdtItem?.meetingId).toEqual(expect.any(String));
  });

  it('refuses links to another patient’s objects, and unknown ones', async () => {
    const w = await world(h.db);
    const otherPlan = await makePlan(h.db, w.doc, w.other.user, 'active');
    const otherAlert = await raiseAlert(h.db, w.other.user);
    const otherReview = await weeklyReview(h.db, w.other.patientId, w.doc);
    const otherItem = await mdtItem(h.db, w.other.patientId, w.doc, true);
    const api = callerFor(h.db, w.doc).notes;
    const base = { patientId: w.patientId, body: 'Linked', visibility: 'team' as const };
    const cases = [
      [{ planId: otherPlan.planId, planVersion: otherPlan.version }, 'This plan version was not found.'],
      [{ alertId: otherAlert }, 'This alert was not found.'],
      [{ weeklyReviewId: otherReview }, 'This weekly review was not found.'],
      [{ mdtItemId: otherItem }, 'This team review was not found.'],
    ] as const;
    for (const [link, message] of cases) {
      const error = await rejection(api.create({ ...base, ...link }));
      expect([error.code, error.message]).toEqual(['NOT_FOUND', message]);
    }
    const half = await httpCall(h.db, w.doc, 'notes.create', { ...base, planId: otherPlan.planId });
    expect(half.error?.data.fieldErrors?.planVersion).toEqual(['A link to a plan names both the plan and its version.']);
    expect(await h.db.select().from(notes).where(eq(notes.patientId, w.patientId))).toEqual([]);
  });

  it('keeps what the patient reads linked only to what the patient can see', async () => {
    const w = await world(h.db);
    const draft = await makePlan(h.db, w.doc, w.patient, 'draft');
    const alertId = await raiseAlert(h.db, w.patient);
    const openItem = await mdtItem(h.db, w.patientId, w.doc, false);
    const doc = callerFor(h.db, w.doc).notes;
    const patient = callerFor(h.db, w.patient).notes;
    const shared = { patientId: w.patientId, body: 'Shared', visibility: 'shared' as const };
    // A clinician's shared note: a draft, an alert or an unfinished meeting would point the patient at something hidden.
    expect((await rejection(doc.create({ ...shared, planId: draft.planId, planVersion: draft.version }))).code).toBe('BAD_REQUEST');
    expect((await rejection(doc.create({ ...shared, alertId }))).code).toBe('BAD_REQUEST');
    expect((await rejection(doc.create({ ...shared, mdtItemId: openItem }))).code).toBe('BAD_REQUEST');
    // The patient cannot link the team's objects at all: a draft and an open meeting look unknown to them.
    expect((await rejection(patient.create({ ...shared, planId: draft.planId, planVersion: draft.version }))).message).toBe('This plan version was not found.');
    const alertError = await rejection(patient.create({ ...shared, alertId }));
    expect([alertError.code, alertError.message]).toEqual(['FORBIDDEN', 'Only the care team can link a note to an alert.']);
    expect((await rejection(patient.create({ ...shared, mdtItemId: openItem }))).message).toBe('This team review was not found.');
    expect(await h.db.select().from(notes).where(eq(notes.patientId, w.patientId))).toEqual([]);
    // The same links are fine on a team-only note.
    await doc.create({ ...shared, visibility: 'team', planId: draft.planId, planVersion: draft.version, alertId, mdtItemId: openItem });
  });
});

describe('corrections', () => {
  it('adds a new note pointing at the corrected one; both stay, the old one shows as corrected', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).notes;
    const first = await api.create({ patientId: w.patientId, body: 'Dose is 20 mg.', visibility: 'shared' });
    const fix = await api.create({ patientId: w.patientId, body: 'Correction: the dose is 25 mg.', visibility: 'shared', correctsNoteId: first.noteId });
    for (const who of [w.doc, w.patient]) {
      const thread = await callerFor(h.db, who).notes.list({ patientId: w.patientId });
      expect(thread.map((n) => n.body)).toEqual(['Dose is 20 mg.', 'Correction: the dose is 25 mg.']);
      expect(thread[0]?.correctedBy).toEqual({ id: fix.noteId, createdAt: fix.createdAt });
      expect(thread[1]?.corrects).toEqual({ id: first.noteId, createdAt: thread[0]?.createdAt });
    }
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.entityType === 'note');
    expect(events.map((e) => e.action)).toEqual(['note.create', 'note.correct']);
    expect(events[1]?.after).toMatchObject({ correctsNoteId: first.noteId });
  });

  it('keeps a correction’s readers those of the note it corrects', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).notes;
    const team = await api.create({ patientId: w.patientId, body: 'Team only', visibility: 'team' });
    const shared = await api.create({ patientId: w.patientId, body: 'For the patient', visibility: 'shared' });
    const leak = await rejection(api.create({ patientId: w.patientId, body: 'Now public', visibility: 'shared', correctsNoteId: team.noteId }));
    expect([leak.code, appFieldErrors(leak)?.visibility]).toEqual(['BAD_REQUEST', ['The note you are correcting is for the care team only, so its correction is too.']]);
    const hide = await rejection(api.create({ patientId: w.patientId, body: 'Now hidden', visibility: 'team', correctsNoteId: shared.noteId }));
    expect(hide.code).toBe('BAD_REQUEST');
    expect((await api.list({ patientId: w.patientId })).length).toBe(2);
  });

  it('refuses a second correction of the same note, and corrections of another patient’s note', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).notes;
    const first = await api.create({ patientId: w.patientId, body: 'One', visibility: 'team' });
    await api.create({ patientId: w.patientId, body: 'Two', visibility: 'team', correctsNoteId: first.noteId });
    expect((await rejection(api.create({ patientId: w.patientId, body: 'Three', visibility: 'team', correctsNoteId: first.noteId }))).code).toBe('CONFLICT');
    const elsewhere = await api.create({ patientId: w.other.patientId, body: 'Other patient', visibility: 'team' });
    const cross = await rejection(api.create({ patientId: w.patientId, body: 'Cross', visibility: 'team', correctsNoteId: elsewhere.noteId }));
    expect([cross.code, cross.message]).toEqual(['NOT_FOUND', 'The note to correct was not found.']);
  });

  it('lets only one of two simultaneous corrections of a note through', async () => {
    const w = await world(h.db);
    const api = callerFor(h.db, w.doc).notes;
    const first = await api.create({ patientId: w.patientId, body: 'Original', visibility: 'team' });
    const results = await Promise.allSettled(['Fix A', 'Fix B'].map((body) => api.create({ patientId: w.patientId, body, visibility: 'team', correctsNoteId: first.noteId })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const corrections = (await api.list({ patientId: w.patientId })).filter((n) => n.corrects?.id === first.noteId);
    expect(corrections).toHaveLength(1);
  });

  it('lets a patient correct only their own shared notes; a team-only note looks unknown to them', async () => {
    const w = await world(h.db);
    const team = await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Team', visibility: 'team' });
    const docShared = await callerFor(h.db, w.doc).notes.create({ patientId: w.patientId, body: 'Doc', visibility: 'shared' });
    const mine = await callerFor(h.db, w.patient).notes.create({ patientId: w.patientId, body: 'I slept 5 hours', visibility: 'shared' });
    const api = callerFor(h.db, w.patient).notes;
    const hidden = await rejection(api.create({ patientId: w.patientId, body: 'x', visibility: 'shared', correctsNoteId: team.noteId }));
    expect([hidden.code, hidden.message]).toEqual(['NOT_FOUND', 'The note to correct was not found.']);
    expect((await rejection(api.create({ patientId: w.patientId, body: 'x', visibility: 'shared', correctsNoteId: docShared.noteId }))).message).toBe('You can correct only your own notes.');
    await expect(api.create({ patientId: w.patientId, body: 'I slept 6 hours', visibility: 'shared', correctsNoteId: mine.noteId })).resolves.toBeTruthy();
  });
});

describe('team-only notes never reach the patient', () => {
  it('are not in the patient’s thread, and their text is in no response of any query the patient can call', async () => {
    const w = await world(h.db);
    const plan = await makePlan(h.db, w.doc, w.patient, 'active');
    const alertId = await raiseAlert(h.db, w.patient);
    const SECRET = `TEAMONLY-${crypto.randomUUID()}`;
    const doc = callerFor(h.db, w.doc).notes;
    const linked = await doc.create({ patientId: w.patientId, body: `${SECRET} linked to the plan and alert`, visibility: 'team', planId: plan.planId, planVersion: plan.version, alertId });
    await doc.create({ patientId: w.patientId, body: `${SECRET} corrected`, visibility: 'team', correctsNoteId: linked.noteId });
    await doc.create({ patientId: w.patientId, body: 'Shared: keep going', visibility: 'shared', planId: plan.planId, planVersion: plan.version });
    await callerFor(h.db, w.doc).goals.create({ patientId: w.patientId, title: 'Walk to the shop', measure: 'minutes a day', target: '20 minutes a day' });

    const thread = await callerFor(h.db, w.patient).notes.list({ patientId: w.patientId });
    expect(thread.map((n) => n.body)).toEqual(['Shared: keep going']);
    expect(thread.every((n) => n.visibility === 'shared' && n.alert === null && n.correctedBy === null)).toBe(true);
    // The team sees all three.
    expect((await doc.list({ patientId: w.patientId })).length).toBe(3);

    // Every query of the router, called by the patient with every input shape it might take about their record.
    const queries = procedurePaths().filter((p) => (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[p]?._def.type === 'query');
    const inputs = [
      undefined,
      { patientId: w.patientId },
      { patientId: w.patientId, planId: plan.planId },
      { patientId: w.patientId, planId: plan.planId, version: plan.version },
      { patientId: w.patientId, planId: plan.planId, from: 1, to: plan.version },
      { patientId: w.patientId, days: 366 },
      { patientId: w.patientId, open: false },
    ];
    const answered = new Set<string>();
    for (const path of queries) {
      for (const input of inputs) {
        const res = await httpCall(h.db, w.patient, path, input);
        expect(res.body, path).not.toContain(SECRET);
        expect(res.body, path).not.toContain(linked.noteId);
        if (res.status === 200) answered.add(path);
      }
    }
    // The scan reached the patient's real views, so it could have found a leak.
    for (const path of ['notes.list', 'goals.list', 'milestones.list', 'plans.get', 'plans.version', 'patients.get', 'checkins.list', 'checkins.day']) {
      expect(answered, path).toContain(path);
    }
  });
});
