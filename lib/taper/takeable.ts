// Which doses the patient's formulations can give at one dose time, and how (fewest pieces to take).
import { TaperError, tm, type Formulation, type TakeItem } from './types';

/** All amounts are counted in 0.05 mg units, so tablets, halves and measured volumes add up exactly. */
export const UNITS_PER_MG = 20;
export const toUnits = (mg: number) => Math.round(mg * UNITS_PER_MG);
export const toMg = (units: number) => units / UNITS_PER_MG;

// Taking half a tablet is harder than taking a whole one; a liquid costs one measuring whatever the volume.
const WHOLE_COST = 1;
const HALF_COST = 1.5;
const LIQUID_COST = 1;

interface Stage {
  formulation: number;
  /** For each amount, the amount before this stage (so the stage's share is the difference). */
  origin: Int32Array;
}

/** The smallest volume a patient can measure reliably with an oral syringe. */
export const MIN_MEASURABLE_ML = 0.1;

export interface TakeableTable {
  maxUnits: number;
  /** The smallest step between takeable amounts (gcd of the increments). */
  gcdUnits: number;
  reachable: (units: number) => boolean;
  /**
   * The most separate takeable parts a takeable amount can be split into (each part a half or whole
   * tablet or a measured volume, or several): how many dose times can each get some of it. 0 for 0;
   * -1 when the amount is not takeable.
   */
  maxParts: (units: number) => number;
  /** The largest takeable amount strictly below `units`, or -1. */
  below: (units: number) => number;
  /** What to take for a takeable amount. */
  compose: (units: number) => TakeItem[];
}

function increment(f: Formulation): number {
  return f.kind === 'tablet' ? toUnits(f.scored ? f.strengthMg / 2 : f.strengthMg) : toUnits(f.mgPerMl * f.minMeasurableMl);
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

export function validateFormulations(formulations: Formulation[]): void {
  if (!Array.isArray(formulations) || formulations.length === 0) throw new TaperError('no-formulations', 'taper.noFormulations', 'formulations');
  formulations.forEach((f, i) => {
    if (f?.kind !== 'tablet' && f?.kind !== 'liquid') throw new TaperError('invalid-input', 'taper.formulationKind', `formulations.${i}`);
    if (f.kind === 'tablet' && (typeof f.strengthMg !== 'number' || typeof f.scored !== 'boolean')) {
      throw new TaperError('invalid-input', 'taper.tabletFields', `formulations.${i}`);
    }
    if (f.kind === 'liquid' && (typeof f.mgPerMl !== 'number' || typeof f.minMeasurableMl !== 'number')) {
      throw new TaperError('invalid-input', 'taper.liquidFields', `formulations.${i}`);
    }
    if (f.kind === 'liquid' && !(f.minMeasurableMl >= MIN_MEASURABLE_ML - 1e-9)) {
      throw new TaperError('invalid-input', tm('taper.minMeasurable', { minimum: MIN_MEASURABLE_ML }), `formulations.${i}.minMeasurableMl`);
    }
    const raw = f.kind === 'tablet' ? (f.scored ? f.strengthMg / 2 : f.strengthMg) : f.mgPerMl * f.minMeasurableMl;
    if (!(raw > 0) || Math.abs(raw * UNITS_PER_MG - Math.round(raw * UNITS_PER_MG)) > 1e-6) {
      throw new TaperError('invalid-input', 'taper.formulationGrid', `formulations.${i}`);
    }
  });
}

/** Builds the table of takeable single doses up to `maxMg`. */
export function takeableTable(formulations: Formulation[], maxMg: number): TakeableTable {
  validateFormulations(formulations);
  const maxUnits = toUnits(maxMg);
  const n = maxUnits + 1;
  let cost = new Float64Array(n).fill(Infinity);
  cost[0] = 0;
  const stages: Stage[] = [];

  formulations.forEach((f, index) => {
    const origin = new Int32Array(n);
    const next = new Float64Array(n);
    for (let a = 0; a < n; a++) {
      origin[a] = a;
      next[a] = cost[a] ?? Infinity;
    }
    if (f.kind === 'tablet') {
      const whole = toUnits(f.strengthMg);
      if (f.scored) {
        // At most one half per formulation: two halves are a whole.
        const half = toUnits(f.strengthMg / 2);
        const before = Float64Array.from(next);
        for (let a = half; a < n; a++) {
          const c = (before[a - half] ?? Infinity) + HALF_COST;
          if (c < (next[a] ?? Infinity)) {
            next[a] = c;
            origin[a] = a - half;
          }
        }
      }
      for (let a = whole; a < n; a++) {
        const c = (next[a - whole] ?? Infinity) + WHOLE_COST;
        if (c < (next[a] ?? Infinity)) {
          next[a] = c;
          origin[a] = origin[a - whole] ?? a - whole;
        }
      }
    } else {
      const inc = toUnits(f.mgPerMl * f.minMeasurableMl);
      // best[a]: the cheapest amount a - k*inc (k >= 1) to start the measured volume from.
      const bestFrom = new Int32Array(n).fill(-1);
      for (let a = inc; a < n; a++) {
        const candidate = a - inc;
        const previous = bestFrom[a - inc] ?? -1;
        const pick = previous >= 0 && (cost[previous] ?? Infinity) <= (cost[candidate] ?? Infinity) ? previous : candidate;
        bestFrom[a] = pick;
        const c = (cost[pick] ?? Infinity) + LIQUID_COST;
        if (c < (next[a] ?? Infinity)) {
          next[a] = c;
          origin[a] = pick;
        }
      }
    }
    cost = next;
    stages.push({ formulation: index, origin });
  });

  const finalCost = cost;
  const reachable = (units: number) => units >= 0 && units <= maxUnits && Number.isFinite(finalCost[units] ?? Infinity);
  const increments = [...new Set(formulations.map(increment))];
  const gcdUnits = increments.reduce((g, inc) => gcd(g, inc), 0);

  // Takeable amounts are exactly the sums of increments (halves of scored tablets, whole unscored
  // tablets, measured volumes), so an amount splits into k takeable parts iff some way of writing it
  // uses at least k increments: the most increments it can take is the most parts it can be split into.
  const parts = new Int16Array(n).fill(-1);
  parts[0] = 0;
  for (let a = 1; a < n; a++) {
    let best = -1;
    for (const inc of increments) {
      const before = a >= inc ? (parts[a - inc] ?? -1) : -1;
      if (before >= 0 && before + 1 > best) best = before + 1;
    }
    parts[a] = best;
  }

  return {
    maxUnits,
    gcdUnits,
    reachable,
    maxParts: (units) => (units >= 0 && units <= maxUnits ? (parts[units] ?? -1) : -1),
    below(units) {
      for (let a = Math.min(units - 1, maxUnits); a >= 0; a--) if (reachable(a)) return a;
      return -1;
    },
    compose(units) {
      if (!reachable(units)) throw new TaperError('dose-not-takeable', tm('taper.doseNotTakeable', { mg: toMg(units) }));
      const items: TakeItem[] = [];
      let a = units;
      for (let s = stages.length - 1; s >= 0; s--) {
        const stage = stages[s];
        if (!stage) continue;
        const before = stage.origin[a] ?? a;
        const share = a - before;
        a = before;
        if (share === 0) continue;
        const f = formulations[stage.formulation];
        if (!f) continue;
        if (f.kind === 'tablet') {
          items.push({ kind: 'tablet', formulation: stage.formulation, strengthMg: f.strengthMg, halves: share / toUnits(f.strengthMg / 2) });
        } else {
          items.push({ kind: 'liquid', formulation: stage.formulation, mgPerMl: f.mgPerMl, ml: Math.round((toMg(share) / f.mgPerMl) * 1000) / 1000 });
        }
      }
      return items.reverse();
    },
  };
}
