// Property tests: random regimens, formulations and strategies, and the promises every schedule keeps:
// takeable doses, no rise but a step back, contiguous dates, exact landing on the target, no cut above the
// cap without its note and warning, no empty dose time without a note, the stop threshold, and splits as
// even as the products allow. A few hundred cases in the everyday run; `npm run test:properties` runs 10,000.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '~/lib/testing/property-runs';
import { formulation, taperInputArb } from '~/lib/testing/taper-arbitraries';
import { doseOn, editStep, extend, resume, slow, stepBack, stepIndexOn, type Plan } from './adjust';
import { checkSchedule } from './check';
import { addDays } from '~/lib/dates';
import { aboveCapCuts, distribute, generateSchedule, stopAtMgOf, tableFor } from './engine';
import { takeableTable, toMg, toUnits, type TakeableTable } from './takeable';
import { TaperError, type Schedule, type TaperInput } from './types';

const normal = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

const taperInput = taperInputArb;

function scheduleOrTooLong(input: TaperInput): Schedule | undefined {
  try {
    return generateSchedule(input, normal);
  } catch (error) {
    // The only refusal a valid regimen may get is a schedule too long to be sensible.
    expect(error).toBeInstanceOf(TaperError);
    expect((error as TaperError).code).toBe('too-many-steps');
    return undefined;
  }
}

/** The promises of any schedule, whoever made it (the engine or an adjustment). */
function expectPromisesKept(input: TaperInput, schedule: Pick<Schedule, 'steps'> & { warnings?: Schedule['warnings'] }) {
  const { steps } = schedule;
  // Takeable doses adding up, contiguous dates, no rise but a step back, no silent cut above the cap, no
  // silent empty dose time, the end at the target.
  checkSchedule(input, steps);
  expect(steps.at(-1)?.dailyMg).toBe(input.targetDailyMg);
  const table = tableFor(input);
  const cuts = aboveCapCuts(input, steps, stopAtMgOf(table, input));
  for (const cut of cuts) expect(steps[cut.index]?.notes.some((n) => n === 'above-cap' || n === 'stretched')).toBe(true);
  if (schedule.warnings) {
    const warning = schedule.warnings.find((w) => w.code === 'cut-above-cap');
    expect(warning?.code === 'cut-above-cap' ? warning.cuts : []).toEqual(cuts);
  }
}

describe('generateSchedule, for any regimen', () => {
  it('keeps every promise: takeable, contiguous, never up, on target, no silent big cut or empty dose time', () => {
    fc.assert(
      fc.property(taperInput, (input) => {
        const schedule = scheduleOrTooLong(input);
        if (!schedule) return;
        expectPromisesKept(input, schedule);
        const { steps } = schedule;
        expect(steps[0]?.startDate).toBe(input.startDate);
        const table = tableFor(input);
        const stopAt = stopAtMgOf(table, input);
        let prev = input.currentDailyMg;
        for (const step of steps) {
          // Strictly down at every step, never by nothing.
          expect(step.dailyMg).toBeLessThan(prev);
          const last = step === steps.at(-1);
          expect(step.notes.includes('final')).toBe(last);
          // The last step is the follow-up period; every other lasts a step.
          expect(step.days).toBe(last ? (input.followUpDays ?? input.stepDays) : input.stepDays);
          // No dose below the stop threshold but the stop itself.
          if (input.targetDailyMg === 0 && step.dailyMg > 0) expect(step.dailyMg).toBeGreaterThanOrEqual(stopAt - 1e-9);
          prev = step.dailyMg;
        }
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('never leaves a dose time empty while the day’s dose can be given at every time, and drops the night dose last', () => {
    fc.assert(
      fc.property(taperInput, (input) => {
        const schedule = scheduleOrTooLong(input);
        if (!schedule) return;
        const table = tableFor(input);
        const weights = input.split.kind === 'weighted' ? input.split.weights : input.doseTimes.map(() => 1);
        const active = input.doseTimes.filter((_, i) => (weights[i] ?? 0) > 0);
        // The midday times go first, then the morning one; the night dose is kept longest; the clinician's order comes first.
        const times = input.doseTimes;
        const byDefault = [...new Set([...times.slice(1, -1), ...times.slice(0, 1), ...times.slice(-1)])];
        const rank = [...(input.dropOrder ?? []), ...byDefault.filter((t) => !(input.dropOrder ?? []).includes(t))];
        for (const step of schedule.steps) {
          if (step.dailyMg === 0) continue;
          const given = step.doses.filter((d) => d.mg > 0).map((d) => d.time);
          const parts = table.maxParts(toUnits(step.dailyMg));
          // As many of the weighted times as the dose splits into get a dose.
          expect(given.length).toBe(Math.min(active.length, parts));
          // The times left out are the first ones in the drop order.
          const dropped = active.filter((t) => !given.includes(t));
          const expected = rank.filter((t) => t !== undefined && active.includes(t)).slice(0, dropped.length);
          expect([...dropped].sort()).toEqual([...expected].sort());
          if (dropped.length) expect(step.droppedTimes).toEqual([...dropped].sort());
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});

/** The least squared distance from the shares over every split into positive takeable parts (small doses only). */
function bestSplitCost(table: TakeableTable, daily: number, shares: number[]): number {
  let best = Infinity;
  const walk = (i: number, left: number, cost: number) => {
    if (cost >= best) return;
    if (i === shares.length - 1) {
      if (left > 0 && table.reachable(left)) best = Math.min(best, cost + (left - (shares[i] ?? 0)) ** 2);
      return;
    }
    for (let a = 1; a < left; a++) if (table.reachable(a)) walk(i + 1, left - a, cost + (a - (shares[i] ?? 0)) ** 2);
  };
  walk(0, daily, 0);
  return best;
}

describe('distribute, for small doses', () => {
  it('finds a split as close to the weights as any split into positive takeable parts', () => {
    const small = fc.record({
      formulations: fc.array(formulation, { minLength: 1, maxLength: 2 }),
      daily: fc.integer({ min: 1, max: 120 }),
      weights: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(small, ({ formulations, daily, weights }) => {
        const table = takeableTable(formulations, toMg(daily) + 1);
        if (!table.reachable(daily) || table.maxParts(daily) < weights.length) return;
        const { amounts, dropped } = distribute(table, daily, weights, weights.map((_, i) => i));
        expect(dropped).toEqual([]);
        expect(amounts.every((a) => a > 0 && table.reachable(a))).toBe(true);
        expect(amounts.reduce((a, b) => a + b, 0)).toBe(daily);
        const total = weights.reduce((a, b) => a + b, 0);
        const shares = weights.map((w) => (daily * w) / total);
        const cost = amounts.reduce((c, a, i) => c + (a - (shares[i] ?? 0)) ** 2, 0);
        expect(cost).toBeLessThanOrEqual(bestSplitCost(table, daily, shares) + 1e-6);
      }),
      { numRuns: propertyRuns(300) },
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
  const strip = (s: Plan['steps'][number]) => ({ startDate: s.startDate, endDate: s.endDate, days: s.days, dailyMg: s.dailyMg, doses: s.doses });
  expect(after.steps.slice(0, i).map(strip)).toEqual(before.steps.slice(0, i).map(strip));
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
  it('extend, resume and step back keep the promises and never rewrite past steps', () => {
    fc.assert(
      fc.property(planAndDay, ({ plan, dayOffset, days, percent }) => {
        const today = addDays(plan.input.startDate, dayOffset);
        const extended = extend(plan, today, days);
        expectPromisesKept(extended.input, extended);
        keepsHistory(plan, extended, today);
        const span = (p: Plan) => p.steps.reduce((n, s) => n + s.days, 0);
        expect(span(extended)).toBe(span(plan) + days);

        const resumed = resume(plan, today, addDays(today, days));
        expect(resumed.steps.at(-1)?.endDate).toBe(addDays(plan.steps.at(-1)?.endDate ?? '', days));

        const i = stepIndexOn(plan.steps, today);
        if (i === 0 && plan.steps[0]?.dailyMg === plan.input.currentDailyMg) return;
        const back = orTooLong(() => stepBack(plan, today, percent));
        if (!back) return;
        expectPromisesKept(back.input, back);
        const tolerated = i > 0 ? plan.steps[i - 1]?.dailyMg : plan.input.currentDailyMg;
        const notTolerated = plan.steps[i]?.dailyMg ?? 0;
        const k = back.steps.findIndex((s) => s.notes.includes('step-back'));
        const backStep = back.steps[k];
        expect(backStep?.dailyMg).toBe(tolerated);
        expect(backStep?.startDate).toBe(today < (plan.steps[i]?.startDate ?? today) ? plan.steps[i]?.startDate : today);
        // Then a smaller cut than the one that was not tolerated, whenever a dose in between can be given.
        const next = back.steps[k + 1];
        const table = tableFor(back.input);
        const between = table.below(toUnits(tolerated ?? 0)) > toUnits(notTolerated);
        if (next && between) expect(next.dailyMg).toBeGreaterThan(notTolerated);
        if (next && !between) expect(next.notes).toContain('no-dose-between');
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('slow is strictly gentler or refused: no day’s dose lower than before, some day’s higher, or a refusal that says why', () => {
    fc.assert(
      fc.property(planAndDay, ({ plan, dayOffset, percent }) => {
        const today = addDays(plan.input.startDate, dayOffset);
        let slowed: Plan;
        try {
          slowed = slow(plan, today, percent);
        } catch (error) {
          expect(error).toBeInstanceOf(TaperError);
          expect(['cannot-slow', 'too-many-steps']).toContain((error as TaperError).code);
          return;
        }
        expectPromisesKept(slowed.input, slowed);
        keepsHistory(plan, slowed, today);
        const end = [plan.steps.at(-1)?.endDate ?? today, slowed.steps.at(-1)?.endDate ?? today].sort()[1] ?? today;
        let higher = false;
        for (let day = today; day <= end; day = addDays(day, 1)) {
          const before = doseOn(plan, day);
          const after = doseOn(slowed, day);
          expect(after).toBeGreaterThanOrEqual(before);
          if (after > before) higher = true;
        }
        expect(higher).toBe(true);
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('a hand edit of a future step keeps the promises, and an edit that raises the dose is refused', () => {
    fc.assert(
      fc.property(planAndDay, ({ plan, days }) => {
        const today = addDays(plan.input.startDate, -1);
        const last = plan.steps.length - 1;
        const edited = editStep(plan, today, last, { days });
        expectPromisesKept(edited.input, edited);
        expect(edited.steps[last]?.days).toBe(days);
        const before = last > 0 ? (plan.steps[last - 1]?.dailyMg ?? 0) : plan.input.currentDailyMg;
        expect(() => editStep(plan, today, last, { dailyMg: before + 10 })).toThrow(TaperError);
      }),
      { numRuns: propertyRuns(300) },
    );
  });
});
