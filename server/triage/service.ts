// The clinician's triage list: every patient on their care teams, most urgent first, built from a fixed
// few indexed queries however many patients there are (no query per row).
import { and, eq, gte, inArray, isNotNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import {
  alerts, careTeamMembers, checkIns, mdtMeetings, mdtPatientItems, patientProfiles, stepDecisions, taperPlans, taperPlanVersions, users, weeklyReviews,
} from '~/db/schema';
import { inPatientSet } from '~/server/patients/scope';
import { localDate } from '~/server/plans/service';
import { addDays, daysBetween, stepIndexOn } from '~/server/taper';

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

export async function triageList(db: DbOrTx, clinicianId: string, now = new Date()): Promise<TriageRow[]> {
  const patients = await db
    .select({ patientId: users.id, name: users.name, timeZone: users.timeZone, hasIntrathecalPump: patientProfiles.hasIntrathecalPump })
    .from(careTeamMembers)
    .innerJoin(users, eq(users.id, careTeamMembers.patientId))
    .innerJoin(patientProfiles, eq(patientProfiles.patientId, careTeamMembers.patientId))
    .where(eq(careTeamMembers.clinicianId, clinicianId));
  if (patients.length === 0) return [];
  // Each read below covers the same care teams, by subquery rather than a list of 200 ids.
  const mine = { careTeamOf: clinicianId };
  // The earliest "today" of any patient bounds the 14-day window; each row then uses its own date.
  const earliest = patients.map((p) => localDate(p.timeZone, now)).sort()[0] ?? localDate('UTC', now);

  const [alertFacts, lastCheckIns, recent, plans, decided, reviews] = await Promise.all([
    db
      .select({
        patientId: alerts.patientId,
        urgent: sql<number>`count(*) filter (where ${alerts.severity} = 'urgent' and ${alerts.acknowledgedAt} is null)`.mapWith(Number),
        warnings: sql<number>`count(*) filter (where ${alerts.severity} = 'warning' and ${alerts.acknowledgedAt} is null)`.mapWith(Number),
        info: sql<number>`count(*) filter (where ${alerts.severity} = 'info' and ${alerts.acknowledgedAt} is null)`.mapWith(Number),
        // Any alert, open or not, is new data since a review.
        lastAt: sql<Date | null>`max(${alerts.createdAt})`.mapWith(toDate),
      })
      .from(alerts)
      .where(inPatientSet(alerts.patientId, mine))
      .groupBy(alerts.patientId),
    // One index probe per patient for the latest day; a max() over the IN list read every check-in they ever sent.
    // (Drizzle leaves columns unqualified in a one-table select, so the correlation is spelled out.)
    db
      .select({
        patientId: careTeamMembers.patientId,
        last: sql<string | null>`(select max(c.local_date) from ${checkIns} c where c.patient_id = ${careTeamMembers}.patient_id)`,
        // updated_at moves with a same-day correction: a corrected check-in is new data too. Only today's check-in can be
        // corrected, so the latest day's row holds the latest change.
        lastAt: sql<Date | null>`(select c.updated_at from ${checkIns} c where c.patient_id = ${careTeamMembers}.patient_id order by c.local_date desc limit 1)`.mapWith(toDate),
      })
      .from(careTeamMembers)
      .where(eq(careTeamMembers.clinicianId, clinicianId)),
    db
      // One row per patient with its days as a JSON object: 200 rows to decode instead of 2,800.
      .select({ patientId: checkIns.patientId, byDate: sql<Record<string, number | null>>`json_object_agg(${checkIns.localDate}, ${checkIns.spasticity})` })
      .from(checkIns)
      .where(and(inPatientSet(checkIns.patientId, mine), gte(checkIns.localDate, addDays(earliest, -14))))
      .groupBy(checkIns.patientId),
    db
      .select({
        planId: taperPlans.id,
        patientId: taperPlans.patientId,
        status: taperPlans.status,
        pausedOn: taperPlans.pausedOn,
        // Each step without its doses and tablets (a generated column): whole plans for 200 patients were most
        // of a triage read's time, spent decoding JSON the list never shows, and building it per read the rest.
        steps: taperPlanVersions.stepSummary,
        currentDailyMg: sql<number>`(${taperPlanVersions.input}->>'currentDailyMg')::float8`.mapWith(Number),
      })
      .from(taperPlans)
      .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
      .where(and(inPatientSet(taperPlans.patientId, mine), inArray(taperPlans.status, ['draft', 'proposed', 'agreed', 'active', 'paused']))),
    // The decisions on the running plans, however old the step: a last step can end long before anyone decides.
    db
      .select({ planId: stepDecisions.planId, stepIndex: stepDecisions.stepIndex, stepEndDate: stepDecisions.stepEndDate })
      .from(stepDecisions)
      .innerJoin(taperPlans, eq(taperPlans.id, stepDecisions.planId))
      .where(and(inPatientSet(stepDecisions.patientId, mine), eq(taperPlans.status, 'active'))),
    // The latest weekly review and the latest finalised MDT review of each patient, in one query.
    db
      .select({ patientId: weeklyReviews.patientId, kind: sql<string>`'weekly'`, at: sql<Date | null>`max(${weeklyReviews.createdAt})`.mapWith(toDate) })
      .from(weeklyReviews)
      .where(inPatientSet(weeklyReviews.patientId, mine))
      .groupBy(weeklyReviews.patientId)
      .unionAll(
        db
          .select({ patientId: mdtPatientItems.patientId, kind: sql<string>`'mdt'`, at: sql<Date | null>`max(${mdtMeetings.finalisedAt})`.mapWith(toDate) })
          .from(mdtPatientItems)
          .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtPatientItems.meetingId))
          .where(and(inPatientSet(mdtPatientItems.patientId, mine), isNotNull(mdtMeetings.finalisedAt)))
          .groupBy(mdtPatientItems.patientId),
      ),
  ]);
  const decidedSteps = new Set(decided.map((d) => `${d.planId}:${d.stepIndex}:${d.stepEndDate}`));

  const alertsBy = new Map(alertFacts.map((a) => [a.patientId, a]));
  const lastBy = new Map(lastCheckIns.flatMap((c) => (c.last ? [[c.patientId, c.last] as const] : [])));
  const lastCheckInAtBy = new Map(lastCheckIns.map((c) => [c.patientId, c.lastAt]));
  const weeklyBy = new Map<string, Date>();
  const reviewedBy = new Map<string, Date>();
  for (const r of reviews) {
    if (!r.at) continue;
    if (r.kind === 'weekly') weeklyBy.set(r.patientId, r.at);
    const seen = reviewedBy.get(r.patientId);
    if (!seen || seen < r.at) reviewedBy.set(r.patientId, r.at);
  }
  const planBy = new Map(plans.map((p) => [p.patientId, p]));
  const recentBy = new Map(recent.map((r) => [r.patientId, r.byDate]));

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
    const a = alertsBy.get(p.patientId);
    const plan = planBy.get(p.patientId);
    const last = lastBy.get(p.patientId) ?? null;
    const running = plan && (plan.status === 'active' || plan.status === 'paused') && plan.steps.length > 0 && (plan.steps[0]?.startDate ?? today) <= today;
    // A paused patient holds the step they paused on, and its count of days stands still while paused.
    const onDay = plan?.status === 'paused' && plan.pausedOn ? plan.pausedOn : today;
    const index = running && plan ? stepIndexOn(plan.steps, onDay) : null;
    const step = plan && index !== null ? plan.steps[index] : undefined;
    const daysSince = last ? daysBetween(last, today) : null;
    // A decision is due in the last two days of a running step (or after it, if nobody moved on).
    const decisionDue = Boolean(
      step && plan?.status === 'active' && daysBetween(today, step.endDate) <= 1 && !decidedSteps.has(`${plan.planId}:${step.index}:${step.endDate}`),
    );
    const missed = Boolean(running && (daysSince === null || daysSince >= 2));
    const reason: TriageReason = (a?.urgent ?? 0) > 0 ? 'urgent' : decisionDue ? 'decision-due' : (a?.warnings ?? 0) > 0 ? 'warning' : missed || (a?.info ?? 0) > 0 ? 'missed-check-in' : 'none';
    const window = windowOf(today);
    const byDate = recentBy.get(p.patientId);
    const reviewedAt = weeklyBy.get(p.patientId) ?? null;
    const newest = [lastCheckInAtBy.get(p.patientId), a?.lastAt].filter((d): d is Date => d instanceof Date).sort((x, y) => y.getTime() - x.getTime())[0];
    const lastReview = reviewedBy.get(p.patientId);
    const lastReviewedOn = lastReview ? localDate(p.timeZone, lastReview) : null;
    return {
      patientId: p.patientId,
      name: p.name,
      reason,
      urgent: a?.urgent ?? 0,
      warnings: a?.warnings ?? 0,
      info: a?.info ?? 0,
      planStatus: plan?.status ?? null,
      currentDailyMg: step ? step.dailyMg : plan ? plan.currentDailyMg : null,
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
