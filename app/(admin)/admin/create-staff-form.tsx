'use client';
// "Create a clinician": a staff account (clinician or administrator) that starts with an invite link; a
// clinician's profession and whether they may prescribe are set here too.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { CheckboxField, PersonFields, SelectField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { InviteLink } from '~/app/_components/invite-link';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import { useBrowserZones } from '~/app/_components/time-zone-field';
import { professionOptions, type Profession } from './options';

const staffRoles = ['clinician', 'admin'] as const;
type StaffRole = (typeof staffRoles)[number];

interface Draft {
  name: string;
  email: string;
  // null until chosen: the browser's own zone is the default, known only after hydration.
  timeZone: string | null;
  role: StaffRole;
  // '' until chosen: a clinician's profession is asked for, never assumed.
  profession: Profession | '';
  mayPrescribe: boolean;
}

const emptyDraft: Draft = { name: '', email: '', timeZone: null, role: 'clinician', profession: '', mayPrescribe: false };

interface Created {
  name: string;
  inviteLink: string;
  expiresAt: Date;
  emailed: boolean;
}

export function CreateStaffForm() {
  const t = useTranslations('Admin.create');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const browser = useBrowserZones();
  const [draft, setDraft] = useState<Draft>(emptyDraft);
  // Kept apart from the mutation so the last link stays on screen while the next account is typed in.
  const [created, setCreated] = useState<Created | null>(null);
  const timeZone = draft.timeZone ?? browser?.browserZone ?? 'UTC';

  const create = useFormMutation(trpc.admin.createStaff.mutationOptions(), {
    onSuccess: (result, input) => {
      setCreated({ name: input.name, inviteLink: result.inviteLink, expiresAt: result.expiresAt, emailed: result.emailed });
      setDraft(emptyDraft);
    },
  });
  const { error } = create;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const clinician = draft.role === 'clinician';
    create.submit({
      name: draft.name,
      email: draft.email,
      timeZone,
      role: draft.role,
      profession: clinician && draft.profession !== '' ? draft.profession : null,
      mayPrescribe: clinician && draft.mayPrescribe,
    });
  }

  return (
    <div className="flex flex-col gap-4">
      <div role="status">{created && <p className="font-semibold text-emerald-900">{t('created', { name: created.name })}</p>}</div>
      {created && <InviteLink link={created.inviteLink} expiresAt={created.expiresAt} emailed={created.emailed} />}

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
            onChange={(key, value) => setDraft((d) => ({ ...d, [key]: value }))}
            labels={{ name: t('name'), email: t('email'), emailHint: t('emailHint'), timeZone: t('timeZone') }}
            errors={error?.fieldErrors}
          />
          <SelectField
            label={t('role')}
            hint={t('roleHint')}
            name="role"
            value={draft.role}
            onChange={(e) => setDraft((d) => ({ ...d, role: staffRoles.find((r) => r === e.target.value) ?? 'clinician' }))}
            error={error?.fieldErrors.role}
          >
            {staffRoles.map((r) => (
              <option key={r} value={r}>
                {tc(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          {draft.role === 'clinician' && (
            <SelectField
              label={t('profession')}
              hint={t('professionHint')}
              name="profession"
              required
              value={draft.profession}
              onChange={(e) => setDraft((d) => ({ ...d, profession: professionOptions.find((p) => p === e.target.value) ?? '' }))}
              error={error?.fieldErrors.profession}
            >
              <option value="">{t('chooseProfession')}</option>
              {professionOptions.map((p) => (
                <option key={p} value={p}>
                  {tc(`professions.${p}`)}
                </option>
              ))}
            </SelectField>
          )}
        </div>
        {draft.role === 'clinician' && (
          <CheckboxField
            label={t('mayPrescribe')}
            hint={t('mayPrescribeHint')}
            name="mayPrescribe"
            checked={draft.mayPrescribe}
            onChange={(e) => setDraft((d) => ({ ...d, mayPrescribe: e.target.checked }))}
          />
        )}
        <div>
          <Button type="submit" disabled={create.isPending}>
            {create.isPending ? tc('saving') : t('submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
