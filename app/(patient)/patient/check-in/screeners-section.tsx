'use client';
// The check-in's two-question mood and anxiety screeners (PHQ-2, GAD-2), when due.
import { useTranslations } from 'next-intl';
import { RadioGroup } from '~/app/_components/fields/radio-group';
import { setScreener, type Draft, type FieldErrors, type Screener, type UpdateDraft } from './check-in-draft';
import { Section } from './section';

export function ScreenersSection({ draft, errors, update }: { draft: Draft; errors: FieldErrors; update: UpdateDraft }) {
  const t = useTranslations('CheckIn');
  const item = (which: Screener, index: 0 | 1) => {
    const question = t(`screeners.${which}.${index}`);
    const pair = draft[which];
    // "Both or neither" shows on the question left empty (on the first when both are answered).
    const error = errors[which] && (pair[index] === null || (pair[0] !== null && pair[1] !== null && index === 0)) ? errors[which] : undefined;
    return (
      <RadioGroup<number>
        key={`${which}-${index}`}
        size="lg"
        name={`${which}-${index}`}
        legend={question}
        options={([0, 1, 2, 3] as const).map((n) => ({ value: n, label: <><span className="w-6 tabular-nums">{n}</span>{t(`screeners.answers.${n}`)}</> }))}
        value={pair[index]}
        onChange={(v) => update((d) => setScreener(d, which, index, v))}
        clear={{ text: t('scores.clear'), label: t('scores.clearLabel', { question }) }}
        error={error}
      />
    );
  };
  return (
    <Section title={t('screeners.title')}>
      <div className="flex flex-col gap-5">
        <p className="text-slate-700">{t('screeners.intro')}</p>
        {item('phq2', 0)}
        {item('phq2', 1)}
        {item('gad2', 0)}
        {item('gad2', 1)}
      </div>
    </Section>
  );
}
