// The formulation advisor: when the patient's products cannot make cuts within the clinician's cap (or
// cannot make a slowed plan gentler), which common baclofen product would, and what the schedule becomes.
import { slow, type Plan } from './adjust';
import { aboveCapCuts, generateSchedule, stopAtMgOf, tableFor } from './engine';
import { TaperError, type Formulation, type PatientFacts, type TaperInput } from './types';

/**
 * Products tried, in the order they are preferred: a scored tablet first (the least change to how the
 * patient takes it, the coarser the simpler), then oral solutions from the weakest (easiest to measure).
 * Volumes are what a marked oral syringe measures reliably.
 */
export const PRODUCT_CATALOGUE: readonly Formulation[] = [
  { kind: 'tablet', strengthMg: 10, scored: true },
  { kind: 'tablet', strengthMg: 5, scored: true },
  { kind: 'liquid', mgPerMl: 1, minMeasurableMl: 0.5 },
  { kind: 'liquid', mgPerMl: 2, minMeasurableMl: 0.5 },
  { kind: 'liquid', mgPerMl: 5, minMeasurableMl: 0.2 },
];

export interface ProductAdvice {
  formulation: Formulation;
  /** Every cut within the cap once this product is added. */
  withinCap: boolean;
  /** The biggest cut above the cap that would remain, as a percentage (0 when none). */
  biggestCutPercent: number;
  steps: number;
  endDate: string;
  /** The stop threshold the schedule would use (it follows the products when the clinician set none). */
  stopAtMg: number;
}

export interface CapAdvice {
  /** The biggest cut above the cap today, as a percentage. */
  biggestCutPercent: number;
  /** Up to two products that keep every cut within the cap; else the one product that helps most, if any. */
  suggestions: ProductAdvice[];
}

const sameProduct = (a: Formulation, b: Formulation) =>
  a.kind === 'tablet' && b.kind === 'tablet'
    ? a.strengthMg === b.strengthMg && a.scored === b.scored
    : a.kind === 'liquid' && b.kind === 'liquid' && a.mgPerMl === b.mgPerMl && a.minMeasurableMl <= b.minMeasurableMl;

const candidates = (have: readonly Formulation[]) => PRODUCT_CATALOGUE.filter((p) => !have.some((f) => sameProduct(f, p)));

/** Which product would keep every cut within the cap; null when the schedule already does (or cannot be made). */
export function adviseProducts(input: TaperInput, patient: PatientFacts): CapAdvice | null {
  let base;
  try {
    base = generateSchedule(input, patient);
  } catch {
    return null;
  }
  const cuts = aboveCapCuts(input, base.steps, stopAtMgOf(tableFor(input), input));
  if (cuts.length === 0) return null;
  const biggest = Math.max(...cuts.map((c) => c.percent));
  const tried: ProductAdvice[] = [];
  for (const formulation of candidates(input.formulations)) {
    const next: TaperInput = { ...input, formulations: [...input.formulations, formulation] };
    try {
      const schedule = generateSchedule(next, patient);
      const left = aboveCapCuts(next, schedule.steps, stopAtMgOf(tableFor(next), next));
      tried.push({
        formulation,
        withinCap: left.length === 0,
        biggestCutPercent: left.length ? Math.max(...left.map((c) => c.percent)) : 0,
        steps: schedule.steps.length,
        endDate: schedule.steps.at(-1)?.endDate ?? input.startDate,
        stopAtMg: stopAtMgOf(tableFor(next), next),
      });
    } catch {
      // A product that makes the schedule too long to be sensible is no advice.
    }
  }
  const fixers = tried.filter((t) => t.withinCap).slice(0, 2);
  if (fixers.length > 0) return { biggestCutPercent: biggest, suggestions: fixers };
  const helper = tried.filter((t) => t.biggestCutPercent < biggest).sort((a, b) => a.biggestCutPercent - b.biggestCutPercent)[0];
  return { biggestCutPercent: biggest, suggestions: helper ? [helper] : [] };
}

/** Products with which `slow` would make the remaining cuts smaller, when the patient's own cannot. */
export function productsThatWouldSlow(plan: Plan, today: string, percent: number): Formulation[] {
  const found: Formulation[] = [];
  for (const formulation of candidates(plan.input.formulations)) {
    try {
      slow({ input: { ...plan.input, formulations: [...plan.input.formulations, formulation] }, steps: plan.steps }, today, percent);
      found.push(formulation);
      if (found.length === 2) break;
    } catch (error) {
      if (!(error instanceof TaperError)) throw error;
    }
  }
  return found;
}
