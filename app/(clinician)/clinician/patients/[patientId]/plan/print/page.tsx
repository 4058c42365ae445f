// The printable schedule of a patient's plan, for the care team to print or hand over.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PrintablePlan } from '~/app/_components/plan/printable-plan';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { loadRecord } from '../../load-record';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Plan');
  return { title: t('print') };
}

export default async function ClinicianPrintPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  await requireUser('clinician');
  const { patient, careTeam } = await loadRecord(patientId);
  const view = await (await serverApi()).plans.get({ patientId });
  return <PrintablePlan patientName={patient.name} plan={view.plan} today={view.today} careTeam={careTeam} backHref={`/clinician/patients/${patientId}/plan`} />;
}
