'use client';
// Adding, editing and stopping a support. Rescue medication's limits appear, required and explained, when it is chosen;
// the server checks them again and its per-field messages are shown beside each field.
import { useFormatter, useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { PlanError } from '~/app/_components/plan/plan-error';
import { formatDay } from '~/lib/dates';
import { Button } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { RESCUE_MAX_DAYS } from '~/lib/adjuncts/rescue';
import type { AdjunctView } from '~/server/adjuncts/service';
import { adjunctKindOptions, type AdjunctKind } from '~/lib/adjuncts/kinds';
import { addDays } from '~/lib/dates';

export function AdjunctForm({
  patientId, planId, today, existing, onDone, onCancel,
}: {
  patientId: string;
  planId?: string;
  today: string;
  existing?: AdjunctView;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('Adjuncts');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const trpc = useTRPC();
  const [kind, setKind] = useState<AdjunctKind>(existing?.kind ?? 'physiotherapy');
  const [name, setName] = useState(existing?.name ?? '');
  const [notes, setNotes] = useState(existing?.notes ?? '');
  const [startedOn, setStartedOn] = useState(existing?.startedOn ?? today);
  const [maxDays, setMaxDays] = useState(existing?.maxDays?.toString() ?? '');
  const [stopCriteria, setStopCriteria] = useState(existing?.stopCriteria ?? '');
  const [followUpOn, setFollowUpOn] = useState(existing?.followUpOn ?? '');
  const first = useRef<HTMLSelectElement & HTMLInputElement>(null);
  const rescue = kind === 'rescue-medication';

  useEffect(() => {
    first.current?.focus();
  }, []);

  const add = useFormMutation(trpc.adjuncts.add.mutationOptions(), { onSuccess: onDone });
  const update = useFormMutation(trpc.adjuncts.update.mutationOptions(), { onSuccess: onDone });
  // A form either adds a support or edits one, for as long as it lives.
  const { error, fieldErrors: fe, isPending: pending } = existing ? update : add;

  function submit(event: FormEvent) {
    event.preventDefault();
    const days = maxDays.trim() === '' ? null : Number(maxDays);
    const fields = {
      kind, name, notes, startedOn,
      maxDays: rescue ? days : null,
      stopCriteria: rescue ? stopCriteria : null,
      followUpOn: rescue && followUpOn !== '' ? followUpOn : null,
    };
    if (existing) update.submit({ patientId, adjunctId: existing.id, expectedVersion: existing.version, ...fields });
    else if (planId) add.submit({ patientId, planId, ...fields });
  }

  const days = Number(maxDays);
  const lastDay = rescue && startedOn && Number.isInteger(days) && days >= 1 && days <= RESCUE_MAX_DAYS ? safeAddDays(startedOn, days - 1) : null;
  const nameLabel = rescue ? t('form.nameRescue') : kind === 'other' ? t('form.nameOther') : t('form.name');
  const nameHint = rescue ? t('form.nameRescueHint') : kind === 'other' ? t('form.nameOtherHint') : t('form.nameHint');

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {existing ? (
        <p className="text-slate-700">{t('form.kindFixed', { kind: t(`kinds.${existing.kind}`) })}</p>
      ) : (
        <SelectField ref={first} label={t('form.kind')} value={kind} onChange={(e) => setKind(e.target.value as AdjunctKind)} error={fe.kind}>
          {adjunctKindOptions.map((k) => <option key={k} value={k}>{t(`kinds.${k}`)}</option>)}
        </SelectField>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          ref={existing ? first : undefined}
          label={nameLabel}
          hint={nameHint}
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fe.name}
          required={rescue || kind === 'other'}
          maxLength={200}
        />
        <TextField label={t('form.startedOn')} type="date" value={startedOn} onChange={(e) => setStartedOn(e.target.value)} error={fe.startedOn} required />
      </div>
      {rescue && (
        <fieldset className="flex flex-col gap-4 rounded-lg border border-amber-400 bg-amber-50 p-4">
          <legend className="px-1 font-semibold text-amber-950">{t('form.rescueLegend')}</legend>
          <p className="text-amber-950">{t('form.rescueIntro')}</p>
          <div className="grid gap-4 sm:grid-cols-2">
            <div>
              <TextField
                label={t('form.maxDays')}
                hint={t('form.maxDaysHint')}
                type="number"
                inputMode="numeric"
                min={1}
                max={RESCUE_MAX_DAYS}
                step={1}
                value={maxDays}
                onChange={(e) => setMaxDays(e.target.value)}
                error={fe.maxDays}
                required
              />
              {lastDay && <p className="mt-1 text-sm text-slate-800" aria-live="polite">{t('form.lastDayPreview', { date: formatDay(lastDay, format) })}</p>}
            </div>
            <TextField
              label={t('form.followUpOn')}
              hint={t('form.followUpHint')}
              type="date"
              min={startedOn || undefined}
              value={followUpOn}
              onChange={(e) => setFollowUpOn(e.target.value)}
              error={fe.followUpOn}
              required
            />
          </div>
          <TextAreaField
            label={t('form.stopCriteria')}
            hint={t('form.stopCriteriaHint')}
            value={stopCriteria}
            onChange={(e) => setStopCriteria(e.target.value)}
            error={fe.stopCriteria}
            required
            maxLength={1000}
          />
        </fieldset>
      )}
      <TextAreaField label={t('form.notes')} hint={t('form.notesHint')} value={notes} onChange={(e) => setNotes(e.target.value)} error={fe.notes} maxLength={2000} />
      {/* A send clears the last error, so each failure mounts a fresh message, announced again. */}
      <div role="alert">{error && <PlanError error={error} />}</div>
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={pending}>{pending ? t('form.saving') : existing ? t('form.submitEdit') : t('form.submitAdd')}</Button>
        <Button variant="secondary" onClick={onCancel}>{tc('cancel')}</Button>
      </div>
    </form>
  );
}

function safeAddDays(isoDate: string, days: number): string | null {
  try {
    return addDays(isoDate, days);
  } catch {
    return null;
  }
}

export function StopAdjunctForm({
  patientId, today, adjunct, title, onDone, onCancel,
}: {
  patientId: string;
  today: string;
  adjunct: AdjunctView;
  title: string;
  onDone: () => void;
  onCancel: () => void;
}) {
  const t = useTranslations('Adjuncts.stopForm');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [stoppedOn, setStoppedOn] = useState(today);
  const [reason, setReason] = useState('');
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    first.current?.focus();
  }, []);
  const stop = useFormMutation(trpc.adjuncts.stop.mutationOptions(), { onSuccess: onDone });
  const { error } = stop;
  function submit(event: FormEvent) {
    event.preventDefault();
    stop.submit({ patientId, adjunctId: adjunct.id, expectedVersion: adjunct.version, stoppedOn, reason });
  }
  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold text-slate-900">{t('legend', { name: title })}</legend>
        <TextField
          ref={first}
          label={t('stoppedOn')}
          hint={t('stoppedOnHint')}
          type="date"
          min={adjunct.startedOn}
          max={today}
          value={stoppedOn}
          onChange={(e) => setStoppedOn(e.target.value)}
          error={error?.fieldErrors.stoppedOn}
          required
        />
        <TextAreaField label={t('reason')} hint={t('reasonHint')} value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fieldErrors.reason} required maxLength={1000} />
        <div role="alert">{error && <PlanError error={error} />}</div>
        <div className="flex flex-wrap gap-2">
          <Button type="submit" variant="danger" disabled={stop.isPending}>{stop.isPending ? t('stopping') : t('submit')}</Button>
          <Button variant="secondary" onClick={onCancel}>{tc('cancel')}</Button>
        </div>
      </fieldset>
    </form>
  );
}
