// Stop-go criteria in words: "Spasticity ≥ 7 on 3 of the last 7 days → hold", and a metric's values with their units.
import type { createFormatter, createTranslator, Messages } from 'next-intl';
import { scoreScale } from '~/lib/checkins/types';
import type { Comparator, Criterion, CriterionAction, Metric } from '~/lib/criteria/types';

/** A translator for the `Criteria` namespace, from `useTranslations('Criteria')` or `await getTranslations('Criteria')`. */
export type CriteriaTranslator = ReturnType<typeof createTranslator<Messages, 'Criteria'>>;
export type Formatter = ReturnType<typeof createFormatter>;

export const comparatorSymbol: Record<Comparator, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<' };

export function metricName(metric: Metric, t: CriteriaTranslator): string {
  switch (metric.kind) {
    case 'score':
      return t(`scores.${metric.key}`);
    case 'changeFromBaseline':
      return t('metric.changeFromBaseline', { score: t(`scoresLower.${metric.key}`) });
    case 'sleepHours':
      return t('metric.sleepHours');
    case 'dosesMissed':
      return t('metric.dosesMissed');
    case 'noCheckIn':
      return t('metric.noCheckIn');
  }
}

export function actionName(action: CriterionAction, t: CriteriaTranslator): string {
  return t(`actions.${action}`);
}

/** "on 3 of the last 7 days", "on each of the last 3 days", "on the latest day". */
export function daysText(c: Pick<Criterion, 'minDays' | 'windowDays'>, t: CriteriaTranslator): string {
  if (c.windowDays === 1) return t('days.one');
  if (c.minDays === c.windowDays) return t('days.all', { window: c.windowDays });
  return t('days.some', { min: c.minDays, window: c.windowDays });
}

/** A missing check-in is a yes-or-no fact: "≥ 1" is how every sensible rule on it reads, so it is not spelt out. */
export function isPlainNoCheckIn(c: Pick<Criterion, 'metric' | 'comparator' | 'threshold'>): boolean {
  return c.metric.kind === 'noCheckIn' && ((c.comparator === '>=' && c.threshold === 1) || (c.comparator === '>' && c.threshold === 0));
}

/** The whole rule as a sentence, e.g. "Spasticity ≥ 7 on 3 of the last 7 days → hold". */
export function ruleText(c: Pick<Criterion, 'metric' | 'comparator' | 'threshold' | 'minDays' | 'windowDays' | 'action'>, t: CriteriaTranslator, format: Formatter): string {
  const days = daysText(c, t);
  const action = actionName(c.action, t);
  if (isPlainNoCheckIn(c)) return t('ruleNoCheckIn', { days, action });
  const threshold = c.metric.kind === 'changeFromBaseline' ? format.number(c.threshold, { signDisplay: 'exceptZero' }) : format.number(c.threshold);
  return t('rule', { metric: metricName(c.metric, t), comparator: comparatorSymbol[c.comparator], threshold, days, action });
}

/** One day's value of a metric with its unit ("7/10", "5 h", "2 doses missed", "+2", "no check-in"). */
export function metricValueText(metric: Metric | undefined, value: number, t: CriteriaTranslator, format: Formatter): string {
  if (!metric) return format.number(value);
  switch (metric.kind) {
    case 'score':
      return t('value.score', { value, max: scoreScale[metric.key].max });
    case 'changeFromBaseline':
      return t('value.change', { value: format.number(value, { signDisplay: 'exceptZero', maximumFractionDigits: 1 }) });
    case 'sleepHours':
      return t('value.hours', { value });
    case 'dosesMissed':
      return t('value.dosesMissed', { value });
    case 'noCheckIn':
      return t('value.noCheckIn');
  }
}
