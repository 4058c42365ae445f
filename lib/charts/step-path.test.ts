// The dose chart's geometry: the step path, the lead-in, the running step and today, and the empty state.
import { describe, expect, it } from 'vitest';
import { addDays } from '~/lib/dates';
import { brokenLinePath, doseChartModel, dotsPath, stepPath, type StepLike } from './step-path';

const plan = (dailies: number[], days = 7, start = '2026-03-01'): StepLike[] =>
  dailies.map((mg, i) => ({ index: i, startDate: addDays(start, i * days), endDate: addDays(start, (i + 1) * days - 1), days, dailyMg: mg }));

describe('path pieces', () => {
  it('joins touching segments with a riser and starts a new piece after a gap', () => {
    expect(stepPath([{ x1: 0, x2: 10, y: 5 }, { x1: 10, x2: 20, y: 8 }, { x1: 30, x2: 40, y: 8 }])).toBe('M0 5H10V8H20M30 8H40');
  });

  it('does not draw a riser between segments at the same level', () => {
    expect(stepPath([{ x1: 0, x2: 10, y: 5 }, { x1: 10, x2: 20, y: 5 }])).toBe('M0 5H10H20');
  });

  it('breaks a line where a day has no value', () => {
    expect(brokenLinePath([{ x: 1, y: 2 }, { x: 3, y: 4 }, null, { x: 5, y: 6 }])).toBe('M1 2L3 4M5 6');
    expect(brokenLinePath([null, null])).toBe('');
  });

  it('draws each point as a dot of zero length', () => {
    expect(dotsPath([{ x: 1.04, y: 2 }])).toBe('M1 2h0');
  });
});

describe('doseChartModel', () => {
  it('has no chart for a plan without steps: the empty state', () => {
    expect(doseChartModel([], 60)).toBeNull();
  });

  it('draws the current dose as long as the first step, then each step to the end of its last day', () => {
    const model = doseChartModel(plan([30, 20, 10]), 40);
    if (!model) throw new Error('no model');
    // 7 days of lead-in + 21 days of steps.
    expect(model.axis).toEqual({ from: '2026-02-22', to: '2026-03-21', days: 28 });
    expect(model.segments.map((s) => [s.kind, s.mg, s.x1, s.x2])).toEqual([
      ['before', 40, 0, 250],
      ['step', 30, 250, 500],
      ['step', 20, 500, 750],
      ['step', 10, 750, 1000],
    ]);
    // 0 to 40 mg on a 0..1000 height, upside down.
    expect(model.yTicks.map((t) => [t.value, t.y])).toEqual([[0, 1000], [10, 750], [20, 500], [30, 250], [40, 0]]);
    expect(model.path).toBe('M0 0H250V250H500V500H750V750H1000');
    expect(model.running).toBeNull();
    expect(model.today).toBeNull();
  });

  it('marks the running step and today when today is in the schedule', () => {
    const model = doseChartModel(plan([30, 20, 10]), 40, '2026-03-10');
    expect(model?.running).toEqual({ index: 1, x1: 500, x2: 750 });
    // Day 16 of 28, at the middle of its band.
    expect(model?.today).toEqual({ date: '2026-03-10', x: 589.3 });
  });

  it('marks today before the plan starts, with no running step', () => {
    const model = doseChartModel(plan([30, 20]), 40, '2026-02-25');
    expect(model?.running).toBeNull();
    expect(model?.today?.x).toBeGreaterThan(0);
    expect(doseChartModel(plan([30, 20]), 40, '2026-01-01')?.today).toBeNull();
    expect(doseChartModel(plan([30, 20]), 40, '2027-01-01')?.today).toBeNull();
  });

  it('draws a plan of one step', () => {
    const model = doseChartModel(plan([0], 14), 5, '2026-03-01');
    expect(model?.segments.map((s) => [s.kind, s.x1, s.x2, s.y])).toEqual([['before', 0, 500, 0], ['step', 500, 1000, 1000]]);
    expect(model?.running).toEqual({ index: 0, x1: 500, x2: 1000 });
  });
});
