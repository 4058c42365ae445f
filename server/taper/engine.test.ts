import { describe, expect, it } from 'vitest';
import { editStep, resume, stepBack } from './adjust';
import { generateSchedule } from './engine';
import type { TaperInput } from './types';

const ok = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

describe('worked example: 60 mg/day TID, 10 mg scored tablets, 10% every 2 weeks', () => {
  const input: TaperInput = {
    currentDailyMg: 60,
    doseTimes: ['08:00', '14:00', '22:00'],
    split: { kind: 'even' },
    formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
    strategy: { kind: 'percent', percent: 10, minCutMg: 2.5, maxCutMg: 10 },
    stepDays: 14,
    targetDailyMg: 0,
    startDate: '2026-12-01',
    maxCutPercent: 25,
  };
  const { steps } = generateSchedule(input, ok);

  it('first step cuts 5 mg (10% is 6, and only 5 mg steps are takeable with halves of 10 mg)', () => {
    const first = steps[0];
    expect(first).toMatchObject({ startDate: '2026-12-01', endDate: '2026-12-14', days: 14, dailyMg: 55, cutMg: 5 });
    expect(first?.doses.map((d) => d.mg)).toEqual([15, 20, 20]);
    expect(first?.doses[0]?.take).toEqual([{ kind: 'tablet', formulation: 0, strengthMg: 10, halves: 3 }]);
  });

  it('reaches 0 with contiguous dates and never goes up', () => {
    expect(steps.at(-1)?.dailyMg).toBe(0);
    expect(steps.at(-1)?.notes).toContain('final');
    for (let i = 1; i < steps.length; i++) {
      expect(steps[i]?.dailyMg).toBeLessThan(steps[i - 1]?.dailyMg ?? 0);
    }
    expect(steps.map((s) => s.dailyMg)).toMatchSnapshot();
  });
});

const base: TaperInput = {
  currentDailyMg: 30,
  doseTimes: ['08:00', '14:00', '22:00'],
  split: { kind: 'even' },
  formulations: [{ kind: 'tablet', strengthMg: 10, scored: true }],
  strategy: { kind: 'fixed', mgPerStep: 5 },
  stepDays: 14,
  targetDailyMg: 0,
  startDate: '2026-12-01',
  maxCutPercent: 25,
};

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('guardrails', () => {
  it('refuses any plan for a patient with an intrathecal pump, and says why', () => {
    expect(() => generateSchedule(base, { hasIntrathecalPump: true, renalFunction: 'normal' })).toThrow(/intrathecal baclofen pump.*pump team/);
  });

  it('needs a recorded reason above the 80 mg/day label maximum, then warns', () => {
    const high = { ...base, currentDailyMg: 90, formulations: [{ kind: 'tablet' as const, strengthMg: 10, scored: true }] };
    expect(codeOf(() => generateSchedule(high, ok))).toBe('above-label-maximum');
    const schedule = generateSchedule({ ...high, highDoseReason: 'Long-standing dose set by the spasticity clinic' }, ok);
    expect(schedule.warnings).toContainEqual({ code: 'above-label-maximum', maxDailyMg: 90, reason: 'Long-standing dose set by the spasticity clinic' });
  });

  it('warns on renal impairment', () => {
    expect(generateSchedule(base, { hasIntrathecalPump: false, renalFunction: 'moderate' }).warnings).toEqual([{ code: 'renal-impairment', renalFunction: 'moderate' }]);
  });

  it('refuses targets at or above the current dose, doses the formulations cannot give, and no formulations', () => {
    expect(codeOf(() => generateSchedule({ ...base, targetDailyMg: 30 }, ok))).toBe('target-above-current');
    expect(codeOf(() => generateSchedule({ ...base, targetDailyMg: 12 }, ok))).toBe('target-not-takeable');
    expect(codeOf(() => generateSchedule({ ...base, currentDailyMg: 31 }, ok))).toBe('current-not-takeable');
    expect(codeOf(() => generateSchedule({ ...base, formulations: [] }, ok))).toBe('no-formulations');
    expect(codeOf(() => generateSchedule({ ...base, doseTimes: ['22:00', '08:00', '14:00'] }, ok))).toBe('invalid-input');
  });
});

describe('rounding to what can be taken', () => {
  it('measures liquid in the smallest volume the patient can measure', () => {
    const { steps } = generateSchedule(
      { ...base, currentDailyMg: 21, formulations: [{ kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 }], strategy: { kind: 'percent', percent: 10, minCutMg: 0.5, maxCutMg: 5 } },
      ok,
    );
    // 10% of 21 is 2.1: the nearest takeable daily dose is 19 mg (0.5 mg steps per dose time).
    expect(steps[0]?.dailyMg).toBe(19);
    expect(steps[0]?.doses.map((d) => d.take)).toEqual([
      [{ kind: 'liquid', formulation: 0, mgPerMl: 1, ml: 6 }],
      [{ kind: 'liquid', formulation: 0, mgPerMl: 1, ml: 6.5 }],
      [{ kind: 'liquid', formulation: 0, mgPerMl: 1, ml: 6.5 }],
    ]);
  });

  it('takes the smallest takeable cut when rounding would make the cut 0', () => {
    const { steps } = generateSchedule({ ...base, strategy: { kind: 'fixed', mgPerStep: 1 }, maxCutPercent: 50 }, ok);
    expect(steps[0]).toMatchObject({ dailyMg: 25, cutMg: 5, days: 14 });
    expect(steps[0]?.notes).toContain('smallest-takeable-cut');
  });

  it('stretches the step when even the smallest takeable cut is above the cap, and says so', () => {
    const { steps } = generateSchedule({ ...base, currentDailyMg: 10, strategy: { kind: 'fixed', mgPerStep: 1 }, maxCutPercent: 25 }, ok);
    // The smallest cut from 10 mg is 5 mg (a half tablet) but the cap is 2.5 mg: twice the step length.
    expect(steps[0]).toMatchObject({ dailyMg: 5, cutMg: 5, days: 28 });
    expect(steps[0]?.notes).toContain('stretched');
  });

  it('weights the night dose when asked', () => {
    const { steps } = generateSchedule({ ...base, split: { kind: 'weighted', weights: [1, 1, 2] } }, ok);
    expect(steps[0]?.doses.map((d) => d.mg)).toEqual([5, 5, 15]);
  });
});

describe('adjustments: a worked example', () => {
  const plan = { input: base, steps: generateSchedule(base, ok).steps };

  it('steps back to the last tolerated dose from today, then goes on more slowly', () => {
    // Day 20 is in the second step (20 mg); the last tolerated dose is the first step's 25 mg.
    const back = stepBack(plan, '2026-12-20', 25);
    const i = back.steps.findIndex((s) => s.notes.includes('step-back'));
    expect(back.steps[i - 1]).toMatchObject({ dailyMg: 20, startDate: '2026-12-15', endDate: '2026-12-19', days: 5 });
    expect(back.steps[i]).toMatchObject({ dailyMg: 25, startDate: '2026-12-20', cutMg: -5 });
    expect(back.input.strategy).toEqual({ kind: 'fixed', mgPerStep: 3.75 });
    expect(back.steps.at(-1)?.dailyMg).toBe(0);
  });

  it('pauses and resumes: the running step lasts as long again as the pause', () => {
    const resumed = resume(plan, '2026-12-05', '2026-12-12');
    expect(resumed.steps[0]).toMatchObject({ startDate: '2026-12-01', endDate: '2026-12-21', days: 21 });
    expect(resumed.steps[1]?.startDate).toBe('2026-12-22');
  });

  it('refuses to edit a step that has started', () => {
    expect(codeOf(() => editStep(plan, '2026-12-02', 0, { days: 20 }))).toBe('step-in-past');
  });
});
