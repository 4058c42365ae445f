// The milestone detector: worked examples and properties (idempotent, never in the future, stable keys, no daily spam).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '~/lib/dates';
import { detectMilestones, type DetectorCheckInDay, type DetectorInput, type DetectorPlan, type DetectorStep } from './detect';

const PLAN_ID = '11111111-1111-4111-8111-111111111111';

/** Steps of `days` days each from `start`, at the given daily doses. */
function stepsOf(start: string, doses: number[], days = 14): DetectorStep[] {
  return doses.map((dailyMg, index) => ({ index, startDate: addDays(start, index * days), endDate: addDays(start, index * days + days - 1), dailyMg }));
}

function plan(over: Partial<DetectorPlan> = {}): DetectorPlan {
  return { planId: PLAN_ID, status: 'active', steps: stepsOf('2026-01-01', [25, 20, 15, 10, 5, 0]), startDailyMg: 30, targetDailyMg: 0, completedOn: null, ...over };
}

const cleanDays = (from: string, n: number): DetectorCheckInDay[] => Array.from({ length: n }, (_, i) => ({ localDate: addDays(from, i), redFlag: false }));

describe('detectMilestones, worked examples', () => {
  it('celebrates each step whose end has passed, halfway once, and nothing before the plan starts', () => {
    expect(detectMilestones({ today: '2025-12-31', plan: plan(), checkInDays: [], achievedGoals: [] })).toEqual([]);
    const due = detectMilestones({ today: '2026-01-30', plan: plan(), checkInDays: [], achievedGoals: [] });
    // Steps 25 (ended 14 Jan) and 20 (ended 28 Jan) are done; 15 mg from 29 Jan is halfway from 30 to 0.
    expect(due.map((m) => [m.kind, m.achievedOn])).toEqual([
      ['step-completed', '2026-01-15'],
      ['halfway-to-target', '2026-01-29'],
      ['step-completed', '2026-01-29'],
    ]);
  });

  it('celebrates the taper once the final step at the target starts, and never the final step as a step', () => {
    const due = detectMilestones({ today: '2026-03-15', plan: plan(), checkInDays: [], achievedGoals: [] });
    expect(due.filter((m) => m.kind === 'step-completed')).toHaveLength(5);
    expect(due.find((m) => m.kind === 'taper-completed')).toMatchObject({ achievedOn: '2026-03-12', dedupeKey: `taper-completed:${PLAN_ID}` });
  });

  it('records nothing from a paused, draft or stopped plan (their dates are not what happened)', () => {
    for (const status of ['paused', 'draft', 'proposed', 'agreed', 'stopped'] as const) {
      expect(detectMilestones({ today: '2026-06-01', plan: plan({ status }), checkInDays: [], achievedGoals: [] })).toEqual([]);
    }
  });

  it('gives one week milestone per 7 clean check-in days, not one a day, and a red flag restarts the count', () => {
    const days = cleanDays('2026-02-01', 20);
    expect(detectMilestones({ today: '2026-02-09', plan: null, checkInDays: days, achievedGoals: [] }).map((m) => m.dedupeKey)).toEqual(['week-without-red-flags:2026-02-01']);
    expect(detectMilestones({ today: '2026-02-10', plan: null, checkInDays: days, achievedGoals: [] })).toHaveLength(1);
    expect(detectMilestones({ today: '2026-02-21', plan: null, checkInDays: days, achievedGoals: [] }).map((m) => m.dedupeKey)).toEqual([
      'week-without-red-flags:2026-02-01', 'week-without-red-flags:2026-02-08',
    ]);
    const flagged = days.map((d) => (d.localDate === '2026-02-05' ? { ...d, redFlag: true } : d));
    expect(detectMilestones({ today: '2026-02-21', plan: null, checkInDays: flagged, achievedGoals: [] }).map((m) => m.details)).toEqual([
      { kind: 'week-without-red-flags', from: '2026-02-06', to: '2026-02-12' },
      { kind: 'week-without-red-flags', from: '2026-02-13', to: '2026-02-19' },
    ]);
  });

  it('does not count today (it can still be corrected) nor a day without a check-in', () => {
    expect(detectMilestones({ today: '2026-02-07', plan: null, checkInDays: cleanDays('2026-02-01', 7), achievedGoals: [] })).toEqual([]);
    const gap = cleanDays('2026-02-01', 14).filter((d) => d.localDate !== '2026-02-04');
    expect(detectMilestones({ today: '2026-03-01', plan: null, checkInDays: gap, achievedGoals: [] }).map((m) => m.dedupeKey)).toEqual(['week-without-red-flags:2026-02-05']);
  });

  it('celebrates a plan completed before its last step started on the day it was completed', () => {
    const done = plan({ status: 'completed', completedOn: '2026-02-20' });
    expect(detectMilestones({ today: '2026-02-25', plan: done, checkInDays: [], achievedGoals: [] }).find((m) => m.kind === 'taper-completed')?.achievedOn).toBe('2026-02-20');
  });

  it('celebrates an achieved goal once, never later than today', () => {
    const due = detectMilestones({ today: '2026-02-01', plan: null, checkInDays: [], achievedGoals: [{ goalId: 'g1', title: 'Walk 20 minutes', achievedOn: '2026-02-03' }] });
    expect(due).toEqual([{ kind: 'goal-achieved', dedupeKey: 'goal-achieved:g1', achievedOn: '2026-02-01', details: { kind: 'goal-achieved', goalId: 'g1', title: 'Walk 20 minutes' } }]);
  });

  it('has no halfway milestone when the plan starts at its target', () => {
    const flat = plan({ startDailyMg: 10, targetDailyMg: 10, steps: stepsOf('2026-01-01', [10]) });
    expect(detectMilestones({ today: '2026-06-01', plan: flat, checkInDays: [], achievedGoals: [] }).map((m) => m.kind)).toEqual(['taper-completed']);
  });
});

// ---------------------------------------------------------------------------------------------
// Properties

const RUNS = 400;
const baseDay = '2026-01-01';
const dayOffset = fc.integer({ min: 0, max: 200 });

const planArb: fc.Arbitrary<DetectorPlan> = fc
  .record({
    start: fc.integer({ min: 5, max: 80 }),
    cuts: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 10 }),
    days: fc.integer({ min: 1, max: 28 }),
    offset: fc.integer({ min: -30, max: 60 }),
    completedOn: fc.option(dayOffset, { nil: null }),
    status: fc.constantFrom('active', 'paused', 'completed', 'stopped', 'draft') as fc.Arbitrary<DetectorPlan['status']>,
  })
  .map(({ start, cuts, days, offset, status, completedOn }) => {
    const doses: number[] = [];
    let dose = start;
    for (const cut of cuts) {
      dose = Math.max(0, dose - cut);
      doses.push(dose);
      if (dose === 0) break;
    }
    return { planId: PLAN_ID, status, steps: stepsOf(addDays(baseDay, offset), doses, days), startDailyMg: start, targetDailyMg: doses[doses.length - 1] ?? 0,
      completedOn: status === 'completed' && completedOn !== null ? addDays(baseDay, completedOn) : null,
    };
  });

const daysArb: fc.Arbitrary<DetectorCheckInDay[]> = fc
  .uniqueArray(fc.record({ offset: dayOffset, redFlag: fc.boolean() }), { selector: (d) => d.offset, maxLength: 120 })
  .map((xs) => xs.map((x) => ({ localDate: addDays(baseDay, x.offset), redFlag: x.redFlag })));

/** A world as it can be: a goal is achieved and a plan completed no later than today. */
const inputArb: fc.Arbitrary<DetectorInput> = fc
  .record({
    today: dayOffset.map((o) => addDays(baseDay, o)),
    plan: fc.option(planArb, { nil: null }),
    checkInDays: daysArb,
    achievedGoals: fc.array(fc.record({ goalId: fc.uuid(), title: fc.string(), achievedOn: dayOffset.map((o) => addDays(baseDay, o)) }), { maxLength: 3 }),
  })
  .map((input) => ({
    ...input,
    plan: input.plan && input.plan.completedOn !== null && input.plan.completedOn > input.today ? { ...input.plan, completedOn: input.today } : input.plan,
    achievedGoals: input.achievedGoals.map((g) => (g.achievedOn > input.today ? { ...g, achievedOn: input.today } : g)),
  }));

describe('detectMilestones, properties', () => {
  it('is deterministic and its keys are unique (recording twice records nothing new)', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const a = detectMilestones(input);
      expect(detectMilestones(structuredClone(input))).toEqual(a);
      expect(new Set(a.map((m) => m.dedupeKey)).size).toBe(a.length);
    }), { numRuns: RUNS });
  });

  it('never dates a milestone after today', () => {
    fc.assert(fc.property(inputArb, (input) => {
      for (const m of detectMilestones(input)) expect(m.achievedOn <= input.today).toBe(true);
    }), { numRuns: RUNS });
  });

  it('keeps every milestone, with the same key and date, as days go by (nothing reached is un-reached or re-keyed)', () => {
    fc.assert(fc.property(inputArb, fc.integer({ min: 1, max: 60 }), (input, later) => {
      // Days already lived stay as they were; only time passes.
      const now = detectMilestones(input);
      const next = detectMilestones({ ...input, today: addDays(input.today, later) });
      const nextByKey = new Map(next.map((m) => [m.dedupeKey, m]));
      for (const m of now) expect(nextByKey.get(m.dedupeKey)).toEqual(m);
    }), { numRuns: RUNS });
  });

  it('makes each week milestone 7 consecutive, clean, finished check-in days, and weeks never overlap', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const byDate = new Map(input.checkInDays.map((d) => [d.localDate, d.redFlag]));
      const weeks = detectMilestones(input).flatMap((m) => (m.details.kind === 'week-without-red-flags' ? [m.details] : []));
      const covered = new Set<string>();
      for (const w of weeks) {
        expect(daysBetween(w.from, w.to)).toBe(6);
        expect(w.to < input.today).toBe(true);
        for (let i = 0; i < 7; i++) {
          const day = addDays(w.from, i);
          expect(byDate.get(day)).toBe(false);
          expect(covered.has(day)).toBe(false);
          covered.add(day);
        }
      }
    }), { numRuns: RUNS });
  });

  it('gives at most one halfway and one completion per plan, and steps only for plans that ran', () => {
    fc.assert(fc.property(inputArb, (input) => {
      const due = detectMilestones(input);
      expect(due.filter((m) => m.kind === 'halfway-to-target').length).toBeLessThanOrEqual(1);
      expect(due.filter((m) => m.kind === 'taper-completed').length).toBeLessThanOrEqual(1);
      const planKinds = due.filter((m) => ['step-completed', 'halfway-to-target', 'taper-completed'].includes(m.kind));
      if (!input.plan || !['active', 'completed'].includes(input.plan.status)) expect(planKinds).toEqual([]);
      for (const m of due) {
        if (m.details.kind === 'halfway-to-target' && input.plan) {
          expect(m.details.dailyMg).toBeLessThanOrEqual(input.plan.startDailyMg - (input.plan.startDailyMg - input.plan.targetDailyMg) / 2);
        }
      }
    }), { numRuns: RUNS });
  });
});
