// The patient's read-only view of their plan's supports: the team's notes, and a rescue medication's limits in plain words.
import { getFormatter, getTranslations } from 'next-intl/server';
import { formatDay } from '~/lib/dates';
import { Card, Notice } from '~/app/_components/ui';
import { serverApi } from '~/app/_trpc/server';
import type { AdjunctView } from '~/server/adjuncts/service';

export async function MyAdjuncts({ patientId, planId }: { patientId: string; planId: string }) {
  const t = await getTranslations('Adjuncts');
  const format = await getFormatter();
  const { today, adjuncts } = await (await serverApi()).adjuncts.list({ patientId, planId });
  const inUse = adjuncts.filter((a) => !a.stopped);
  const stopped = adjuncts.filter((a) => a.stopped);
  const day = (iso: string) => formatDay(iso, format);

  const item = (a: AdjunctView) => {
    const kind = t(`kinds.${a.kind}`);
    const r = a.rescue;
    const past = r !== null && !a.stopped && (r.pastMaxDays || r.pastFollowUp);
    return (
      <li key={a.id} className={`rounded-lg border p-4 ${r && !a.stopped ? 'border-amber-400 bg-amber-50' : 'border-slate-200 bg-white'}`}>
        <h3 className="text-lg font-semibold text-slate-900">{a.name ? `${kind}: ${a.name}` : kind}</h3>
        <p className="text-slate-700">
          {a.startedOn > today ? t('startsOn', { date: day(a.startedOn) }) : t('started', { date: day(a.startedOn) })}
          {a.stoppedOn && <> · {t('stoppedOn', { date: day(a.stoppedOn) })}</>}
        </p>
        {r && a.stopCriteria && (
          <div className="mt-3 flex flex-col gap-2 text-lg">
            <p className="font-medium">{t('patient.rescueIntro')}</p>
            <ul className="ml-5 flex list-disc flex-col gap-1">
              <li>{t('patient.atMost', { max: r.maxDays, date: day(r.lastAllowedDay) })}</li>
              <li className="whitespace-pre-line">{t('patient.stopWhen', { criteria: a.stopCriteria })}</li>
              <li>{t('patient.followUp', { date: day(r.followUpOn) })}</li>
            </ul>
            {!a.stopped && !r.notStarted && <p className="font-semibold tabular-nums">{t('rescue.daysUsed', { used: r.daysUsed, max: r.maxDays })}</p>}
            {past ? <Notice tone="warning">{t('patient.pastLimits')}</Notice> : !a.stopped && <p>{t('patient.talk')}</p>}
          </div>
        )}
        {a.notes && <p className="mt-2 whitespace-pre-line">{t('notes', { notes: a.notes })}</p>}
        {a.stopped && a.stopReason && <p className="mt-1 whitespace-pre-line">{t('stopReason', { reason: a.stopReason })}</p>}
      </li>
    );
  };

  return (
    <Card title={t('patient.title')}>
      {adjuncts.length === 0 ? (
        <p>{t('patient.empty')}</p>
      ) : (
        <div className="flex flex-col gap-4">
          <p className="text-slate-700">{t('patient.intro')}</p>
          {inUse.length > 0 && <ul className="flex flex-col gap-3">{inUse.map(item)}</ul>}
          {stopped.length > 0 && (
            <details className="group rounded-lg border border-slate-200">
              <summary className="flex min-h-11 cursor-pointer items-center gap-2 px-4 font-semibold text-slate-900">
                <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">▸</span>
                {t('patient.stoppedTitle')} ({stopped.length})
              </summary>
              <ul className="flex flex-col gap-3 p-4 pt-0">{stopped.map(item)}</ul>
            </details>
          )}
        </div>
      )}
    </Card>
  );
}
