// The patient's goals with their progress (which they record here) and the milestones they have reached.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { GoalsBoard } from '~/app/_components/goals/goals-board';
import { MilestoneList } from '~/app/_components/milestones/milestone-text';
import { Card, PageTitle } from '~/app/_components/ui';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { serverApi } from '~/app/_trpc/server';
import { requireOwnRecord } from '../_guard';
import { PageNotice } from '../_page-notice';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Goals');
  return { title: t('metaTitle') };
}

export default async function PatientGoalsPage() {
  const { user, record } = await requireOwnRecord();
  const t = await getTranslations('Goals');
  const tm = await getTranslations('Milestones');
  if (!record) return <PageNotice title={t('title')}>{t('noRecord')}</PageNotice>;
  const api = await serverApi();
  const [goals, milestones, view] = await Promise.all([
    api.goals.list({ patientId: user.id }),
    api.milestones.list({ patientId: user.id }),
    api.plans.get({ patientId: user.id }),
  ]);
  return (
    <div className="flex flex-col gap-6 text-lg">
      <PageTitle subtitle={t('patientIntro')}>{t('title')}</PageTitle>
      <TRPCReactProvider>
        <GoalsBoard patientId={user.id} viewer="patient" goals={goals} today={view.today} timeZone={record.patient.timeZone} />
      </TRPCReactProvider>
      <Card title={tm('title')}>
        <MilestoneList milestones={milestones} />
      </Card>
    </div>
  );
}
