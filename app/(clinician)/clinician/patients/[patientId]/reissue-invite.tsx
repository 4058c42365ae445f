'use client';
// A fresh invite link for a patient who has not signed in yet; the previous link stops working.
import { useTranslations } from 'next-intl';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { InviteLink } from '~/app/_components/invite-link';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';

export function ReissueInvite({ patientId }: { patientId: string }) {
  const t = useTranslations('PatientRecord.invite');
  const trpc = useTRPC();
  const reissue = useFormMutation(trpc.patients.reissueInvite.mutationOptions(), { refresh: false });
  const { error } = reissue;

  return (
    <div className="flex flex-col gap-3">
      <p className="text-slate-700">{t('explain')}</p>
      <div>
        <Button variant="secondary" disabled={reissue.isPending} onClick={() => reissue.submit({ patientId })}>
          {reissue.isPending ? t('issuing') : t('button')}
        </Button>
      </div>
      {error && (
        <Notice tone="error" role="alert">
          {error.message}
        </Notice>
      )}
      <div role="status">{reissue.data && <p className="font-medium text-emerald-900">{t('issued')}</p>}</div>
      {/* Issuing a link does not send email again, so it is always for the clinician to pass on. */}
      {reissue.data && <InviteLink link={reissue.data.inviteLink} expiresAt={reissue.data.expiresAt} emailed={reissue.data.emailed} />}
    </div>
  );
}
