'use client';
// The patient's alerts for the care team: open ones first, each acknowledged on its own with a note saying what was done.
import Link from 'next/link';
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { AlertEvidence } from '~/app/_components/triage/alert-evidence';
import { alertKindName, alertWhat } from '~/app/_components/triage/alert-text';
import { SeverityBadge } from '~/app/_components/triage/badges';
import type { AlertRow, AlertSeverity } from '~/app/_components/triage/types';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { Metric } from '~/lib/criteria/types';
import { AlertNotifications } from './alert-notifications';
import { formatInstant } from '~/lib/dates';

const edge: Record<AlertSeverity, string> = {
  urgent: 'border-l-red-700',
  warning: 'border-l-amber-600',
  info: 'border-l-sky-600',
};

export function AlertsPanel({
  patientId,
  alerts,
  metrics,
  timeZone,
}: {
  patientId: string;
  alerts: AlertRow[];
  /** The current criteria's metrics by id, so a criterion alert's values get their units. */
  metrics: Record<string, Metric>;
  /** The viewer's own time zone: when an alert was raised is an instant, shown in their local time. */
  timeZone: string;
}) {
  const t = useTranslations('Alerts');
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const open = alerts.filter((a) => a.acknowledgedAt === null);
  const acknowledged = alerts.filter((a) => a.acknowledgedAt !== null);

  function finished(message: string) {
    setDone(message);
    // The acknowledged alert leaves the open list, and its form with it: keyboard focus goes to the message.
    status.current?.focus();
  }

  return (
    <div className="flex flex-col gap-4">
      <div>
        <p className="font-medium text-slate-900">{t('openCount', { count: open.length })}</p>
        <p ref={status} tabIndex={-1} role="status" className="font-medium text-emerald-900">
          {done}
        </p>
      </div>
      {alerts.length === 0 ? (
        <p className="text-slate-700">{t('empty')}</p>
      ) : (
        <>
          {open.length > 0 && (
            <ol className="flex flex-col gap-3" aria-label={t('openList')}>
              {open.map((a) => (
                <AlertItem key={a.id} alert={a} patientId={patientId} metric={metrics[a.code]} timeZone={timeZone} onDone={finished} />
              ))}
            </ol>
          )}
          {acknowledged.length > 0 && (
            // Open at first, so what was just acknowledged (who, when, the note) is in view; it folds away for long lists.
            <details open className="group rounded-lg border border-slate-200">
              <summary className="flex min-h-11 cursor-pointer items-center gap-2 px-4 font-semibold text-slate-900">
                {/* A flex summary loses the browser's own marker: this one turns as it opens. */}
                <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">▸</span>
                {t('acknowledgedTitle', { count: acknowledged.length })}
              </summary>
              <ol className="flex flex-col gap-3 p-4 pt-0" aria-label={t('acknowledgedList')}>
                {acknowledged.map((a) => (
                  <AlertItem key={a.id} alert={a} patientId={patientId} metric={metrics[a.code]} timeZone={timeZone} onDone={finished} />
                ))}
              </ol>
            </details>
          )}
        </>
      )}
    </div>
  );
}

function AlertItem({
  alert,
  patientId,
  metric,
  timeZone,
  onDone,
}: {
  alert: AlertRow;
  patientId: string;
  metric: Metric | undefined;
  timeZone: string;
  onDone: (message: string) => void;
}) {
  const t = useTranslations('Alerts');
  const tn = useTranslations('Notes');
  const format = useFormatter();
  const what = alertWhat(alert, t);
  const kind = alertKindName(alert, t);
  const when = (d: Date) => formatInstant(d, timeZone, format);
  const isOpen = alert.acknowledgedAt === null;

  return (
    // The id is the target of a note's link to this alert.
    <li id={`alert-${alert.id}`} className={`scroll-mt-4 rounded-lg border border-l-4 border-slate-200 p-4 ${edge[alert.severity]} ${isOpen ? 'bg-white' : 'bg-slate-50'}`}>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <SeverityBadge severity={alert.severity} />
        <span className="text-slate-700">{kind}</span>
        <span className="text-slate-700" aria-hidden="true">·</span>
        <span className="text-slate-700">{t('raised', { when: when(alert.createdAt) })}</span>
      </div>
      <h3 className="mt-2 font-semibold text-slate-900">{what}</h3>
      <div className="mt-1 text-slate-800">
        <AlertEvidence kind={alert.kind} evidence={alert.evidence} metric={metric} />
      </div>
      <p className="mt-1">
        <Link
          href={`/clinician/patients/${patientId}/notes?alert=${alert.id}`}
          aria-label={tn('writeAboutAlert', { what, when: when(alert.createdAt) })}
          className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline underline-offset-2"
        >
          {tn('writeAbout')}
        </Link>
      </p>
      {isOpen ? (
        <Acknowledge patientId={patientId} alertId={alert.id} what={what} onDone={onDone} />
      ) : (
        <div className="mt-3 border-t border-slate-200 pt-2 text-sm">
          <p className="font-medium">
            {t('acknowledgedBy', { name: alert.acknowledgedByName ?? t('unknownPerson'), when: alert.acknowledgedAt ? when(alert.acknowledgedAt) : '' })}
          </p>
          {alert.acknowledgeNote && <p className="mt-1 whitespace-pre-line text-slate-800">{t('note', { note: alert.acknowledgeNote })}</p>}
        </div>
      )}
      {alert.severity === 'urgent' && <AlertNotifications patientId={patientId} alertId={alert.id} timeZone={timeZone} />}
    </li>
  );
}

function Acknowledge({ patientId, alertId, what, onDone }: { patientId: string; alertId: string; what: string; onDone: (message: string) => void }) {
  const t = useTranslations('Alerts.ack');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [expanded, setExpanded] = useState(false);
  const [note, setNote] = useState('');
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);
  // Focus moves into the form when it opens, and back to its button when it is cancelled.
  const cancelled = useRef(false);

  useEffect(() => {
    if (expanded) noteRef.current?.focus();
    else if (cancelled.current) {
      cancelled.current = false;
      toggle.current?.focus();
    }
  }, [expanded]);

  const acknowledge = useFormMutation(trpc.alerts.acknowledge.mutationOptions(), { onSuccess: () => onDone(t('done', { what })) });
  const { error } = acknowledge;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (note.trim().length < 2) {
      acknowledge.fail({ message: t('noteMissing'), fieldErrors: { note: [t('noteMissing')] } });
      noteRef.current?.focus();
      return;
    }
    acknowledge.submit({ patientId, alertId, note });
  }

  if (!expanded) {
    return (
      <div className="mt-3">
        <Button ref={toggle} variant="secondary" aria-expanded={false} aria-label={t('openLabel', { what })} onClick={() => setExpanded(true)}>
          {t('open')}
        </Button>
      </div>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="mt-3 border-t border-slate-200 pt-3">
      <fieldset className="flex flex-col gap-3">
        <legend className="mb-2 font-semibold text-slate-900">{t('legend', { what })}</legend>
        <TextAreaField
          ref={noteRef}
          label={t('note')}
          hint={t('noteHint')}
          name="note"
          required
          maxLength={1000}
          value={note}
          onChange={(e) => setNote(e.target.value)}
          error={error?.fieldErrors.note}
        />
        <div role="alert">{error && !error.fieldErrors.note && <Notice tone="error">{error.message}</Notice>}</div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={acknowledge.isPending}>
            {acknowledge.isPending ? t('submitting') : t('submit')}
          </Button>
          <Button
            variant="secondary"
            onClick={() => {
              cancelled.current = true;
              setExpanded(false);
              acknowledge.reset();
            }}
          >
            {tc('cancel')}
          </Button>
        </div>
      </fieldset>
    </form>
  );
}
