// The patient's notes: what their care team shares with them, and what they write to the team.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { preselected, recent, linkParams, type LinkTargets } from '~/app/_components/notes/link-targets';
import { NotesThread } from '~/app/_components/notes/notes-thread';
import { loadOwnRecord } from '~/app/_lib/own-record';
import { Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { serverApi } from '~/app/_trpc/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Notes');
  return { title: t('metaTitle') };
}

type Search = Record<string, string | string[] | undefined>;

export default async function PatientNotesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
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
  const [notes, view, outcomes] = await Promise.all([
    api.notes.list({ patientId: user.id }),
    api.plans.get({ patientId: user.id }),
    api.mdt.sharedOutcomes({ patientId: user.id }),
  ]);
  // The patient's plan view never holds a draft, and shared outcomes are of finalised meetings only: all
  // of it is what they have seen. Alerts and weekly reviews are the care team's, so never offered here.
  const linkTargets: LinkTargets = {
    plan: view.plan ? { planId: view.plan.id, version: view.plan.version } : null,
    alerts: [],
    reviews: [],
    mdtItems: recent(outcomes, 5, linkParams(search).mdt).map((o) => ({ id: o.id, heldOn: o.heldOn })),
  };
  return (
    <div className="text-lg">
      <PageTitle subtitle={t('patientIntro')}>{t('title')}</PageTitle>
      <TRPCReactProvider>
        <NotesThread patientId={user.id} viewer="patient" viewerId={user.id} notes={notes} linkTargets={linkTargets} initialLink={preselected(search, linkTargets)} timeZone={record.patient.timeZone} />
      </TRPCReactProvider>
    </div>
  );
}
