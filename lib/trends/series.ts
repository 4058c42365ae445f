// Trends as pure functions: the day-by-day series of planned and taken dose and scores, adherence, weekly averages and criteria bands.
import type { ScoreKey } from '../checkins/types';
import { scoreScale } from '../checkins/types';
import type { Comparator, Criterion, CriterionAction } from '../criteria/types';
import { addDays, daysBetween } from '~/lib/dates';
import type { TaperStep } from '../taper/types';

export const trendRanges = ['2w', '3m', 'all'] as const;
export type TrendRange = (typeof trendRanges)[number];

/** Days shown for the fixed ranges: two weeks, and 13 whole weeks for three months (so weeks divide it evenly). */
export const RANGE_DAYS: Record<Exclude<TrendRange, 'all'>, number> = { '2w': 14, '3m': 91 };
/** The whole taper is still bounded, so one response stays small however long the record grows. */
export const MAX_PAST_DAYS = 3 * 366;
export const MAX_FUTURE_DAYS = 2 * 366;

export const defaultMetrics: readonly ScoreKey[] = ['spasticity', 'sleepQuality'];

/** One stored plan version, reduced to what decides the planned dose. */
export interface PlanVersionFacts {
  planId: string;
  version: number;
  status: 'draft' | 'proposed' | 'agreed' | 'active' | 'paused' | 'completed' | 'stopped';
  action: string;
  /** The patient's local date the version was saved on: adjustments apply from that day. */
  effectiveFrom: string;
  steps: readonly TaperStep[];
}

/** One dose line of a check-in (the shape stored in check_ins.doses). */
export interface DoseRecord {
  takenMg: number | null;
  status: 'taken' | 'changed' | 'missed';
}

export interface CheckInRecord {
  localDate: string;
  doses: readonly DoseRecord[];
  scores: Partial<Record<ScoreKey, number | null>>;
  redFlags: readonly string[];
}

export interface DayPoint {
  date: string;
  /** The daily dose of the plan in force that day; null when no taper was running. */
  plannedMg: number | null;
  plannedDoses: number;
  /** The sum of the doses recorded as taken; null when the day has no doses recorded. */
  takenMg: number | null;
  checkedIn: boolean;
  dosesTaken: number;
  dosesMissed: number;
  scores: Partial<Record<ScoreKey, number>>;
  redFlags: string[];
}

const running = (v: PlanVersionFacts) => v.status === 'active' || v.status === 'paused';
const ended = (v: PlanVersionFacts) => v.status === 'completed' || v.status === 'stopped';

/**
 * The versions that say what the patient was meant to take, oldest first: running versions, and the
 * completion or stop of a plan that ran (a draft stopped before it ever ran says nothing about doses).
 */
export function scheduleVersions(versions: readonly PlanVersionFacts[]): PlanVersionFacts[] {
  const ran = new Set(versions.filter(running).map((v) => v.planId));
  return versions.filter((v) => running(v) || (ended(v) && ran.has(v.planId)));
}

/**
 * The version in force on a day: the last one saved on or before it. Days before the first was saved
 * follow the first running version, whose steps carry their own dates (a plan entered after it began).
 */
export function versionInForce(schedule: readonly PlanVersionFacts[], day: string): PlanVersionFacts | null {
  let found: PlanVersionFacts | null = null;
  for (const v of schedule) if (v.effectiveFrom <= day) found = v;
  if (found) return found;
  const first = schedule[0];
  return first && running(first) ? first : null;
}

function stepOn(steps: readonly TaperStep[], day: string): TaperStep | null {
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || !last || day < first.startDate) return null;
  // After the last step the patient stays on its dose (the target), as the check-in page assumes.
  return steps.find((s) => s.startDate <= day && day <= s.endDate) ?? last;
}

/** The day a paused version's pause began: a step edited while paused does not move the pause. */
function pausedSince(schedule: readonly PlanVersionFacts[], v: PlanVersionFacts): string {
  let since = v.effectiveFrom;
  for (let i = schedule.indexOf(v) - 1; i >= 0; i--) {
    const earlier = schedule[i];
    if (!earlier || earlier.planId !== v.planId || earlier.status !== 'paused') break;
    since = earlier.effectiveFrom;
  }
  return since;
}

/** What the plan in force asked for on a day. A paused plan holds the step it paused on. */
export function plannedOn(schedule: readonly PlanVersionFacts[], day: string): { mg: number; doses: number } | null {
  const v = versionInForce(schedule, day);
  if (!v || ended(v)) return null;
  const held = v.status === 'paused' ? pausedSince(schedule, v) : day;
  const step = stepOn(v.steps, held < day ? held : day);
  return step ? { mg: step.dailyMg, doses: step.doses.length } : null;
}

/** The day's taken dose: the sum of what was recorded (missed doses count 0); unknown when nothing was recorded. */
export function takenOf(doses: readonly DoseRecord[]): { takenMg: number | null; taken: number; missed: number } {
  if (doses.length === 0) return { takenMg: null, taken: 0, missed: 0 };
  const takenMg = doses.reduce((sum, d) => sum + (d.status === 'missed' ? 0 : (d.takenMg ?? 0)), 0);
  return {
    takenMg: Math.round(takenMg * 100) / 100,
    taken: doses.filter((d) => d.status !== 'missed').length,
    missed: doses.filter((d) => d.status === 'missed').length,
  };
}

/** One point per calendar day from `from` to `to` inclusive; check-ins outside the range are ignored. */
export function daySeries(
  from: string,
  to: string,
  versions: readonly PlanVersionFacts[],
  checkIns: readonly CheckInRecord[],
  metrics: readonly ScoreKey[],
): DayPoint[] {
  const schedule = scheduleVersions(versions);
  const byDate = new Map(checkIns.map((c) => [c.localDate, c]));
  const n = daysBetween(from, to) + 1;
  const points: DayPoint[] = [];
  for (let i = 0; i < n; i++) {
    const date = addDays(from, i);
    const planned = plannedOn(schedule, date);
    const c = byDate.get(date);
    const taken = takenOf(c?.doses ?? []);
    const scores: Partial<Record<ScoreKey, number>> = {};
    for (const key of metrics) {
      const value = c?.scores[key];
      if (value !== null && value !== undefined) scores[key] = value;
    }
    points.push({
      date,
      plannedMg: planned?.mg ?? null,
      plannedDoses: planned?.doses ?? 0,
      takenMg: taken.takenMg,
      checkedIn: c !== undefined,
      dosesTaken: taken.taken,
      dosesMissed: taken.missed,
      scores,
      redFlags: [...(c?.redFlags ?? [])],
    });
  }
  return points;
}

export interface Adherence {
  /** Doses the plan asked for on the days counted (up to today). */
  plannedDoses: number;
  takenDoses: number;
  missedDoses: number;
  /** Planned doses with no record either way: not assumed taken, not assumed missed. */
  unrecordedDoses: number;
  /** Taken of planned, 0–100; null when nothing was planned. */
  percentTaken: number | null;
  /** On the days with doses recorded: mg the plan asked for, and mg recorded as taken. */
  plannedMgOnRecordedDays: number;
  takenMgOnRecordedDays: number;
}

/** Doses taken against doses planned, over the days up to `today` (the future has nothing to adhere to yet). */
export function adherence(points: readonly DayPoint[], today: string): Adherence {
  let planned = 0;
  let taken = 0;
  let missed = 0;
  let plannedMg = 0;
  let takenMg = 0;
  for (const p of points) {
    if (p.date > today || p.plannedMg === null) continue;
    // Extra doses beyond the plan do not make up for missed ones: each day counts at most what it planned.
    const t = Math.min(p.dosesTaken, p.plannedDoses);
    const m = Math.min(p.dosesMissed, p.plannedDoses - t);
    planned += p.plannedDoses;
    taken += t;
    missed += m;
    if (p.takenMg !== null) {
      plannedMg += p.plannedMg;
      takenMg += p.takenMg;
    }
  }
  return {
    plannedDoses: planned,
    takenDoses: taken,
    missedDoses: missed,
    unrecordedDoses: planned - taken - missed,
    percentTaken: planned > 0 ? Math.round((taken / planned) * 100) : null,
    plannedMgOnRecordedDays: Math.round(plannedMg * 100) / 100,
    takenMgOnRecordedDays: Math.round(takenMg * 100) / 100,
  };
}

export interface WeekSummary {
  start: string;
  end: string;
  days: number;
  checkIns: number;
  plannedMg: number | null;
  takenMg: number | null;
  scores: Partial<Record<ScoreKey, number>>;
  redFlagDays: number;
  percentTaken: number | null;
}

const mean = (values: readonly number[]) => (values.length ? Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 10) / 10 : null);

/**
 * Weekly averages, oldest first. Weeks end on the last day shown up to today, so the latest row is "the
 * last 7 days" (as a weekly review reads them); the earliest week may be shorter. Averages are over the
 * days that have a value: a day without a check-in is not a zero.
 */
export function weeklyAverages(points: readonly DayPoint[], today: string, metrics: readonly ScoreKey[]): WeekSummary[] {
  const past = points.filter((p) => p.date <= today);
  const weeks: WeekSummary[] = [];
  for (let end = past.length; end > 0; end -= 7) {
    const week = past.slice(Math.max(0, end - 7), end);
    const first = week[0];
    const last = week.at(-1);
    if (!first || !last) continue;
    const scores: Partial<Record<ScoreKey, number>> = {};
    for (const key of metrics) {
      const avg = mean(week.flatMap((p) => (p.scores[key] === undefined ? [] : [p.scores[key]])));
      if (avg !== null) scores[key] = avg;
    }
    weeks.push({
      start: first.date,
      end: last.date,
      days: week.length,
      checkIns: week.filter((p) => p.checkedIn).length,
      plannedMg: mean(week.flatMap((p) => (p.plannedMg === null ? [] : [p.plannedMg]))),
      takenMg: mean(week.flatMap((p) => (p.takenMg === null ? [] : [p.takenMg]))),
      scores,
      redFlagDays: week.filter((p) => p.redFlags.length > 0).length,
      // A week with no dose recorded at all says nothing about adherence: no figure, rather than a misleading 0%.
      percentTaken: week.some((p) => p.dosesTaken + p.dosesMissed > 0) ? adherence(week, today).percentTaken : null,
    });
  }
  return weeks.reverse();
}

export interface Band {
  key: ScoreKey;
  comparator: Comparator;
  threshold: number;
  /** The score range the criterion watches, to shade on the score axis. */
  from: number;
  to: number;
  windowDays: number;
  minDays: number;
  /** The criterion's own wording and action: the care team's working tool, left out for the patient. */
  team?: { criterionId: string; label: string; action: CriterionAction };
}

/** The score criteria on the chosen metrics, as the range of scores each one watches. */
export function criteriaBands(criteria: readonly Criterion[], metrics: readonly ScoreKey[]): Band[] {
  const bands: Band[] = [];
  for (const c of criteria) {
    if (c.metric.kind !== 'score' || !metrics.includes(c.metric.key)) continue;
    const max = scoreScale[c.metric.key].max;
    const upward = c.comparator === '>=' || c.comparator === '>';
    bands.push({
      key: c.metric.key,
      comparator: c.comparator,
      threshold: c.threshold,
      from: upward ? c.threshold : 0,
      to: upward ? max : c.threshold,
      windowDays: c.windowDays,
      minDays: c.minDays,
      team: { criterionId: c.id, label: c.label, action: c.action },
    });
  }
  return bands;
}

/**
 * The days a range covers. The fixed ranges end today. The whole taper runs from the earliest step, start
 * of a running plan or check-in to today, or to the end of the schedule in force when that is later (so the road ahead shows).
 */
export function rangeBounds(
  range: TrendRange,
  today: string,
  versions: readonly PlanVersionFacts[],
  firstCheckIn: string | null,
): { from: string; to: string } {
  if (range !== 'all') return { from: addDays(today, -(RANGE_DAYS[range] - 1)), to: today };
  const schedule = scheduleVersions(versions);
  // The first step, or the day the plan started running if that came first (a plan activated ahead of its start).
  const starts = schedule.flatMap((v) => (v.steps[0] ? [v.steps[0].startDate, v.effectiveFrom] : [v.effectiveFrom]));
  if (firstCheckIn) starts.push(firstCheckIn);
  let from = starts.reduce((a, b) => (b < a ? b : a), today);
  let to = today;
  const current = versionInForce(schedule, today);
  const lastStep = current && running(current) ? current.steps.at(-1) : undefined;
  if (lastStep && lastStep.endDate > to) to = lastStep.endDate;
  const earliest = addDays(today, -MAX_PAST_DAYS);
  const latest = addDays(today, MAX_FUTURE_DAYS);
  if (from < earliest) from = earliest;
  if (to > latest) to = latest;
  return { from, to };
}
