// The trends page body shared by the patient and the care team: the period switch, adherence, empty states, and the chart with its tables.
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Card, EmptyState, Notice } from '~/app/_components/ui';
import { PrintButton } from '~/app/_components/print-button';
import { trendRanges, type TrendRange } from '~/lib/trends/series';
import type { Trends } from '~/server/trends/service';
import { ms } from './format';
import { TrendsView, type ChartWrapper } from './trends-view';

/** The period from the address bar: anything unknown is the default two weeks. */
export function rangeOf(value: string | string[] | undefined): TrendRange {
  return trendRanges.find((r) => r === value) ?? '2w';
}

/** `chartWrapper` adds an audience's extras around the chart (the care team's inspector); the patient's page passes none. */
export async function TrendsPage({ trends, basePath, chartWrapper }: { trends: Trends; basePath: string; chartWrapper?: ChartWrapper }) {
  const t = await getTranslations('Trends');
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(new Date(ms(iso)), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  const a = trends.adherence;
  const empty = !trends.hasPlan && !trends.hasCheckIns;

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <nav aria-label={t('range.label')} className="no-print">
          <ul className="flex flex-wrap gap-2">
            {trendRanges.map((r) => (
              <li key={r}>
                {/* Each range is a read of the whole period: fetched when chosen, not four at every view. */}
                <Link
                  prefetch={false}
                  href={r === '2w' ? basePath : `${basePath}?range=${r}`}
                  aria-current={r === trends.range ? 'page' : undefined}
                  className="inline-flex min-h-11 items-center rounded-lg border border-slate-400 bg-white px-4 py-2 font-semibold text-slate-900 hover:bg-slate-100 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
                >
                  {t(`range.${r}`)}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <PrintButton label={t('print')} />
      </div>
      <p className="text-slate-800">
        <span className="font-semibold">{t(`range.${trends.range}`)}</span>: {t('range.dates', { from: day(trends.from), to: day(trends.to) })}
      </p>

      {empty ? (
        <EmptyState title={t('empty.title')}>{t(trends.viewer === 'patient' ? 'empty.patient' : 'empty.team')}</EmptyState>
      ) : (
        <>
          {!trends.hasCheckIns && <Notice tone="info">{t('noCheckIns')}</Notice>}
          {!trends.hasPlan && <Notice tone="info">{t('noPlan')}</Notice>}

          <Card title={t('adherence.title')} className="print:break-inside-avoid">
            {a.percentTaken === null ? (
              <p>{t('adherence.none')}</p>
            ) : (
              <div className="flex flex-col gap-1">
                <p className="text-2xl font-bold text-slate-900">{t('adherence.percent', { percent: a.percentTaken })}</p>
                <p>{t('adherence.counts', { taken: a.takenDoses, planned: a.plannedDoses, missed: a.missedDoses, unrecorded: a.unrecordedDoses })}</p>
                {a.plannedMgOnRecordedDays > 0 && <p>{t('adherence.mg', { taken: a.takenMgOnRecordedDays, planned: a.plannedMgOnRecordedDays })}</p>}
                <p className="text-sm text-slate-700">{t('adherence.note')}</p>
              </div>
            )}
          </Card>

          <Card title={t('chart.title')}>
            <TrendsView trends={trends} Wrapper={chartWrapper} />
          </Card>
        </>
      )}
    </div>
  );
}
