// "My plan": today's doses and what to take, the next change, the whole taper, agreeing or asking for
// a change, and the history of every change with who made it and why.
import type { Metadata } from 'next';
import { getFormatter, getTranslations } from 'next-intl/server';
import { MyAdjuncts } from '~/app/_components/adjuncts/my-adjuncts';
import { PlanComments } from '~/app/_components/plan/plan-comments';
import { PlanHistory } from '~/app/_components/plan/plan-history';
import { DoseChart } from '~/app/_components/taper/dose-chart';
import { formatDay } from '~/lib/dates';
import { ScheduleTable } from '~/app/_components/taper/schedule-table';
import { TakeText } from '~/app/_components/taper/take-text';
import { Badge, ButtonLink, Card, EmptyState, Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { PageNotice } from '../_page-notice';
import { AgreePanel } from './agree-panel';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Plan');
  return { title: t('myPlanTitle') };
}

export default async function MyPlanPage() {
  const me = await requireUser('patient');
  const view = await (await serverApi()).plans.get({ patientId: me.id });
  const t = await getTranslations('Plan');
  const format = await getFormatter();
  const plan = view.plan;

  if (view.facts.hasIntrathecalPump) {
    return <PageNotice title={t('myPlanTitle')} tone="warning">{t('pumpPatient')}</PageNotice>;
  }
  if (!plan) {
    return (
      <>
        <PageTitle>{t('myPlanTitle')}</PageTitle>
        <EmptyState title={view.preparing ? t('patientStatusHelp.draft') : t('nonePatient')} />
      </>
    );
  }

  const running = plan.status === 'active' || plan.status === 'paused';
  const first = plan.steps[0];
  const notStarted = first !== undefined && view.today < first.startDate;
  const current = running && !notStarted && plan.currentIndex !== null ? plan.steps[plan.currentIndex] : undefined;
  const next = current ? plan.steps[current.index + 1] : first;
  const bigSteps = plan.warnings.find((w) => w.code === 'cut-above-cap');

  return (
    <>
      <PageTitle subtitle={<>{t('version', { version: plan.version })} <Badge tone="brand">{t(`status.${plan.status}`)}</Badge></>}>{t('myPlanTitle')}</PageTitle>
      <div className="flex flex-col gap-6">
        <Notice tone={plan.status === 'proposed' ? 'warning' : 'info'}>{t(`patientStatusHelp.${plan.status}`)}</Notice>
        {bigSteps?.code === 'cut-above-cap' && (
          <Notice tone="warning" title={t('patientBigStepsTitle')}>
            <p>
              {t('patientBigSteps', {
                count: bigSteps.cuts.length,
                cap: bigSteps.capPercent,
                cuts: bigSteps.cuts.map((c) => t('patientCutItem', { number: c.index + 1, from: c.fromMg, to: c.toMg })).join('; '),
              })}
            </p>
            <p className="mt-1">
              {bigSteps.acceptance
                ? t('patientBigStepsAccepted', { name: bigSteps.acceptance.byName, reason: bigSteps.acceptance.reason })
                : t('patientBigStepsPending')}
            </p>
            <p className="mt-1">{t('patientBigStepsAsk')}</p>
          </Notice>
        )}
        {plan.status === 'proposed' && <AgreePanel patientId={me.id} planId={plan.id} version={plan.version} />}

        {running && (
          <Card title={t('todayDoses')}>
            {notStarted && first ? (
              <p className="text-lg">{t('notStarted', { date: formatDay(first.startDate, format) })}</p>
            ) : current ? (
              <ul className="flex flex-col gap-3">
                {current.doses.map((d) => (
                  <li key={d.time} className="flex flex-wrap items-baseline gap-x-4 rounded-lg bg-brand-50 px-4 py-3 text-lg">
                    <span className="font-bold tabular-nums">{d.time}</span>
                    <span className="font-semibold">{t('todayDoseMg', { mg: d.mg })}</span>
                    <TakeText take={d.take} className="text-slate-800" />
                  </li>
                ))}
              </ul>
            ) : (
              <p>{t('nothingToday')}</p>
            )}
          </Card>
        )}

        {(running || plan.status === 'agreed') && (
          <Card title={t('nextChange')}>
            <p className="text-lg">{next && next !== current ? t('nextChangeText', { date: formatDay(next.startDate, format), mg: next.dailyMg }) : t('noNextChange')}</p>
          </Card>
        )}

        <MyAdjuncts patientId={me.id} planId={plan.id} />

        <Card title={t('wholeTaper')} actions={<ButtonLink href="/patient/plan/print" variant="secondary">{t('print')}</ButtonLink>}>
          <div className="flex flex-col gap-4">
            <DoseChart steps={plan.steps} currentDailyMg={plan.input.currentDailyMg} today={view.today} />
            <ScheduleTable steps={plan.steps} currentIndex={current?.index} audience="patient" />
          </div>
        </Card>

        <Card title={t('history')}>
          <PlanHistory patientId={me.id} planId={plan.id} versions={view.versions} />
        </Card>
        <Card title={t('comments')}>
          <PlanComments patientId={me.id} planId={plan.id} version={plan.version} planStatus={plan.status} viewer="patient" comments={view.comments} />
        </Card>
      </div>
    </>
  );
}
