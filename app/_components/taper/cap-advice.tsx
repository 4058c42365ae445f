'use client';
// The formulation advisor in the plan editor: when the products listed cannot keep every cut within the
// cap, which common product would, what the schedule becomes with it, and a button that adds it.
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useState } from 'react';
import { Button, Notice } from '~/app/_components/ui';
import { adviseProducts } from '~/lib/taper/advisor';
import type { Formulation, PatientFacts, TaperInput } from '~/lib/taper/types';
import { productName } from './product-name';
import { formatDay } from '~/lib/dates';

export function CapAdvice({ input, patient, onAdd }: { input: TaperInput; patient: PatientFacts; onAdd: (f: Formulation) => void }) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const advice = useMemo(() => adviseProducts(input, patient), [input, patient]);
  const [added, setAdded] = useState<string | null>(null);
  return (
    <>
      <div role="status" aria-live="polite">{added && <Notice tone="success">{t('advisor.added', { product: added })}</Notice>}</div>
      {advice &&
        (advice.suggestions.length === 0 ? (
          <Notice tone="warning" title={t('advisor.noneTitle')}>{t('advisor.none', { cap: input.maxCutPercent })}</Notice>
        ) : (
          <Notice tone="info" title={t('advisor.title')}>
            <p>{t('advisor.intro', { percent: advice.biggestCutPercent })}</p>
            {!advice.suggestions.some((s) => s.withinCap) && <p className="mt-1">{t('advisor.partial', { percent: advice.suggestions[0]?.biggestCutPercent ?? 0 })}</p>}
            <ul className="mt-2 flex flex-col gap-3">
              {advice.suggestions.map((s) => {
                const name = productName(s.formulation, t);
                const end = formatDay(s.endDate, format);
                return (
                  <li key={name} className="flex flex-col gap-1">
                    <span>
                      <span className="font-semibold">{name}</span>:{' '}
                      {input.targetDailyMg === 0
                        ? t('advisor.outcome', { steps: s.steps, end, stopAt: s.stopAtMg })
                        : t('advisor.outcomeMaintenance', { steps: s.steps, end })}
                    </span>
                    <span>
                      <Button
                        variant="secondary"
                        onClick={() => {
                          onAdd(s.formulation);
                          setAdded(name);
                        }}
                      >
                        {t('advisor.add', { product: name })}
                      </Button>
                    </span>
                  </li>
                );
              })}
            </ul>
          </Notice>
        ))}
    </>
  );
}
