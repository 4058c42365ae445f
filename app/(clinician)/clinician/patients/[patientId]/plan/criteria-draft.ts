// A stop-go rule as the criteria editor holds it (numbers as typed), its conversion to a criterion, and
// the per-field messages: what is wrong comes from the criterion schema the server uses; the editor words it.
import type { useFormatter } from 'next-intl';
import { comparatorSymbol, metricName, ruleText, type CriteriaTranslator } from '~/app/_components/triage/criterion-text';
import type { CriterionRule } from '~/app/_components/triage/types';
import { scoreKeys, type ScoreKey } from '~/lib/checkins/types';
import { criterionSchema, MAX_WINDOW_DAYS, metricRange, type Comparator, type Criterion, type CriterionAction, type Metric } from '~/lib/criteria/types';

export type Field = 'metric' | 'comparator' | 'threshold' | 'windowDays' | 'minDays' | 'action' | 'label';
/** The order of the fields on screen: the first one at fault takes focus. */
export const fieldOrder: Field[] = ['metric', 'comparator', 'threshold', 'minDays', 'windowDays', 'action', 'label'];

export interface RuleDraft {
  /** React's key: stable while the id field is not shown or edited. */
  key: string;
  id: string;
  label: string;
  metric: string;
  comparator: Comparator;
  threshold: string;
  windowDays: string;
  minDays: string;
  action: CriterionAction;
  /** True once the label was typed in here: only then does it survive a change to the rule itself. */
  labelTouched: boolean;
  /** The rule changed under an old label, which was cleared rather than left saying something else. */
  labelCleared: boolean;
}

export type RuleErrors = Partial<Record<Field, string>>;

function newKey(): string {
  // crypto.randomUUID needs a secure context; this is only a key and an id for a new rule.
  return `rule-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export function encodeMetric(m: Metric): string {
  if (m.kind === 'score') return `score:${m.key}`;
  if (m.kind === 'changeFromBaseline') return `change:${m.key}`;
  return m.kind;
}

function isScoreKey(value: string): value is ScoreKey {
  return (scoreKeys as readonly string[]).includes(value);
}

export function decodeMetric(value: string): Metric | null {
  if (value === 'sleepHours' || value === 'dosesMissed' || value === 'noCheckIn') return { kind: value };
  const [kind, key = ''] = value.split(':');
  if (!isScoreKey(key)) return null;
  if (kind === 'score') return { kind: 'score', key };
  if (kind === 'change') return { kind: 'changeFromBaseline', key };
  return null;
}

export function toDraft(c: CriterionRule): RuleDraft {
  return {
    key: newKey(),
    id: c.id,
    label: c.label,
    metric: encodeMetric(c.metric),
    comparator: c.comparator,
    threshold: String(c.threshold),
    windowDays: String(c.windowDays),
    minDays: String(c.minDays),
    action: c.action,
    labelTouched: false,
    labelCleared: false,
  };
}

export function blankDraft(): RuleDraft {
  const key = newKey();
  return { key, id: key, label: '', metric: 'score:spasticity', comparator: '>=', threshold: '7', windowDays: '7', minDays: '3', action: 'hold', labelTouched: false, labelCleared: false };
}

export const parseNumber = (s: string) => (s.trim() === '' ? NaN : Number(s.trim()));

/** A rule the schema accepts: each part of a draft is checked in it with only what that part depends on changed. */
const knownGood: Criterion = { id: 'check', label: 'check', metric: { kind: 'score', key: 'spasticity' }, comparator: '>=', threshold: 5, windowDays: 7, minDays: 1, action: 'hold' };

function schemaRejects(field: Field, patch: Partial<Record<keyof Criterion, unknown>>): boolean {
  const result = criterionSchema.safeParse({ ...knownGood, ...patch });
  return !result.success && result.error.issues.some((i) => i.path[0] === field);
}

/** The draft as a criterion, or per-field errors in words the editor shows beside each field. */
export function check(d: RuleDraft, t: CriteriaTranslator, format: ReturnType<typeof useFormatter>): { criterion?: Criterion; errors: RuleErrors } {
  const errors: RuleErrors = {};
  const metric = decodeMetric(d.metric);
  if (!metric) errors.metric = t('errors.metric');
  const threshold = parseNumber(d.threshold);
  const windowDays = parseNumber(d.windowDays);
  const minDays = parseNumber(d.minDays);

  const thresholdBad = metric ? schemaRejects('threshold', { metric, comparator: d.comparator, threshold }) : !criterionSchema.shape.threshold.safeParse(threshold).success;
  if (thresholdBad) {
    if (!metric || !Number.isFinite(threshold)) errors.threshold = t('errors.thresholdNumber');
    else {
      const { min, max } = metricRange(metric);
      const name = metricName(metric, t);
      const args = { name, comparator: comparatorSymbol[d.comparator], threshold };
      // In range yet refused: a rule no day can meet (> or <) or every day meets (≥ or ≤).
      if (threshold < min || threshold > max) errors.threshold = t('errors.thresholdRange', { name, min, max });
      else errors.threshold = d.comparator === '>' || d.comparator === '<' ? t('errors.never', args) : t('errors.always', args);
    }
  }
  if (schemaRejects('windowDays', { windowDays, minDays: 1 })) errors.windowDays = t('errors.window', { max: MAX_WINDOW_DAYS });
  // Against a window that is not a whole number the days are only checked on their own.
  if (schemaRejects('minDays', { minDays, windowDays: Number.isInteger(windowDays) ? windowDays : Number.MAX_SAFE_INTEGER })) {
    errors.minDays = criterionSchema.shape.minDays.safeParse(minDays).success ? t('errors.minDaysOver', { window: windowDays }) : t('errors.minDays');
  }
  // An empty label is allowed here: it takes the rule in words below.
  if (schemaRejects('label', { label: d.label.trim() || knownGood.label })) errors.label = t('errors.label');
  if (!metric || Object.keys(errors).length > 0) return { errors };
  const rule = { metric, comparator: d.comparator, threshold, windowDays, minDays, action: d.action };
  // An empty label takes the rule in words: alerts and recommendations show the label.
  const label = d.label.trim() === '' ? ruleText(rule, t, format) : d.label.trim();
  return { criterion: { id: d.id, label, ...rule }, errors };
}

/** A change to one rule; a label written for the old rule goes when the rule itself changes. */
export function changeRule(d: RuleDraft, patch: Partial<RuleDraft>): RuleDraft {
  const next = { ...d, ...patch };
  if ('label' in patch) return { ...next, labelTouched: true, labelCleared: false };
  // A label written for the old rule ("Spasticity 7 or more…") would now say something the rule does not:
  // alerts and recommendations show the label, so it goes, and the rule in words takes its place.
  if (!d.labelTouched && d.label !== '') return { ...next, label: '', labelCleared: true };
  return next;
}
