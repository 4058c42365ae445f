'use client';
// "Add a patient": creates the account, puts the clinician on the care team (with the discipline their account
// gives them), and hands back an invite link.
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { CheckboxField, PersonFields, SelectField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { InviteLink } from '~/app/_components/invite-link';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { renalOptions, type Discipline, type RenalFunction } from './options';
import { useBrowserZones } from '~/app/_components/time-zone-field';
import { localeNames, locales, type Locale } from '~/lib/i18n/locales';

interface Draft {
  name: string;
  email: string;
  // null until chosen: the browser's own zone is the default, known only after hydration.
  timeZone: string | null;
  hasIntrathecalPump: boolean;
  dateOfBirth: string;
  conditions: string;
  renalFunction: RenalFunction;
  /** The language the patient reads: their invite email and their pages. */
  locale: Locale;
}

const emptyDraft: Draft = {
  name: '',
  email: '',
  timeZone: null,
  hasIntrathecalPump: false,
  dateOfBirth: '',
  conditions: '',
  renalFunction: 'unknown',
  locale: 'en',
};

interface Added {
  name: string;
  patientId: string;
  inviteLink: string;
  expiresAt: Date;
  emailed: boolean;
}

export function AddPatientForm({ myDiscipline }: { myDiscipline: Discipline }) {
  const t = useTranslations('Clinician.add');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const browser = useBrowserZones();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  // Kept apart from the mutation so the last link stays on screen while the next patient is typed in.
  const [added, setAdded] = useState<Added | null>(null);
  const timeZone = draft.timeZone ?? browser?.browserZone ?? 'UTC';

  const add = useFormMutation(trpc.patients.add.mutationOptions(), {
    onSuccess: (result, input) => {
      setAdded({ name: input.name, ...result });
      setDraft(emptyDraft);
    },
  });
  const { error } = add;
  const fieldError = (field: keyof Draft) => add.fieldErrors[field];

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    add.submit({
      name: draft.name,
      email: draft.email,
      timeZone,
      hasIntrathecalPump: draft.hasIntrathecalPump,
      dateOfBirth: draft.dateOfBirth === '' ? undefined : draft.dateOfBirth,
      conditions: draft.conditions,
      renalFunction: draft.renalFunction,
      locale: draft.locale,
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <div role="status">
        {added && <p className="font-semibold text-emerald-900">{t('added', { name: added.name })}</p>}
      </div>
      {added && (
        <div className="flex flex-col gap-3">
          <p className="text-slate-700">{t('addedNext')}</p>
          <InviteLink link={added.inviteLink} expiresAt={added.expiresAt} emailed={added.emailed} />
          <p>
            <Link href={`/clinician/patients/${added.patientId}`} className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">
              {t('openRecord', { name: added.name })}
            </Link>
          </p>
        </div>
      )}

      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        {error && (
          <Notice tone="error" role="alert" title={t('errorTitle')}>
            {error.message}
          </Notice>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <PersonFields
            value={draft}
            timeZone={timeZone}
            onChange={set}
            labels={{ name: t('name'), email: t('email'), emailHint: t('emailHint'), timeZone: t('timeZone'), timeZoneHint: t('timeZoneHint') }}
            errors={add.fieldErrors}
          />
          <SelectField label={t('language')} hint={t('languageHint')} name="locale" value={draft.locale} onChange={(e) => set('locale', e.target.value as Locale)} error={fieldError('locale')}>
            {locales.map((locale) => (
              <option key={locale} value={locale} lang={locale}>
                {localeNames[locale]}
              </option>
            ))}
          </SelectField>
          <TextField
            label={`${t('dateOfBirth')} (${tc('optional')})`}
            name="dateOfBirth"
            type="date"
            value={draft.dateOfBirth}
            onChange={(e) => set('dateOfBirth', e.target.value)}
            error={fieldError('dateOfBirth')}
          />
          <TextField
            label={`${t('conditions')} (${tc('optional')})`}
            hint={t('conditionsHint')}
            name="conditions"
            maxLength={500}
            value={draft.conditions}
            onChange={(e) => set('conditions', e.target.value)}
            error={fieldError('conditions')}
          />
          <SelectField
            label={t('renalFunction')}
            hint={t('renalFunctionHint')}
            name="renalFunction"
            value={draft.renalFunction}
            onChange={(e) => set('renalFunction', renalOptions.find((r) => r === e.target.value) ?? 'unknown')}
            error={fieldError('renalFunction')}
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
          checked={draft.hasIntrathecalPump}
          onChange={(e) => set('hasIntrathecalPump', e.target.checked)}
        />
        <p className="text-sm text-slate-700">
          {t('myDiscipline', { discipline: tc(`disciplines.${myDiscipline}`) })} {t('youEditPlan')}
        </p>
        <div>
          <Button type="submit" disabled={add.isPending}>
            {add.isPending ? tc('saving') : t('submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
