// Stop-go criteria a care team writes in advance: their shape, their validation, and what evaluating them gives.
import { z } from 'zod';
import { ek, em, type ErrorMessage } from '~/i18n/error-keys';
import { scoreKeys, scoreScale } from '../checkins/types';

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

const scoreKey = z.enum(scoreKeys, { error: ek('criteria.scoreKey') });

export const metricSchema = z.discriminatedUnion(
  'kind',
  [
    z.object({ kind: z.literal('score'), key: scoreKey }),
    z.object({ kind: z.literal('sleepHours') }),
    z.object({ kind: z.literal('dosesMissed') }),
    z.object({ kind: z.literal('changeFromBaseline'), key: scoreKey }),
    z.object({ kind: z.literal('noCheckIn') }),
  ],
  { error: ek('criteria.metric') },
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

/** The metric as a message's values: its kind and, for a score or its change, which score (the message words both). */
function metricValues(metric: Metric): { metric: Metric['kind']; score: string } {
  return { metric: metric.kind, score: metric.kind === 'score' || metric.kind === 'changeFromBaseline' ? metric.key : '' };
}

const criterionFields = z.object({
  id: z.string().trim().min(1, ek('criteria.idRequired')).max(64, ek('criteria.idMax')),
  label: z.string().trim().min(1, ek('criteria.labelRequired')).max(160, ek('criteria.labelMax')),
  metric: metricSchema,
  comparator: z.enum(comparators, { error: ek('criteria.comparator') }),
  threshold: z.number({ error: ek('criteria.thresholdNumber') }).finite(ek('criteria.thresholdNumber')),
  windowDays: z
    .number({ error: ek('criteria.windowWhole') })
    .int(ek('criteria.windowWhole'))
    .min(1, ek('criteria.windowRange'))
    .max(MAX_WINDOW_DAYS, ek('criteria.windowRange')),
  minDays: z
    .number({ error: ek('criteria.minDaysWhole') })
    .int(ek('criteria.minDaysWhole'))
    .min(1, ek('criteria.minDaysMin')),
  action: z.enum(criterionActions, { error: ek('criteria.action') }),
});
type CriterionFields = z.output<typeof criterionFields>;

/** One problem between the fields of a criterion, or between criteria: where it is, and its message with the values it names. */
export interface CriteriaProblem {
  path: (string | number)[];
  text: ErrorMessage;
}

/** What is wrong between a criterion's fields: more days than its window, a threshold its metric never or always meets. */
export function criterionProblems(c: CriterionFields): CriteriaProblem[] {
  const problems: CriteriaProblem[] = [];
  if (c.minDays > c.windowDays) problems.push({ path: ['minDays'], text: em('criteria.minDaysOverWindow', { window: c.windowDays }) });
  const { min, max } = metricRange(c.metric);
  const metric = metricValues(c.metric);
  if (c.threshold < min || c.threshold > max) {
    problems.push({ path: ['threshold'], text: em('criteria.thresholdRange', { ...metric, min, max }) });
    return problems;
  }
  // A rule that no day can meet, or that every day meets, is almost certainly a slip, and a silent one:
  // it would never fire (or always fire) without anyone noticing.
  const never = (c.comparator === '>' && c.threshold >= max) || (c.comparator === '<' && c.threshold <= min);
  const always = (c.comparator === '>=' && c.threshold <= min) || (c.comparator === '<=' && c.threshold >= max);
  const values = { ...metric, comparator: c.comparator, threshold: c.threshold };
  if (never) problems.push({ path: ['threshold'], text: em('criteria.neverMet', values) });
  else if (always) problems.push({ path: ['threshold'], text: em('criteria.alwaysMet', values) });
  return problems;
}

/** Ids used twice in a list (compared trimmed): each repeat is pointed at. */
function duplicateIdProblems(list: readonly Pick<CriterionFields, 'id'>[]): CriteriaProblem[] {
  const seen = new Set<string>();
  const problems: CriteriaProblem[] = [];
  list.forEach((c, i) => {
    if (seen.has(c.id)) problems.push({ path: [i, 'id'], text: em('criteria.duplicateId', { id: c.id }) });
    seen.add(c.id);
  });
  return problems;
}

/** Every problem between fields and between criteria of a list, with paths from the list (`[i, field]`). */
export function criteriaProblems(list: readonly CriterionFields[]): CriteriaProblem[] {
  return [...list.flatMap((c, i) => criterionProblems(c).map((p) => ({ ...p, path: [i, ...p.path] }))), ...duplicateIdProblems(list)];
}

/**
 * A problem as a zod issue: the key as its message and the values as its params. Their words are the
 * server's to write (server/criteria/service.ts checks them itself, so a reader gets the values too).
 */
function addProblems(ctx: z.RefinementCtx, problems: CriteriaProblem[]) {
  for (const p of problems) ctx.addIssue({ code: 'custom', path: p.path, message: p.text.key, params: p.text.values });
}

/** A criterion with every check: its fields, and between them. */
export const criterionSchema = criterionFields.superRefine((c, ctx) => addProblems(ctx, criterionProblems(c)));
export type Criterion = z.infer<typeof criterionSchema>;

export const criteriaSchema = z
  .array(criterionSchema)
  .max(MAX_CRITERIA, ek('criteria.atMost'))
  .superRefine((list, ctx) => addProblems(ctx, duplicateIdProblems(list)));

/**
 * The criteria a request sends, checked field by field only: the checks between fields and between criteria
 * name values in their messages (a threshold, an id), so the service makes them (`criteriaProblems`).
 */
export const criteriaFieldsSchema = z.array(criterionFields).max(MAX_CRITERIA, ek('criteria.atMost'));

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
