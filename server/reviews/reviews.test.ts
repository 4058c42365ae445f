// Weekly and multidisciplinary reviews against a real database: what the review page shows, the records and
// their audit events, who may see and change them, and that the team's discussion and dissent never reach the patient.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, mdtAttendees, mdtDissents, mdtMeetings, mdtPatientItems, weeklyReviews } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { submitCheckIn } from '~/server/checkins/service';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import { triageList } from '~/server/triage/service';
import { AppError } from '~/server/errors';
import { addToTeam, auditAbout, callerFor, checkInInput, httpCall, makeNamedPatient, makeNonPrescriber, makePlan, makeUser, procedurePaths, rejection, uniqueName } from '~/server/test/db';
import { recordWeeklyReview, trendOf } from './weekly';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const today = () => localDate('Europe/London', new Date());
// Meetings are dated on the staff's calendar (UTC here): one dated on London's, an hour ahead in summer, would
// not be finalisable yet in the hour before midnight UTC.
const meetingDay = () => localDate('UTC', new Date());
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });

async function reviewRows(patientId: string) {
  const count1 = async (table: typeof weeklyReviews | typeof mdtPatientItems | typeof mdtDissents) => {
    const [row] = await h.db.select({ n: count() }).from(table).where(eq(table.patientId, patientId));
    return row?.n ?? 0;
  };
  return { weekly: await count1(weeklyReviews), items: await count1(mdtPatientItems), dissents: await count1(mdtDissents), audit: (await auditAbout(h.db, patientId)).length };
}

describe('score trends', () => {
  it('reads each score in its own sense, and calls a change under a tenth of the scale steady', () => {
    expect(trendOf('spasticity', 6, 4)).toBe('worse');
    expect(trendOf('spasticity', 3, 5)).toBe('better');
    expect(trendOf('sleepQuality', 7, 5)).toBe('better');
    expect(trendOf('mood', 3, 6)).toBe('worse');
    expect(trendOf('pain', 4.5, 4)).toBe('steady');
    expect(trendOf('spasmFrequency', 2, 1.5)).toBe('worse');
    expect(trendOf('spasmFrequency', 2, 1.7)).toBe('steady');
    expect(trendOf('pain', null, 4)).toBeNull();
  });
});

describe('the weekly review', () => {
  let doc: SessionUser;
  let patient: SessionUser;
  beforeAll(async () => {
    doc = await makeUser(h.db, 'clinician', uniqueName('Dr Weekly'));
    patient = (await makeNamedPatient(h.db, doc, { name: uniqueName('Weekly patient') })).user;
    // A plan that started 10 days ago (30 mg → 25 mg for 14 days): every day of the week is on 25 mg.
    const start = addDays(today(), -10);
    await makePlan(h.db, doc, patient, 'active', { input: { startDate: start } });
    // The week before: spasticity 3; this week: 6, with a red flag two days ago. Check-ins are sent on their own day.
    for (const [offset, spasticity, flags] of [[-12, 3, []], [-9, 3, []], [-5, 6, []], [-2, 6, ['confusion']], [0, 6, []]] as const) {
      const day = addDays(today(), offset);
      const when = new Date(`${day}T12:00:00Z`);
      await submitCheckIn(h.db, actorOf(patient), checkInInput(patient.id, day, {
        scores: { spasticity },
        redFlags: [...flags],
        doses: [
          { time: '08:00', takenMg: 10, status: 'taken' },
          { time: '14:00', takenMg: null, status: 'missed' },
        ],
      }), when);
    }
  });

  it('shows the 7 days: planned and taken doses, scores, red flags, alerts and the trend against the week before', async () => {
    const data = await callerFor(h.db, doc).weeklyReviews.data({ patientId: patient.id });
    expect(data.periodEnd).toBe(today());
    expect(data.periodStart).toBe(addDays(today(), -6));
    expect(data.days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(today(), i - 6)));
    expect(data.days.every((d) => d.plannedMg === 25)).toBe(true);
    const checked = data.days.filter((d) => d.checkedIn);
    expect(checked.map((d) => d.date)).toEqual([-5, -2, 0].map((o) => addDays(today(), o)));
    expect(checked.every((d) => d.takenMg === 10 && d.dosesMissed === 1 && d.scores.spasticity === 6)).toBe(true);
    expect(data.days.find((d) => !d.checkedIn)).toMatchObject({ takenMg: null, scores: expect.objectContaining({ spasticity: null }) });
    // A check-in without any dose recorded says nothing about doses taken: not "0 mg".
    const p2 = (await makeNamedPatient(h.db, doc, { name: uniqueName('No doses') })).user;
    await submitCheckIn(h.db, actorOf(p2), checkInInput(p2.id, today()));
    const noDoses = await callerFor(h.db, doc).weeklyReviews.data({ patientId: p2.id });
    expect(noDoses.days.at(-1)).toMatchObject({ checkedIn: true, takenMg: null, plannedMg: null, dosesMissed: 0 });
    expect(noDoses.recommendation).toBeNull();
    expect(data.checkInCount).toBe(3);
    expect(data.trends.find((t) => t.key === 'spasticity')).toEqual({ key: 'spasticity', mean: 6, previousMean: 3, trend: 'worse' });
    expect(data.trends.find((t) => t.key === 'sleepQuality')).toEqual({ key: 'sleepQuality', mean: 7, previousMean: 7, trend: 'steady' });
    expect(data.redFlagDays).toEqual([{ date: addDays(today(), -2), redFlags: ['confusion'] }]);
    expect(data.alerts.some((a) => a.kind === 'red-flag' && a.code === 'confusion' && a.date === addDays(today(), -2))).toBe(true);
    // The default criteria: spasticity ≥ 7 did not fire, but the red flag two days ago, in the running step,
    // means hold; the recommendation and its safety reasons come from the decisions service.
    expect(data.recommendation).toMatchObject({
      step: { dailyMg: 25 },
      recommendation: 'hold',
      because: [],
      safety: [{ kind: 'red-flag', code: 'confusion', date: addDays(today(), -2) }],
    });
    expect(data.lastReviewedAt).toBeNull();
  });

  it('shows a vital-sign red flag on its day and as a reason the step recommendation is not go', async () => {
    const p = (await makeNamedPatient(h.db, doc, { name: uniqueName('High pressure') })).user;
    await makePlan(h.db, doc, p, 'active', { input: { startDate: addDays(today(), -3) } });
    await submitCheckIn(h.db, actorOf(p), checkInInput(p.id, today(), { systolic: 190, redFlags: ['seizure'] }));
    const data = await callerFor(h.db, doc).weeklyReviews.data({ patientId: p.id });
    expect(data.days.at(-1)?.redFlags).toEqual(['seizure', 'high-systolic']);
    expect(data.redFlagDays).toEqual([{ date: today(), redFlags: ['seizure', 'high-systolic'] }]);
    expect(data.recommendation).toMatchObject({
      recommendation: 'hold',
      safety: [{ kind: 'red-flag', code: 'seizure', date: today() }, { kind: 'red-flag', code: 'high-systolic', date: today() }],
    });
  });

  it('records a review with its snapshot and an audit event, lists it, and refuses a next date that is not after today or too far', async () => {
    const caller = callerFor(h.db, doc);
    const before = await reviewRows(patient.id);
    for (const nextReviewOn of [today(), addDays(today(), -3), addDays(today(), 57)]) {
      const error = await rejection(caller.weeklyReviews.record({ patientId: patient.id, summary: 'Spasticity up', decision: 'hold', nextReviewOn }));
      expect(error.code).toBe('BAD_REQUEST');
      expect(error.cause).toMatchObject({ fieldErrors: { nextReviewOn: [expect.any(String)] } });
    }
    const short = await rejection(caller.weeklyReviews.record({ patientId: patient.id, summary: ' ', decision: 'hold', nextReviewOn: addDays(today(), 7) }));
    expect(short.code).toBe('BAD_REQUEST');
    expect(await reviewRows(patient.id)).toEqual(before);

    const saved = await caller.weeklyReviews.record({ patientId: patient.id, summary: 'Spasticity up this week; confusion once.', decision: 'hold', nextReviewOn: addDays(today(), 7) });
    const [row] = await h.db.select().from(weeklyReviews).where(eq(weeklyReviews.id, saved.id));
    expect(row).toMatchObject({ reviewerId: doc.id, reviewerDiscipline: 'prescriber', periodStart: addDays(today(), -6), periodEnd: today(), decision: 'hold' });
    expect(row?.snapshot).toMatchObject({ checkInCount: 3, redFlagDays: [{ redFlags: ['confusion'] }] });
    const events = (await auditAbout(h.db, patient.id)).slice(before.audit);
    expect(events.map((e) => [e.action, e.actorId, e.entityId])).toEqual([['weekly_review.record', doc.id, saved.id]]);
    const list = await caller.weeklyReviews.list({ patientId: patient.id });
    expect(list[0]).toMatchObject({ id: saved.id, reviewerName: doc.name, summary: 'Spasticity up this week; confusion once.', decision: 'hold' });
    expect((await caller.weeklyReviews.data({ patientId: patient.id })).lastReviewedAt).toEqual(saved.createdAt);
  });

  it('is the care team’s: the patient, another clinician and an administrator are refused', async () => {
    const outsider = await makeUser(h.db, 'clinician');
    const admin = await makeUser(h.db, 'admin');
    const input = { patientId: patient.id, summary: 'Not mine to write', decision: 'continue' as const, nextReviewOn: addDays(today(), 7) };
    const before = await reviewRows(patient.id);
    for (const who of [patient, outsider, admin]) {
      expect((await rejection(callerFor(h.db, who).weeklyReviews.data({ patientId: patient.id }))).code).toBe('FORBIDDEN');
      expect((await rejection(callerFor(h.db, who).weeklyReviews.list({ patientId: patient.id }))).code).toBe('FORBIDDEN');
      expect((await rejection(callerFor(h.db, who).weeklyReviews.record(input))).code).toBe('FORBIDDEN');
    }
    expect(await reviewRows(patient.id)).toEqual(before);
  });
});

describe('“reviewed” on the triage list', () => {
  it('shows after a weekly review and goes when new data arrives (a corrected check-in or a new alert)', async () => {
    const doc = await makeUser(h.db, 'clinician', uniqueName('Dr Reviewed'));
    const p = (await makeNamedPatient(h.db, doc, { name: uniqueName('Reviewed patient') })).user;
    await makePlan(h.db, doc, p, 'active');
    await submitCheckIn(h.db, actorOf(p), checkInInput(p.id, today()));
    const row = async () => (await triageList(h.db, doc.id)).find((r) => r.patientId === p.id);
    expect(await row()).toMatchObject({ reviewed: false, reviewedAt: null, lastReviewedOn: null, notReviewedForTwoWeeks: true });

    const saved = await callerFor(h.db, doc).weeklyReviews.record({ patientId: p.id, summary: 'A calm week.', decision: 'continue', nextReviewOn: addDays(today(), 7) });
    expect(await row()).toMatchObject({ reviewed: true, reviewedAt: saved.createdAt, lastReviewedOn: today(), notReviewedForTwoWeeks: false });

    // The patient corrects today's check-in with a red flag: new data, and a new alert.
    await submitCheckIn(h.db, actorOf(p), checkInInput(p.id, today(), { redFlags: ['seizure'] }), new Date(Date.now() + 1000));
    expect(await row()).toMatchObject({ reviewed: false, lastReviewedOn: today(), notReviewedForTwoWeeks: false, reason: 'urgent' });
    // Reviewed again after the correction (the correction above is stamped a second ahead).
    await recordWeeklyReview(h.db, { ...actorOf(doc), discipline: 'prescriber' }, { patientId: p.id, summary: 'Phoned; seen in clinic.', decision: 'pause', nextReviewOn: addDays(today(), 3) }, new Date(Date.now() + 2000));
    expect(await row()).toMatchObject({ reviewed: true });
  });
});

describe('a multidisciplinary review', () => {
  let chair: SessionUser; // creates the meeting; on both patients' teams
  let physio: SessionUser; // attendee on Alice's team only
  let pharmacist: SessionUser; // attendee on no patient's team
  let outsider: SessionUser; // not an attendee, but on Alice's team
  let alice: SessionUser & { name: string };
  let bob: SessionUser & { name: string };
  const DISCUSSION = 'Team only: physio worried about falls at home';
  const DISSENT = 'I disagree: hold two weeks rather than one';
  const SHARED = 'We agreed to hold your dose for one more week, then review.';
  const DECISIONS = 'Hold one week; physio home visit';

  beforeAll(async () => {
    [chair, physio, pharmacist, outsider] = await Promise.all([
      makeUser(h.db, 'clinician', uniqueName('Dr Chair')),
      makeNonPrescriber(h.db, uniqueName('Physio')),
      makeNonPrescriber(h.db, uniqueName('Pharmacist'), 'pharmacist'),
      makeNonPrescriber(h.db, uniqueName('Outsider'), 'nurse'),
    ]);
    alice = (await makeNamedPatient(h.db, chair, { name: uniqueName('Alice Agenda') })).user;
    bob = (await makeNamedPatient(h.db, chair, { name: uniqueName('Bob Agenda') })).user;
    await addToTeam(h.db, chair, alice.id, physio);
    await addToTeam(h.db, chair, alice.id, outsider);
    await makePlan(h.db, chair, alice, 'active');
    await submitCheckIn(h.db, actorOf(alice), checkInInput(alice.id, today(), { redFlags: ['hallucinations'] }));
  });

  it('builds the agenda from the triage list, with reasons', async () => {
    const agenda = await callerFor(h.db, chair).mdt.agenda();
    expect(agenda.find((a) => a.patientId === alice.id)?.reasons).toEqual(['urgent', 'not-reviewed']);
    expect(agenda.find((a) => a.patientId === bob.id)?.reasons).toEqual(['not-reviewed']);
    expect((await callerFor(h.db, pharmacist).mdt.agenda()).map((a) => a.patientId)).not.toContain(alice.id);
  });

  let meetingId = '';
  it('is created with the creator as an attendee and the chosen patients, each with the agenda’s reasons; audited per patient', async () => {
    const before = await reviewRows(alice.id);
    // A patient the creator is not on the team of is refused, and nothing is stored.
    const stranger = (await makeNamedPatient(h.db, outsider, { name: uniqueName('Stranger') })).user;
    const meetingsBefore = (await h.db.select({ n: count() }).from(mdtMeetings))[0]?.n;
    const refused = await rejection(callerFor(h.db, chair).mdt.create({
      heldOn: meetingDay(), title: 'Tuesday MDT', myDiscipline: 'prescriber', attendees: [], patientIds: [alice.id, stranger.id],
    }));
    expect(refused.code).toBe('FORBIDDEN');
    expect((await h.db.select({ n: count() }).from(mdtMeetings))[0]?.n).toBe(meetingsBefore);
    expect(await reviewRows(alice.id)).toEqual(before);

    ({ meetingId } = await callerFor(h.db, chair).mdt.create({
      heldOn: meetingDay(),
      title: 'Tuesday MDT',
      myDiscipline: 'prescriber',
      attendees: [{ clinicianId: physio.id, discipline: 'physiotherapist' }, { clinicianId: pharmacist.id, discipline: 'pharmacist' }],
      patientIds: [alice.id, bob.id],
    }));
    const attendees = await h.db.select().from(mdtAttendees).where(eq(mdtAttendees.meetingId, meetingId));
    expect(attendees.map((a) => [a.clinicianId, a.discipline]).sort()).toEqual(
      [[chair.id, 'prescriber'], [physio.id, 'physiotherapist'], [pharmacist.id, 'pharmacist']].sort(),
    );
    const items = await h.db.select().from(mdtPatientItems).where(eq(mdtPatientItems.meetingId, meetingId));
    expect(items.map((i) => [i.patientId, i.agendaReasons]).sort()).toEqual([[alice.id, ['urgent', 'not-reviewed']], [bob.id, ['not-reviewed']]].sort());
    const events = await h.db.select().from(auditEvents).where(eq(auditEvents.actorId, chair.id));
    expect(events.filter((e) => e.action === 'mdt.add_patient').map((e) => e.patientId)).toEqual(expect.arrayContaining([alice.id, bob.id]));
    expect(events.find((e) => e.action === 'mdt.create' && e.entityId === meetingId)).toBeDefined();
    for (const who of [chair, physio, pharmacist]) expect((await callerFor(h.db, who).mdt.list()).map((m) => m.id)).toContain(meetingId);
    expect((await callerFor(h.db, outsider).mdt.list()).map((m) => m.id)).not.toContain(meetingId);
  });

  it('is refused to a clinician who is not an attendee, even on a patient’s team, and to patients; nothing changes', async () => {
    const { items, meeting } = await callerFor(h.db, chair).mdt.get({ meetingId });
    const aliceItem = items.find((i) => !i.withheld && i.patientId === alice.id);
    if (!aliceItem) throw new Error('no item');
    const before = await reviewRows(alice.id);
    // Thunks, so each call starts only when it is awaited.
    const calls = (who: SessionUser) => [
      () => callerFor(h.db, who).mdt.get({ meetingId }),
      () => callerFor(h.db, who).mdt.recordItem({ meetingId, itemId: aliceItem.id, expectedVersion: meeting.version, discussion: 'x', decisions: 'Nope', goalsReset: '', sharedSummary: 'Nope', nextReviewOn: null }),
      () => callerFor(h.db, who).mdt.addDissent({ meetingId, itemId: aliceItem.id, body: 'Not an attendee' }),
      () => callerFor(h.db, who).mdt.finalise({ meetingId, expectedVersion: meeting.version }),
    ];
    for (const call of calls(outsider)) {
      const error = await rejection(call());
      expect(error.code).toBe('FORBIDDEN');
      expect(error.message).toBe('Only the meeting’s attendees can see or change it.');
    }
    for (const call of [...calls(alice), () => callerFor(h.db, alice).mdt.list(), () => callerFor(h.db, alice).mdt.agenda()]) {
      expect((await rejection(call())).code).toBe('FORBIDDEN');
    }
    // An unknown meeting gets the same answer as one the caller does not attend.
    const unknown = await rejection(callerFor(h.db, outsider).mdt.get({ meetingId: randomUUID() }));
    expect([unknown.code, unknown.message]).toEqual(['FORBIDDEN', 'Only the meeting’s attendees can see or change it.']);
    const res = await httpCall(h.db, outsider, 'mdt.get', { meetingId });
    expect(res.status).toBe(403);
    expect(res.body).not.toContain(alice.name);
    expect(await reviewRows(alice.id)).toEqual(before);
  });

  it('withholds an item from an attendee who is not on that patient’s care team: no name, no record, and no recording', async () => {
    const res = await httpCall(h.db, pharmacist, 'mdt.get', { meetingId });
    expect(res.status).toBe(200);
    for (const secret of [alice.name, alice.id, bob.name, bob.id]) expect(res.body).not.toContain(secret);
    const view = await callerFor(h.db, pharmacist).mdt.get({ meetingId });
    expect(view.items.map((i) => i.withheld)).toEqual([true, true]);
    const physioView = await callerFor(h.db, physio).mdt.get({ meetingId });
    expect(physioView.items.filter((i) => !i.withheld).map((i) => i.withheld === false && i.patientId)).toEqual([alice.id]);
    const itemId = view.items[0]?.id ?? '';
    const error = await rejection(callerFor(h.db, pharmacist).mdt.recordItem({
      meetingId, itemId, expectedVersion: view.meeting.version, discussion: '', decisions: 'Mine to decide?', goalsReset: '', sharedSummary: 'Not mine to share', nextReviewOn: null,
    }));
    expect(error.code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, pharmacist).mdt.addDissent({ meetingId, itemId, body: 'I was not on the team' }))).code).toBe('FORBIDDEN');
  });

  it('records an item with the version check, takes dissent, finalises once every item is recorded, then stays closed', async () => {
    const view = await callerFor(h.db, chair).mdt.get({ meetingId });
    const item = (id: string) => {
      const found = view.items.find((i) => !i.withheld && i.patientId === id);
      if (!found) throw new Error('no item');
      return found.id;
    };
    const record = (who: SessionUser, itemId: string, expectedVersion: number, over: Partial<{ nextReviewOn: string | null; sharedSummary: string }> = {}) =>
      callerFor(h.db, who).mdt.recordItem({
        meetingId, itemId, expectedVersion, discussion: DISCUSSION, decisions: DECISIONS, goalsReset: 'Walk 10 minutes a day', sharedSummary: SHARED,
        nextReviewOn: addDays(today(), 7), ...over,
      });
    const before = await reviewRows(alice.id);
    const badDate = await rejection(record(chair, item(alice.id), view.meeting.version, { nextReviewOn: today() }));
    expect([badDate.code, badDate.cause]).toEqual(['BAD_REQUEST', expect.objectContaining({ fieldErrors: { nextReviewOn: ['The next review must be after the meeting.'] } })]);
    expect((await rejection(record(chair, item(alice.id), view.meeting.version, { sharedSummary: '' }))).code).toBe('BAD_REQUEST');
    expect(await reviewRows(alice.id)).toEqual(before);

    const first = await record(physio, item(alice.id), view.meeting.version);
    expect(first.version).toBe(view.meeting.version + 1);
    // The chair still has the page as it was: their save would overwrite the physio's, so it is refused.
    const stale = await rejection(record(chair, item(alice.id), view.meeting.version, { sharedSummary: 'Overwrite' }));
    expect(stale.code).toBe('CONFLICT');
    const events = (await auditAbout(h.db, alice.id)).slice(before.audit);
    expect(events.map((e) => [e.action, e.actorId])).toEqual([['mdt.record_item', physio.id]]);

    await callerFor(h.db, chair).mdt.addDissent({ meetingId, itemId: item(alice.id), body: DISSENT });
    expect((await auditAbout(h.db, alice.id)).at(-1)).toMatchObject({ action: 'mdt.dissent', actorId: chair.id, patientId: alice.id });

    // Bob's outcome is not recorded yet: nothing can be finalised.
    const early = await rejection(callerFor(h.db, physio).mdt.finalise({ meetingId, expectedVersion: first.version }));
    expect([early.code, early.message]).toEqual(['BAD_REQUEST', 'One patient’s outcome is not recorded yet.']);
    const second = await record(chair, item(bob.id), first.version, { sharedSummary: 'Bob: carry on as planned.' });
    // Before finalising, nothing is shared with the patient.
    expect(await callerFor(h.db, alice).mdt.sharedOutcomes({ patientId: alice.id })).toEqual([]);
    // Nobody from Bob's care team has signed: the physio (on Alice's team only) cannot finalise, and is not told who Bob is.
    const unsigned = await rejection(callerFor(h.db, physio).mdt.finalise({ meetingId, expectedVersion: second.version }));
    expect([unsigned.code, unsigned.message]).toEqual([
      'BAD_REQUEST', 'Someone from each patient’s care team must sign this version of the record before it is finalised. Not signed yet: agenda item 2. Ask an attendee from that patient’s care team to sign it.',
    ]);
    expect((await callerFor(h.db, physio).mdt.get({ meetingId })).meeting.finalisedAt).toBeNull();
    await callerFor(h.db, chair).mdt.sign({ meetingId, expectedVersion: second.version });
    const done = await callerFor(h.db, physio).mdt.finalise({ meetingId, expectedVersion: second.version });
    expect(done.finalisedAt).toBeInstanceOf(Date);
    expect((await auditAbout(h.db, bob.id)).at(-1)).toMatchObject({ action: 'mdt.finalise', actorId: physio.id, patientId: bob.id });

    const after = await reviewRows(alice.id);
    for (const call of [
      () => record(chair, item(alice.id), done.version),
      () => callerFor(h.db, chair).mdt.addDissent({ meetingId, itemId: item(alice.id), body: 'Too late' }),
      () => callerFor(h.db, chair).mdt.finalise({ meetingId, expectedVersion: done.version }),
    ]) {
      expect((await rejection(call())).code).toBe('CONFLICT');
    }
    expect(await reviewRows(alice.id)).toEqual(after);
    const final = await callerFor(h.db, chair).mdt.get({ meetingId });
    const aliceItem = final.items.find((i) => !i.withheld && i.patientId === alice.id);
    expect(aliceItem).toMatchObject({ discussion: DISCUSSION, decisions: DECISIONS, sharedSummary: SHARED, recordedByName: physio.name, dissents: [expect.objectContaining({ body: DISSENT, name: chair.name })] });
    // A finalised MDT review counts as a review on the triage list.
    expect((await triageList(h.db, chair.id)).find((r) => r.patientId === bob.id)).toMatchObject({ lastReviewedOn: today(), notReviewedForTwoWeeks: false });
  });

  it('shows the patient only their shared summary, date and next review: never the discussion, decisions, dissent or anyone else’s outcome', async () => {
    const outcomes = await callerFor(h.db, alice).mdt.sharedOutcomes({ patientId: alice.id });
    expect(outcomes).toEqual([{ id: expect.any(String), heldOn: meetingDay(), sharedSummary: SHARED, nextReviewOn: addDays(today(), 7), finalisedAt: expect.any(Date) }]);
    expect((await rejection(callerFor(h.db, bob).mdt.sharedOutcomes({ patientId: alice.id }))).code).toBe('FORBIDDEN');

    // Every query the patient can call, with every id they could know or guess: no response carries the team's words.
    const inputs = [undefined, { patientId: alice.id }, { patientId: alice.id, days: 28 }, { meetingId }, { patientId: alice.id, open: false }];
    const queries = procedurePaths().filter((p) => !p.startsWith('invites.') && !p.startsWith('admin.'));
    for (const path of queries) {
      for (const input of inputs) {
        const res = await httpCall(h.db, alice, path, input);
        // (The physio is on Alice's care team, so their name rightly appears in her record; the pharmacist's does not.)
        for (const secret of [DISCUSSION, DISSENT, DECISIONS, 'Walk 10 minutes a day', pharmacist.name, 'Bob: carry on']) {
          expect([path, res.body.includes(secret)]).toEqual([path, false]);
        }
      }
    }
  });
});

describe('MDT signatures: no summary reaches a patient unless someone from their care team signed it', () => {
  let chair: SessionUser; // on Carol's and Dan's teams
  let nurse: SessionUser; // on Carol's team only
  let pharmacist: SessionUser; // attends, on no patient's team
  let stranger: SessionUser; // on Carol's team, does not attend
  let carol: SessionUser & { name: string };
  let dan: SessionUser & { name: string };
  let meetingId = '';
  const TITLE = `Friday MDT ${randomUUID().slice(0, 6)}`;
  const ids = async (who: SessionUser) => {
    const view = await callerFor(h.db, who).mdt.get({ meetingId });
    const of = (patientId: string) => {
      const found = view.items.find((i) => !i.withheld && i.patientId === patientId);
      if (!found) throw new Error('no item');
      return found.id;
    };
    return { view, of };
  };
  const record = (who: SessionUser, itemId: string, expectedVersion: number, sharedSummary: string) =>
    callerFor(h.db, who).mdt.recordItem({ meetingId, itemId, expectedVersion, discussion: '', decisions: 'Carry on', goalsReset: '', sharedSummary, nextReviewOn: null });

  beforeAll(async () => {
    [chair, nurse, pharmacist, stranger] = await Promise.all([
      makeUser(h.db, 'clinician', uniqueName('Dr Signer')),
      makeNonPrescriber(h.db, uniqueName('Nurse Signer'), 'nurse'),
      makeNonPrescriber(h.db, uniqueName('Pharmacist Signer'), 'pharmacist'),
      makeNonPrescriber(h.db, uniqueName('Stranger'), 'psychologist'),
    ]);
    carol = (await makeNamedPatient(h.db, chair, { name: uniqueName('Carol Signed') })).user;
    dan = (await makeNamedPatient(h.db, chair, { name: uniqueName('Dan Signed') })).user;
    await addToTeam(h.db, chair, carol.id, nurse);
    await addToTeam(h.db, chair, carol.id, stranger);
    ({ meetingId } = await callerFor(h.db, chair).mdt.create({
      heldOn: meetingDay(), title: TITLE, myDiscipline: 'prescriber',
      attendees: [{ clinicianId: nurse.id, discipline: 'nurse' }, { clinicianId: pharmacist.id, discipline: 'pharmacist' }], patientIds: [carol.id, dan.id],
    }));
    const { view, of } = await ids(chair);
    const v2 = await record(chair, of(carol.id), view.meeting.version, 'Carol: keep going.');
    await record(chair, of(dan.id), v2.version, 'Dan: keep going.');
  });

  it('shows only attendees the meeting at all: a clinician on a patient’s team who does not attend gets the answer for an unknown meeting, without the title', async () => {
    const refused = await rejection(callerFor(h.db, stranger).mdt.get({ meetingId }));
    const unknown = await rejection(callerFor(h.db, stranger).mdt.get({ meetingId: randomUUID() }));
    expect([refused.code, refused.message]).toEqual([unknown.code, unknown.message]);
    expect(refused.code).toBe('FORBIDDEN');
    for (const path of ['mdt.get', 'mdt.sign', 'mdt.finalise']) {
      const res = await httpCall(h.db, stranger, path, { meetingId, ...(path === 'mdt.get' ? {} : { expectedVersion: 3 }) });
      expect([path, res.status]).toEqual([path, 403]);
      for (const secret of [TITLE, carol.name, carol.id]) expect(res.body).not.toContain(secret);
    }
    expect((await callerFor(h.db, stranger).mdt.list()).map((m) => m.id)).not.toContain(meetingId);
    // Attendees see the title, whatever their teams.
    expect((await callerFor(h.db, pharmacist).mdt.get({ meetingId })).meeting.title).toBe(TITLE);
  });

  it('refuses an attendee off every team: finalising names no patient, and their signature covers nobody', async () => {
    const { view } = await ids(chair);
    const before = { carol: (await auditAbout(h.db, carol.id)).length, dan: (await auditAbout(h.db, dan.id)).length };
    await callerFor(h.db, pharmacist).mdt.sign({ meetingId, expectedVersion: view.meeting.version });
    const error = await rejection(callerFor(h.db, pharmacist).mdt.finalise({ meetingId, expectedVersion: view.meeting.version }));
    expect([error.code, error.message]).toEqual([
      'BAD_REQUEST', 'Someone from each patient’s care team must sign this version of the record before it is finalised. Not signed yet: agenda items 1 and 2. Ask an attendee from each of those patients’ care teams to sign it.',
    ]);
    const res = await httpCall(h.db, pharmacist, 'mdt.finalise', { meetingId, expectedVersion: view.meeting.version });
    expect(res.status).toBe(400);
    for (const secret of [carol.name, dan.name, carol.id, dan.id]) expect(res.body).not.toContain(secret);
    expect(await callerFor(h.db, carol).mdt.sharedOutcomes({ patientId: carol.id })).toEqual([]);
    expect({ carol: (await auditAbout(h.db, carol.id)).length, dan: (await auditAbout(h.db, dan.id)).length }).toEqual(before);
    // What the pharmacist sees: they signed; both items withheld and unsigned by their teams.
    const mine = await callerFor(h.db, pharmacist).mdt.get({ meetingId });
    expect(mine.signedByMe).toBe(true);
    expect(mine.items).toEqual([{ id: expect.any(String), withheld: true, teamSigned: false }, { id: expect.any(String), withheld: true, teamSigned: false }]);
  });

  it('names unsigned items by their agenda place, never by patient, and counts a signature only for the signer’s own patients', async () => {
    const { view, of } = await ids(nurse);
    await callerFor(h.db, nurse).mdt.sign({ meetingId, expectedVersion: view.meeting.version });
    const after = await callerFor(h.db, chair).mdt.get({ meetingId });
    expect(after.attendees.map((a) => [a.name, a.signed]).sort()).toEqual([[chair.name, false], [nurse.name, true], [pharmacist.name, true]].sort());
    const carolItem = after.items.find((i) => i.id === of(carol.id));
    expect(carolItem).toMatchObject({ withheld: false, teamSigned: true, signedByNames: [nurse.name] });
    expect(after.items.find((i) => !i.withheld && i.patientId === dan.id)).toMatchObject({ teamSigned: false, signedByNames: [] });
    // The nurse sees Carol (signed by the nurse) and not Dan.
    const nurses = await rejection(callerFor(h.db, nurse).mdt.finalise({ meetingId, expectedVersion: view.meeting.version }));
    expect(nurses.message).toBe('Someone from each patient’s care team must sign this version of the record before it is finalised. Not signed yet: agenda item 2. Ask an attendee from that patient’s care team to sign it.');
    expect(nurses.cause).toMatchObject({ details: { unsignedItemIds: [after.items.find((i) => !i.withheld && i.patientId === dan.id)?.id] } });
    // A Spanish reader reads the same refusal in Spanish.
    expect(nurses.cause instanceof AppError && nurses.cause.localized('es').message).toBe(
      'Alguien del equipo de atención de cada paciente debe firmar esta versión del acta antes de finalizarla. Todavía sin firmar: el punto 2 del orden del día. Pida a un asistente del equipo de atención de ese paciente que la firme.',
    );
    // A stale signature is refused: the record the chair read is not the record now.
    expect((await rejection(callerFor(h.db, chair).mdt.sign({ meetingId, expectedVersion: view.meeting.version - 1 }))).code).toBe('CONFLICT');
  });

  it('voids every signature when the record changes, and drops a signer taken off the patient’s team', async () => {
    const { view, of } = await ids(chair);
    const changed = await record(chair, of(dan.id), view.meeting.version, 'Dan: keep going, with more stretching.');
    const now = await callerFor(h.db, chair).mdt.get({ meetingId });
    expect(now.attendees.every((a) => !a.signed)).toBe(true);
    expect(now.items.every((i) => !i.teamSigned)).toBe(true);
    // The nurse signs the new version, then leaves Carol's team: the signature stays, but no longer counts for Carol.
    await callerFor(h.db, nurse).mdt.sign({ meetingId, expectedVersion: changed.version });
    expect((await callerFor(h.db, chair).mdt.get({ meetingId })).items.find((i) => !i.withheld && i.patientId === carol.id)).toMatchObject({ teamSigned: true });
    await callerFor(h.db, chair).patients.removeCareTeamMember({ patientId: carol.id, clinicianId: nurse.id });
    expect((await callerFor(h.db, chair).mdt.get({ meetingId })).items.find((i) => !i.withheld && i.patientId === carol.id)).toMatchObject({ teamSigned: false, signedByNames: [] });
    const error = await rejection(callerFor(h.db, pharmacist).mdt.finalise({ meetingId, expectedVersion: changed.version }));
    expect(error.message).toContain('Not signed yet: agenda items 1 and 2.');
    expect(error.cause instanceof AppError && error.cause.localized('es').message).toContain('Todavía sin firmar: los puntos 1 y 2 del orden del día. Pida a un asistente del equipo de atención de cada uno de esos pacientes que la firme.');
    await addToTeam(h.db, chair, carol.id, nurse);
  });

  it('finalises once every patient has a signer from their team; the finaliser signs by finalising; the summaries then reach the patients', async () => {
    const { view } = await ids(chair);
    const done = await callerFor(h.db, pharmacist).mdt.finalise({ meetingId, expectedVersion: view.meeting.version }).catch((e: unknown) => e);
    // The pharmacist alone still cannot: Dan's team (the chair) has not signed this version.
    expect(done).toMatchObject({ code: 'BAD_REQUEST' });
    const closed = await callerFor(h.db, chair).mdt.finalise({ meetingId, expectedVersion: view.meeting.version });
    expect(closed).toEqual({ finalisedAt: expect.any(Date), version: view.meeting.version });
    const final = await callerFor(h.db, chair).mdt.get({ meetingId });
    expect(final.items.every((i) => i.teamSigned)).toBe(true);
    expect(final.attendees.find((a) => a.clinicianId === chair.id)?.signed).toBe(true);
    expect((await auditAbout(h.db, dan.id)).at(-1)).toMatchObject({ action: 'mdt.finalise', actorId: chair.id, after: expect.objectContaining({ signedBy: [chair.id] }) });
    expect((await callerFor(h.db, dan).mdt.sharedOutcomes({ patientId: dan.id })).map((o) => o.sharedSummary)).toEqual(['Dan: keep going, with more stretching.']);
    expect((await rejection(callerFor(h.db, nurse).mdt.sign({ meetingId, expectedVersion: view.meeting.version }))).code).toBe('CONFLICT');
  });
});
