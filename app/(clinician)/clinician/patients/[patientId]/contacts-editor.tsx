'use client';
// Editing a patient's phone numbers (theirs, their emergency contact's, and the care-team number they are
// given), for any member of their care team.
import { useTranslations } from 'next-intl';
import { EditToggle } from '~/app/_components/form/edit-toggle';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { TextField } from '~/app/_components/fields';
import { SaveCancel } from '~/app/_components/form/save-cancel';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';

/** The numbers as the form edits them: shown grouped, empty where none is recorded. */
export interface EditableContacts {
  phone: string;
  emergencyContactName: string;
  emergencyContactPhone: string;
  careTeamPhone: string;
}

export function ContactsEditor({ patientId, contacts }: { patientId: string; contacts: EditableContacts }) {
  const t = useTranslations('Contacts.record');
  return (
    <EditToggle editLabel={t('edit')} savedMessage={t('saved')}>
      {(close) => <ContactsForm patientId={patientId} contacts={contacts} onClose={close} />}
    </EditToggle>
  );
}

function ContactsForm({ patientId, contacts, onClose }: { patientId: string; contacts: EditableContacts; onClose: (saved: boolean) => void }) {
  const t = useTranslations('Contacts.record');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const first = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState(contacts);
  const update = useFormMutation(trpc.patients.updateContacts.mutationOptions(), { onSuccess: () => onClose(true) });
  const errors = update.fieldErrors;
  const set = (key: keyof EditableContacts) => (e: { target: { value: string } }) => {
    const value = e.target.value;
    setDraft((d) => ({ ...d, [key]: value }));
  };

  useEffect(() => {
    first.current?.focus();
  }, []);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.submit({ patientId, ...draft });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <h3 className="text-base font-semibold text-slate-900">{t('editTitle')}</h3>
      {update.error && (
        <Notice tone="error" role="alert" title={t('errorTitle')}>
          {update.error.message}
        </Notice>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField ref={first} label={`${t('phone')} (${tc('optional')})`} hint={t('phoneHint')} name="phone" type="tel" autoComplete="off" value={draft.phone} onChange={set('phone')} error={errors.phone} />
        <TextField
          label={`${t('careTeamField')} (${tc('optional')})`}
          hint={t('careTeamFieldHint')}
          name="careTeamPhone"
          type="tel"
          autoComplete="off"
          value={draft.careTeamPhone}
          onChange={set('careTeamPhone')}
          error={errors.careTeamPhone}
        />
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
      </div>
      <SaveCancel pending={update.isPending} onCancel={() => onClose(false)} cancelWhilePending={false} />
    </form>
  );
}
