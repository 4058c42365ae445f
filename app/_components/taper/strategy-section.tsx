'use client';
// How each cut is sized: the same amount each step, or a percentage of the dose before it within a
// smallest and a largest cut.
import { useTranslations } from 'next-intl';
import { RadioGroup, TextField } from '~/app/_components/fields';
import { FormSection } from './form-section';
import { setField, type Draft, type DraftUpdate, type ErrorsFor } from './taper-draft';

type Amount = 'mgPerStep' | 'percent' | 'minCutMg' | 'maxCutMg';

export function StrategySection({ draft, update, errorsFor }: { draft: Draft; update: DraftUpdate; errorsFor: ErrorsFor }) {
  const t = useTranslations('Taper');
  const amount = (key: Amount, label: string, max: number) => (
    <TextField
      label={label}
      name={key}
      type="number"
      inputMode="decimal"
      min={0}
      max={max}
      step="any"
      value={draft[key]}
      onChange={(e) => {
        const value = e.target.value;
        update((d) => setField(d, key, value));
      }}
      error={errorsFor(`strategy.${key}`)}
    />
  );
  return (
    <FormSection legend={t('form.strategy')}>
      <RadioGroup
        legend={t('form.strategyKind')}
        value={draft.strategyKind}
        onChange={(v) => v && update((d) => setField(d, 'strategyKind', v))}
        options={[
          { value: 'fixed', label: t('form.strategyFixed') },
          { value: 'percent', label: t('form.strategyPercent'), hint: t('form.strategyPercentHint') },
        ]}
        error={errorsFor('strategy')}
      />
      {draft.strategyKind === 'fixed' ? (
        <div className="grid gap-4 sm:grid-cols-2">{amount('mgPerStep', t('form.mgPerStep'), 40)}</div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-3">
          {amount('percent', t('form.percent'), 50)}
          {amount('minCutMg', t('form.minCutMg'), 40)}
          {amount('maxCutMg', t('form.maxCutMg'), 40)}
        </div>
      )}
    </FormSection>
  );
}
