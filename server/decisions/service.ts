// Step-end decisions: the criteria recommend (go, hold, slow, step back) with their evidence; a clinician
// decides, and the decision applies the matching plan adjustment as a new plan version.
import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { alerts, checkIns, stepDecisions, stopGoCriteria, taperPlans, taperPlanVersions, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { redFlagRank } from '~/lib/checkins/red-flags';
import { baselineFor, factsOf } from '~/server/checkins/service';
import { evaluateCriteria, recommend } from '~/lib/criteria/evaluate';
import { criteriaSchema, firedSchema, type Fired, type StepRedFlag } from '~/lib/criteria/types';
import { AppError, requireRow } from '~/server/errors';
import { localDate } from '~/lib/dates';
import { isDecisionDue } from '~/lib/decisions/due';
import { extendPlan, pausePlan, slowPlan, stepBackPlan, type PlanActor } from '~/server/plans/service';
import { addDays, daysBetween, stepIndexOn } from '~/lib/taper';
import type { recordDecisionInput } from '~/lib/decisions/inputs';

async function activePlan(db: DbOrTx, patientId: string) {
  const [row] = await db
    .select({ planId: taperPlans.id, version: taperPlans.version, status: taperPlans.status, steps: taperPlanVersions.steps, input: taperPlanVersions.input, timeZone: users.timeZone })
    .from(taperPlans)
    .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
    .innerJoin(users, eq(users.id, taperPlans.patientId))
    .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['active'])))
    .limit(1);
  return row;
}

/**
 * What happened during the step that rules out 'go': the red-flag alerts and the urgent criterion alerts
 * raised by check-ins dated from the step's first day to today, oldest first. Acknowledged alerts count
 * too: a red flag the team has seen is still a red flag in this step. One query, on the patient's indexes.
 */
async function stepSafetyAlerts(db: DbOrTx, patientId: string, from: string, to: string) {
  const rows = await db
    .select({ kind: alerts.kind, code: alerts.code, evidence: alerts.evidence, date: checkIns.localDate })
    .from(alerts)
    .innerJoin(checkIns, eq(checkIns.id, alerts.checkInId))
    .where(
      and(
        eq(alerts.patientId, patientId),
        or(eq(alerts.kind, 'red-flag'), and(eq(alerts.kind, 'criterion'), eq(alerts.severity, 'urgent'))),
        eq(checkIns.patientId, patientId),
        gte(checkIns.localDate, from),
        lte(checkIns.localDate, to),
      ),
    )
    .orderBy(asc(checkIns.localDate), asc(alerts.createdAt));
  const redFlags: StepRedFlag[] = [];
  const urgent: Fired[] = [];
  for (const row of rows) {
    if (row.kind === 'red-flag') {
      redFlags.push({ code: row.code, date: row.date });
      continue;
    }
    // An urgent criterion alert whose stored evidence cannot be read still counts, with what is known.
    const parsed = firedSchema.safeParse(row.evidence);
    urgent.push(
      parsed.success
        ? { ...parsed.data, action: 'urgent' }
        : { criterionId: row.code, label: row.code, action: 'urgent', windowStart: row.date, windowEnd: row.date, matched: [] },
    );
  }
  // Flags raised together share a timestamp: within a day they go in the order the rules list them.
  redFlags.sort((a, b) => (a.date === b.date ? redFlagRank(a.code) - redFlagRank(b.code) : a.date < b.date ? -1 : 1));
  return { redFlags, urgent };
}

/** The recommendation for the running step, whether a decision is due, and the decision already taken. */
export async function getStepRecommendation(db: DbOrTx, patientId: string, now = new Date()) {
  const plan = await activePlan(db, patientId);
  if (!plan) return null;
  const today = localDate(plan.timeZone, now);
  const index = stepIndexOn(plan.steps, today);
  const step = plan.steps[index];
  if (!step || today < step.startDate) return null;
  const [criteriaRow] = await db.select().from(stopGoCriteria).where(eq(stopGoCriteria.planId, plan.planId));
  const criteria = criteriaSchema.safeParse(criteriaRow?.criteria ?? []);
  const rows = await db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.patientId, patientId), gte(checkIns.localDate, addDays(today, -28)), lte(checkIns.localDate, today)))
    .orderBy(asc(checkIns.localDate));
  const baseline = await baselineFor(db, patientId, plan.steps[0]?.startDate);
  const firedNow = criteria.success ? evaluateCriteria(criteria.data, rows.map(factsOf), today, baseline) : [];
  const safety = await stepSafetyAlerts(db, patientId, step.startDate, today);
  // An urgent criterion that fired earlier in the step (its alert) counts even when its window has moved
  // on since. Each is given once: with today's evidence when it still fires, else with its latest alert's.
  const urgentToday = new Set(firedNow.filter((f) => f.action === 'urgent').map((f) => f.criterionId));
  const urgentEarlier = new Map<string, Fired>();
  for (const u of safety.urgent) if (!urgentToday.has(u.criterionId)) urgentEarlier.set(u.criterionId, u);
  const fired = [...firedNow, ...urgentEarlier.values()];
  const [decided] = await db
    .select({ decision: stepDecisions.decision, reason: stepDecisions.reason, at: stepDecisions.createdAt, by: users.name, stepEndDate: stepDecisions.stepEndDate })
    .from(stepDecisions)
    .innerJoin(users, eq(users.id, stepDecisions.decidedBy))
    // The latest decision on this step, even when it moved the step's end (a hold): it is shown, and a
    // new decision is due only near the step's current end.
    .where(and(eq(stepDecisions.planId, plan.planId), eq(stepDecisions.stepIndex, step.index)))
    .orderBy(desc(stepDecisions.createdAt))
    .limit(1);
  return {
    planId: plan.planId,
    planVersion: plan.version,
    step: { index: step.index, startDate: step.startDate, endDate: step.endDate, dailyMg: step.dailyMg },
    daysLeft: daysBetween(today, step.endDate),
    due: isDecisionDue(today, step.endDate, decided?.stepEndDate === step.endDate),
    ...recommend(fired, { redFlags: safety.redFlags }),
    decided: decided ? { decision: decided.decision, reason: decided.reason, at: decided.at, by: decided.by } : null,
  };
}

/**
 * Records the decision and applies it: advance leaves the plan as it is; hold extends the step; slow,
 * step back and pause make the matching new plan version (with the version check). The plan change and
 * the decision are one transaction (the plan service's own transaction runs inside it as a savepoint):
 * a plan is never adjusted without the decision that explains it, nor a decision kept for a change that failed.
 */
export async function recordDecision(db: Db, actor: PlanActor, input: z.output<typeof recordDecisionInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    // Lock the plan first, so the recommendation and the version check below see the plan as it is saved.
    await tx.select({ id: taperPlans.id }).from(taperPlans).where(and(eq(taperPlans.id, input.planId), eq(taperPlans.patientId, input.patientId))).for('update');
    const rec = await getStepRecommendation(tx, input.patientId, now);
    if (!rec || rec.planId !== input.planId) throw new AppError('BAD_REQUEST', 'decisions.noRunningStep');
    const ref = { patientId: input.patientId, planId: input.planId, expectedVersion: input.expectedVersion, reason: input.reason, aboveCapReason: input.aboveCapReason || undefined };
    let version = input.expectedVersion;
    if (input.decision === 'hold') {
      // A hold adds the plan's usual step length unless the clinician says otherwise.
      const days = input.days ?? (await activePlan(tx, input.patientId))?.input.stepDays ?? 14;
      version = (await extendPlan(tx, actor, { ...ref, days }, now)).version;
    } else if (input.decision === 'slow') version = (await slowPlan(tx, actor, { ...ref, percent: input.percent }, now)).version;
    else if (input.decision === 'step-back') version = (await stepBackPlan(tx, actor, { ...ref, slowPercent: input.percent }, now)).version;
    else if (input.decision === 'pause') version = (await pausePlan(tx, actor, ref, now)).version;
    else if (rec.planVersion !== input.expectedVersion) {
      throw new AppError('CONFLICT', 'decisions.stale', undefined, { latestVersion: rec.planVersion });
    }
    const [inserted] = await tx
      .insert(stepDecisions)
      .values({
        planId: input.planId,
        patientId: input.patientId,
        stepIndex: rec.step.index,
        stepEndDate: rec.step.endDate,
        recommendation: rec.recommendation,
        // What the recommendation rested on: the step criteria, and the red flags and urgent criteria of the step.
        evidence: { because: rec.because, safety: rec.safety },
        decision: input.decision,
        reason: input.reason,
        planVersion: version,
        decidedBy: actor.id,
      })
      .returning({ id: stepDecisions.id });
    const row = requireRow(inserted);
    await writeAudit(tx, actor, { action: 'decision.record', entityType: 'step_decision', entityId: row.id, patientId: input.patientId, after: { decision: input.decision, recommendation: rec.recommendation, planVersion: version } });
    return { decision: input.decision, planVersion: version };
  });
}
