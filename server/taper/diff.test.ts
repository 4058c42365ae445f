import { describe, expect, it } from 'vitest';
import { extend } from './adjust';
import { diffPlans } from './diff';
import { generateSchedule } from './engine';
import type { TaperInput } from './types';

const input: TaperInput = {
  currentDailyMg: 30, doseTimes: ['08:00', '22:00'], split: { kind: 'even' }, formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
  strategy: { kind: 'fixed', mgPerStep: 5 }, stepDays: 14, targetDailyMg: 0, startDate: '2026-12-01', maxCutPercent: 25,
};
const facts = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

describe('diffPlans', () => {
  it('is empty for identical plans', () => {
    const a = { input, steps: generateSchedule(input, facts).steps };
    expect(diffPlans(a, a)).toEqual({ input: [], added: [], removed: [], changed: [] });
  });

  it('names changed parameters and the steps whose doses and dates moved', () => {
    const a = { input, steps: generateSchedule(input, facts).steps };
    const bInput = { ...input, currentDailyMg: 40 };
    const b = { input: bInput, steps: generateSchedule(bInput, facts).steps };
    const d = diffPlans(a, b);
    expect(d.input).toEqual([{ field: 'currentDailyMg', from: 30, to: 40 }]);
    expect(d.changed[0]).toEqual({ index: 0, changes: [{ field: 'dailyMg', from: 25, to: 35 }, { field: 'doses', from: '08:00 10 mg, 22:00 15 mg', to: '08:00 15 mg, 22:00 20 mg' }] });
    expect(d.added.length).toBe(b.steps.length - a.steps.length);
    expect(d.removed).toEqual([]);
  });

  it('shows an extension as moved dates', () => {
    const a = { input, steps: generateSchedule(input, facts).steps };
    const b = extend(a, '2026-12-03', 7);
    const d = diffPlans(a, b);
    expect(d.changed[0]?.changes).toEqual([{ field: 'endDate', from: '2026-12-14', to: '2026-12-21' }, { field: 'days', from: 14, to: 21 }]);
    expect(d.changed[1]?.changes.map((c) => c.field)).toEqual(['startDate', 'endDate']);
  });
});
