// The check-in's answers as the patient types them (a draft), and how a draft becomes the API's input:
// numbers read from text, then checked by the server's own zod schema, each problem keyed to its field.
import type { z } from 'zod';
import type { submitCheckInInput } from '~/lib/checkins/inputs';
import { detectRedFlags, type RedFlag } from '~/lib/checkins/red-flags';
import { scoreKeys, type CheckInFacts, type RedFlagCode, type ScoreKey } from '~/lib/checkins/types';
import type { CheckInDay, SubmitInput } from './types';

export type DoseChoice = 'taken' | 'changed' | 'missed';
export type Pair = [number | null, number | null];
export type ZeroToTen = Exclude<ScoreKey, 'spasmFrequency'>;
export type Screener = 'phq2' | 'gad2';

export interface PlannedAnswer {
  choice: DoseChoice | null;
  mg: string;
}
export interface ExtraDose {
  id: number;
  time: string;
  mg: string;
}

export interface Draft {
  /** One per planned dose, in the plan's order; null = not answered (a later dose), left out when sent. */
  planned: PlannedAnswer[];
  /** Doses taken outside a running plan (or before it starts). */
  extras: ExtraDose[];
  /** The next extra row's id: ids are never reused, so an error left on a removed row never lands on a new one. */
  nextExtraId: number;
  scores: Record<ScoreKey, number | null>;
  sleepHours: string;
  redFlags: RedFlagCode[];
  stressors: string;
  activity: string;
  systolic: string;
  diastolic: string;
  heartRate: string;
  phq2: Pair;
  gad2: Pair;
  notes: string;
}

/** The API's input without the idempotency key, which the sender adds. */
export type CheckInBody = Omit<SubmitInput, 'idempotencyKey'>;
/** Messages by the form's own field keys ('planned.0', 'extra.3.mg', 'extra.3' for the whole row, 'scores.pain', 'systolic', ...). */
export type FieldErrors = Record<string, string[]>;
/** The form's own messages for text that is not a number or a time (the schema only sees numbers). */
export interface DraftMessages {
  number: string;
  wholeNumber: string;
  time: string;
  /** A dose row added and left empty. */
  emptyDose: string;
  bothOrNeither: string;
  /** A problem the server's schema found, in words: its message is a key of the server's catalogue (issueText). */
  issue: (issue: z.core.$ZodIssue) => string;
}

export const MAX_DOSES = 6;
export const coreScores = ['spasticity', 'spasmFrequency', 'sleepQuality'] as const satisfies readonly ScoreKey[];
export const moreScores = ['restlessness', 'anxiety', 'mood', 'pain', 'headache', 'nausea', 'strengthMobility'] as const satisfies readonly ZeroToTen[];
/** Errors the form shows next to a field; any other key goes in the summary above the send button. */
const placedKey = /^(planned\.\d+|extra\.\d+(\.(time|mg))?|scores\.\w+|sleepHours|systolic|diastolic|heartRate|phq2|gad2|stressors|activity|notes)$/;

export const isPlaced = (key: string) => placedKey.test(key);
/** The screeners are asked when due, and kept on a day that already has answers to them. */
export const showsScreeners = (day: CheckInDay) => day.screenersDue || Boolean(day.existing?.phq2 ?? day.existing?.gad2);

const text = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

/** The draft a day opens with: empty, or the answers already saved today (to correct them). */
export function draftOf(day: CheckInDay): Draft {
  const e = day.existing;
  const doses = e?.doses ?? [];
  const byTime = new Map(doses.map((d) => [d.time, d]));
  const plannedTimes = new Set(day.plannedDoses.map((d) => d.time));
  const scores = Object.fromEntries(scoreKeys.map((k) => [k, e?.[k] ?? null])) as Record<ScoreKey, number | null>;
  const pair = (v: number[] | null | undefined): Pair => [v?.[0] ?? null, v?.[1] ?? null];
  const extras = doses.filter((d) => !plannedTimes.has(d.time) && d.takenMg !== null).map((d, i) => ({ id: i, time: d.time, mg: text(d.takenMg) }));
  return {
    planned: day.plannedDoses.map((p) => {
      const d = byTime.get(p.time);
      // "Taken as planned" earlier, but the plan's dose has changed since: keep the amount actually taken.
      const choice = d?.status === 'taken' && d.takenMg !== p.mg ? 'changed' : (d?.status ?? null);
      return { choice, mg: choice === 'changed' ? text(d?.takenMg) : '' };
    }),
    extras,
    nextExtraId: extras.length,
    scores,
    sleepHours: text(e?.sleepHours),
    redFlags: e?.redFlags ?? [],
    stressors: e?.stressors ?? '',
    activity: e?.activity ?? '',
    systolic: text(e?.systolic),
    diastolic: text(e?.diastolic),
    heartRate: text(e?.heartRate),
    phq2: pair(e?.phq2),
    gad2: pair(e?.gad2),
    notes: e?.notes ?? '',
  };
}

/** How a section changes the form's draft: it hands over a pure change (one of those below). */
export type UpdateDraft = (change: (d: Draft) => Draft) => void;

// Changes to a draft, as pure functions the sections call through the form's state.
export const setPlanned = (d: Draft, index: number, change: Partial<PlannedAnswer>): Draft => ({
  ...d, planned: d.planned.map((p, i) => (i === index ? { ...p, ...change } : p)),
});
export const setExtra = (d: Draft, id: number, change: Partial<Omit<ExtraDose, 'id'>>): Draft => ({
  ...d, extras: d.extras.map((x) => (x.id === id ? { ...x, ...change } : x)),
});
export const addExtra = (d: Draft): Draft => ({ ...d, extras: [...d.extras, { id: d.nextExtraId, time: '', mg: '' }], nextExtraId: d.nextExtraId + 1 });
export const removeExtra = (d: Draft, id: number): Draft => ({ ...d, extras: d.extras.filter((x) => x.id !== id) });
export const setScore = (d: Draft, key: ScoreKey, value: number | null): Draft => ({ ...d, scores: { ...d.scores, [key]: value } });
export const setRedFlag = (d: Draft, code: RedFlagCode, ticked: boolean): Draft => ({
  ...d, redFlags: ticked ? [...d.redFlags, code] : d.redFlags.filter((c) => c !== code),
});
export const setScreener = (d: Draft, which: Screener, item: 0 | 1, value: number | null): Draft => {
  const pair = d[which];
  return { ...d, [which]: item === 0 ? [value, pair[1]] : [pair[0], value] };
};

/** What a draft sends, with the form's key of each dose sent ('planned.0', 'extra.5'), in order. */
export interface Built {
  body: CheckInBody;
  targets: string[];
  errors: FieldErrors;
}

/** Reads the typed text into the API's input; text that is no number (or no time) is an error here. */
export function buildBody(a: Draft, day: CheckInDay, patientId: string, m: DraftMessages): Built {
  const errors: FieldErrors = {};
  const parse = (key: string, raw: string, whole = false): number | null => {
    const s = raw.trim().replace(',', '.');
    if (s === '') return null;
    const n = Number(s);
    if (!Number.isFinite(n)) {
      errors[key] = [m.number];
      return null;
    }
    if (whole && !Number.isInteger(n)) errors[key] = [m.wholeNumber];
    return n;
  };

  const doses: CheckInBody['doses'] = [];
  const targets: string[] = [];
  day.plannedDoses.forEach((planned, i) => {
    const state = a.planned[i];
    if (!state?.choice) return;
    let takenMg: number | null = null;
    if (state.choice === 'taken') takenMg = planned.mg;
    if (state.choice === 'changed') {
      takenMg = parse(`planned.${i}`, state.mg);
      if (takenMg === null && !errors[`planned.${i}`]) errors[`planned.${i}`] = [m.number];
    }
    doses.push({ time: planned.time, takenMg, status: state.choice });
    targets.push(`planned.${i}`);
  });
  for (const extra of a.extras) {
    const mg = parse(`extra.${extra.id}.mg`, extra.mg);
    // A row the patient added and left empty is pointed out, not dropped in silence: they may have meant to fill it.
    if (extra.time === '' && mg === null && !errors[`extra.${extra.id}.mg`]) {
      errors[`extra.${extra.id}`] = [m.emptyDose];
      continue;
    }
    if (!/^\d\d:\d\d$/.test(extra.time)) errors[`extra.${extra.id}.time`] = [m.time];
    if (mg === null && !errors[`extra.${extra.id}.mg`]) errors[`extra.${extra.id}.mg`] = [m.number];
    doses.push({ time: extra.time.slice(0, 5), takenMg: mg ?? 0, status: 'taken' });
    targets.push(`extra.${extra.id}`);
  }

  const pair = (key: Screener): [number, number] | null => {
    const [first, second] = a[key];
    if (first === null && second === null) return null;
    if (first === null || second === null) {
      errors[key] = [m.bothOrNeither];
      return null;
    }
    return [first, second];
  };
  const screeners = showsScreeners(day);

  const body: CheckInBody = {
    patientId,
    localDate: day.today,
    doses,
    scores: a.scores,
    sleepHours: parse('sleepHours', a.sleepHours),
    redFlags: a.redFlags,
    stressors: a.stressors,
    activity: a.activity,
    systolic: parse('systolic', a.systolic, true),
    diastolic: parse('diastolic', a.diastolic, true),
    heartRate: parse('heartRate', a.heartRate, true),
    phq2: screeners ? pair('phq2') : null,
    gad2: screeners ? pair('gad2') : null,
    notes: a.notes,
  };
  return { body, targets, errors };
}

/**
 * The server's input schema (`~/lib/checkins/inputs`). Passed in rather than imported: zod is about
 * 30 KB gzip, so the form loads it after the page shows instead of in the phone's first download.
 */
export type CheckInSchema = typeof submitCheckInInput;

/**
 * Keys zod's issues the way the API's error formatter does (the full path, 'doses.1.takenMg', and the
 * top-level name, 'doses'), so a problem found here shows exactly as the server's answer would.
 */
export function apiFieldErrors(issues: readonly z.core.$ZodIssue[], text: (issue: z.core.$ZodIssue) => string = (issue) => issue.message): FieldErrors {
  const fieldErrors: FieldErrors = {};
  for (const issue of issues) {
    const keys = new Set([issue.path.map(String).join('.'), String(issue.path[0] ?? '')]);
    for (const key of keys) if (key) (fieldErrors[key] ??= []).push(text(issue));
  }
  return fieldErrors;
}

/** Maps a server field key ('doses.2.takenMg') to the form's own ('planned.0' or 'extra.5.mg'). */
export function uiKeyOf(serverKey: string, targets: readonly string[]): string {
  const dose = /^doses\.(\d+)(?:\.(\w+))?$/.exec(serverKey);
  const target = dose ? targets[Number(dose[1])] : undefined;
  if (!dose || !target) return serverKey;
  return target.startsWith('extra.') ? `${target}.${dose[2] === 'time' ? 'time' : 'mg'}` : target;
}

/** The API's field errors under the form's keys (several server keys may land on one field). */
export function uiFieldErrors(apiErrors: FieldErrors, targets: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const [key, messages] of Object.entries(apiErrors)) {
    const ui = uiKeyOf(key, targets);
    errors[ui] = [...(errors[ui] ?? []), ...messages];
  }
  return errors;
}

/**
 * The draft ready to send, or what is wrong with it under the form's keys: first text that is not a
 * number or a time, then whatever the server's schema would refuse (a dose too high, a score out of range).
 * Without the schema (not loaded yet) only the text is checked here, and the server's answer says the rest.
 */
export function validateDraft(
  draft: Draft, day: CheckInDay, patientId: string, messages: DraftMessages, schema: CheckInSchema | null,
): { ok: true; body: CheckInBody; targets: string[] } | { ok: false; errors: FieldErrors } {
  const built = buildBody(draft, day, patientId, messages);
  if (Object.keys(built.errors).length) return { ok: false, errors: built.errors };
  // The key is the sender's, so it is not the draft's to check.
  const checked = schema?.omit({ idempotencyKey: true }).safeParse(built.body);
  if (checked && !checked.success) return { ok: false, errors: uiFieldErrors(apiFieldErrors(checked.error.issues, messages.issue), built.targets) };
  // The body as typed goes out, not zod's output: the server applies its own defaults and trimming.
  return { ok: true, body: built.body, targets: built.targets };
}

/** The facts the red-flag rules read, from answers not yet saved (as the server reads them from the saved row). */
export function factsOfBody(body: CheckInBody): CheckInFacts {
  const scores: Partial<Record<ScoreKey, number>> = {};
  for (const key of scoreKeys) {
    const value = body.scores?.[key];
    if (typeof value === 'number') scores[key] = value;
  }
  const doses = body.doses ?? [];
  return {
    localDate: body.localDate,
    scores,
    sleepHours: body.sleepHours ?? null,
    // Which doses the plan had is the server's to say; the red-flag rules do not read these two.
    dosesPlanned: doses.length,
    dosesMissed: doses.filter((d) => d.status === 'missed').length,
    redFlags: [...new Set(body.redFlags ?? [])],
    heartRate: body.heartRate ?? null,
    systolic: body.systolic ?? null,
    diastolic: body.diastolic ?? null,
  };
}

/**
 * The red flags a check-in shows on this phone before the server has it (offline): the same pure rules the
 * server runs, on today's answers alone. The questions answered yes and the vital signs are all here; the
 * patterns over several days need the earlier check-ins, which the phone does not keep, so the server adds
 * those once it is sent.
 */
export function offlineRedFlags(body: CheckInBody): RedFlag[] {
  return detectRedFlags(factsOfBody(body), []);
}
