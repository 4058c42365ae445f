import { describe, expect, it } from 'vitest';
import { extend } from './adjust';
import { addDays } from '~/lib/dates';
import { compareDoses, diffPlans, type PlanChange, type PlanSnapshot } from './diff';
import type { TaperInput, TaperStep } from './types';

/** Steps of the given lengths and doses, back to back from `start`; each cut is from the dose before. */
function stepsOf(start: string, currentMg: number, parts: [days: number, mg: number][]): TaperStep[] {
  let from = start;
  let previous = currentMg;
  return parts.map(([days, dailyMg], index) => {
    const step: TaperStep = { index, startDate: from, endDate: addDays(from, days - 1), days, dailyMg, cutMg: previous - dailyMg, doses: [], notes: [] };
    from = addDays(from, days);
    previous = dailyMg;
    return step;
  });
}

const input: TaperInput = {
  currentDailyMg: 30,
  doseTimes: ['08:00', '14:00', '22:00'],
  split: { kind: 'even' },
  formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
  strategy: { kind: 'fixed', mgPerStep: 5 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2027-01-06',
  maxCutPercent: 25,
};
// 6 Jan–19 Jan 25, 20 Jan–2 Feb 20, 3–16 Feb 15, 17 Feb–2 Mar 10, 3–16 Mar 5, 17–30 Mar 0.
const plan: PlanSnapshot = { input, steps: stepsOf(input.startDate, 30, [[14, 25], [14, 20], [14, 15], [14, 10], [14, 5], [14, 0]]) };

const doses = (changes: PlanChange[]) => changes.filter((c) => c.kind === 'dose');
const others = (changes: PlanChange[]) => changes.filter((c) => c.kind !== 'dose');

describe('diffPlans', () => {
  it('finds nothing between identical versions, or a copy of one', () => {
    expect(diffPlans(plan, plan)).toEqual({ changes: [] });
    expect(diffPlans(plan, structuredClone(plan))).toEqual({ changes: [] });
  });

  it('reads fields an older version lacks as their defaults, and equal meanings as equal', () => {
    const explicit: TaperInput = {
      ...input,
      slowFactor: 1,
      followUpDays: 14,
      dropOrder: ['14:00', '08:00'],
      highDoseReason: '  ',
      split: { kind: 'weighted', weights: [2, 2, 2] },
      formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
    };
    expect(diffPlans(plan, { ...plan, input: explicit }).changes).toEqual([]);
    expect(diffPlans({ ...plan, input: explicit }, plan).changes).toEqual([]);
    // A stop threshold the engine would choose anyway is no change, when the engine's default is known.
    const stop = { ...plan, input: { ...input, stopAtMg: 5 } };
    expect(diffPlans(plan, stop, { stopAtMg: () => 5 }).changes).toEqual([]);
    expect(diffPlans(plan, stop, {}).changes).toEqual([{ kind: 'stopAt', before: null, after: 5 }]);
    // Proportional weights are the same split.
    const weighted = (weights: number[]) => ({ ...plan, input: { ...input, split: { kind: 'weighted', weights } as const } });
    expect(diffPlans(weighted([1, 1, 2]), weighted([2, 2, 4])).changes).toEqual([]);
  });

  it('describes an extension as the dates each dose moves to, the new end and the longer step', () => {
    const longer = extend(plan, '2027-01-08', 7);
    const { changes } = diffPlans(plan, longer);
    expect(doses(changes)).toEqual([
      { kind: 'dose', from: '2027-01-20', to: '2027-01-26', beforeMg: 20, afterMg: 25 },
      { kind: 'dose', from: '2027-02-03', to: '2027-02-09', beforeMg: 15, afterMg: 20 },
      { kind: 'dose', from: '2027-02-17', to: '2027-02-23', beforeMg: 10, afterMg: 15 },
      { kind: 'dose', from: '2027-03-03', to: '2027-03-09', beforeMg: 5, afterMg: 10 },
      { kind: 'dose', from: '2027-03-17', to: '2027-03-23', beforeMg: 0, afterMg: 5 },
    ]);
    expect(others(changes)).toEqual([
      { kind: 'endDate', before: '2027-03-30', after: '2027-04-06' },
      { kind: 'stepLength', index: 0, before: 14, after: 21 },
    ]);
  });

  it('describes a slowed taper: smaller cuts from the next step, more steps, a later end', () => {
    const slowed: PlanSnapshot = {
      input: { ...input, slowFactor: 0.5 },
      steps: stepsOf(input.startDate, 30, [[14, 25], [14, 20], [14, 17.5], [14, 15], [14, 12.5], [14, 10], [14, 7.5], [14, 5], [14, 2.5], [14, 0]]),
    };
    const { changes } = diffPlans(plan, slowed);
    expect(doses(changes)).toEqual([
      { kind: 'dose', from: '2027-02-03', to: '2027-02-16', beforeMg: 15, afterMg: 17.5 },
      { kind: 'dose', from: '2027-02-17', to: '2027-03-02', beforeMg: 10, afterMg: 15 },
      { kind: 'dose', from: '2027-03-03', to: '2027-03-16', beforeMg: 5, afterMg: 12.5 },
      { kind: 'dose', from: '2027-03-17', to: '2027-03-30', beforeMg: 0, afterMg: 10 },
      { kind: 'dose', from: '2027-03-31', to: '2027-04-13', beforeMg: 0, afterMg: 7.5 },
      { kind: 'dose', from: '2027-04-14', to: '2027-04-27', beforeMg: 0, afterMg: 5 },
      // Both stopped from 12 May: the last period is no change, so this one has an end.
      { kind: 'dose', from: '2027-04-28', to: '2027-05-11', beforeMg: 0, afterMg: 2.5 },
    ]);
    expect(others(changes)).toEqual([
      { kind: 'endDate', before: '2027-03-30', after: '2027-05-25' },
      { kind: 'stepCount', before: 6, after: 10 },
      { kind: 'slowFactor', before: 1, after: 0.5 },
    ]);
  });

  it('describes a step back as a raised dose from the day it starts, and a shortened running step', () => {
    const back: PlanSnapshot = {
      input: { ...input, strategy: { kind: 'fixed', mgPerStep: 2.5 } },
      steps: stepsOf(input.startDate, 30, [[14, 25], [14, 20], [7, 15], [14, 20], [14, 17.5], [14, 15], [14, 12.5], [14, 10], [14, 7.5], [14, 5], [14, 2.5], [14, 0]]),
    };
    const { changes } = diffPlans(plan, back);
    const first = doses(changes)[0];
    expect(first).toEqual({ kind: 'dose', from: '2027-02-10', to: '2027-02-16', beforeMg: 15, afterMg: 20 });
    // Nothing before the step back changed.
    expect(doses(changes).every((c) => c.kind === 'dose' && c.from >= '2027-02-10')).toBe(true);
    expect(others(changes)).toEqual([
      { kind: 'endDate', before: '2027-03-30', after: '2027-06-15' },
      { kind: 'stepLength', index: 2, before: 14, after: 7 },
      { kind: 'stepCount', before: 6, after: 12 },
      { kind: 'cutMg', before: 5, after: 2.5 },
    ]);
  });

  it('says a stop moved earlier as open-ended from the day it differs, with the earlier end and the new target', () => {
    const toFive: PlanSnapshot = { input: { ...input, currentDailyMg: 20, targetDailyMg: 5 }, steps: stepsOf('2027-02-17', 20, [[14, 15], [14, 10], [28, 5]]) };
    const toZero: PlanSnapshot = { input: { ...input, currentDailyMg: 20, stopAtMg: 5 }, steps: stepsOf('2027-02-17', 20, [[14, 15], [14, 10], [14, 5], [14, 0]]) };
    // The longer plan keeps 5 mg/day to 13 Apr; the shorter one stops on 31 Mar.
    expect(diffPlans(toZero, toFive).changes[0]).toEqual({ kind: 'dose', from: '2027-03-31', to: null, beforeMg: 0, afterMg: 5 });
    const { changes } = diffPlans(toFive, toZero);
    expect(changes).toEqual([
      { kind: 'dose', from: '2027-03-31', to: null, beforeMg: 5, afterMg: 0 },
      // Both end on 13 Apr; the 28-day follow-up is the stop's own, not a longer step 3.
      { kind: 'stepCount', before: 3, after: 4 },
      { kind: 'target', before: 5, after: 0 },
      // The new stop threshold (5 mg) is the one the engine would choose anyway: no change of meaning.
    ]);
  });

  it('names a changed end date', () => {
    const later: PlanSnapshot = { input, steps: stepsOf(input.startDate, 30, [[14, 25], [14, 20], [14, 15], [14, 10], [14, 5], [28, 0]]) };
    expect(diffPlans(plan, later).changes).toEqual([
      { kind: 'endDate', before: '2027-03-30', after: '2027-04-13' },
      { kind: 'stepLength', index: 5, before: 14, after: 28 },
    ]);
  });

  it('says a new step length once, not once per step', () => {
    const three: PlanSnapshot = { input: { ...input, stepDays: 21 }, steps: stepsOf(input.startDate, 30, [[21, 25], [21, 20], [21, 15], [21, 10], [21, 5], [21, 0]]) };
    const steps = others(diffPlans(plan, three).changes);
    expect(steps).toEqual([
      { kind: 'endDate', before: '2027-03-30', after: '2027-05-11' },
      { kind: 'stepDays', before: 14, after: 21 },
    ]);
  });

  it('names the products added and removed, whatever their order', () => {
    const a = { ...plan, input: { ...input, formulations: [{ kind: 'tablet', strengthMg: 10, scored: false }, { kind: 'tablet', strengthMg: 20, scored: false }] as const satisfies TaperInput['formulations'] } };
    const b = {
      ...plan,
      input: {
        ...input,
        formulations: [
          { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 },
          { kind: 'tablet', strengthMg: 20, scored: false },
          { kind: 'tablet', strengthMg: 10, scored: true },
        ] as const satisfies TaperInput['formulations'],
      },
    };
    expect(diffPlans(a, b).changes).toEqual([
      // The liquid lets the taper come lower within the cap: the default stop threshold follows the products.
      { kind: 'stopAt', before: 5, after: 1.5 },
      { kind: 'formulationAdded', formulation: { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 } },
      { kind: 'formulationAdded', formulation: { kind: 'tablet', strengthMg: 10, scored: true } },
      { kind: 'formulationRemoved', formulation: { kind: 'tablet', strengthMg: 10, scored: false } },
    ]);
    const reordered = { ...a, input: { ...a.input, formulations: [...a.input.formulations].reverse() } };
    expect(diffPlans(a, reordered).changes).toEqual([]);
  });

  it('names each setting that changed, with its old and new value', () => {
    const b: TaperInput = {
      ...input,
      currentDailyMg: 40,
      startDate: '2027-01-13',
      strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 },
      maxCutPercent: 20,
      followUpDays: 28,
      doseTimes: ['07:00', '13:00', '21:00'],
      split: { kind: 'weighted', weights: [1, 1, 2] },
      dropOrder: ['07:00', '13:00'],
      highDoseReason: 'Long-standing 40 mg/day',
    };
    expect(diffPlans(plan, { ...plan, input: b }).changes).toEqual([
      { kind: 'startDate', before: '2027-01-06', after: '2027-01-13' },
      { kind: 'currentDose', before: 30, after: 40 },
      { kind: 'cutKind', before: { kind: 'fixed', mgPerStep: 5 }, after: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 } },
      { kind: 'maxCutPercent', before: 25, after: 20 },
      { kind: 'followUp', before: 14, after: 28 },
      { kind: 'highDoseReason', before: null, after: 'Long-standing 40 mg/day' },
      { kind: 'doseTimes', before: ['08:00', '14:00', '22:00'], after: ['07:00', '13:00', '21:00'] },
      {
        kind: 'split',
        before: { kind: 'even' },
        after: { kind: 'weighted', shares: [{ time: '07:00', share: 0.25 }, { time: '13:00', share: 0.25 }, { time: '21:00', share: 0.5 }] },
      },
      // Both orders as the engine reads them: the old one its default, the new one completed by it (night last).
      { kind: 'dropOrder', before: ['14:00', '08:00', '22:00'], after: ['07:00', '13:00', '21:00'] },
    ]);
    const percent = { ...plan, input: { ...input, strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 } as const } };
    const smaller = { ...plan, input: { ...input, strategy: { kind: 'percent', percent: 8, minCutMg: 1, maxCutMg: 10 } as const } };
    expect(diffPlans(percent, smaller).changes).toEqual([
      { kind: 'cutPercent', before: 10, after: 8 },
      { kind: 'minCut', before: 2.5, after: 1 },
    ]);
  });

  it('says a step longer by hand by its number, when the step length did not change', () => {
    const edited: PlanSnapshot = { input, steps: stepsOf(input.startDate, 30, [[14, 25], [14, 20], [14, 15], [21, 10], [14, 5], [14, 0]]) };
    expect(others(diffPlans(plan, edited).changes)).toEqual([
      { kind: 'endDate', before: '2027-03-30', after: '2027-04-06' },
      { kind: 'stepLength', index: 3, before: 14, after: 21 },
    ]);
  });
});

describe('compareDoses', () => {
  const before = stepsOf('2027-03-03', 20, [[14, 15], [14, 10], [14, 5]]);

  it('pairs the doses over the union of both schedules, merging periods where neither changes', () => {
    const after = stepsOf('2027-03-03', 20, [[14, 17.5], [14, 10], [21, 5]]);
    expect(compareDoses(before, after)).toEqual([
      { from: '2027-03-03', to: '2027-03-16', beforeMg: 15, afterMg: 17.5, changed: true },
      { from: '2027-03-17', to: '2027-03-30', beforeMg: 10, afterMg: 10, changed: false },
      // The older schedule's last dose continues past its end.
      { from: '2027-03-31', to: '2027-04-20', beforeMg: 5, afterMg: 5, changed: false },
    ]);
  });

  it('gives the dose before a later start from the first step and its cut', () => {
    const later = stepsOf('2027-03-10', 20, [[14, 15], [14, 10], [14, 5]]);
    const rows = compareDoses(before, later);
    // A week later, each dose overlaps its own for a week: changed and unchanged weeks alternate.
    expect(rows.map((r) => [r.from, r.to, r.beforeMg, r.afterMg, r.changed])).toEqual([
      ['2027-03-03', '2027-03-09', 15, 20, true],
      ['2027-03-10', '2027-03-16', 15, 15, false],
      ['2027-03-17', '2027-03-23', 10, 15, true],
      ['2027-03-24', '2027-03-30', 10, 10, false],
      ['2027-03-31', '2027-04-06', 5, 10, true],
      ['2027-04-07', '2027-04-20', 5, 5, false],
    ]);
  });

  it('is one row per step for identical schedules, none changed, and empty without steps', () => {
    expect(compareDoses(before, before).map((r) => [r.from, r.to, r.changed])).toEqual([
      ['2027-03-03', '2027-03-16', false],
      ['2027-03-17', '2027-03-30', false],
      ['2027-03-31', '2027-04-13', false],
    ]);
    expect(compareDoses([], before)).toEqual([]);
  });
});
