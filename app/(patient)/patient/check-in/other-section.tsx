'use client';
// The check-in's other answers: stressors, activity, blood pressure, heart rate and notes.
import { useTranslations } from 'next-intl';
import { TextAreaField, TextField } from '~/app/_components/fields/text';
import type { Draft, FieldErrors, UpdateDraft } from './check-in-draft';
import { Section } from './section';

type TextKey = 'stressors' | 'activity' | 'systolic' | 'diastolic' | 'heartRate' | 'notes';

export function OtherSection({ draft, errors, update }: { draft: Draft; errors: FieldErrors; update: UpdateDraft }) {
  const t = useTranslations('CheckIn');
  /** value, onChange and error of one text answer. */
  const bind = (key: TextKey) => ({
    value: draft[key],
    onChange: (e: { target: { value: string } }) => {
      const value = e.target.value;
      update((d) => ({ ...d, [key]: value }));
    },
    error: errors[key],
  });
  return (
    <Section title={t('other.title')}>
      <div className="flex flex-col gap-5">
        <TextAreaField size="lg" label={t('other.stressors')} hint={t('other.stressorsHint')} maxLength={500} {...bind('stressors')} />
        <TextAreaField size="lg" label={t('other.activity')} hint={t('other.activityHint')} maxLength={500} {...bind('activity')} />
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-lg font-semibold text-slate-900">{t('other.bloodPressure')}</legend>
          <div className="grid grid-cols-2 gap-3">
            <TextField size="lg" label={t('other.systolic')} type="number" inputMode="numeric" min={50} max={260} step={1} {...bind('systolic')} />
            <TextField size="lg" label={t('other.diastolic')} type="number" inputMode="numeric" min={30} max={160} step={1} {...bind('diastolic')} />
          </div>
        </fieldset>
        <TextField size="lg" label={t('other.heartRate')} hint={t('other.heartRateHint')} type="number" inputMode="numeric" min={30} max={250} step={1} {...bind('heartRate')} />
        <TextAreaField size="lg" label={t('other.notes')} rows={3} maxLength={2000} {...bind('notes')} />
      </div>
    </Section>
  );
}
