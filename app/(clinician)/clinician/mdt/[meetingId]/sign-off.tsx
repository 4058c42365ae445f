'use client';
// Closing a meeting: each attendee signs the version they read, then one of them finalises after a confirm step.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { ConfirmStep } from '~/app/_components/confirm-step';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { ConflictAlert } from './conflict-alert';

export function Sign({ meetingId, version, signedByMe }: { meetingId: string; version: number; signedByMe: boolean }) {
  const t = useTranslations('Mdt');
  const trpc = useTRPC();
  const sign = useFormMutation(trpc.mdt.sign.mutationOptions());
  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700">{t('signIntro')}</p>
      <p role="status" className="font-medium text-emerald-900">{signedByMe ? t('signedByMe', { version }) : ''}</p>
      <ConflictAlert error={sign.error} />
      {!signedByMe && (
        <div>
          <Button disabled={sign.isPending} onClick={() => sign.submit({ meetingId, expectedVersion: version })}>{sign.isPending ? t('signing') : t('sign')}</Button>
        </div>
      )}
    </div>
  );
}

/** `notBefore`: the meeting's date, shown, while it is after today (the server refuses to finalise it until then). */
export function Finalise({ meetingId, title, version, notBefore }: { meetingId: string; title: string; version: number; notBefore: string | null }) {
  const t = useTranslations('Mdt');
  const trpc = useTRPC();
  const [confirming, setConfirming] = useState(false);
  const finalise = useFormMutation(trpc.mdt.finalise.mutationOptions(), { onSuccess: () => setConfirming(false) });
  if (notBefore !== null) {
    return (
      <div className="flex flex-col gap-3">
        <p className="text-slate-700">{t('finaliseIntro')}</p>
        <Notice tone="info" title={t('finaliseNotYetTitle')}>{t('finaliseNotYet', { date: notBefore })}</Notice>
      </div>
    );
  }
  if (confirming) {
    return (
      <ConfirmStep
        question={t('finaliseQuestion', { title })}
        consequence={t('finaliseConsequence')}
        confirmLabel={t('finaliseConfirm')}
        pendingLabel={t('finalising')}
        pending={finalise.isPending}
        error={finalise.error?.message ?? null}
        onConfirm={() => finalise.submit({ meetingId, expectedVersion: version })}
        onCancel={() => {
          setConfirming(false);
          finalise.reset();
        }}
      />
    );
  }
  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700">{t('finaliseIntro')}</p>
      <div>
        <Button variant="danger" onClick={() => setConfirming(true)}>{t('finalise')}</Button>
      </div>
    </div>
  );
}
