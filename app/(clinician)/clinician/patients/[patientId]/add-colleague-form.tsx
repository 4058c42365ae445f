'use client';
// Adds a clinic colleague to this patient's care team, and whether they may edit the plan. Their discipline
// comes from their account (profession and prescribing right, set by an administrator): shown, not chosen.
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { CheckboxField, SelectField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { Button, Notice } from '~/app/_components/ui';
import { useTRPC } from '~/app/_trpc/client';
import type { Discipline } from '../../options';

export interface Colleague {
  id: string;
  name: string;
  email: string;
  discipline: Discipline;
}

export function AddColleagueForm({ patientId, candidates, onDone }: { patientId: string; candidates: Colleague[]; onDone: (message: string) => void }) {
  const t = useTranslations('PatientRecord.team');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [clinicianEmail, setClinicianEmail] = useState('');
  // Least privilege by default: editing the plan is granted on purpose.
  const [mayEditPlan, setMayEditPlan] = useState(false);
  const chosen = candidates.find((c) => c.email === clinicianEmail);

  const add = useFormMutation(trpc.patients.addCareTeamMember.mutationOptions(), {
    onSuccess: (_result, input) => {
      const name = candidates.find((c) => c.email === input.clinicianEmail)?.name ?? input.clinicianEmail;
      onDone(t('addedMember', { name }));
      setClinicianEmail('');
      setMayEditPlan(false);
    },
  });

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (clinicianEmail === '') {
      add.fail({ message: t('chooseColleague'), fieldErrors: { clinicianEmail: [t('chooseColleague')] } });
      return;
    }
    add.submit({ patientId, clinicianEmail, mayEditPlan });
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      {add.error && (
        <Notice tone="error" role="alert">
          {add.error.message}
        </Notice>
      )}
      <div className="max-w-xl">
        <SelectField
          label={t('colleague')}
          hint={t('colleagueHint')}
          name="clinicianEmail"
          required
          value={clinicianEmail}
          onChange={(e) => setClinicianEmail(e.target.value)}
          error={add.fieldErrors.clinicianEmail}
        >
          <option value="">{t('chooseColleagueOption')}</option>
          {candidates.map((c) => (
            <option key={c.id} value={c.email}>
              {t('colleagueOption', { name: c.name, email: c.email })}
            </option>
          ))}
        </SelectField>
      </div>
      {chosen && (
        <p className="text-slate-700">
          {t('joinsAs', { name: chosen.name, discipline: tc(`disciplines.${chosen.discipline}`) })} {t('disciplineFromAccount')}
        </p>
      )}
      <CheckboxField label={t('mayEditLabel')} hint={t('mayEditHint')} name="mayEditPlan" checked={mayEditPlan} onChange={(e) => setMayEditPlan(e.target.checked)} />
      <div>
        <Button type="submit" disabled={add.isPending}>
          {add.isPending ? tc('saving') : t('addSubmit')}
        </Button>
      </div>
    </form>
  );
}
