// The patient's recent check-ins as a table for the care team: scores, sleep, missed doses and red flags per day.
import { useFormatter, useTranslations } from 'next-intl';
import { calendarDate } from '~/lib/dates';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';
import { redFlagName } from './alert-text';
import type { CheckInRow } from './types';

function NotAnswered() {
  const t = useTranslations('Triage.checkIns');
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{t('notAnswered')}</span>
    </>
  );
}

export function CheckInTable({ checkIns, days }: { checkIns: readonly CheckInRow[]; days: number }) {
  const t = useTranslations('Triage.checkIns');
  const ta = useTranslations('Alerts');
  const format = useFormatter();
  if (checkIns.length === 0) {
    return <p className="rounded-lg border border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center font-medium text-slate-800">{t('empty', { days })}</p>;
  }
  const score = (value: number | null, max: number) => (value === null ? <NotAnswered /> : t('score', { value, max }));
  // Recent days: the weekday helps more than the year.
  const day = (iso: string) => format.dateTime(calendarDate(iso), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const rows = checkIns.map((c) => {
    const planned = c.doses.filter((d) => d.plannedMg !== null).length;
    const missed = c.doses.filter((d) => d.status === 'missed').length;
    const changed = c.doses.filter((d) => d.status === 'changed').length;
    return {
      id: c.id,
      date: (
        <>
          {day(c.localDate)}
          {c.revision > 1 && <span className="block text-sm font-normal text-slate-700">{t('corrected')}</span>}
        </>
      ),
      spasticity: score(c.spasticity, 10),
      spasms: score(c.spasmFrequency, 4),
      sleep: (
        <>
          <span className="block">{c.sleepQuality === null ? <NotAnswered /> : t('sleepQuality', { value: c.sleepQuality })}</span>
          <span className="block text-sm text-slate-700">{c.sleepHours === null ? <NotAnswered /> : t('sleepHours', { value: c.sleepHours })}</span>
        </>
      ),
      doses:
        c.doses.length === 0 ? (
          <NotAnswered />
        ) : (
          <>
            <span className={missed > 0 ? 'font-semibold' : undefined}>{planned > 0 ? t('missedOf', { missed, planned }) : t('missed', { missed })}</span>
            {changed > 0 && <span className="block text-sm text-slate-700">{t('changed', { changed })}</span>}
          </>
        ),
      redFlags:
        c.redFlags.length === 0 ? (
          t('none')
        ) : (
          <ul className="flex flex-col gap-0.5 font-semibold text-red-900">
            {c.redFlags.map((code) => (
              <li key={code}>
                <span aria-hidden="true">! </span>
                {redFlagName(code, ta)}
              </li>
            ))}
          </ul>
        ),
    };
  });

  return (
    <>
      {/* Wider screens: a table. */}
      <Table caption={t('caption', { days })} look="plain" wrapperClassName="hidden sm:block">
        <THead>
          <Th>{t('date')}</Th>
          <Th>{t('spasticity')}</Th>
          <Th>{t('spasms')}</Th>
          <Th>{t('sleep')}</Th>
          <Th>{t('dosesMissed')}</Th>
          <Th>{t('redFlags')}</Th>
        </THead>
        <tbody>
          {rows.map((r) => (
            <Tr key={r.id} className="align-top">
              <RowTh className="font-semibold whitespace-nowrap">{r.date}</RowTh>
              <Td>{r.spasticity}</Td>
              <Td>{r.spasms}</Td>
              <Td>{r.sleep}</Td>
              <Td>{r.doses}</Td>
              <Td>{r.redFlags}</Td>
            </Tr>
          ))}
        </tbody>
      </Table>

      {/* Phones: one block per day. */}
      <ul aria-label={t('caption', { days })} className="flex flex-col gap-3 sm:hidden">
        {rows.map((r) => (
          <li key={r.id} className="rounded-lg border border-slate-200 p-3">
            <p className="font-semibold">{r.date}</p>
            <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-700">{t('spasticity')}</dt>
              <dd>{r.spasticity}</dd>
              <dt className="text-slate-700">{t('spasms')}</dt>
              <dd>{r.spasms}</dd>
              <dt className="text-slate-700">{t('sleep')}</dt>
              <dd>{r.sleep}</dd>
              <dt className="text-slate-700">{t('dosesMissed')}</dt>
              <dd>{r.doses}</dd>
              <dt className="text-slate-700">{t('redFlags')}</dt>
              <dd>{r.redFlags}</dd>
            </dl>
          </li>
        ))}
      </ul>
    </>
  );
}
