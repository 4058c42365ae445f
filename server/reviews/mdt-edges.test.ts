// MDT meetings against a real database, at their edges: a meeting dated after today cannot be finalised, and an
// attendee named without a discipline attends in the one their account gives them (never a blanket "nurse").
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { auditEvents, mdtAttendees, mdtMeetings, users } from '~/db/schema';
import type { SessionUser } from '~/server/auth/session';
import { meetingAccess } from '~/server/auth/policy';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import { addToTeam, callerFor, makeNamedPatient, makeNonPrescriber, makeUser, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';
import { finaliseMeeting } from './mdt';

const h = fileTestDb();
const actorOf = (u: SessionUser) => ({ id: u.id, role: u.role });
const NOT_HELD_YET = 'This meeting is dated after today, so it cannot be finalised yet: finalise it on the day of the meeting or later.';

/** A meeting of `chair` about one new patient of theirs on `heldOn`, its outcome recorded (version 2): ready to finalise but for its date. */
async function recordedMeeting(chair: SessionUser, heldOn: string, others: SessionUser[] = []) {
  const p = await makeNamedPatient(h.db, chair, { name: uniqueName('MDT edge') });
  for (const other of others) await addToTeam(h.db, chair, p.patientId, other);
  const api = callerFor(h.db, chair).mdt;
  const { meetingId } = await api.create({
    heldOn, title: 'Planning MDT', myDiscipline: 'prescriber', attendees: others.map((o) => ({ clinicianId: o.id, discipline: 'prescriber' as const })), patientIds: [p.patientId],
  });
  const itemId = (await api.get({ meetingId })).items[0]?.id ?? '';
  await api.recordItem({ meetingId, itemId, expectedVersion: 1, discussion: '', decisions: 'Carry on', goalsReset: '', sharedSummary: 'Carry on as planned.', nextReviewOn: null });
  return { meetingId, patientId: p.patientId };
}

async function scopeOf(who: SessionUser, meetingId: string) {
  const scope = await meetingAccess(h.db, who, meetingId);
  if (!scope) throw new Error('not an attendee');
  return scope;
}

describe('finalising an MDT meeting dated after today', () => {
  it('is refused with BAD_REQUEST and changes nothing; on the meeting’s day it is finalised', async () => {
    const chair = await makeUser(h.db, 'clinician', uniqueName('Dr Early'));
    // Staff accounts are on UTC unless they say otherwise.
    const tomorrow = addDays(localDate('UTC', new Date()), 1);
    const { meetingId, patientId } = await recordedMeeting(chair, tomorrow);

    const refused = await rejection(callerFor(h.db, chair).mdt.finalise({ meetingId, expectedVersion: 2 }));
    expect([refused.code, refused.message]).toEqual(['BAD_REQUEST', NOT_HELD_YET]);
    const [meeting] = await h.db.select({ finalisedAt: mdtMeetings.finalisedAt, version: mdtMeetings.version }).from(mdtMeetings).where(eq(mdtMeetings.id, meetingId));
    expect(meeting).toEqual({ finalisedAt: null, version: 2 });
    const [me] = await h.db.select({ signedVersion: mdtAttendees.signedVersion }).from(mdtAttendees).where(and(eq(mdtAttendees.meetingId, meetingId), eq(mdtAttendees.clinicianId, chair.id)));
    expect(me?.signedVersion).toBeNull();
    expect(await h.db.select().from(auditEvents).where(and(eq(auditEvents.patientId, patientId), eq(auditEvents.action, 'mdt.finalise')))).toEqual([]);

    const onTheDay = await finaliseMeeting(h.db, actorOf(chair), await scopeOf(chair, meetingId), { meetingId, expectedVersion: 2 }, new Date(`${tomorrow}T09:00:00Z`));
    expect(onTheDay.finalisedAt).toEqual(new Date(`${tomorrow}T09:00:00Z`));
  });

  it('reads today on the finaliser’s own calendar: already the meeting’s day at UTC+14, not yet at UTC', async () => {
    const today = localDate('UTC', new Date());
    const tomorrow = addDays(today, 1);
    const chair = await makeUser(h.db, 'clinician', uniqueName('Dr UTC'));
    const islander = await makeUser(h.db, 'clinician', uniqueName('Dr Kiritimati'));
    await h.db.update(users).set({ timeZone: 'Pacific/Kiritimati' }).where(eq(users.id, islander.id));
    const { meetingId } = await recordedMeeting(chair, tomorrow, [islander]);
    // Noon UTC today is 02:00 tomorrow in Kiritimati.
    const noon = new Date(`${today}T12:00:00Z`);
    await expect(finaliseMeeting(h.db, actorOf(chair), await scopeOf(chair, meetingId), { meetingId, expectedVersion: 2 }, noon)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    const done = await finaliseMeeting(h.db, actorOf(islander), await scopeOf(islander, meetingId), { meetingId, expectedVersion: 2 }, noon);
    expect(done.finalisedAt).toEqual(noon);
  });
});

describe('an attendee’s discipline', () => {
  it('comes from their account when the creator names none: a prescribing physician is the prescriber, not a nurse', async () => {
    const chair = await makeNonPrescriber(h.db, uniqueName('Nurse chair'), 'nurse');
    const physician = await makeUser(h.db, 'clinician', uniqueName('Dr Prescribing'), { profession: 'physician', mayPrescribe: true });
    const trainee = await makeUser(h.db, 'clinician', uniqueName('Dr Trainee'), { profession: 'physician', mayPrescribe: false });
    const physio = await makeNonPrescriber(h.db, uniqueName('Physio'));
    const pharmacist = await makeNonPrescriber(h.db, uniqueName('Pharmacist'), 'pharmacist');
    const p = await makeNamedPatient(h.db, physician, { name: uniqueName('Disciplines') });
    await addToTeam(h.db, physician, p.patientId, chair);
    const { meetingId } = await callerFor(h.db, chair).mdt.create({
      heldOn: localDate('UTC', new Date()), title: 'Disciplines MDT', myDiscipline: 'nurse', patientIds: [p.patientId],
      // The pharmacist's discipline is the creator's choice, and stands.
      attendees: [{ clinicianId: physician.id }, { clinicianId: trainee.id }, { clinicianId: physio.id }, { clinicianId: pharmacist.id, discipline: 'other' }],
    });
    const rows = await h.db.select({ clinicianId: mdtAttendees.clinicianId, discipline: mdtAttendees.discipline }).from(mdtAttendees).where(eq(mdtAttendees.meetingId, meetingId));
    const of = new Map(rows.map((r) => [r.clinicianId, r.discipline]));
    expect(Object.fromEntries([chair, physician, trainee, physio, pharmacist].map((u) => [u.name, of.get(u.id)]))).toEqual({
      [chair.name]: 'nurse', [physician.name]: 'prescriber', [trainee.name]: 'other', [physio.name]: 'physiotherapist', [pharmacist.name]: 'other',
    });
    // The meeting page shows what was stored.
    const view = await callerFor(h.db, physician).mdt.get({ meetingId });
    expect(view.attendees.find((a) => a.clinicianId === physician.id)?.discipline).toBe('prescriber');
  });

  it('is offered to the meeting form from the directory: each clinician with the discipline their account gives them', async () => {
    const physician = await makeUser(h.db, 'clinician', uniqueName('Dr Directory'), { profession: 'physician', mayPrescribe: true });
    const directory = await callerFor(h.db, physician).patients.clinicianDirectory();
    expect(directory.find((c) => c.id === physician.id)?.discipline).toBe('prescriber');
  });
});
