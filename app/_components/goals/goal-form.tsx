'use client';
// Setting a goal for a patient, or revising one (a revision names the version it started from and says why).
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { numberOrNull, TextAreaField, TextField } from '~/app/_components/fields';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { GoalView } from '~/server/goals/service';

const fieldKeys = ['title', 'measure', 'target', 'targetValue', 'targetUnit', 'dueOn', 'reason'];

export function GoalForm({ patientId, today, revising, onDone }: { patientId: string; today: string; revising?: GoalView; onDone?: () => void }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [title, setTitle] = useState(revising?.title ?? '');
  const [measure, setMeasure] = useState(revising?.measure ?? '');
  const [target, setTarget] = useState(revising?.target ?? '');
  const [targetValue, setTargetValue] = useState(revising?.targetValue?.toString() ?? '');
  const [targetUnit, setTargetUnit] = useState(revising?.targetUnit ?? '');
  const [dueOn, setDueOn] = useState(revising?.dueOn ?? '');
  const [reason, setReason] = useState('');
  const options = {
    conflict: t('conflict'),
    onSuccess: () => {
      if (!revising) {
        setTitle('');
        setMeasure('');
        setTarget('');
        setTargetValue('');
        setTargetUnit('');
        setDueOn('');
      }
      onDone?.();
    },
  };
  const create = useFormMutation(trpc.goals.create.mutationOptions(), options);
  const revise = useFormMutation(trpc.goals.revise.mutationOptions(), options);
  // A form either sets a goal or revises one, for as long as it lives.
  const save = revising ? revise : create;
  function submit(event: FormEvent) {
    event.preventDefault();
    const fields = { patientId, title, measure, target, targetValue: numberOrNull(targetValue), targetUnit, dueOn: dueOn === '' ? null : dueOn };
    if (revising) revise.submit({ ...fields, goalId: revising.id, expectedVersion: revising.version, reason });
    else create.submit(fields);
  }
  const fe = save.fieldErrors;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <TextField label={t('form.title')} hint={t('form.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={fe.title} maxLength={200} required />
      <TextField label={t('form.measure')} hint={t('form.measureHint')} value={measure} onChange={(e) => setMeasure(e.target.value)} error={fe.measure} maxLength={300} required />
      <TextField label={t('form.target')} hint={t('form.targetHint')} value={target} onChange={(e) => setTarget(e.target.value)} error={fe.target} maxLength={200} required />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={t('form.targetValue')} hint={t('form.targetValueHint')} inputMode="decimal" value={targetValue} onChange={(e) => setTargetValue(e.target.value)} error={fe.targetValue} />
        <TextField label={t('form.targetUnit')} hint={t('form.targetUnitHint')} value={targetUnit} onChange={(e) => setTargetUnit(e.target.value)} error={fe.targetUnit} maxLength={50} />
        <TextField label={t('form.dueOn')} hint={t('form.dueOnHint')} type="date" min={today} value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={fe.dueOn} />
      </div>
      {revising && <TextAreaField label={t('form.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fe.reason} maxLength={500} rows={2} required />}
      <FormFeedback mutation={save} fields={fieldKeys} saved={revising ? t('form.revised') : t('form.created')} />
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={save.isPending}>{save.isPending ? tc('saving') : revising ? t('form.revise') : t('form.create')}</Button>
        {revising && <Button variant="secondary" onClick={onDone}>{t('form.cancel')}</Button>}
      </div>
    </form>
  );
}
