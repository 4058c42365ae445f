// The weekly review of one patient: the last 7 local days at a glance, the trend against the week before,
// red flags, alerts and criteria, the step recommendation, the form to record the review, and past reviews.
import type { Metadata } from 'next';
import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { calendarDate } from '~/lib/dates';
import { alertWhat, redFlagName } from '~/app/_components/triage/alert-text';
import { SafetyReasons } from '~/app/_components/triage/safety-reasons';
import { Badge, Card, EmptyState, Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { addDays } from '~/lib/taper';
import { loadRecord } from '../load-record';
import { WeeklyReviewForm } from './review-form';
import { RowTh, Table, Td, Th, THead, Tr } from '~/app/_components/table';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('WeeklyReview');
  return { title: t('metaTitle') };
}

const trendMark = { better: '▲', worse: '▼', steady: '■' } as const;
const trendTone = { better: 'text-emerald-900', worse: 'text-red-900', steady: 'text-slate-700' } as const;

export default async function WeeklyReviewPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const me = await requireUser('clinician');
  const { patient } = await loadRecord(patientId);
  const api = await serverApi();
  const [data, past] = await Promise.all([api.weeklyReviews.data({ patientId }), api.weeklyReviews.list({ patientId })]);
  const t = await getTranslations('WeeklyReview');
  const ta = await getTranslations('Alerts');
  const td = await getTranslations('Decision');
  const tc = await getTranslations('Common');
  const tn = await getTranslations('Notes');
  const format = await getFormatter();
  const day = (iso: string) => format.dateTime(calendarDate(iso), { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const longDay = (iso: string) => format.dateTime(calendarDate(iso), { dateStyle: 'medium', timeZone: 'UTC' });
  const instant = (d: Date) => format.dateTime(d, { dateStyle: 'medium', timeStyle: 'short', timeZone: me.timeZone });
  const dash = (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{t('notAnswered')}</span>
    </>
  );
  const score = (value: number | null, max: number) => (value === null ? dash : t('score', { value, max }));
  const rec = data.recommendation;

  return (
    <>
      <PageTitle subtitle={t('subtitle', { start: longDay(data.periodStart), end: longDay(data.periodEnd) })}>{t('title', { name: patient.name })}</PageTitle>
      <p className="mb-4">
        <Link href={`/clinician/patients/${patient.id}`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">
          {t('back')}
        </Link>
      </p>
      <div className="flex flex-col gap-6">
        <Notice tone="info">
          {data.lastReviewedAt && data.lastNextReviewOn
            ? t('lastReviewed', { when: instant(data.lastReviewedAt), next: longDay(data.lastNextReviewOn) })
            : t('neverReviewed')}
        </Notice>

        <Card title={t('daysTitle')}>
          <p className="mb-3 text-slate-700">{t('checkIns', { count: data.checkInCount })}</p>
          <Table caption={t('daysCaption')} look="plain" minWidth="44rem">
            <THead>
              {(['day', 'planned', 'taken', 'missed', 'spasticity', 'spasms', 'sleep', 'mood', 'pain', 'redFlags'] as const).map((c) => (
                <Th key={c}>{t(`columns.${c}`)}</Th>
              ))}
            </THead>
            <tbody>
              {data.days.map((d) => (
                <Tr key={d.date} className="align-top">
                  <RowTh className="font-semibold whitespace-nowrap">{day(d.date)}</RowTh>
                  <Td className="whitespace-nowrap">{d.plannedMg === null ? t('noPlan') : t('mg', { mg: d.plannedMg })}</Td>
                  {d.checkedIn ? (
                    <>
                      <Td className="whitespace-nowrap">{d.takenMg === null ? dash : t('mg', { mg: d.takenMg })}</Td>
                      <Td className={d.dosesMissed > 0 ? 'font-semibold' : undefined}>
                        {d.takenMg === null ? dash : d.dosesPlanned > 0 ? t('missedOf', { missed: d.dosesMissed, planned: d.dosesPlanned }) : d.dosesMissed}
                      </Td>
                      <Td>{score(d.scores.spasticity, 10)}</Td>
                      <Td>{score(d.scores.spasmFrequency, 4)}</Td>
                      <Td className="whitespace-nowrap">
                        {d.scores.sleepQuality === null ? dash : t('sleep', { quality: d.scores.sleepQuality, hours: d.sleepHours ?? '–' })}
                      </Td>
                      <Td>{score(d.scores.mood, 10)}</Td>
                      <Td>{score(d.scores.pain, 10)}</Td>
                      <Td>
                        {d.redFlags.length === 0 ? (
                          t('none')
                        ) : (
                          <ul className="font-semibold text-red-900">
                            {d.redFlags.map((code) => (
                              <li key={code}><span aria-hidden="true">! </span>{redFlagName(code, ta)}</li>
                            ))}
                          </ul>
                        )}
                      </Td>
                    </>
                  ) : (
                    <Td colSpan={8} className="text-slate-700">{t('noCheckIn')}</Td>
                  )}
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card title={t('trendsTitle')}>
          <p className="mb-3 text-slate-700">{t('trendsIntro')}</p>
          <Table caption={t('trendsCaption')} look="plain" minWidth="30rem">
            <THead>
              <Th>{t('trendColumns.score')}</Th>
              <Th>{t('trendColumns.thisWeek')}</Th>
              <Th>{t('trendColumns.previous')}</Th>
              <Th>{t('trendColumns.trend')}</Th>
            </THead>
            <tbody>
              {data.trends.map((s) => (
                <Tr key={s.key}>
                  <RowTh className="font-medium">{t(`scores.${s.key}`)}</RowTh>
                  <Td>{s.mean === null ? dash : t('mean', { value: s.mean })}</Td>
                  <Td>{s.previousMean === null ? dash : t('mean', { value: s.previousMean })}</Td>
                  <Td className={`font-semibold ${s.trend ? trendTone[s.trend] : 'text-slate-700'}`}>
                    {s.trend ? (
                      <>
                        <span aria-hidden="true">{trendMark[s.trend]} </span>
                        {t(`trend.${s.trend}`)}
                      </>
                    ) : (
                      t('trend.unknown')
                    )}
                  </Td>
                </Tr>
              ))}
            </tbody>
          </Table>
        </Card>

        <Card title={t('flagsTitle')}>
          {data.redFlagDays.length === 0 && data.alerts.length === 0 ? (
            <p className="text-slate-700">{t('noFlags')}</p>
          ) : (
            <div className="flex flex-col gap-4">
              {data.redFlagDays.length > 0 && (
                <ul className="flex flex-col gap-1 font-semibold text-red-900">
                  {data.redFlagDays.map((d) => (
                    <li key={d.date}>
                      <span aria-hidden="true">! </span>
                      {t('redFlagDay', { date: day(d.date), flags: d.redFlags.map((code) => redFlagName(code, ta)).join(', ') })}
                    </li>
                  ))}
                </ul>
              )}
              {data.alerts.length > 0 && (
                <div>
                  <h3 className="mb-1 font-semibold text-slate-900">{t('alertsTitle')}</h3>
                  <ul className="flex flex-col gap-1">
                    {data.alerts.map((a) => (
                      <li key={a.id} className="flex flex-wrap items-center gap-2">
                        <Badge tone={a.severity === 'urgent' ? 'danger' : a.severity === 'warning' ? 'warning' : 'neutral'}>{ta(`severity.${a.severity === 'urgent' ? 'urgent' : a.severity === 'warning' ? 'warning' : 'info'}`)}</Badge>
                        <span>{t('alertLine', { date: day(a.date), what: a.label ?? alertWhat({ kind: a.kind, code: a.code, evidence: null }, ta) })}</span>
                        <span className="text-sm text-slate-700">({a.acknowledged ? t('acknowledged') : t('open')})</span>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
          )}
          <h3 className="mt-4 mb-1 font-semibold text-slate-900">{t('criteriaTitle')}</h3>
          {data.criteriaFired.length === 0 ? (
            <p className="text-slate-700">{t('noCriteria')}</p>
          ) : (
            <ul className="list-disc pl-6">
              {data.criteriaFired.map((c) => (
                <li key={c.id}>{t('alertLine', { date: day(c.date), what: c.label ?? c.code })}</li>
              ))}
            </ul>
          )}
        </Card>

        <Card title={t('recommendationTitle')}>
          {rec ? (
            <div className="flex flex-col gap-2">
              <p>{t('recommendationLine', { number: rec.step.index + 1, mg: rec.step.dailyMg, end: longDay(rec.step.endDate), recommendation: td(`recommendation.${rec.recommendation}`) })}</p>
              {rec.because.length > 0 && (
                <ul className="list-disc pl-6">
                  {rec.because.map((f) => <li key={f.criterionId}>{f.label}</li>)}
                </ul>
              )}
              <SafetyReasons safety={rec.safety} />
              {rec.due && <Notice tone="warning">{t('recommendationDue')}</Notice>}
              <p>
                <Link href={`/clinician/patients/${patient.id}/plan`} className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">{t('openPlan')}</Link>
              </p>
            </div>
          ) : (
            <p className="text-slate-700">{t('noRecommendation')}</p>
          )}
        </Card>

        <Card title={t('formTitle')}>
          <WeeklyReviewForm patientId={patient.id} minDate={addDays(data.today, 1)} maxDate={addDays(data.today, 56)} defaultDate={addDays(data.today, 7)} />
        </Card>

        <Card title={t('pastTitle')}>
          {past.length === 0 ? (
            <EmptyState title={t('pastEmpty')} />
          ) : (
            <ol className="flex flex-col gap-3">
              {past.map((r) => (
                // The id is the target of a note's link to this review.
                <li key={r.id} id={`review-${r.id}`} className="scroll-mt-4 rounded-lg border border-slate-200 p-4">
                  <p className="font-semibold text-slate-900">
                    {t('pastLine', { start: longDay(r.periodStart), end: longDay(r.periodEnd), name: r.reviewerName, discipline: tc(`disciplines.${r.reviewerDiscipline}`), when: instant(r.createdAt) })}
                  </p>
                  <p className="mt-1">{t('pastDecision', { decision: t(`decisions.${r.decision}`) })}</p>
                  <p className="mt-1 whitespace-pre-line text-slate-800">{r.summary}</p>
                  <p className="mt-1 text-sm text-slate-700">{t('pastNext', { date: longDay(r.nextReviewOn) })}</p>
                  <p className="mt-1">
                    <Link
                      href={`/clinician/patients/${patient.id}/notes?review=${r.id}`}
                      aria-label={tn('writeAboutReview', { from: longDay(r.periodStart), to: longDay(r.periodEnd) })}
                      className="inline-flex min-h-11 items-center text-sm font-medium text-brand-700 underline underline-offset-2"
                    >
                      {tn('writeAbout')}
                    </Link>
                  </p>
                </li>
              ))}
            </ol>
          )}
        </Card>
      </div>
    </>
  );
}
