'use client';
// The check-in's symptom scores: the three core ones and hours slept, then the rest under "more".
import { useTranslations } from 'next-intl';
import { RadioGroup } from '~/app/_components/fields/radio-group';
import { ScoreScale } from '~/app/_components/fields/score-scale';
import { TextField } from '~/app/_components/fields/text';
import { coreScores, moreScores, setScore, type Draft, type FieldErrors, type UpdateDraft, type ZeroToTen } from './check-in-draft';
import { Section } from './section';

export function ScoresSection({ draft, errors, update }: { draft: Draft; errors: FieldErrors; update: UpdateDraft }) {
  const t = useTranslations('CheckIn');
  const clearFor = (question: string) => ({ text: t('scores.clear'), label: t('scores.clearLabel', { question }) });
  const zeroToTen = (key: ZeroToTen) => {
    const label = t(`scores.${key}.label`);
    const low = t(`scores.${key}.low`);
    const high = t(`scores.${key}.high`);
    return (
      <ScoreScale
        key={key}
        name={key}
        legend={label}
        max={10}
        low={low}
        high={high}
        anchors={t('scores.anchors', { low, high, max: 10 })}
        value={draft.scores[key]}
        onChange={(v) => update((d) => setScore(d, key, v))}
        clear={clearFor(label)}
        error={errors[`scores.${key}`]}
      />
    );
  };

  return (
    <Section title={t('scores.title')}>
      <div className="flex flex-col gap-6">
        {errors.scores && <p className="font-medium text-red-800">{errors.scores.join(' ')}</p>}
        {coreScores.map((key) =>
          key === 'spasmFrequency' ? (
            <RadioGroup<number>
              key={key}
              size="lg"
              name={key}
              legend={t('scores.spasmFrequency.label')}
              options={([0, 1, 2, 3, 4] as const).map((n) => ({ value: n, label: <><span className="w-6 tabular-nums">{n}</span>{t(`scores.spasmFrequency.${n}`)}</> }))}
              value={draft.scores.spasmFrequency}
              onChange={(v) => update((d) => setScore(d, 'spasmFrequency', v))}
              clear={clearFor(t('scores.spasmFrequency.label'))}
              error={errors[`scores.${key}`]}
            />
          ) : (
            zeroToTen(key)
          ),
        )}
        <TextField
          size="lg"
          label={t('scores.sleepHours')}
          hint={t('scores.sleepHoursHint')}
          type="number"
          inputMode="decimal"
          min={0}
          max={24}
          step={0.5}
          value={draft.sleepHours}
          onChange={(e) => update((d) => ({ ...d, sleepHours: e.target.value }))}
          error={errors.sleepHours}
        />
        <details open className="group border-t-2 border-slate-200 pt-2">
          <summary className="flex min-h-12 cursor-pointer list-none items-center gap-3 text-xl font-bold text-slate-900 [&::-webkit-details-marker]:hidden">
            <span aria-hidden="true" className="inline-block text-base transition-transform group-open:rotate-90">▶</span>
            {t('scores.more')}
          </summary>
          <div className="flex flex-col gap-5 pt-3">{moreScores.map(zeroToTen)}</div>
        </details>
      </div>
    </Section>
  );
}
