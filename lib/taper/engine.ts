// The taper engine: turns a regimen, the patient's formulations and a strategy into a schedule of steps
// whose every dose can actually be taken, and says plainly where it cannot keep the clinician's cap.
// Pure functions: no I/O, no clock, no framework.
import { addDays, isIsoDate } from '~/lib/dates';
import { takeableTable, toMg, toUnits, type TakeableTable } from './takeable';
import {
  TaperError, tm, type AboveCapCut, type DoseAtTime, type PatientFacts, type Schedule, type StepNote, type TaperInput, type TaperStep,
  type TaperErrorText, type Warning,
} from './types';

export const LABEL_MAX_DAILY_MG = 80;
export const MAX_STEPS = 200;
const MAX_DAILY_MG = 240;
/** The stop threshold's bounds: never below 1 mg/day, and "small" means at most 10 mg/day. */
export const MIN_STOP_AT_MG = 1;
export const MAX_STOP_AT_MG = 10;
/** The default stop threshold is never above this: the last doses of a taper are small (DOMAIN: e.g. 5 mg/day or less). */
export const DEFAULT_STOP_CEILING_MG = 5;
/** A dose time asking for more pieces (whole or half tablets) than this is hard to take: warned. */
export const MAX_PIECES_PER_DOSE = 4;
/** A dose time asking for more liquid than this is hard to take: warned. */
export const MAX_ML_PER_DOSE = 20;
/** More steps than this is worth a second look. */
const LONG_SCHEDULE_STEPS = 52;

function fail(text: TaperErrorText, field: string): never {
  throw new TaperError('invalid-input', text, field);
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);
/** Doses are counted in 0.05 mg: a dose between two counts is a typing slip, never rounded silently. */
const onGrid = (mg: number) => Math.abs(mg * 20 - Math.round(mg * 20)) < 1e-6;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Every field the engine reads is there and sensible; a missing or malformed one is a field error, never a TypeError. */
function checkInput(input: TaperInput): void {
  if (!input || typeof input !== 'object') fail('taper.inputMissing', 'input');
  if (!isNumber(input.currentDailyMg) || input.currentDailyMg <= 0 || input.currentDailyMg > MAX_DAILY_MG) {
    fail(tm('taper.currentDoseRange', { max: MAX_DAILY_MG }), 'currentDailyMg');
  }
  if (!onGrid(input.currentDailyMg)) fail('taper.currentDoseGrid', 'currentDailyMg');
  if (!isNumber(input.targetDailyMg) || input.targetDailyMg < 0) fail('taper.targetDoseMin', 'targetDailyMg');
  if (!onGrid(input.targetDailyMg)) fail('taper.smallDoseGrid', 'targetDailyMg');
  if (input.targetDailyMg >= input.currentDailyMg) {
    throw new TaperError('target-above-current', 'taper.targetAboveCurrent', 'targetDailyMg');
  }
  const times = input.doseTimes;
  if (!Array.isArray(times) || times.length < 1 || times.length > 6) fail('taper.doseTimesCount', 'doseTimes');
  if (times.some((t) => typeof t !== 'string' || !TIME.test(t))) fail('taper.doseTimesFormat', 'doseTimes');
  if (times.some((t, i) => i > 0 && t <= (times[i - 1] ?? ''))) fail('taper.doseTimesOrder', 'doseTimes');
  const split = input.split;
  if (!split || (split.kind !== 'even' && split.kind !== 'weighted')) fail('taper.splitKind', 'split');
  if (split.kind === 'weighted') {
    const w = split.weights;
    if (!Array.isArray(w) || w.length !== times.length || w.some((x) => !isNumber(x) || x < 0) || w.every((x) => x === 0)) {
      fail('taper.splitWeights', 'split');
    }
  }
  if (!Number.isInteger(input.stepDays) || input.stepDays < 1 || input.stepDays > 90) fail('taper.stepDays', 'stepDays');
  if (!isNumber(input.maxCutPercent) || !(input.maxCutPercent > 0 && input.maxCutPercent <= 50)) fail('taper.maxCutPercent', 'maxCutPercent');
  if (typeof input.startDate !== 'string' || !isIsoDate(input.startDate)) fail('taper.startDate', 'startDate');
  const s = input.strategy;
  if (!s || (s.kind !== 'fixed' && s.kind !== 'percent')) fail('taper.strategyKind', 'strategy');
  if (s.kind === 'fixed' && !(isNumber(s.mgPerStep) && s.mgPerStep > 0 && s.mgPerStep <= 40)) fail('taper.fixedCut', 'strategy.mgPerStep');
  if (s.kind === 'percent') {
    if (!(isNumber(s.percent) && s.percent > 0 && s.percent <= 50)) fail('taper.percentCut', 'strategy.percent');
    if (!(isNumber(s.minCutMg) && isNumber(s.maxCutMg) && s.minCutMg > 0 && s.minCutMg <= s.maxCutMg && s.maxCutMg <= 40)) {
      fail('taper.cutBounds', 'strategy.minCutMg');
    }
  }
  if (input.stopAtMg !== undefined) {
    if (!isNumber(input.stopAtMg) || input.stopAtMg < MIN_STOP_AT_MG || input.stopAtMg > MAX_STOP_AT_MG) {
      fail(tm('taper.stopAtRange', { min: MIN_STOP_AT_MG, max: MAX_STOP_AT_MG }), 'stopAtMg');
    }
    if (!onGrid(input.stopAtMg)) fail('taper.smallDoseGrid', 'stopAtMg');
  }
  if (input.followUpDays !== undefined && (!Number.isInteger(input.followUpDays) || input.followUpDays < 1 || input.followUpDays > 90)) {
    fail('taper.followUpDays', 'followUpDays');
  }
  if (input.dropOrder !== undefined) {
    const order = input.dropOrder;
    if (!Array.isArray(order) || order.some((t) => !times.includes(t)) || new Set(order).size !== order.length) {
      fail('taper.dropOrder', 'dropOrder');
    }
  }
  if (input.slowFactor !== undefined && !(isNumber(input.slowFactor) && input.slowFactor > 0 && input.slowFactor <= 1)) {
    fail('taper.slowFactor', 'slowFactor');
  }
}

/** Guardrails that depend on the patient, not the numbers: checked before any schedule is made. */
export function checkPatient(patient: PatientFacts): Warning[] {
  if (patient.hasIntrathecalPump) {
    throw new TaperError('intrathecal-pump', 'taper.intrathecalPump');
  }
  const r = patient.renalFunction;
  return r === 'mild' || r === 'moderate' || r === 'severe' ? [{ code: 'renal-impairment', renalFunction: r }] : [];
}

function weightsFor(input: Pick<TaperInput, 'doseTimes' | 'split'>): number[] {
  const n = input.doseTimes.length;
  return input.split.kind === 'even' ? Array<number>(n).fill(1) : input.split.weights.slice(0, n);
}

/**
 * The order dose times are left out when a day's dose is too small to give at each of them: the
 * clinician's order first, then the midday times, then the first; the last (night) dose goes last, so
 * it is kept longest (it helps with night spasms and sleep).
 */
export function dropRank(input: Pick<TaperInput, 'doseTimes' | 'dropOrder'>): number[] {
  const n = input.doseTimes.length;
  const chosen = (input.dropOrder ?? []).map((t) => input.doseTimes.indexOf(t)).filter((i) => i >= 0);
  const byDefault = [...Array.from({ length: Math.max(n - 2, 0) }, (_, k) => k + 1), 0, n - 1].filter((i, k, all) => i >= 0 && i < n && all.indexOf(i) === k);
  return [...chosen, ...byDefault.filter((i) => !chosen.includes(i))];
}

/** How many takeable candidates to keep on each side of a dose time's share. */
const CANDIDATES_PER_SIDE = 3;

/**
 * Spreads a takeable daily dose over the dose times as close to the weights as the products allow,
 * giving every dose time with a weight some of it whenever the dose can be split that far. When it
 * cannot (too small: fewer takeable parts than times), times are left out in `rank` order. Returns the
 * amount for each time and the indexes left out.
 */
export function distribute(table: TakeableTable, dailyUnits: number, weights: number[], rank: number[]): { amounts: number[]; dropped: number[] } {
  const n = weights.length;
  const amounts = Array<number>(n).fill(0);
  if (dailyUnits === 0) return { amounts, dropped: [] };
  const parts = table.maxParts(dailyUnits);
  if (parts < 1) throw new TaperError('dose-not-takeable', tm('taper.dailyDoseNotTakeable', { mg: toMg(dailyUnits) }));
  const active = weights.map((w, i) => (w > 0 ? i : -1)).filter((i) => i >= 0);
  const dropped: number[] = [];
  const kept = new Set(active);
  for (const i of rank) {
    if (kept.size <= parts) break;
    if (kept.delete(i)) dropped.push(i);
  }
  const times = active.filter((i) => kept.has(i));
  const total = times.reduce((sum, i) => sum + (weights[i] ?? 0), 0);
  const shares = times.map((i) => (dailyUnits * (weights[i] ?? 0)) / total);
  const step = Math.max(table.gcdUnits, 1);
  // An amount left for `count` more dose times can go on only if it splits into that many takeable parts.
  const feasible = (rest: number, count: number) => (count === 0 ? rest === 0 : table.maxParts(rest) >= count);

  type State = { cost: number; amounts: number[] };
  // Dynamic programming over what is left for the later times. Which amounts a time tries: the nearest takeable
  // ones that leave a splittable rest, CANDIDATES_PER_SIDE on each side of its share (`radius` undefined), or
  // every such amount within `radius` of the share. The first search gives a split and its cost; no time's
  // amount in a better split can be further from its share than the square root of that cost, so the second
  // search, over every amount within that radius, finds the closest split there is (with gaps in what can be
  // measured, the nearest few amounts can miss it).
  const search = (radius: number | undefined): State | undefined => {
    let states = new Map<number, State>([[dailyUnits, { cost: 0, amounts: [] }]]);
    for (let j = 0; j < times.length; j++) {
      const share = shares[j] ?? 0;
      const after = times.length - j - 1;
      const next = new Map<number, State>();
      for (const [left, state] of states) {
        const candidates: number[] = [];
        if (after === 0) {
          if (left > 0 && table.reachable(left)) candidates.push(left);
        } else {
          // Outward from the share, over multiples of the grid (every takeable amount is one).
          const start = Math.min(Math.max(Math.round(share / step) * step, step), left);
          const within = (a: number, found: number) => (radius === undefined ? found < CANDIDATES_PER_SIDE : Math.abs(a - share) <= radius);
          let below = 0;
          for (let a = start; a >= step && within(a, below); a -= step) {
            if (table.reachable(a) && feasible(left - a, after)) {
              candidates.push(a);
              below++;
            }
          }
          let above = 0;
          for (let a = start + step; a <= left && within(a, above); a += step) {
            if (table.reachable(a) && feasible(left - a, after)) {
              candidates.push(a);
              above++;
            }
          }
        }
        for (const a of candidates) {
          const cost = state.cost + (a - share) ** 2;
          const key = left - a;
          const existing = next.get(key);
          // Ties go to the earlier doses being smaller, so what is left falls to the later (night) doses.
          if (!existing || cost < existing.cost - 1e-9 || (Math.abs(cost - existing.cost) <= 1e-9 && earlierSmaller([...state.amounts, a], existing.amounts))) {
            next.set(key, { cost, amounts: [...state.amounts, a] });
          }
        }
      }
      states = next;
    }
    return states.get(0);
  };
  const first = search(undefined);
  const closest = first && first.cost > 1e-9 ? search(Math.sqrt(first.cost) + 1e-6) : undefined;
  const best = closest && closest.cost < (first?.cost ?? Infinity) - 1e-9 ? closest : first;
  if (!best) throw new TaperError('dose-not-takeable', tm('taper.dailyDoseNotTakeable', { mg: toMg(dailyUnits) }));
  times.forEach((i, j) => {
    amounts[i] = best.amounts[j] ?? 0;
  });
  return { amounts, dropped: dropped.sort((a, b) => a - b) };
}

function earlierSmaller(a: readonly number[], b: readonly number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x < y;
  }
  return false;
}

/** What to take at each dose time for a daily dose, and the times left out because it is too small to split. */
export function dosesFor(
  table: TakeableTable,
  input: Pick<TaperInput, 'doseTimes' | 'split' | 'dropOrder'>,
  dailyMg: number,
): { doses: DoseAtTime[]; droppedTimes: string[] } {
  const { amounts, dropped } = distribute(table, toUnits(dailyMg), weightsFor(input), dropRank(input));
  const doses = input.doseTimes.map((time, i) => {
    const units = amounts[i] ?? 0;
    return { time, mg: toMg(units), take: table.compose(units) };
  });
  return { doses, droppedTimes: dropped.map((i) => input.doseTimes[i] ?? '').filter(Boolean) };
}

export function tableFor(input: Pick<TaperInput, 'formulations' | 'currentDailyMg'>): TakeableTable {
  return takeableTable(input.formulations, Math.max(input.currentDailyMg, 1) + 1);
}

/**
 * The stop threshold when the clinician gives none: the lowest daily dose (at least 1 mg) the products
 * reach from the current dose with every cut within the cap, but never above 5 mg/day. When the products
 * cannot get that low within the cap (coarse tablets), the cuts that do not fit show as cuts above the cap.
 */
export function defaultStopAtMg(table: TakeableTable, input: Pick<TaperInput, 'currentDailyMg' | 'maxCutPercent'>): number {
  const floor = toUnits(MIN_STOP_AT_MG);
  const cap = input.maxCutPercent / 100;
  let lowest = toUnits(input.currentDailyMg);
  for (let a = lowest; a > floor; ) {
    const below = table.below(a);
    if (below < floor || a - below > cap * a + 1e-9) break;
    lowest = below;
    a = below;
  }
  return Math.max(MIN_STOP_AT_MG, Math.min(toMg(lowest), DEFAULT_STOP_CEILING_MG));
}

/** The stop threshold in force: the clinician's, or the default. Only a target of 0 has one. */
export function stopAtMgOf(table: TakeableTable, input: TaperInput): number {
  return input.stopAtMg ?? defaultStopAtMg(table, input);
}

export interface NextStep {
  dailyUnits: number;
  notes: StepNote[];
}

export interface NextStepOptions {
  /** The stop threshold in units (target 0 only). */
  stopAtUnits: number;
  /** No non-zero dose below this (a slowed plan never goes below the schedule it slows). */
  floorUnits?: number;
}

/**
 * Chooses the next step's dose: the takeable dose nearest what the strategy asks, within the cap (the
 * slowed cap for a slowed plan), never a cut of 0, never below the stop threshold except the stop itself.
 * When the products cannot make any cut within the cap here, it takes the gentlest cut they can make and
 * says so ('above-cap'): the caller's warning lists it and a prescriber must accept it.
 */
export function nextStep(table: TakeableTable, input: TaperInput, prevUnits: number, options: NextStepOptions): NextStep {
  const target = toUnits(input.targetDailyMg);
  const notes: StepNote[] = [];
  // The agreed stop: from the threshold or less straight to 0.
  if (target === 0 && prevUnits <= options.stopAtUnits) return { dailyUnits: 0, notes: ['final'] };

  const factor = input.slowFactor ?? 1;
  const prevMg = toMg(prevUnits);
  const s = input.strategy;
  const asked = s.kind === 'fixed' ? s.mgPerStep : (prevMg * s.percent) / 100;
  const bounded = s.kind === 'fixed' ? asked : Math.min(s.maxCutMg, Math.max(s.minCutMg, asked));
  const wanted = bounded * factor;
  const capMg = (prevMg * input.maxCutPercent) / 100;
  const slowedCapMg = capMg * factor;
  const cutMg = Math.min(wanted, slowedCapMg);
  const lowestDose = Math.max(target === 0 ? options.stopAtUnits : target, options.floorUnits ?? 0);
  const desired = Math.max(lowestDose, (prevMg - cutMg) * 20);

  const nearest = (from: number): number => {
    let chosen = -1;
    let distance = Infinity;
    for (let a = prevUnits - 1; a >= from; a--) {
      if (!table.reachable(a)) continue;
      const d = Math.abs(a - desired);
      // Nearest to the strategy's dose; on a tie, the higher dose (the gentler cut).
      if (d < distance - 1e-9) {
        distance = d;
        chosen = a;
      }
    }
    return chosen;
  };
  const highestFrom = (from: number): number => {
    const below = table.below(prevUnits);
    return below >= from ? below : -1;
  };

  let chosen = nearest(Math.max(lowestDose, Math.ceil(prevUnits - slowedCapMg * 20 - 1e-6)));
  let withinCap = chosen >= 0;
  if (!withinCap && factor < 1) {
    // The products cannot make a cut as small as the slowed cap: the gentlest cut within the clinician's own cap.
    chosen = highestFrom(Math.max(lowestDose, Math.ceil(prevUnits - capMg * 20 - 1e-6)));
    withinCap = chosen >= 0;
    if (withinCap) notes.push('not-slowed');
  }
  if (!withinCap) {
    // Nothing within the cap: the gentlest cut the products can make, never below the threshold but the stop.
    chosen = highestFrom(lowestDose);
    if (chosen < 0) chosen = target;
    notes.push('above-cap');
  }

  const actual = prevUnits - chosen;
  const askedUnits = cutMg * 20;
  if (withinCap) {
    if (wanted > slowedCapMg + 1e-9) notes.push('capped');
    if (actual > askedUnits + 1e-6) {
      // Rounding to the nearest takeable dose would have kept the dose (a cut of 0): the smallest cut instead.
      const below = table.below(prevUnits);
      notes.push(chosen === below && prevUnits - desired <= desired - below ? 'smallest-takeable-cut' : 'rounded-up');
    } else if (actual < askedUnits - 1e-6 && chosen > lowestDose) {
      notes.push('rounded');
    }
  }
  // Percent honesty: the smallest cut made this cut bigger than the percentage asked.
  if (s.kind === 'percent' && bounded > asked + 1e-9 && actual > (asked * factor * 20) + 1e-6) notes.push('min-cut');
  if (chosen === target) notes.push('final');
  return { dailyUnits: chosen, notes: [...new Set(notes)] };
}

/** Explanatory notes that follow from a step's numbers: a cut above the cap, dose times left out. */
export function annotate(input: TaperInput, step: TaperStep, prevMg: number, stopAtMg: number): TaperStep {
  const notes = new Set(step.notes);
  const cut = prevMg - step.dailyMg;
  const plannedStop = step.dailyMg === 0 && input.targetDailyMg === 0 && prevMg <= stopAtMg + 1e-9;
  if (cut > 0 && !plannedStop && cut > (prevMg * input.maxCutPercent) / 100 + 1e-9 && !notes.has('stretched')) notes.add('above-cap');
  const weights = weightsFor(input);
  const empty = step.dailyMg > 0 ? step.doses.filter((d) => d.mg === 0 && (weights[input.doseTimes.indexOf(d.time)] ?? 1) > 0).map((d) => d.time) : [];
  let droppedTimes = step.droppedTimes;
  if (empty.length > 0) {
    notes.add('dose-time-dropped');
    droppedTimes = [...new Set([...(droppedTimes ?? []), ...empty])].sort();
  }
  if (notes.size === step.notes.length && droppedTimes === step.droppedTimes) return step;
  return { ...step, notes: [...notes], ...(droppedTimes ? { droppedTimes } : {}) };
}

export function makeStep(table: TakeableTable, input: TaperInput, index: number, startDate: string, days: number, dailyUnits: number, prevUnits: number, notes: StepNote[]): TaperStep {
  const { doses, droppedTimes } = dosesFor(table, input, toMg(dailyUnits));
  return {
    index,
    startDate,
    endDate: addDays(startDate, days - 1),
    days,
    dailyMg: toMg(dailyUnits),
    cutMg: toMg(prevUnits - dailyUnits),
    doses,
    notes: droppedTimes.length > 0 && dailyUnits > 0 ? [...notes, 'dose-time-dropped'] : notes,
    ...(droppedTimes.length > 0 && dailyUnits > 0 ? { droppedTimes } : {}),
  };
}

/** The length of a step to `dailyUnits`: the step at the target is the follow-up period. */
export function daysFor(input: TaperInput, dailyUnits: number): number {
  return dailyUnits === toUnits(input.targetDailyMg) ? (input.followUpDays ?? input.stepDays) : input.stepDays;
}

/** Steps from `fromUnits` down to the target, starting on `startDate`. */
export function stepsFrom(table: TakeableTable, input: TaperInput, fromUnits: number, startDate: string, firstIndex: number): TaperStep[] {
  const target = toUnits(input.targetDailyMg);
  const stopAtUnits = toUnits(stopAtMgOf(table, input));
  const steps: TaperStep[] = [];
  let prev = fromUnits;
  let date = startDate;
  while (prev > target) {
    if (steps.length + firstIndex >= MAX_STEPS) {
      throw new TaperError('too-many-steps', tm('taper.tooManySteps', { max: MAX_STEPS }), 'strategy');
    }
    const next = nextStep(table, input, prev, { stopAtUnits });
    const days = daysFor(input, next.dailyUnits);
    steps.push(makeStep(table, input, firstIndex + steps.length, date, days, next.dailyUnits, prev, next.notes));
    date = addDays(date, days);
    prev = next.dailyUnits;
  }
  return steps;
}

/** The cuts above the cap in a schedule (a step back's return and the agreed stop are not cuts above it). */
export function aboveCapCuts(input: TaperInput, steps: readonly TaperStep[], stopAtMg: number): AboveCapCut[] {
  const cuts: AboveCapCut[] = [];
  let prev = input.currentDailyMg;
  for (const step of steps) {
    const cut = prev - step.dailyMg;
    const plannedStop = step.dailyMg === 0 && input.targetDailyMg === 0 && prev <= stopAtMg + 1e-9;
    if (cut > 0 && !plannedStop && cut > (prev * input.maxCutPercent) / 100 + 1e-9) {
      cuts.push({ index: step.index, fromMg: prev, toMg: step.dailyMg, percent: Math.round((cut / prev) * 1000) / 10 });
    }
    prev = step.dailyMg;
  }
  return cuts;
}

/** Pieces to handle at one dose time: each whole tablet or half is one. */
function piecesOf(dose: DoseAtTime): number {
  return dose.take.reduce((n, t) => n + (t.kind === 'tablet' ? Math.ceil(t.halves / 2) : 0), 0);
}

function mlOf(dose: DoseAtTime): number {
  return dose.take.reduce((n, t) => n + (t.kind === 'liquid' ? t.ml : 0), 0);
}

/**
 * Every warning a schedule carries, from its input and steps: the patient's kidneys, a starting dose above
 * the label maximum, a long schedule, cuts above the cap, doses hard to take. Recomputed for every version,
 * so an adjustment never carries a stale warning.
 */
export function scheduleWarnings(input: TaperInput, steps: readonly TaperStep[], patient: PatientFacts, table: TakeableTable = tableFor(input)): Warning[] {
  const warnings: Warning[] = [];
  const r = patient.renalFunction;
  if (r === 'mild' || r === 'moderate' || r === 'severe') warnings.push({ code: 'renal-impairment', renalFunction: r });
  if (input.currentDailyMg > LABEL_MAX_DAILY_MG && input.highDoseReason?.trim()) {
    warnings.push({ code: 'above-label-maximum', maxDailyMg: input.currentDailyMg, reason: input.highDoseReason.trim() });
  }
  if (steps.length > LONG_SCHEDULE_STEPS) warnings.push({ code: 'long-schedule', steps: steps.length });
  const cuts = aboveCapCuts(input, steps, stopAtMgOf(table, input));
  if (cuts.length > 0) warnings.push({ code: 'cut-above-cap', capPercent: input.maxCutPercent, cuts });
  const many = steps.filter((s) => s.doses.some((d) => piecesOf(d) > MAX_PIECES_PER_DOSE)).map((s) => s.index);
  if (many.length > 0) warnings.push({ code: 'many-pieces', steps: many, maxPieces: MAX_PIECES_PER_DOSE });
  const large = steps.filter((s) => s.doses.some((d) => mlOf(d) > MAX_ML_PER_DOSE + 1e-9)).map((s) => s.index);
  if (large.length > 0) warnings.push({ code: 'large-volume', steps: large, maxMl: MAX_ML_PER_DOSE });
  return warnings;
}

/** The checks every schedule's input must pass before steps are made (also for an adjustment's regenerated steps). */
export function checkTaperInput(input: TaperInput): TakeableTable {
  checkInput(input);
  if (input.currentDailyMg > LABEL_MAX_DAILY_MG) {
    const reason = input.highDoseReason?.trim() ?? '';
    if (reason.length < 3) {
      throw new TaperError('above-label-maximum', tm('taper.aboveLabelMaximum', { max: LABEL_MAX_DAILY_MG }), 'highDoseReason');
    }
  }
  const table = tableFor(input);
  if (!table.reachable(toUnits(input.currentDailyMg))) {
    throw new TaperError('current-not-takeable', tm('taper.currentNotTakeable', { mg: input.currentDailyMg }), 'currentDailyMg');
  }
  if (!table.reachable(toUnits(input.targetDailyMg))) {
    throw new TaperError('target-not-takeable', tm('taper.notTakeable', { mg: input.targetDailyMg }), 'targetDailyMg');
  }
  return table;
}

/** Makes a whole schedule. Throws TaperError with a clear message when a guardrail stops it. */
export function generateSchedule(input: TaperInput, patient: PatientFacts): Schedule {
  checkPatient(patient);
  const table = checkTaperInput(input);
  const steps = stepsFrom(table, input, toUnits(input.currentDailyMg), input.startDate, 0);
  return { steps, warnings: scheduleWarnings(input, steps, patient, table) };
}
