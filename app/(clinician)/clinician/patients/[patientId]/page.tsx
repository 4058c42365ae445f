// One patient's record as their care team sees it: safety notices, alerts, recent check-ins, plan, profile and care team.
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { CheckInTable } from '~/app/_components/triage/checkin-table';
import { Badge, ButtonLink, Card, Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { formatPhone } from '~/lib/contacts/phone';
import { localDate } from '~/lib/dates';
import type { Metric } from '~/lib/criteria/types';
import { allows } from '~/server/auth/policy';
import { ExportLinks } from '~/app/_components/exports/export-links';
import { ExportRange } from '~/app/_components/exports/export-range';
import { AccountControl } from './account-control';
import { AlertsPanel } from './alerts-panel';
import { CareTeam } from './care-team';
import { ContactNumbers } from './contact-numbers';
import { ContactsEditor } from './contacts-editor';
import { loadRecord } from './load-record';
import { ProfileEditor } from './profile-editor';
import { ReissueInvite } from './reissue-invite';

// The tab title stays generic: titles end up in browser history and shared screens.
export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('PatientRecord');
  return { title: t('metaTitle') };
}

const CHECK_IN_DAYS = 14;

/** The current criteria's metrics by id, so criterion alerts can show their values with units; none when there are no criteria. */
async function criterionMetrics(patientId: string, planId: string | undefined): Promise<Record<string, Metric>> {
  if (!planId) return {};
  const api = await serverApi();
  try {
    const { criteria } = await api.criteria.get({ patientId, planId });
    return Object.fromEntries(criteria.map((c) => [c.id, c.metric]));
  } catch {
    // A plan from before criteria existed has none: the alerts then show plain values.
    return {};
  }
}

export default async function PatientRecordPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const me = await requireUser('clinician');
  const { patient, careTeam, access } = await loadRecord(patientId);
  const canEdit = allows(access, 'edit-plan');
  // The patient's account is their care team's to manage, by a prescriber on it (not an administrator).
  const mayPrescribe = allows(access, 'prescribe');
  const api = await serverApi();
  // The directory is only for adding colleagues, which only plan editors may do.
  const directory = canEdit ? await api.patients.clinicianDirectory() : [];

  const t = await getTranslations('PatientRecord');
  const tc = await getTranslations('Common');
  const tp = await getTranslations('Plan');
  const planStatus = (await api.plans.get({ patientId })).plan;
  const ta = await getTranslations('Alerts');
  const tt = await getTranslations('Triage.checkIns');
  const tk = await getTranslations('Contacts.record');
  const tx = await getTranslations('Exports.recordCard');
  const [alerts, checkIns, metrics, clinic] = await Promise.all([
    api.alerts.list({ patientId, open: false }),
    api.checkins.list({ patientId, days: CHECK_IN_DAYS }),
    criterionMetrics(patientId, planStatus?.id),
    api.clinic.contacts(),
  ]);
  const shown = (phone: string | null) => (phone ? formatPhone(phone) : '');
  const format = await getFormatter();
  const renalImpaired = patient.renalFunction === 'mild' || patient.renalFunction === 'moderate' || patient.renalFunction === 'severe';
  // A date of birth is a calendar date, not an instant: format it on the UTC calendar so it never shifts a day.
  const dateOfBirth = patient.dateOfBirth
    ? format.dateTime(new Date(`${patient.dateOfBirth}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })
    : t('profile.notRecorded');

  return (
    <>
      <PageTitle subtitle={t('subtitle', { email: patient.email })}>{patient.name}</PageTitle>

      <div className="flex flex-col gap-6">
        {(patient.hasIntrathecalPump || renalImpaired || !canEdit) && (
          <div className="flex flex-col gap-3">
            {patient.hasIntrathecalPump && (
              <Notice tone="warning" title={t('pump.title')}>
                {t('pump.body')}
              </Notice>
            )}
            {renalImpaired && (
              <Notice tone="info" title={t('renal.title', { level: tc(`renal.${patient.renalFunction}`) })}>
                {t('renal.body')}
              </Notice>
            )}
            {!canEdit && (
              <Notice tone="info" title={t('readOnly.title')}>
                {t('readOnly.body')}
              </Notice>
            )}
          </div>
        )}

        <Card title={ta('title')}>
          <AlertsPanel patientId={patient.id} alerts={alerts} metrics={metrics} timeZone={me.timeZone} />
        </Card>

        {/* Beside the alerts: acknowledging one often starts with a call to the patient. */}
        <Card title={tk('title')}>
          <ContactNumbers numbers={patient} clinicPhone={clinic.clinicPhone} />
          {access.kind === 'care-team' && (
            <ContactsEditor
              patientId={patient.id}
              contacts={{
                phone: shown(patient.phone),
                emergencyContactName: patient.emergencyContactName ?? '',
                emergencyContactPhone: shown(patient.emergencyContactPhone),
                careTeamPhone: shown(patient.careTeamPhone),
              }}
            />
          )}
        </Card>

        <Card title={tt('title')}>
          <CheckInTable checkIns={checkIns} days={CHECK_IN_DAYS} />
        </Card>

        <Card title={t('plan.title')}>
          {planStatus ? (
            <p className="mb-3">
              {tp('version', { version: planStatus.version })} <Badge tone="brand">{tp(`status.${planStatus.status}`)}</Badge>
            </p>
          ) : (
            <p className="mb-3 text-slate-700">{t('plan.empty')}</p>
          )}
          {!patient.hasIntrathecalPump && <ButtonLink href={`/clinician/patients/${patient.id}/plan`}>{tp('openPlan')}</ButtonLink>}
        </Card>

        <Card title={t('profile.title')}>
          <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-700">{t('profile.dateOfBirth')}</dt>
            <dd>{dateOfBirth}</dd>
            <dt className="font-medium text-slate-700">{t('profile.conditions')}</dt>
            <dd>{patient.conditions === '' ? t('profile.notRecorded') : patient.conditions}</dd>
            <dt className="font-medium text-slate-700">{t('profile.renalFunction')}</dt>
            <dd>{tc(`renal.${patient.renalFunction}`)}</dd>
            <dt className="font-medium text-slate-700">{t('profile.pump')}</dt>
            <dd>{patient.hasIntrathecalPump ? t('profile.pumpYes') : t('profile.pumpNo')}</dd>
            <dt className="font-medium text-slate-700">{t('profile.timeZone')}</dt>
            <dd>{patient.timeZone.replaceAll('_', ' ')}</dd>
            <dt className="font-medium text-slate-700">{t('profile.account')}</dt>
            <dd>{tc(`accountStatus.${patient.accountStatus}`)}</dd>
          </dl>
          {canEdit && (
            <ProfileEditor
              patientId={patient.id}
              profile={{
                dateOfBirth: patient.dateOfBirth,
                conditions: patient.conditions,
                renalFunction: patient.renalFunction,
                hasIntrathecalPump: patient.hasIntrathecalPump,
                timeZone: patient.timeZone,
              }}
            />
          )}
          {canEdit && patient.accountStatus === 'invited' && (
            <div className="mt-4 border-t border-slate-200 pt-4">
              <ReissueInvite patientId={patient.id} />
            </div>
          )}
          <section aria-labelledby="patient-account" className="mt-4 border-t border-slate-200 pt-4">
            <h3 id="patient-account" className="mb-2 text-lg font-semibold text-slate-900">{t('account.title')}</h3>
            {mayPrescribe ? (
              <AccountControl patientId={patient.id} patientName={patient.name} disabled={patient.accountStatus === 'disabled'} />
            ) : (
              <p className="text-slate-700">{t('account.prescriberOnly')}</p>
            )}
          </section>
        </Card>

        <Card title={tx('title')}>
          <p className="mb-3 max-w-3xl text-slate-700">{tx('intro')}</p>
          <ExportLinks patientId={patient.id} files={['fhir.json', 'check-ins.csv', 'plan-steps.csv', 'summary.pdf']} />
          <div className="mt-4 border-t border-slate-200 pt-4">
            <ExportRange patientId={patient.id} today={localDate(patient.timeZone, new Date())} />
          </div>
          <p className="mt-3">
            <a href={`/clinician/patients/${patient.id}/summary`} className="font-semibold text-brand-700 underline underline-offset-2">{tx('summaryLink')}</a>
          </p>
        </Card>

        <Card title={t('team.title')}>
          <CareTeam
            patientId={patient.id}
            currentUserId={me.id}
            canEdit={canEdit}
            directory={directory}
            members={careTeam.map((m) => ({ clinicianId: m.clinicianId, name: m.name, email: m.email, discipline: m.discipline, mayEditPlan: m.mayEditPlan }))}
          />
        </Card>

      </div>
    </>
  );
}
