// Property tests of the trends series: random plans and check-in histories, and the invariants adherence, weeks and the series keep.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreKeys } from '../checkins/types';
import { addDays, daysBetween } from '~/lib/dates';
import type { TaperStep } from '../taper/types';
import { adherence, daySeries, rangeBounds, weeklyAverages, type CheckInRecord, type DoseRecord, type PlanVersionFacts } from './series';

const RUNS = 500;
const BASE = '2026-01-01';

const dose: fc.Arbitrary<DoseRecord> = fc.oneof(
  fc.record({ takenMg: fc.integer({ min: 0, max: 80 }).map((h) => h / 2), status: fc.constantFrom('taken' as const, 'changed' as const) }),
  fc.constant({ takenMg: null, status: 'missed' as const }),
);

const stepsArb: fc.Arbitrary<TaperStep[]> = fc
  .record({ offset: fc.integer({ min: -20, max: 40 }), days: fc.integer({ min: 1, max: 21 }), dailies: fc.array(fc.integer({ min: 0, max: 80 }), { minLength: 1, maxLength: 6 }), times: fc.integer({ min: 1, max: 6 }) })
  .map(({ offset, days, dailies, times }) =>
    dailies.map((mg, i) => ({
      index: i,
      startDate: addDays(BASE, offset + i * days),
      endDate: addDays(BASE, offset + (i + 1) * days - 1),
      days,
      dailyMg: mg,
      cutMg: 0,
      doses: Array.from({ length: times }, (_, k) => ({ time: `${String(6 + k * 3).padStart(2, '0')}:00`, mg: mg / times, take: [] })),
      notes: [],
    })),
  );

const versionsArb: fc.Arbitrary<PlanVersionFacts[]> = fc
  .array(
    fc.record({
      status: fc.constantFrom('proposed' as const, 'active' as const, 'paused' as const, 'completed' as const, 'stopped' as const),
      at: fc.integer({ min: -30, max: 60 }),
      steps: stepsArb,
    }),
    { maxLength: 5 },
  )
  .map((list) =>
    list
      .sort((a, b) => a.at - b.at)
      .map((x, i) => ({ planId: 'p', version: i + 1, status: x.status, action: 'edit', effectiveFrom: addDays(BASE, x.at), steps: x.steps })),
  );

const checkInsArb: fc.Arbitrary<CheckInRecord[]> = fc
  .uniqueArray(fc.integer({ min: -10, max: 70 }), { maxLength: 40 })
  .chain((offsets) =>
    fc.tuple(
      ...offsets.map((o) =>
        fc.record({
          doses: fc.array(dose, { maxLength: 8 }),
          spasticity: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
          sleepQuality: fc.option(fc.integer({ min: 0, max: 10 }), { nil: null }),
          flag: fc.boolean(),
        }).map((r) => ({ localDate: addDays(BASE, o), doses: r.doses, scores: { spasticity: r.spasticity, sleepQuality: r.sleepQuality }, redFlags: r.flag ? ['seizure'] : [] })),
      ),
    ),
  );

const span = fc.record({ start: fc.integer({ min: -15, max: 50 }), length: fc.integer({ min: 1, max: 60 }), todayAt: fc.integer({ min: -20, max: 120 }) });

describe('trends series properties', () => {
  it('has exactly one point per day of the range, in order, and nothing from outside it', () => {
    fc.assert(
      fc.property(versionsArb, checkInsArb, span, (versions, checkIns, w) => {
        const from = addDays(BASE, w.start);
        const to = addDays(from, w.length - 1);
        const days = daySeries(from, to, versions, checkIns, ['spasticity']);
        expect(days.map((d) => d.date)).toEqual(Array.from({ length: w.length }, (_, i) => addDays(from, i)));
        const inside = new Set(checkIns.map((c) => c.localDate).filter((d) => d >= from && d <= to));
        expect(days.filter((d) => d.checkedIn).length).toBe(inside.size);
        for (const d of days) {
          if (d.plannedMg === null) expect(d.plannedDoses).toBe(0);
          if (d.takenMg !== null) expect(d.takenMg).toBeGreaterThanOrEqual(0);
          expect(Object.keys(d.scores).every((k) => k === 'spasticity')).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('splits planned doses exactly into taken, missed and unrecorded, with a percentage between 0 and 100', () => {
    fc.assert(
      fc.property(versionsArb, checkInsArb, span, (versions, checkIns, w) => {
        const from = addDays(BASE, w.start);
        const days = daySeries(from, addDays(from, w.length - 1), versions, checkIns, []);
        const today = addDays(BASE, w.todayAt);
        const a = adherence(days, today);
        expect(a.takenDoses + a.missedDoses + a.unrecordedDoses).toBe(a.plannedDoses);
        expect(Math.min(a.takenDoses, a.missedDoses, a.unrecordedDoses)).toBeGreaterThanOrEqual(0);
        expect(a.plannedDoses).toBe(days.filter((d) => d.date <= today).reduce((s, d) => s + d.plannedDoses, 0));
        if (a.percentTaken === null) expect(a.plannedDoses).toBe(0);
        else {
          expect(a.percentTaken).toBeGreaterThanOrEqual(0);
          expect(a.percentTaken).toBeLessThanOrEqual(100);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('covers the days up to today with weeks of at most 7 days, the last ending today, each average within its days’ values', () => {
    fc.assert(
      fc.property(versionsArb, checkInsArb, span, (versions, checkIns, w) => {
        const from = addDays(BASE, w.start);
        const days = daySeries(from, addDays(from, w.length - 1), versions, checkIns, ['spasticity', 'sleepQuality']);
        const today = addDays(BASE, w.todayAt);
        const past = days.filter((d) => d.date <= today);
        const weeks = weeklyAverages(days, today, ['spasticity', 'sleepQuality']);
        expect(weeks.reduce((s, wk) => s + wk.days, 0)).toBe(past.length);
        if (past.length) expect(weeks.at(-1)?.end).toBe(past.at(-1)?.date);
        for (const [i, wk] of weeks.entries()) {
          expect(wk.days).toBe(daysBetween(wk.start, wk.end) + 1);
          expect(wk.days).toBeLessThanOrEqual(7);
          if (i > 0) expect(wk.days).toBe(7);
          const inWeek = past.filter((d) => d.date >= wk.start && d.date <= wk.end);
          const values = inWeek.flatMap((d) => (d.scores.spasticity === undefined ? [] : [d.scores.spasticity]));
          if (values.length === 0) expect(wk.scores.spasticity).toBeUndefined();
          else {
            expect(wk.scores.spasticity).toBeGreaterThanOrEqual(Math.min(...values) - 0.05);
            expect(wk.scores.spasticity).toBeLessThanOrEqual(Math.max(...values) + 0.05);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('bounds every range: fixed ranges end today, the whole taper contains today and every check-in it was given', () => {
    fc.assert(
      fc.property(versionsArb, fc.option(fc.integer({ min: -400, max: 100 }), { nil: null }), fc.integer({ min: -20, max: 120 }), (versions, firstAt, todayAt) => {
        const today = addDays(BASE, todayAt);
        const first = firstAt === null ? null : addDays(BASE, firstAt);
        expect(rangeBounds('2w', today, versions, first)).toEqual({ from: addDays(today, -13), to: today });
        const all = rangeBounds('all', today, versions, first);
        expect(all.from <= today && today <= all.to).toBe(true);
        if (first && first <= today) expect(all.from <= first).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });
});

// Every score key is a valid metric for the series.
it('accepts every score key as a metric', () => {
  const days = daySeries(BASE, BASE, [], [{ localDate: BASE, doses: [], scores: Object.fromEntries(scoreKeys.map((k) => [k, 1])), redFlags: [] }], scoreKeys);
  expect(Object.keys(days[0]?.scores ?? {}).sort()).toEqual([...scoreKeys].sort());
});
