// One adjustment of a plan in progress, as the plan service saves it and as the clinician previews it
// before saving: the same pure function on both sides, so the preview shows exactly what will be saved.
import { editStep, extend, resume, slow, stepBack, type Plan } from './adjust';
import { productsThatWouldSlow } from './advisor';
import { TaperError, tm, type Formulation } from './types';

export type Adjustment =
  | { kind: 'extend'; days: number }
  | { kind: 'slow'; percent: number }
  | { kind: 'step-back'; slowPercent: number }
  | { kind: 'edit-step'; index: number; dailyMg?: number; days?: number }
  | { kind: 'resume' };

export interface PlanClock {
  status: 'draft' | 'proposed' | 'agreed' | 'active' | 'paused' | 'completed' | 'stopped';
  /** The day the plan was paused on (paused plans). */
  pausedOn: string | null;
  /** The patient's local date. */
  today: string;
}

export function adjustPlan(plan: Plan, clock: PlanClock, adjustment: Adjustment): Plan {
  const { today } = clock;
  switch (adjustment.kind) {
    case 'extend':
      return extend(plan, today, adjustment.days);
    case 'resume':
      return resume(plan, clock.pausedOn ?? today, today);
    case 'edit-step':
      return editStep(plan, today, adjustment.index, { dailyMg: adjustment.dailyMg, days: adjustment.days });
    case 'step-back': {
      // A paused patient has held the step they paused on: catch the schedule up with the pause first, as
      // resuming would, so the steps skipped while paused are neither recorded as taken nor taken as "tolerated".
      const held = clock.status === 'paused' ? resume(plan, clock.pausedOn ?? today, today) : plan;
      return stepBack(held, today, adjustment.slowPercent);
    }
    case 'slow':
      try {
        return slow(plan, today, adjustment.percent);
      } catch (error) {
        if (!(error instanceof TaperError) || error.code !== 'cannot-slow' || error.details?.reason !== 'products') throw error;
        const products = productsThatWouldSlow(plan, today, adjustment.percent);
        if (products.length === 0) throw error;
        // The refusal's own numbers, and the products that would help (at most two), worded by the message.
        const numbers = typeof error.text === 'string' ? {} : error.text.values;
        throw new TaperError(
          'cannot-slow',
          tm('taper.cannotSlowProducts', { ...numbers, count: products.length, ...productValues('first', products[0]), ...productValues('second', products[1]) }),
          error.field,
          { ...error.details, products },
        );
      }
  }
}

/** A product as a message's values: a tablet's strength and scoring, or a liquid's mg per 5 mL and smallest volume. */
function productValues(slot: 'first' | 'second', f: Formulation | undefined): Record<string, string | number> {
  if (!f) return { [`${slot}Kind`]: 'none', [`${slot}Mg`]: 0, [`${slot}Scored`]: 'false', [`${slot}Ml`]: 0 };
  return f.kind === 'tablet'
    ? { [`${slot}Kind`]: 'tablet', [`${slot}Mg`]: f.strengthMg, [`${slot}Scored`]: String(f.scored), [`${slot}Ml`]: 0 }
    : { [`${slot}Kind`]: 'liquid', [`${slot}Mg`]: f.mgPerMl * 5, [`${slot}Scored`]: 'false', [`${slot}Ml`]: f.minMeasurableMl };
}
