// The patient's printable schedule: one page for the fridge and the pharmacist.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PrintablePlan } from '~/app/_components/plan/printable-plan';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Plan');
  return { title: t('print') };
}

export default async function PatientPrintPage() {
  const me = await requireUser('patient');
  const api = await serverApi();
  const [record, view] = await Promise.all([api.patients.get({ patientId: me.id }), api.plans.get({ patientId: me.id })]);
  return <PrintablePlan patientName={record.patient.name} plan={view.plan} today={view.today} careTeam={record.careTeam} backHref="/patient/plan" />;
}
