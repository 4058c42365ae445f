// The clinician's home: the triage list of their patients (most urgent first), and adding a new patient.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { disciplineFor } from '~/lib/accounts/profession';
import { AddPatientForm } from './add-patient-form';
import { TriageList } from './triage-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Clinician');
  return { title: t('title') };
}

export default async function ClinicianHome() {
  // The layout checks too; checking here as well keeps the page safe however the two are rendered.
  const me = await requireUser('clinician');
  const api = await serverApi();
  const [rows, patients, account] = await Promise.all([api.triage.list(), api.patients.listMine(), api.account.me()]);
  // Whether each patient has signed in yet: it explains a patient who never checks in.
  const accounts = Object.fromEntries(patients.map((p) => [p.patientId, p.accountStatus]));
  const t = await getTranslations('Clinician');
  const tt = await getTranslations('Triage');

  return (
    <>
      <PageTitle subtitle={tt('subtitle')}>{t('title')}</PageTitle>
      <p className="mb-4 max-w-3xl text-slate-700">{tt('order')}</p>
      <TriageList rows={rows} accounts={accounts} timeZone={me.timeZone} />
      <Card title={t('add.title')} className="mt-8">
        <AddPatientForm myDiscipline={disciplineFor(account)} />
      </Card>
    </>
  );
}
