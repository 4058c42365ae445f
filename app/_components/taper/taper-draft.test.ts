// The taper form's draft: defaults, reading an input back, the changes the form makes, and the input it sends.
import { describe, expect, it } from 'vitest';
import type { TaperInput } from '~/lib/taper/types';
import { taperInputSchema } from '~/lib/plans/inputs';
import {
  addDoseTime, addFormulation, addProduct, clockOrder, draftFrom, errorsAt, faultyTimes, inputFrom, isDoseTime, isHighDose, MAX_DOSE_TIMES,
  moreAtNight, optionsWith, removeDoseTime, removeFormulation, serverOnly, setDoseTime, setField, updateFormulation, validTimes,
} from './taper-draft';
import { workedExample } from './worked-example.test-fixture';

const input: TaperInput = workedExample;

describe('draftFrom and inputFrom', () => {
  it('starts empty with three dose times, scored 10 mg tablets and a 10% taper to 0', () => {
    const draft = draftFrom(undefined, '2026-12-01');
    expect(draft.currentDailyMg).toBe('');
    expect(draft.doseTimes.map((d) => d.time)).toEqual(['08:00', '14:00', '22:00']);
    expect(draft.formulations).toEqual([{ key: 'f0', kind: 'tablet', strengthMg: 10, scored: true }]);
    expect(draft).toMatchObject({ strategyKind: 'percent', percent: '10', stepDays: '14', targetDailyMg: '0', startDate: '2026-12-01', maxCutPercent: '25' });
    // Nothing typed yet is NaN, never 0: the engine and the server name the empty field.
    expect(inputFrom(draft).currentDailyMg).toBeNaN();
  });

  it('reads an input back into the same input, and the server accepts it', () => {
    const back = inputFrom(draftFrom(input, '2030-01-01'));
    expect(back).toEqual(input);
    expect(taperInputSchema.safeParse(back).success).toBe(true);
  });

  it('keeps the strategy values of the kind not chosen at their defaults', () => {
    const draft = draftFrom({ ...input, strategy: { kind: 'fixed', mgPerStep: 5 } }, '2026-12-01');
    expect(draft).toMatchObject({ strategyKind: 'fixed', mgPerStep: '5', percent: '10', minCutMg: '2.5', maxCutMg: '10' });
    expect(inputFrom(draft).strategy).toEqual({ kind: 'fixed', mgPerStep: 5 });
  });

  it('carries the slow factor, the drop order and the optional fields through', () => {
    const full: TaperInput = { ...input, slowFactor: 0.75, dropOrder: ['14:00', '08:00', '22:00'], stopAtMg: 5, followUpDays: 21 };
    expect(inputFrom(draftFrom(full, '2026-12-01'))).toEqual(full);
  });

  it('sends dose times and their weights in clock order', () => {
    const draft = { ...draftFrom(input, '2026-12-01'), splitKind: 'weighted' as const };
    const typed = setDoseTime(setDoseTime(draft, 't0', { time: '23:00', weight: '2' }), 't2', { weight: '3' });
    expect(clockOrder(typed.doseTimes)).toEqual([1, 2, 0]);
    const sent = inputFrom(typed);
    expect(sent.doseTimes).toEqual(['14:00', '22:00', '23:00']);
    expect(sent.split).toEqual({ kind: 'weighted', weights: [1, 3, 2] });
  });

  it('sends the high-dose reason only above the label maximum, and the stop threshold only for a taper to 0', () => {
    const draft = setField(setField(draftFrom(input, '2026-12-01'), 'highDoseReason', '  Severe spasticity  '), 'stopAtMg', '4');
    expect(inputFrom(draft)).not.toHaveProperty('highDoseReason');
    expect(inputFrom(draft).stopAtMg).toBe(4);
    const high = setField(draft, 'currentDailyMg', '90');
    expect(isHighDose(high)).toBe(true);
    expect(inputFrom(high).highDoseReason).toBe('Severe spasticity');
    expect(inputFrom(setField(draft, 'targetDailyMg', '10'))).not.toHaveProperty('stopAtMg');
  });

  it('leaves a drop order time out once its dose time is gone', () => {
    const draft = setField(draftFrom(input, '2026-12-01'), 'dropOrder', ['14:00', '08:00', '22:00']);
    expect(inputFrom(removeDoseTime(draft, 1)).dropOrder).toEqual(['08:00', '22:00']);
  });
});

describe('changes', () => {
  const draft = draftFrom(input, '2026-12-01');

  it('adds a dose time at a spare time not yet used', () => {
    const added = addDoseTime(draft, 'n1');
    expect(added.doseTimes.at(-1)).toEqual({ key: 'n1', time: '12:00', weight: '1' });
    expect(addDoseTime(added, 'n2').doseTimes.at(-1)?.time).toBe('18:00');
    expect(draft.doseTimes).toHaveLength(3);
  });

  it('gives the latest dose twice the others for "more at night", whatever the typing order', () => {
    const typed = setDoseTime(draft, 't0', { time: '23:30' });
    const night = moreAtNight(typed);
    expect(night.splitKind).toBe('weighted');
    expect(night.doseTimes.map((d) => d.weight)).toEqual(['2', '1', '1']);
    expect(moreAtNight(removeDoseTime(removeDoseTime(draft, 0), 0)).doseTimes.map((d) => d.weight)).toEqual(['1']);
  });

  it('adds, changes and removes formulations', () => {
    const withLiquid = addFormulation(draft, 'liquid', 'n3');
    expect(withLiquid.formulations.at(-1)).toEqual({ key: 'n3', kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 });
    expect(addFormulation(draft, 'tablet', 'n4').formulations.at(-1)).toEqual({ key: 'n4', kind: 'tablet', strengthMg: 10, scored: false });
    const changed = updateFormulation(withLiquid, 'n3', (f) => (f.kind === 'liquid' ? { ...f, mgPerMl: 5 } : f));
    expect(inputFrom(changed).formulations[1]).toEqual({ kind: 'liquid', mgPerMl: 5, minMeasurableMl: 0.5 });
    expect(removeFormulation(changed, 0).formulations.map((f) => f.key)).toEqual(['n3']);
    expect(addProduct(draft, { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.1 }, 'n5').formulations.at(-1)).toEqual({ key: 'n5', kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.1 });
  });
});

describe('dose time rules', () => {
  it('follows the server schema: HH:MM and at most its number of times', () => {
    expect(MAX_DOSE_TIMES).toBe(6);
    expect(isDoseTime('08:00')).toBe(true);
    expect(isDoseTime('8:00')).toBe(false);
    expect(isDoseTime('24:00')).toBe(false);
    expect(isDoseTime('')).toBe(false);
  });

  it('finds the rows at fault (blank, malformed or repeated) and the times a drop order can name', () => {
    const draft = draftFrom(input, '2026-12-01');
    const faulty = setDoseTime(setDoseTime(draft, 't1', { time: '22:00' }), 't0', { time: '' });
    expect([...faultyTimes(faulty)].sort()).toEqual([0, 1, 2]);
    expect(faultyTimes(draft).size).toBe(0);
    expect(validTimes(inputFrom(faulty))).toEqual(['22:00']);
  });
});

describe('errors', () => {
  const server = { 'input.stepDays': ['At most 90 days.'], 'formulations.0.strengthMg': ['Choose a tablet strength.'], doseTimes: ['Choose at least one dose time.'] };

  it('finds server errors by path, with or without the input prefix, and nested ones on request', () => {
    expect(errorsAt(server, {}, 'stepDays')).toEqual(['At most 90 days.']);
    expect(errorsAt(server, {}, 'formulations.0')).toBeUndefined();
    expect(errorsAt(server, {}, 'formulations.0', true)).toEqual(['Choose a tablet strength.']);
    expect(errorsAt(undefined, {}, 'stepDays')).toBeUndefined();
  });

  it('adds the engine’s message where it names the path, once', () => {
    expect(errorsAt(server, { field: 'doseTimes', message: 'Dose times are written as HH:MM.' }, 'doseTimes')).toEqual([
      'Choose at least one dose time.',
      'Dose times are written as HH:MM.',
    ]);
    expect(errorsAt({ stepDays: ['x'] }, { field: 'stepDays', message: 'x' }, 'stepDays')).toEqual(['x']);
    expect(serverOnly(['a', 'engine'], 'engine')).toEqual(['a']);
    expect(serverOnly(['engine'], 'engine')).toBeUndefined();
  });

  it('offers the current value among the choices of a select', () => {
    expect(optionsWith([5, 10, 20], 12.5)).toEqual([5, 10, 12.5, 20]);
    expect(optionsWith([5, 10], 10)).toEqual([5, 10]);
  });
});

describe('num', () => {
  it('reads a decimal point or a decimal comma, and nothing else', async () => {
    const { num } = await import('./taper-draft');
    expect(num('27.5')).toBe(27.5);
    expect(num('27,5')).toBe(27.5);
    expect(num(' 0,05 ')).toBe(0.05);
    expect(num('30')).toBe(30);
    expect(num('1,000,5')).toBeNaN();
    expect(num('')).toBeNaN();
    expect(num('abc')).toBeNaN();
  });
});
