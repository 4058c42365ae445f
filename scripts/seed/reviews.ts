// Demo data for reviews: a weekly review of Maria, and a finalised team meeting whose shared summary she can read.
import { and, eq } from 'drizzle-orm';
import type { Db } from '~/db';
import { mdtPatientItems, users } from '~/db/schema';
import { localDate } from '~/lib/dates';
import { meetingAccess } from '~/server/auth/policy';
import { addDissent, createMeeting, finaliseMeeting, recordItem, signMeeting } from '~/server/reviews/mdt';
import { recordWeeklyReview } from '~/server/reviews/weekly';
import { addDays } from '~/lib/dates';

export async function seedReviews(db: Db, prescriber: { id: string; role: 'clinician' }, physioEmail: string, [maria]: string[]) {
  if (!maria) return;
  const [physioRow] = await db.select({ id: users.id }).from(users).where(eq(users.email, physioEmail));
  if (!physioRow) return;
  const physio = { id: physioRow.id, role: 'clinician' as const };
  const today = localDate('Europe/London', new Date());

  await recordWeeklyReview(db, { ...prescriber, discipline: 'prescriber' }, {
    patientId: maria,
    summary: 'Steady week on the current step: spasticity 3–5, sleep fine, all doses taken, no red flags. Continue as planned.',
    decision: 'continue',
    nextReviewOn: addDays(today, 7),
  });

  const { meetingId } = await createMeeting(db, prescriber, {
    heldOn: addDays(today, -2),
    title: 'Tuesday MDT',
    myDiscipline: 'prescriber',
    attendees: [{ clinicianId: physio.id, discipline: 'physiotherapist' }],
    patientIds: [maria],
  });
  const [item] = await db.select({ id: mdtPatientItems.id }).from(mdtPatientItems).where(and(eq(mdtPatientItems.meetingId, meetingId), eq(mdtPatientItems.patientId, maria)));
  if (!item) return;
  const scope = { meetingId, itemId: item.id, patientId: maria };
  const { version } = await recordItem(db, prescriber, scope, {
    meetingId,
    itemId: item.id,
    expectedVersion: 1,
    discussion: 'Physio notes more tightness in the calves after the last cut; stretching routine helps. Prescriber comfortable to continue.',
    decisions: 'Continue 10% steps; physio to add a calf stretching routine; review at the next MDT.',
    goalsReset: 'Walk 20 minutes a day by the end of next month.',
    sharedSummary: 'The team reviewed your taper. You are doing well: keep to the plan as it is. Sam will show you a calf stretching routine at your next physio visit. Your new goal is to walk 20 minutes a day by the end of next month.',
    nextReviewOn: addDays(today, 26),
  });
  await addDissent(db, physio, scope, { meetingId, itemId: item.id, body: 'I would rather hold this step one more week until the calf tightness settles.' });
  // Both attendees are on Maria's care team: the physio signs the record, the prescriber finalises (and signs).
  const [physioPlace, prescriberPlace] = await Promise.all([meetingAccess(db, physio, meetingId), meetingAccess(db, prescriber, meetingId)]);
  if (!physioPlace || !prescriberPlace) return;
  await signMeeting(db, physio, physioPlace, { meetingId, expectedVersion: version });
  await finaliseMeeting(db, prescriber, prescriberPlace, { meetingId, expectedVersion: version });
}
