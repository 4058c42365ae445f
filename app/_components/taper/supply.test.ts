// Worked examples for the supply count: whole tablets per step, halves, and liquid volumes.
import { describe, expect, it } from 'vitest';
import { generateSchedule } from '~/lib/taper/engine';
import type { TakeItem, TaperInput, TaperStep } from '~/lib/taper/types';
import { lineFor, suppliesFor, supplyColumns, type SupplyLine } from './supply';
import { workedExample } from './worked-example.test-fixture';

const ok = { hasIntrathecalPump: false, renalFunction: 'normal' } as const;

function step(index: number, startDate: string, endDate: string, days: number, takes: TakeItem[][]): TaperStep {
  return {
    index,
    startDate,
    endDate,
    days,
    dailyMg: 0,
    cutMg: 0,
    doses: takes.map((take, i) => ({ time: `0${8 + i}:00`, mg: 0, take })),
    notes: [],
  };
}

const ten = (halves: number): TakeItem => ({ kind: 'tablet', formulation: 0, strengthMg: 10, halves });
const five = (halves: number): TakeItem => ({ kind: 'tablet', formulation: 1, strengthMg: 5, halves });
const liquid = (ml: number): TakeItem => ({ kind: 'liquid', formulation: 2, mgPerMl: 1, ml });

describe('suppliesFor', () => {
  it('counts halves and rounds up to whole tablets per step, not per day', () => {
    // ½ tablet once a day for 7 days: 7 halves, so 4 tablets (one half is left over).
    const { steps, total } = suppliesFor([step(0, '2026-12-01', '2026-12-07', 7, [[ten(1)]])]);
    expect(steps[0]?.lines).toEqual([{ kind: 'tablet', formulation: 0, strengthMg: 10, halves: 7, halfPieces: 7, tablets: 4 }]);
    expect(total).toEqual(steps[0]?.lines);
  });

  it('adds the dose times of a day and the days of a step, per formulation', () => {
    // 08:00 1½ × 10 mg + ½ × 5 mg; 09:00 1 × 10 mg; 10:00 2 × 10 mg; for 14 days.
    const s = step(0, '2026-12-01', '2026-12-14', 14, [[ten(3), five(1)], [ten(2)], [ten(4)]]);
    const { steps } = suppliesFor([s]);
    expect(steps[0]?.lines).toEqual([
      { kind: 'tablet', formulation: 0, strengthMg: 10, halves: 9 * 14, halfPieces: 14, tablets: 63 },
      { kind: 'tablet', formulation: 1, strengthMg: 5, halves: 14, halfPieces: 14, tablets: 7 },
    ]);
  });

  it('sums volumes of liquid exactly, in mL', () => {
    // 0.1 mL steps add up with no floating-point dust: (6.1 + 6.2 + 6.3) × 3 = 55.8 mL.
    const { steps, total } = suppliesFor([
      step(0, '2026-12-01', '2026-12-03', 3, [[liquid(6.1)], [liquid(6.2)], [liquid(6.3)]]),
      step(1, '2026-12-04', '2026-12-05', 2, [[liquid(0.1)], [], [liquid(0.2)]]),
    ]);
    expect(steps[0]?.lines).toEqual([{ kind: 'liquid', formulation: 2, mgPerMl: 1, ml: 55.8 }]);
    expect(steps[1]?.lines).toEqual([{ kind: 'liquid', formulation: 2, mgPerMl: 1, ml: 0.6 }]);
    expect(total).toEqual([{ kind: 'liquid', formulation: 2, mgPerMl: 1, ml: 56.4 }]);
  });

  it('totals tablets as the sum of the per-step roundings', () => {
    // Two steps of 3 halves each: 2 tablets each, so 4 to dispense though 6 halves are 3 tablets.
    const { total } = suppliesFor([
      step(0, '2026-12-01', '2026-12-03', 3, [[ten(1)]]),
      step(1, '2026-12-04', '2026-12-06', 3, [[ten(1)]]),
    ]);
    expect(total).toEqual([{ kind: 'tablet', formulation: 0, strengthMg: 10, halves: 6, halfPieces: 6, tablets: 4 }]);
  });

  it('gives a step with nothing to take no lines (the final 0 mg step)', () => {
    const { steps, total } = suppliesFor([step(0, '2026-12-01', '2026-12-14', 14, [[], [], []])]);
    expect(steps[0]?.lines).toEqual([]);
    expect(total).toEqual([]);
    expect(suppliesFor([])).toEqual({ steps: [], total: [] });
  });

  it('matches the engine worked example: 55 mg/day TID from 10 mg scored tablets for 14 days', () => {
    const input: TaperInput = workedExample;
    const { steps } = generateSchedule(input, ok);
    const supplies = suppliesFor(steps);
    // 15 + 20 + 20 mg a day is 3 + 4 + 4 = 11 halves; 154 halves over 14 days, 14 of them single halves.
    expect(supplies.steps[0]).toEqual({
      index: 0,
      startDate: '2026-12-01',
      endDate: '2026-12-14',
      days: 14,
      lines: [{ kind: 'tablet', formulation: 0, strengthMg: 10, halves: 154, halfPieces: 14, tablets: 77 }],
    });
    // Each step's need is its daily dose in 5 mg halves times its days.
    const halves = steps.reduce((sum, s) => sum + (s.dailyMg / 5) * s.days, 0);
    const tablets = (line: SupplyLine | undefined) => (line?.kind === 'tablet' ? line.tablets : 0);
    const total = supplies.total[0];
    expect(total?.kind === 'tablet' && total.halves).toBe(halves);
    expect(tablets(total)).toBe(supplies.steps.reduce((sum, s) => sum + tablets(s.lines[0]), 0));
  });

  it('lists one column per formulation used, and finds each step’s line for it', () => {
    const supplies = suppliesFor([step(0, '2026-12-01', '2026-12-02', 2, [[five(2)], [liquid(1)]]), step(1, '2026-12-03', '2026-12-04', 2, [[liquid(1)]])]);
    expect(supplyColumns(supplies)).toEqual([
      { kind: 'tablet', formulation: 1, strength: 5 },
      { kind: 'liquid', formulation: 2, strength: 1 },
    ]);
    const second = supplies.steps[1];
    expect(second && lineFor(second.lines, { kind: 'tablet', formulation: 1 })).toBeUndefined();
    expect(second && lineFor(second.lines, { kind: 'liquid', formulation: 2 })).toEqual({ kind: 'liquid', formulation: 2, mgPerMl: 1, ml: 2 });
  });
});
