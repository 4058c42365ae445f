'use client';
// "Clinic contacts and escalation": the clinic phone patients call, the on-call contact escalations reach,
// the crisis line shown with the self-harm question, and the escalation window.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Fieldset, NumberField, numberOrNull, TextField } from '~/app/_components/fields';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';

/** The settings as the form edits them: text as typed (numbers shown grouped), the window as typed text. */
export interface ClinicContactsDraft {
  clinicPhone: string;
  onCallName: string;
  onCallEmail: string;
  onCallPhone: string;
  crisisLineName: string;
  crisisLinePhone: string;
  escalationMinutes: string;
}

const fieldKeys = ['clinicPhone', 'onCallName', 'onCallEmail', 'onCallPhone', 'crisisLineName', 'crisisLinePhone', 'escalationMinutes'] as const;

export function ClinicContactsForm({ initial }: { initial: ClinicContactsDraft }) {
  const t = useTranslations('Contacts.clinic');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [draft, setDraft] = useState(initial);
  const save = useFormMutation(trpc.clinic.update.mutationOptions());
  const errors = save.fieldErrors;
  const set = (key: keyof ClinicContactsDraft) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { escalationMinutes, ...rest } = draft;
    // An empty or unreadable window goes as NaN: the server's schema names the problem on the field.
    save.submit({ ...rest, escalationMinutes: numberOrNull(escalationMinutes) ?? Number.NaN });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      <p className="text-slate-700">{t('intro')}</p>
      {save.error && Object.keys(errors).length > 0 && (
        <Notice tone="error" role="alert" title={t('errorTitle')}>
          {save.error.message}
        </Notice>
      )}
      <div className="max-w-xl">
        <TextField
          label={t('clinicPhone')}
          hint={t('clinicPhoneHint')}
          name="clinicPhone"
          type="tel"
          autoComplete="off"
          value={draft.clinicPhone}
          onChange={set('clinicPhone')}
          error={errors.clinicPhone}
        />
      </div>

      <Fieldset legend={t('onCallTitle')} hint={t('escalationLine')}>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField label={t('onCallName')} name="onCallName" autoComplete="off" value={draft.onCallName} onChange={set('onCallName')} error={errors.onCallName} />
          <TextField label={t('onCallEmail')} name="onCallEmail" type="email" autoComplete="off" value={draft.onCallEmail} onChange={set('onCallEmail')} error={errors.onCallEmail} />
          <TextField label={t('onCallPhone')} name="onCallPhone" type="tel" autoComplete="off" value={draft.onCallPhone} onChange={set('onCallPhone')} error={errors.onCallPhone} />
        </div>
        {initial.onCallEmail === '' && <p className="text-sm font-medium text-amber-900">{t('noOnCallEmail')}</p>}
      </Fieldset>

      <Fieldset legend={t('crisisTitle')} hint={t('crisisHint')}>
        <div className="grid gap-4 md:grid-cols-3">
          <TextField label={t('crisisName')} name="crisisLineName" autoComplete="off" value={draft.crisisLineName} onChange={set('crisisLineName')} error={errors.crisisLineName} />
          <TextField label={t('crisisPhone')} name="crisisLinePhone" type="tel" autoComplete="off" value={draft.crisisLinePhone} onChange={set('crisisLinePhone')} error={errors.crisisLinePhone} />
        </div>
      </Fieldset>

      <NumberField
        label={t('escalationMinutes')}
        hint={t('escalationHint')}
        name="escalationMinutes"
        inputMode="numeric"
        unit={t('minutes')}
        value={draft.escalationMinutes}
        onChange={set('escalationMinutes')}
        error={errors.escalationMinutes}
      />

      <div className="flex flex-col gap-3">
        <FormFeedback mutation={save} fields={fieldKeys} saved={t('saved')} />
        <div>
          <Button type="submit" disabled={save.isPending}>
            {save.isPending ? tc('saving') : t('save')}
          </Button>
        </div>
      </div>
    </form>
  );
}
