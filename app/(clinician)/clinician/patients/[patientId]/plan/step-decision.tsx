'use client';
// The step decision: what the stop-go criteria recommend for the running step and why, and for plan
// editors a form to record what the clinician decides (the software only recommends).
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useRef, useState } from 'react';
import type { PreviewPlan } from '~/app/_components/plan/adjustment-preview';
import { formatDay } from '~/lib/dates';
import { AlertEvidence } from '~/app/_components/triage/alert-evidence';
import { SafetyReasons } from '~/app/_components/triage/safety-reasons';
import type { StepRecommendation } from '~/app/_components/triage/types';
import { Notice } from '~/app/_components/ui';
import type { Metric, StepAction } from '~/lib/criteria/types';
import type { PatientFacts } from '~/lib/taper/types';
import { addDays } from '~/lib/dates';
import { DecisionForm, type Decision } from './decision-form';
import { DECISION_WINDOW_DAYS } from '~/lib/decisions/due';

const recommendationTone: Record<StepAction, string> = {
  go: 'border-emerald-700 bg-emerald-50 text-emerald-950',
  hold: 'border-amber-600 bg-amber-50 text-amber-950',
  slow: 'border-amber-600 bg-amber-50 text-amber-950',
  'step-back': 'border-red-700 bg-red-50 text-red-900',
};

export function StepDecision({
  patientId,
  rec,
  stepCount,
  defaultHoldDays,
  canEdit,
  mayPrescribe,
  metrics,
  timeZone,
  plan,
  facts,
  today,
}: {
  patientId: string;
  rec: StepRecommendation;
  stepCount: number;
  defaultHoldDays: number;
  canEdit: boolean;
  /** Advancing, slowing and stepping back change doses: a prescriber's decisions. */
  mayPrescribe: boolean;
  metrics: Record<string, Metric>;
  timeZone: string;
  /** The running plan, to show what a decision would do to the doses before it is recorded. */
  plan: PreviewPlan;
  facts: PatientFacts;
  today: string;
}) {
  const t = useTranslations('Decision');
  const format = useFormatter();
  const [saved, setSaved] = useState<{ decision: Decision; version: number } | null>(null);
  const status = useRef<HTMLDivElement>(null);
  const headingId = useId();
  const dueFrom = addDays(rec.step.endDate, -(DECISION_WINDOW_DAYS - 1));

  return (
    <div className="flex flex-col gap-4">
      <p className="max-w-3xl text-slate-700">{t('intro')}</p>
      <dl className="grid max-w-3xl grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
        <dt className="font-medium text-slate-700">{t('runningStep')}</dt>
        <dd>
          {t('stepText', {
            number: rec.step.index + 1,
            count: stepCount,
            mg: rec.step.dailyMg,
            // Two dates rather than a formatted range: Node's and the browser's ICU space ranges differently.
            start: formatDay(rec.step.startDate, format),
            end: formatDay(rec.step.endDate, format),
          })}
        </dd>
        <dt className="font-medium text-slate-700">{t('daysLeftLabel')}</dt>
        <dd>{rec.daysLeft < 0 ? t('ended', { days: -rec.daysLeft }) : t('daysLeft', { days: rec.daysLeft + 1 })}</dd>
        <dt className="font-medium text-slate-700">{t('dueLabel')}</dt>
        <dd className={rec.due ? 'font-semibold text-slate-900' : undefined}>
          {rec.decided ? t('dueRecorded') : rec.due ? t('dueNow', { date: formatDay(rec.step.endDate, format) }) : t('dueLater', { date: formatDay(dueFrom, format) })}
        </dd>
      </dl>

      <section aria-labelledby={headingId} className="rounded-lg border border-slate-200 p-4">
        <h3 id={headingId} className="font-semibold text-slate-900">{t('recommendationTitle')}</h3>
        <p className="mt-2 flex flex-wrap items-center gap-2">
          <span className={`inline-flex rounded-full border px-2.5 py-0.5 text-sm font-semibold ${recommendationTone[rec.recommendation]}`}>
            {t(`recommendation.${rec.recommendation}`)}
          </span>
          <span>{t(`recommendationText.${rec.recommendation}`)}</span>
        </p>
        {rec.because.length === 0 ? (
          rec.safety.length === 0 && <p className="mt-2 text-slate-700">{t('noneFired')}</p>
        ) : (
          <>
            <p className="mt-3 font-medium text-slate-900">{t('because', { count: rec.because.length })}</p>
            <ul className="mt-1 flex flex-col gap-3">
              {rec.because.map((f) => (
                <li key={f.criterionId} className="border-l-4 border-slate-300 pl-3">
                  <p className="font-semibold">{f.label}</p>
                  <AlertEvidence kind="criterion" evidence={f} metric={metrics[f.criterionId]} />
                </li>
              ))}
            </ul>
          </>
        )}
        <SafetyReasons safety={rec.safety} metrics={metrics} />
        <p className="mt-3 text-sm text-slate-700">
          <a href="#stop-go-criteria" className="inline-flex min-h-11 items-center text-brand-700 underline underline-offset-2">{t('seeCriteria')}</a>
        </p>
      </section>

      <div ref={status} tabIndex={-1} role="status">
        {saved && <Notice tone="success">{t('saved', { decision: t(`decisions.${saved.decision}`), version: saved.version })}</Notice>}
      </div>

      {rec.decided && (
        <Notice tone="info" title={t('decidedTitle')}>
          <p>
            {t('decidedText', {
              decision: t(`decisions.${rec.decided.decision}`),
              by: rec.decided.by,
              when: format.dateTime(rec.decided.at, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
            })}
          </p>
          <p className="mt-1 whitespace-pre-line">{t('decidedReason', { reason: rec.decided.reason })}</p>
        </Notice>
      )}

      {canEdit && !rec.decided && (
        <DecisionForm
          patientId={patientId}
          rec={rec}
          defaultHoldDays={defaultHoldDays}
          mayPrescribe={mayPrescribe}
          plan={plan}
          facts={facts}
          today={today}
          onSaved={(decision, version) => {
            setSaved({ decision, version });
            status.current?.focus();
          }}
        />
      )}
      {!canEdit && !rec.decided && <p className="text-slate-700">{t('readOnly')}</p>}
    </div>
  );
}
