// The clinician's triage list: every patient on their care teams, most urgent first, read in one statement
// of indexed per-patient lookups however many patients there are (no query per row).
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import {
  alerts, careTeamMembers, checkIns, mdtMeetings, mdtPatientItems, patientProfiles, stepDecisions, taperPlans, taperPlanVersions, users, weeklyReviews,
} from '~/db/schema';
import { localDate } from '~/lib/dates';
import { addDays, daysBetween, stepIndexOn } from '~/lib/taper';

export type TriageReason = 'urgent' | 'decision-due' | 'warning' | 'missed-check-in' | 'none';

export interface TriageRow {
  patientId: string;
  name: string;
  reason: TriageReason;
  urgent: number;
  warnings: number;
  info: number;
  planStatus: string | null;
  currentDailyMg: number | null;
  stepNumber: number | null;
  stepCount: number | null;
  stepDay: number | null;
  stepDays: number | null;
  stepEndsOn: string | null;
  lastCheckIn: string | null;
  daysSinceCheckIn: number | null;
  /** Spasticity on each of the last 14 days, oldest first, ending on the patient's today; null: no score that day. */
  spasticity: (number | null)[];
  hasIntrathecalPump: boolean;
  /** A step decision is due (also when an urgent alert puts the row under 'urgent'). */
  decisionDue: boolean;
  /** The latest weekly review, and whether it is newer than every check-in and alert: "reviewed" until new data arrives. */
  reviewedAt: Date | null;
  reviewed: boolean;
  /** The patient's local date of the latest weekly review or finalised MDT review. */
  lastReviewedOn: string | null;
  notReviewedForTwoWeeks: boolean;
}

/** A patient with no weekly or MDT review for this many days is brought to the team's agenda. */
export const NOT_REVIEWED_DAYS = 14;

const order: Record<TriageReason, number> = { urgent: 0, 'decision-due': 1, warning: 2, 'missed-check-in': 3, none: 4 };

// Aggregates over timestamps come back as strings from one driver and Dates from the other.
function toDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  const date = value instanceof Date ? value : new Date(String(value));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The latest of some moments that may be missing. */
function latestOf(...dates: (Date | null | undefined)[]): Date | undefined {
  return dates.filter((d): d is Date => d instanceof Date).sort((x, y) => y.getTime() - x.getTime())[0];
}

export async function triageList(db: DbOrTx, clinicianId: string, now = new Date()): Promise<TriageRow[]> {
  // Every zone's today is at least yesterday in UTC: a window from there covers each patient's own 14 days.
  const windowStart = addDays(localDate('UTC', now), -15);
  const patient = careTeamMembers.patientId;
  // One statement, one row per patient: each fact is an indexed probe for that patient. Seven statements
  // cost more in round trips, query building and rows to decode than PostgreSQL spends on the probes.
  const patients = await db
    .select({
      patientId: patient,
      name: users.name,
      timeZone: users.timeZone,
      hasIntrathecalPump: patientProfiles.hasIntrathecalPump,
      // Open alerts by severity; any alert, open or not, is new data since a review.
      alerts: sql<{ urgent: number; warnings: number; info: number; lastAt: string | null } | null>`(select json_build_object(
          'urgent', count(*) filter (where a.severity = 'urgent' and a.acknowledged_at is null),
          'warnings', count(*) filter (where a.severity = 'warning' and a.acknowledged_at is null),
          'info', count(*) filter (where a.severity = 'info' and a.acknowledged_at is null),
          'lastAt', max(a.created_at))
        from ${alerts} a where a.patient_id = ${patient})`,
      // The latest day, and when its check-in last changed: a same-day correction is new data too (only
      // today's check-in can be corrected, so the latest day's row holds the latest change).
      lastCheckIn: sql<{ day: string; at: string } | null>`(select json_build_object('day', c.local_date, 'at', c.updated_at)
        from ${checkIns} c where c.patient_id = ${patient} order by c.local_date desc limit 1)`,
      spasticity: sql<Record<string, number | null> | null>`(select json_object_agg(c.local_date, c.spasticity)
        from ${checkIns} c where c.patient_id = ${patient} and c.local_date >= ${windowStart})`,
      planId: taperPlans.id,
      planStatus: taperPlans.status,
      pausedOn: taperPlans.pausedOn,
      // Each step without its doses and tablets (a generated column): whole plans for 200 patients were most
      // of a triage read's time, spent decoding JSON the list never shows, and building it per read the rest.
      steps: taperPlanVersions.stepSummary,
      currentDailyMg: sql<number | null>`(${taperPlanVersions.input}->>'currentDailyMg')::float8`,
      // The decisions on a running plan, however old the step: a last step can end long before anyone decides.
      decided: sql<[number, string][] | null>`case when ${taperPlans.status} = 'active' then
        (select json_agg(json_build_array(d.step_index, d.step_end_date)) from ${stepDecisions} d where d.plan_id = ${taperPlans.id}) end`,
      weeklyReviewAt: sql<string | null>`(select max(w.created_at) from ${weeklyReviews} w where w.patient_id = ${patient})`,
      mdtReviewAt: sql<string | null>`(select max(m.finalised_at) from ${mdtPatientItems} i join ${mdtMeetings} m on m.id = i.meeting_id
        where i.patient_id = ${patient} and m.finalised_at is not null)`,
    })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, patient))
    .innerJoin(patientProfiles, eq(patientProfiles.patientId, patient))
    // At most one open plan per patient (a unique index says so).
    .leftJoin(taperPlans, and(eq(taperPlans.patientId, patient), inArray(taperPlans.status, ['draft', 'proposed', 'agreed', 'active', 'paused'])))
    .leftJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .where(eq(careTeamMembers.clinicianId, clinicianId));

  // The 14-day window depends only on the patient's date: made once per date, not once per patient.
  const windows = new Map<string, string[]>();
  const windowOf = (today: string) => {
    let window = windows.get(today);
    if (!window) {
      window = Array.from({ length: 14 }, (_, i) => addDays(today, i - 13));
      windows.set(today, window);
    }
    return window;
  };

  const rows = patients.map((p): TriageRow => {
    const today = localDate(p.timeZone, now);
    const a = p.alerts ? { ...p.alerts, lastAt: toDate(p.alerts.lastAt) } : undefined;
    const plan = p.planId && p.planStatus && p.steps ? { planId: p.planId, status: p.planStatus, pausedOn: p.pausedOn, steps: p.steps, currentDailyMg: p.currentDailyMg } : undefined;
    const last = p.lastCheckIn?.day ?? null;
    const running = plan && (plan.status === 'active' || plan.status === 'paused') && plan.steps.length > 0 && (plan.steps[0]?.startDate ?? today) <= today;
    // A paused patient holds the step they paused on, and its count of days stands still while paused.
    const onDay = plan?.status === 'paused' && plan.pausedOn ? plan.pausedOn : today;
    const index = running && plan ? stepIndexOn(plan.steps, onDay) : null;
    const step = plan && index !== null ? plan.steps[index] : undefined;
    const daysSince = last ? daysBetween(last, today) : null;
    // A decision is due in the last two days of a running step (or after it, if nobody moved on).
    const decided = (p.decided ?? []).some(([stepIndex, stepEndDate]) => step && stepIndex === step.index && stepEndDate === step.endDate);
    const decisionDue = Boolean(step && plan?.status === 'active' && daysBetween(today, step.endDate) <= 1 && !decided);
    const missed = Boolean(running && (daysSince === null || daysSince >= 2));
    const reason: TriageReason = (a?.urgent ?? 0) > 0 ? 'urgent' : decisionDue ? 'decision-due' : (a?.warnings ?? 0) > 0 ? 'warning' : missed || (a?.info ?? 0) > 0 ? 'missed-check-in' : 'none';
    const window = windowOf(today);
    const byDate = p.spasticity;
    const reviewedAt = toDate(p.weeklyReviewAt);
    const newest = latestOf(toDate(p.lastCheckIn?.at), a?.lastAt);
    const lastReview = latestOf(reviewedAt, toDate(p.mdtReviewAt));
    const lastReviewedOn = lastReview ? localDate(p.timeZone, lastReview) : null;
    return {
      patientId: p.patientId,
      name: p.name,
      reason,
      urgent: a?.urgent ?? 0,
      warnings: a?.warnings ?? 0,
      info: a?.info ?? 0,
      planStatus: plan?.status ?? null,
      currentDailyMg: step ? step.dailyMg : (plan?.currentDailyMg ?? null),
      stepNumber: step ? step.index + 1 : null,
      stepCount: plan ? plan.steps.length : null,
      stepDay: step ? daysBetween(step.startDate, onDay) + 1 : null,
      stepDays: step ? step.days : null,
      stepEndsOn: step ? step.endDate : null,
      lastCheckIn: last,
      daysSinceCheckIn: daysSince,
      spasticity: window.map((date) => byDate?.[date] ?? null),
      hasIntrathecalPump: p.hasIntrathecalPump,
      decisionDue,
      reviewedAt,
      reviewed: Boolean(reviewedAt && (!newest || newest < reviewedAt)),
      lastReviewedOn,
      notReviewedForTwoWeeks: lastReviewedOn === null || daysBetween(lastReviewedOn, today) >= NOT_REVIEWED_DAYS,
    };
  });
  return rows.sort((x, y) => order[x.reason] - order[y.reason] || y.urgent - x.urgent || x.name.localeCompare(y.name));
}
