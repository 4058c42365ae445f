// The clinician's triage list: every patient on their care teams, most urgent first, read in one statement
// of indexed per-patient lookups however many patients there are (no query per row). A pure read: the
// alerts time alone raises (missed check-ins, rescue medication past its limits) come from the worker's
// alert sweep, and a missed check-in shows on the row from the check-ins it reads, sweep or not.
import 'server-only';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import {
  alerts, careTeamMembers, checkIns, mdtMeetings, mdtPatientItems, patientProfiles, stepDecisions, taperPlans, taperPlanVersions, users, weeklyReviews,
} from '~/db/schema';
import { addDays, localDate } from '~/lib/dates';
import { unreadConversationSql } from '~/server/conversation/service';
import { compareTriageRows, spasticityWindow, triageRow, type TriageRow } from '~/lib/triage/row';

export type { TriageReason, TriageRow } from '~/lib/triage/row';

export async function triageList(db: DbOrTx, clinicianId: string, now = new Date()): Promise<TriageRow[]> {
  // Every zone's today is at least yesterday in UTC: a window from there covers each patient's own 14 days.
  const windowStart = addDays(localDate('UTC', now), -15);
  // A local day is at most 25 hours long (a clock change): this reaches back past the start of every patient's today.
  const redFlagsSince = new Date(now.getTime() - 26 * 3_600_000).toISOString();
  const patient = careTeamMembers.patientId;
  // The patient's name, zone and pump, and their open plan, are LATERAL subqueries with LIMIT 1: PostgreSQL
  // runs each as one index probe per patient on the list. As plain joins, it read every patient profile and
  // every open plan in the clinic into hash tables (sequential scans that grew with the clinic, not the list).
  const person = db
    .select({ name: users.name, timeZone: users.timeZone, hasIntrathecalPump: patientProfiles.hasIntrathecalPump })
    .from(users)
    .innerJoin(patientProfiles, eq(patientProfiles.patientId, users.id))
    .where(eq(users.id, patient))
    .limit(1)
    .as('person');
  const plan = db
    .select({
      id: taperPlans.id,
      status: taperPlans.status,
      pausedOn: taperPlans.pausedOn,
      // Each step without its doses and tablets (a generated column): whole plans for 200 patients were most
      // of a triage read's time, spent decoding JSON the list never shows, and building it per read the rest.
      steps: taperPlanVersions.stepSummary,
      currentDailyMg: sql<number | null>`(${taperPlanVersions.input}->>'currentDailyMg')::float8`.as('current_daily_mg'),
      // The decisions on a running plan, however old the step: a last step can end long before anyone decides.
      decided: sql<[number, string][] | null>`case when ${taperPlans.status} = 'active' then
        (select json_agg(json_build_array(d.step_index, d.step_end_date)) from ${stepDecisions} d where d.plan_id = ${taperPlans.id}) end`.as('decided'),
    })
    .from(taperPlans)
    .leftJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    // At most one open plan per patient: the condition is the unique index's own, so the probe is that index.
    .where(and(eq(taperPlans.patientId, patient), sql`${taperPlans.status} not in ('completed', 'stopped')`))
    .limit(1)
    .as('plan');
  // One statement, one row per patient: each fact is an indexed probe for that patient. Seven statements
  // cost more in round trips, query building and rows to decode than PostgreSQL spends on the probes.
  const patients = await db
    .select({
      patientId: patient,
      name: person.name,
      timeZone: person.timeZone,
      hasIntrathecalPump: person.hasIntrathecalPump,
      // Open alerts by severity; any alert, open or not, is new data since a review. Red flags of the last
      // 26 hours, acknowledged or not, come along in the same pass: the row says which fell on the patient's today.
      alerts: sql<{ urgent: number; warnings: number; info: number; lastAt: string | null; redFlags: [string, string | null][] | null } | null>`(select json_build_object(
          'urgent', count(*) filter (where a.severity = 'urgent' and a.acknowledged_at is null),
          'warnings', count(*) filter (where a.severity = 'warning' and a.acknowledged_at is null),
          'info', count(*) filter (where a.severity = 'info' and a.acknowledged_at is null),
          'lastAt', max(a.created_at),
          'redFlags', json_agg(json_build_array(a.created_at, a.acknowledged_at)) filter (where a.kind = 'red-flag' and a.created_at > ${redFlagsSince}::timestamptz))
        from ${alerts} a where a.patient_id = ${patient})`,
      // The latest day, and when its check-in last changed: a same-day correction is new data too (only
      // today's check-in can be corrected, so the latest day's row holds the latest change).
      lastCheckIn: sql<{ day: string; at: string } | null>`(select json_build_object('day', c.local_date, 'at', c.updated_at)
        from ${checkIns} c where c.patient_id = ${patient} order by c.local_date desc limit 1)`,
      spasticity: sql<Record<string, number | null> | null>`(select json_object_agg(c.local_date, c.spasticity)
        from ${checkIns} c where c.patient_id = ${patient} and c.local_date >= ${windowStart})`,
      planId: plan.id,
      planStatus: plan.status,
      pausedOn: plan.pausedOn,
      steps: plan.steps,
      currentDailyMg: plan.currentDailyMg,
      decided: plan.decided,
      weeklyReviewAt: sql<string | null>`(select max(w.created_at) from ${weeklyReviews} w where w.patient_id = ${patient})`,
      mdtReviewAt: sql<string | null>`(select max(m.finalised_at) from ${mdtPatientItems} i join ${mdtMeetings} m on m.id = i.meeting_id
        where i.patient_id = ${patient} and m.finalised_at is not null)`,
      // The patient wrote something nobody on the team has opened yet.
      unreadMessage: unreadConversationSql(patient),
    })
    .from(careTeamMembers)
    .innerJoinLateral(person, sql`true`)
    .leftJoinLateral(plan, sql`true`)
    .where(eq(careTeamMembers.clinicianId, clinicianId));

  // The 14-day window depends only on the patient's date: made once per date, not once per patient.
  const windows = new Map<string, string[]>();
  const windowOf = (today: string) => {
    let window = windows.get(today);
    if (!window) {
      window = spasticityWindow(today);
      windows.set(today, window);
    }
    return window;
  };

  const rows = patients.map((p) => triageRow(p, now, windowOf));
  return rows.sort(compareTriageRows);
}

