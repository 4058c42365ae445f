// Stop-go criteria a care team writes in advance: their shape, their validation, and what evaluating them gives.
import { z } from 'zod';
import { scoreKeys, scoreScale, type ScoreKey } from '../checkins/types';

export const comparators = ['>=', '<=', '>', '<'] as const;
export type Comparator = (typeof comparators)[number];

/** What a criterion can ask for. Step actions change the recommendation; the others raise alerts. */
export const criterionActions = ['go', 'hold', 'slow', 'step-back', 'urgent', 'notify'] as const;
export type CriterionAction = (typeof criterionActions)[number];

/** Step actions from least to most cautious: the order `recommend` ranks them by. */
export const stepActions = ['go', 'hold', 'slow', 'step-back'] as const;
export type StepAction = (typeof stepActions)[number];

export const MAX_WINDOW_DAYS = 28;
export const MAX_CRITERIA = 30;
/** A plan has at most 6 dose times a day (the taper engine's limit), so no more can be missed. */
export const MAX_DOSES_A_DAY = 6;

const scoreKey = z.enum(scoreKeys, { error: 'Choose one of the check-in scores.' });

export const metricSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('score'), key: scoreKey }),
    z.object({ kind: z.literal('sleepHours') }),
    z.object({ kind: z.literal('dosesMissed') }),
    z.object({ kind: z.literal('changeFromBaseline'), key: scoreKey }),
    z.object({ kind: z.literal('noCheckIn') }),
  ],
  { error: 'Choose what the criterion measures.' },
);
export type Metric = z.infer<typeof metricSchema>;

/** The values a metric can take on one day: thresholds outside it are typing mistakes. */
export function metricRange(metric: Metric): { min: number; max: number } {
  switch (metric.kind) {
    case 'score':
      return { min: 0, max: scoreScale[metric.key].max };
    case 'changeFromBaseline':
      return { min: -scoreScale[metric.key].max, max: scoreScale[metric.key].max };
    case 'sleepHours':
      return { min: 0, max: 24 };
    case 'dosesMissed':
      return { min: 0, max: MAX_DOSES_A_DAY };
    case 'noCheckIn':
      return { min: 0, max: 1 };
  }
}

const scoreNames: Record<ScoreKey, string> = {
  spasticity: 'spasticity',
  spasmFrequency: 'spasm frequency',
  sleepQuality: 'sleep quality',
  restlessness: 'restlessness',
  anxiety: 'anxiety',
  mood: 'mood',
  pain: 'pain',
  headache: 'headache',
  nausea: 'nausea',
  strengthMobility: 'strength and mobility',
};

function metricName(metric: Metric): string {
  switch (metric.kind) {
    case 'score':
      return `The ${scoreNames[metric.key]} score`;
    case 'changeFromBaseline':
      return `The change in ${scoreNames[metric.key]} from baseline`;
    case 'sleepHours':
      return 'Hours slept';
    case 'dosesMissed':
      return 'Doses missed';
    case 'noCheckIn':
      return 'A missing check-in';
  }
}

export const criterionSchema = z
  .object({
    id: z.string().trim().min(1, 'Give the criterion an id.').max(64, 'An id is at most 64 characters.'),
    label: z.string().trim().min(1, 'Describe the criterion in a few words.').max(160, 'A label is at most 160 characters.'),
    metric: metricSchema,
    comparator: z.enum(comparators, { error: 'Choose a comparison: ≥, ≤, > or <.' }),
    threshold: z.number({ error: 'The threshold is a number.' }).finite('The threshold is a number.'),
    windowDays: z
      .number({ error: 'The window is a whole number of days.' })
      .int('The window is a whole number of days.')
      .min(1, 'The window is 1 to 28 days.')
      .max(MAX_WINDOW_DAYS, 'The window is 1 to 28 days.'),
    minDays: z
      .number({ error: 'The number of days is a whole number.' })
      .int('The number of days is a whole number.')
      .min(1, 'The criterion needs at least 1 day.'),
    action: z.enum(criterionActions, { error: 'Choose an action: go, hold, slow, step back, urgent or notify.' }),
  })
  .superRefine((c, ctx) => {
    if (c.minDays > c.windowDays) {
      ctx.addIssue({ code: 'custom', path: ['minDays'], message: `The number of days can be at most the window (${c.windowDays} days).` });
    }
    const { min, max } = metricRange(c.metric);
    const name = metricName(c.metric);
    if (c.threshold < min || c.threshold > max) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${name} goes from ${min} to ${max}: choose a threshold in that range.` });
      return;
    }
    // A rule that no day can meet, or that every day meets, is almost certainly a slip, and a silent one:
    // it would never fire (or always fire) without anyone noticing.
    const never = (c.comparator === '>' && c.threshold >= max) || (c.comparator === '<' && c.threshold <= min);
    const always = (c.comparator === '>=' && c.threshold <= min) || (c.comparator === '<=' && c.threshold >= max);
    if (never) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${name} is never ${c.comparator} ${c.threshold}: this criterion could never be met.` });
    } else if (always) {
      ctx.addIssue({ code: 'custom', path: ['threshold'], message: `${name} is always ${c.comparator} ${c.threshold}: every day would meet it.` });
    }
  });
export type Criterion = z.infer<typeof criterionSchema>;

export const criteriaSchema = z
  .array(criterionSchema)
  .max(MAX_CRITERIA, `A plan has at most ${MAX_CRITERIA} criteria.`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Two criteria share the id "${c.id}": each needs its own.` });
      seen.add(c.id);
    });
  });

/** A criterion that was met, with the days that met it, so a reviewer can see why. */
export interface Fired {
  criterionId: string;
  label: string;
  action: CriterionAction;
  windowStart: string;
  windowEnd: string;
  /** Oldest first. */
  matched: { date: string; value: number }[];
}

/** Stored evidence of a criterion alert, read back through this schema rather than trusted as typed. */
export const firedSchema = z.object({
  criterionId: z.string(),
  label: z.string(),
  action: z.enum(criterionActions),
  windowStart: z.string(),
  windowEnd: z.string(),
  matched: z.array(z.object({ date: z.string(), value: z.number() })),
});

/** A red flag raised during the step: its code and the local date of the check-in that raised it. */
export interface StepRedFlag {
  code: string;
  date: string;
}

/** What happened during the step that keeps the recommendation from being 'go', whatever the step criteria say. */
export interface StepSafety {
  redFlags: readonly StepRedFlag[];
}

/** One reason the recommendation cannot be 'go': a red flag on a date, or an urgent criterion with its matched days. */
export type SafetyReason = ({ kind: 'red-flag' } & StepRedFlag) | { kind: 'urgent-criterion'; fired: Fired };

export interface Recommendation {
  recommendation: StepAction;
  /** The fired step criteria that asked for exactly the recommendation. */
  because: Fired[];
  /** Red flags during the step (oldest first), then urgent criteria: while any is here the recommendation is never 'go'. */
  safety: SafetyReason[];
}

export type AlertSeverity = 'urgent' | 'warning' | 'info';
