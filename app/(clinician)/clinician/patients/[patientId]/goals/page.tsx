// A patient's goals as the care team works on them: set, revise, close, record progress; revisions kept as history.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { GoalsBoard } from '~/app/_components/goals/goals-board';
import { MilestoneList } from '~/app/_components/milestones/milestone-text';
import { Card, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { loadRecord } from '../load-record';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Goals');
  return { title: t('metaTitle') };
}

export default async function ClinicianGoalsPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const me = await requireUser('clinician');
  const { patient } = await loadRecord(patientId);
  const t = await getTranslations('Goals');
  const tm = await getTranslations('Milestones');
  const api = await serverApi();
  const [goals, milestones, view] = await Promise.all([api.goals.list({ patientId }), api.milestones.list({ patientId }), api.plans.get({ patientId })]);
  return (
    <>
      <PageTitle subtitle={<Link href={`/clinician/patients/${patientId}`} className="underline">{patient.name}</Link>}>{t('title')}</PageTitle>
      <p className="mb-6 text-slate-700">{t('clinicianIntro')}</p>
      <div className="flex flex-col gap-6">
        <GoalsBoard patientId={patientId} viewer="clinician" goals={goals} today={view.today} timeZone={me.timeZone} />
        <Card title={tm('title')}>
          <MilestoneList milestones={milestones} />
        </Card>
      </div>
    </>
  );
}
