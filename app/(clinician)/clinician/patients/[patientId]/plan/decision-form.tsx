'use client';
// The form a plan editor records the step decision with: the decision (the recommended one marked, never
// picked), how long to hold or how much to slow, the doses it would give, and the reason.
import { useTranslations } from 'next-intl';
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { RadioGroup, TextAreaField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { AdjustmentPreview, useAdjustmentPreview, type PreviewPlan } from '~/app/_components/plan/adjustment-preview';
import { PlanError } from '~/app/_components/plan/plan-error';
import type { StepRecommendation } from '~/app/_components/triage/types';
import { Button } from '~/app/_components/ui';
import type { FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import type { StepAction } from '~/lib/criteria/types';
import { recordDecisionInput } from '~/lib/decisions/inputs';
import type { Adjustment, PlanClock } from '~/lib/taper/changes';
import type { PatientFacts } from '~/lib/taper/types';

export const decisions = ['advance', 'hold', 'slow', 'step-back', 'pause'] as const;
export type Decision = (typeof decisions)[number];

/** The decision that follows a recommendation, to mark it in the choices (never to pick it for the clinician). */
const decisionFor: Record<StepAction, Decision> = { go: 'advance', hold: 'hold', slow: 'slow', 'step-back': 'step-back' };

/** Holding the dose is protective: any plan editor may decide it; the other decisions change doses (a prescriber's). */
const prescriberDecisions: Decision[] = ['advance', 'slow', 'step-back'];

export function DecisionForm({ patientId, rec, defaultHoldDays, mayPrescribe, plan, facts, today, onSaved }: {
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
  const tp = useTranslations('Plan');
  const trpc = useTRPC();
  const id = useId();
  const form = useRef<HTMLFormElement>(null);
  const [decision, setDecision] = useState<Decision | ''>('');
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(String(defaultHoldDays));
  const [percent, setPercent] = useState('25');
  const [aboveCapReason, setAboveCapReason] = useState('');
  // The form's own refusal before anything is sent; the server's comes from the mutation.
  const [checkError, setCheckError] = useState<FormError | null>(null);
  // Each attempt shows its error afresh (and a conflict's "show the latest" starts over).
  const [attempt, setAttempt] = useState(0);
  const record = useFormMutation(trpc.decisions.record.mutationOptions(), {
    onSuccess: (result) => {
      setReason('');
      setAboveCapReason('');
      setDecision('');
      onSaved(result.decision, result.planVersion);
    },
  });
  const error = checkError ?? record.error;
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
  const recommended = decisionFor[rec.recommendation];

  function fail(fieldErrors: Record<string, string[]>, focus: HTMLElement | null) {
    setCheckError({ message: t('fixFields'), fieldErrors });
    focus?.focus();
  }

  // The server's own decision input says which field is wrong; the form says it in the viewer's words.
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAttempt((n) => n + 1);
    if (decision === '') return fail({ decision: [t('errors.decision')] }, form.current?.querySelector<HTMLInputElement>('input[name="decision"]') ?? null);
    const body = {
      patientId,
      planId: rec.planId,
      expectedVersion: rec.planVersion,
      decision,
      reason,
      days: decision === 'hold' ? Number(days) : undefined,
      percent: decision === 'slow' || decision === 'step-back' ? Number(percent) : undefined,
      ...(askAcceptance ? { aboveCapReason } : {}),
    };
    const parsed = recordDecisionInput.safeParse(body);
    if (!parsed.success) {
      const wrong = new Set(parsed.error.issues.map((issue) => issue.path[0]));
      const fields = [['days', t('errors.days')], ['percent', t('errors.percent')], ['reason', t('errors.reason')]] as const;
      const first = fields.find(([field]) => wrong.has(field));
      if (first) return fail({ [first[0]]: [first[1]] }, document.getElementById(`${id}-${first[0]}`));
    }
    setCheckError(null);
    record.submit(body);
  }

  return (
    <form ref={form} onSubmit={submit} noValidate className="flex flex-col gap-4 border-t border-slate-200 pt-4">
      <RadioGroup
        name="decision"
        legend={<span className="font-semibold">{t('formLegend')}</span>}
        hint={
          <>
            {t('formHint')}
            {offered.length < decisions.length && <> {t('prescriberDecides')}</>}
          </>
        }
        options={offered.map((d) => ({
          value: d,
          label: (
            <>
              <span className="font-medium text-slate-900">{t(`decisions.${d}`)}</span>
              {d === recommended && <span className="ml-2 text-sm font-semibold text-brand-800">{t('recommendedMark')}</span>}
            </>
          ),
          hint: t(`decisionHints.${d}`),
        }))}
        value={decision === '' ? null : decision}
        onChange={(d) => setDecision(d ?? '')}
        error={error?.fieldErrors.decision}
      />
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
        <PlanError key={attempt} error={error} />
      </div>
      <div>
        <Button type="submit" disabled={record.isPending || preview.kind === 'refused'}>
          {record.isPending ? t('recording') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
