// The invariants every schedule must keep, checked before a plan version is saved (and by property tests).
import { addDays } from '~/lib/dates';
import { aboveCapCuts, stopAtMgOf, tableFor } from './engine';
import { toUnits } from './takeable';
import { TaperError, tm, type TaperInput, type TaperStep } from './types';

export function checkSchedule(input: TaperInput, steps: TaperStep[]): void {
  const table = tableFor(input);
  const weights = input.split.kind === 'weighted' ? input.split.weights : input.doseTimes.map(() => 1);
  let prev = input.currentDailyMg;
  steps.forEach((step, i) => {
    if (step.index !== i) throw new TaperError('invalid-input', tm('taper.stepOrder', { step: i + 1 }));
    if (step.days < 1 || addDays(step.startDate, step.days - 1) !== step.endDate) throw new TaperError('invalid-input', tm('taper.stepDates', { step: i + 1 }));
    const before = steps[i - 1];
    if (before && addDays(before.endDate, 1) !== step.startDate) throw new TaperError('invalid-input', tm('taper.stepGap', { step: i + 1, before: i }));
    if (step.dailyMg > prev + 1e-9 && !step.notes.includes('step-back')) {
      throw new TaperError('dose-increase', tm('taper.stepRaises', { step: i + 1 }));
    }
    const units = step.doses.reduce((sum, d) => sum + toUnits(d.mg), 0);
    if (units !== toUnits(step.dailyMg)) throw new TaperError('invalid-input', tm('taper.stepSum', { step: i + 1 }));
    for (const dose of step.doses) {
      if (!table.reachable(toUnits(dose.mg))) throw new TaperError('dose-not-takeable', tm('taper.stepDoseNotTakeable', { step: i + 1, mg: dose.mg, time: dose.time }));
      const taken = dose.take.reduce((sum, t) => sum + (t.kind === 'tablet' ? toUnits((t.strengthMg / 2) * t.halves) : toUnits(t.ml * t.mgPerMl)), 0);
      if (taken !== toUnits(dose.mg)) throw new TaperError('invalid-input', tm('taper.stepTake', { step: i + 1, mg: dose.mg, time: dose.time }));
      const weight = weights[input.doseTimes.indexOf(dose.time)] ?? 1;
      // An empty dose time is always deliberate: the dose is too small to give at every time, and the step says so.
      if (step.dailyMg > 0 && dose.mg === 0 && weight > 0 && !(step.notes.includes('dose-time-dropped') && step.droppedTimes?.includes(dose.time))) {
        throw new TaperError('invalid-input', tm('taper.stepEmpty', { step: i + 1, time: dose.time }));
      }
    }
    prev = step.dailyMg;
  });
  // A cut above the cap is never silent: the step carries the note (and the schedule's warning lists it).
  for (const cut of aboveCapCuts(input, steps, stopAtMgOf(table, input))) {
    const step = steps[cut.index];
    if (step && !step.notes.includes('above-cap') && !step.notes.includes('stretched')) {
      throw new TaperError('invalid-input', tm('taper.silentAboveCap', { step: cut.index + 1, percent: cut.percent, cap: input.maxCutPercent }));
    }
  }
  const last = steps.at(-1);
  if (last && last.dailyMg !== input.targetDailyMg) throw new TaperError('invalid-input', 'taper.notAtTarget');
}
