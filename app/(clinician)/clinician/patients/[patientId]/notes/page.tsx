// A patient's conversation as the care team sees it: every note and plan comment, shared or care team only, the
// form to write one, and whether the team has read what the patient wrote. Opening it reads it for the team.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { ConversationThread } from '~/app/_components/conversation/conversation-thread';
import { MarkConversationRead } from '~/app/_components/conversation/mark-read';
import { linkParams, preselected, recent, type LinkTargets } from '~/app/_components/notes/link-targets';
import { alertKindName, alertWhat } from '~/app/_components/triage/alert-text';
import { PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { loadRecord } from '../load-record';
import { formatInstant } from '~/lib/dates';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Conversation');
  return { title: t('metaTitle') };
}

type Search = Record<string, string | string[] | undefined>;

export default async function ClinicianNotesPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Search> }) {
  const { patientId } = await params;
  const search = await searchParams;
  const me = await requireUser('clinician');
  const { patient } = await loadRecord(patientId);
  const t = await getTranslations('Notes');
  const tv = await getTranslations('Conversation');
  const api = await serverApi();
  const [messages, status, view, alerts, reviews, outcomes] = await Promise.all([
    api.conversation.list({ patientId }),
    api.conversation.status({ patientId }),
    api.plans.get({ patientId }),
    api.alerts.list({ patientId, open: false }),
    api.weeklyReviews.list({ patientId }),
    api.mdt.sharedOutcomes({ patientId }),
  ]);
  const ta = await getTranslations('Alerts');
  const format = await getFormatter();
  const wanted = linkParams(search);
  // The list puts open alerts first; the choice offers the newest, whether open or acknowledged.
  const newestAlerts = [...alerts].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  const linkTargets: LinkTargets = {
    plan: view.plan ? { planId: view.plan.id, version: view.plan.version } : null,
    alerts: recent(newestAlerts, 10, wanted.alert).map((a) => ({
      id: a.id,
      label: t('form.linkAlert', {
        what: alertWhat(a, ta),
        kind: alertKindName(a, ta),
        when: formatInstant(a.createdAt, me.timeZone, format),
      }),
    })),
    reviews: recent(reviews, 5, wanted.review).map((r) => ({ id: r.id, periodStart: r.periodStart, periodEnd: r.periodEnd })),
    mdtItems: recent(outcomes, 5, wanted.mdt).map((o) => ({ id: o.id, heldOn: o.heldOn })),
  };
  const when = (at: Date) => format.dateTime(at, { dateStyle: 'medium', timeStyle: 'short', timeZone: me.timeZone });
  const readState = status.unread && status.lastPatientMessageAt
    ? tv('status.unread', { time: when(status.lastPatientMessageAt) })
    : status.teamReadBy && status.teamReadAt
      ? status.teamReadBy.id === me.id
        ? tv('status.readByYou', { time: when(status.teamReadAt) })
        : tv('status.readBy', { name: status.teamReadBy.name, time: when(status.teamReadAt) })
      : status.lastPatientMessageAt === null
        ? tv('status.none')
        : null;
  return (
    <>
      <PageTitle subtitle={<Link href={`/clinician/patients/${patientId}`} className="underline">{patient.name}</Link>}>{tv('title')}</PageTitle>
      <p className="mb-2 max-w-3xl text-slate-700">{tv('clinicianIntro')}</p>
      {readState && <p className="mb-6 max-w-3xl font-medium text-slate-900">{readState}</p>}
      <MarkConversationRead patientId={patientId} />
      <ConversationThread patientId={patientId} viewer="clinician" viewerId={me.id} messages={messages} linkTargets={linkTargets} initialLink={preselected(search, linkTargets)} timeZone={me.timeZone} />
    </>
  );
}
