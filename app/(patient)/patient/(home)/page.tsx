// The patient's home, phone first: today's check-in and doses, what the team shared with them, their plan,
// their care team and their details.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { MilestoneCelebration } from '~/app/_components/milestones/milestone-celebration';
import { TakeText } from '~/app/_components/taper/take-text';
import { Badge, ButtonLink, Card, EmptyState, Notice } from '~/app/_components/ui';
import { serverApi } from '~/app/_trpc/server';
import { calendarDate } from '~/lib/dates';
import type { inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '~/server/api/root';
import { requireOwnRecord } from '../_guard';
import { DoseChangeCard } from './dose-change-card';

type Outputs = inferRouterOutputs<AppRouter>;
type FromTeam =
  | { kind: 'message'; at: Date; message: Outputs['conversation']['list'][number] }
  | { kind: 'review'; at: Date; review: Outputs['mdt']['sharedOutcomes'][number] };

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Patient');
  return { title: t('metaTitle') };
}

export default async function PatientHome() {
  const { user, record } = await requireOwnRecord();
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
  const tk = await getTranslations('CheckIn');
  const api = await serverApi();
  const [{ plan }, messages, outcomes] = await Promise.all([
    api.plans.get({ patientId: user.id }),
    api.conversation.list({ patientId: user.id }),
    api.mdt.sharedOutcomes({ patientId: user.id }),
  ]);
  const tv = await getTranslations('Conversation');
  const tr = await getTranslations('PatientReviews');
  // Pump patients have no check-in (the API would answer, but there is nothing for them to do with it).
  const day = patient.hasIntrathecalPump ? null : await api.checkins.day({ patientId: user.id });
  const doseChange = plan?.status === 'active' ? await api.plans.doseChangeTomorrow({ patientId: user.id }) : null;
  const tc = await getTranslations('Common');
  const format = await getFormatter();
  // Times the patient sees are on their own clock, like their check-in day.
  const clock = (at: Date) => format.dateTime(at, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: patient.timeZone });
  // What the team shared, newest first: messages (notes and plan comments alike; a corrected note gives way to
  // its correction) and the summaries of finalised team reviews, which the patient reads on their Reviews page.
  const fromTeam: FromTeam[] = [
    ...messages.filter((m) => m.authorRole === 'clinician' && m.correctedBy === null).map((message) => ({ kind: 'message' as const, at: message.createdAt, message })),
    ...outcomes.map((review) => ({ kind: 'review' as const, at: review.finalisedAt ?? calendarDate(review.heldOn), review })),
  ]
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, 3);
  const wroteToTeam = messages.some((m) => m.authorRole === 'patient');
  const longDay = (iso: string) => format.dateTime(calendarDate(iso), { dateStyle: 'long', timeZone: 'UTC' });
  // A date of birth is a calendar date, not an instant: format it on the UTC calendar so it never shifts a day.
  const dateOfBirth = patient.dateOfBirth
    ? format.dateTime(new Date(`${patient.dateOfBirth}T00:00:00Z`), { dateStyle: 'long', timeZone: 'UTC' })
    : t('details.notRecorded');

  return (
    <div className="flex flex-col gap-5 text-lg">
      <h1 className="text-2xl font-bold text-slate-900 sm:text-3xl">{t('greeting', { name: patient.name })}</h1>

      <MilestoneCelebration patientId={user.id} />

      {doseChange && <DoseChangeCard change={doseChange} />}

      {patient.hasIntrathecalPump && (
        <Notice tone="warning" title={t('pump.title')}>
          {t('pump.body')}
        </Notice>
      )}

      {/* Pump patients are never tapered here, so promising a plan or check-ins would mislead them. */}
      <Card title={t('today.title')}>
        {!day ? (
          <EmptyState title={t('today.empty')}>{t('today.pump')}</EmptyState>
        ) : (
          <div className="flex flex-col gap-4">
            <p className="font-semibold">
              {!day.existing
                ? tk('home.notYet')
                : day.existing.revision > 1
                  ? tk('home.corrected', { time: clock(day.existing.createdAt), corrected: clock(day.existing.updatedAt) })
                  : tk('home.done', { time: clock(day.existing.createdAt) })}
            </p>
            <div>
              <ButtonLink href="/patient/check-in" variant={day.existing ? 'secondary' : 'primary'} className="min-h-12 w-full text-lg sm:w-auto">
                {day.existing ? tk('home.correct') : tk('home.checkIn')}
              </ButtonLink>
            </div>
            {day.plannedDoses.length > 0 ? (
              <div>
                <h3 className="font-semibold text-slate-900">{tk('home.dosesTitle')}</h3>
                <ul className="mt-2 flex flex-col gap-2">
                  {day.plannedDoses.map((d) => (
                    <li key={d.time} className="flex flex-wrap gap-x-3 rounded-lg bg-brand-50 px-3 py-2">
                      <span className="font-bold tabular-nums">{d.time}</span>
                      <span>{tp('todayDoseMg', { mg: d.mg })}</span>
                      <TakeText take={d.take} className="text-slate-800" />
                    </li>
                  ))}
                </ul>
              </div>
            ) : (
              day.planStatus && <p>{tk('home.notStarted')}</p>
            )}
          </div>
        )}
      </Card>

      <Card title={tk('home.fromTeamTitle')}>
        <div className="flex flex-col gap-3">
          {fromTeam.length === 0 ? (
            // "Nothing yet" only when the conversation is empty: a patient who wrote is told the team reads it.
            <p className="text-slate-700">{wroteToTeam ? tv('home.noReply') : tv('home.empty')}</p>
          ) : (
            <ul className="flex flex-col divide-y divide-slate-200">
              {fromTeam.map((item) =>
                item.kind === 'review' ? (
                  <li key={`review-${item.review.id}`} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0">
                    <p className="text-base font-semibold text-slate-900">{tr('heldOn', { date: longDay(item.review.heldOn) })}</p>
                    <p className="whitespace-pre-line break-words">{item.review.sharedSummary}</p>
                  </li>
                ) : (
                  <li key={item.message.id} className="flex flex-col gap-1 py-3 first:pt-0 last:pb-0">
                    <p className="text-base text-slate-700">
                      <span className="font-semibold text-slate-900">{item.message.authorName}</span>
                      {item.message.authorDiscipline && <> · {tc(`disciplines.${item.message.authorDiscipline}`)}</>}
                      {' · '}
                      <time dateTime={item.message.createdAt.toISOString()}>{format.dateTime(item.message.createdAt, { dateStyle: 'medium', timeZone: patient.timeZone })}</time>
                    </p>
                    <p className="whitespace-pre-wrap break-words">{item.message.body}</p>
                    {item.message.source === 'plan-comment' && item.message.plan && (
                      <p className="text-base">
                        <Link prefetch={false} href="/patient/plan" className="inline-flex min-h-11 items-center font-medium text-brand-700 underline underline-offset-2">{tv('home.onPlan', { version: item.message.plan.version })}</Link>
                      </p>
                    )}
                  </li>
                ),
              )}
            </ul>
          )}
          <div className="flex flex-col items-start">
            <Link prefetch={false} href="/patient/notes" className="inline-flex min-h-12 items-center font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800">
              {tv('home.allMessages')}
            </Link>
            {outcomes.length > 0 && (
              <Link prefetch={false} href="/patient/reviews" className="inline-flex min-h-12 items-center font-semibold text-brand-700 underline underline-offset-2 hover:text-brand-800">
                {tv('home.allReviews')}
              </Link>
            )}
          </div>
        </div>
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
            <div>
              <ButtonLink href="/patient/plan" className="min-h-12">{tp('viewPlan')}</ButtonLink>
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
