// Reads one patient's trends (plan, check-ins, red flags, reviews, criteria) in a fixed few indexed queries and shapes them for the viewer.
import 'server-only';
import { and, asc, eq, gte, isNotNull, lte } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '~/db';
import {
  alerts, checkIns, mdtMeetings, mdtPatientItems, stopGoCriteria, taperPlanVersions, weeklyReviews,
} from '~/db/schema';
import { scoreKeys, type ScoreKey } from '~/lib/checkins/types';
import { criteriaSchema } from '~/lib/criteria/types';
import { localDate } from '~/lib/dates';
import { addDays } from '~/lib/dates';
import { adherence, criteriaBands, daySeries, defaultMetrics, MAX_PAST_DAYS, rangeBounds, weeklyAverages, type Adherence, type Band, type DayPoint, type PlanVersionFacts, type TrendRange, type WeekSummary } from '~/lib/trends/series';
import { patientTimeZone } from '~/server/patients/clock';
import type { getTrendsInput } from '~/lib/trends/inputs';

export type GetTrendsInput = z.output<typeof getTrendsInput>;

export type Viewer = 'patient' | 'team';

/**
 * Something that happened on a day. The patient's markers carry only what is theirs to read: the kind and
 * date of a review, and an MDT meeting's shared summary; the team's add the review's decision and summary.
 */
export type Marker =
  | { kind: 'plan-change'; date: string; action: string; version: number }
  | { kind: 'red-flag'; date: string; codes: string[] }
  | { kind: 'weekly-review'; date: string; decision?: string; summary?: string }
  | { kind: 'mdt-review'; date: string; sharedSummary?: string; decisions?: string };

export interface Trends {
  viewer: Viewer;
  range: TrendRange;
  from: string;
  to: string;
  today: string;
  metrics: ScoreKey[];
  days: DayPoint[];
  weeks: WeekSummary[];
  adherence: Adherence;
  bands: Band[];
  markers: Marker[];
  hasPlan: boolean;
  hasCheckIns: boolean;
}

/**
 * Seven queries however long the record: the patient's time zone, their plan versions, then (in parallel)
 * check-ins, red-flag alerts, weekly reviews and finalised MDT items in the range, and the current criteria.
 */
export async function getTrends(db: DbOrTx, patientId: string, viewer: Viewer, input: Pick<GetTrendsInput, 'range' | 'metrics'>, now = new Date()): Promise<Trends> {
  const metrics = input.metrics ?? [...defaultMetrics];
  const tz = await patientTimeZone(db, patientId);
  const today = localDate(tz, now);

  const versionRows = await db
    .select({
      planId: taperPlanVersions.planId,
      version: taperPlanVersions.version,
      status: taperPlanVersions.status,
      action: taperPlanVersions.action,
      steps: taperPlanVersions.steps,
      createdAt: taperPlanVersions.createdAt,
    })
    .from(taperPlanVersions)
    .where(eq(taperPlanVersions.patientId, patientId))
    .orderBy(asc(taperPlanVersions.createdAt), asc(taperPlanVersions.version));
  // A patient never sees drafts: only what their care team has proposed to them.
  const visible = viewer === 'patient' ? versionRows.filter((v) => v.status !== 'draft') : versionRows;
  const versions: PlanVersionFacts[] = visible.map((v) => ({ ...v, effectiveFrom: localDate(tz, v.createdAt) }));

  // The whole taper needs its first check-in to know where it starts: read the bounded maximum, then trim.
  const readFrom = input.range === 'all' ? addDays(today, -MAX_PAST_DAYS) : rangeBounds(input.range, today, versions, null).from;
  const readTo = rangeBounds(input.range, today, versions, null).to;
  // Timestamps are read a day wider than the range and placed on the patient's calendar afterwards.
  const sinceInstant = new Date(`${addDays(readFrom, -1)}T00:00:00Z`);
  const currentPlanId = currentPlan(versions);

  const [checkInRows, flagRows, reviewRows, mdtRows, criteriaRows] = await Promise.all([
    db
      .select({
        localDate: checkIns.localDate,
        doses: checkIns.doses,
        redFlags: checkIns.redFlags,
        ...Object.fromEntries(scoreKeys.map((k) => [k, checkIns[k]])) as Record<ScoreKey, typeof checkIns.spasticity>,
      })
      .from(checkIns)
      .where(and(eq(checkIns.patientId, patientId), gte(checkIns.localDate, readFrom), lte(checkIns.localDate, readTo)))
      .orderBy(asc(checkIns.localDate)),
    db
      .select({ code: alerts.code, createdAt: alerts.createdAt, day: checkIns.localDate })
      .from(alerts)
      .leftJoin(checkIns, eq(checkIns.id, alerts.checkInId))
      .where(and(eq(alerts.patientId, patientId), gte(alerts.createdAt, sinceInstant), eq(alerts.kind, 'red-flag'))),
    db
      .select({ createdAt: weeklyReviews.createdAt, decision: weeklyReviews.decision, summary: weeklyReviews.summary })
      .from(weeklyReviews)
      .where(and(eq(weeklyReviews.patientId, patientId), gte(weeklyReviews.createdAt, sinceInstant))),
    db
      .select({ heldOn: mdtMeetings.heldOn, decisions: mdtPatientItems.decisions, sharedSummary: mdtPatientItems.sharedSummary })
      .from(mdtPatientItems)
      .innerJoin(mdtMeetings, eq(mdtMeetings.id, mdtPatientItems.meetingId))
      .where(and(eq(mdtPatientItems.patientId, patientId), isNotNull(mdtMeetings.finalisedAt), gte(mdtMeetings.heldOn, readFrom), lte(mdtMeetings.heldOn, readTo))),
    currentPlanId
      ? db.select({ criteria: stopGoCriteria.criteria }).from(stopGoCriteria).where(and(eq(stopGoCriteria.planId, currentPlanId), eq(stopGoCriteria.patientId, patientId)))
      : Promise.resolve([]),
  ]);

  const { from, to } = rangeBounds(input.range, today, versions, checkInRows[0]?.localDate ?? null);
  const inRange = (date: string) => from <= date && date <= to;
  const records = checkInRows.map((r) => ({ localDate: r.localDate, doses: r.doses, redFlags: r.redFlags, scores: Object.fromEntries(scoreKeys.map((k) => [k, r[k]])) }));
  const days = daySeries(from, to, versions, records, metrics);

  const markers: Marker[] = [];
  for (const v of versions) {
    if (inRange(v.effectiveFrom)) markers.push({ kind: 'plan-change', date: v.effectiveFrom, action: v.action, version: v.version });
  }
  // A reported red flag is both on the check-in and in an alert; pattern flags are only in alerts. One marker a day.
  const flagsByDay = new Map<string, Set<string>>();
  const addFlag = (date: string, code: string) => {
    if (!inRange(date)) return;
    const codes = flagsByDay.get(date) ?? new Set<string>();
    codes.add(code);
    flagsByDay.set(date, codes);
  };
  for (const r of records) for (const code of r.redFlags) addFlag(r.localDate, code);
  for (const a of flagRows) addFlag(a.day ?? localDate(tz, a.createdAt), a.code);
  for (const [date, codes] of flagsByDay) markers.push({ kind: 'red-flag', date, codes: [...codes].sort() });
  for (const r of reviewRows) {
    const date = localDate(tz, r.createdAt);
    if (!inRange(date)) continue;
    markers.push(viewer === 'team' ? { kind: 'weekly-review', date, decision: r.decision, summary: r.summary } : { kind: 'weekly-review', date });
  }
  for (const r of mdtRows) {
    const shared = r.sharedSummary.trim() === '' ? {} : { sharedSummary: r.sharedSummary };
    markers.push(viewer === 'team' ? { kind: 'mdt-review', date: r.heldOn, ...shared, decisions: r.decisions } : { kind: 'mdt-review', date: r.heldOn, ...shared });
  }
  markers.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  const parsed = criteriaSchema.safeParse(criteriaRows[0]?.criteria ?? []);
  const bands = parsed.success ? criteriaBands(parsed.data, metrics) : [];

  return {
    viewer,
    range: input.range,
    from,
    to,
    today,
    metrics,
    days,
    weeks: weeklyAverages(days, today, metrics),
    adherence: adherence(days, today),
    // The criteria's own wording is the team's; the patient sees the ranges their team watches.
    bands: viewer === 'team' ? bands : bands.map(({ team: _team, ...band }) => band),
    markers,
    hasPlan: days.some((d) => d.plannedMg !== null),
    hasCheckIns: days.some((d) => d.checkedIn),
  };
}

/** The plan whose criteria are drawn: the one in progress, else the latest (versions come oldest first). */
function currentPlan(versions: readonly PlanVersionFacts[]): string | null {
  const latestStatus = new Map<string, PlanVersionFacts['status']>();
  for (const v of versions) latestStatus.set(v.planId, v.status);
  const open = [...latestStatus].filter(([, s]) => s !== 'completed' && s !== 'stopped').map(([id]) => id);
  return open.at(-1) ?? versions.at(-1)?.planId ?? null;
}
