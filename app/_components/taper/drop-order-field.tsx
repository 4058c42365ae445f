'use client';
// The order in which dose times are left out when a day's dose is too small to give at each of them:
// the engine's default (midday first, night kept longest) until the clinician moves a time.
import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { Button } from '~/app/_components/ui';
import { dropRank } from '~/lib/taper/engine';

export function DropOrderField({ times, value, onChange }: { times: string[]; value: string[] | null; onChange: (order: string[] | null) => void }) {
  const t = useTranslations('Taper');
  const id = useId();
  if (times.length < 2) return null;
  const order = dropRank({ doseTimes: times, dropOrder: value?.filter((x) => times.includes(x)) }).map((i) => times[i] ?? '');
  const move = (from: number, to: number) => {
    const next = order.slice();
    const [item] = next.splice(from, 1);
    if (item === undefined) return;
    next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={`${id}-hint`}>
      <legend className="font-medium text-slate-900">{t('form.dropOrder')}</legend>
      <p id={`${id}-hint`} className="text-sm text-slate-700">{t('form.dropOrderHint')}</p>
      <ol className="flex flex-col gap-2">
        {order.map((time, i) => (
          <li key={time} className="flex flex-wrap items-center gap-2">
            <span className="min-w-24 font-medium tabular-nums">{t('form.dropOrderItem', { position: i + 1, time })}</span>
            <Button variant="secondary" aria-label={t('form.dropOrderUpLabel', { time })} disabled={i === 0} onClick={() => move(i, i - 1)}>
              {t('form.dropOrderUp')}
            </Button>
            <Button variant="secondary" aria-label={t('form.dropOrderDownLabel', { time })} disabled={i === order.length - 1} onClick={() => move(i, i + 1)}>
              {t('form.dropOrderDown')}
            </Button>
          </li>
        ))}
      </ol>
      {value && (
        <div>
          <Button variant="ghost" onClick={() => onChange(null)}>{t('form.dropOrderReset')}</Button>
        </div>
      )}
    </fieldset>
  );
}
