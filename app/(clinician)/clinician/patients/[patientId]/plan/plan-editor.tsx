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
import { capWarningOf, carryAcceptance } from '~/lib/taper/acceptance';
import type { PatientFacts, TaperInput, Warning } from '~/lib/taper/types';

export function PlanEditor({
  patientId,
  patient,
  today,
  plan,
  mayPrescribe,
  onDone,
}: {
  patientId: string;
  patient: PatientFacts;
  today: string;
  /** Absent: a new plan. Present: a new draft version of this plan. */
  plan?: { id: string; version: number; input: TaperInput; status: 'draft' | 'proposed'; warnings: Warning[] };
  /** Only a prescriber may accept cuts above the cap. */
  mayPrescribe: boolean;
  onDone?: () => void;
}) {
  const t = useTranslations('Plan');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [input, setInput] = useState<TaperInput | null>(plan?.input ?? null);
  const [valid, setValid] = useState(Boolean(plan));
  const [warnings, setWarnings] = useState<Warning[]>(plan?.warnings ?? []);
  const [reason, setReason] = useState('');
  const [aboveCapReason, setAboveCapReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [errorCount, setErrorCount] = useState(0);
  const [saved, setSaved] = useState<number | null>(null);

  const handlers = {
    onSuccess: (result: { version: number }) => {
      setError(null);
      setSaved(result.version);
      setReason('');
      setAboveCapReason('');
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

  // The preview's cuts above the cap, with the acceptance the server would carry from this version.
  const bigCuts = capWarningOf(carryAcceptance(warnings, plan?.warnings ?? []));
  const accepted = bigCuts?.acceptance;
  const askReason = bigCuts !== undefined && !accepted && mayPrescribe;

  function save() {
    if (!input || !valid) return;
    const acceptance = askReason && aboveCapReason.trim() ? { aboveCapReason } : {};
    if (plan) update.mutate({ patientId, planId: plan.id, expectedVersion: plan.version, input, reason, ...acceptance });
    else create.mutate({ patientId, input, reason, ...acceptance });
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
          setWarnings(state.schedule?.warnings ?? []);
        }}
        onSubmit={() => save()}
      >
        {bigCuts && accepted && <Notice tone="info">{t('aboveCapAcceptedAlready', { name: accepted.byName, reason: accepted.reason })}</Notice>}
        {bigCuts && !accepted && !mayPrescribe && <Notice tone="warning">{t('aboveCapNotPrescriber')}</Notice>}
        {askReason && (
          <TextAreaField
            label={t('aboveCapReason')}
            hint={`${t('aboveCapReasonHint')} ${t('aboveCapDraftHint')}`}
            value={aboveCapReason}
            onChange={(e) => setAboveCapReason(e.target.value)}
            error={error?.fieldErrors.aboveCapReason}
            maxLength={1000}
          />
        )}
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
