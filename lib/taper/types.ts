// Types of the taper engine: what a schedule is made from, and what it is.
import type { ErrorKey, ErrorValues } from '~/i18n/error-keys';

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
  /**
   * When the target is 0: the lowest daily dose before stopping. No step goes below it except the stop,
   * and the stop from it (or from less) is the plan's agreed stop; a stop from more is a cut above the cap.
   * Absent: `defaultStopAtMg` (the lowest dose the products reach with every cut within the cap, at most
   * 5 mg/day, never below 1 mg/day).
   */
  stopAtMg?: number;
  /** Days of follow-up once the target is reached (the last step's length). Absent: `stepDays`. */
  followUpDays?: number;
  /**
   * When a day's dose is too small to give at every dose time: the times left out first, in order.
   * Absent: the midday times, then the first, so the last (night) dose is kept longest.
   */
  dropOrder?: string[];
  /**
   * How much the cuts have been slowed by adjustments (0 < f <= 1, cumulative): the strategy's cuts and
   * the cap used to make them are multiplied by it. Cuts are still judged against `maxCutPercent`.
   */
  slowFactor?: number;
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

/** Why a step's cut differs from what the strategy asked for, and other facts a reader needs about a step. */
export type StepNote =
  | 'rounded' // the nearest takeable dose (a smaller cut than asked)
  | 'rounded-up' // the nearest takeable dose is a bigger cut than asked
  | 'min-cut' // the percentage strategy's smallest cut made the cut bigger than the percentage asked
  | 'capped' // the strategy's cut was above the clinician's cap: cut limited to the cap
  | 'smallest-takeable-cut' // rounding would have made the cut 0: took the smallest cut the products allow
  | 'above-cap' // the products cannot make a cut within the cap here: a bigger cut, to be accepted by a prescriber
  | 'not-slowed' // a slowed plan: the products cannot make this cut smaller than before
  | 'dose-time-dropped' // the day's dose is too small to give at every dose time: `droppedTimes` are left out
  | 'no-dose-between' // after a step back: no takeable dose lies between the tolerated dose and the one that was not
  | 'final' // the last step, at the target (its length is the follow-up period)
  | 'step-back' // a return to the last tolerated dose
  | 'edited' // changed by hand
  | 'extended' // made longer by an adjustment
  | 'stretched'; // versions made before cuts above the cap were flagged: the step was made longer instead

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
  /** Dose times given nothing on this step because the day's dose is too small to split (note 'dose-time-dropped'). */
  droppedTimes?: string[];
}

export interface Schedule {
  steps: TaperStep[];
  warnings: Warning[];
}

/** A step whose cut is bigger than the clinician's cap allows. */
export interface AboveCapCut {
  index: number;
  fromMg: number;
  toMg: number;
  /** The cut as a percentage of the dose it cuts from, rounded to one decimal. */
  percent: number;
}

/** A prescriber's acceptance of cuts above the cap, with their reason (recorded by the plan service). */
export interface CapAcceptance {
  reason: string;
  byId: string;
  byName: string;
  /** ISO timestamp. */
  at: string;
  /** The cuts accepted (from → to mg): a later version with other big cuts needs a new acceptance. */
  cuts: { fromMg: number; toMg: number }[];
}

export type Warning =
  | { code: 'renal-impairment'; renalFunction: 'mild' | 'moderate' | 'severe' }
  | { code: 'above-label-maximum'; maxDailyMg: number; reason: string }
  | { code: 'long-schedule'; steps: number }
  | { code: 'cut-above-cap'; capPercent: number; cuts: AboveCapCut[]; acceptance?: CapAcceptance }
  | { code: 'many-pieces'; steps: number[]; maxPieces: number }
  | { code: 'large-volume'; steps: number[]; maxMl: number };

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
  | 'step-in-past'
  | 'cannot-slow'
  | 'cut-above-cap-unaccepted';

/** A key of the engine's own messages (messages/<locale>/errors/taper.json): the browser words them too. */
export type TaperErrorKey = Extract<ErrorKey, `taper.${string}`>;

/** An engine message: a key of the taper catalogue, or one with its ICU values (an ErrorText of that area only). */
export type TaperErrorText = TaperErrorKey | { key: TaperErrorKey; values?: ErrorValues };

/** A taper message with its values (i18n/error-keys.ts `em`, kept to the taper catalogue). */
export function tm(key: TaperErrorKey, values: ErrorValues): TaperErrorText {
  return { key, values };
}

/**
 * A guardrail the engine will not cross. `text` names the message (a key and its values), worded in the reader's
 * language where it is shown: by the server (AppError) or by the page (app/_components/taper/engine-error-text.ts).
 * `message` is the key alone, for logs: the engine knows no language.
 */
export class TaperError extends Error {
  readonly code: GuardrailCode;
  readonly text: TaperErrorText;
  readonly field?: string;
  /** Numbers behind the message, for a screen that words it in the reader's language. */
  readonly details?: Record<string, unknown>;
  constructor(code: GuardrailCode, text: TaperErrorText, field?: string, details?: Record<string, unknown>) {
    super(typeof text === 'string' ? text : text.key);
    this.name = 'TaperError';
    this.code = code;
    this.text = text;
    this.field = field;
    this.details = details;
  }
}
