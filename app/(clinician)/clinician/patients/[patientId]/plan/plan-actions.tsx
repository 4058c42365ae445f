'use client';
// What a plan editor can do with the plan in its current state: propose, start, pause, resume, adjust,
// complete or stop. Every action names the version it started from and carries a reason; an adjustment
// shows the old and new doses side by side before it is saved, and asks a prescriber to accept any cut
// above the cap it leaves.
import { useFormatter, useTranslations } from 'next-intl';
import { useMemo, useState, type FormEvent } from 'react';
import { SelectField, TextAreaField, TextField } from '~/app/_components/fields';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import { AdjustmentPreview, useAdjustmentPreview, type PreviewPlan } from '~/app/_components/plan/adjustment-preview';
import { PlanFeedback } from '~/app/_components/plan/plan-error';
import { formatDay } from '~/lib/dates';
import { Button } from '~/app/_components/ui';
import { useTRPCClient } from '~/app/_trpc/client';
import type { PlanStatus } from '~/server/plans/service';
import { carryAcceptance, needsAcceptance } from '~/lib/taper/acceptance';
import { scheduleWarnings } from '~/lib/taper/engine';
import type { Adjustment, PlanClock } from '~/lib/taper/changes';
import type { PatientFacts } from '~/lib/taper/types';

type Action = 'propose' | 'activate' | 'pause' | 'resume' | 'extend' | 'slow' | 'stepBack' | 'editStep' | 'complete' | 'stop';

const byStatus: Record<PlanStatus, Action[]> = {
  draft: ['propose', 'stop'],
  proposed: ['stop'],
  agreed: ['activate', 'editStep', 'stop'],
  active: ['pause', 'extend', 'slow', 'stepBack', 'editStep', 'complete', 'stop'],
  paused: ['resume', 'stepBack', 'editStep', 'stop'],
  completed: [],
  stopped: [],
};

/** Only a prescriber offers the plan, starts it, changes its doses or ends it; other editors hold a dose. */
const prescriberOnly: Action[] = ['propose', 'activate', 'resume', 'slow', 'stepBack', 'editStep', 'complete', 'stop'];

// Starting, proposing and resuming are routine; every other change needs its reason on the record.
const reasonOptional: Action[] = ['propose', 'activate'];

export interface ActionPlan extends PreviewPlan {
  id: string;
  version: number;
  status: PlanStatus;
  pausedOn: string | null;
}

export function PlanActions({ patientId, plan, today, facts, mayPrescribe }: {
  patientId: string;
  plan: ActionPlan;
  today: string;
  facts: PatientFacts;
  mayPrescribe: boolean;
}) {
  const t = useTranslations('Plan');
  const format = useFormatter();
  const client = useTRPCClient();
  const actions = byStatus[plan.status].filter((a) => mayPrescribe || !prescriberOnly.includes(a));
  const [chosen, setChosen] = useState<Action | ''>('');
  // After a change the plan's state moves on: an action it no longer allows falls back to the first it does.
  const action: Action | '' = chosen !== '' && actions.includes(chosen) ? chosen : (actions[0] ?? '');
  const [reason, setReason] = useState('');
  const [aboveCapReason, setAboveCapReason] = useState('');
  const [days, setDays] = useState('7');
  const [percent, setPercent] = useState('25');
  const futureSteps = plan.steps.filter((s) => s.startDate > today);
  const [stepChoice, setStepChoice] = useState('');
  const stepIndex = futureSteps.some((s) => String(s.index) === stepChoice) ? stepChoice : String(futureSteps[0]?.index ?? '');
  const [stepDose, setStepDose] = useState('');
  const [stepDays, setStepDays] = useState('');
  const [attempt, setAttempt] = useState(0);
  // One send for every action: each sends its own procedure call (see submit).
  const send = useFormMutation({ mutationFn: (call: () => Promise<{ version: number }>) => call() }, {
    onSuccess: () => {
      setReason('');
      setAboveCapReason('');
      setStepDose('');
      setStepDays('');
    },
  });
  const error = send.error;

  const clock = useMemo<PlanClock>(() => ({ status: plan.status, pausedOn: plan.pausedOn, today }), [plan.status, plan.pausedOn, today]);
  const num = (s: string) => (s.trim() === '' ? undefined : Number(s));
  const adjustment = ((): Adjustment | null => {
    switch (action) {
      case 'extend':
        return { kind: 'extend', days: Number(days) };
      case 'slow':
        return { kind: 'slow', percent: Number(percent) };
      case 'stepBack':
        return { kind: 'step-back', slowPercent: Number(percent) };
      case 'resume':
        return { kind: 'resume' };
      case 'editStep': {
        const dailyMg = stepDose.trim() === '' ? undefined : Number(stepDose);
        const length = stepDays.trim() === '' ? undefined : Number(stepDays);
        return futureSteps.length > 0 && (dailyMg !== undefined || length !== undefined) ? { kind: 'edit-step', index: Number(stepIndex), dailyMg, days: length } : null;
      }
      default:
        return null;
    }
  })();
  const preview = useAdjustmentPreview(plan, clock, facts, adjustment);
  // The version's cuts above the cap as the server will judge them (a version saved before they were flagged has no such warning).
  const currentNeedsAcceptance = useMemo(
    () => needsAcceptance(carryAcceptance(scheduleWarnings(plan.input, plan.steps, facts), plan.warnings)),
    [plan.input, plan.steps, plan.warnings, facts],
  );
  // A prescriber accepts cuts above the cap when offering or starting the plan, or when an adjustment leaves new ones;
  // and whenever the server says it needs one.
  const askAcceptance =
    mayPrescribe &&
    (((action === 'propose' || action === 'activate') && currentNeedsAcceptance) ||
      (preview.kind === 'ok' && preview.needsAcceptance) ||
      Boolean(error?.fieldErrors.aboveCapReason));

  const pending = send.isPending;
  if (action === '') return <p className="text-slate-700">{t('noActionsHere')}</p>;

  const labels: Record<Action, string> = {
    propose: t('propose'), activate: t('activate'), pause: t('pause'), resume: t('resume'), extend: t('extend'), slow: t('slow'),
    stepBack: t('stepBack'), editStep: t('editStep'), complete: t('complete'), stop: t('stop'),
  };

  function submit(event: FormEvent) {
    event.preventDefault();
    if (action === '') return;
    const ref = { patientId, planId: plan.id, expectedVersion: plan.version, reason, ...(askAcceptance ? { aboveCapReason } : {}) };
    const p = client.plans;
    const calls: Record<Action, () => Promise<{ version: number }>> = {
      propose: () => p.propose.mutate(ref),
      activate: () => p.activate.mutate(ref),
      pause: () => p.pause.mutate(ref),
      resume: () => p.resume.mutate(ref),
      extend: () => p.extend.mutate({ ...ref, days: Number(days) }),
      slow: () => p.slow.mutate({ ...ref, percent: Number(percent) }),
      stepBack: () => p.stepBack.mutate({ ...ref, slowPercent: Number(percent) }),
      editStep: () => p.editStep.mutate({ ...ref, index: Number(stepIndex), dailyMg: num(stepDose), days: num(stepDays) }),
      complete: () => p.complete.mutate(ref),
      stop: () => p.stop.mutate(ref),
    };
    setAttempt((n) => n + 1);
    send.submit(calls[action]);
  }

  const choose = (next: Action) => {
    setChosen(next);
    send.reset();
  };

  return (
    <form onSubmit={submit} className="flex flex-col gap-4">
      <SelectField label={t('chooseAdjustment')} value={action} onChange={(e) => choose(e.target.value as Action)}>
        {actions.map((a) => <option key={a} value={a}>{labels[a]}</option>)}
      </SelectField>
      {action === 'extend' && <TextField label={t('extendDays')} type="number" min={1} max={90} value={days} onChange={(e) => setDays(e.target.value)} error={error?.fieldErrors.days} required />}
      {action === 'slow' && <TextField label={t('slowPercent')} hint={t('slowHint')} type="number" min={5} max={50} value={percent} onChange={(e) => setPercent(e.target.value)} error={error?.fieldErrors.percent} required />}
      {action === 'stepBack' && (
        <>
          <p className="text-slate-700">{t('stepBackHint')}</p>
          <TextField label={t('stepBackSlow')} hint={t('slowHint')} type="number" min={5} max={50} value={percent} onChange={(e) => setPercent(e.target.value)} error={error?.fieldErrors.slowPercent} required />
        </>
      )}
      {action === 'editStep' && (futureSteps.length === 0 ? <p>{t('noFutureSteps')}</p> : (
        <div className="grid gap-4 sm:grid-cols-3">
          <SelectField label={t('editStepWhich')} value={stepIndex} onChange={(e) => setStepChoice(e.target.value)}>
            {futureSteps.map((s) => <option key={s.index} value={s.index}>{t('editStepOption', { number: s.index + 1, mg: s.dailyMg, date: formatDay(s.startDate, format) })}</option>)}
          </SelectField>
          <TextField label={t('editStepDose')} type="number" min={0} step={0.05} value={stepDose} onChange={(e) => setStepDose(e.target.value)} error={error?.fieldErrors.dailyMg ?? error?.fieldErrors['input.dailyMg']} />
          <TextField label={t('editStepDays')} type="number" min={1} max={365} value={stepDays} onChange={(e) => setStepDays(e.target.value)} error={error?.fieldErrors.days ?? error?.fieldErrors['input.days']} />
        </div>
      ))}
      {action === 'stop' && <p className="text-slate-700">{t('stopHint')}</p>}
      <AdjustmentPreview plan={plan} result={preview} today={today} />
      {askAcceptance && (
        <TextAreaField
          label={t('aboveCapReason')}
          hint={`${t('aboveCapReasonHint')} ${t('aboveCapRequiredHint')}`}
          value={aboveCapReason}
          onChange={(e) => setAboveCapReason(e.target.value)}
          error={error?.fieldErrors.aboveCapReason}
          required
          maxLength={1000}
        />
      )}
      <TextAreaField
        label={reasonOptional.includes(action) ? t('reasonOptional') : t('reason')}
        hint={t('reasonHint')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        error={error?.fieldErrors.reason}
        required={!reasonOptional.includes(action)}
        maxLength={1000}
      />
      <PlanFeedback error={error} attempt={attempt} saved={send.saved && send.data && t('saved', { version: send.data.version })} />
      <div>
        <Button
          type="submit"
          variant={action === 'stop' ? 'danger' : 'primary'}
          disabled={pending || preview.kind === 'refused' || (action === 'editStep' && futureSteps.length === 0)}
        >
          {pending ? t('applying') : labels[action]}
        </Button>
      </div>
    </form>
  );
}
