'use client';
// The plan editor: the taper parameters with a live preview, saved as a new plan or a new draft version.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { PlanError } from '~/app/_components/plan/plan-error';
import { TaperInputForm } from '~/app/_components/taper/taper-input-form';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import type { PatientFacts, TaperInput } from '~/server/taper/types';

export function PlanEditor({
  patientId,
  patient,
  today,
  plan,
  onDone,
}: {
  patientId: string;
  patient: PatientFacts;
  today: string;
  /** Absent: a new plan. Present: a new draft version of this plan. */
  plan?: { id: string; version: number; input: TaperInput; status: 'draft' | 'proposed' };
  onDone?: () => void;
}) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [input, setInput] = useState<TaperInput | null>(plan?.input ?? null);
  const [valid, setValid] = useState(Boolean(plan));
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [errorCount, setErrorCount] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);

  const handlers = {
    onSuccess: (result: { version: number }) => {
      setError(null);
      setSaved(result.version);
      setReason('');
      router.refresh();
      onDone?.();
    },
    onError: (e: unknown) => {
      setSaved(null);
      setError(formErrorFrom(e, tc('errorGeneric')));
      setErrorCount((n) => n + 1);
    },
  };
  const create = useMutation(trpc.plans.create.mutationOptions(handlers));
  const update = useMutation(trpc.plans.update.mutationOptions(handlers));
  const pending = create.isPending || update.isPending;

  function save() {
    if (!input || !valid) return;
    if (plan) update.mutate({ patientId, planId: plan.id, expectedVersion: plan.version, input, reason });
    else create.mutate({ patientId, input, reason });
  }

  return (
    <div className="flex flex-col gap-4">
      {plan?.status === 'proposed' && <Notice tone="info">{t('editProposedHint')}</Notice>}
      <TaperInputForm
        initial={plan?.input}
        patient={patient}
        defaultStartDate={today}
        fieldErrors={error?.fieldErrors}
        onChange={(next, state) => {
          setInput(next);
          setValid(state.valid);
        }}
        onSubmit={() => save()}
      >
        <TextAreaField
          label={plan ? t('reason') : t('reasonOptional')}
          hint={t('reasonHint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={error?.fieldErrors.reason}
          required={Boolean(plan)}
          maxLength={1000}
        />
        <div role="alert">
          <PlanError key={errorCount} error={error} />
        </div>
        <div role="status">{saved !== null && <Notice tone="success">{t('saved', { version: saved })}</Notice>}</div>
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending || !valid}>{pending ? tc('saving') : plan ? t('saveDraft') : t('create')}</Button>
          {onDone && <Button variant="secondary" onClick={onDone}>{t('cancelEdit')}</Button>}
        </div>
      </TaperInputForm>
    </div>
  );
}
