// Adjustments to a running taper, each returning a new schedule from a given day: extend, pause and
// resume, slow, step back, and a hand edit of a future step. Past steps are never rewritten.
import { addDays, daysBetween } from './dates';
import { dosesFor, stepsFrom, tableFor } from './engine';
import { toUnits } from './takeable';
import { TaperError, type Strategy, type TaperInput, type TaperStep } from './types';

export interface Plan {
  input: TaperInput;
  steps: TaperStep[];
}

/** The step running on `date`: before the first step, the first; after the last, the last. */
export function stepIndexOn(steps: readonly Pick<TaperStep, 'startDate' | 'endDate'>[], date: string): number {
  if (steps.length === 0) throw new TaperError('no-current-step', 'This plan has no steps.');
  const i = steps.findIndex((s) => s.startDate <= date && date <= s.endDate);
  if (i >= 0) return i;
  return date < (steps[0]?.startDate ?? date) ? 0 : steps.length - 1;
}

/** Re-dates steps from `from` on so each starts the day after the one before ends. */
function redate(steps: TaperStep[], from: number): TaperStep[] {
  const out = steps.slice();
  for (let i = Math.max(from, 0); i < out.length; i++) {
    const step = out[i];
    if (!step) continue;
    const start = i === 0 ? step.startDate : addDays(out[i - 1]?.endDate ?? step.startDate, 1);
    out[i] = { ...step, index: i, startDate: start, endDate: addDays(start, step.days - 1) };
  }
  return out;
}

function withNote(step: TaperStep, note: TaperStep['notes'][number]): TaperStep {
  return step.notes.includes(note) ? step : { ...step, notes: [...step.notes, note] };
}

function lengthen(plan: Plan, date: string, days: number): Plan {
  const i = stepIndexOn(plan.steps, date);
  const steps = plan.steps.slice();
  const step = steps[i];
  if (!step) return plan;
  steps[i] = withNote({ ...step, days: step.days + days }, 'extended');
  return { input: plan.input, steps: redate(steps, i) };
}

/** Makes the step running today longer by `days`; later steps move on by as much. */
export function extend(plan: Plan, today: string, days: number): Plan {
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new TaperError('invalid-input', 'Extend by 1 to 90 days.', 'days');
  return lengthen(plan, today, days);
}

/** Resuming a paused plan: the step that was running when it paused lasts as much longer as the pause did. */
export function resume(plan: Plan, pausedOn: string, today: string): Plan {
  const pausedDays = daysBetween(pausedOn, today);
  return pausedDays > 0 ? lengthen(plan, pausedOn, pausedDays) : plan;
}

function slowedStrategy(strategy: Strategy, percent: number): Strategy {
  const f = 1 - percent / 100;
  const round = (x: number) => Math.round(x * 100) / 100;
  return strategy.kind === 'fixed'
    ? { kind: 'fixed', mgPerStep: round(strategy.mgPerStep * f) }
    : { kind: 'percent', percent: round(strategy.percent * f), minCutMg: round(strategy.minCutMg * f), maxCutMg: round(strategy.maxCutMg * f) };
}

function checkSlowPercent(percent: number) {
  if (!(percent >= 5 && percent <= 50)) throw new TaperError('invalid-input', 'Slow the cuts by 5% to 50% (10–25% is usual).', 'percent');
}

/** Makes every cut after the running step smaller by `percent`; the running step is unchanged. */
export function slow(plan: Plan, today: string, percent: number): Plan {
  checkSlowPercent(percent);
  const i = stepIndexOn(plan.steps, today);
  const kept = plan.steps.slice(0, i + 1);
  const current = kept[i];
  if (!current) return plan;
  const input = { ...plan.input, strategy: slowedStrategy(plan.input.strategy, percent) };
  const rest = stepsFrom(tableFor(input), input, toUnits(current.dailyMg), addDays(current.endDate, 1), i + 1);
  return { input, steps: [...kept, ...rest] };
}

/**
 * The last tolerated dose: the most recent earlier dose above the one running now (or the starting
 * dose). Right after a step back, the step before is the dose that was not tolerated, so it is skipped.
 */
export function lastToleratedMg(plan: Plan, runningIndex: number): number | undefined {
  const running = plan.steps[runningIndex];
  if (!running) return undefined;
  for (let k = runningIndex - 1; k >= 0; k--) {
    const mg = plan.steps[k]?.dailyMg;
    if (mg !== undefined && mg > running.dailyMg) return mg;
  }
  return plan.input.currentDailyMg > running.dailyMg ? plan.input.currentDailyMg : undefined;
}

/**
 * Returns to the last tolerated dose from today for one step length, then goes on more slowly
 * (cuts smaller by `slowPercent`).
 */
export function stepBack(plan: Plan, today: string, slowPercent = 25): Plan {
  checkSlowPercent(slowPercent);
  const i = stepIndexOn(plan.steps, today);
  const current = plan.steps[i];
  if (!current) return plan;
  const toleratedMg = lastToleratedMg(plan, i);
  if (toleratedMg === undefined) {
    throw new TaperError('invalid-input', 'The patient is already on the starting dose: there is no higher tolerated dose to return to. Pause or extend this step instead.');
  }
  const input = { ...plan.input, strategy: slowedStrategy(plan.input.strategy, slowPercent) };
  const table = tableFor(input);
  const start = today < current.startDate ? current.startDate : today;
  // The running step ends yesterday (or is dropped if it starts today).
  const kept = plan.steps.slice(0, i);
  if (start > current.startDate) {
    const days = daysBetween(current.startDate, start);
    kept.push({ ...current, days, endDate: addDays(start, -1) });
  }
  const back: TaperStep = {
    index: kept.length,
    startDate: start,
    endDate: addDays(start, input.stepDays - 1),
    days: input.stepDays,
    dailyMg: toleratedMg,
    cutMg: current.dailyMg - toleratedMg,
    doses: dosesFor(table, input, toleratedMg),
    notes: ['step-back'],
  };
  const rest = stepsFrom(table, input, toUnits(toleratedMg), addDays(back.endDate, 1), kept.length + 1);
  return { input, steps: [...kept, back, ...rest] };
}

/** A hand edit of a future step's dose or length; the steps after it move with it. */
export function editStep(plan: Plan, today: string, index: number, change: { dailyMg?: number; days?: number }): Plan {
  const step = plan.steps[index];
  if (!step) throw new TaperError('invalid-input', 'There is no such step.', 'index');
  if (step.startDate <= today) throw new TaperError('step-in-past', 'Only steps that have not started yet can be edited. Use an adjustment for the running step.', 'index');
  const table = tableFor(plan.input);
  const dailyMg = change.dailyMg ?? step.dailyMg;
  const days = change.days ?? step.days;
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new TaperError('invalid-input', 'A step lasts 1 to 365 days.', 'days');
  if (!(dailyMg >= 0) || !table.reachable(toUnits(dailyMg))) {
    throw new TaperError('dose-not-takeable', `${dailyMg} mg a day cannot be given with the formulations listed.`, 'dailyMg');
  }
  const before = index > 0 ? (plan.steps[index - 1]?.dailyMg ?? plan.input.currentDailyMg) : plan.input.currentDailyMg;
  const after = plan.steps[index + 1]?.dailyMg;
  if (dailyMg > before || (after !== undefined && after > dailyMg)) {
    throw new TaperError('dose-increase', 'A step may not raise the dose: keep it between the step before and the step after. To go back up, use a step back.', 'dailyMg');
  }
  const steps = plan.steps.slice();
  steps[index] = withNote({ ...step, dailyMg, days, cutMg: before - dailyMg, doses: dosesFor(table, plan.input, dailyMg) }, 'edited');
  const next = steps[index + 1];
  if (next) steps[index + 1] = { ...next, cutMg: dailyMg - next.dailyMg };
  return { input: plan.input, steps: redate(steps, index) };
}
