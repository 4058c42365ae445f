// Property tests: random criteria, check-in histories and dates, and the invariants the evaluator must keep
// (matched days inside the window and meeting the rule, fired iff enough days, monotonicity, caution).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '~/lib/testing/property-runs';
import { scoreKeys, scoreScale, type CheckInFacts, type ScoreKey } from '../checkins/types';
import { addDays, daysBetween } from '~/lib/dates';
import { caution, compare, evaluateCriteria, latestPerDate, matchCriterion, recommend, type Baseline } from './evaluate';
import { comparators, criterionActions, metricRange, stepActions, type Comparator, type Criterion, type Fired, type Metric } from './types';

// The everyday run tries 1500 cases per property; the long run (npm run test:properties) 10,000.
const RUNS = propertyRuns(1500);

const scoreKey = fc.constantFrom(...scoreKeys);

const metric: fc.Arbitrary<Metric> = fc.oneof(
  scoreKey.map((key) => ({ kind: 'score' as const, key })),
  fc.constant({ kind: 'sleepHours' as const }),
  fc.constant({ kind: 'dosesMissed' as const }),
  scoreKey.map((key) => ({ kind: 'changeFromBaseline' as const, key })),
  fc.constant({ kind: 'noCheckIn' as const }),
);

/** Thresholds on whole and half points across the metric's range, so "equal to the threshold" happens often. */
function thresholdFor(m: Metric): fc.Arbitrary<number> {
  const { min, max } = metricRange(m);
  return fc.integer({ min: min * 2, max: max * 2 }).map((h) => h / 2);
}

const criterion: fc.Arbitrary<Criterion> = metric.chain((m) =>
  fc
    .record({
      id: fc.uuid(),
      label: fc.constant('generated'),
      metric: fc.constant(m),
      comparator: fc.constantFrom(...comparators),
      threshold: thresholdFor(m),
      windowDays: fc.integer({ min: 1, max: 28 }),
      minDaysFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      action: fc.constantFrom(...criterionActions),
    })
    .map(({ minDaysFraction, ...c }) => ({ ...c, minDays: Math.max(1, Math.ceil(minDaysFraction * c.windowDays)) })),
);

const scores: fc.Arbitrary<Partial<Record<ScoreKey, number>>> = fc
  .tuple(...scoreKeys.map((key) => fc.option(fc.integer({ min: 0, max: scoreScale[key].max }), { nil: undefined })))
  .map((values) => {
    const out: Partial<Record<ScoreKey, number>> = {};
    scoreKeys.forEach((key, i) => {
      const v = values[i];
      if (v !== undefined) out[key] = v;
    });
    return out;
  });

const ORIGIN = '2026-01-01';

/** A check-in dated relative to asOf: from 35 days before to 5 days after, so windows see all cases. */
const checkInAt = (asOf: string, offset: fc.Arbitrary<number>): fc.Arbitrary<CheckInFacts> =>
  fc.record({
    localDate: offset.map((o) => addDays(asOf, o)),
    scores,
    sleepHours: fc.option(fc.integer({ min: 0, max: 24 }).map((h) => h / 2), { nil: null }),
    dosesPlanned: fc.constant(3),
    dosesMissed: fc.integer({ min: 0, max: 3 }),
    redFlags: fc.constant([]),
  });

const baseline: fc.Arbitrary<Baseline> = scores;

const scenario = fc.integer({ min: 0, max: 800 }).chain((o) => {
  const asOf = addDays(ORIGIN, o);
  return fc.record({
    asOf: fc.constant(asOf),
    criteria: fc.array(criterion, { minLength: 0, maxLength: 8 }),
    // Dense histories with repeats: fewer dates than check-ins, so duplicates per date are common.
    checkIns: fc.array(checkInAt(asOf, fc.integer({ min: -35, max: 5 })), { maxLength: 40 }),
    baseline,
  });
});

/** A reference reading of one day, written apart from the evaluator: the last check-in with that date. */
function oracleValue(m: Metric, checkIns: readonly CheckInFacts[], date: string, base: Baseline): number | undefined {
  const same = checkIns.filter((c) => c.localDate === date);
  const c = same[same.length - 1];
  if (m.kind === 'noCheckIn') return same.length === 0 ? 1 : 0;
  if (c === undefined) return undefined;
  if (m.kind === 'score') return c.scores[m.key];
  if (m.kind === 'sleepHours') return c.sleepHours === null ? undefined : c.sleepHours;
  if (m.kind === 'dosesMissed') return c.dosesMissed;
  const s = c.scores[m.key];
  const b = base[m.key];
  return s === undefined || b === undefined ? undefined : s - b;
}

function oracleCount(c: Criterion, checkIns: readonly CheckInFacts[], asOf: string, base: Baseline): number {
  let n = 0;
  for (let i = 0; i < c.windowDays; i++) {
    const v = oracleValue(c.metric, checkIns, addDays(asOf, -i), base);
    if (v !== undefined && compare(v, c.comparator, c.threshold)) n++;
  }
  return n;
}

describe('evaluateCriteria, for any criteria and any history', () => {
  it('matched days are inside the window, in order, once each, each meeting the rule; fired iff enough days', () => {
    fc.assert(
      fc.property(scenario, ({ asOf, criteria, checkIns, baseline: base }) => {
        const fired = evaluateCriteria(criteria, checkIns, asOf, base);
        const byDate = latestPerDate(checkIns);
        const firedIds = new Set(fired.map((f) => f.criterionId));
        for (const c of criteria) {
          const m = matchCriterion(c, byDate, asOf, base);
          expect(m.windowEnd).toBe(asOf);
          expect(daysBetween(m.windowStart, asOf)).toBe(c.windowDays - 1);
          m.matched.forEach((d, i) => {
            const ago = daysBetween(d.date, asOf);
            expect(ago).toBeGreaterThanOrEqual(0);
            expect(ago).toBeLessThan(c.windowDays);
            if (i > 0) expect(d.date > (m.matched[i - 1]?.date ?? '')).toBe(true);
            expect(compare(d.value, c.comparator, c.threshold)).toBe(true);
            const expected = oracleValue(c.metric, checkIns, d.date, base);
            expect(expected).toBeDefined();
            expect(d.value).toBeCloseTo(expected ?? NaN, 9);
          });
          // Complete as well as sound: exactly the days a plain reading of the rule finds.
          expect(m.matched.length).toBe(oracleCount(c, checkIns, asOf, base));
          expect(m.fired).toBe(m.matched.length >= c.minDays);
          expect(firedIds.has(c.id)).toBe(m.fired);
        }
        // What is returned is those same matches, in the criteria's order.
        const expected = criteria.filter((c) => firedIds.has(c.id));
        expect(fired.map((f) => f.criterionId)).toEqual(expected.map((c) => c.id));
        for (const f of fired) {
          const c = criteria.find((x) => x.id === f.criterionId);
          if (!c) throw new Error('fired an unknown criterion');
          const m = matchCriterion(c, byDate, asOf, base);
          expect(f).toEqual({ criterionId: c.id, label: c.label, action: c.action, windowStart: m.windowStart, windowEnd: m.windowEnd, matched: m.matched });
          expect(f.matched.length).toBeGreaterThanOrEqual(c.minDays);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('does not depend on the order of check-ins when each date appears once', () => {
    fc.assert(
      fc.property(
        scenario.chain((s) => {
          const unique = [...latestPerDate(s.checkIns).values()];
          return fc.record({ s: fc.constant(s), unique: fc.constant(unique), shuffled: fc.shuffledSubarray(unique, { minLength: unique.length }) });
        }),
        ({ s: { asOf, criteria, baseline: base }, unique, shuffled }) => {
          expect(evaluateCriteria(criteria, shuffled, asOf, base)).toEqual(evaluateCriteria(criteria, unique, asOf, base));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a check-in outside every window changes nothing', () => {
    fc.assert(
      fc.property(scenario, fc.boolean(), fc.integer({ min: 1, max: 60 }), ({ asOf, criteria, checkIns, baseline: base }, after, distance) => {
        const before = evaluateCriteria(criteria, checkIns, asOf, base);
        const date = after ? addDays(asOf, distance) : addDays(asOf, -(28 + distance - 1));
        const extra: CheckInFacts = { localDate: date, scores: { spasticity: 10, sleepQuality: 0 }, sleepHours: 0, dosesPlanned: 3, dosesMissed: 3, redFlags: [] };
        // Outside the window unless an earlier check-in had that date (then the last one given would win).
        if (checkIns.some((c) => c.localDate === date)) return;
        expect(evaluateCriteria(criteria, [...checkIns, extra], asOf, base)).toEqual(before);
      }),
      { numRuns: RUNS },
    );
  });
});

/** A value that meets `comparator threshold`, some way past it. */
function meeting(comparator: Comparator, threshold: number, slack: number): number {
  switch (comparator) {
    case '>=':
      return threshold + slack;
    case '>':
      return threshold + 0.5 + slack;
    case '<=':
      return threshold - slack;
    case '<':
      return threshold - 0.5 - slack;
  }
}

const thresholdCriterion = criterion.filter((c) => c.metric.kind !== 'noCheckIn');

describe('monotonicity', () => {
  it('adding a check-in inside the window that meets a threshold criterion never un-fires it, and never lowers its count', () => {
    fc.assert(
      fc.property(
        scenario,
        thresholdCriterion,
        fc.nat(),
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 10 }),
        ({ asOf, checkIns, baseline: base }, c, dayPick, slack, baseScore) => {
          const date = addDays(asOf, -(dayPick % c.windowDays));
          const value = meeting(c.comparator, c.threshold, slack);
          const b: Baseline = { ...base };
          const extra: CheckInFacts = { localDate: date, scores: {}, sleepHours: 7, dosesPlanned: 3, dosesMissed: 0, redFlags: [] };
          switch (c.metric.kind) {
            case 'score':
              extra.scores[c.metric.key] = value;
              break;
            case 'sleepHours':
              extra.sleepHours = value;
              break;
            case 'dosesMissed':
              extra.dosesMissed = value;
              break;
            case 'changeFromBaseline':
              b[c.metric.key] = baseScore;
              extra.scores[c.metric.key] = baseScore + value;
              break;
            case 'noCheckIn':
              return;
          }
          const before = matchCriterion(c, latestPerDate(checkIns), asOf, b);
          const after = matchCriterion(c, latestPerDate([...checkIns, extra]), asOf, b);
          expect(after.matched.map((d) => d.date)).toContain(date);
          expect(after.matched.length).toBeGreaterThanOrEqual(before.matched.length);
          if (before.fired) expect(after.fired).toBe(true);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('adding any check-in never makes a missing-check-in criterion (≥ 1) fire that did not', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 28 }), fc.integer({ min: 0, max: 27 }), ({ asOf, checkIns }, windowDays, back) => {
        const c: Criterion = { id: 'n', label: 'n', metric: { kind: 'noCheckIn' }, comparator: '>=', threshold: 1, windowDays, minDays: Math.ceil(windowDays / 2), action: 'notify' };
        const extra: CheckInFacts = { localDate: addDays(asOf, -back), scores: {}, sleepHours: null, dosesPlanned: 3, dosesMissed: 0, redFlags: [] };
        const before = matchCriterion(c, latestPerDate(checkIns), asOf, {});
        const after = matchCriterion(c, latestPerDate([...checkIns, extra]), asOf, {});
        expect(after.matched.length).toBeLessThanOrEqual(before.matched.length);
        if (after.fired) expect(before.fired).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

const firedList: fc.Arbitrary<Fired[]> = fc.array(
  fc.record({
    criterionId: fc.uuid(),
    label: fc.constant('x'),
    action: fc.constantFrom(...criterionActions),
    windowStart: fc.constant('2026-05-08'),
    windowEnd: fc.constant('2026-05-14'),
    matched: fc.constant([]),
  }),
  { maxLength: 12 },
);

const NO_FLAGS = { redFlags: [] };

describe('recommend, for any fired criteria', () => {
  it('is never less cautious than any fired step action, and gives exactly the criteria that asked for it', () => {
    fc.assert(
      fc.property(firedList, (fired) => {
        const { recommendation, because } = recommend(fired, NO_FLAGS);
        const steps = fired.flatMap((f) => stepActions.filter((a) => a === f.action));
        for (const a of steps) expect(caution(recommendation)).toBeGreaterThanOrEqual(caution(a));
        // Nothing is invented: the recommendation is a fired step action, or go, or (after an urgent
        // criterion, which never lets it be go) hold.
        const urgent = fired.some((f) => f.action === 'urgent');
        if (recommendation !== 'go' && !(urgent && recommendation === 'hold')) expect(steps).toContain(recommendation);
        expect(because).toEqual(fired.filter((f) => f.action === recommendation));
        expect(because.some((f) => f.action === 'urgent' || f.action === 'notify')).toBe(false);
        // Notify alone never moves it.
        const withoutNotify = fired.filter((f) => f.action !== 'notify');
        expect(recommend(withoutNotify, NO_FLAGS)).toEqual(recommend(fired, NO_FLAGS));
      }),
      { numRuns: RUNS },
    );
  });
});

const stepRedFlags = fc.array(
  fc.record({
    code: fc.constantFrom('hallucinations', 'seizure', 'high-systolic', 'low-heart-rate', 'escalating-pain'),
    date: fc.integer({ min: 0, max: 13 }).map((d) => addDays('2026-05-01', d)),
  }),
  { maxLength: 5 },
);

describe('recommend, for any fired criteria and red flags during the step', () => {
  it('is never go after a red flag or an urgent criterion, at least as cautious as any step criterion, and go only when nothing fired', () => {
    fc.assert(
      fc.property(firedList, stepRedFlags, (fired, redFlags) => {
        const rec = recommend(fired, { redFlags });
        const urgent = fired.filter((f) => f.action === 'urgent');
        const cautious = fired.filter((f) => f.action === 'hold' || f.action === 'slow' || f.action === 'step-back');
        if (redFlags.length > 0 || urgent.length > 0) expect(rec.recommendation).not.toBe('go');
        for (const f of fired) {
          const a = f.action;
          if (a === 'go' || a === 'hold' || a === 'slow' || a === 'step-back') expect(caution(rec.recommendation)).toBeGreaterThanOrEqual(caution(a));
        }
        // 'go' exactly when no red flag, no urgent criterion and no hold, slow or step-back criterion.
        expect(rec.recommendation === 'go').toBe(redFlags.length === 0 && urgent.length === 0 && cautious.length === 0);
        // The safety alone never asks for more than hold.
        expect(recommend(fired, { redFlags }).recommendation).toBe(cautious.length ? recommend(cautious, NO_FLAGS).recommendation : urgent.length || redFlags.length ? 'hold' : 'go');
        // Every reason is listed: each distinct red flag once, oldest first, then each urgent criterion.
        const flagReasons = rec.safety.flatMap((r) => (r.kind === 'red-flag' ? [`${r.date} ${r.code}`] : []));
        expect(flagReasons).toEqual([...new Set(redFlags.map((r) => `${r.date} ${r.code}`))].sort((a, b) => a.slice(0, 10).localeCompare(b.slice(0, 10))));
        expect(rec.safety.flatMap((r) => (r.kind === 'urgent-criterion' ? [r.fired] : []))).toEqual(urgent);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
