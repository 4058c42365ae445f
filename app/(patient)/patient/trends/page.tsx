// "My trends": the patient's own dose, scores, plan changes, red flags and reviews over a chosen period.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { rangeOf, TrendsPage } from '~/app/_components/trends/trends-page';
import { PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { scoreKeys } from '~/lib/checkins/types';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Trends');
  return { title: t('myTitle') };
}

export default async function MyTrendsPage({ searchParams }: { searchParams: Promise<{ range?: string | string[] }> }) {
  const me = await requireUser('patient');
  const range = rangeOf((await searchParams).range);
  // Every score is read, so choosing which to show needs no round trip.
  const trends = await (await serverApi()).trends.get({ patientId: me.id, range, metrics: [...scoreKeys] });
  const t = await getTranslations('Trends');
  return (
    <>
      <PageTitle subtitle={t('intro')}>{t('myTitle')}</PageTitle>
      <TrendsPage trends={trends} basePath="/patient/trends" />
    </>
  );
}
