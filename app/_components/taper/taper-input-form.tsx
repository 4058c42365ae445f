'use client';
// The taper parameters form: builds a TaperInput and previews the engine's proposed schedule as it changes.
import { useFormatter, useTranslations } from 'next-intl';
import { useDeferredValue, useEffect, useEffectEvent, useId, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CheckboxField, SelectField, TextField } from '~/app/_components/fields';
import { Button, Notice } from '~/app/_components/ui';
import { DEFAULT_STOP_CEILING_MG, defaultStopAtMg, generateSchedule, LABEL_MAX_DAILY_MG, MAX_STEPS, tableFor } from '~/lib/taper/engine';
import { TaperError, type Formulation, type PatientFacts, type Schedule, type TaperInput, type Warning } from '~/lib/taper/types';
import { CapAdvice } from './cap-advice';
import { DoseChart } from './dose-chart';
import { DropOrderField } from './drop-order-field';
import { formatDay } from '~/lib/dates';
import { ScheduleTable } from './schedule-table';
import type { TaperTranslator } from './take-text';

const TABLET_STRENGTHS = [5, 10, 15, 20, 25];
const LIQUID_STRENGTHS = [1, 2, 5];
const MEASURABLE_ML = [0.1, 0.2, 0.5, 1];
const MAX_DOSE_TIMES = 6;
const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;
// Offered in turn when a dose time is added, so a new one rarely starts as a duplicate.
const SPARE_TIMES = ['12:00', '18:00', '10:00', '16:00', '20:00', '06:00', '00:00'];

type FormulationDraft =
  | { key: string; kind: 'tablet'; strengthMg: number; scored: boolean }
  | { key: string; kind: 'liquid'; mgPerMl: number; minMeasurableMl: number };

interface DoseTimeDraft {
  key: string;
  time: string;
  /** Only used when the split is weighted. */
  weight: string;
}

/** Numbers are kept as typed (strings) so a half-typed "2." or an empty box never jumps under the cursor. */
interface Draft {
  currentDailyMg: string;
  doseTimes: DoseTimeDraft[];
  splitKind: 'even' | 'weighted';
  formulations: FormulationDraft[];
  strategyKind: 'fixed' | 'percent';
  mgPerStep: string;
  percent: string;
  minCutMg: string;
  maxCutMg: string;
  stepDays: string;
  targetDailyMg: string;
  startDate: string;
  maxCutPercent: string;
  highDoseReason: string;
  /** '' for the engine's default. */
  stopAtMg: string;
  /** '' for the step length. */
  followUpDays: string;
  /** null for the engine's default order. */
  dropOrder: string[] | null;
  /** Carried unchanged: a draft is never slowed, but an input read back keeps what it had. */
  slowFactor?: number;
}

export interface TaperPreviewState {
  /** True when the engine proposes a schedule for the input as it stands. */
  valid: boolean;
  schedule: Schedule | null;
}

export interface TaperInputFormProps {
  /** The starting values (for example the plan's current input); later changes to it are ignored: remount with a `key` to reset. */
  initial?: TaperInput;
  patient: PatientFacts;
  /** ISO date for the first reduction when `initial` gives none. */
  defaultStartDate: string;
  onChange?: (input: TaperInput, state: TaperPreviewState) => void;
  /** The form renders its own <form>: Enter or a submit button in `children` calls this. */
  onSubmit?: (input: TaperInput, state: TaperPreviewState) => void;
  /** Server errors keyed by field path ('currentDailyMg', 'strategy.percent', 'formulations.0'; an 'input.' prefix is accepted). */
  fieldErrors?: Record<string, string[]>;
  /** Heading level of the preview section, to fit the page's outline. */
  headingLevel?: 2 | 3;
  children?: ReactNode;
}

let keySequence = 0;
// Row keys also name the rows' element ids, so the first render's keys come from the index (the same on
// server and client, for hydration); rows added later take keys from a counter that only runs on the client.
const newKey = () => `n${++keySequence}`;

const str = (n: number) => (Number.isFinite(n) ? String(n) : '');
const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s));

function draftFrom(input: TaperInput | undefined, defaultStartDate: string): Draft {
  if (!input) {
    return {
      currentDailyMg: '',
      doseTimes: ['08:00', '14:00', '22:00'].map((time, i) => ({ key: `t${i}`, time, weight: '1' })),
      splitKind: 'even',
      formulations: [{ key: 'f0', kind: 'tablet', strengthMg: 10, scored: true }],
      strategyKind: 'percent',
      mgPerStep: '5',
      percent: '10',
      minCutMg: '2.5',
      maxCutMg: '10',
      stepDays: '14',
      targetDailyMg: '0',
      startDate: defaultStartDate,
      maxCutPercent: '25',
      highDoseReason: '',
      stopAtMg: '',
      followUpDays: '',
      dropOrder: null,
    };
  }
  const s = input.strategy;
  const weights = input.split.kind === 'weighted' ? input.split.weights : [];
  return {
    currentDailyMg: str(input.currentDailyMg),
    doseTimes: input.doseTimes.map((time, i) => ({ key: `t${i}`, time, weight: str(weights[i] ?? 1) })),
    splitKind: input.split.kind,
    formulations: input.formulations.map((f, i) => ({ key: `f${i}`, ...f })),
    strategyKind: s.kind,
    mgPerStep: s.kind === 'fixed' ? str(s.mgPerStep) : '5',
    percent: s.kind === 'percent' ? str(s.percent) : '10',
    minCutMg: s.kind === 'percent' ? str(s.minCutMg) : '2.5',
    maxCutMg: s.kind === 'percent' ? str(s.maxCutMg) : '10',
    stepDays: str(input.stepDays),
    targetDailyMg: str(input.targetDailyMg),
    startDate: input.startDate || defaultStartDate,
    maxCutPercent: str(input.maxCutPercent),
    highDoseReason: input.highDoseReason ?? '',
    stopAtMg: input.stopAtMg === undefined ? '' : str(input.stopAtMg),
    followUpDays: input.followUpDays === undefined ? '' : str(input.followUpDays),
    dropOrder: input.dropOrder ?? null,
    ...(input.slowFactor !== undefined ? { slowFactor: input.slowFactor } : {}),
  };
}

/** Display rows in clock order: the engine wants ascending times, people may type them in any order. */
function clockOrder(doseTimes: readonly DoseTimeDraft[]): number[] {
  return doseTimes.map((_, i) => i).sort((a, b) => (doseTimes[a]?.time ?? '').localeCompare(doseTimes[b]?.time ?? '') || a - b);
}

function inputFrom(draft: Draft): TaperInput {
  const ordered = clockOrder(draft.doseTimes).flatMap((i) => draft.doseTimes[i] ?? []);
  const current = num(draft.currentDailyMg);
  const reason = draft.highDoseReason.trim();
  return {
    currentDailyMg: current,
    doseTimes: ordered.map((d) => d.time),
    split: draft.splitKind === 'even' ? { kind: 'even' } : { kind: 'weighted', weights: ordered.map((d) => num(d.weight)) },
    formulations: draft.formulations.map((f): Formulation =>
      f.kind === 'tablet'
        ? { kind: 'tablet', strengthMg: f.strengthMg, scored: f.scored }
        : { kind: 'liquid', mgPerMl: f.mgPerMl, minMeasurableMl: f.minMeasurableMl },
    ),
    strategy:
      draft.strategyKind === 'fixed'
        ? { kind: 'fixed', mgPerStep: num(draft.mgPerStep) }
        : { kind: 'percent', percent: num(draft.percent), minCutMg: num(draft.minCutMg), maxCutMg: num(draft.maxCutMg) },
    stepDays: num(draft.stepDays),
    targetDailyMg: num(draft.targetDailyMg),
    startDate: draft.startDate,
    maxCutPercent: num(draft.maxCutPercent),
    // Only sent when it is needed, so a reason typed for a dose since lowered is not recorded by mistake.
    ...(current > LABEL_MAX_DAILY_MG && reason !== '' ? { highDoseReason: reason } : {}),
    // The stop threshold means something only for a taper to 0.
    ...(draft.stopAtMg.trim() !== '' && num(draft.targetDailyMg) === 0 ? { stopAtMg: num(draft.stopAtMg) } : {}),
    ...(draft.followUpDays.trim() !== '' ? { followUpDays: num(draft.followUpDays) } : {}),
    ...(draft.dropOrder ? { dropOrder: draft.dropOrder.filter((t) => ordered.some((d) => d.time === t)) } : {}),
    ...(draft.slowFactor !== undefined ? { slowFactor: draft.slowFactor } : {}),
  };
}

type Preview = { kind: 'empty' } | { kind: 'schedule'; schedule: Schedule } | { kind: 'error'; message: string; field?: string };

/** The engine's refusal in the reader's language; its English text only for codes it cannot raise here. */
function guardrailMessage(error: TaperError, input: TaperInput, t: TaperTranslator): string {
  switch (error.code) {
    case 'intrathecal-pump':
      return t('errors.intrathecal-pump');
    case 'no-formulations':
      return t('errors.no-formulations');
    case 'above-label-maximum':
      return t('errors.above-label-maximum', { max: LABEL_MAX_DAILY_MG });
    case 'target-above-current':
      return t('errors.target-above-current');
    case 'target-not-takeable':
      return t('errors.target-not-takeable', { mg: input.targetDailyMg });
    case 'current-not-takeable':
      return t('errors.current-not-takeable', { mg: input.currentDailyMg });
    case 'dose-not-takeable':
      return t('errors.dose-not-takeable');
    case 'too-many-steps':
      return t('errors.too-many-steps', { max: MAX_STEPS });
    case 'invalid-input':
      switch (error.field) {
        case 'currentDailyMg':
          return t('errors.invalid.currentDailyMg');
        case 'targetDailyMg':
          return t('errors.invalid.targetDailyMg');
        case 'doseTimes':
          return t('errors.invalid.doseTimes');
        case 'split':
          return t('errors.invalid.split');
        case 'stepDays':
          return t('errors.invalid.stepDays');
        case 'maxCutPercent':
          return t('errors.invalid.maxCutPercent');
        case 'startDate':
          return t('errors.invalid.startDate');
        case 'strategy.mgPerStep':
          return t('errors.invalid.strategy.mgPerStep');
        case 'strategy.percent':
          return t('errors.invalid.strategy.percent');
        case 'strategy.minCutMg':
          return t('errors.invalid.strategy.minCutMg');
        case 'stopAtMg':
          return t('errors.invalid.stopAtMg');
        case 'followUpDays':
          return t('errors.invalid.followUpDays');
        default:
          if (error.field?.endsWith('.minMeasurableMl')) return t('errors.invalid.minMeasurableMl');
          return error.field?.startsWith('formulations.') ? t('errors.invalid.formulations') : error.message;
      }
    default:
      return error.message;
  }
}

function previewOf(input: TaperInput, draft: Draft, patient: PatientFacts, t: TaperTranslator): Preview {
  // Nothing typed yet is not an error worth an alert: the preview just waits.
  if (draft.currentDailyMg.trim() === '') return { kind: 'empty' };
  try {
    return { kind: 'schedule', schedule: generateSchedule(input, patient) };
  } catch (error) {
    if (error instanceof TaperError) return { kind: 'error', message: guardrailMessage(error, input, t), field: error.field };
    return { kind: 'error', message: t('errors.unexpected') };
  }
}

function warningText(w: Warning, t: TaperTranslator): { title: string; body: string } {
  switch (w.code) {
    case 'renal-impairment':
      return { title: t('warnings.renalTitle', { level: w.renalFunction }), body: t('warnings.renal') };
    case 'above-label-maximum':
      return { title: t('warnings.aboveLabelTitle'), body: t('warnings.aboveLabel', { mg: w.maxDailyMg, max: LABEL_MAX_DAILY_MG, reason: w.reason }) };
    case 'long-schedule':
      return { title: t('warnings.longTitle'), body: t('warnings.long', { steps: w.steps }) };
    case 'cut-above-cap': {
      const cuts = w.cuts.map((c) => t('warnings.cutItem', { number: c.index + 1, from: c.fromMg, to: c.toMg, percent: c.percent })).join('; ');
      return { title: t('warnings.aboveCapTitle'), body: t('warnings.aboveCap', { count: w.cuts.length, cap: w.capPercent, cuts }) };
    }
    case 'many-pieces':
      return { title: t('warnings.manyPiecesTitle'), body: t('warnings.manyPieces', { count: w.steps.length, max: w.maxPieces }) };
    case 'large-volume':
      return { title: t('warnings.largeVolumeTitle'), body: t('warnings.largeVolume', { count: w.steps.length, max: w.maxMl }) };
  }
}

function stateOf(preview: Preview): TaperPreviewState {
  return preview.kind === 'schedule' ? { valid: true, schedule: preview.schedule } : { valid: false, schedule: null };
}

function RadioGroup<T extends string>({
  legend,
  hint,
  value,
  options,
  onChange,
  error,
}: {
  legend: ReactNode;
  hint?: ReactNode;
  value: T;
  options: ReadonlyArray<{ value: T; label: ReactNode; hint?: ReactNode }>;
  onChange: (value: T) => void;
  error?: string[];
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={describedBy}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      {hint && <p id={`${id}-hint`} className="text-sm text-slate-700">{hint}</p>}
      {options.map((o) => (
        <label key={o.value} className="flex min-h-11 cursor-pointer items-center gap-3">
          <input type="radio" name={id} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} className="h-6 w-6 shrink-0 accent-brand-700" />
          <span>
            {o.label}
            {o.hint && <span className="block text-sm text-slate-700">{o.hint}</span>}
          </span>
        </label>
      ))}
      <GroupError id={`${id}-error`} errors={error} />
    </fieldset>
  );
}

/** The errors without the engine's message, when that message is shown on the fields instead. */
function serverOnly(errors: string[] | undefined, engineMessage: string | undefined): string[] | undefined {
  const rest = errors?.filter((e) => e !== engineMessage) ?? [];
  return rest.length > 0 ? rest : undefined;
}

function GroupError({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors) return null;
  return (
    <p id={id} className="text-sm font-medium text-red-800">
      {errors.join(' ')}
    </p>
  );
}

const fieldsetClass = 'flex flex-col gap-4 rounded-xl border border-slate-300 bg-white p-4';
const legendClass = 'px-1 text-lg font-semibold text-slate-900';

export function TaperInputForm({ initial, patient, defaultStartDate, onChange, onSubmit, fieldErrors, headingLevel = 2, children }: TaperInputFormProps) {
  const t = useTranslations('Taper');
  const format = useFormatter();
  const id = useId();
  const [draft, setDraft] = useState<Draft>(() => draftFrom(initial, defaultStartDate));
  const pendingFocus = useRef<string | null>(null);

  const input = useMemo(() => inputFrom(draft), [draft]);
  // The preview may lag a keystroke behind so typing stays quick on slow phones; the parent gets the pair that matches.
  const deferredDraft = useDeferredValue(draft);
  const deferredInput = useMemo(() => inputFrom(deferredDraft), [deferredDraft]);
  const { hasIntrathecalPump, renalFunction } = patient;
  const facts = useMemo<PatientFacts>(() => ({ hasIntrathecalPump, renalFunction }), [hasIntrathecalPump, renalFunction]);
  const preview = useMemo(() => previewOf(deferredInput, deferredDraft, facts, t), [deferredInput, deferredDraft, facts, t]);
  const state = useMemo(() => stateOf(preview), [preview]);
  // The threshold the engine uses when the field is left empty, for its hint; 5 until the settings allow one.
  const defaultStop = useMemo(() => {
    if (preview.kind !== 'schedule') return DEFAULT_STOP_CEILING_MG;
    return defaultStopAtMg(tableFor(deferredInput), deferredInput);
  }, [preview, deferredInput]);

  const notify = useEffectEvent((value: TaperInput, s: TaperPreviewState) => onChange?.(value, s));
  useEffect(() => {
    if (!hasIntrathecalPump) notify(deferredInput, state);
  }, [deferredInput, state, hasIntrathecalPump]);

  // Moves focus to a row just added (or the neighbour of one removed) once it is on screen.
  useEffect(() => {
    const target = pendingFocus.current;
    if (!target) return;
    pendingFocus.current = null;
    document.getElementById(target)?.focus();
  });

  if (hasIntrathecalPump) {
    return (
      <Notice tone="warning" title={t('form.pumpTitle')}>
        {t('form.pumpBody')}
      </Notice>
    );
  }

  function set<K extends keyof Draft>(key: K, value: Draft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
  }

  const engineField = preview.kind === 'error' ? preview.field : undefined;
  const engineMessage = preview.kind === 'error' ? preview.message : undefined;

  /** Server errors for a path (exact, or everything under it with `nested`) plus the engine's, if it names the path. */
  function errorsFor(path: string, nested = false): string[] | undefined {
    const out: string[] = [];
    for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
      const bare = key.startsWith('input.') ? key.slice('input.'.length) : key;
      if (bare === path || (nested && bare.startsWith(`${path}.`))) out.push(...messages);
    }
    if (engineMessage && engineField !== undefined && (engineField === path || (nested && engineField.startsWith(`${path}.`)))) out.push(engineMessage);
    return out.length > 0 ? [...new Set(out)] : undefined;
  }

  const order = clockOrder(draft.doseTimes);
  const timeId = (key: string) => `${id}-time-${key}`;
  const formulationId = (key: string) => `${id}-formulation-${key}`;

  function setDoseTime(key: string, change: Partial<DoseTimeDraft>) {
    setDraft((d) => ({ ...d, doseTimes: d.doseTimes.map((x) => (x.key === key ? { ...x, ...change } : x)) }));
  }

  function addDoseTime() {
    const used = new Set(draft.doseTimes.map((d) => d.time));
    const time = SPARE_TIMES.find((s) => !used.has(s)) ?? '';
    const key = newKey();
    pendingFocus.current = timeId(key);
    setDraft((d) => ({ ...d, doseTimes: [...d.doseTimes, { key, time, weight: '1' }] }));
  }

  function removeDoseTime(index: number) {
    const neighbour = draft.doseTimes[index - 1] ?? draft.doseTimes[index + 1];
    pendingFocus.current = neighbour ? timeId(neighbour.key) : null;
    setDraft((d) => ({ ...d, doseTimes: d.doseTimes.filter((_, i) => i !== index) }));
  }

  function moreAtNight() {
    const latest = order.at(-1);
    setDraft((d) => ({ ...d, splitKind: 'weighted', doseTimes: d.doseTimes.map((x, i) => ({ ...x, weight: i === latest && d.doseTimes.length > 1 ? '2' : '1' })) }));
  }

  function addFormulation(kind: 'tablet' | 'liquid') {
    const key = newKey();
    pendingFocus.current = formulationId(key);
    const added: FormulationDraft = kind === 'tablet' ? { key, kind, strengthMg: 10, scored: false } : { key, kind, mgPerMl: 1, minMeasurableMl: 0.5 };
    setDraft((d) => ({ ...d, formulations: [...d.formulations, added] }));
  }

  /** The advisor's one click: the product joins the list, and the preview shows the schedule with it. */
  function addProduct(f: Formulation) {
    setDraft((d) => ({ ...d, formulations: [...d.formulations, { key: newKey(), ...f }] }));
  }

  function updateFormulation(key: string, change: (f: FormulationDraft) => FormulationDraft) {
    setDraft((d) => ({ ...d, formulations: d.formulations.map((f) => (f.key === key ? change(f) : f)) }));
  }

  function removeFormulation(index: number) {
    const neighbour = draft.formulations[index - 1] ?? draft.formulations[index + 1];
    pendingFocus.current = neighbour ? formulationId(neighbour.key) : `${id}-add-tablet`;
    setDraft((d) => ({ ...d, formulations: d.formulations.filter((_, i) => i !== index) }));
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The preview may still be a keystroke behind: judge exactly what is being submitted.
    onSubmit?.(input, deferredDraft === draft ? state : stateOf(previewOf(input, draft, facts, t)));
  }

  const highDose = num(draft.currentDailyMg) > LABEL_MAX_DAILY_MG;
  const validTimes = input.doseTimes.filter((time, i, all) => TIME_PATTERN.test(time) && all.indexOf(time) === i);

  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  // The engine names only the group; point at the rows at fault (blank, malformed or repeated) when it can be told.
  const faultyTimes = new Set(
    draft.doseTimes.flatMap((d, i) =>
      !TIME_PATTERN.test(d.time) || draft.doseTimes.some((other, j) => j !== i && other.time === d.time) ? [i] : [],
    ),
  );
  const engineBlamesRows = engineField === 'doseTimes' && faultyTimes.size > 0;
  const doseTimesErrors = engineBlamesRows ? serverOnly(errorsFor('doseTimes'), engineMessage) : errorsFor('doseTimes');
  const timeErrors = (i: number) => {
    const own = errorsFor(`doseTimes.${order.indexOf(i)}`) ?? [];
    const all = engineBlamesRows && engineMessage && faultyTimes.has(i) ? [...own, engineMessage] : own;
    return all.length > 0 ? all : undefined;
  };
  const splitErrors = errorsFor('split') ?? errorsFor('split.weights');
  const formulationsErrors = errorsFor('formulations');
  const strategyErrors = errorsFor('strategy');
  const optionsWith = (list: number[], value: number) => [...new Set([...list, value])].sort((a, b) => a - b);

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-6">
      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('form.regimen')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('form.currentDailyMg')}
            hint={t('form.currentDailyMgHint')}
            name="currentDailyMg"
            type="number"
            inputMode="decimal"
            min={0}
            max={240}
            step="any"
            required
            value={draft.currentDailyMg}
            onChange={(e) => set('currentDailyMg', e.target.value)}
            error={errorsFor('currentDailyMg')}
          />
        </div>
        {highDose && (
          <TextField
            label={t('form.highDoseReason')}
            hint={t('form.highDoseReasonHint')}
            name="highDoseReason"
            required
            maxLength={500}
            value={draft.highDoseReason}
            onChange={(e) => set('highDoseReason', e.target.value)}
            error={errorsFor('highDoseReason')}
          />
        )}

        <fieldset className="flex flex-col gap-3" aria-describedby={[`${id}-times-hint`, doseTimesErrors ? `${id}-times-error` : ''].filter(Boolean).join(' ')}>
          <legend className="font-medium text-slate-900">{t('form.doseTimes')}</legend>
          <p id={`${id}-times-hint`} className="text-sm text-slate-700">{t('form.doseTimesHint')}</p>
          <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
            {draft.doseTimes.map((d, i) => (
              <li key={d.key} className="flex items-end gap-2">
                <div className="w-40">
                  <TextField
                    id={timeId(d.key)}
                    label={t('form.doseTime', { number: i + 1 })}
                    type="time"
                    required
                    value={d.time}
                    onChange={(e) => setDoseTime(d.key, { time: e.target.value })}
                    error={timeErrors(i)}
                  />
                </div>
                <Button variant="secondary" aria-label={t('form.removeDoseTimeLabel', { number: i + 1 })} disabled={draft.doseTimes.length <= 1} onClick={() => removeDoseTime(i)}>
                  {t('form.removeDoseTime')}
                </Button>
              </li>
            ))}
          </ul>
          <GroupError id={`${id}-times-error`} errors={doseTimesErrors} />
          <div>
            <Button variant="secondary" disabled={draft.doseTimes.length >= MAX_DOSE_TIMES} onClick={addDoseTime}>
              {t('form.addDoseTime')}
            </Button>
          </div>
        </fieldset>

        <RadioGroup
          legend={t('form.split')}
          value={draft.splitKind}
          onChange={(v) => set('splitKind', v)}
          options={[
            { value: 'even', label: t('form.splitEven') },
            { value: 'weighted', label: t('form.splitWeighted') },
          ]}
          error={splitErrors}
        />
        {draft.splitKind === 'weighted' && (
          <div className="flex flex-col gap-3">
            <p className="text-sm text-slate-700">{t('form.weightHint')}</p>
            <div className="grid gap-4 sm:grid-cols-3">
              {order.map((i) => {
                const d = draft.doseTimes[i];
                if (!d) return null;
                return (
                  <TextField
                    key={d.key}
                    label={d.time ? t('form.weight', { time: d.time }) : t('form.weightUnnamed', { number: i + 1 })}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    step="any"
                    value={d.weight}
                    onChange={(e) => setDoseTime(d.key, { weight: e.target.value })}
                    error={errorsFor(`split.weights.${order.indexOf(i)}`)}
                  />
                );
              })}
            </div>
          </div>
        )}
        <div>
          <Button variant="secondary" disabled={draft.doseTimes.length < 2} onClick={moreAtNight}>
            {t('form.moreAtNight')}
          </Button>
        </div>
        <DropOrderField times={validTimes} value={draft.dropOrder} onChange={(order) => set('dropOrder', order)} />
      </fieldset>

      <fieldset className={fieldsetClass} aria-describedby={[`${id}-formulations-hint`, formulationsErrors ? `${id}-formulations-error` : ''].filter(Boolean).join(' ')}>
        <legend className={legendClass}>{t('form.formulations')}</legend>
        <p id={`${id}-formulations-hint`} className="text-sm text-slate-700">{t('form.formulationsHint')}</p>
        {draft.formulations.length === 0 && <p className="text-slate-700">{t('form.noFormulations')}</p>}
        <ul className="flex flex-col gap-3">
          {draft.formulations.map((f, i) => {
            const itemErrors = errorsFor(`formulations.${i}`, true);
            const errorId = `${formulationId(f.key)}-error`;
            return (
              <li key={f.key}>
                <fieldset className="flex flex-col gap-3 rounded-lg border border-slate-300 p-3" aria-describedby={itemErrors ? errorId : undefined}>
                  <legend className="px-1 font-medium text-slate-900">
                    {f.kind === 'tablet' ? t('form.tabletLegend', { number: i + 1 }) : t('form.liquidLegend', { number: i + 1 })}
                  </legend>
                  {f.kind === 'tablet' ? (
                    <div className="grid items-end gap-4 sm:grid-cols-2">
                      <SelectField
                        id={formulationId(f.key)}
                        label={t('form.strength')}
                        value={String(f.strengthMg)}
                        onChange={(e) => updateFormulation(f.key, (x) => (x.kind === 'tablet' ? { ...x, strengthMg: Number(e.target.value) } : x))}
                      >
                        {optionsWith(TABLET_STRENGTHS, f.strengthMg).map((mg) => (
                          <option key={mg} value={String(mg)}>
                            {t('form.strengthOption', { mg })}
                          </option>
                        ))}
                      </SelectField>
                      <CheckboxField
                        label={t('form.scored')}
                        hint={t('form.scoredHint')}
                        checked={f.scored}
                        onChange={(e) => updateFormulation(f.key, (x) => (x.kind === 'tablet' ? { ...x, scored: e.target.checked } : x))}
                      />
                    </div>
                  ) : (
                    <div className="grid gap-4 sm:grid-cols-2">
                      <SelectField
                        id={formulationId(f.key)}
                        label={t('form.mgPerMl')}
                        value={String(f.mgPerMl)}
                        onChange={(e) => updateFormulation(f.key, (x) => (x.kind === 'liquid' ? { ...x, mgPerMl: Number(e.target.value) } : x))}
                      >
                        {optionsWith(LIQUID_STRENGTHS, f.mgPerMl).map((mgPerMl) => (
                          <option key={mgPerMl} value={String(mgPerMl)}>
                            {t('form.mgPerMlOption', { mgPerMl, per5: mgPerMl * 5 })}
                          </option>
                        ))}
                      </SelectField>
                      <SelectField
                        label={t('form.minMeasurableMl')}
                        value={String(f.minMeasurableMl)}
                        onChange={(e) => updateFormulation(f.key, (x) => (x.kind === 'liquid' ? { ...x, minMeasurableMl: Number(e.target.value) } : x))}
                      >
                        {optionsWith(MEASURABLE_ML, f.minMeasurableMl).map((ml) => (
                          <option key={ml} value={String(ml)}>
                            {t('form.mlOption', { ml })}
                          </option>
                        ))}
                      </SelectField>
                    </div>
                  )}
                  <GroupError id={errorId} errors={itemErrors} />
                  <div>
                    <Button variant="secondary" aria-label={t('form.removeFormulationLabel', { number: i + 1 })} onClick={() => removeFormulation(i)}>
                      {t('form.removeFormulation')}
                    </Button>
                  </div>
                </fieldset>
              </li>
            );
          })}
        </ul>
        <GroupError id={`${id}-formulations-error`} errors={formulationsErrors} />
        <div className="flex flex-wrap gap-2">
          <Button id={`${id}-add-tablet`} variant="secondary" onClick={() => addFormulation('tablet')}>
            {t('form.addTablet')}
          </Button>
          <Button variant="secondary" onClick={() => addFormulation('liquid')}>
            {t('form.addLiquid')}
          </Button>
        </div>
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('form.strategy')}</legend>
        <RadioGroup
          legend={t('form.strategyKind')}
          value={draft.strategyKind}
          onChange={(v) => set('strategyKind', v)}
          options={[
            { value: 'fixed', label: t('form.strategyFixed') },
            { value: 'percent', label: t('form.strategyPercent'), hint: t('form.strategyPercentHint') },
          ]}
          error={strategyErrors}
        />
        {draft.strategyKind === 'fixed' ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField
              label={t('form.mgPerStep')}
              name="mgPerStep"
              type="number"
              inputMode="decimal"
              min={0}
              max={40}
              step="any"
              value={draft.mgPerStep}
              onChange={(e) => set('mgPerStep', e.target.value)}
              error={errorsFor('strategy.mgPerStep')}
            />
          </div>
        ) : (
          <div className="grid gap-4 sm:grid-cols-3">
            <TextField
              label={t('form.percent')}
              name="percent"
              type="number"
              inputMode="decimal"
              min={0}
              max={50}
              step="any"
              value={draft.percent}
              onChange={(e) => set('percent', e.target.value)}
              error={errorsFor('strategy.percent')}
            />
            <TextField
              label={t('form.minCutMg')}
              name="minCutMg"
              type="number"
              inputMode="decimal"
              min={0}
              max={40}
              step="any"
              value={draft.minCutMg}
              onChange={(e) => set('minCutMg', e.target.value)}
              error={errorsFor('strategy.minCutMg')}
            />
            <TextField
              label={t('form.maxCutMg')}
              name="maxCutMg"
              type="number"
              inputMode="decimal"
              min={0}
              max={40}
              step="any"
              value={draft.maxCutMg}
              onChange={(e) => set('maxCutMg', e.target.value)}
              error={errorsFor('strategy.maxCutMg')}
            />
          </div>
        )}
      </fieldset>

      <fieldset className={fieldsetClass}>
        <legend className={legendClass}>{t('form.pace')}</legend>
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label={t('form.stepDays')}
            name="stepDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            step={1}
            required
            value={draft.stepDays}
            onChange={(e) => set('stepDays', e.target.value)}
            error={errorsFor('stepDays')}
          />
          <TextField
            label={t('form.targetDailyMg')}
            hint={t('form.targetDailyMgHint')}
            name="targetDailyMg"
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            required
            value={draft.targetDailyMg}
            onChange={(e) => set('targetDailyMg', e.target.value)}
            error={errorsFor('targetDailyMg')}
          />
          <TextField
            label={t('form.startDate')}
            name="startDate"
            type="date"
            required
            value={draft.startDate}
            onChange={(e) => set('startDate', e.target.value)}
            error={errorsFor('startDate')}
          />
          <TextField
            label={t('form.maxCutPercent')}
            hint={t('form.maxCutPercentHint')}
            name="maxCutPercent"
            type="number"
            inputMode="decimal"
            min={0}
            max={50}
            step="any"
            required
            value={draft.maxCutPercent}
            onChange={(e) => set('maxCutPercent', e.target.value)}
            error={errorsFor('maxCutPercent')}
          />
          {num(draft.targetDailyMg) === 0 && (
            <TextField
              label={t('form.stopAtMg')}
              hint={t('form.stopAtMgHint', { mg: defaultStop })}
              name="stopAtMg"
              type="number"
              inputMode="decimal"
              min={1}
              max={10}
              step="any"
              value={draft.stopAtMg}
              onChange={(e) => set('stopAtMg', e.target.value)}
              error={errorsFor('stopAtMg')}
            />
          )}
          <TextField
            label={t('form.followUpDays')}
            hint={t('form.followUpDaysHint')}
            name="followUpDays"
            type="number"
            inputMode="numeric"
            min={1}
            max={90}
            step={1}
            value={draft.followUpDays}
            onChange={(e) => set('followUpDays', e.target.value)}
            error={errorsFor('followUpDays')}
          />
        </div>
      </fieldset>

      <section aria-labelledby={`${id}-preview`} className="flex flex-col gap-4">
        <Heading id={`${id}-preview`} className="text-lg font-semibold text-slate-900">
          {t('form.previewTitle')}
        </Heading>
        <p className="text-slate-700">{t('form.previewIntro')}</p>
        {preview.kind === 'empty' && <p className="text-slate-700">{t('form.previewEmpty')}</p>}
        {preview.kind === 'error' && (
          <Notice tone="error" role="alert" title={t('form.previewErrorTitle')}>
            {preview.message}
          </Notice>
        )}
        {preview.kind === 'schedule' && (
          <>
            <p className="font-medium text-slate-900">
              {t('form.previewSummary', {
                steps: preview.schedule.steps.length,
                days: preview.schedule.steps.reduce((sum, s) => sum + s.days, 0),
                end: formatDay(preview.schedule.steps.at(-1)?.endDate ?? deferredInput.startDate, format),
              })}
            </p>
            {preview.schedule.warnings.map((w) => {
              const { title, body } = warningText(w, t);
              return (
                <Notice key={w.code} tone="warning" title={title}>
                  {body}
                </Notice>
              );
            })}
            <CapAdvice input={deferredInput} patient={facts} onAdd={addProduct} />
            <DoseChart steps={preview.schedule.steps} currentDailyMg={deferredInput.currentDailyMg} />
            <ScheduleTable steps={preview.schedule.steps} caption={t('form.previewTitle')} />
          </>
        )}
      </section>

      {children}
    </form>
  );
}
