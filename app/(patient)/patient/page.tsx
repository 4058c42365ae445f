// The patient's home, phone first: today's check-in, their plan, their care team and their details.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { TakeText } from '~/app/_components/taper/take-text';
import { Badge, ButtonLink, Card, EmptyState, Notice } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Patient');
  return { title: t('metaTitle') };
}

/** The patient's own record, or null when their account has no patient profile (made by a script, say). */
async function loadOwnRecord() {
  const api = await serverApi();
  const me = await api.account.me();
  try {
    return await api.patients.get({ patientId: me.id });
  } catch (error) {
    if (error instanceof TRPCError && (error.code === 'FORBIDDEN' || error.code === 'NOT_FOUND')) return null;
    throw error;
  }
}

export default async function PatientHome() {
  // The layout checks too; checking here as well keeps the page safe however the two are rendered.
  const user = await requireUser('patient');
  const record = await loadOwnRecord();
  const t = await getTranslations('Patient');
  if (!record) {
    return (
      <div className="flex flex-col gap-5 text-lg">
        <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('greeting', { name: user.name })}</h1>
        <Notice tone="info" title={t('noRecord.title')}>
          {t('noRecord.body')}
        </Notice>
      </div>
    );
  }
  const { patient, careTeam } = record;
  const tp = await getTranslations('Plan');
  const { plan, today } = await (await serverApi()).plans.get({ patientId: user.id });
  // Today's doses only once the taper is running and has started.
  const running = plan && (plan.status === 'active' || plan.status === 'paused') && plan.currentIndex !== null && (plan.steps[0]?.startDate ?? today) <= today;
  const todayStep = running && plan.currentIndex !== null ? plan.steps[plan.currentIndex] : undefined;
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  // A date of birth is a calendar date, not an instant: format it on the UTC calendar so it never shifts a day.
  const dateOfBirth = patient.dateOfBirth
    ? format.dateTime(new Date(`${patient.dateOfBirth}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })
    : t('details.notRecorded');

  return (
    <div className="flex flex-col gap-5 text-lg">
      <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('greeting', { name: patient.name })}</h1>

      {patient.hasIntrathecalPump && (
        <Notice tone="warning" title={t('pump.title')}>
          {t('pump.body')}
        </Notice>
      )}

      {/* Pump patients are never tapered here, so promising a plan or check-ins would mislead them. */}
      <Card title={t('today.title')}>
        <EmptyState title={t('today.empty')}>{patient.hasIntrathecalPump ? t('today.pump') : t('today.later')}</EmptyState>
      </Card>

      <Card title={t('plan.title')}>
        {patient.hasIntrathecalPump ? (
          <EmptyState title={t('plan.pumpEmpty')}>{t('plan.pump')}</EmptyState>
        ) : plan ? (
          <div className="flex flex-col gap-3">
            <p>
              {tp('version', { version: plan.version })} <Badge tone="brand">{tp(`status.${plan.status}`)}</Badge>
            </p>
            <p>{tp(`patientStatusHelp.${plan.status}`)}</p>
            {todayStep && (
              <ul className="flex flex-col gap-2">
                {todayStep.doses.map((d) => (
                  <li key={d.time} className="flex flex-wrap gap-x-3">
                    <span className="font-bold tabular-nums">{d.time}</span>
                    <span>{tp('todayDoseMg', { mg: d.mg })}</span>
                    <TakeText take={d.take} className="text-slate-800" />
                  </li>
                ))}
              </ul>
            )}
            <div>
              <ButtonLink href="/patient/plan">{tp('viewPlan')}</ButtonLink>
            </div>
          </div>
        ) : (
          <EmptyState title={t('plan.empty')}>{t('plan.meanwhile')}</EmptyState>
        )}
      </Card>

      <Card title={t('team.title')}>
        {careTeam.length === 0 ? (
          <p>{t('team.empty')}</p>
        ) : (
          <ul className="flex flex-col divide-y divide-slate-200">
            {careTeam.map((m) => (
              <li key={m.clinicianId} className="flex flex-col py-3 first:pt-0 last:pb-0">
                <span className="font-semibold">{m.name}</span>
                <span className="text-slate-700">{tc(`disciplines.${m.discipline}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title={t('details.title')}>
        <dl className="flex flex-col gap-3">
          <div>
            <dt className="font-semibold">{t('details.dateOfBirth')}</dt>
            <dd>{dateOfBirth}</dd>
          </div>
          <div>
            <dt className="font-semibold">{t('details.timeZone')}</dt>
            <dd>{patient.timeZone.replaceAll('_', ' ')}</dd>
          </div>
          <div>
            <dt className="font-semibold">{t('details.conditions')}</dt>
            <dd>{patient.conditions === '' ? t('details.notRecorded') : patient.conditions}</dd>
          </div>
        </dl>
        <p className="mt-4 text-base text-slate-700">{t('details.wrong')}</p>
      </Card>
    </div>
  );
}
