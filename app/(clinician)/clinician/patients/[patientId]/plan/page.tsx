// A patient's taper plan as the care team works on it: the step decision the criteria recommend, the schedule,
// the stop-go criteria, the editor or the adjustments the plan's state allows, the history and the comments.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AdjunctsSection } from '~/app/_components/adjuncts/adjuncts-section';
import { PlanComments } from '~/app/_components/plan/plan-comments';
import { PlanHistory } from '~/app/_components/plan/plan-history';
import { PlanWarnings } from '~/app/_components/plan/plan-warnings';
import { InteractiveDoseChart } from '~/app/_components/taper/interactive-dose-chart';
import { ScheduleTable } from '~/app/_components/taper/schedule-table';
import { Badge, ButtonLink, Card, EmptyState, Notice, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import type { Metric } from '~/lib/criteria/types';
import { allows } from '~/server/auth/policy';
import { loadRecord } from '../load-record';
import { CriteriaPanel } from './criteria-panel';
import { PlanActions } from './plan-actions';
import { PlanEditor } from './plan-editor';
import { PlanWorkspace } from './plan-workspace';
import { StepDecision } from './step-decision';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Plan');
  return { title: t('title') };
}

/** The plan's criteria, or null for a plan made before criteria existed (it has none to show). */
async function criteriaOf(patientId: string, planId: string) {
  const api = await serverApi();
  try {
    return await api.criteria.get({ patientId, planId });
  } catch (error) {
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') return null;
    throw error;
  }
}

export default async function ClinicianPlanPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const me = await requireUser('clinician');
  const { patient, access, careTeam } = await loadRecord(patientId);
  const api = await serverApi();
  const view = await api.plans.get({ patientId });
  const canEdit = allows(access, 'edit-plan');
  // Only a prescriber on the team proposes, starts or changes doses; other plan editors draft and hold.
  const mayPrescribe = allows(access, 'prescribe');
  const teamHasPrescriber = careTeam.some((m) => m.mayPrescribe);
  const t = await getTranslations('Plan');
  const facts = { hasIntrathecalPump: view.facts.hasIntrathecalPump, renalFunction: view.facts.renalFunction };
  const plan = view.plan;
  const td = await getTranslations('Decision');
  const tk = await getTranslations('Criteria');
  const [criteria, rec] = await Promise.all([
    plan ? criteriaOf(patientId, plan.id) : null,
    plan?.status === 'active' ? api.decisions.recommendation({ patientId }) : null,
  ]);
  const metrics: Record<string, Metric> = Object.fromEntries((criteria?.criteria ?? []).map((c) => [c.id, c.metric]));
  const criteriaEditable = canEdit && plan !== null && plan.status !== 'completed' && plan.status !== 'stopped';

  return (
    <>
      <PageTitle subtitle={<Link href={`/clinician/patients/${patientId}`} className="underline">{patient.name}</Link>}>{t('title')}</PageTitle>
      <div className="flex flex-col gap-6">
        {facts.hasIntrathecalPump && <Notice tone="warning">{t('pump')}</Notice>}
        {!facts.hasIntrathecalPump && !teamHasPrescriber && <Notice tone="warning" title={t('noPrescriber.title')}>{t('noPrescriber.body')}</Notice>}
        {!facts.hasIntrathecalPump && canEdit && !mayPrescribe && <Notice tone="info" title={t('prescriberMust.title')}>{t('prescriberMust.body')}</Notice>}
        {!plan && !facts.hasIntrathecalPump && (
          <Card title={t('none')}>
            {canEdit ? (
              <>
                <p className="mb-4 text-slate-700">{t('noneEditor')}</p>
                <PlanEditor patientId={patientId} patient={facts} today={view.today} mayPrescribe={mayPrescribe} />
              </>
            ) : (
              <EmptyState title={t('none')}>{t('noneReader')}</EmptyState>
            )}
          </Card>
        )}
        {plan && (
          <>
            {plan.status === 'active' && (
              <Card title={td('title')}>
                {rec ? (
                  <StepDecision
                    patientId={patientId}
                    rec={rec}
                    stepCount={plan.steps.length}
                    defaultHoldDays={plan.input.stepDays}
                    canEdit={canEdit}
                    mayPrescribe={mayPrescribe}
                    metrics={metrics}
                    timeZone={me.timeZone}
                    plan={plan}
                    facts={facts}
                    today={view.today}
                  />
                ) : (
                  <p className="text-slate-700">{td('notRunning')}</p>
                )}
              </Card>
            )}
            <div id="stop-go-criteria" className="scroll-mt-4">
              <Card title={tk('title')}>
                {criteria ? (
                  <CriteriaPanel patientId={patientId} planId={plan.id} version={criteria.version} criteria={criteria.criteria} canEdit={criteriaEditable} />
                ) : (
                  <p className="text-slate-700">{tk('none')}</p>
                )}
              </Card>
            </div>
            <Card
              title={<>{t('version', { version: plan.version })} <Badge tone="brand">{t(`status.${plan.status}`)}</Badge></>}
              actions={<ButtonLink href={`/clinician/patients/${patientId}/plan/print`} variant="secondary">{t('print')}</ButtonLink>}
            >
              <p className="mb-4 text-slate-700">{t(`statusHelp.${plan.status}`)}</p>
              <PlanWarnings warnings={plan.warnings} />
              {canEdit && (plan.status === 'draft' || plan.status === 'proposed') ? (
                <PlanWorkspace
                  patientId={patientId}
                  patient={facts}
                  today={view.today}
                  plan={{ id: plan.id, version: plan.version, input: plan.input, status: plan.status, warnings: plan.warnings }}
                  mayPrescribe={mayPrescribe}
                >
                  <InteractiveDoseChart steps={plan.steps} currentDailyMg={plan.input.currentDailyMg} today={view.today} />
                  <ScheduleTable steps={plan.steps} currentIndex={plan.currentIndex ?? undefined} />
                </PlanWorkspace>
              ) : (
                <div className="flex flex-col gap-4">
                  <InteractiveDoseChart steps={plan.steps} currentDailyMg={plan.input.currentDailyMg} today={view.today} />
                  <ScheduleTable steps={plan.steps} currentIndex={plan.currentIndex ?? undefined} />
                </div>
              )}
            </Card>
            <AdjunctsSection patientId={patientId} planId={plan.id} planStatus={plan.status} canEdit={canEdit} />
            {/* A plan editor who may not prescribe can only hold a running plan (pause, extend: see plan-actions). */}
            {canEdit && plan.status !== 'completed' && plan.status !== 'stopped' && (mayPrescribe || plan.status === 'active') && (
              <Card title={t('adjustTitle')}>
                <p className="mb-4 text-slate-700">{t('adjustIntro')}</p>
                <PlanActions patientId={patientId} plan={plan} today={view.today} facts={facts} mayPrescribe={mayPrescribe} />
              </Card>
            )}
            <Card title={t('history')}>
              <PlanHistory patientId={patientId} planId={plan.id} versions={view.versions} />
            </Card>
            <Card title={t('comments')}>
              <PlanComments patientId={patientId} planId={plan.id} version={plan.version} planStatus={plan.status} viewer="team" comments={view.comments} />
            </Card>
          </>
        )}
      </div>
    </>
  );
}
