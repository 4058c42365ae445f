'use client';
// The plan editor: the taper parameters with a live preview, saved as a new plan or a new draft version.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { TextAreaField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { PlanFeedback } from '~/app/_components/plan/plan-error';
import { TaperInputForm } from '~/app/_components/taper/taper-input-form';
import { Button, Notice } from '~/app/_components/ui';
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
  const [input, setInput] = useState<TaperInput | null>(plan?.input ?? null);
  const [valid, setValid] = useState(Boolean(plan));
  const [warnings, setWarnings] = useState<Warning[]>(plan?.warnings ?? []);
  const [reason, setReason] = useState('');
  const [aboveCapReason, setAboveCapReason] = useState('');
  const [attempt, setAttempt] = useState(0);

  const onSuccess = () => {
    setReason('');
    setAboveCapReason('');
    onDone?.();
  };
  const create = useFormMutation(trpc.plans.create.mutationOptions(), { onSuccess });
  const update = useFormMutation(trpc.plans.update.mutationOptions(), { onSuccess });
  // A new plan is created, an existing one updated: only one of the two is ever sent from here.
  const sent = plan ? update : create;
  const error = sent.error;
  const pending = create.isPending || update.isPending;

  // The preview's cuts above the cap, with the acceptance the server would carry from this version.
  const bigCuts = capWarningOf(carryAcceptance(warnings, plan?.warnings ?? []));
  const accepted = bigCuts?.acceptance;
  const askReason = bigCuts !== undefined && !accepted && mayPrescribe;

  function save() {
    if (!input || !valid) return;
    const acceptance = askReason && aboveCapReason.trim() ? { aboveCapReason } : {};
    setAttempt((n) => n + 1);
    if (plan) update.submit({ patientId, planId: plan.id, expectedVersion: plan.version, input, reason, ...acceptance });
    else create.submit({ patientId, input, reason, ...acceptance });
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
        <PlanFeedback error={error} attempt={attempt} saved={sent.saved && sent.data && t('saved', { version: sent.data.version })} />
        <div className="flex flex-wrap gap-3">
          <Button type="submit" disabled={pending || !valid}>{pending ? tc('saving') : plan ? t('saveDraft') : t('create')}</Button>
          {onDone && <Button variant="secondary" onClick={onDone}>{t('cancelEdit')}</Button>}
        </div>
      </TaperInputForm>
    </div>
  );
}
