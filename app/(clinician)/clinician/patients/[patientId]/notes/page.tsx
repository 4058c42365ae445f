// A patient's notes as the care team sees them: every note, shared or team only, and the form to write one.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { NotesThread } from '~/app/_components/notes/notes-thread';
import { PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { loadRecord } from '../load-record';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Notes');
  return { title: t('metaTitle') };
}

export default async function ClinicianNotesPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const me = await requireUser('clinician');
  const { patient } = await loadRecord(patientId);
  const t = await getTranslations('Notes');
  const api = await serverApi();
  const [notes, view] = await Promise.all([api.notes.list({ patientId }), api.plans.get({ patientId })]);
  const currentPlan = view.plan ? { planId: view.plan.id, version: view.plan.version } : null;
  return (
    <>
      <PageTitle subtitle={<Link href={`/clinician/patients/${patientId}`} className="underline">{patient.name}</Link>}>{t('title')}</PageTitle>
      <p className="mb-6 text-slate-700">{t('clinicianIntro')}</p>
      <NotesThread patientId={patientId} viewer="clinician" viewerId={me.id} notes={notes} currentPlan={currentPlan} timeZone={me.timeZone} />
    </>
  );
}
