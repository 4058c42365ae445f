'use client';
// The panels that open under a care-team row: a colleague's plan rights, and removing them (or oneself) after
// a confirm step.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ConfirmStep } from '~/app/_components/confirm-step';
import { CheckboxField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { TeamMember } from './care-team';
import { SaveCancel } from '~/app/_components/form/save-cancel';

interface PanelProps {
  patientId: string;
  member: TeamMember;
  onCancel: () => void;
  onDone: (message: string) => void;
}

export function EditMember({ patientId, member, onCancel, onDone }: PanelProps) {
  const t = useTranslations('PatientRecord.team');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const first = useRef<HTMLInputElement>(null);
  const [mayEditPlan, setMayEditPlan] = useState(member.mayEditPlan);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const update = useFormMutation(trpc.patients.updateCareTeamMember.mutationOptions(), { onSuccess: () => onDone(t('saved', { name: member.name })) });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.submit({ patientId, clinicianId: member.clinicianId, mayEditPlan });
  }

  return (
    <form onSubmit={submit} noValidate>
      <fieldset className="flex flex-col gap-4">
        <legend className="mb-2 font-semibold text-slate-900">{t('editLegend', { name: member.name })}</legend>
        {update.error && (
          <Notice tone="error" role="alert">
            {update.error.message}
          </Notice>
        )}
        <p className="text-slate-700">
          <span className="font-medium text-slate-900">{t('discipline')}:</span> {tc(`disciplines.${member.discipline}`)}. {t('disciplineFromAccount')}
        </p>
        <CheckboxField
          ref={first}
          label={t('mayEditLabel')}
          hint={`${t('mayEditHint')} ${t('lastPrescriberHint')}`}
          name="mayEditPlan"
          checked={mayEditPlan}
          onChange={(e) => setMayEditPlan(e.target.checked)}
        />
        <SaveCancel pending={update.isPending} onCancel={onCancel} />
      </fieldset>
    </form>
  );
}

export function RemoveMember({ patientId, member, isMe, onCancel, onDone }: PanelProps & { isMe: boolean }) {
  const t = useTranslations('PatientRecord.team');
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useFormMutation(trpc.patients.removeCareTeamMember.mutationOptions(), {
    // Off the team, this record is out of reach: go home rather than into a 403.
    refresh: !isMe,
    onSuccess: () => (isMe ? router.push('/clinician') : onDone(t('removed', { name: member.name }))),
  });

  return (
    <ConfirmStep
      question={isMe ? t('removeMeQuestion') : t('removeQuestion', { name: member.name })}
      consequence={isMe ? t('removeMeConsequence') : t('removeConsequence')}
      confirmLabel={t('confirmRemove')}
      pendingLabel={t('removing')}
      pending={remove.isPending}
      error={remove.error?.message ?? null}
      onConfirm={() => remove.submit({ patientId, clinicianId: member.clinicianId })}
      onCancel={onCancel}
    />
  );
}
