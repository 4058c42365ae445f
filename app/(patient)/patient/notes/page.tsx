// The patient's notes: what their care team shares with them, and what they write to the team.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { NotesThread } from '~/app/_components/notes/notes-thread';
import { loadOwnRecord } from '~/app/_components/notes/own-record';
import { Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Notes');
  return { title: t('metaTitle') };
}

export default async function PatientNotesPage() {
  const user = await requireUser('patient');
  const t = await getTranslations('Notes');
  const record = await loadOwnRecord(user.id);
  if (!record) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <Notice tone="info">{t('noRecord')}</Notice>
      </>
    );
  }
  const api = await serverApi();
  const [notes, view] = await Promise.all([api.notes.list({ patientId: user.id }), api.plans.get({ patientId: user.id })]);
  // The patient's plan view never holds a draft, so this is a version they have seen.
  const currentPlan = view.plan ? { planId: view.plan.id, version: view.plan.version } : null;
  return (
    <div className="text-lg">
      <PageTitle subtitle={t('patientIntro')}>{t('title')}</PageTitle>
      <NotesThread patientId={user.id} viewer="patient" viewerId={user.id} notes={notes} currentPlan={currentPlan} timeZone={record.patient.timeZone} />
    </div>
  );
}
