// Milestones recorded by the system inside check-ins, listed for the patient and team, dismissed by the patient.
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Db } from '~/db';
import { checkIns, milestones } from '~/db/schema';
import { submitCheckIn } from '~/server/checkins/service';
import { recordMilestones } from '~/server/milestones/service';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/taper';
import { addToTeam, auditAbout, callerFor, checkInInput, makeNamedPatient, makePatient, makePlan, makeUser, rejection, uniqueName } from '~/server/test/db';
import { fileTestDb } from '~/server/test/file-db';

const h = fileTestDb();

const today = () => localDate('Europe/London', new Date());

async function world(db: Db) {
  const doc = await makeUser(db, 'clinician', uniqueName('Dr Milestones'));
  const nurse = await makeUser(db, 'clinician');
  const p = await makeNamedPatient(db, doc, { name: uniqueName('Milestone Patient') });
  await addToTeam(db, doc, p.patientId, nurse);
  const other = await makePatient(db, doc);
  return { doc, nurse, patient: p.user, patientId: p.patientId, other };
}

/** Past check-ins cannot be made through the service (only today's), so history is written as rows. */
async function pastCheckIns(db: Db, patientId: string, days: { daysAgo: number; redFlags?: (typeof checkIns.$inferInsert)['redFlags'] }[]) {
  await db.insert(checkIns).values(days.map((d) => ({ patientId, localDate: addDays(today(), -d.daysAgo), doses: [], redFlags: d.redFlags ?? [] })));
}

const kindsOf = async (db: Db, patientId: string) =>
  (await db.select().from(milestones).where(eq(milestones.patientId, patientId))).map((m) => m.dedupeKey).sort();

describe('recorded with the check-in', () => {
  it('records a week without red flags at the next check-in, once, and writes a system audit event', async () => {
    const w = await world(h.db);
    await pastCheckIns(h.db, w.patientId, [1, 2, 3, 4, 5, 6, 7].map((daysAgo) => ({ daysAgo })));
    const patient = { id: w.patientId, role: 'patient' as const };
    await submitCheckIn(h.db, patient, checkInInput(w.patientId, today()));
    expect(await kindsOf(h.db, w.patientId)).toEqual([`week-without-red-flags:${addDays(today(), -7)}`]);
    // A correction later the same day records nothing new.
    await submitCheckIn(h.db, patient, checkInInput(w.patientId, today(), { notes: 'Evening' }));
    expect(await kindsOf(h.db, w.patientId)).toHaveLength(1);
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.entityType === 'milestone');
    expect(events.map((e) => [e.action, e.actorId])).toEqual([['milestone.record', null]]);
  });

  it('records no week when a red flag fell inside it', async () => {
    const w = await world(h.db);
    await pastCheckIns(h.db, w.patientId, [1, 2, 3, 4, 5, 6, 7].map((daysAgo) => ({ daysAgo, redFlags: daysAgo === 3 ? ['seizure'] : [] })));
    await submitCheckIn(h.db, { id: w.patientId, role: 'patient' }, checkInInput(w.patientId, today()));
    expect(await kindsOf(h.db, w.patientId)).toEqual([]);
  });

  it('records completed steps and halfway of a running plan, idempotently', async () => {
    const w = await world(h.db);
    // Started 30 days ago: 25 mg (14 days) and 20 mg (14 days) are done, 15 mg (halfway from 30 to 0) is running.
    const plan = await makePlan(h.db, w.doc, w.patient, 'active', { input: { startDate: addDays(today(), -30) } });
    await submitCheckIn(h.db, { id: w.patientId, role: 'patient' }, checkInInput(w.patientId, today()));
    const keys = await kindsOf(h.db, w.patientId);
    expect(keys.filter((k) => k.startsWith('step-completed')).length).toBe(2);
    expect(keys).toContain(`halfway-to-target:${plan.planId}`);
    await h.db.transaction((tx) => recordMilestones(tx, w.patientId, today()));
    expect(await kindsOf(h.db, w.patientId)).toEqual(keys);
  });
});

describe('listing and dismissing', () => {
  it('lists for the patient and the team; only the patient marks them seen, and only their own', async () => {
    const w = await world(h.db);
    await pastCheckIns(h.db, w.patientId, [1, 2, 3, 4, 5, 6, 7].map((daysAgo) => ({ daysAgo })));
    await submitCheckIn(h.db, { id: w.patientId, role: 'patient' }, checkInInput(w.patientId, today()));
    const [m] = await callerFor(h.db, w.patient).milestones.list({ patientId: w.patientId });
    if (!m) throw new Error('no milestone');
    expect(await callerFor(h.db, w.nurse).milestones.list({ patientId: w.patientId })).toEqual([m]);
    expect((await rejection(callerFor(h.db, w.nurse).milestones.markSeen({ patientId: w.patientId, milestoneIds: [m.id] }))).message).toBe('Only the patient can do this.');
    expect((await rejection(callerFor(h.db, w.other.user).milestones.markSeen({ patientId: w.patientId, milestoneIds: [m.id] }))).code).toBe('FORBIDDEN');
    expect((await rejection(callerFor(h.db, w.other.user).milestones.list({ patientId: w.patientId }))).code).toBe('FORBIDDEN');
    // Another patient cannot dismiss it by naming it on their own record either.
    expect((await rejection(callerFor(h.db, w.other.user).milestones.markSeen({ patientId: w.other.patientId, milestoneIds: [m.id] }))).code).toBe('NOT_FOUND');
    expect((await callerFor(h.db, w.patient).milestones.list({ patientId: w.patientId }))[0]?.seenAt).toBeNull();

    expect(await callerFor(h.db, w.patient).milestones.markSeen({ patientId: w.patientId, milestoneIds: [m.id] })).toEqual({ seen: 1 });
    expect((await callerFor(h.db, w.patient).milestones.list({ patientId: w.patientId }))[0]?.seenAt).toBeInstanceOf(Date);
    expect(await callerFor(h.db, w.patient).milestones.markSeen({ patientId: w.patientId, milestoneIds: [m.id] })).toEqual({ seen: 0 });
    const events = (await auditAbout(h.db, w.patientId)).filter((e) => e.action === 'milestone.seen');
    expect(events.map((e) => [e.actorId, e.entityId])).toEqual([[w.patientId, m.id]]);
  });
});
