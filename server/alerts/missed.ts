// Missed check-ins: absence raises no event, so the "no check-in" criteria are evaluated by the worker's
// 'alert-sweep' job every five minutes (server/alerts/sweep.ts). Idempotent: one alert per gap.
// A plan is evaluated once per local day and basis (alert_evaluations): later sweeps that day skip it.
import 'server-only';
import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '~/db';
import { alertEvaluations, checkIns, stopGoCriteria, taperPlans, taperPlanVersions, users } from '~/db/schema';
import { raiseAlert } from '~/server/alerts/service';
import { alertSeverity, evaluateCriteria } from '~/lib/criteria/evaluate';
import type { CheckInFacts } from '~/lib/checkins/types';
import { criteriaSchema } from '~/lib/criteria/types';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/dates';
import { inPatientSet, isEmptySet, type PatientSet } from '~/server/patients/scope';

/** A check-in as the "no check-in" rules see it: only its day counts. */
function dayOnly(day: string): CheckInFacts {
  return { localDate: day, scores: {}, sleepHours: null, dosesPlanned: 0, dosesMissed: 0, redFlags: [], heartRate: null, systolic: null, diastolic: null };
}

/**
 * Plans evaluated together: a sweep of a whole clinic (18,000 running plans at the bench's scale 10) in one
 * go would send more parameters than PostgreSQL takes in one statement (65,535), and hold every patient's
 * month of check-ins at once.
 */
export const MISSED_CHECK_IN_BATCH = 1000;

/** Raises missed-check-in alerts for running plans (of the given patients), `batch` plans at a time. Returns how many. */
export async function raiseMissedCheckInAlerts(db: Db, patients: PatientSet, now = new Date(), batch = MISSED_CHECK_IN_BATCH): Promise<number> {
  if (isEmptySet(patients)) return 0;
  // The patient's day as PostgreSQL's zone database sees it, the same IANA zones Intl uses.
  const theirToday = sql<string>`(${now.toISOString()}::timestamptz at time zone ${users.timeZone})::date`;
  const basis = sql<string>`${taperPlans.version}::text || ':' || ${stopGoCriteria.version}::text`;
  const running = await db
    .select({
      planId: taperPlans.id,
      patientId: taperPlans.patientId,
      // Only the first day is read: the whole schedule is many times larger to fetch and decode.
      startDate: sql<string | null>`${taperPlanVersions.steps}->0->>'startDate'`,
      criteria: stopGoCriteria.criteria,
      timeZone: users.timeZone,
      basis,
    })
    .from(taperPlans)
    .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .innerJoin(stopGoCriteria, eq(stopGoCriteria.planId, taperPlans.id))
    .innerJoin(users, eq(users.id, taperPlans.patientId))
    .leftJoin(
      alertEvaluations,
      and(eq(alertEvaluations.patientId, taperPlans.patientId), eq(alertEvaluations.planId, taperPlans.id), eq(alertEvaluations.kind, 'missed-check-in')),
    )
    .where(
      and(
        eq(taperPlans.status, 'active'),
        inPatientSet(taperPlans.patientId, patients),
        // Evaluated already on their current day, on the same plan and criteria: nothing new can fire.
        or(isNull(alertEvaluations.planId), sql`${alertEvaluations.evaluatedOn} <> ${theirToday}`, sql`${alertEvaluations.basis} <> ${basis}`),
      ),
    );
  let raised = 0;
  for (let i = 0; i < running.length; i += batch) raised += await evaluatePlans(db, running.slice(i, i + batch), now);
  return raised;
}

interface RunningPlan { planId: string; patientId: string; startDate: string | null; criteria: unknown; timeZone: string; basis: string }

/** Evaluates one batch of running plans: raises what is due, then records that each was evaluated today. */
async function evaluatePlans(db: Db, plans: RunningPlan[], now: Date): Promise<number> {
  if (plans.length === 0) return 0;
  // Only the days matter: the rules read here are the "no check-in" ones, which ask whether a day has a check-in.
  const recent = await db
    .select({ patientId: checkIns.patientId, localDate: checkIns.localDate })
    .from(checkIns)
    .where(and(inArray(checkIns.patientId, plans.map((r) => r.patientId)), gte(checkIns.localDate, addDays(localDate('UTC', now), -30))));
  // Grouped once: filtering the whole window for each plan grows with the square of the patients.
  const recentBy = new Map<string, string[]>();
  for (const row of recent) {
    const list = recentBy.get(row.patientId);
    if (list) list.push(row.localDate);
    else recentBy.set(row.patientId, [row.localDate]);
  }
  let raised = 0;
  for (const plan of plans) {
    const today = localDate(plan.timeZone, now);
    const start = plan.startDate;
    const parsed = criteriaSchema.safeParse(plan.criteria);
    if (!start || start > today || !parsed.success) continue;
    const rules = parsed.data.filter((c) => c.metric.kind === 'noCheckIn');
    if (rules.length === 0) continue;
    // Days before the taper started are not "missed".
    const facts = (recentBy.get(plan.patientId) ?? []).filter((day) => day <= today).map(dayOnly);
    const lastCheckIn = facts.map((f) => f.localDate).sort().at(-1) ?? null;
    for (const fired of evaluateCriteria(rules, facts, today, {})) {
      if (fired.matched.some((m) => m.date < start)) continue;
      const severity = alertSeverity(fired.action);
      if (!severity) continue;
      await db.transaction(async (tx) => {
        // One alert per gap: the key names the last check-in before it.
        const id = await raiseAlert(tx, null, plan.patientId, {
          kind: 'missed-check-in', severity, code: fired.criterionId, evidence: { ...fired, lastCheckIn }, dedupeKey: `missed:${fired.criterionId}:${lastCheckIn ?? 'never'}`,
        });
        if (id) raised++;
      });
    }
  }
  // Written after the alerts: a pass cut short is evaluated again by the next sweep (the alerts are idempotent).
  await db
    .insert(alertEvaluations)
    .values(plans.map((plan) => ({ patientId: plan.patientId, planId: plan.planId, kind: 'missed-check-in', evaluatedOn: localDate(plan.timeZone, now), basis: plan.basis, evaluatedAt: now })))
    .onConflictDoUpdate({
      target: [alertEvaluations.patientId, alertEvaluations.planId, alertEvaluations.kind],
      set: { evaluatedOn: sql`excluded.evaluated_on`, basis: sql`excluded.basis`, evaluatedAt: sql`excluded.evaluated_at` },
    });
  return raised;
}
