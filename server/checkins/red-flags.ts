// Red-flag rules for a daily check-in: what the patient reported, and worrying patterns over recent days.
import { addDays, daysBetween } from '../taper/dates';
import { redFlagCodes, type CheckInFacts, type RedFlagCode } from './types';

/** Patterns that are red flags too (DOMAIN: "escalating pain, agitation or insomnia over several days"). */
export const redFlagPatternCodes = ['escalating-pain', 'escalating-agitation', 'escalating-insomnia'] as const;
export type PatternCode = (typeof redFlagPatternCodes)[number];

/** What a piece of evidence measures, so a screen can label "sleep 3 h" apart from "sleep quality 2". */
export type EvidenceMeasure = 'reported' | 'pain' | 'agitation' | 'sleepHours' | 'sleepQuality';

export interface RedFlagEvidence {
  date: string;
  value: number | boolean;
  measure: EvidenceMeasure;
}

export interface RedFlag {
  code: RedFlagCode | PatternCode;
  kind: 'reported' | 'pattern';
  /** Oldest first. */
  evidence: RedFlagEvidence[];
}

/*
 * Pattern thresholds. These are DEFAULTS CHOSEN BY THE CLINIC, not published rules: no guideline gives
 * numbers for "escalating over several days", so they are written down here where a clinician can
 * read and change them, and each has its own tests.
 *
 * - escalating pain: a check-in on each of the last 3 consecutive calendar days (today included), the
 *   pain score strictly rising day to day, and today's pain at least 7 of 10.
 * - escalating agitation: the same, on max(restlessness, anxiety) of each day.
 * - escalating insomnia: hours slept strictly falling over the last 3 consecutive days with today at
 *   most 4 h, OR sleep quality at most 2 of 10 on each of the last 3 consecutive days (today included).
 *
 * A day with no check-in, or with the measure left blank, breaks the run: the rule cannot see a trend
 * through a gap, so it stays quiet rather than guess. (Missed check-ins have their own stop-go criterion.)
 */
export const PATTERN_DAYS = 3;
export const ESCALATING_PAIN_MIN = 7;
export const ESCALATING_AGITATION_MIN = 7;
export const FALLING_SLEEP_MAX_HOURS = 4;
export const POOR_SLEEP_QUALITY_MAX = 2;
/** Earlier check-ins further back than this are not looked at. */
export const LOOKBACK_DAYS = 7;

type DayValue = { date: string; value: number };

/**
 * The check-in for each of the `PATTERN_DAYS` days ending today, oldest first, or undefined when any day
 * has none. Only earlier check-ins within `LOOKBACK_DAYS` count; for a date given twice the last one given
 * wins (a resubmitted check-in replaces the earlier one).
 */
function lastDays(today: CheckInFacts, recent: readonly CheckInFacts[]): CheckInFacts[] | undefined {
  const byDate = new Map<string, CheckInFacts>();
  for (const c of recent) {
    const ago = daysBetween(c.localDate, today.localDate);
    // Today's own check-in is authoritative; a copy of it in `recent`, or anything later, is ignored.
    if (ago >= 1 && ago <= LOOKBACK_DAYS) byDate.set(c.localDate, c);
  }
  const days: CheckInFacts[] = [];
  for (let ago = PATTERN_DAYS - 1; ago >= 1; ago--) {
    const day = byDate.get(addDays(today.localDate, -ago));
    if (!day) return undefined;
    days.push(day);
  }
  days.push(today);
  return days;
}

function valuesOf(days: readonly CheckInFacts[], read: (c: CheckInFacts) => number | null | undefined): DayValue[] | undefined {
  const out: DayValue[] = [];
  for (const c of days) {
    const value = read(c);
    if (value === null || value === undefined || !Number.isFinite(value)) return undefined;
    out.push({ date: c.localDate, value });
  }
  return out;
}

function strictlyRising(values: readonly DayValue[]): boolean {
  return values.every((v, i) => i === 0 || v.value > (values[i - 1]?.value ?? Infinity));
}

function strictlyFalling(values: readonly DayValue[]): boolean {
  return values.every((v, i) => i === 0 || v.value < (values[i - 1]?.value ?? -Infinity));
}

function lastValue(values: readonly DayValue[]): number {
  return values.at(-1)?.value ?? NaN;
}

function agitation(c: CheckInFacts): number | undefined {
  const present = [c.scores.restlessness, c.scores.anxiety].filter((v): v is number => v !== undefined);
  // One of the two left blank still tells us something: use what was answered.
  return present.length ? Math.max(...present) : undefined;
}

function evidence(values: readonly DayValue[], measure: EvidenceMeasure): RedFlagEvidence[] {
  return values.map((v) => ({ date: v.date, value: v.value, measure }));
}

function patterns(days: readonly CheckInFacts[]): RedFlag[] {
  const flags: RedFlag[] = [];

  const pain = valuesOf(days, (c) => c.scores.pain);
  if (pain && strictlyRising(pain) && lastValue(pain) >= ESCALATING_PAIN_MIN) {
    flags.push({ code: 'escalating-pain', kind: 'pattern', evidence: evidence(pain, 'pain') });
  }

  const agitated = valuesOf(days, agitation);
  if (agitated && strictlyRising(agitated) && lastValue(agitated) >= ESCALATING_AGITATION_MIN) {
    flags.push({ code: 'escalating-agitation', kind: 'pattern', evidence: evidence(agitated, 'agitation') });
  }

  // Either insomnia rule is enough; when both hold, one flag carries both sets of evidence.
  const hours = valuesOf(days, (c) => c.sleepHours);
  const quality = valuesOf(days, (c) => c.scores.sleepQuality);
  const insomnia: RedFlagEvidence[] = [];
  if (hours && strictlyFalling(hours) && lastValue(hours) <= FALLING_SLEEP_MAX_HOURS) insomnia.push(...evidence(hours, 'sleepHours'));
  if (quality && quality.every((q) => q.value <= POOR_SLEEP_QUALITY_MAX)) insomnia.push(...evidence(quality, 'sleepQuality'));
  if (insomnia.length) flags.push({ code: 'escalating-insomnia', kind: 'pattern', evidence: insomnia });

  return flags;
}

/**
 * Every reason today's check-in is a red flag: each red-flag question answered yes, then each pattern
 * over the last days. `recent` holds earlier check-ins in any order. One entry per reason, in a fixed
 * order (the questions as listed in `redFlagCodes`, then `redFlagPatternCodes`).
 */
export function detectRedFlags(today: CheckInFacts, recent: readonly CheckInFacts[]): RedFlag[] {
  const reported = new Set(today.redFlags);
  const flags: RedFlag[] = redFlagCodes
    .filter((code) => reported.has(code))
    .map((code): RedFlag => ({ code, kind: 'reported', evidence: [{ date: today.localDate, value: true, measure: 'reported' }] }));
  const days = lastDays(today, recent);
  if (days) flags.push(...patterns(days));
  return flags;
}

/** Every red flag is urgent (DOMAIN: "urgent, never just a chart point"): any flag at all means urgent. */
export function isUrgent(flags: readonly RedFlag[]): boolean {
  return flags.length > 0;
}
