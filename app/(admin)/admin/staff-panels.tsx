'use client';
// The panels that open under a staff row: a clinician's profession and prescribing right, disabling an
// account (after a confirm step), and a new invite link.
import type { inferRouterOutputs } from '@trpc/server';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmStep } from '~/app/_components/confirm-step';
import { CheckboxField, SelectField } from '~/app/_components/fields';
import { useFormMutation, type FormMutation } from '~/app/_components/form/use-form-mutation';
import { InviteLink } from '~/app/_components/invite-link';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { AppRouter } from '~/server/api/root';
import { professionOptions, type Profession } from './options';
import type { StaffMember } from './staff-table';
import { SaveCancel } from '~/app/_components/form/save-cancel';

interface PanelProps {
  member: StaffMember;
  onCancel: () => void;
  onDone: (message: string) => void;
}

/** A clinician's profession and prescribing right; their care-team disciplines follow on the server. */
export function ClinicianRights({ member, onCancel, onDone }: PanelProps) {
  const t = useTranslations('Admin.staff');
  const tcr = useTranslations('Admin.create');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const first = useRef<HTMLSelectElement>(null);
  const [profession, setProfession] = useState<Profession>(member.profession ?? 'other');
  const [mayPrescribe, setMayPrescribe] = useState(member.mayPrescribe);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const update = useFormMutation(trpc.admin.updateClinician.mutationOptions(), {
    onSuccess: (result) => {
      const saved = t('rightsSaved', { name: member.name });
      onDone(result.plansWithoutPrescriber > 0 ? `${saved} ${t('rightsLeftWithout', { count: result.plansWithoutPrescriber })}` : saved);
    },
  });
  const { error } = update;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.submit({ userId: member.id, profession, mayPrescribe });
  }

  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold text-slate-900">{t('rightsLegend', { name: member.name })}</legend>
        {error && (
          <Notice tone="error" role="alert">
            {error.message}
          </Notice>
        )}
        <div className="max-w-sm">
          <SelectField
            ref={first}
            label={tcr('profession')}
            hint={tcr('professionHint')}
            name="profession"
            value={profession}
            onChange={(e) => setProfession(professionOptions.find((p) => p === e.target.value) ?? profession)}
            error={update.fieldErrors.profession}
          >
            {professionOptions.map((p) => (
              <option key={p} value={p}>
                {tc(`professions.${p}`)}
              </option>
            ))}
          </SelectField>
        </div>
        <CheckboxField label={tcr('mayPrescribe')} hint={tcr('mayPrescribeHint')} name="mayPrescribe" checked={mayPrescribe} onChange={(e) => setMayPrescribe(e.target.checked)} />
        <SaveCancel pending={update.isPending} onCancel={onCancel} />
      </fieldset>
    </form>
  );
}

export function DisableStaff({ member, onCancel, onDone }: PanelProps) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const disable = useFormMutation(trpc.admin.setDisabled.mutationOptions(), { onSuccess: () => onDone(t('disabled', { name: member.name })) });

  return (
    <ConfirmStep
      question={t('disableQuestion', { name: member.name })}
      consequence={t('disableConsequence')}
      confirmLabel={t('confirmDisable')}
      pendingLabel={tc('saving')}
      pending={disable.isPending}
      error={disable.error?.message ?? null}
      onConfirm={() => disable.submit({ userId: member.id, disabled: true })}
      onCancel={onCancel}
    />
  );
}

/** Removing a lost authenticator: the person signs in with their password and sets up a new one. */
export function ResetTwoStep({ member, onCancel, onDone }: PanelProps) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const reset = useFormMutation(trpc.admin.resetTwoStep.mutationOptions(), { onSuccess: () => onDone(t('twoStepResetDone', { name: member.name })) });

  return (
    <ConfirmStep
      question={t('twoStepResetQuestion', { name: member.name })}
      consequence={t('twoStepResetConsequence')}
      confirmLabel={t('twoStepResetConfirm')}
      pendingLabel={tc('saving')}
      pending={reset.isPending}
      error={reset.error?.message ?? null}
      onConfirm={() => reset.submit({ userId: member.id })}
      onCancel={onCancel}
    />
  );
}

type Reissued = inferRouterOutputs<AppRouter>['admin']['reissueInvite'];

/** The new invite link for someone who has not accepted theirs, issued when the panel opened. */
export function InvitePanel({ member, reissue, onClose }: {
  member: StaffMember;
  reissue: FormMutation<Reissued, { userId: string }>;
  onClose: () => void;
}) {
  const t = useTranslations('Admin.staff');
  const tc = useTranslations('Common');
  return (
    <div className="flex flex-col gap-3">
      <p className="font-semibold text-slate-900">{t('inviteFor', { name: member.name })}</p>
      {reissue.isPending && <p>{tc('loading')}</p>}
      {reissue.error && (
        <Notice tone="error" role="alert">
          {reissue.error.message}
        </Notice>
      )}
      {reissue.data && reissue.variables?.userId === member.id && (
        <InviteLink link={reissue.data.inviteLink} expiresAt={reissue.data.expiresAt} emailed={reissue.data.emailed} />
      )}
      <div>
        <Button variant="secondary" onClick={onClose}>
          {tc('close')}
        </Button>
      </div>
    </div>
  );
}
