// Today's check-in: loads the day (planned doses, an earlier check-in, screeners due) and the care team
// on the server; the form beside it does the rest. Pump patients are told plainly there is none here.
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { serverApi } from '~/app/_trpc/server';
import { dialable } from '~/lib/contacts/phone';
import { env } from '~/server/env';
import { requireOwnRecord } from '../_guard';
import { PageNotice } from '../_page-notice';
import { CheckInForm } from './check-in-form';
import type { UrgentContacts } from './types';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CheckIn');
  return { title: t('metaTitle') };
}

export default async function CheckInPage() {
  const { user: me, record } = await requireOwnRecord();
  const api = await serverApi();
  const t = await getTranslations('CheckIn');
  // An account without a patient profile (made by a script, say) has nothing to check in against.
  if (!record) return <PageNotice title={t('title')} noticeTitle={t('noRecord.title')}>{t('noRecord.body')}</PageNotice>;
  if (record.patient.hasIntrathecalPump) return <PageNotice title={t('title')} tone="warning" noticeTitle={t('pump.title')}>{t('pump.body')}</PageNotice>;

  const [day, clinic] = await Promise.all([api.checkins.day({ patientId: me.id }), api.clinic.contacts()]);
  const crisisLine = dialable(clinic.crisisLinePhone);
  const contacts: UrgentContacts = {
    careTeam: dialable(record.patient.careTeamPhone) ?? dialable(clinic.clinicPhone),
    crisisLine: crisisLine && clinic.crisisLineName ? { ...crisisLine, name: clinic.crisisLineName } : null,
  };
  const format = await getFormatter();
  // The day is a calendar date in the patient's zone: format it on the UTC calendar so it never shifts.
  const todayLabel = format.dateTime(new Date(`${day.today}T00:00:00Z`), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const careTeam = record.careTeam.map((m) => ({ clinicianId: m.clinicianId, name: m.name, discipline: m.discipline }));

  return (
    <div className="mx-auto max-w-2xl">
      <CheckInForm patientId={me.id} day={day} todayLabel={todayLabel} careTeam={careTeam} contacts={contacts} emergencyNumber={env.EMERGENCY_NUMBER ?? null} />
    </div>
  );
}
