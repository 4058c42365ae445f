// The signed-in person's own account: their details, a patient's phone numbers and their data to download,
// notifications on this device and their notification settings, a new password, and ending every session.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ExportLinks } from '~/app/_components/exports/export-links';
import { Card, PageTitle } from '~/app/_components/ui';
import { loadOwnRecord } from '~/app/_lib/own-record';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { dialable, formatPhone } from '~/lib/contacts/phone';
import { env } from '~/server/env';
import { ChangePasswordForm } from './change-password-form';
import { OwnContactsForm } from './own-contacts-form';
import { PushDevice } from './push-device';
import { NotificationSettingsForm } from './notification-settings';
import { SignOutEverywhere } from './sign-out-everywhere';
import { TwoStepSettings } from '~/app/_components/two-step/two-step-settings';
import { AccountLocaleForm } from './locale-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Account');
  return { title: t('metaTitle') };
}

export default async function AccountPage() {
  // The layout has already checked; this is the same cached session read, not a second query.
  const user = await requireUser();
  const t = await getTranslations('Account');
  const tc = await getTranslations('Common');
  const contacts = user.role === 'patient' ? await ownContacts(user.id) : null;
  const tp = await getTranslations('Push');
  const tn = await getTranslations('NotifySettings');
  const tx = await getTranslations('Exports.myData');
  const api = await serverApi();
  const [notificationSettings, twoStep] = await Promise.all([api.notificationSettings.get(), api.account.twoStep.status()]);
  const t2 = await getTranslations('TwoStep');
  const tr = await getTranslations('ReadAudit.mine');
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card title={t('detailsTitle')}>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-700">{t('name')}</dt>
            <dd className="break-words text-slate-900">{user.name}</dd>
            <dt className="font-medium text-slate-700">{t('email')}</dt>
            <dd className="break-all text-slate-900">{user.email}</dd>
            <dt className="font-medium text-slate-700">{t('role')}</dt>
            <dd className="text-slate-900">{tc(`roles.${user.role}`)}</dd>
            <dt className="font-medium text-slate-700">{t('timeZone')}</dt>
            <dd className="break-words text-slate-900">{user.timeZone}</dd>
          </dl>
          <p className="mt-4 text-sm text-slate-700">{t('detailsHint')}</p>
        </Card>
        {contacts && (
          <Card title={contacts.title}>
            <OwnContactsForm patientId={user.id} initial={contacts.initial} careTeam={contacts.careTeam} emergency={contacts.emergency} />
          </Card>
        )}
        {contacts && (
          <Card title={tr('cardTitle')}>
            <p className="mb-3 text-slate-700">{tr('cardIntro')}</p>
            <Link href="/patient/who-looked" className="inline-flex min-h-11 items-center font-semibold text-brand-700 underline underline-offset-2">{tr('link')}</Link>
          </Card>
        )}
        {contacts && (
          <Card title={tx('title')}>
            <p className="mb-3 text-slate-700">{tx('intro')}</p>
            <ExportLinks patientId={user.id} files={['fhir.json', 'check-ins.csv', 'plan-steps.csv']} />
          </Card>
        )}
        <Card title={tp('title')}>
          <PushDevice timeZone={user.timeZone} />
        </Card>
        <Card title={tn('title')}>
          <NotificationSettingsForm initial={notificationSettings} />
        </Card>
        <Card title={t('languageTitle')}>
          <AccountLocaleForm />
        </Card>
        <Card title={t('changePasswordTitle')}>
          <ChangePasswordForm email={user.email} />
        </Card>
        <Card title={t2('cardTitle')}>
          <TwoStepSettings state={twoStep} />
        </Card>
        <Card title={t('signOutEverywhereTitle')}>
          <SignOutEverywhere />
        </Card>
      </div>
    </>
  );
}

/** A patient's numbers for their form, and the care team's number they call; null without a patient record. */
async function ownContacts(patientId: string) {
  const record = await loadOwnRecord(patientId);
  if (!record) return null;
  const api = await serverApi();
  const clinic = await api.clinic.contacts();
  const t = await getTranslations('Contacts.own');
  const tci = await getTranslations('CheckIn');
  const { patient } = record;
  const shown = (phone: string | null) => (phone ? formatPhone(phone) : '');
  return {
    title: t('title'),
    initial: { phone: shown(patient.phone), emergencyContactName: patient.emergencyContactName ?? '', emergencyContactPhone: shown(patient.emergencyContactPhone) },
    careTeam: dialable(patient.careTeamPhone) ?? dialable(clinic.clinicPhone),
    emergency: env.EMERGENCY_NUMBER ?? tci('localNumber'),
  };
}
