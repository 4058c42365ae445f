'use client';
// The triage list: the clinician's patients most urgent first, filtered by reason and name on the loaded rows.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useDeferredValue, useId, useState } from 'react';
import { SelectField, TextField } from '~/app/_components/fields';
import { ReviewedBadge } from '~/app/_components/reviews/reviewed-badge';
import { calendarDate } from '~/lib/dates';
import { ReasonBadge } from '~/app/_components/triage/badges';
import { Sparkline } from '~/app/_components/triage/sparkline';
import { triageReasons, type AccountStatus, type TriageReason, type TriageRow } from '~/app/_components/triage/types';
import { Button, EmptyState } from '~/app/_components/ui';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';

const planStatuses = ['draft', 'proposed', 'agreed', 'active', 'paused', 'completed', 'stopped'] as const;
type PlanStatus = (typeof planStatuses)[number];
function isPlanStatus(status: string | null): status is PlanStatus {
  return status !== null && (planStatuses as readonly string[]).includes(status);
}

/** Case- and accent-insensitive, so "jose" finds "José". */
function normalise(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase();
}

const recordHref = (patientId: string) => `/clinician/patients/${patientId}`;

function AlertCounts({ row }: { row: TriageRow }) {
  const t = useTranslations('Triage.alerts');
  if (row.urgent + row.warnings + row.info === 0) return <span className="text-slate-700">{t('none')}</span>;
  return (
    <ul className="flex flex-col gap-0.5">
      {row.urgent > 0 && <li className="font-semibold text-red-900">{t('urgent', { count: row.urgent })}</li>}
      {row.warnings > 0 && <li className="font-semibold text-amber-950">{t('warning', { count: row.warnings })}</li>}
      {row.info > 0 && <li>{t('info', { count: row.info })}</li>}
    </ul>
  );
}

function DoseText({ row }: { row: TriageRow }) {
  const t = useTranslations('Triage');
  return <>{row.currentDailyMg === null ? t('noDose') : t('dose', { mg: row.currentDailyMg })}</>;
}

function StepText({ row }: { row: TriageRow }) {
  const t = useTranslations('Triage');
  const tp = useTranslations('Plan');
  if (row.stepNumber !== null && row.stepCount !== null) {
    if (row.planStatus === 'paused') return <>{t('stepPaused', { number: row.stepNumber, count: row.stepCount })}</>;
    if (row.stepDay !== null && row.stepDays !== null) {
      // Past the step's end nobody has moved the plan on: say so rather than count "day 16 of 14".
      if (row.stepDay > row.stepDays) return <>{t('stepOver', { number: row.stepNumber, count: row.stepCount, days: row.stepDay - row.stepDays })}</>;
      return <>{t('step', { number: row.stepNumber, count: row.stepCount, day: row.stepDay, days: row.stepDays })}</>;
    }
  }
  if (isPlanStatus(row.planStatus)) return <>{t('planStatus', { status: tp(`status.${row.planStatus}`) })}</>;
  return <span className="text-slate-700">{t('noPlan')}</span>;
}

function LastCheckIn({ row, account }: { row: TriageRow; account: AccountStatus | undefined }) {
  const t = useTranslations('Triage');
  const tc = useTranslations('Common');
  const format = useFormatter();
  // A patient who never checked in, or cannot sign in: whether they have an account that works says why.
  const accountNote = account && (row.lastCheckIn === null || account !== 'active') && (
    <span className="block text-sm text-slate-700">{t('account', { status: tc(`accountStatus.${account}`) })}</span>
  );
  if (row.lastCheckIn === null || row.daysSinceCheckIn === null) {
    return (
      <>
        <span className="block font-semibold">{t('never')}</span>
        {accountNote}
      </>
    );
  }
  return (
    <>
      {/* A short date: "n days ago" below says how recent it is. */}
      <span className="block whitespace-nowrap">{format.dateTime(calendarDate(row.lastCheckIn), { day: 'numeric', month: 'short', timeZone: 'UTC' })}</span>
      <span className={`block text-sm ${row.daysSinceCheckIn >= 2 ? 'font-semibold text-slate-900' : 'text-slate-700'}`}>{t('ago', { days: row.daysSinceCheckIn })}</span>
      {accountNote}
    </>
  );
}

/** The patient wrote to the team and nobody on it has opened the conversation: a link straight to it. */
function UnreadMessage({ row }: { row: TriageRow }) {
  const t = useTranslations('Conversation');
  if (!row.unreadMessage) return null;
  return (
    <Link href={`${recordHref(row.patientId)}/notes`} title={t('unreadMessageHint')} className="mt-1 flex w-fit min-h-11 items-center gap-2 rounded-full text-sm font-semibold text-amber-950 underline underline-offset-2">
      <span aria-hidden="true" className="inline-block h-2.5 w-2.5 rounded-full bg-amber-600" />
      {t('unreadMessage')}
    </Link>
  );
}

/**
 * A red flag raised on the patient's today stays in sight after someone acknowledged it (it then leaves the
 * open alerts): when it was acknowledged is in the clinician's own clock, like every time they read.
 */
function RedFlagToday({ row, timeZone }: { row: TriageRow; timeZone: string }) {
  const t = useTranslations('Triage.redFlagToday');
  const format = useFormatter();
  const flags = row.redFlagToday;
  if (!flags) return null;
  const at = flags.acknowledgedAt;
  const day = (d: Date) => format.dateTime(d, { year: 'numeric', month: '2-digit', day: '2-digit', timeZone });
  const status = at
    ? t('acknowledged', {
        count: flags.count,
        sameDay: day(at) === day(new Date()) ? 'yes' : 'no',
        date: format.dateTime(at, { day: 'numeric', month: 'short', timeZone }),
        time: format.dateTime(at, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }),
      })
    : t('open', { open: flags.open });
  return (
    <span data-testid="red-flag-today" className="mt-1 flex w-fit items-start gap-2 text-sm font-semibold text-red-900">
      <span aria-hidden="true" className="mt-1.5 inline-block h-2.5 w-2.5 shrink-0 rounded-full bg-red-700" />
      <span>{t('title', { count: flags.count })} · {status}</span>
    </span>
  );
}

function PumpNote({ row }: { row: TriageRow }) {
  const t = useTranslations('Triage');
  if (!row.hasIntrathecalPump) return null;
  return <span className="mt-1 block text-sm font-normal text-amber-950">{t('pump')}</span>;
}

export function TriageList({ rows, accounts, timeZone }: { rows: TriageRow[]; accounts: Record<string, AccountStatus>; timeZone: string }) {
  const t = useTranslations('Triage');
  const tc = useTranslations('Clinician.list');
  const id = useId();
  const [reason, setReason] = useState<TriageReason | ''>('');
  const [query, setQuery] = useState('');
  // Typing stays responsive with hundreds of rows: the list catches up a moment later.
  const deferredQuery = useDeferredValue(query);

  if (rows.length === 0) return <EmptyState title={tc('empty')} />;

  const needle = normalise(deferredQuery.trim());
  const shown = rows.filter((r) => (reason === '' || r.reason === reason) && (needle === '' || normalise(r.name).includes(needle)));
  const counts = new Map<TriageReason, number>();
  for (const r of rows) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const filtered = reason !== '' || needle !== '';
  const caption = t('caption', { count: shown.length });

  return (
    <div className="flex flex-col gap-4">
      <form role="search" aria-labelledby={`${id}-filters`} onSubmit={(e) => e.preventDefault()} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <fieldset>
          <legend id={`${id}-filters`} className="mb-2 font-semibold text-slate-900">{t('filters.legend')}</legend>
          <div className="grid gap-4 sm:grid-cols-[minmax(0,16rem)_minmax(0,20rem)_auto] sm:items-end">
            <SelectField
              label={t('filters.reason')}
              name="reason"
              value={reason}
              onChange={(e) => setReason(triageReasons.find((r) => r === e.target.value) ?? '')}
            >
              <option value="">{t('filters.allReasons', { count: rows.length })}</option>
              {triageReasons.map((r) => (
                <option key={r} value={r}>
                  {t('filters.reasonOption', { reason: t(`reason.${r}`), count: counts.get(r) ?? 0 })}
                </option>
              ))}
            </SelectField>
            <TextField label={t('filters.name')} name="q" type="search" autoComplete="off" value={query} onChange={(e) => setQuery(e.target.value)} />
            {filtered && (
              <div>
                <Button
                  variant="secondary"
                  onClick={() => {
                    setReason('');
                    setQuery('');
                  }}
                >
                  {t('filters.clear')}
                </Button>
              </div>
            )}
          </div>
        </fieldset>
        <p role="status" className="mt-3 text-sm text-slate-700">
          {filtered ? t('filters.showing', { shown: shown.length, total: rows.length }) : t('filters.all', { total: rows.length })}
        </p>
      </form>

      {shown.length === 0 ? (
        <EmptyState title={t('filters.noMatch')} />
      ) : (
        <>
          {/* Wide screens: a table. */}
          <Table caption={caption} wrapperClassName="hidden lg:block">
            <THead>
              <Th>{t('columns.patient')}</Th>
              <Th>{t('columns.reason')}</Th>
              <Th>{t('columns.alerts')}</Th>
              <Th>{t('columns.dose')}</Th>
              <Th>{t('columns.step')}</Th>
              <Th>{t('columns.lastCheckIn')}</Th>
              <Th>{t('columns.spasticity')}</Th>
            </THead>
            <tbody>
              {shown.map((r) => (
                <Tr key={r.patientId} className="align-top">
                  <RowTh>
                    <Link href={recordHref(r.patientId)} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
                      {r.name}
                    </Link>
                    <ReviewedBadge reviewed={r.reviewed} />
                    <RedFlagToday row={r} timeZone={timeZone} />
                    <UnreadMessage row={r} />
                    <PumpNote row={r} />
                  </RowTh>
                  <Td><ReasonBadge reason={r.reason} /></Td>
                  <Td><AlertCounts row={r} /></Td>
                  <Td className="whitespace-nowrap"><DoseText row={r} /></Td>
                  <Td><StepText row={r} /></Td>
                  <Td><LastCheckIn row={r} account={accounts[r.patientId]} /></Td>
                  <Td><Sparkline points={r.spasticity} /></Td>
                </Tr>
              ))}
            </tbody>
          </Table>

          {/* Phones and tablets: one card per patient, the name a large link. */}
          <ul aria-label={caption} className="flex flex-col gap-3 lg:hidden">
            {shown.map((r) => (
              <li key={r.patientId} className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <Link href={recordHref(r.patientId)} className="inline-flex min-h-11 items-center text-lg font-semibold text-brand-700 underline underline-offset-2">
                    {r.name}
                  </Link>
                  <ReasonBadge reason={r.reason} />
                </div>
                <ReviewedBadge reviewed={r.reviewed} />
                <RedFlagToday row={r} timeZone={timeZone} />
                <UnreadMessage row={r} />
                <PumpNote row={r} />
                <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
                  <dt className="text-slate-700">{t('columns.alerts')}</dt>
                  <dd><AlertCounts row={r} /></dd>
                  <dt className="text-slate-700">{t('columns.dose')}</dt>
                  <dd><DoseText row={r} /></dd>
                  <dt className="text-slate-700">{t('columns.step')}</dt>
                  <dd><StepText row={r} /></dd>
                  <dt className="text-slate-700">{t('columns.lastCheckIn')}</dt>
                  <dd><LastCheckIn row={r} account={accounts[r.patientId]} /></dd>
                  <dt className="text-slate-700">{t('columns.spasticity')}</dt>
                  <dd><Sparkline points={r.spasticity} /></dd>
                </dl>
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
