// Types of the taper engine: what a schedule is made from, and what it is.

/** A product the patient has. Tablets may be halved only when the maker scores them. */
export type Formulation =
  | { kind: 'tablet'; strengthMg: number; scored: boolean }
  | { kind: 'liquid'; mgPerMl: number; minMeasurableMl: number };

export type Strategy =
  | { kind: 'fixed'; mgPerStep: number }
  | { kind: 'percent'; percent: number; minCutMg: number; maxCutMg: number };

/** How a day's dose is spread over the dose times: evenly, or in proportion to weights (e.g. more at night). */
export type Split = { kind: 'even' } | { kind: 'weighted'; weights: number[] };

export interface TaperInput {
  currentDailyMg: number;
  /** 'HH:MM', ascending, 1 to 6 of them. */
  doseTimes: string[];
  split: Split;
  formulations: Formulation[];
  strategy: Strategy;
  stepDays: number;
  targetDailyMg: number;
  /** ISO date (YYYY-MM-DD) of the first reduction. */
  startDate: string;
  /** The clinician's cap on any one cut, as a percentage of the dose it cuts from. */
  maxCutPercent: number;
  /** Required when any dose is above the 80 mg/day label maximum. */
  highDoseReason?: string;
}

/** What to take at one dose time: whole or half tablets of a formulation, or a volume of a liquid. */
export type TakeItem =
  | { kind: 'tablet'; formulation: number; strengthMg: number; halves: number }
  | { kind: 'liquid'; formulation: number; mgPerMl: number; ml: number };

export interface DoseAtTime {
  time: string;
  mg: number;
  take: TakeItem[];
}

/** Why a step's cut differs from what the strategy asked for. */
export type StepNote =
  | 'rounded' // the nearest takeable dose
  | 'capped' // the strategy's cut was above the clinician's cap
  | 'smallest-takeable-cut' // rounding would have made the cut 0: took the smallest cut the formulations allow
  | 'stretched' // even the smallest takeable cut is above the cap: the step is made longer to keep the pace
  | 'final' // the last step, at the target
  | 'step-back' // a return to the last tolerated dose
  | 'edited' // changed by hand
  | 'extended'; // made longer by an adjustment

export interface TaperStep {
  index: number;
  startDate: string;
  /** Inclusive. */
  endDate: string;
  days: number;
  dailyMg: number;
  /** mg cut from the previous step (negative only for a step back). */
  cutMg: number;
  doses: DoseAtTime[];
  notes: StepNote[];
}

export interface Schedule {
  steps: TaperStep[];
  warnings: Warning[];
}

export type Warning =
  | { code: 'renal-impairment'; renalFunction: 'mild' | 'moderate' | 'severe' }
  | { code: 'above-label-maximum'; maxDailyMg: number; reason: string }
  | { code: 'long-schedule'; steps: number };

export interface PatientFacts {
  hasIntrathecalPump: boolean;
  renalFunction: 'normal' | 'mild' | 'moderate' | 'severe' | 'unknown';
}

export type GuardrailCode =
  | 'intrathecal-pump'
  | 'no-formulations'
  | 'above-label-maximum'
  | 'target-above-current'
  | 'target-not-takeable'
  | 'current-not-takeable'
  | 'dose-not-takeable'
  | 'dose-increase'
  | 'too-many-steps'
  | 'invalid-input'
  | 'no-current-step'
  | 'step-in-past';

export class TaperError extends Error {
  readonly code: GuardrailCode;
  readonly field?: string;
  constructor(code: GuardrailCode, message: string, field?: string) {
    super(message);
    this.name = 'TaperError';
    this.code = code;
    this.field = field;
  }
}
