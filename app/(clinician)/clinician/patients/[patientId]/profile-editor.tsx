'use client';
// Editing a patient's profile (date of birth, conditions, renal function, pump, time zone), for plan editors.
import { useTranslations } from 'next-intl';
import { EditToggle } from '~/app/_components/form/edit-toggle';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { CheckboxField, SelectField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { renalOptions, type RenalFunction } from '../../options';
import { TimeZoneField } from '~/app/_components/time-zone-field';
import { SaveCancel } from '~/app/_components/form/save-cancel';

export interface EditableProfile {
  dateOfBirth: string | null;
  conditions: string;
  renalFunction: RenalFunction;
  hasIntrathecalPump: boolean;
  timeZone: string;
}

export function ProfileEditor({ patientId, profile }: { patientId: string; profile: EditableProfile }) {
  const t = useTranslations('PatientRecord.profile');
  return (
    <EditToggle editLabel={t('edit')} savedMessage={t('saved')}>
      {(close) => <ProfileForm patientId={patientId} profile={profile} onClose={close} />}
    </EditToggle>
  );
}

function ProfileForm({ patientId, profile, onClose }: { patientId: string; profile: EditableProfile; onClose: (saved: boolean) => void }) {
  const t = useTranslations('PatientRecord.profile');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const first = useRef<HTMLInputElement>(null);
  const [dateOfBirth, setDateOfBirth] = useState(profile.dateOfBirth ?? '');
  const [conditions, setConditions] = useState(profile.conditions);
  const [renalFunction, setRenalFunction] = useState<RenalFunction>(profile.renalFunction);
  const [hasIntrathecalPump, setHasIntrathecalPump] = useState(profile.hasIntrathecalPump);
  const [timeZone, setTimeZone] = useState(profile.timeZone);

  useEffect(() => {
    first.current?.focus();
  }, []);

  const update = useFormMutation(trpc.patients.updateProfile.mutationOptions(), { onSuccess: () => onClose(true) });
  const { error } = update;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    update.submit({ patientId, dateOfBirth: dateOfBirth === '' ? null : dateOfBirth, conditions, renalFunction, hasIntrathecalPump, timeZone });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <h3 className="text-base font-semibold text-slate-900">{t('editTitle')}</h3>
      {error && (
        <Notice tone="error" role="alert" title={t('errorTitle')}>
          {error.message}
        </Notice>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          ref={first}
          label={`${t('dateOfBirth')} (${tc('optional')})`}
          name="dateOfBirth"
          type="date"
          value={dateOfBirth}
          onChange={(e) => setDateOfBirth(e.target.value)}
          error={error?.fieldErrors.dateOfBirth}
        />
        <TimeZoneField label={t('timeZone')} hint={t('timeZoneHint')} value={timeZone} onChange={setTimeZone} error={error?.fieldErrors.timeZone} />
        <TextField
          label={`${t('conditions')} (${tc('optional')})`}
          name="conditions"
          maxLength={500}
          value={conditions}
          onChange={(e) => setConditions(e.target.value)}
          error={error?.fieldErrors.conditions}
        />
        <SelectField
          label={t('renalFunction')}
          name="renalFunction"
          value={renalFunction}
          onChange={(e) => setRenalFunction(renalOptions.find((r) => r === e.target.value) ?? profile.renalFunction)}
          error={error?.fieldErrors.renalFunction}
        >
          {renalOptions.map((r) => (
            <option key={r} value={r}>
              {tc(`renal.${r}`)}
            </option>
          ))}
        </SelectField>
      </div>
      <CheckboxField
        label={t('hasIntrathecalPump')}
        hint={t('hasIntrathecalPumpHint')}
        name="hasIntrathecalPump"
        checked={hasIntrathecalPump}
        onChange={(e) => setHasIntrathecalPump(e.target.checked)}
      />
      <SaveCancel pending={update.isPending} onCancel={() => onClose(false)} cancelWhilePending={false} />
    </form>
  );
}
