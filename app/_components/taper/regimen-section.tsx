'use client';
// The current regimen: the day's dose (with a clinical reason above the label maximum), the dose times,
// how the dose is spread over them, and the order in which they are left out near the end.
import { useTranslations } from 'next-intl';
import { RadioGroup, TextField } from '~/app/_components/fields';
import { Button } from '~/app/_components/ui';
import { DoseTimesFields } from './dose-times-fields';
import { DropOrderField } from './drop-order-field';
import { FormSection } from './form-section';
import { clockOrder, isHighDose, moreAtNight, setDoseTime, setField, type Draft, type DraftUpdate, type ErrorsFor } from './taper-draft';

export function RegimenSection({ formId, draft, update, errorsFor, engine, focusLater, validTimes }: {
  formId: string;
  draft: Draft;
  update: DraftUpdate;
  errorsFor: ErrorsFor;
  engine: { field?: string; message?: string };
  focusLater: (id: string | null) => void;
  /** Dose times a drop order can name (well formed, not repeated). */
  validTimes: string[];
}) {
  const t = useTranslations('Taper');
  const order = clockOrder(draft.doseTimes);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => update((d) => setField(d, key, value));
  return (
    <FormSection legend={t('form.regimen')}>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('form.currentDailyMg')}
          hint={t('form.currentDailyMgHint')}
          name="currentDailyMg"
          type="number"
          inputMode="decimal"
          min={0}
          max={240}
          step="any"
          required
          value={draft.currentDailyMg}
          onChange={(e) => set('currentDailyMg', e.target.value)}
          error={errorsFor('currentDailyMg')}
        />
      </div>
      {isHighDose(draft) && (
        <TextField
          label={t('form.highDoseReason')}
          hint={t('form.highDoseReasonHint')}
          name="highDoseReason"
          required
          maxLength={500}
          value={draft.highDoseReason}
          onChange={(e) => set('highDoseReason', e.target.value)}
          error={errorsFor('highDoseReason')}
        />
      )}

      <DoseTimesFields formId={formId} draft={draft} update={update} errorsFor={errorsFor} engine={engine} focusLater={focusLater} />

      <RadioGroup
        legend={t('form.split')}
        value={draft.splitKind}
        onChange={(v) => v && set('splitKind', v)}
        options={[
          { value: 'even', label: t('form.splitEven') },
          { value: 'weighted', label: t('form.splitWeighted') },
        ]}
        error={errorsFor('split') ?? errorsFor('split.weights')}
      />
      {draft.splitKind === 'weighted' && (
        <div className="flex flex-col gap-3">
          <p className="text-sm text-slate-700">{t('form.weightHint')}</p>
          <div className="grid gap-4 sm:grid-cols-3">
            {order.map((i) => {
              const d = draft.doseTimes[i];
              if (!d) return null;
              return (
                <TextField
                  key={d.key}
                  label={d.time ? t('form.weight', { time: d.time }) : t('form.weightUnnamed', { number: i + 1 })}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  step="any"
                  value={d.weight}
                  onChange={(e) => {
                    const weight = e.target.value;
                    update((x) => setDoseTime(x, d.key, { weight }));
                  }}
                  error={errorsFor(`split.weights.${order.indexOf(i)}`)}
                />
              );
            })}
          </div>
        </div>
      )}
      <div>
        <Button variant="secondary" disabled={draft.doseTimes.length < 2} onClick={() => update(moreAtNight)}>
          {t('form.moreAtNight')}
        </Button>
      </div>
      <DropOrderField times={validTimes} value={draft.dropOrder} onChange={(next) => set('dropOrder', next)} />
    </FormSection>
  );
}
