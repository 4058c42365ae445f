'use client';
// Goals for a patient: current goals with their progress and the form to record it, earlier goals (achieved,
// revised, dropped) as history. The care team also sets, revises and closes goals here.
import { useFormatter, useTranslations } from 'next-intl';
import { useState } from 'react';
import { Badge, Card, EmptyState } from '~/app/_components/ui';
import type { GoalView } from '~/server/goals/service';
import { CloseGoal, ProgressForm } from './goal-actions';
import { GoalForm } from './goal-form';

type Viewer = 'patient' | 'clinician';

interface BoardProps {
  patientId: string;
  viewer: Viewer;
  goals: GoalView[];
  /** The patient's local date. */
  today: string;
  timeZone: string;
}

const statusTone = { active: 'brand', achieved: 'brand', revised: 'neutral', dropped: 'neutral' } as const;

function useDay() {
  const format = useFormatter();
  return (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
}

export function GoalsBoard({ patientId, viewer, goals, today, timeZone }: BoardProps) {
  const t = useTranslations('Goals');
  const active = goals.filter((g) => g.status === 'active').reverse();
  const earlier = goals.filter((g) => g.status !== 'active').reverse();
  const titleOf = new Map(goals.map((g) => [g.id, g.title]));
  return (
    <div className="flex flex-col gap-6">
      {viewer === 'clinician' && (
        <Card title={t('form.createTitle')}>
          <GoalForm patientId={patientId} today={today} />
        </Card>
      )}
      <section aria-labelledby="goals-active" className="flex flex-col gap-4">
        <h2 id="goals-active" className="text-xl font-semibold text-slate-900">{t('active')}</h2>
        {active.length === 0 ? (
          <EmptyState title={t('activeEmpty')}>{viewer === 'patient' ? t('activeEmptyPatient') : null}</EmptyState>
        ) : (
          active.map((g) => <GoalCard key={g.id} goal={g} viewer={viewer} patientId={patientId} today={today} timeZone={timeZone} revisedFromTitle={g.revisesGoalId ? titleOf.get(g.revisesGoalId) : undefined} />)
        )}
      </section>
      <section aria-labelledby="goals-earlier" className="flex flex-col gap-4">
        <h2 id="goals-earlier" className="text-xl font-semibold text-slate-900">{t('earlier')}</h2>
        {earlier.length === 0 ? (
          <EmptyState title={t('earlierEmpty')} />
        ) : (
          earlier.map((g) => <GoalCard key={g.id} goal={g} viewer={viewer} patientId={patientId} today={today} timeZone={timeZone} revisedFromTitle={g.revisesGoalId ? titleOf.get(g.revisesGoalId) : undefined} />)
        )}
      </section>
    </div>
  );
}

function GoalCard({ goal: g, viewer, patientId, today, timeZone, revisedFromTitle }: { goal: GoalView; viewer: Viewer; patientId: string; today: string; timeZone: string; revisedFromTitle?: string }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const format = useFormatter();
  const day = useDay();
  const [revising, setRevising] = useState(false);
  return (
    <article aria-labelledby={`goal-${g.id}`} className="rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id={`goal-${g.id}`} className="text-lg font-semibold text-slate-900">{g.title}</h3>
        <Badge tone={statusTone[g.status]}>{t(`status.${g.status}`)}</Badge>
      </div>
      <dl className="mt-3 grid gap-x-6 gap-y-2 sm:grid-cols-3">
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t('measure')}</dt>
          <dd>{g.measure}</dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t('target')}</dt>
          <dd>{g.target}</dd>
        </div>
        <div>
          <dt className="text-sm font-semibold text-slate-700">{t('form.dueOn')}</dt>
          <dd>{g.dueOn ? t('due', { date: day(g.dueOn) }) : t('noDue')}</dd>
        </div>
      </dl>
      <p className="mt-2 text-sm text-slate-700">{t('setBy', { name: g.createdByName, date: format.dateTime(g.createdAt, { dateStyle: 'medium', timeZone }) })}</p>
      {revisedFromTitle && <p className="mt-1 text-sm text-slate-700">{t('revisedFrom', { title: revisedFromTitle })}</p>}
      {g.statusReason && <p className="mt-1 text-sm text-slate-800">{t('statusReason', { reason: g.statusReason })}</p>}

      <h4 className="mt-4 font-semibold text-slate-900">{t('progressTitle')}</h4>
      {g.progress.length === 0 ? (
        <p className="text-slate-700">{t('progressEmpty')}</p>
      ) : (
        <ul className="mt-2 flex flex-col divide-y divide-slate-200">
          {[...g.progress].reverse().map((p) => (
            <li key={p.id} className="flex flex-col py-2">
              <span className="flex flex-wrap gap-x-3">
                <span className="font-semibold">{day(p.recordedOn)}</span>
                {p.value !== null && <span className="tabular-nums">{t('progressValue', { value: p.value, unit: g.targetUnit })}</span>}
                <span className="text-sm text-slate-700">{t('progressBy', { name: p.recordedByName, role: tc(`roles.${p.recordedByRole}`) })}</span>
              </span>
              {p.note && <span className="whitespace-pre-wrap break-words">{p.note}</span>}
            </li>
          ))}
        </ul>
      )}
      {g.status === 'active' && (
        <div className="mt-4 flex flex-col gap-4">
          <ProgressForm goal={g} patientId={patientId} today={today} />
          {viewer === 'clinician' && (
            <>
              {revising ? (
                <div className="rounded-lg border border-slate-300 p-4">
                  <h4 className="mb-3 font-semibold text-slate-900">{t('form.reviseTitle')}</h4>
                  <GoalForm patientId={patientId} today={today} revising={g} onDone={() => setRevising(false)} />
                </div>
              ) : (
                <CloseGoal goal={g} patientId={patientId} onRevise={() => setRevising(true)} />
              )}
            </>
          )}
        </div>
      )}
    </article>
  );
}
