'use client';
// Goals for a patient: current goals with their progress and the form to record it, earlier goals (achieved,
// revised, dropped) as history. The care team also sets, revises and closes goals here.
import { useMutation } from '@tanstack/react-query';
import { useFormatter, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TextAreaField, TextField } from '~/app/_components/fields';
import { Badge, Button, Card, EmptyState, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useTRPC } from '~/app/_trpc/client';
import { FormFeedback } from '~/app/_components/form/form-feedback';
import { useFormMutation } from '~/app/_components/form/use-form-mutation';
import type { GoalView } from '~/server/goals/service';

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

/** A number typed in a field, or null for empty; NaN stays NaN so the server says what is wrong. */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? null : Number(trimmed);
}

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

function ProgressForm({ goal, patientId, today }: { goal: GoalView; patientId: string; today: string }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const [recordedOn, setRecordedOn] = useState(today);
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const record = useFormMutation(trpc.goals.recordProgress.mutationOptions(), {
    onSuccess: () => {
      setValue('');
      setNote('');
    },
  });
  function submit(event: FormEvent) {
    event.preventDefault();
    record.submit({ patientId, goalId: goal.id, recordedOn, value: numberOrNull(value), note });
  }
  const fe = record.fieldErrors;
  return (
    <form onSubmit={submit} noValidate aria-label={`${t('progressForm.title')}: ${goal.title}`} className="flex flex-col gap-3 rounded-lg bg-slate-50 p-4">
      <h4 className="font-semibold text-slate-900">{t('progressForm.title')}</h4>
      <div className="grid gap-3 sm:grid-cols-2">
        <TextField label={t('progressForm.recordedOn')} type="date" max={today} value={recordedOn} onChange={(e) => setRecordedOn(e.target.value)} error={fe.recordedOn} required />
        <TextField
          label={t('progressForm.value')}
          hint={goal.targetUnit ? t('progressForm.valueHint', { unit: goal.targetUnit }) : t('progressForm.valueHintNoUnit')}
          inputMode="decimal"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          error={fe.value}
        />
      </div>
      <TextAreaField label={t('progressForm.note')} hint={t('progressForm.noteHint')} value={note} onChange={(e) => setNote(e.target.value)} error={fe.note} maxLength={1000} rows={2} />
      <FormFeedback mutation={record} fields={['recordedOn', 'value', 'note']} saved={t('progressForm.saved')} />
      <div>
        <Button type="submit" disabled={record.isPending} className="min-h-12 w-full sm:w-auto">{record.isPending ? tc('saving') : t('progressForm.submit')}</Button>
      </div>
    </form>
  );
}

function GoalForm({ patientId, today, revising, onDone }: { patientId: string; today: string; revising?: GoalView; onDone?: () => void }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [title, setTitle] = useState(revising?.title ?? '');
  const [measure, setMeasure] = useState(revising?.measure ?? '');
  const [target, setTarget] = useState(revising?.target ?? '');
  const [targetValue, setTargetValue] = useState(revising?.targetValue?.toString() ?? '');
  const [targetUnit, setTargetUnit] = useState(revising?.targetUnit ?? '');
  const [dueOn, setDueOn] = useState(revising?.dueOn ?? '');
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const [saved, setSaved] = useState(false);
  const options = {
    onSuccess: () => {
      setError(null);
      setSaved(true);
      if (!revising) {
        setTitle('');
        setMeasure('');
        setTarget('');
        setTargetValue('');
        setTargetUnit('');
        setDueOn('');
      }
      onDone?.();
      router.refresh();
    },
    onError: (e: unknown) => {
      setSaved(false);
      const fe = formErrorFrom(e, tc('errorGeneric'));
      setError(fe.code === 'CONFLICT' ? { ...fe, message: `${fe.message} ${t('conflict')}` } : fe);
      if (fe.code === 'CONFLICT') router.refresh();
    },
  };
  const create = useMutation(trpc.goals.create.mutationOptions(options));
  const revise = useMutation(trpc.goals.revise.mutationOptions(options));
  const pending = create.isPending || revise.isPending;
  function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(false);
    const fields = { patientId, title, measure, target, targetValue: numberOrNull(targetValue), targetUnit, dueOn: dueOn === '' ? null : dueOn };
    if (revising) revise.mutate({ ...fields, goalId: revising.id, expectedVersion: revising.version, reason });
    else create.mutate(fields);
  }
  const fe = error?.fieldErrors ?? {};
  const fieldKeys = ['title', 'measure', 'target', 'targetValue', 'targetUnit', 'dueOn', 'reason'];
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-3">
      <TextField label={t('form.title')} hint={t('form.titleHint')} value={title} onChange={(e) => setTitle(e.target.value)} error={fe.title} maxLength={200} required />
      <TextField label={t('form.measure')} hint={t('form.measureHint')} value={measure} onChange={(e) => setMeasure(e.target.value)} error={fe.measure} maxLength={300} required />
      <TextField label={t('form.target')} hint={t('form.targetHint')} value={target} onChange={(e) => setTarget(e.target.value)} error={fe.target} maxLength={200} required />
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField label={t('form.targetValue')} hint={t('form.targetValueHint')} inputMode="decimal" value={targetValue} onChange={(e) => setTargetValue(e.target.value)} error={fe.targetValue} />
        <TextField label={t('form.targetUnit')} hint={t('form.targetUnitHint')} value={targetUnit} onChange={(e) => setTargetUnit(e.target.value)} error={fe.targetUnit} maxLength={50} />
        <TextField label={t('form.dueOn')} hint={t('form.dueOnHint')} type="date" min={today} value={dueOn} onChange={(e) => setDueOn(e.target.value)} error={fe.dueOn} />
      </div>
      {revising && <TextAreaField label={t('form.reason')} value={reason} onChange={(e) => setReason(e.target.value)} error={fe.reason} maxLength={500} rows={2} required />}
      <div role="alert">{error && !fieldKeys.some((k) => fe[k]?.length) && <Notice tone="error">{error.message}</Notice>}</div>
      <div role="status">{saved && <Notice tone="success">{revising ? t('form.revised') : t('form.created')}</Notice>}</div>
      <div className="flex flex-wrap gap-3">
        <Button type="submit" disabled={pending}>{pending ? tc('saving') : revising ? t('form.revise') : t('form.create')}</Button>
        {revising && <Button variant="secondary" onClick={onDone}>{t('form.cancel')}</Button>}
      </div>
    </form>
  );
}

function CloseGoal({ goal, patientId, onRevise }: { goal: GoalView; patientId: string; onRevise: () => void }) {
  const t = useTranslations('Goals');
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const [dropping, setDropping] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<FormError | null>(null);
  const setStatus = useMutation(trpc.goals.setStatus.mutationOptions({
    onSuccess: () => {
      setError(null);
      router.refresh();
    },
    onError: (e) => {
      const fe = formErrorFrom(e, tc('errorGeneric'));
      setError(fe.code === 'CONFLICT' ? { ...fe, message: `${fe.message} ${t('conflict')}` } : fe);
      if (fe.code === 'CONFLICT') router.refresh();
    },
  }));
  const close = (status: 'achieved' | 'dropped') => setStatus.mutate({ patientId, goalId: goal.id, expectedVersion: goal.version, status, reason: status === 'dropped' ? reason : '' });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap gap-3">
        <Button onClick={() => close('achieved')} disabled={setStatus.isPending}>{t('close.achieve')}</Button>
        <Button variant="secondary" onClick={onRevise}>{t('form.openRevise')}</Button>
        {!dropping && <Button variant="secondary" onClick={() => setDropping(true)}>{t('close.drop')}</Button>}
      </div>
      {dropping && (
        <form
          noValidate
          className="flex flex-col gap-3 rounded-lg border border-slate-300 p-4"
          onSubmit={(e) => {
            e.preventDefault();
            close('dropped');
          }}
        >
          <TextAreaField label={t('close.dropReason')} value={reason} onChange={(e) => setReason(e.target.value)} error={error?.fieldErrors.reason} maxLength={500} rows={2} required />
          <div className="flex flex-wrap gap-3">
            <Button type="submit" variant="danger" disabled={setStatus.isPending}>{setStatus.isPending ? tc('saving') : t('close.confirmDrop')}</Button>
            <Button variant="secondary" onClick={() => setDropping(false)}>{t('form.cancel')}</Button>
          </div>
        </form>
      )}
      <div role="alert">{error && !error.fieldErrors.reason?.length && <Notice tone="error">{error.message}</Notice>}</div>
    </div>
  );
}
