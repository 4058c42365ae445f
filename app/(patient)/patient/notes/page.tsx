// The patient's messages: one conversation with their care team (their notes and what the team shares with
// them, comments on their plan included), and one form to write to the team.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { ConversationThread } from '~/app/_components/conversation/conversation-thread';
import { preselected, recent, linkParams, type LinkTargets } from '~/app/_components/notes/link-targets';
import { PageTitle } from '~/app/_components/ui';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { serverApi } from '~/app/_trpc/server';
import { requireOwnRecord } from '../_guard';
import { PageNotice } from '../_page-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Conversation');
  return { title: t('metaTitle') };
}

type Search = Record<string, string | string[] | undefined>;

export default async function PatientMessagesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const search = await searchParams;
  const { user, record } = await requireOwnRecord();
  const t = await getTranslations('Conversation');
  if (!record) return <PageNotice title={t('title')}>{t('noRecord')}</PageNotice>;
  const api = await serverApi();
  const [messages, view, outcomes] = await Promise.all([
    api.conversation.list({ patientId: user.id }),
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
        <ConversationThread patientId={user.id} viewer="patient" viewerId={user.id} messages={messages} linkTargets={linkTargets} initialLink={preselected(search, linkTargets)} timeZone={record.patient.timeZone} />
      </TRPCReactProvider>
    </div>
  );
}
