'use client';
// The live preview under the taper form: the engine's schedule (summary, warnings, product advice, chart
// and table), its refusal as an alert, or a word that it waits for the current dose.
import { useFormatter, useTranslations } from 'next-intl';
import { useId } from 'react';
import { Notice } from '~/app/_components/ui';
import { formatDay } from '~/lib/dates';
import type { Formulation, PatientFacts, TaperInput } from '~/lib/taper/types';
import { CapAdvice } from './cap-advice';
import { InteractiveDoseChart } from './interactive-dose-chart';
import { ScheduleTable } from './schedule-table';
import { warningText, type Preview } from './taper-preview';

export function TaperPreviewSection({ preview, input, patient, onAddProduct, headingLevel }: {
  preview: Preview;
  /** The input the preview was made from. */
  input: TaperInput;
  patient: PatientFacts;
  onAddProduct: (f: Formulation) => void;
  headingLevel: 2 | 3;
}) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const headingId = `${useId()}-preview`;
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-4">
      <Heading id={headingId} className="text-lg font-semibold text-slate-900">
        {t('form.previewTitle')}
      </Heading>
      <p className="text-slate-700">{t('form.previewIntro')}</p>
      {preview.kind === 'empty' && <p className="text-slate-700">{t('form.previewEmpty')}</p>}
      {preview.kind === 'error' && (
        <Notice tone="error" role="alert" title={t('form.previewErrorTitle')}>
          {preview.message}
        </Notice>
      )}
      {preview.kind === 'schedule' && (
        <>
          <p className="font-medium text-slate-900">
            {t('form.previewSummary', {
              steps: preview.schedule.steps.length,
              days: preview.schedule.steps.reduce((sum, s) => sum + s.days, 0),
              end: formatDay(preview.schedule.steps.at(-1)?.endDate ?? input.startDate, format),
            })}
          </p>
          {preview.schedule.warnings.map((w) => {
            const { title, body } = warningText(w, t);
            return (
              <Notice key={w.code} tone="warning" title={title}>
                {body}
              </Notice>
            );
          })}
          <CapAdvice input={input} patient={patient} onAdd={onAddProduct} />
          <InteractiveDoseChart steps={preview.schedule.steps} currentDailyMg={input.currentDailyMg} />
          <ScheduleTable steps={preview.schedule.steps} caption={t('form.previewTitle')} />
        </>
      )}
    </section>
  );
}
