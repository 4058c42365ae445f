// A rescue medication's limits at a glance for the care team: days used against the maximum, the last allowed day, the follow-up, the stop criteria.
import { useFormatter, useTranslations } from 'next-intl';
import { formatDay } from '~/lib/dates';
import { Badge } from '~/app/_components/ui';
import type { AdjunctView } from '~/server/adjuncts/service';

export function RescueLimits({ adjunct }: { adjunct: AdjunctView }) {
  const t = useTranslations('Adjuncts.rescue');
  const format = useFormatter();
  const r = adjunct.rescue;
  if (!r) return null;
  const used = r.notStarted
    ? t('notStarted', { max: r.maxDays })
    : adjunct.stopped
      ? t('daysTaken', { used: r.daysUsed, max: r.maxDays })
      : t('daysUsed', { used: r.daysUsed, max: r.maxDays });
  const past = r.pastMaxDays || r.pastFollowUp;
  return (
    <div className="mt-2 flex flex-col gap-2">
      <p className="flex flex-wrap items-center gap-2">
        <span className={`text-lg font-semibold tabular-nums ${r.pastMaxDays ? 'text-red-800' : 'text-slate-900'}`}>{used}</span>
        {!adjunct.stopped && !r.notStarted && !past && <span className="text-slate-700">({t('daysLeft', { left: r.daysLeft })})</span>}
        {r.pastMaxDays && <Badge tone="danger">{t('pastMaxDays')}</Badge>}
        {r.pastFollowUp && <Badge tone="danger">{t('pastFollowUp')}</Badge>}
      </p>
      <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-[max-content_1fr]">
        <dt className="font-medium text-slate-700">{t('maximum')}</dt>
        <dd>{t('maxDays', { max: r.maxDays })}</dd>
        <dt className="font-medium text-slate-700">{t('lastDay')}</dt>
        <dd className={r.pastMaxDays ? 'font-semibold text-red-800' : ''}>{formatDay(r.lastAllowedDay, format)}</dd>
        <dt className="font-medium text-slate-700">{t('followUp')}</dt>
        <dd className={r.pastFollowUp ? 'font-semibold text-red-800' : ''}>{formatDay(r.followUpOn, format)}</dd>
        <dt className="font-medium text-slate-700">{t('stopCriteria')}</dt>
        <dd className="whitespace-pre-line">{adjunct.stopCriteria}</dd>
      </dl>
    </div>
  );
}
