'use client';
// One stop-go rule in the criteria editor: what it measures, the comparison and threshold, over how many
// days of which window, and what it asks for, with the rule read back in words as it is typed.
import { useFormatter, useTranslations } from 'next-intl';
import { SelectField, TextField } from '~/app/_components/fields';
import { isPlainNoCheckIn, ruleText } from '~/app/_components/triage/criterion-text';
import { Button } from '~/app/_components/ui';
import { scoreKeys } from '~/lib/checkins/types';
import { comparators, criterionActions, MAX_WINDOW_DAYS, metricRange, type Comparator } from '~/lib/criteria/types';
import { check, decodeMetric, parseNumber, type Field, type RuleDraft, type RuleErrors } from './criteria-draft';

/** Message keys for the comparators: symbols make poor keys. */
const comparatorKey: Record<Comparator, 'atLeast' | 'atMost' | 'moreThan' | 'lessThan'> = { '>=': 'atLeast', '<=': 'atMost', '>': 'moreThan', '<': 'lessThan' };

export function RuleFields({
  draft,
  number,
  errors,
  fieldId,
  ruleId,
  onChange,
  onRemove,
}: {
  draft: RuleDraft;
  number: number;
  errors: RuleErrors;
  fieldId: (field: Field) => string;
  ruleId: string;
  onChange: (patch: Partial<RuleDraft>) => void;
  onRemove: () => void;
}) {
  const t = useTranslations('Criteria');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const metric = decodeMetric(draft.metric);
  const plainNoCheckIn = metric?.kind === 'noCheckIn' && isPlainNoCheckIn({ metric, comparator: draft.comparator, threshold: parseNumber(draft.threshold) });
  const range = metric ? metricRange(metric) : null;
  const preview = check({ ...draft, label: '' }, t, format).criterion;

  return (
    <fieldset id={ruleId} tabIndex={-1} className="rounded-lg border border-slate-300 p-4">
      <legend className="px-1 font-semibold text-slate-900">{t('ruleLegend', { number })}</legend>
      <p className="mb-3 text-slate-800">
        <span className="font-medium">{t('inWords')}</span> {preview ? ruleText(preview, t, format) : t('incomplete')}
      </p>
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <SelectField
          id={fieldId('metric')}
          label={t('fields.metric')}
          value={draft.metric}
          error={errors.metric}
          onChange={(e) => {
            const next = decodeMetric(e.target.value);
            // A missing check-in is yes or no: the only sensible comparison is "happened".
            onChange(next?.kind === 'noCheckIn' ? { metric: e.target.value, comparator: '>=', threshold: '1' } : { metric: e.target.value });
          }}
        >
          <optgroup label={t('groups.scores')}>
            {scoreKeys.map((k) => (
              <option key={k} value={`score:${k}`}>{t(`scores.${k}`)}</option>
            ))}
          </optgroup>
          <optgroup label={t('groups.change')}>
            {scoreKeys.map((k) => (
              <option key={k} value={`change:${k}`}>{t('metric.changeFromBaseline', { score: t(`scoresLower.${k}`) })}</option>
            ))}
          </optgroup>
          <optgroup label={t('groups.other')}>
            <option value="sleepHours">{t('metric.sleepHours')}</option>
            <option value="dosesMissed">{t('metric.dosesMissed')}</option>
            <option value="noCheckIn">{t('metric.noCheckIn')}</option>
          </optgroup>
        </SelectField>
        {!plainNoCheckIn && (
          <>
            <SelectField
              id={fieldId('comparator')}
              label={t('fields.comparator')}
              value={draft.comparator}
              error={errors.comparator}
              onChange={(e) => onChange({ comparator: comparators.find((c) => c === e.target.value) ?? draft.comparator })}
            >
              {comparators.map((c) => (
                <option key={c} value={c}>{t(`comparators.${comparatorKey[c]}`)}</option>
              ))}
            </SelectField>
            <TextField
              id={fieldId('threshold')}
              label={t('fields.threshold')}
              hint={range ? t('fields.thresholdHint', { min: range.min, max: range.max }) : undefined}
              type="number"
              inputMode="decimal"
              step="any"
              min={range?.min}
              max={range?.max}
              required
              value={draft.threshold}
              error={errors.threshold}
              onChange={(e) => onChange({ threshold: e.target.value })}
            />
          </>
        )}
        <TextField
          id={fieldId('minDays')}
          label={t('fields.minDays')}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_WINDOW_DAYS}
          required
          value={draft.minDays}
          error={errors.minDays}
          onChange={(e) => onChange({ minDays: e.target.value })}
        />
        <TextField
          id={fieldId('windowDays')}
          label={t('fields.windowDays')}
          hint={t('fields.windowDaysHint', { max: MAX_WINDOW_DAYS })}
          type="number"
          inputMode="numeric"
          min={1}
          max={MAX_WINDOW_DAYS}
          required
          value={draft.windowDays}
          error={errors.windowDays}
          onChange={(e) => onChange({ windowDays: e.target.value })}
        />
        <SelectField
          id={fieldId('action')}
          label={t('fields.action')}
          value={draft.action}
          error={errors.action}
          onChange={(e) => onChange({ action: criterionActions.find((a) => a === e.target.value) ?? draft.action })}
        >
          {criterionActions.map((a) => (
            <option key={a} value={a}>{t(`actionOptions.${a}`)}</option>
          ))}
        </SelectField>
        <div className="sm:col-span-2 lg:col-span-3">
          <TextField
            id={fieldId('label')}
            label={`${t('fields.label')} (${tc('optional')})`}
            hint={draft.labelCleared ? t('fields.labelCleared') : t('fields.labelHint')}
            maxLength={160}
            value={draft.label}
            error={errors.label}
            onChange={(e) => onChange({ label: e.target.value })}
          />
        </div>
      </div>
      <div className="mt-3">
        <Button variant="secondary" onClick={onRemove}>
          {t('remove', { number })}
        </Button>
      </div>
    </fieldset>
  );
}
