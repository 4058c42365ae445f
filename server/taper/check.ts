// The invariants every schedule must keep, checked before a plan version is saved (and by property tests).
import { addDays } from './dates';
import { tableFor } from './engine';
import { toUnits } from './takeable';
import { TaperError, type TaperInput, type TaperStep } from './types';

export function checkSchedule(input: TaperInput, steps: TaperStep[]): void {
  const table = tableFor(input);
  let prev = input.currentDailyMg;
  steps.forEach((step, i) => {
    const where = `Step ${i + 1}`;
    if (step.index !== i) throw new TaperError('invalid-input', `${where} is out of order.`);
    if (step.days < 1 || addDays(step.startDate, step.days - 1) !== step.endDate) throw new TaperError('invalid-input', `${where} has inconsistent dates.`);
    const before = steps[i - 1];
    if (before && addDays(before.endDate, 1) !== step.startDate) throw new TaperError('invalid-input', `${where} does not start the day after step ${i} ends.`);
    if (step.dailyMg > prev + 1e-9 && !step.notes.includes('step-back')) {
      throw new TaperError('dose-increase', `${where} raises the dose without being a step back.`);
    }
    const units = step.doses.reduce((sum, d) => sum + toUnits(d.mg), 0);
    if (units !== toUnits(step.dailyMg)) throw new TaperError('invalid-input', `${where}: the doses do not add up to the daily dose.`);
    for (const dose of step.doses) {
      if (!table.reachable(toUnits(dose.mg))) throw new TaperError('dose-not-takeable', `${where}: ${dose.mg} mg at ${dose.time} cannot be given.`);
      const taken = dose.take.reduce((sum, t) => sum + (t.kind === 'tablet' ? toUnits((t.strengthMg / 2) * t.halves) : toUnits(t.ml * t.mgPerMl)), 0);
      if (taken !== toUnits(dose.mg)) throw new TaperError('invalid-input', `${where}: what to take at ${dose.time} does not give ${dose.mg} mg.`);
    }
    prev = step.dailyMg;
  });
}
