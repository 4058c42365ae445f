'use client';
// The patient's account, as a prescriber on their care team manages it: disable it (the patient is signed
// out everywhere at once) or re-enable it, each with a reason for the record and a confirm step.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmStep } from '~/app/_components/confirm-step';
import { TextAreaField } from '~/app/_components/fields';
import { Button } from '~/app/_components/ui';
import { formErrorFrom } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

const REASON_MAX = 500;

export function AccountControl({ patientId, patientName, disabled }: { patientId: string; patientName: string; disabled: boolean }) {
  const t = useTranslations('PatientRecord.account');
  const network = useNetworkWords();
  const trpc = useTRPC();
  const router = useRouter();
  const [step, setStep] = useState<'idle' | 'reason' | 'confirm'>('idle');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string[] | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (step === 'reason') reasonRef.current?.focus();
  }, [step]);
  const change = useMutation(
    trpc.patients.setAccountDisabled.mutationOptions({
      onSuccess: () => {
        setDone(disabled ? t('enabled', { name: patientName }) : t('disabled', { name: patientName }));
        setStep('idle');
        setReason('');
        router.refresh();
      },
      onError: (e) => {
        const form = formErrorFrom(e, t('error'), network);
        // A reason the server refuses goes back to the field it belongs to.
        if (form.fieldErrors.reason) {
          setReasonError(form.fieldErrors.reason);
          setStep('reason');
        } else setError(form.message);
      },
    }),
  );
  const cancel = () => {
    setStep('idle');
    setReason('');
    setReasonError(undefined);
    setError(null);
  };
  function next(event: FormEvent) {
    event.preventDefault();
    if (reason.trim().length < 3) {
      setReasonError([t('reasonMissing')]);
      return;
    }
    setReasonError(undefined);
    setError(null);
    setStep('confirm');
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700">{disabled ? t('explainDisabled') : t('explainActive')}</p>
      <p role="status" className="font-medium text-emerald-900">{done}</p>
      {step === 'idle' && (
        <div>
          <Button variant={disabled ? 'secondary' : 'danger'} onClick={() => { setDone(''); setStep('reason'); }}>
            {disabled ? t('enable') : t('disable')}
          </Button>
        </div>
      )}
      {step === 'reason' && (
        <form noValidate onSubmit={next} className="flex flex-col gap-3">
          <TextAreaField
            ref={reasonRef}
            label={t('reason')}
            hint={disabled ? t('reasonHintEnable') : t('reasonHintDisable')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            error={reasonError}
            maxLength={REASON_MAX}
            rows={2}
            required
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit">{t('continue')}</Button>
            <Button variant="secondary" onClick={cancel}>{t('cancel')}</Button>
          </div>
        </form>
      )}
      {step === 'confirm' && (
        <ConfirmStep
          question={disabled ? t('enableQuestion', { name: patientName }) : t('disableQuestion', { name: patientName })}
          consequence={disabled ? t('enableConsequence', { reason: reason.trim() }) : t('disableConsequence', { reason: reason.trim() })}
          confirmLabel={disabled ? t('confirmEnable') : t('confirmDisable')}
          pendingLabel={t('saving')}
          pending={change.isPending}
          error={error}
          onConfirm={() => change.mutate({ patientId, disabled: !disabled, reason })}
          onCancel={cancel}
        />
      )}
    </div>
  );
}
