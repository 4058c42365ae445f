// Property tests of the red-flag rules: rising runs with plateaus and single gaps always flag, a fall today
// never flags as rising, every pattern agrees with a brute-force reading of the thresholds, and each entered
// vital sign flags exactly beyond its limit; every warning sign the patient reports is a flag, whatever else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '~/lib/testing/property-runs';
import { addDays } from '~/lib/dates';
import { detectRedFlags, type RedFlag } from './red-flags';
import { AGITATION, PAIN, RUN, SLEEP_HOURS, SLEEP_QUALITY, VITALS } from './thresholds';
import { redFlagCodes, type CheckInFacts } from './types';

const RUNS = propertyRuns(300);
const TODAY = '2026-03-10';

/** A calm day: nothing near any limit, so only what a property sets can flag. */
function calm(localDate: string, more: Partial<CheckInFacts> = {}): CheckInFacts {
  return {
    localDate,
    scores: { spasticity: 3, sleepQuality: 7, restlessness: 2, anxiety: 2, pain: 2 },
    sleepHours: 7.5,
    dosesPlanned: 3,
    dosesMissed: 0,
    redFlags: [],
    heartRate: null,
    systolic: null,
    diastolic: null,
    ...more,
  };
}

type Measure = 'pain' | 'agitation' | 'sleepHours' | 'sleepQuality';

/** A check-in whose `measure` is `value` (undefined: left blank); the other measures stay calm. */
function withValue(localDate: string, measure: Measure, value: number | undefined): CheckInFacts {
  const base = calm(localDate);
  switch (measure) {
    case 'pain':
      return { ...base, scores: { ...base.scores, pain: value } };
    case 'agitation':
      // Agitation is the higher of the two: put the value on restlessness, keep anxiety out of the way.
      return { ...base, scores: { ...base.scores, restlessness: value, anxiety: value === undefined ? undefined : 0 } };
    case 'sleepQuality':
      return { ...base, scores: { ...base.scores, sleepQuality: value } };
    case 'sleepHours':
      return { ...base, sleepHours: value ?? null };
  }
}

const flagOf = (flags: RedFlag[], code: RedFlag['code']) => flags.find((f) => f.code === code);

/** A day of the history: no check-in, a check-in with the measure blank, or a value. */
type Day = { kind: 'none' } | { kind: 'blank' } | { kind: 'value'; value: number };

function historyOf(measure: Measure, days: readonly Day[]): { today: CheckInFacts | undefined; recent: CheckInFacts[] } {
  // days[0] is today, days[i] is i days ago.
  const facts = days.map((d, ago): CheckInFacts | undefined => {
    const date = addDays(TODAY, -ago);
    if (d.kind === 'none') return undefined;
    return withValue(date, measure, d.kind === 'value' ? d.value : undefined);
  });
  const [today, ...rest] = facts;
  return { today, recent: rest.filter((c): c is CheckInFacts => c !== undefined) };
}

/**
 * The rules read plainly, as a reference written apart from red-flags.ts: every run of answered days ending
 * today (each next answered day at most one missing day after the one before, within the look-back) is
 * tried, and the pattern holds when any of them meets a rule.
 */
function oracle(days: readonly Day[], meets: (run: number[]) => boolean): boolean {
  const answered: { ago: number; value: number }[] = [];
  days.forEach((d, ago) => {
    if (d.kind === 'value' && ago <= RUN.lookbackDays) answered.push({ ago, value: d.value });
  });
  if (answered[0]?.ago !== 0) return false;
  for (let n = 1; n <= answered.length; n++) {
    const run = answered.slice(0, n);
    const joined = run.every((r, i) => i === 0 || r.ago - (run[i - 1]?.ago ?? 0) <= RUN.maxGapDays + 1);
    if (joined && meets(run.map((r) => r.value).reverse())) return true;
  }
  return false;
}

const longEnough = (run: number[]) => run.length >= RUN.minDays;
const first = (run: number[]) => run[0] ?? NaN;
const last = (run: number[]) => run.at(-1) ?? NaN;
const nonDecreasing = (run: number[]) => run.every((v, i) => i === 0 || v >= (run[i - 1] ?? Infinity));
const nonIncreasing = (run: number[]) => run.every((v, i) => i === 0 || v <= (run[i - 1] ?? -Infinity));

const escalates = (limits: { risingTo: number; minRise: number; severeFrom: number }) => (run: number[]) =>
  longEnough(run) &&
  ((nonDecreasing(run) && last(run) - first(run) >= limits.minRise && last(run) >= limits.risingTo) || run.every((v) => v >= limits.severeFrom));

const shortSleep = (run: number[]) =>
  longEnough(run) &&
  ((nonIncreasing(run) && first(run) - last(run) >= SLEEP_HOURS.minFall && last(run) <= SLEEP_HOURS.fallingTo) || run.every((v) => v <= SLEEP_HOURS.severeAtMost));

const poorQuality = (run: number[]) => longEnough(run) && run.every((v) => v <= SLEEP_QUALITY.poorAtMost);

/** Ten days (today and nine before, past the look-back), values drawn near the limits so they are met often. */
const daysOf = (value: fc.Arbitrary<number>): fc.Arbitrary<Day[]> =>
  fc.array(
    fc.oneof(
      { weight: 1, arbitrary: fc.constant<Day>({ kind: 'none' }) },
      { weight: 1, arbitrary: fc.constant<Day>({ kind: 'blank' }) },
      { weight: 6, arbitrary: value.map((v): Day => ({ kind: 'value', value: v })) },
    ),
    { minLength: 10, maxLength: 10 },
  );

const score = fc.integer({ min: 0, max: 10 });
const highScore = fc.integer({ min: 4, max: 10 });
const hours = fc.integer({ min: 0, max: 16 }).map((h) => h / 2);

describe('rising with plateaus and one missed day', () => {
  /**
   * A non-decreasing run ending today, rising by at least the limit and ending at or above it, with each
   * answered day at most one missing day after the one before, and anything at all before the run.
   */
  const risingRun = (limits: { risingTo: number; minRise: number }) =>
    fc
      .record({
        values: fc.array(score, { minLength: RUN.minDays, maxLength: 6 }).map((v) => [...v].sort((a, b) => a - b)),
        gaps: fc.array(fc.constantFrom<Day['kind']>('value', 'none', 'blank'), { minLength: 6, maxLength: 6 }),
        before: fc.array(fc.option(score, { nil: undefined }), { maxLength: 4 }),
      })
      .filter(({ values }) => last(values) >= limits.risingTo && last(values) - first(values) >= limits.minRise);

  it.each([
    ['pain', 'escalating-pain', PAIN],
    ['agitation', 'escalating-agitation', AGITATION],
  ] as const)('%s: always flagged, with every day of the run in the evidence', (measure, code, limits) => {
    fc.assert(
      fc.property(risingRun(limits), ({ values, gaps, before }) => {
        // Lay the run out backwards from today: after each answered day, maybe one missing day.
        const reversed = [...values].reverse();
        const placed: { ago: number; value: number }[] = [];
        const missing: { ago: number; kind: Day['kind'] }[] = [];
        let ago = 0;
        reversed.forEach((value, i) => {
          placed.push({ ago, value });
          const gap = gaps[i] ?? 'value';
          if (i < reversed.length - 1 && gap !== 'value') {
            missing.push({ ago: ago + 1, kind: gap });
            ago += 2;
          } else ago += 1;
        });
        fc.pre(ago - 1 <= RUN.lookbackDays);
        const recent = placed.filter((p) => p.ago > 0).map((p) => withValue(addDays(TODAY, -p.ago), measure, p.value));
        for (const m of missing) if (m.kind === 'blank') recent.push(withValue(addDays(TODAY, -m.ago), measure, undefined));
        // Whatever came before the run can only lengthen it, never undo it.
        before.forEach((value, i) => recent.push(withValue(addDays(TODAY, -(ago + i)), measure, value)));
        const flag = flagOf(detectRedFlags(withValue(TODAY, measure, last(values)), recent), code);
        expect(flag).toBeDefined();
        const dates = new Set(flag?.evidence.map((e) => e.date));
        for (const p of placed) expect(dates.has(addDays(TODAY, -p.ago))).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('a fall today (below the last answered day) is never read as rising: only staying severe can flag', () => {
    fc.assert(
      fc.property(daysOf(score), fc.integer({ min: 1, max: 10 }), (days, drop) => {
        const { recent } = historyOf('pain', days);
        // `recent` is newest first: the last answered day the run could join today through.
        const previous = recent.find((c) => c.scores.pain !== undefined && c.localDate >= addDays(TODAY, -(RUN.maxGapDays + 1)));
        fc.pre(previous?.scores.pain !== undefined);
        const todayPain = Math.max(0, (previous?.scores.pain ?? 0) - drop);
        fc.pre(todayPain < (previous?.scores.pain ?? 0) && todayPain < PAIN.severeFrom);
        expect(flagOf(detectRedFlags(withValue(TODAY, 'pain', todayPain), recent), 'escalating-pain')).toBeUndefined();
      }),
      { numRuns: RUNS },
    );
  });
});

describe('every pattern agrees with the thresholds read plainly', () => {
  it.each([
    ['pain', 'escalating-pain', escalates(PAIN), highScore],
    ['agitation', 'escalating-agitation', escalates(AGITATION), highScore],
    ['sleepHours', 'escalating-insomnia', shortSleep, hours],
    ['sleepQuality', 'escalating-insomnia', poorQuality, fc.integer({ min: 0, max: 5 })],
  ] as const)('%s', (measure, code, meets, value) => {
    fc.assert(
      fc.property(daysOf(value), (days) => {
        const { today, recent } = historyOf(measure, days);
        const flags = detectRedFlags(today ?? withValue(TODAY, measure, undefined), recent);
        const flag = flagOf(flags, code);
        expect(Boolean(flag)).toBe(oracle(days, meets));
        // The evidence is one run of this measure's days ending today, oldest first.
        if (flag) {
          const dates = flag.evidence.map((e) => e.date);
          expect(dates.at(-1)).toBe(TODAY);
          expect([...dates].sort()).toEqual(dates);
          expect(flag.evidence.every((e) => e.measure === measure)).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe('vital signs entered today', () => {
  // The ranges the check-in form accepts.
  const vitals = fc.record({
    heartRate: fc.option(fc.integer({ min: 30, max: 250 }), { nil: null }),
    systolic: fc.option(fc.integer({ min: 50, max: 260 }), { nil: null }),
    diastolic: fc.option(fc.integer({ min: 30, max: 160 }), { nil: null }),
  });

  it('flag exactly beyond each limit, whatever earlier days entered, each with its value as evidence', () => {
    fc.assert(
      fc.property(vitals, fc.array(vitals, { maxLength: 7 }), (today, earlier) => {
        const recent = earlier.map((v, i) => calm(addDays(TODAY, -(i + 1)), v));
        const flags = detectRedFlags(calm(TODAY, today), recent);
        const expected: [string, boolean][] = [
          ['high-heart-rate', today.heartRate !== null && today.heartRate > VITALS.heartRateAbove],
          ['low-heart-rate', today.heartRate !== null && today.heartRate < VITALS.heartRateBelow],
          ['high-systolic', today.systolic !== null && today.systolic >= VITALS.systolicFrom],
          ['low-systolic', today.systolic !== null && today.systolic < VITALS.systolicBelow],
          ['high-diastolic', today.diastolic !== null && today.diastolic >= VITALS.diastolicFrom],
        ];
        expect(flags.map((f) => f.code)).toEqual(expected.filter(([, beyond]) => beyond).map(([code]) => code));
        for (const flag of flags) {
          const measure = flag.code.endsWith('heart-rate') ? 'heartRate' : flag.code.endsWith('systolic') ? 'systolic' : 'diastolic';
          expect(flag).toEqual({ code: flag.code, kind: 'vital', evidence: [{ date: TODAY, value: today[measure], measure }] });
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('a single vital beyond its limit always flags; within every limit nothing flags', () => {
    const within = fc.record({
      heartRate: fc.integer({ min: VITALS.heartRateBelow, max: VITALS.heartRateAbove }),
      systolic: fc.integer({ min: VITALS.systolicBelow, max: VITALS.systolicFrom - 1 }),
      diastolic: fc.integer({ min: 30, max: VITALS.diastolicFrom - 1 }),
    });
    const beyond = fc.oneof(
      fc.integer({ min: VITALS.heartRateAbove + 1, max: 250 }).map((v) => ['heartRate', v, 'high-heart-rate'] as const),
      fc.integer({ min: 30, max: VITALS.heartRateBelow - 1 }).map((v) => ['heartRate', v, 'low-heart-rate'] as const),
      fc.integer({ min: VITALS.systolicFrom, max: 260 }).map((v) => ['systolic', v, 'high-systolic'] as const),
      fc.integer({ min: 50, max: VITALS.systolicBelow - 1 }).map((v) => ['systolic', v, 'low-systolic'] as const),
      fc.integer({ min: VITALS.diastolicFrom, max: 160 }).map((v) => ['diastolic', v, 'high-diastolic'] as const),
    );
    fc.assert(
      fc.property(within, beyond, (normal, [measure, value, code]) => {
        expect(detectRedFlags(calm(TODAY, normal), [])).toEqual([]);
        expect(detectRedFlags(calm(TODAY, { ...normal, [measure]: value }), []).map((f) => f.code)).toEqual([code]);
      }),
      { numRuns: RUNS },
    );
  });
  it('every warning sign the patient reports is one reported flag, in the question order, whatever else the day holds', () => {
    fc.assert(
      fc.property(
        fc.subarray([...redFlagCodes]),
        fc.shuffledSubarray([...redFlagCodes]),
        fc.record({ heartRate: fc.option(fc.integer({ min: 30, max: 250 })), systolic: fc.option(fc.integer({ min: 50, max: 260 })) }),
        (reported, repeated, vitals) => {
          // Given out of order and with repeats: each still flags once, as its own question.
          const flags = detectRedFlags(calm(TODAY, { ...vitals, redFlags: [...repeated.filter((c) => reported.includes(c)), ...reported] }), []);
          const asked = flags.filter((f) => f.kind === 'reported');
          expect(asked.map((f) => f.code)).toEqual(reported);
          for (const flag of asked) expect(flag.evidence).toEqual([{ date: TODAY, value: true, measure: 'reported' }]);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
