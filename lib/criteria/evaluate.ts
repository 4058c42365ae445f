// The stop-go evaluator: which of a team's criteria the recent check-ins meet, and the recommendation they give.
// Pure functions: no I/O, no clock (the caller says which day to evaluate as of), no framework.
import type { CheckInFacts, ScoreKey } from '../checkins/types';
import { addDays, isIsoDate } from '~/lib/dates';
import {
  stepActions, type AlertSeverity, type Comparator, type Criterion, type CriterionAction, type Fired, type Metric,
  type Recommendation, type SafetyReason, type StepAction, type StepSafety,
} from './types';

export type Baseline = Partial<Record<ScoreKey, number>>;

/** The ids of the starting criteria: their labels are written in the patient's language when a plan is made. */
export const defaultCriterionIds = ['default-spasticity-hold', 'default-sleep-slow', 'default-no-checkin-notify', 'default-spasticity-step-back', 'default-missed-doses-notify'] as const;
export type DefaultCriterionId = (typeof defaultCriterionIds)[number];

/**
 * The starting criteria for a new plan, from the examples the team agreed on. Thresholds are the clinic's
 * choices, not published rules; the team edits them per patient. Ids are stable so edits can be tracked.
 */
export function defaultCriteria(labels: Partial<Record<DefaultCriterionId, string>> = {}): Criterion[] {
  return ([
    {
      id: 'default-spasticity-hold',
      label: 'Spasticity 7 or more on 3 of the last 7 days: hold the current step',
      metric: { kind: 'score', key: 'spasticity' },
      comparator: '>=',
      threshold: 7,
      windowDays: 7,
      minDays: 3,
      action: 'hold',
    },
    {
      id: 'default-sleep-slow',
      label: 'Sleep quality 3 or less on 4 of the last 7 days: slow the reduction',
      metric: { kind: 'score', key: 'sleepQuality' },
      comparator: '<=',
      threshold: 3,
      windowDays: 7,
      minDays: 4,
      action: 'slow',
    },
    {
      id: 'default-no-checkin-notify',
      label: 'No check-in for 3 days: let the care team know',
      metric: { kind: 'noCheckIn' },
      comparator: '>=',
      threshold: 1,
      windowDays: 3,
      minDays: 3,
      action: 'notify',
    },
    {
      id: 'default-spasticity-step-back',
      label: 'Spasticity 8 or more on 5 of the last 7 days: step back to the last tolerated dose',
      metric: { kind: 'score', key: 'spasticity' },
      comparator: '>=',
      threshold: 8,
      windowDays: 7,
      minDays: 5,
      action: 'step-back',
    },
    {
      id: 'default-missed-doses-notify',
      label: 'Doses missed on 3 of the last 7 days: let the care team know',
      metric: { kind: 'dosesMissed' },
      comparator: '>=',
      threshold: 1,
      windowDays: 7,
      minDays: 3,
      action: 'notify',
    },
  ] satisfies Criterion[]).map((c) => ({ ...c, label: labels[c.id as DefaultCriterionId] ?? c.label }));
}

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case '>=':
      return value >= threshold;
    case '<=':
      return value <= threshold;
    case '>':
      return value > threshold;
    case '<':
      return value < threshold;
  }
}

/**
 * One check-in per date. When a date appears twice the LAST one given wins: a resubmitted or corrected
 * check-in replaces the earlier one rather than counting the day twice.
 */
export function latestPerDate(checkIns: readonly CheckInFacts[]): Map<string, CheckInFacts> {
  const byDate = new Map<string, CheckInFacts>();
  for (const c of checkIns) byDate.set(c.localDate, c);
  return byDate;
}

/**
 * A metric's value on one day, or undefined when the day gives none (no check-in, or the question was left
 * blank): such a day neither meets nor fails the criterion, it simply does not count.
 */
export function metricValue(metric: Metric, checkIn: CheckInFacts | undefined, baseline: Baseline): number | undefined {
  // Missing check-ins are counted over the whole window, including days before the patient's first
  // check-in: a patient who has not started checking in is, for the care team, a patient not checking in.
  if (metric.kind === 'noCheckIn') return checkIn ? 0 : 1;
  if (!checkIn) return undefined;
  switch (metric.kind) {
    case 'score':
      return checkIn.scores[metric.key];
    case 'sleepHours':
      return checkIn.sleepHours ?? undefined;
    case 'dosesMissed':
      return checkIn.dosesMissed;
    case 'changeFromBaseline': {
      const score = checkIn.scores[metric.key];
      const base = baseline[metric.key];
      if (score === undefined || base === undefined) return undefined;
      // Rounded so 7.3 - 5.1 reads as 2.2 and meets a "≥ 2.2" threshold, as a person would expect.
      return Math.round((score - base) * 1e9) / 1e9;
    }
  }
}

export interface CriterionMatch {
  windowStart: string;
  windowEnd: string;
  matched: { date: string; value: number }[];
  fired: boolean;
}

/** The days in a criterion's window that meet it, whether or not enough of them did. */
export function matchCriterion(
  criterion: Criterion,
  byDate: ReadonlyMap<string, CheckInFacts>,
  asOf: string,
  baseline: Baseline,
): CriterionMatch {
  const windowStart = addDays(asOf, -(criterion.windowDays - 1));
  const matched: { date: string; value: number }[] = [];
  for (let back = criterion.windowDays - 1; back >= 0; back--) {
    const date = addDays(asOf, -back);
    const value = metricValue(criterion.metric, byDate.get(date), baseline);
    if (value !== undefined && Number.isFinite(value) && compare(value, criterion.comparator, criterion.threshold)) {
      matched.push({ date, value });
    }
  }
  return { windowStart, windowEnd: asOf, matched, fired: matched.length >= criterion.minDays };
}

/**
 * The criteria met as of `asOf`. Each criterion looks at the `windowDays` calendar days ending on `asOf`
 * (inclusive) and fires when at least `minDays` of them meet its comparison. Check-ins outside a window
 * are ignored; for a date given twice the last one wins. Returned in the order the criteria were given.
 * Criteria are taken as already checked by `criteriaSchema` (where they are saved).
 */
export function evaluateCriteria(criteria: readonly Criterion[], checkIns: readonly CheckInFacts[], asOf: string, baseline: Baseline): Fired[] {
  if (!isIsoDate(asOf)) throw new RangeError(`asOf must be a date written YYYY-MM-DD, got "${asOf}".`);
  const byDate = latestPerDate(checkIns);
  const fired: Fired[] = [];
  for (const c of criteria) {
    const m = matchCriterion(c, byDate, asOf, baseline);
    if (m.fired) {
      fired.push({ criterionId: c.id, label: c.label, action: c.action, windowStart: m.windowStart, windowEnd: m.windowEnd, matched: m.matched });
    }
  }
  return fired;
}

function isStepAction(action: CriterionAction): action is StepAction {
  return (stepActions as readonly string[]).includes(action);
}

/** How cautious a step action is: higher is more cautious. */
export function caution(action: StepAction): number {
  return stepActions.indexOf(action);
}

/**
 * The step recommendation: the most cautious step action among the fired criteria (step-back > slow >
 * hold > go), and `because` the fired criteria that asked for exactly that. 'urgent' and 'notify' are
 * never in `because`. A red flag during the step, or an urgent criterion that fired, is never followed by
 * 'go' (DOMAIN: red flags are "urgent, never just a chart point"): the recommendation is then at least
 * 'hold', and `safety` lists each of them (red flags by date, then urgent criteria in the order given).
 * With nothing of that and no step criterion fired it is 'go': the criteria are only as good as what the
 * team wrote, and a clinician confirms.
 */
export function recommend(fired: readonly Fired[], safety: StepSafety): Recommendation {
  let step: StepAction = 'go';
  for (const f of fired) {
    if (isStepAction(f.action) && caution(f.action) > caution(step)) step = f.action;
  }
  const seen = new Set<string>();
  const redFlags = [...safety.redFlags]
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .filter((r) => {
      // The same flag on the same day is one reason (a corrected check-in does not raise it twice anyway).
      const key = `${r.date} ${r.code}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const reasons: SafetyReason[] = [
    ...redFlags.map((r): SafetyReason => ({ kind: 'red-flag', code: r.code, date: r.date })),
    ...fired.filter((f) => f.action === 'urgent').map((f): SafetyReason => ({ kind: 'urgent-criterion', fired: f })),
  ];
  const recommendation: StepAction = reasons.length > 0 && caution(step) < caution('hold') ? 'hold' : step;
  return { recommendation, because: fired.filter((f) => f.action === recommendation), safety: reasons };
}

/** How loudly a fired criterion's action should alert the care team; null for 'go', which needs no alert. */
export function alertSeverity(action: CriterionAction): AlertSeverity | null {
  switch (action) {
    case 'urgent':
      return 'urgent';
    case 'step-back':
    case 'slow':
    case 'hold':
      return 'warning';
    case 'notify':
      return 'info';
    case 'go':
      return null;
  }
}
