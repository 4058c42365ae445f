// Weekly reviews: a patient's last 7 local days at a glance for the care team, and the review a clinician records.
import 'server-only';
import { and, asc, desc, eq, gte, inArray, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { alerts, checkIns, taperPlans, taperPlanVersions, users, weeklyReviews } from '~/db/schema';
import { writeAudit, type Actor } from '~/server/audit';
import { redFlagRank } from '~/lib/checkins/red-flags';
import { scoreKeys, scoreScale, type ScoreKey } from '~/lib/checkins/types';
import { getStepRecommendation } from '~/server/decisions/service';
import { AppError } from '~/server/errors';
import { em } from '~/i18n/errors';
import { localDate } from '~/lib/dates';
import { addDays, daysBetween, stepIndexOn } from '~/lib/taper';
import { patientTimeZone } from '~/server/patients/clock';
import type { recordWeeklyReviewInput } from '~/lib/reviews/inputs';

export const REVIEW_DAYS = 7;
/** The next review is booked within this many days: a weekly review that is never due again is no review. */
export const MAX_NEXT_REVIEW_DAYS = 56;

export type Trend = 'better' | 'worse' | 'steady';

export interface ReviewDay {
  date: string;
  checkedIn: boolean;
  /** The plan's daily dose for the day (null when no taper was running). */
  plannedMg: number | null;
  /** What the check-in says was taken (null without a check-in or without any dose recorded in it). */
  takenMg: number | null;
  dosesPlanned: number;
  dosesMissed: number;
  scores: Record<ScoreKey, number | null>;
  sleepHours: number | null;
  /** The red flags of the day: questions answered yes, and the vital-sign and pattern flags its check-in raised, in their fixed order. */
  redFlags: string[];
}

export interface ScoreTrend {
  key: ScoreKey;
  /** Means over the days with a value, rounded to one decimal; null without any. */
  mean: number | null;
  previousMean: number | null;
  trend: Trend | null;
}

export interface ReviewAlert {
  id: string;
  kind: string;
  severity: string;
  code: string;
  date: string;
  acknowledged: boolean;
  label: string | null;
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const mean = (values: number[]) => (values.length ? round1(values.reduce((a, b) => a + b, 0) / values.length) : null);

/**
 * Which way a score moved from the week before, in the score's own sense (sleep and mood up is better,
 * pain up is worse). A change under a tenth of the scale is called steady: the page marks movement, it
 * does not interpret it.
 */
export function trendOf(key: ScoreKey, current: number | null, previous: number | null): Trend | null {
  if (current === null || previous === null) return null;
  const change = current - previous;
  if (Math.abs(change) < scoreScale[key].max / 10) return 'steady';
  const up = change > 0;
  return up === (scoreScale[key].higherIs === 'better') ? 'better' : 'worse';
}


/** The last 7 local days of the patient (today included), with the week before for trends. */
export async function getWeeklyReviewData(db: DbOrTx, patientId: string, now = new Date()) {
  const timeZone = await patientTimeZone(db, patientId);
  const today = localDate(timeZone, now);
  const periodStart = addDays(today, -(REVIEW_DAYS - 1));
  const previousStart = addDays(periodStart, -REVIEW_DAYS);

  const [rows, [plan], alertRows, recommendation, [lastReview]] = await Promise.all([
    db
      .select()
      .from(checkIns)
      .where(and(eq(checkIns.patientId, patientId), gte(checkIns.localDate, previousStart), lte(checkIns.localDate, today)))
      .orderBy(asc(checkIns.localDate)),
    db
      .select({ status: taperPlans.status, pausedOn: taperPlans.pausedOn, steps: taperPlanVersions.steps })
      .from(taperPlans)
      .innerJoin(taperPlanVersions, and(eq(taperPlanVersions.planId, taperPlans.id), eq(taperPlanVersions.version, taperPlans.version)))
      .where(and(eq(taperPlans.patientId, patientId), inArray(taperPlans.status, ['active', 'paused'])))
      .limit(1),
    // A day either side of the period in UTC: each alert is then placed on the patient's local day below.
    db
      .select({
        id: alerts.id, kind: alerts.kind, severity: alerts.severity, code: alerts.code, evidence: alerts.evidence, createdAt: alerts.createdAt,
        acknowledgedAt: alerts.acknowledgedAt, checkInDate: checkIns.localDate,
      })
      .from(alerts)
      .leftJoin(checkIns, eq(checkIns.id, alerts.checkInId))
      .where(and(eq(alerts.patientId, patientId), gte(alerts.createdAt, new Date(now.getTime() - (REVIEW_DAYS + 1) * 86_400_000))))
      .orderBy(asc(alerts.createdAt)),
    getStepRecommendation(db, patientId, now),
    db
      .select({ createdAt: weeklyReviews.createdAt, nextReviewOn: weeklyReviews.nextReviewOn })
      .from(weeklyReviews)
      .where(eq(weeklyReviews.patientId, patientId))
      .orderBy(desc(weeklyReviews.createdAt))
      .limit(1),
  ]);

  const byDate = new Map(rows.map((r) => [r.localDate, r]));
  // Vital signs and patterns are red flags too, known only from the alerts their check-in raised.
  const raisedOn = new Map<string, string[]>();
  for (const a of alertRows) {
    if (a.kind !== 'red-flag' || !a.checkInDate) continue;
    raisedOn.set(a.checkInDate, [...(raisedOn.get(a.checkInDate) ?? []), a.code]);
  }
  const days: ReviewDay[] = Array.from({ length: REVIEW_DAYS }, (_, i) => {
    const date = addDays(periodStart, i);
    const row = byDate.get(date);
    let plannedMg: number | null = null;
    const first = plan?.steps[0];
    if (plan && first && date >= first.startDate) {
      // While paused, the patient holds the step they paused on.
      const on = plan.status === 'paused' && plan.pausedOn && date >= plan.pausedOn ? plan.pausedOn : date;
      plannedMg = plan.steps[stepIndexOn(plan.steps, on)]?.dailyMg ?? null;
    }
    const scores = Object.fromEntries(scoreKeys.map((k) => [k, row ? row[k] : null])) as Record<ScoreKey, number | null>;
    const taken = row?.doses.map((d) => d.takenMg).filter((mg): mg is number => mg !== null) ?? [];
    return {
      date,
      checkedIn: Boolean(row),
      plannedMg,
      // No doses recorded (an older or partial check-in) is not the same as none taken.
      takenMg: row && row.doses.length > 0 ? round1(taken.reduce((a, b) => a + b, 0)) : null,
      dosesPlanned: row ? row.doses.filter((d) => d.plannedMg !== null).length : 0,
      dosesMissed: row ? row.doses.filter((d) => d.status === 'missed').length : 0,
      scores,
      sleepHours: row?.sleepHours ?? null,
      redFlags: [...new Set([...(row?.redFlags ?? []), ...(raisedOn.get(date) ?? [])])].sort((a, b) => redFlagRank(a) - redFlagRank(b)),
    };
  });

  const previous = rows.filter((r) => r.localDate < periodStart);
  const current = rows.filter((r) => r.localDate >= periodStart);
  const trends: ScoreTrend[] = scoreKeys.map((key) => {
    const m = mean(current.map((r) => r[key]).filter((v): v is number => v !== null));
    const p = mean(previous.map((r) => r[key]).filter((v): v is number => v !== null));
    return { key, mean: m, previousMean: p, trend: trendOf(key, m, p) };
  });

  const periodAlerts: ReviewAlert[] = alertRows
    .map((a) => ({ ...a, date: a.checkInDate ?? localDate(timeZone, a.createdAt) }))
    .filter((a) => a.date >= periodStart && a.date <= today)
    .map((a) => {
      const evidence = a.evidence as { label?: unknown } | null;
      return {
        id: a.id,
        kind: a.kind,
        severity: a.severity,
        code: a.code,
        date: a.date,
        acknowledged: a.acknowledgedAt !== null,
        label: a.kind === 'criterion' && typeof evidence?.label === 'string' ? evidence.label : null,
      };
    });

  return {
    periodStart,
    periodEnd: today,
    today,
    days,
    trends,
    checkInCount: current.length,
    redFlagDays: days.filter((d) => d.redFlags.length > 0).map((d) => ({ date: d.date, redFlags: d.redFlags })),
    alerts: periodAlerts,
    criteriaFired: periodAlerts.filter((a) => a.kind === 'criterion'),
    recommendation: recommendation
      ? {
          recommendation: recommendation.recommendation,
          because: recommendation.because,
          safety: recommendation.safety,
          due: recommendation.due,
          step: recommendation.step,
          daysLeft: recommendation.daysLeft,
        }
      : null,
    lastReviewedAt: lastReview?.createdAt ?? null,
    lastNextReviewOn: lastReview?.nextReviewOn ?? null,
  };
}

export type WeeklyReviewData = Awaited<ReturnType<typeof getWeeklyReviewData>>;

/**
 * Records the review with what the page showed at that moment (recomputed here, not taken from the browser).
 * The reviewer is on the patient's care team (the tier proved it) and reviews in their discipline there.
 */
export async function recordWeeklyReview(db: Db, reviewer: Actor & { discipline: string }, input: z.output<typeof recordWeeklyReviewInput>, now = new Date()) {
  const { discipline, ...actor } = reviewer;
  return db.transaction(async (tx) => {
    const data = await getWeeklyReviewData(tx, input.patientId, now);
    const ahead = daysBetween(data.today, input.nextReviewOn);
    if (ahead < 1 || ahead > MAX_NEXT_REVIEW_DAYS) {
      const message = ahead < 1 ? 'reviews.nextReviewAfterToday' : em('reviews.nextReviewWithinWeeks', { weeks: MAX_NEXT_REVIEW_DAYS / 7 });
      throw new AppError('BAD_REQUEST', message, { nextReviewOn: [message] });
    }
    const { lastReviewedAt: _l, lastNextReviewOn: _n, ...snapshot } = data;
    const [row] = await tx
      .insert(weeklyReviews)
      .values({
        patientId: input.patientId,
        reviewerId: actor.id,
        reviewerDiscipline: discipline as (typeof weeklyReviews.$inferInsert)['reviewerDiscipline'],
        periodStart: data.periodStart,
        periodEnd: data.periodEnd,
        summary: input.summary,
        decision: input.decision,
        nextReviewOn: input.nextReviewOn,
        snapshot,
        createdAt: now,
      })
      .returning({ id: weeklyReviews.id, createdAt: weeklyReviews.createdAt });
    if (!row) throw new AppError('UNAVAILABLE', 'reviews.reviewNotSaved');
    await writeAudit(tx, actor, {
      action: 'weekly_review.record',
      entityType: 'weekly_review',
      entityId: row.id,
      patientId: input.patientId,
      after: { decision: input.decision, nextReviewOn: input.nextReviewOn, periodStart: data.periodStart, periodEnd: data.periodEnd },
    });
    return { id: row.id, createdAt: row.createdAt };
  });
}

/** The patient's weekly reviews, newest first (without the stored snapshots, which the page does not list). */
export async function listWeeklyReviews(db: DbOrTx, patientId: string) {
  return db
    .select({
      id: weeklyReviews.id,
      reviewerName: users.name,
      reviewerDiscipline: weeklyReviews.reviewerDiscipline,
      periodStart: weeklyReviews.periodStart,
      periodEnd: weeklyReviews.periodEnd,
      summary: weeklyReviews.summary,
      decision: weeklyReviews.decision,
      nextReviewOn: weeklyReviews.nextReviewOn,
      createdAt: weeklyReviews.createdAt,
    })
    .from(weeklyReviews)
    .innerJoin(users, eq(users.id, weeklyReviews.reviewerId))
    .where(eq(weeklyReviews.patientId, patientId))
    .orderBy(desc(weeklyReviews.createdAt))
    .limit(100);
}
