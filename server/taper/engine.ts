// The taper engine: turns a regimen, the patient's formulations and a strategy into a schedule of steps
// whose every dose can actually be taken. Pure functions: no I/O, no clock, no framework.
import { addDays, isIsoDate } from './dates';
import { takeableTable, toMg, toUnits, type TakeableTable } from './takeable';
import {
  TaperError, type DoseAtTime, type PatientFacts, type Schedule, type StepNote, type Strategy, type TaperInput,
  type TaperStep, type Warning,
} from './types';

export const LABEL_MAX_DAILY_MG = 80;
export const MAX_STEPS = 200;
const MAX_DAILY_MG = 240;

function fail(message: string, field: string): never {
  throw new TaperError('invalid-input', message, field);
}

function checkInput(input: TaperInput): void {
  if (!Number.isFinite(input.currentDailyMg) || input.currentDailyMg <= 0 || input.currentDailyMg > MAX_DAILY_MG) {
    fail(`The current dose must be more than 0 and at most ${MAX_DAILY_MG} mg a day.`, 'currentDailyMg');
  }
  if (!Number.isFinite(input.targetDailyMg) || input.targetDailyMg < 0) fail('The target dose must be 0 or more.', 'targetDailyMg');
  if (input.targetDailyMg >= input.currentDailyMg) {
    throw new TaperError('target-above-current', 'The target dose must be lower than the current dose.', 'targetDailyMg');
  }
  const times = input.doseTimes;
  if (times.length < 1 || times.length > 6) fail('Choose 1 to 6 dose times.', 'doseTimes');
  if (times.some((t) => !/^([01]\d|2[0-3]):[0-5]\d$/.test(t))) fail('Dose times are written as HH:MM.', 'doseTimes');
  if (times.some((t, i) => i > 0 && t <= (times[i - 1] ?? ''))) fail('Dose times must be in order, each once.', 'doseTimes');
  if (input.split.kind === 'weighted') {
    const w = input.split.weights;
    if (w.length !== times.length || w.some((x) => !Number.isFinite(x) || x < 0) || w.every((x) => x === 0)) {
      fail('Give one weight (0 or more) per dose time.', 'split');
    }
  }
  if (!Number.isInteger(input.stepDays) || input.stepDays < 1 || input.stepDays > 90) fail('A step lasts 1 to 90 days.', 'stepDays');
  if (!(input.maxCutPercent > 0 && input.maxCutPercent <= 50)) fail('The cap on a cut is more than 0% and at most 50%.', 'maxCutPercent');
  if (!isIsoDate(input.startDate)) fail('The start date is written as YYYY-MM-DD.', 'startDate');
  const s = input.strategy;
  if (s.kind === 'fixed' && !(s.mgPerStep > 0 && s.mgPerStep <= 40)) fail('A fixed cut is more than 0 and at most 40 mg.', 'strategy.mgPerStep');
  if (s.kind === 'percent') {
    if (!(s.percent > 0 && s.percent <= 50)) fail('A percentage cut is more than 0% and at most 50%.', 'strategy.percent');
    if (!(s.minCutMg > 0 && s.minCutMg <= s.maxCutMg && s.maxCutMg <= 40)) {
      fail('The smallest cut must be more than 0 and no larger than the largest cut (at most 40 mg).', 'strategy.minCutMg');
    }
  }
}

/** Guardrails that depend on the patient, not the numbers: checked before any schedule is made. */
export function checkPatient(patient: PatientFacts): Warning[] {
  if (patient.hasIntrathecalPump) {
    throw new TaperError(
      'intrathecal-pump',
      'This patient has an intrathecal baclofen pump. Taperline does not plan tapers for pump patients: pump doses are managed by the pump team, and pump withdrawal is an emergency.',
    );
  }
  const r = patient.renalFunction;
  return r === 'mild' || r === 'moderate' || r === 'severe' ? [{ code: 'renal-impairment', renalFunction: r }] : [];
}

function weightsFor(input: TaperInput): number[] {
  const n = input.doseTimes.length;
  const raw = input.split.kind === 'even' ? Array<number>(n).fill(1) : input.split.weights;
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / total);
}

/** Nearby takeable single doses around `target` units: a few below and above, and always 0. */
function candidatesAround(table: TakeableTable, target: number, limit: number): number[] {
  const found = new Set<number>([0]);
  let below = 0;
  for (let a = Math.min(Math.floor(target), limit); a >= 0 && below < 4; a--) {
    if (table.reachable(a)) {
      found.add(a);
      below++;
    }
  }
  let above = 0;
  for (let a = Math.ceil(target); a <= limit && above < 4; a++) {
    if (table.reachable(a)) {
      found.add(a);
      above++;
    }
  }
  return [...found];
}

/**
 * Spreads a takeable daily dose over the dose times as close to the weights as the formulations allow.
 * The last dose time takes the remainder, which is always takeable (takeable doses add up).
 */
export function distribute(table: TakeableTable, dailyUnits: number, weights: number[]): number[] {
  const n = weights.length;
  type State = { cost: number; amounts: number[] };
  let states = new Map<number, State>([[0, { cost: 0, amounts: [] }]]);
  for (let i = 0; i < n - 1; i++) {
    const share = dailyUnits * (weights[i] ?? 0);
    const next = new Map<number, State>();
    for (const [sum, state] of states) {
      for (const a of candidatesAround(table, share, dailyUnits - sum)) {
        const cost = state.cost + (a - share) ** 2;
        const key = sum + a;
        const existing = next.get(key);
        // Ties go to the earlier doses being smaller, so what is left falls to the later (night) doses.
        if (!existing || cost < existing.cost - 1e-9) next.set(key, { cost, amounts: [...state.amounts, a] });
      }
    }
    states = next;
  }
  const lastShare = dailyUnits * (weights[n - 1] ?? 0);
  let best: State | undefined;
  for (const [sum, state] of states) {
    const last = dailyUnits - sum;
    if (!table.reachable(last)) continue;
    const cost = state.cost + (last - lastShare) ** 2;
    if (!best || cost < best.cost - 1e-9) best = { cost, amounts: [...state.amounts, last] };
  }
  if (!best) throw new TaperError('dose-not-takeable', `${toMg(dailyUnits)} mg a day cannot be given with these formulations.`);
  return best.amounts;
}

export function dosesFor(table: TakeableTable, input: Pick<TaperInput, 'doseTimes' | 'split'>, dailyMg: number): DoseAtTime[] {
  const amounts = distribute(table, toUnits(dailyMg), weightsFor(input as TaperInput));
  return input.doseTimes.map((time, i) => {
    const units = amounts[i] ?? 0;
    return { time, mg: toMg(units), take: table.compose(units) };
  });
}

export function tableFor(input: Pick<TaperInput, 'formulations' | 'currentDailyMg'>): TakeableTable {
  return takeableTable(input.formulations, Math.max(input.currentDailyMg, 1) + 1);
}

function wantedCut(strategy: Strategy, prevMg: number, slowFactor: number): number {
  if (strategy.kind === 'fixed') return strategy.mgPerStep * slowFactor;
  const cut = (prevMg * strategy.percent) / 100;
  return Math.min(strategy.maxCutMg, Math.max(strategy.minCutMg, cut)) * slowFactor;
}

export interface NextStep {
  dailyUnits: number;
  days: number;
  notes: StepNote[];
}

/** Chooses the next step's dose: the takeable dose nearest the strategy's, within the cap, never 0 cut. */
export function nextStep(table: TakeableTable, input: TaperInput, prevUnits: number, slowFactor = 1): NextStep {
  const target = toUnits(input.targetDailyMg);
  const prevMg = toMg(prevUnits);
  const wanted = wantedCut(input.strategy, prevMg, slowFactor);
  const capMg = (prevMg * input.maxCutPercent) / 100;
  const notes: StepNote[] = [];
  if (wanted > capMg + 1e-9) notes.push('capped');
  const cutMg = Math.min(wanted, capMg);
  const desired = Math.max(target, toUnits(prevMg - cutMg));
  const lowest = Math.max(target, Math.ceil((prevMg - capMg) * 20 - 1e-6));

  let chosen = -1;
  let bestDistance = Infinity;
  for (let a = prevUnits; a >= lowest; a--) {
    if (!table.reachable(a)) continue;
    const distance = Math.abs(a - desired);
    // Nearest to the strategy's dose; on a tie, the higher dose (the gentler cut).
    if (distance < bestDistance) {
      bestDistance = distance;
      chosen = a;
    }
  }
  let days = input.stepDays;
  if (chosen === prevUnits || chosen < 0) {
    // Rounding would make the cut 0: take the smallest cut the formulations allow.
    const smaller = table.below(prevUnits);
    chosen = Math.max(smaller, target);
    if (!table.reachable(chosen)) chosen = smaller;
    const cut = toMg(prevUnits - chosen);
    if (cut <= capMg + 1e-9) notes.push('smallest-takeable-cut');
    else {
      // Even that is above the cap: keep the pace (cap per step length) by making the step longer.
      notes.push('stretched');
      days = Math.min(365, Math.ceil((input.stepDays * cut) / capMg - 1e-9));
    }
  } else if (chosen !== desired) {
    notes.push('rounded');
  }
  if (chosen === target) notes.push('final');
  return { dailyUnits: chosen, days, notes };
}

function makeStep(table: TakeableTable, input: TaperInput, index: number, startDate: string, days: number, dailyUnits: number, prevUnits: number, notes: StepNote[]): TaperStep {
  return {
    index,
    startDate,
    endDate: addDays(startDate, days - 1),
    days,
    dailyMg: toMg(dailyUnits),
    cutMg: toMg(prevUnits - dailyUnits),
    doses: dosesFor(table, input, toMg(dailyUnits)),
    notes,
  };
}

/** Steps from `fromUnits` down to the target, starting on `startDate`. */
export function stepsFrom(
  table: TakeableTable,
  input: TaperInput,
  fromUnits: number,
  startDate: string,
  firstIndex: number,
  slowFactor = 1,
): TaperStep[] {
  const target = toUnits(input.targetDailyMg);
  const steps: TaperStep[] = [];
  let prev = fromUnits;
  let date = startDate;
  while (prev > target) {
    if (steps.length + firstIndex >= MAX_STEPS) {
      throw new TaperError('too-many-steps', `This would take more than ${MAX_STEPS} steps. Choose larger cuts or a higher target.`, 'strategy');
    }
    const next = nextStep(table, input, prev, slowFactor);
    steps.push(makeStep(table, input, firstIndex + steps.length, date, next.days, next.dailyUnits, prev, next.notes));
    date = addDays(date, next.days);
    prev = next.dailyUnits;
  }
  return steps;
}

/** Makes a whole schedule. Throws TaperError with a clear message when a guardrail stops it. */
export function generateSchedule(input: TaperInput, patient: PatientFacts): Schedule {
  const warnings = checkPatient(patient);
  checkInput(input);
  if (input.currentDailyMg > LABEL_MAX_DAILY_MG) {
    const reason = input.highDoseReason?.trim() ?? '';
    if (reason.length < 3) {
      throw new TaperError(
        'above-label-maximum',
        `The current dose is above the ${LABEL_MAX_DAILY_MG} mg/day label maximum. Record the clinical reason to go on.`,
        'highDoseReason',
      );
    }
    warnings.push({ code: 'above-label-maximum', maxDailyMg: input.currentDailyMg, reason });
  }
  const table = tableFor(input);
  if (!table.reachable(toUnits(input.currentDailyMg))) {
    throw new TaperError('current-not-takeable', `${input.currentDailyMg} mg a day cannot be given with the formulations listed. Add the ones the patient uses now.`, 'currentDailyMg');
  }
  if (!table.reachable(toUnits(input.targetDailyMg))) {
    throw new TaperError('target-not-takeable', `${input.targetDailyMg} mg a day cannot be given with the formulations listed.`, 'targetDailyMg');
  }
  const steps = stepsFrom(table, input, toUnits(input.currentDailyMg), input.startDate, 0);
  if (steps.length > 52) warnings.push({ code: 'long-schedule', steps: steps.length });
  return { steps, warnings };
}
