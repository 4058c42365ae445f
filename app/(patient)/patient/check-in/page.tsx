// Today's check-in: loads the day (planned doses, an earlier check-in, screeners due) and the care team
// on the server; the form beside it does the rest. Pump patients are told plainly there is none here.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { env } from '~/server/env';
import { CheckInForm } from './check-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CheckIn');
  return { title: t('metaTitle') };
}

export default async function CheckInPage() {
  const me = await requireUser('patient');
  const api = await serverApi();
  const t = await getTranslations('CheckIn');
  let record;
  try {
    record = await api.patients.get({ patientId: me.id });
  } catch (error) {
    // An account without a patient profile (made by a script, say) has nothing to check in against.
    if (!(error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND'))) throw error;
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <Notice tone="info" title={t('noRecord.title')}>{t('noRecord.body')}</Notice>
      </>
    );
  }
  if (record.patient.hasIntrathecalPump) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <Notice tone="warning" title={t('pump.title')}>{t('pump.body')}</Notice>
      </>
    );
  }

  const day = await api.checkins.day({ patientId: me.id });
  const format = await getFormatter();
  // The day is a calendar date in the patient's zone: format it on the UTC calendar so it never shifts.
  const todayLabel = format.dateTime(new Date(`${day.today}T00:00:00Z`), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  const careTeam = record.careTeam.map((m) => ({ clinicianId: m.clinicianId, name: m.name, discipline: m.discipline }));

  return (
    <div className="mx-auto max-w-2xl">
      <CheckInForm patientId={me.id} day={day} todayLabel={todayLabel} careTeam={careTeam} emergencyNumber={env.EMERGENCY_NUMBER ?? null} />
    </div>
  );
}
