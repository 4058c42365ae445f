'use client';
// Pace and target: the step length, the target dose, the first reduction, the cap on any one cut, the
// lowest dose before stopping (for a taper to 0) and the follow-up after the last step.
import { useTranslations } from 'next-intl';
import type { ComponentProps } from 'react';
import { TextField } from '~/app/_components/fields';
import { FormSection } from './form-section';
import { num, setField, type Draft, type DraftUpdate, type ErrorsFor } from './taper-draft';

type Key = 'stepDays' | 'targetDailyMg' | 'startDate' | 'maxCutPercent' | 'stopAtMg' | 'followUpDays';

export function PaceSection({ draft, update, errorsFor, defaultStop }: {
  draft: Draft;
  update: DraftUpdate;
  errorsFor: ErrorsFor;
  /** The threshold the engine uses when the stop field is left empty, for its hint. */
  defaultStop: number;
}) {
  const t = useTranslations('Taper');
  const field = (key: Key, props: Omit<ComponentProps<typeof TextField>, 'name' | 'value' | 'onChange' | 'error'>) => (
    <TextField
      {...props}
      name={key}
      value={draft[key]}
      onChange={(e) => {
        const value = e.target.value;
        update((d) => setField(d, key, value));
      }}
      error={errorsFor(key)}
    />
  );
  const days = { type: 'number', inputMode: 'numeric', min: 1, max: 90, step: 1 } as const;
  return (
    <FormSection legend={t('form.pace')}>
      <div className="grid gap-4 sm:grid-cols-2">
        {field('stepDays', { label: t('form.stepDays'), ...days, required: true })}
        {field('targetDailyMg', { label: t('form.targetDailyMg'), hint: t('form.targetDailyMgHint'), type: 'number', inputMode: 'decimal', min: 0, step: 'any', required: true })}
        {field('startDate', { label: t('form.startDate'), type: 'date', required: true })}
        {field('maxCutPercent', {
          label: t('form.maxCutPercent'), hint: t('form.maxCutPercentHint'), type: 'number', inputMode: 'decimal', min: 0, max: 50, step: 'any', required: true,
        })}
        {num(draft.targetDailyMg) === 0 &&
          field('stopAtMg', { label: t('form.stopAtMg'), hint: t('form.stopAtMgHint', { mg: defaultStop }), type: 'number', inputMode: 'decimal', min: 1, max: 10, step: 'any' })}
        {field('followUpDays', { label: t('form.followUpDays'), hint: t('form.followUpDaysHint'), ...days })}
      </div>
    </FormSection>
  );
}
