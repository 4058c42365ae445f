// What an alert rests on, in words: the check-in a red flag was reported in, a vital sign's value, a pattern's days and values, the days that met a criterion, or a rescue medication's days against its limits.
import { useFormatter, useTranslations } from 'next-intl';
import { formatDay } from '~/lib/dates';
import type { Metric } from '~/lib/criteria/types';
import { measureText, parseEvidence } from './alert-text';
import { metricValueText } from './criterion-text';

export function AlertEvidence({ kind, evidence, metric }: { kind: string; evidence: unknown; metric?: Metric }) {
  const t = useTranslations('Alerts');
  const tc = useTranslations('Criteria');
  const format = useFormatter();
  const parsed = parseEvidence(kind, evidence);

  if (parsed.kind === 'red-flag') {
    const isVital = (m: string) => m === 'heartRate' || m === 'systolic' || m === 'diastolic';
    const reported = parsed.items.filter((i) => i.measure === 'reported');
    const vital = parsed.items.filter((i) => isVital(i.measure));
    const pattern = parsed.items.filter((i) => i.measure !== 'reported' && !isVital(i.measure));
    return (
      <div className="flex flex-col gap-1">
        {reported.map((i) => (
          <p key={`r-${i.date}`}>{t('evidence.reported', { date: formatDay(i.date, format) })}</p>
        ))}
        {vital.map((i) => (
          <p key={`v-${i.measure}-${i.date}`}>{t('evidence.vital', { date: formatDay(i.date, format), value: measureText(i, t) })}</p>
        ))}
        {pattern.length > 0 && (
          <>
            <p>{t('evidence.pattern', { count: new Set(pattern.map((i) => i.date)).size })}</p>
            <ul className="ml-5 list-disc">
              {pattern.map((i) => (
                <li key={`${i.measure}-${i.date}`}>{t('evidence.day', { date: formatDay(i.date, format), value: measureText(i, t) })}</li>
              ))}
            </ul>
          </>
        )}
      </div>
    );
  }

  if (parsed.kind === 'criterion') {
    const f = parsed.fired;
    return (
      <div className="flex flex-col gap-1">
        <p>
          {t('evidence.criterion', {
            count: f.matched.length,
            start: formatDay(f.windowStart, format),
            end: formatDay(f.windowEnd, format),
          })}
        </p>
        <ul className="ml-5 list-disc">
          {f.matched.map((m) => (
            <li key={m.date}>{t('evidence.day', { date: formatDay(m.date, format), value: metricValueText(metric, m.value, tc, format) })}</li>
          ))}
        </ul>
      </div>
    );
  }

  if (parsed.kind === 'rescue-medication') {
    const r = parsed.rescue;
    return (
      <div className="flex flex-col gap-1">
        <p>{t('evidence.rescueDays', { used: r.daysUsed, start: formatDay(r.startedOn, format), max: r.maxDays, lastDay: formatDay(r.lastAllowedDay, format) })}</p>
        <p>{t('evidence.rescueFollowUp', { date: formatDay(r.followUpOn, format) })}</p>
        {r.stoppedOn && <p>{t('evidence.rescueStopped', { date: formatDay(r.stoppedOn, format) })}</p>}
        <p className="text-slate-700">{t('evidence.rescueWhere')}</p>
      </div>
    );
  }

  if (parsed.kind === 'plan-safety') {
    return <p>{t('evidence.planStopped', { version: parsed.stopped.stoppedVersion, status: parsed.stopped.statusBefore })}</p>;
  }

  return <p className="text-slate-700">{t('evidence.none')}</p>;
}
