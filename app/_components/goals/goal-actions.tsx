'use client';
// What can be done with a current goal: record progress towards it (patient and team), and close it as
// achieved or dropped with a reason (team).
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { numberOrNull, TextAreaField, TextField } from '~/app/_components/fields';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { GoalView } from '~/server/goals/service';

export function ProgressForm({ goal, patientId, today }: { goal: GoalView; patientId: string; today: string }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [recordedOn, setRecordedOn] = useState(today);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const record = useFormMutation(trpc.goals.recordProgress.mutationOptions(), {
    onSuccess: () => {
      setValue('');
      setNote('');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    record.submit({ patientId, goalId: goal.id, recordedOn, value: numberOrNull(value), note });
  }
  const fe = record.fieldErrors;
  return (
    <form onSubmit={submit} noValidate aria-label={`${t('progressForm.title')}: ${goal.title}`} className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4">
      <h4 className="font-semibold text-slate-900">{t('progressForm.title')}</h4>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('progressForm.recordedOn')} type="date" max={today} value={recordedOn} onChange={(e) => setRecordedOn(e.target.value)} error={fe.recordedOn} required />
        <TextField
          label={t('progressForm.value')}
          hint={goal.targetUnit ? t('progressForm.valueHint', { unit: goal.targetUnit }) : t('progressForm.valueHintNoUnit')}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={fe.value}
        />
      </div>
      <TextAreaField label={t('progressForm.note')} hint={t('progressForm.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} error={fe.note} maxLength={1000} rows={2} />
      <FormFeedback mutation={record} fields={['recordedOn', 'value', 'note']} saved={t('progressForm.saved')} />
      <div>
        <Button type="submit" disabled={record.isPending} className="min-h-12 w-full sm:w-auto">{record.isPending ? tc('saving') : t('progressForm.submit')}</Button>
      </div>
    </form>
  );
}

export function CloseGoal({ goal, patientId, onRevise }: { goal: GoalView; patientId: string; onRevise: () => void }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [dropping, setDropping] = useState(false);
  const [reason, setReason] = useState('');
  const setStatus = useFormMutation(trpc.goals.setStatus.mutationOptions(), { conflict: t('conflict') });
  const { error } = setStatus;
  const close = (status: 'achieved' | 'dropped') => setStatus.submit({ patientId, goalId: goal.id, expectedVersion: goal.version, status, reason: status === 'dropped' ? reason : '' });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => close('achieved')} disabled={setStatus.isPending}>{t('close.achieve')}</Button>
        <Button variant="secondary" onClick={onRevise}>{t('form.openRevise')}</Button>
        {!dropping && <Button variant="secondary" onClick={() => setDropping(true)}>{t('close.drop')}</Button>}
      </div>
      {dropping && (
        <form
          noValidate
          className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            close('dropped');
          }}
        >
          <TextAreaField label={t('close.dropReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fieldErrors.reason} maxLength={500} rows={2} required />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={setStatus.isPending}>{setStatus.isPending ? tc('saving') : t('close.confirmDrop')}</Button>
            <Button variant="secondary" onClick={() => setDropping(false)}>{t('form.cancel')}</Button>
          </div>
        </form>
      )}
      <div role="alert">{error && !error.fieldErrors.reason?.length && <Notice tone="error">{error.message}</Notice>}</div>
    </div>
  );
}
