'use client';
// The plan's supports for the care team: those in use, then the stopped ones; plan editors add, edit and stop them.
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';
import { formatDay } from '~/lib/dates';
import { Button, Notice } from '~/app/_components/ui';
import type { AdjunctView } from '~/server/adjuncts/service';
import type { PlanStatus } from '~/server/plans/service';
import { AdjunctForm, StopAdjunctForm } from './adjunct-forms';
import { RescueLimits } from './rescue-limits';

type Open = { mode: 'add' } | { mode: 'edit'; id: string } | { mode: 'stop'; id: string } | null;

export function AdjunctsPanel({
  patientId, planId, today, adjuncts, canEdit, planOpen, planStatus,
}: {
  patientId: string;
  planId: string;
  today: string;
  adjuncts: AdjunctView[];
  canEdit: boolean;
  /** Supports are added and edited only while the plan is in progress; stopping stays possible. */
  planOpen: boolean;
  planStatus: PlanStatus;
}) {
  const t = useTranslations('Adjuncts');
  const tp = useTranslations('Plan');
  const [open, setOpen] = useState<Open>(null);
  const [done, setDone] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const focusStatus = useRef(false);
  const inUse = adjuncts.filter((a) => !a.stopped);
  const stopped = adjuncts.filter((a) => a.stopped);

  useEffect(() => {
    // The form that was open is gone: the reader is taken to the message saying what happened.
    if (open === null && focusStatus.current) {
      focusStatus.current = false;
      status.current?.focus();
    }
  }, [open]);

  function finished(message: string) {
    setDone(message);
    focusStatus.current = true;
    setOpen(null);
  }

  const item = (a: AdjunctView) => (
    <AdjunctItem
      key={a.id}
      adjunct={a}
      actions={canEdit && !a.stopped ? { edit: planOpen, stop: true } : null}
      open={open !== null && 'id' in open && open.id === a.id ? open.mode : null}
      onOpen={(mode) => { setDone(''); setOpen({ mode, id: a.id }); }}
      onClose={() => setOpen(null)}
      onDone={finished}
      patientId={patientId}
      today={today}
    />
  );

  return (
    <div className="flex flex-col gap-4">
      {!planOpen && canEdit && <Notice tone="info">{t('closedPlan', { status: tp(`status.${planStatus}`).toLowerCase() })}</Notice>}
      <p ref={status} tabIndex={-1} role="status" className="font-medium text-emerald-900 empty:hidden">{done}</p>
      {adjuncts.length === 0 ? (
        <p className="text-slate-700">{t('empty')}</p>
      ) : (
        <>
          {inUse.length > 0 && (
            <section aria-label={t('inUse')}>
              <h3 className="mb-2 font-semibold text-slate-900">{t('inUse')}</h3>
              <ul className="flex flex-col gap-3">{inUse.map(item)}</ul>
            </section>
          )}
          {stopped.length > 0 && (
            <details className="group rounded-lg border border-slate-200">
              <summary className="flex min-h-11 cursor-pointer items-center gap-2 px-4 font-semibold text-slate-900">
                <span aria-hidden="true" className="inline-block transition-transform group-open:rotate-90">▸</span>
                {t('history')} ({stopped.length})
              </summary>
              <ul className="flex flex-col gap-3 p-4 pt-0">{stopped.map(item)}</ul>
            </details>
          )}
        </>
      )}
      {canEdit && planOpen && (
        open?.mode === 'add' ? (
          <div className="rounded-lg border border-slate-300 p-4">
            <h3 className="mb-3 font-semibold text-slate-900">{t('addTitle')}</h3>
            <AdjunctForm
              patientId={patientId}
              planId={planId}
              today={today}
              onDone={() => finished(t('form.added'))}
              onCancel={() => { setOpen(null); requestAnimationFrame(() => addButton.current?.focus()); }}
            />
          </div>
        ) : (
          <div>
            <Button ref={addButton} variant="secondary" onClick={() => { setDone(''); setOpen({ mode: 'add' }); }}>{t('add')}</Button>
          </div>
        )
      )}
    </div>
  );
}

export function adjunctTitle(a: Pick<AdjunctView, 'kind' | 'name'>, kindName: string): string {
  return a.name ? `${kindName}: ${a.name}` : kindName;
}

function AdjunctItem({
  adjunct: a, actions, open, onOpen, onClose, onDone, patientId, today,
}: {
  adjunct: AdjunctView;
  actions: { edit: boolean; stop: boolean } | null;
  open: 'edit' | 'stop' | null;
  onOpen: (mode: 'edit' | 'stop') => void;
  onClose: () => void;
  onDone: (message: string) => void;
  patientId: string;
  today: string;
}) {
  const t = useTranslations('Adjuncts');
  const format = useFormatter();
  const title = adjunctTitle(a, t(`kinds.${a.kind}`));
  const past = a.rescue !== null && !a.stopped && (a.rescue.pastMaxDays || a.rescue.pastFollowUp);
  const editButton = useRef<HTMLButtonElement>(null);
  const stopButton = useRef<HTMLButtonElement>(null);
  const close = (mode: 'edit' | 'stop') => {
    onClose();
    requestAnimationFrame(() => (mode === 'edit' ? editButton : stopButton).current?.focus());
  };
  return (
    <li className={`rounded-lg border border-l-4 p-4 ${past ? 'border-red-300 border-l-red-700 bg-red-50' : a.kind === 'rescue-medication' && !a.stopped ? 'border-slate-200 border-l-amber-600' : 'border-slate-200 border-l-slate-300'} ${a.stopped ? 'bg-slate-50' : ''}`}>
      <h4 className="font-semibold text-slate-900">{title}</h4>
      <p className="text-sm text-slate-700">
        {a.startedOn > today ? t('startsOn', { date: formatDay(a.startedOn, format) }) : t('started', { date: formatDay(a.startedOn, format) })}
        {a.stoppedOn && <> · {t('stoppedOn', { date: formatDay(a.stoppedOn, format) })}</>}
      </p>
      <RescueLimits adjunct={a} />
      {past && <p className="mt-2 font-medium text-red-900">{t('rescue.pastNotice')}</p>}
      {a.notes && <p className="mt-2 whitespace-pre-line text-slate-800">{t('notes', { notes: a.notes })}</p>}
      {a.stopped && a.stopReason && <p className="mt-1 whitespace-pre-line text-slate-800">{t('stopReason', { reason: a.stopReason })}</p>}
      {actions && open === null && (
        <div className="mt-3 flex flex-wrap gap-2">
          {actions.edit && <Button ref={editButton} variant="secondary" aria-label={t('editLabel', { name: title })} onClick={() => onOpen('edit')}>{t('edit')}</Button>}
          {actions.stop && <Button ref={stopButton} variant="secondary" aria-label={t('stopLabel', { name: title })} onClick={() => onOpen('stop')}>{t('stop')}</Button>}
        </div>
      )}
      {open === 'edit' && (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <h5 className="mb-3 font-semibold text-slate-900">{t('form.editTitle', { name: title })}</h5>
          <AdjunctForm patientId={patientId} today={today} existing={a} onDone={() => onDone(t('form.saved'))} onCancel={() => close('edit')} />
        </div>
      )}
      {open === 'stop' && (
        <div className="mt-3 border-t border-slate-200 pt-3">
          <StopAdjunctForm patientId={patientId} today={today} adjunct={a} title={title} onDone={() => onDone(t('stopForm.stopped'))} onCancel={() => close('stop')} />
        </div>
      )}
    </li>
  );
}
