// Red-flag rules for a daily check-in: what the patient reported, the vital signs they entered, and worrying patterns over recent days.
import { addDays, daysBetween } from '~/lib/dates';
import { AGITATION, PAIN, RUN, SLEEP_HOURS, SLEEP_QUALITY, VITALS } from './thresholds';
import { redFlagCodes, type CheckInFacts, type RedFlagCode } from './types';

/**
 * Patterns that are red flags too (DOMAIN: "escalating pain, agitation or insomnia over several days
 * (rising with plateaus, or staying severe ...)"). One code per symptom: rising and staying severe are two
 * ways the same symptom escalates, and the evidence (each day's value) shows which.
 */
export const redFlagPatternCodes = ['escalating-pain', 'escalating-agitation', 'escalating-insomnia'] as const;
export type PatternCode = (typeof redFlagPatternCodes)[number];

/** Vital signs beyond the limits in thresholds.ts (DOMAIN: "Vital signs the patient enters are data for the same rules"). */
export const redFlagVitalCodes = ['high-heart-rate', 'low-heart-rate', 'high-systolic', 'low-systolic', 'high-diastolic'] as const;
export type VitalCode = (typeof redFlagVitalCodes)[number];

export type AnyRedFlagCode = RedFlagCode | VitalCode | PatternCode;

/** What a piece of evidence measures, so a screen can label "sleep 3 h" apart from "sleep quality 2". */
export type EvidenceMeasure = 'reported' | 'pain' | 'agitation' | 'sleepHours' | 'sleepQuality' | 'heartRate' | 'systolic' | 'diastolic';

export interface RedFlagEvidence {
  date: string;
  value: number | boolean;
  measure: EvidenceMeasure;
}

export interface RedFlag {
  code: AnyRedFlagCode;
  kind: 'reported' | 'vital' | 'pattern';
  /** Oldest first. */
  evidence: RedFlagEvidence[];
}

type DayValue = { date: string; value: number };

/**
 * One check-in per day of the look-back, oldest first, today last; undefined for a day without one. Only
 * earlier check-ins within `RUN.lookbackDays` count; for a date given twice the last one given wins (a
 * resubmitted check-in replaces the earlier one). Today's own check-in is authoritative: a copy of it in
 * `recent`, or anything later, is ignored.
 */
function lookback(today: CheckInFacts, recent: readonly CheckInFacts[]): (CheckInFacts | undefined)[] {
  const byDate = new Map<string, CheckInFacts>();
  for (const c of recent) {
    const ago = daysBetween(c.localDate, today.localDate);
    if (ago >= 1 && ago <= RUN.lookbackDays) byDate.set(c.localDate, c);
  }
  const days: (CheckInFacts | undefined)[] = [];
  for (let ago = RUN.lookbackDays; ago >= 1; ago--) days.push(byDate.get(addDays(today.localDate, -ago)));
  days.push(today);
  return days;
}

/** Each day's value of one measure, aligned with the days; undefined where there is none. */
function series(days: readonly (CheckInFacts | undefined)[], read: (c: CheckInFacts) => number | null | undefined): (DayValue | undefined)[] {
  return days.map((c) => {
    const value = c ? read(c) : undefined;
    return c && value !== null && value !== undefined && Number.isFinite(value) ? { date: c.localDate, value } : undefined;
  });
}

/**
 * The longest run of answered days ending today, oldest first: walking back from today, each earlier day
 * must meet `each` and join the run (`joins(earlier, later)`), and at most `RUN.maxGapDays` days in a row
 * may lack the measure. Empty when today has no value or does not meet `each`.
 */
function runEndingToday(values: readonly (DayValue | undefined)[], joins: (earlier: number, later: number) => boolean, each: (value: number) => boolean): DayValue[] {
  const last = values.at(-1);
  if (!last || !each(last.value)) return [];
  const run: DayValue[] = [last];
  let gap = 0;
  for (let i = values.length - 2; i >= 0; i--) {
    const day = values[i];
    if (!day) {
      if (++gap > RUN.maxGapDays) break;
      continue;
    }
    const later = run[0];
    if (!later || !each(day.value) || !joins(day.value, later.value)) break;
    run.unshift(day);
    gap = 0;
  }
  return run;
}

const anyValue = () => true;
const notFalling = (earlier: number, later: number) => earlier <= later;
const notRising = (earlier: number, later: number) => earlier >= later;

/** Rising with plateaus: never falls, rises by `minRise` overall, ends at `risingTo` or more. */
function rising(values: readonly (DayValue | undefined)[], limits: { risingTo: number; minRise: number }): DayValue[] {
  const run = runEndingToday(values, notFalling, anyValue);
  const first = run[0];
  const last = run.at(-1);
  return first && last && run.length >= RUN.minDays && last.value - first.value >= limits.minRise && last.value >= limits.risingTo ? run : [];
}

/** Staying at or beyond a limit on each answered day of the run. */
function persistent(values: readonly (DayValue | undefined)[], beyond: (value: number) => boolean): DayValue[] {
  const run = runEndingToday(values, anyValue, beyond);
  return run.length >= RUN.minDays ? run : [];
}

/** Falling with plateaus: never rises, falls by `minFall` overall, ends at `fallingTo` or less. */
function falling(values: readonly (DayValue | undefined)[], limits: { fallingTo: number; minFall: number }): DayValue[] {
  const run = runEndingToday(values, notRising, anyValue);
  const first = run[0];
  const last = run.at(-1);
  return first && last && run.length >= RUN.minDays && first.value - last.value >= limits.minFall && last.value <= limits.fallingTo ? run : [];
}

/** The longer of two runs ending today: both are stretches of the same answered days, so it covers the other. */
function longer(a: DayValue[], b: DayValue[]): DayValue[] {
  return b.length > a.length ? b : a;
}

function agitation(c: CheckInFacts): number | undefined {
  const present = [c.scores.restlessness, c.scores.anxiety].filter((v): v is number => v !== undefined);
  // One of the two left blank still tells us something: use what was answered.
  return present.length ? Math.max(...present) : undefined;
}

function evidence(values: readonly DayValue[], measure: EvidenceMeasure): RedFlagEvidence[] {
  return values.map((v) => ({ date: v.date, value: v.value, measure }));
}

function patterns(days: readonly (CheckInFacts | undefined)[]): RedFlag[] {
  const flags: RedFlag[] = [];

  const pain = series(days, (c) => c.scores.pain);
  const painRun = longer(rising(pain, PAIN), persistent(pain, (v) => v >= PAIN.severeFrom));
  if (painRun.length) flags.push({ code: 'escalating-pain', kind: 'pattern', evidence: evidence(painRun, 'pain') });

  const agitated = series(days, agitation);
  const agitatedRun = longer(rising(agitated, AGITATION), persistent(agitated, (v) => v >= AGITATION.severeFrom));
  if (agitatedRun.length) flags.push({ code: 'escalating-agitation', kind: 'pattern', evidence: evidence(agitatedRun, 'agitation') });

  // Any insomnia rule is enough; when hours and quality both show it, one flag carries both sets of evidence.
  const hours = series(days, (c) => c.sleepHours);
  const hoursRun = longer(falling(hours, SLEEP_HOURS), persistent(hours, (v) => v <= SLEEP_HOURS.severeAtMost));
  const qualityRun = persistent(series(days, (c) => c.scores.sleepQuality), (v) => v <= SLEEP_QUALITY.poorAtMost);
  const insomnia = [...evidence(hoursRun, 'sleepHours'), ...evidence(qualityRun, 'sleepQuality')];
  if (insomnia.length) flags.push({ code: 'escalating-insomnia', kind: 'pattern', evidence: insomnia });

  return flags;
}

/** Today's entered vital signs beyond the limits, one flag per limit crossed, in `redFlagVitalCodes` order. */
function vitals(today: CheckInFacts): RedFlag[] {
  const checks: [VitalCode, 'heartRate' | 'systolic' | 'diastolic', (v: number) => boolean][] = [
    ['high-heart-rate', 'heartRate', (v) => v > VITALS.heartRateAbove],
    ['low-heart-rate', 'heartRate', (v) => v < VITALS.heartRateBelow],
    ['high-systolic', 'systolic', (v) => v >= VITALS.systolicFrom],
    ['low-systolic', 'systolic', (v) => v < VITALS.systolicBelow],
    ['high-diastolic', 'diastolic', (v) => v >= VITALS.diastolicFrom],
  ];
  return checks.flatMap(([code, measure, beyond]): RedFlag[] => {
    const value = today[measure];
    if (value === null || value === undefined || !Number.isFinite(value) || !beyond(value)) return [];
    return [{ code, kind: 'vital', evidence: [{ date: today.localDate, value, measure }] }];
  });
}

/**
 * Every reason today's check-in is a red flag: each red-flag question answered yes, each vital sign entered
 * today beyond its limit, then each pattern over the last days. `recent` holds earlier check-ins in any
 * order. One entry per reason, in a fixed order (`redFlagCodes`, then `redFlagVitalCodes`, then
 * `redFlagPatternCodes`). The thresholds are in thresholds.ts.
 */
export function detectRedFlags(today: CheckInFacts, recent: readonly CheckInFacts[]): RedFlag[] {
  const reported = new Set(today.redFlags);
  const flags: RedFlag[] = redFlagCodes
    .filter((code) => reported.has(code))
    .map((code): RedFlag => ({ code, kind: 'reported', evidence: [{ date: today.localDate, value: true, measure: 'reported' }] }));
  flags.push(...vitals(today));
  flags.push(...patterns(lookback(today, recent)));
  return flags;
}

const allCodes: readonly string[] = [...redFlagCodes, ...redFlagVitalCodes, ...redFlagPatternCodes];

/** Where a code comes in the fixed order `detectRedFlags` lists flags in, for sorting stored codes; unknown codes last. */
export function redFlagRank(code: string): number {
  const i = allCodes.indexOf(code);
  return i === -1 ? allCodes.length : i;
}

/** Every red flag is urgent (DOMAIN: "urgent, never just a chart point"): any flag at all means urgent. */
export function isUrgent(flags: readonly RedFlag[]): boolean {
  return flags.length > 0;
}
