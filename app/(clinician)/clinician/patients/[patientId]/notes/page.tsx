// A patient's notes as the care team sees them: every note, shared or team only, and the form to write one.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { linkParams, preselected, recent, type LinkTargets } from '~/app/_components/notes/link-targets';
import { NotesThread } from '~/app/_components/notes/notes-thread';
import { alertKindName, alertWhat } from '~/app/_components/triage/alert-text';
import { PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { loadRecord } from '../load-record';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Notes');
  return { title: t('metaTitle') };
}

type Search = Record<string, string | string[] | undefined>;

export default async function ClinicianNotesPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Search> }) {
  const { patientId } = await params;
  const search = await searchParams;
  const me = await requireUser('clinician');
  const { patient } = await loadRecord(patientId);
  const t = await getTranslations('Notes');
  const api = await serverApi();
  const [notes, view, alerts, reviews, outcomes] = await Promise.all([
    api.notes.list({ patientId }),
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
        when: format.dateTime(a.createdAt, { dateStyle: 'medium', timeStyle: 'short', timeZone: me.timeZone }),
      }),
    })),
    reviews: recent(reviews, 5, wanted.review).map((r) => ({ id: r.id, periodStart: r.periodStart, periodEnd: r.periodEnd })),
    mdtItems: recent(outcomes, 5, wanted.mdt).map((o) => ({ id: o.id, heldOn: o.heldOn })),
  };
  return (
    <>
      <PageTitle subtitle={<Link href={`/clinician/patients/${patientId}`} className="underline">{patient.name}</Link>}>{t('title')}</PageTitle>
      <p className="mb-6 text-slate-700">{t('clinicianIntro')}</p>
      <NotesThread patientId={patientId} viewer="clinician" viewerId={me.id} notes={notes} linkTargets={linkTargets} initialLink={preselected(search, linkTargets)} timeZone={me.timeZone} />
    </>
  );
}
