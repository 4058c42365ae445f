// fast-check arbitraries of taper regimens, shared by the engine's property tests and the export tests.
import fc from 'fast-check';
import { addDays } from '~/lib/dates';
import { takeableTable, toMg, toUnits } from '~/lib/taper/takeable';
import type { Formulation, TaperInput } from '~/lib/taper/types';

export const formulation: fc.Arbitrary<Formulation> = fc.oneof(
  fc.record({ kind: fc.constant('tablet' as const), strengthMg: fc.constantFrom(5, 10, 15, 20, 25), scored: fc.boolean() }),
  fc.record({
    kind: fc.constant('liquid' as const),
    mgPerMl: fc.constantFrom(1, 2, 5),
    minMeasurableMl: fc.constantFrom(0.1, 0.2, 0.5, 1),
  }),
);

const doseTimeSets = [['22:00'], ['08:00', '20:00'], ['08:00', '14:00', '22:00'], ['07:00', '12:00', '17:00', '22:00']];

/** A regimen the engine accepts: current and target doses the products can give, as in real life. */
export const taperInputArb: fc.Arbitrary<TaperInput> = fc
  .record({
    formulations: fc.array(formulation, { minLength: 1, maxLength: 3 }),
    wantedCurrent: fc.integer({ min: 5, max: 80 }),
    times: fc.constantFrom(...doseTimeSets),
    weighted: fc.option(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 4, maxLength: 4 }), { nil: undefined }),
    strategy: fc.oneof(
      fc.record({ kind: fc.constant('fixed' as const), mgPerStep: fc.constantFrom(1, 2.5, 5, 7.5, 10) }),
      fc.record({
        kind: fc.constant('percent' as const),
        percent: fc.integer({ min: 5, max: 25 }),
        minCutMg: fc.constantFrom(0.5, 1, 2.5),
        maxCutMg: fc.constantFrom(5, 10),
      }),
    ),
    stepDays: fc.integer({ min: 7, max: 28 }),
    maxCutPercent: fc.integer({ min: 10, max: 50 }),
    maintenanceFraction: fc.option(fc.double({ min: 0.1, max: 0.8, noNaN: true }), { nil: undefined }),
    stopAtMg: fc.option(fc.constantFrom(1, 2, 2.5, 5, 7.5, 10), { nil: undefined }),
    followUpDays: fc.option(fc.integer({ min: 1, max: 60 }), { nil: undefined }),
    reverseDrop: fc.boolean(),
    slowFactor: fc.option(fc.constantFrom(0.9, 0.75, 0.5625), { nil: undefined }),
    startOffset: fc.integer({ min: 0, max: 600 }),
  })
  .map((r) => {
    // The current and target doses are ones the formulations can give, as in real life.
    const table = takeableTable(r.formulations, 81);
    const current = table.reachable(toUnits(r.wantedCurrent)) ? toUnits(r.wantedCurrent) : table.below(toUnits(r.wantedCurrent));
    const wantedTarget = r.maintenanceFraction === undefined ? 0 : Math.floor(current * r.maintenanceFraction);
    const target = wantedTarget === 0 || table.reachable(wantedTarget) ? wantedTarget : Math.max(0, table.below(wantedTarget));
    const weights = r.weighted?.slice(0, r.times.length);
    const input: TaperInput = {
      currentDailyMg: toMg(current),
      doseTimes: r.times,
      split: weights && weights.some((w) => w > 0) ? { kind: 'weighted' as const, weights } : { kind: 'even' as const },
      formulations: r.formulations,
      strategy: r.strategy,
      stepDays: r.stepDays,
      targetDailyMg: toMg(target),
      startDate: addDays('2026-01-01', r.startOffset),
      maxCutPercent: r.maxCutPercent,
    };
    if (r.stopAtMg !== undefined) input.stopAtMg = r.stopAtMg;
    if (r.followUpDays !== undefined) input.followUpDays = r.followUpDays;
    if (r.reverseDrop) input.dropOrder = [...r.times].reverse();
    if (r.slowFactor !== undefined) input.slowFactor = r.slowFactor;
    return input;
  })
  .filter((input) => input.currentDailyMg > input.targetDailyMg && input.currentDailyMg > 0);
