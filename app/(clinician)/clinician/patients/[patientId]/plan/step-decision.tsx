'use client';
// The step decision: what the stop-go criteria recommend for the running step and why, and for plan
// editors a form to record what the clinician decides (the software only recommends).
import { useMutation } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useFormatter, useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '~/app/_components/fields';
import { AdjustmentPreview, useAdjustmentPreview, type PreviewPlan } from '~/app/_components/plan/adjustment-preview';
import { PlanError } from '~/app/_components/plan/plan-error';
import { formatDay } from '~/lib/dates';
import { AlertEvidence } from '~/app/_components/triage/alert-evidence';
import { SafetyReasons } from '~/app/_components/triage/safety-reasons';
import type { StepRecommendation } from '~/app/_components/triage/types';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import type { Metric, StepAction } from '~/lib/criteria/types';
import type { Adjustment, PlanClock } from '~/lib/taper/changes';
import type { PatientFacts } from '~/lib/taper/types';
import { addDays } from '~/lib/dates';
import { DECISION_WINDOW_DAYS } from '~/lib/decisions/due';

const decisions = ['advance', 'hold', 'slow', 'step-back', 'pause'] as const;
type Decision = (typeof decisions)[number];

/** The decision that follows a recommendation, to mark it in the choices (never to pick it for the clinician). */
const decisionFor: Record<StepAction, Decision> = { go: 'advance', hold: 'hold', slow: 'slow', 'step-back': 'step-back' };

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

/** Holding the dose is protective: any plan editor may decide it; the other decisions change doses (a prescriber's). */
const prescriberDecisions: Decision[] = ['advance', 'slow', 'step-back'];

function DecisionForm({
  patientId,
  rec,
  defaultHoldDays,
  mayPrescribe,
  plan,
  facts,
  today,
  onSaved,
}: {
  patientId: string;
  rec: StepRecommendation;
  defaultHoldDays: number;
  mayPrescribe: boolean;
  plan: PreviewPlan;
  facts: PatientFacts;
  today: string;
  onSaved: (decision: Decision, version: number) => void;
}) {
  const t = useTranslations('Decision');
  const tc = useTranslations('Common');
  const tp = useTranslations('Plan');
  const trpc = useTRPC();
  const router = useRouter();
  const id = useId();
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(String(defaultHoldDays));
  const [percent, setPercent] = useState('25');
  const [aboveCapReason, setAboveCapReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const offered = decisions.filter((d) => mayPrescribe || !prescriberDecisions.includes(d));
  const clock = useMemo<PlanClock>(() => ({ status: 'active', pausedOn: null, today }), [today]);
  const adjustment = ((): Adjustment | null => {
    if (decision === 'hold') return { kind: 'extend', days: Number(days) };
    if (decision === 'slow') return { kind: 'slow', percent: Number(percent) };
    if (decision === 'step-back') return { kind: 'step-back', slowPercent: Number(percent) };
    return null;
  })();
  const preview = useAdjustmentPreview(plan, clock, facts, adjustment);
  const askAcceptance = mayPrescribe && ((preview.kind === 'ok' && preview.needsAcceptance) || Boolean(error?.fieldErrors.aboveCapReason));
  const [errorCount, setErrorCount] = useState(0);
  const recommended = decisionFor[rec.recommendation];

  const record = useMutation(
    trpc.decisions.record.mutationOptions({
      onSuccess: (result) => {
        setError(null);
        setReason('');
        setAboveCapReason('');
        setDecision('');
        onSaved(result.decision, result.planVersion);
        router.refresh();
      },
      onError: (e) => {
        setError(formErrorFrom(e, tc('errorGeneric')));
        setErrorCount((n) => n + 1);
      },
    }),
  );

  function fail(fieldErrors: Record<string, string[]>, focusId: string) {
    setError({ message: t('fixFields'), fieldErrors });
    setErrorCount((n) => n + 1);
    document.getElementById(focusId)?.focus();
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const dayCount = Number(days);
    const pct = Number(percent);
    if (decision === '') return fail({ decision: [t('errors.decision')] }, `${id}-${offered[0] ?? decisions[0]}`);
    if (decision === 'hold' && !(Number.isInteger(dayCount) && dayCount >= 1 && dayCount <= 90)) return fail({ days: [t('errors.days')] }, `${id}-days`);
    if ((decision === 'slow' || decision === 'step-back') && !(Number.isInteger(pct) && pct >= 5 && pct <= 50)) return fail({ percent: [t('errors.percent')] }, `${id}-percent`);
    if (reason.trim().length < 3) return fail({ reason: [t('errors.reason')] }, `${id}-reason`);
    setError(null);
    record.mutate({
      patientId,
      planId: rec.planId,
      expectedVersion: rec.planVersion,
      decision,
      reason,
      days: decision === 'hold' ? dayCount : undefined,
      percent: decision === 'slow' || decision === 'step-back' ? pct : undefined,
      ...(askAcceptance ? { aboveCapReason } : {}),
    });
  }

  const decisionError = error?.fieldErrors.decision;
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4 border-t border-slate-200 pt-4">
      <fieldset aria-describedby={decisionError ? `${id}-decision-error` : `${id}-decision-hint`}>
        <legend className="font-semibold text-slate-900">{t('formLegend')}</legend>
        <p id={`${id}-decision-hint`} className="mt-1 text-sm text-slate-700">
          {t('formHint')}
          {offered.length < decisions.length && <> {t('prescriberDecides')}</>}
        </p>
        {decisionError && <p id={`${id}-decision-error`} className="mt-1 text-sm font-medium text-red-800">{decisionError.join(' ')}</p>}
        <div className="mt-3 flex flex-col gap-2">
          {offered.map((d) => (
            <label key={d} htmlFor={`${id}-${d}`} className="flex min-h-11 cursor-pointer items-start gap-3 rounded-lg border border-slate-300 px-3 py-2 has-[:checked]:border-brand-700 has-[:checked]:bg-brand-50">
              <input
                id={`${id}-${d}`}
                type="radio"
                name="decision"
                value={d}
                checked={decision === d}
                onChange={() => setDecision(d)}
                className="mt-1 h-6 w-6 shrink-0 accent-brand-700"
              />
              <span>
                <span className="font-medium text-slate-900">{t(`decisions.${d}`)}</span>
                {d === recommended && <span className="ml-2 text-sm font-semibold text-brand-800">{t('recommendedMark')}</span>}
                <span className="block text-sm text-slate-700">{t(`decisionHints.${d}`)}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {decision === 'hold' && (
        <div className="max-w-xs">
          <TextField id={`${id}-days`} label={t('days')} hint={t('daysHint')} type="number" inputMode="numeric" min={1} max={90} required value={days} onChange={(e) => setDays(e.target.value)} error={error?.fieldErrors.days} />
        </div>
      )}
      {(decision === 'slow' || decision === 'step-back') && (
        <div className="max-w-xs">
          <TextField id={`${id}-percent`} label={t('percent')} hint={t('percentHint')} type="number" inputMode="numeric" min={5} max={50} required value={percent} onChange={(e) => setPercent(e.target.value)} error={error?.fieldErrors.percent} />
        </div>
      )}
      <AdjustmentPreview plan={plan} result={preview} today={today} />
      {askAcceptance && (
        <TextAreaField
          label={tp('aboveCapReason')}
          hint={`${tp('aboveCapReasonHint')} ${tp('aboveCapRequiredHint')}`}
          required
          maxLength={1000}
          value={aboveCapReason}
          onChange={(e) => setAboveCapReason(e.target.value)}
          error={error?.fieldErrors.aboveCapReason}
        />
      )}
      <TextAreaField id={`${id}-reason`} label={t('reason')} hint={t('reasonHint')} required maxLength={1000} value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fieldErrors.reason} />
      <div role="alert">
        <PlanError key={errorCount} error={error} />
      </div>
      <div>
        <Button type="submit" disabled={record.isPending || preview.kind === 'refused'}>
          {record.isPending ? t('recording') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
