// Property tests: thousands of random regimens, formulations and strategies, and the invariants every
// schedule must keep (takeable doses, no increase, the clinician's cap, contiguous dates, the target).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editStep, extend, resume, slow, stepBack, stepIndexOn, type Plan } from './adjust';
import { checkSchedule } from './check';
import { addDays } from './dates';
import { generateSchedule } from './engine';
import { takeableTable, toMg, toUnits } from './takeable';
import { TaperError, type Formulation, type TaperInput } from './types';

const normal = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

const formulation: fc.Arbitrary<Formulation> = fc.oneof(
  fc.record({ kind: fc.constant('tablet' as const), strengthMg: fc.constantFrom(5, 10, 15, 20, 25), scored: fc.boolean() }),
  fc.record({
    kind: fc.constant('liquid' as const),
    mgPerMl: fc.constantFrom(1, 2, 5),
    minMeasurableMl: fc.constantFrom(0.1, 0.2, 0.5, 1),
  }),
);

const doseTimeSets = [['22:00'], ['08:00', '20:00'], ['08:00', '14:00', '22:00'], ['07:00', '12:00', '17:00', '22:00']];

const taperInput: fc.Arbitrary<TaperInput> = fc
  .record({
    formulations: fc.array(formulation, { minLength: 1, maxLength: 3 }),
    wantedCurrent: fc.integer({ min: 10, max: 80 }),
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
    startOffset: fc.integer({ min: 0, max: 600 }),
  })
  .map((r) => {
    // The current and target doses are ones the formulations can give, as in real life.
    const table = takeableTable(r.formulations, 81);
    const current = table.reachable(toUnits(r.wantedCurrent)) ? toUnits(r.wantedCurrent) : table.below(toUnits(r.wantedCurrent));
    const wantedTarget = r.maintenanceFraction === undefined ? 0 : Math.floor(current * r.maintenanceFraction);
    const target = wantedTarget === 0 || table.reachable(wantedTarget) ? wantedTarget : Math.max(0, table.below(wantedTarget));
    const weights = r.weighted?.slice(0, r.times.length);
    return {
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
  })
  .filter((input) => input.currentDailyMg > input.targetDailyMg && input.currentDailyMg > 0);

function scheduleOrTooLong(input: TaperInput) {
  try {
    return generateSchedule(input, normal);
  } catch (error) {
    // The only refusal a valid regimen may get is a schedule too long to be sensible.
    expect(error).toBeInstanceOf(TaperError);
    expect((error as TaperError).code).toBe('too-many-steps');
    return undefined;
  }
}

describe('generateSchedule, for any regimen', () => {
  it('keeps every invariant', () => {
    fc.assert(
      fc.property(taperInput, (input) => {
        const schedule = scheduleOrTooLong(input);
        if (!schedule) return;
        const { steps } = schedule;
        checkSchedule(input, steps);
        expect(steps[0]?.startDate).toBe(input.startDate);
        expect(steps.at(-1)?.dailyMg).toBe(input.targetDailyMg);
        let prev = input.currentDailyMg;
        for (const step of steps) {
          // Strictly down at every step, never by nothing.
          expect(step.dailyMg).toBeLessThan(prev);
          const cap = (prev * input.maxCutPercent) / 100;
          if (step.notes.includes('stretched')) {
            // A cut above the cap only when no smaller takeable cut exists, and then the step is longer.
            expect(step.days).toBeGreaterThanOrEqual(input.stepDays);
            expect(step.cutMg / step.days).toBeLessThanOrEqual(cap / input.stepDays + 1e-9);
          } else {
            expect(step.cutMg).toBeLessThanOrEqual(cap + 1e-9);
            expect(step.days).toBe(input.stepDays);
          }
          expect(step.notes.includes('final')).toBe(step === steps.at(-1));
          prev = step.dailyMg;
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('follows the weights: a dose time with a larger weight never gets less than one with a smaller weight by more than a takeable step', () => {
    fc.assert(
      fc.property(taperInput, (input) => {
        const schedule = scheduleOrTooLong(input);
        if (!schedule || input.split.kind !== 'even') return;
        const table = takeableTable(input.formulations, input.currentDailyMg + 1);
        for (const step of schedule.steps) {
          const mgs = step.doses.map((d) => d.mg);
          const spread = Math.max(...mgs) - Math.min(...mgs);
          // Even split: doses differ by no more than the largest gap between takeable single doses near them.
          let gap = 0;
          for (const mg of mgs) {
            const below = table.below(toUnits(mg));
            if (below >= 0) gap = Math.max(gap, toMg(toUnits(mg) - below));
          }
          expect(spread).toBeLessThanOrEqual(Math.max(gap, step.dailyMg) + 1e-9);
        }
      }),
      { numRuns: 300 },
    );
  });
});

const planAndDay = taperInput.chain((input) => {
  const schedule = (() => {
    try {
      return generateSchedule(input, normal);
    } catch {
      return undefined;
    }
  })();
  const steps = schedule?.steps ?? [];
  const span = steps.length ? steps.reduce((n, s) => n + s.days, 0) : 1;
  return fc.record({
    plan: fc.constant<Plan>({ input, steps }),
    dayOffset: fc.integer({ min: 0, max: span - 1 }),
    days: fc.integer({ min: 1, max: 90 }),
    percent: fc.integer({ min: 5, max: 50 }),
  });
}).filter((r) => r.plan.steps.length > 0);

function keepsHistory(before: Plan, after: Plan, today: string) {
  const i = stepIndexOn(before.steps, today);
  expect(after.steps.slice(0, i)).toEqual(before.steps.slice(0, i));
  expect(after.steps.at(-1)?.dailyMg).toBe(before.input.targetDailyMg);
}

function orTooLong(make: () => Plan): Plan | undefined {
  try {
    return make();
  } catch (error) {
    expect((error as TaperError).code).toBe('too-many-steps');
    return undefined;
  }
}

describe('adjustments, on any plan and any day of it', () => {
  it('extend, resume, slow and step back keep the invariants and never rewrite past steps', () => {
    fc.assert(
      fc.property(planAndDay, ({ plan, dayOffset, days, percent }) => {
        const today = addDays(plan.input.startDate, dayOffset);
        const extended = extend(plan, today, days);
        checkSchedule(extended.input, extended.steps);
        keepsHistory(plan, extended, today);
        const span = (p: Plan) => p.steps.reduce((n, s) => n + s.days, 0);
        expect(span(extended)).toBe(span(plan) + days);

        const resumed = resume(plan, today, addDays(today, days));
        expect(resumed.steps.at(-1)?.endDate).toBe(addDays(plan.steps.at(-1)?.endDate ?? '', days));

        const slowed = orTooLong(() => slow(plan, today, percent));
        if (slowed) {
          checkSchedule(slowed.input, slowed.steps);
          keepsHistory(plan, slowed, today);
        }

        const back = orTooLong(() => stepBack(plan, today, percent));
        if (back) {
          checkSchedule(back.input, back.steps);
          const i = stepIndexOn(plan.steps, today);
          const tolerated = i > 0 ? plan.steps[i - 1]?.dailyMg : plan.input.currentDailyMg;
          const backStep = back.steps.find((s) => s.notes.includes('step-back'));
          expect(backStep?.dailyMg).toBe(tolerated);
          expect(backStep?.startDate).toBe(today < (plan.steps[i]?.startDate ?? today) ? plan.steps[i]?.startDate : today);
          expect(back.steps.at(-1)?.dailyMg).toBe(plan.input.targetDailyMg);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a hand edit of a future step keeps the invariants, and an edit that raises the dose is refused', () => {
    fc.assert(
      fc.property(planAndDay, ({ plan, days }) => {
        const today = addDays(plan.input.startDate, -1);
        const last = plan.steps.length - 1;
        const edited = editStep(plan, today, last, { days });
        checkSchedule(edited.input, edited.steps);
        expect(edited.steps[last]?.days).toBe(days);
        const before = last > 0 ? (plan.steps[last - 1]?.dailyMg ?? 0) : plan.input.currentDailyMg;
        expect(() => editStep(plan, today, last, { dailyMg: before + 10 })).toThrow(TaperError);
      }),
      { numRuns: 300 },
    );
  });
});
