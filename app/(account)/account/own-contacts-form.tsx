'use client';
// A patient's own phone number and emergency contact, which their care team sees; the care team's number
// beside them, to read and tap (it is the team's to set).
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { Fieldset, TextField } from '~/app/_components/fields';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { PhoneLink, phoneLinkClass } from '~/app/_components/phone-link';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { DialableNumber } from '~/lib/contacts/phone';

export interface OwnContactsDraft {
  phone: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
}

const fieldKeys = ['phone', 'emergencyContactName', 'emergencyContactPhone'] as const;

export function OwnContactsForm({ patientId, initial, careTeam, emergency }: {
  patientId: string;
  initial: OwnContactsDraft;
  /** The number the patient calls for their care team (theirs, else the clinic's), or null when there is none. */
  careTeam: DialableNumber | null;
  /** Whom to call when there is no care-team number: the emergency number, or words for it. */
  emergency: string;
}) {
  const t = useTranslations('Contacts.own');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [draft, setDraft] = useState(initial);
  const save = useFormMutation(trpc.patients.updateMyContacts.mutationOptions());
  const errors = save.fieldErrors;
  const set = (key: keyof OwnContactsDraft) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.submit({ patientId, ...draft });
  }

  return (
    <div className="flex flex-col gap-4">
      <p className="text-slate-700">{t('intro')}</p>
      <div className="rounded-lg bg-slate-50 p-3">
        <p className="font-medium text-slate-700">{t('careTeam')}</p>
        {careTeam ? <PhoneLink number={careTeam} className={`${phoneLinkClass} inline-flex min-h-11 items-center text-lg`} /> : <p className="text-slate-900">{t('careTeamNone', { emergency })}</p>}
      </div>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {save.error && Object.keys(errors).length > 0 && (
          <Notice tone="error" role="alert" title={t('errorTitle')}>
            {save.error.message}
          </Notice>
        )}
        <TextField
          label={`${t('phone')} (${tc('optional')})`}
          hint={t('phoneHint')}
          name="phone"
          type="tel"
          autoComplete="tel"
          value={draft.phone}
          onChange={set('phone')}
          error={errors.phone}
        />
        <Fieldset legend={t('emergencyTitle')} hint={t('emergencyHint')}>
          <TextField
            label={`${t('emergencyName')} (${tc('optional')})`}
            name="emergencyContactName"
            autoComplete="off"
            value={draft.emergencyContactName}
            onChange={set('emergencyContactName')}
            error={errors.emergencyContactName}
          />
          <TextField
            label={`${t('emergencyPhone')} (${tc('optional')})`}
            name="emergencyContactPhone"
            type="tel"
            autoComplete="off"
            value={draft.emergencyContactPhone}
            onChange={set('emergencyContactPhone')}
            error={errors.emergencyContactPhone}
          />
        </Fieldset>
        <FormFeedback mutation={save} fields={fieldKeys} saved={t('saved')} />
        <Button type="submit" disabled={save.isPending} className="w-full sm:w-auto sm:self-start">
          {save.isPending ? tc('saving') : t('save')}
        </Button>
      </form>
    </div>
  );
}
