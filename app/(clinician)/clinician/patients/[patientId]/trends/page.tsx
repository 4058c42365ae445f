// A patient's trends as their care team sees them: dose, scores, criteria ranges, plan changes, red flags and reviews.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { TeamChart } from '~/app/_components/trends/team-chart';
import { rangeOf, TrendsPage } from '~/app/_components/trends/trends-page';
import { PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { scoreKeys } from '~/lib/checkins/types';
import { loadRecord } from '../load-record';

// The tab title stays generic: titles end up in browser history and shared screens.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Trends');
  return { title: t('title') };
}

export default async function PatientTrendsPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<{ range?: string | string[] }> }) {
  const { patientId } = await params;
  await requireUser('clinician');
  const { patient } = await loadRecord(patientId);
  const range = rangeOf((await searchParams).range);
  const trends = await (await serverApi()).trends.get({ patientId: patient.id, range, metrics: [...scoreKeys] });
  const t = await getTranslations('Trends');
  return (
    <>
      <PageTitle subtitle={<>{patient.name} · {t('teamIntro')}</>}>{t('title')}</PageTitle>
      <TrendsPage trends={trends} basePath={`/clinician/patients/${patient.id}/trends`} chartWrapper={TeamChart} />
    </>
  );
}
