// Administration: the clinic's staff accounts (clinicians and administrators), creating new ones, and the clinic's contacts and escalation window.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card, EmptyState, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { formatPhone } from '~/lib/contacts/phone';
import { ClinicContactsForm } from './clinic-contacts-form';
import { CreateStaffForm } from './create-staff-form';
import { FailedDeliveries } from './failed-deliveries';
import { StaffTable } from './staff-table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Admin');
  return { title: t('title') };
}

export default async function AdminHome() {
  // The layout checks too; checking here as well keeps the page safe however the two are rendered.
  const me = await requireUser('admin');
  const api = await serverApi();
  const [staff, failed, clinic] = await Promise.all([api.admin.listStaff(), api.admin.failedDeliveries(), api.clinic.settings()]);
  const tn = await getTranslations('Notifications');
  const t = await getTranslations('Admin');
  const tk = await getTranslations('Contacts.clinic');
  const shown = (phone: string | null) => (phone ? formatPhone(phone) : '');

  return (
    <>
      <PageTitle subtitle={t('subtitle')}>{t('title')}</PageTitle>
      <section aria-labelledby="staff-heading" className="flex flex-col gap-3">
        <h2 id="staff-heading" className="text-lg font-semibold text-slate-900">{t('staff.title')}</h2>
        {staff.length === 0 ? (
          <EmptyState title={t('staff.empty')} />
        ) : (
          <StaffTable
            currentUserId={me.id}
            staff={staff.map((s) => ({ id: s.id, name: s.name, email: s.email, role: s.role, status: s.status, profession: s.profession, mayPrescribe: s.mayPrescribe, twoStep: Boolean(s.twoStep) }))}
          />
        )}
      </section>
      <Card title={t('create.title')} className="mt-8">
        <CreateStaffForm />
      </Card>
      <Card title={tk('title')} className="mt-8">
        <ClinicContactsForm
          initial={{
            clinicPhone: shown(clinic.clinicPhone),
            onCallName: clinic.onCallName ?? '',
            onCallEmail: clinic.onCallEmail ?? '',
            onCallPhone: shown(clinic.onCallPhone),
            crisisLineName: clinic.crisisLineName ?? '',
            crisisLinePhone: shown(clinic.crisisLinePhone),
            escalationMinutes: String(clinic.escalationMinutes),
          }}
        />
      </Card>
      <section aria-labelledby="failed-heading" className="mt-8 flex flex-col gap-3">
        <h2 id="failed-heading" className="text-lg font-semibold text-slate-900">{tn('failures.title')}</h2>
        <FailedDeliveries rows={failed} timeZone={me.timeZone} />
      </section>
    </>
  );
}
