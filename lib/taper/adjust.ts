// Adjustments to a running taper, each returning a new schedule from a given day: extend, pause and
// resume, slow, step back, and a hand edit of a future step. Past steps are never rewritten (only their
// explanatory notes are completed), and an adjustment that claims to change the doses does, or refuses.
import { addDays, daysBetween } from '~/lib/dates';
import { annotate, daysFor, dosesFor, makeStep, MAX_STEPS, nextStep, stepsFrom, stopAtMgOf, tableFor } from './engine';
import { toMg, toUnits, type TakeableTable } from './takeable';
import { TaperError, tm, type TaperInput, type TaperStep } from './types';

export interface Plan {
  input: TaperInput;
  steps: TaperStep[];
}

/** The step running on `date`: before the first step, the first; after the last, the last. */
export function stepIndexOn(steps: readonly Pick<TaperStep, 'startDate' | 'endDate'>[], date: string): number {
  if (steps.length === 0) throw new TaperError('no-current-step', 'taper.noSteps');
  const i = steps.findIndex((s) => s.startDate <= date && date <= s.endDate);
  if (i >= 0) return i;
  return date < (steps[0]?.startDate ?? date) ? 0 : steps.length - 1;
}

/** The daily dose a schedule gives on `date`: the starting dose before it, the last dose after it. */
export function doseOn(plan: Plan, date: string): number {
  const first = plan.steps[0];
  if (!first || date < first.startDate) return plan.input.currentDailyMg;
  return plan.steps[stepIndexOn(plan.steps, date)]?.dailyMg ?? plan.input.currentDailyMg;
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

/**
 * Completes the explanatory notes of every step from its numbers (a cut above the cap, dose times left
 * out): versions saved before these were noted get them when next adjusted. Doses and dates are untouched.
 */
export function annotateAll(input: TaperInput, steps: readonly TaperStep[], table: TakeableTable = tableFor(input)): TaperStep[] {
  const stopAtMg = stopAtMgOf(table, input);
  let prev = input.currentDailyMg;
  return steps.map((step) => {
    const out = annotate(input, step, prev, stopAtMg);
    prev = step.dailyMg;
    return out;
  });
}

function lengthen(plan: Plan, date: string, days: number): Plan {
  const i = stepIndexOn(plan.steps, date);
  const steps = plan.steps.slice();
  const step = steps[i];
  if (!step) return plan;
  steps[i] = withNote({ ...step, days: step.days + days }, 'extended');
  return { input: plan.input, steps: annotateAll(plan.input, redate(steps, i)) };
}

/** Makes the step running today longer by `days`; later steps move on by as much. */
export function extend(plan: Plan, today: string, days: number): Plan {
  if (!Number.isInteger(days) || days < 1 || days > 90) throw new TaperError('invalid-input', 'taper.extendDays', 'days');
  return lengthen(plan, today, days);
}

/** Resuming a paused plan: the step that was running when it paused lasts as much longer as the pause did. */
export function resume(plan: Plan, pausedOn: string, today: string): Plan {
  const pausedDays = daysBetween(pausedOn, today);
  return pausedDays > 0 ? lengthen(plan, pausedOn, pausedDays) : { input: plan.input, steps: annotateAll(plan.input, plan.steps) };
}

function checkSlowPercent(percent: number, field: string) {
  if (!(Number.isInteger(percent) && percent >= 5 && percent <= 50)) throw new TaperError('invalid-input', 'taper.slowPercent', field);
}

/** The slowing factor after slowing by `percent` more (kept to 4 decimals so versions compare cleanly). */
function slowedFactor(input: TaperInput, percent: number): number {
  return Math.round((input.slowFactor ?? 1) * (1 - percent / 100) * 10000) / 10000;
}

/** The first date on or after `date` on which the schedule gives less than `units` a day. */
function firstDateBelow(plan: Plan, units: number, date: string): string | undefined {
  for (const step of plan.steps) {
    if (step.endDate < date || toUnits(step.dailyMg) >= units) continue;
    return step.startDate > date ? step.startDate : date;
  }
  return undefined;
}

/** The smallest cut the products can make from a dose, for a refusal that says why. */
function smallestCut(table: TakeableTable, dailyMg: number): { mg: number; percent: number } {
  const below = table.below(toUnits(dailyMg));
  const mg = toMg(toUnits(dailyMg) - Math.max(below, 0));
  return { mg, percent: Math.round((mg / dailyMg) * 1000) / 10 };
}

/**
 * Makes every cut after the running step smaller by `percent`: the strategy's cuts and the cap used to
 * make them come down together (the slow factor), and no day's dose is ever lower than before. When the
 * products cannot make any remaining cut smaller, it refuses ('cannot-slow') and says why: it never
 * returns a schedule with the same doses.
 */
export function slow(plan: Plan, today: string, percent: number): Plan {
  checkSlowPercent(percent, 'percent');
  const i = stepIndexOn(plan.steps, today);
  const current = plan.steps[i];
  if (!current) return plan;
  const target = toUnits(plan.input.targetDailyMg);
  if (toUnits(current.dailyMg) <= target) {
    throw new TaperError('cannot-slow', 'taper.atTarget', 'percent', { reason: 'at-target' });
  }
  const input: TaperInput = { ...plan.input, slowFactor: slowedFactor(plan.input, percent) };
  const table = tableFor(input);
  const stopAtUnits = toUnits(stopAtMgOf(table, input));
  const steps = annotateAll(input, plan.steps.slice(0, i + 1), table);
  let prev = toUnits(current.dailyMg);
  let date = addDays(current.endDate, 1);
  while (prev > target) {
    if (steps.length >= MAX_STEPS) {
      throw new TaperError('too-many-steps', tm('taper.tooManyStepsSlow', { max: MAX_STEPS }), 'percent');
    }
    const before = toUnits(doseOn(plan, date));
    if (before >= prev) {
      // The schedule being slowed still gives this dose here (a step made longer): hold it as long.
      const until = firstDateBelow(plan, prev, date);
      const last = steps.at(-1);
      if (!until || !last || until <= date) break;
      const days = last.days + daysBetween(date, until);
      steps[steps.length - 1] = { ...last, days, endDate: addDays(last.startDate, days - 1) };
      date = until;
      continue;
    }
    const next = nextStep(table, input, prev, { stopAtUnits, floorUnits: before });
    const days = daysFor(input, next.dailyUnits);
    steps.push(makeStep(table, input, steps.length, date, days, next.dailyUnits, prev, next.notes));
    date = addDays(date, days);
    prev = next.dailyUnits;
  }
  const same = (a: TaperStep, b: TaperStep | undefined) => b !== undefined && a.startDate === b.startDate && a.days === b.days && a.dailyMg === b.dailyMg;
  const unchanged = steps.length === plan.steps.length && steps.every((s, k) => same(s, plan.steps[k]));
  if (unchanged) {
    const cut = smallestCut(table, current.dailyMg);
    throw new TaperError(
      'cannot-slow',
      tm('taper.cannotSlow', { fromMg: current.dailyMg, cutMg: cut.mg, percent: cut.percent }),
      'percent',
      { reason: 'products', fromMg: current.dailyMg, smallestCutMg: cut.mg, smallestCutPercent: cut.percent },
    );
  }
  return { input, steps };
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
 * Returns to the last tolerated dose from today for one step length, then goes on more slowly (cuts and
 * the cap smaller by `slowPercent`). The first cut after it is smaller than the cut that was not
 * tolerated whenever the products can give a dose in between; when they cannot, the step says so.
 */
export function stepBack(plan: Plan, today: string, slowPercent = 25): Plan {
  checkSlowPercent(slowPercent, 'slowPercent');
  const i = stepIndexOn(plan.steps, today);
  const current = plan.steps[i];
  if (!current) return plan;
  const toleratedMg = lastToleratedMg(plan, i);
  if (toleratedMg === undefined) {
    throw new TaperError('invalid-input', 'taper.atStartingDose');
  }
  const input: TaperInput = { ...plan.input, slowFactor: slowedFactor(plan.input, slowPercent) };
  const table = tableFor(input);
  const start = today < current.startDate ? current.startDate : today;
  // The running step ends yesterday (or is dropped if it starts today).
  const kept = plan.steps.slice(0, i);
  if (start > current.startDate) {
    const days = daysBetween(current.startDate, start);
    kept.push({ ...current, days, endDate: addDays(start, -1) });
  }
  const notTolerated = toUnits(current.dailyMg);
  const tolerated = toUnits(toleratedMg);
  const back = makeStep(table, input, kept.length, start, input.stepDays, tolerated, notTolerated, ['step-back']);
  let date = addDays(back.endDate, 1);
  const steps = [...annotateAll(input, kept, table), back];

  // The first cut from the tolerated dose: into the gap between it and the dose that was not tolerated.
  const between = table.below(tolerated) > notTolerated;
  const stopAtUnits = toUnits(stopAtMgOf(table, input));
  const first = between
    ? nextStep(table, input, tolerated, { stopAtUnits: Math.min(stopAtUnits, notTolerated), floorUnits: notTolerated + 1 })
    : nextStep(table, input, tolerated, { stopAtUnits });
  const firstDays = daysFor(input, first.dailyUnits);
  const firstStep = makeStep(table, input, steps.length, date, firstDays, first.dailyUnits, tolerated, between ? first.notes : [...first.notes, 'no-dose-between']);
  steps.push(firstStep);
  date = addDays(date, firstDays);
  const rest = stepsFrom(table, input, first.dailyUnits, date, steps.length);
  return { input, steps: [...steps, ...rest] };
}

/** A hand edit of a future step's dose or length; the steps after it move with it. */
export function editStep(plan: Plan, today: string, index: number, change: { dailyMg?: number; days?: number }): Plan {
  const step = plan.steps[index];
  if (!step) throw new TaperError('invalid-input', 'taper.noSuchStep', 'index');
  if (step.startDate <= today) throw new TaperError('step-in-past', 'taper.stepStarted', 'index');
  const table = tableFor(plan.input);
  const dailyMg = change.dailyMg ?? step.dailyMg;
  const days = change.days ?? step.days;
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new TaperError('invalid-input', 'taper.stepLength', 'days');
  if (!(Number.isFinite(dailyMg) && dailyMg >= 0) || Math.abs(dailyMg * 20 - Math.round(dailyMg * 20)) > 1e-6) {
    throw new TaperError('invalid-input', 'taper.stepDoseGrid', 'dailyMg');
  }
  if (!table.reachable(toUnits(dailyMg))) {
    throw new TaperError('dose-not-takeable', tm('taper.notTakeable', { mg: dailyMg }), 'dailyMg');
  }
  const last = index === plan.steps.length - 1;
  if (last && dailyMg !== step.dailyMg) {
    throw new TaperError('invalid-input', 'taper.lastStepTarget', 'dailyMg');
  }
  const before = index > 0 ? (plan.steps[index - 1]?.dailyMg ?? plan.input.currentDailyMg) : plan.input.currentDailyMg;
  const after = plan.steps[index + 1]?.dailyMg;
  if (dailyMg > before || (after !== undefined && after > dailyMg)) {
    throw new TaperError('dose-increase', 'taper.doseIncrease', 'dailyMg');
  }
  const steps = plan.steps.slice();
  const { doses, droppedTimes } = dosesFor(table, plan.input, dailyMg);
  const notes = step.notes.filter((n) => n !== 'above-cap' && n !== 'dose-time-dropped');
  steps[index] = withNote({ ...step, dailyMg, days, cutMg: toMg(toUnits(before) - toUnits(dailyMg)), doses, notes, droppedTimes: droppedTimes.length ? droppedTimes : undefined }, 'edited');
  const next = steps[index + 1];
  if (next) steps[index + 1] = { ...next, cutMg: toMg(toUnits(dailyMg) - toUnits(next.dailyMg)), notes: next.notes.filter((n) => n !== 'above-cap') };
  return { input: plan.input, steps: annotateAll(plan.input, redate(steps, index), table) };
}
