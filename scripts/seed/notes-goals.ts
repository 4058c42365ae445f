// Demo notes, goals and milestones for the demo clinic: Maria's thread (both visibilities and a correction),
// two goals with progress, and one goal achieved (a milestone to celebrate). Written through the services.
import { and, eq } from 'drizzle-orm';
import type { Db } from '~/db';
import { careTeamMembers, taperPlans } from '~/db/schema';
import { createGoal, recordProgress, reviseGoal, setGoalStatus } from '~/server/goals/service';
import { createNote } from '~/server/notes/service';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/dates';

export async function seedNotesAndGoals(db: Db, prescriber: { id: string; role: 'clinician' }, [maria]: string[]) {
  if (!maria) return;
  const [physioMember] = await db
    .select({ id: careTeamMembers.clinicianId })
    .from(careTeamMembers)
    .where(and(eq(careTeamMembers.patientId, maria), eq(careTeamMembers.discipline, 'physiotherapist')));
  const [plan] = await db.select({ id: taperPlans.id, version: taperPlans.version }).from(taperPlans).where(eq(taperPlans.patientId, maria));
  const doc = { actor: prescriber, access: { patientId: maria, kind: 'care-team' as const, discipline: 'prescriber', mayEditPlan: true, mayPrescribe: true } };
  const patient = { actor: { id: maria, role: 'patient' as const }, access: { patientId: maria, kind: 'self' as const } };
  const physio = physioMember
    ? { actor: { id: physioMember.id, role: 'clinician' as const }, access: { patientId: maria, kind: 'care-team' as const, discipline: 'physiotherapist', mayEditPlan: false, mayPrescribe: false } }
    : doc;
  const note = (who: typeof doc | typeof patient, body: string, visibility: 'shared' | 'team', extra: { correctsNoteId?: string; planId?: string; planVersion?: number } = {}) =>
    createNote(db, who.actor, who.access, { patientId: maria, body, visibility, ...extra });

  const planLink = plan ? { planId: plan.id, planVersion: plan.version } : {};
  const wrong = await note(physio, 'Gait assessment: walked 10 m in 14 s with one stick. Hamstrings tight on the left.', 'team');
  await note(physio, 'Correction: the tightness was on the right hamstrings, not the left. Timing as recorded.', 'team', { correctsNoteId: wrong.noteId });
  await note(doc, 'Welcome to your taper plan. Tell us here how each week goes; nothing is too small to mention.', 'shared', planLink);
  await note(patient, 'Is it normal to feel a bit more stiff in the mornings since the first step?', 'shared');
  await note(doc, 'Yes, some morning stiffness after a step is common and usually settles. Keep recording it in your check-ins; we look at it each week.', 'shared', planLink);
  await note(doc, 'Morning stiffness mentioned by Maria; scores stable. Continue, review at step end.', 'team', planLink);

  const today = localDate('Europe/London', new Date());
  const walk = await createGoal(db, prescriber, {
    patientId: maria, title: 'Walk to the corner shop and back', measure: 'Minutes walked a day', target: '20 minutes a day', targetValue: 20, targetUnit: 'minutes', dueOn: addDays(today, 42),
  });
  for (const [daysAgo, value, text] of [[6, 8, 'With a stick, one rest.'], [4, 10, ''], [1, 12, 'No rest needed today.']] as const) {
    await recordProgress(db, patient.actor, { patientId: maria, goalId: walk.goalId, recordedOn: addDays(today, -daysAgo), value, note: text });
  }
  const stretch = await createGoal(db, physio.actor, {
    patientId: maria, title: 'Morning stretching routine', measure: 'Days a week with the routine done', target: '5 days a week', targetValue: 5, targetUnit: 'days', dueOn: null,
  });
  const revised = await reviseGoal(db, physio.actor, {
    patientId: maria, goalId: stretch.goalId, expectedVersion: 1, title: 'Morning and evening stretching', measure: 'Days a week with both routines done', target: '5 days a week', targetValue: 5, targetUnit: 'days', dueOn: addDays(today, 28), reason: 'Maria does mornings easily; adding the evening routine.',
  });
  await recordProgress(db, physio.actor, { patientId: maria, goalId: revised.goalId, recordedOn: addDays(today, -2), value: 3, note: 'Checked at the physiotherapy session.' });
  const sleep = await createGoal(db, prescriber, {
    patientId: maria, title: 'Keep a sleep diary for two weeks', measure: 'Nights recorded', target: '14 nights', targetValue: 14, targetUnit: 'nights', dueOn: null,
  });
  await setGoalStatus(db, prescriber, { patientId: maria, goalId: sleep.goalId, expectedVersion: 1, status: 'achieved', reason: 'Diary complete.' });
}
