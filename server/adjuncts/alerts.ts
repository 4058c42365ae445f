// Rescue medication past its limits raises a warning for the care team: computed by the worker's 'alert-sweep'
// job, like missed check-ins (time passing raises no event; server/alerts/sweep.ts). Once per course and reason.
import 'server-only';
import { and, eq, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '~/db';
import { adjunctTherapies, alerts, users } from '~/db/schema';
import { raiseAlert } from '~/server/alerts/service';
import { inPatientSet, isEmptySet, type PatientSet } from '~/server/patients/scope';
import { localDate } from '~/lib/dates';
import { rescueDedupeKey, rescueState } from '~/lib/adjuncts/rescue';

/** Raises rescue-medication alerts for the given patients. Returns how many were raised. */
export async function raiseRescueMedicationAlerts(db: Db, patients: PatientSet, now = new Date()): Promise<number> {
  if (isEmptySet(patients)) return 0;
  // Only courses that can be past a limit: still going, or stopped after their last allowed day or follow-up.
  const candidates = await db
    .select({
      id: adjunctTherapies.id, patientId: adjunctTherapies.patientId, planId: adjunctTherapies.planId, startedOn: adjunctTherapies.startedOn,
      stoppedOn: adjunctTherapies.stoppedOn, maxDays: adjunctTherapies.maxDays, followUpOn: adjunctTherapies.followUpOn, timeZone: users.timeZone,
    })
    .from(adjunctTherapies)
    .innerJoin(users, eq(users.id, adjunctTherapies.patientId))
    .where(
      and(
        eq(adjunctTherapies.kind, 'rescue-medication'),
        inPatientSet(adjunctTherapies.patientId, patients),
        or(
          isNull(adjunctTherapies.stoppedOn),
          sql`${adjunctTherapies.stoppedOn} >= ${adjunctTherapies.startedOn} + ${adjunctTherapies.maxDays}`,
          sql`${adjunctTherapies.stoppedOn} > ${adjunctTherapies.followUpOn}`,
        ),
      ),
    );
  const due = candidates.flatMap((c) => {
    if (c.maxDays === null || c.followUpOn === null) return [];
    const state = rescueState({ startedOn: c.startedOn, stoppedOn: c.stoppedOn, maxDays: c.maxDays, followUpOn: c.followUpOn }, localDate(c.timeZone, now));
    return state.alerts.map((reason) => ({ course: c, state, reason, key: rescueDedupeKey(c.id, reason, { maxDays: state.maxDays, followUpOn: state.followUpOn }) }));
  });
  if (due.length === 0) return 0;
  // Skip what was raised before in one read per thousand, so a sweep over quiet courses writes nothing. Courses
  // stopped past their limits stay due for good, so a clinic's sweep can hold more keys than one statement's
  // parameters allow.
  const seen = new Set<string>();
  for (let i = 0; i < due.length; i += 1000) {
    const part = due.slice(i, i + 1000);
    const existing = await db
      .select({ key: alerts.dedupeKey })
      .from(alerts)
      .where(and(inArray(alerts.patientId, [...new Set(part.map((d) => d.course.patientId))]), inArray(alerts.dedupeKey, part.map((d) => d.key))));
    for (const e of existing) seen.add(e.key);
  }
  let raised = 0;
  for (const { course, state, reason, key } of due) {
    if (seen.has(key)) continue;
    await db.transaction(async (tx) => {
      // Facts only (no medicine name, notes or criteria text): the alert points at the course by its id.
      const evidence = {
        therapyId: course.id, planId: course.planId, reason, daysUsed: state.daysUsed, maxDays: state.maxDays, startedOn: course.startedOn,
        lastAllowedDay: state.lastAllowedDay, followUpOn: state.followUpOn, stoppedOn: course.stoppedOn,
      };
      if (await raiseAlert(tx, null, course.patientId, { kind: 'rescue-medication', severity: 'warning', code: reason, evidence, dedupeKey: key })) raised++;
    });
  }
  return raised;
}
