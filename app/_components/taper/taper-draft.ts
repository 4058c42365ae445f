// The taper form's state as typed: its shape and defaults, the changes the form makes to it, and its
// conversion to the engine's TaperInput. Pure, so it is tested without rendering anything.
import { LABEL_MAX_DAILY_MG } from '~/lib/taper/engine';
import type { Formulation, TaperInput } from '~/lib/taper/types';
// The server's own rules for dose times (the pattern and how many), so the form never says otherwise.
import { taperInputSchema } from '~/lib/plans/inputs';

export const TABLET_STRENGTHS = [5, 10, 15, 20, 25];
export const LIQUID_STRENGTHS = [1, 2, 5];
export const MEASURABLE_ML = [0.1, 0.2, 0.5, 1];
// Offered in turn when a dose time is added, so a new one rarely starts as a duplicate.
const SPARE_TIMES = ['12:00', '18:00', '10:00', '16:00', '20:00', '06:00', '00:00'];

const doseTimesSchema = taperInputSchema.shape.doseTimes;

/** The most dose times a plan may have: the server schema's limit. */
export const MAX_DOSE_TIMES: number = (() => {
  for (const check of doseTimesSchema._zod.def.checks ?? []) {
    const def = check._zod.def;
    if (def.check === 'max_length' && 'maximum' in def && typeof def.maximum === 'number') return def.maximum;
  }
  return Number.POSITIVE_INFINITY;
})();

/** A dose time the server accepts (HH:MM). */
export function isDoseTime(time: string): boolean {
  return doseTimesSchema.element.safeParse(time).success;
}

export type FormulationDraft =
  | { key: string; kind: 'tablet'; strengthMg: number; scored: boolean }
  | { key: string; kind: 'liquid'; mgPerMl: number; minMeasurableMl: number };

export interface DoseTimeDraft {
  key: string;
  time: string;
  /** Only used when the split is weighted. */
  weight: string;
}

/** Numbers are kept as typed (strings) so a half-typed "2." or an empty box never jumps under the cursor. */
export interface Draft {
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

/** A change to the draft, as given to setState. */
export type DraftUpdate = (change: (draft: Draft) => Draft) => void;

/** Messages for a field path: exact, or everything under it with `nested`. */
export type ErrorsFor = (path: string, nested?: boolean) => string[] | undefined;

let keySequence = 0;
// Row keys also name the rows' element ids, so the first render's keys come from the index (the same on
// server and client, for hydration); rows added later take keys from a counter that only runs on the client.
export const newKey = () => `n${++keySequence}`;

const str = (n: number) => (Number.isFinite(n) ? String(n) : '');
/** A typed number; empty is NaN, so the engine and the server name the field. */
/** A number as typed, with a decimal point or a decimal comma (27.5 or 27,5); NaN for anything else. */
export const num = (s: string) => (s.trim() === '' ? Number.NaN : Number(s.trim().replace(/^(-?\d*),(\d+)$/, '$1.$2')));

export function draftFrom(input: TaperInput | undefined, defaultStartDate: string): Draft {
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
export function clockOrder(doseTimes: readonly DoseTimeDraft[]): number[] {
  return doseTimes.map((_, i) => i).sort((a, b) => (doseTimes[a]?.time ?? '').localeCompare(doseTimes[b]?.time ?? '') || a - b);
}

export function inputFrom(draft: Draft): TaperInput {
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

/** Above the label maximum the form asks for a clinical reason. */
export function isHighDose(draft: Draft): boolean {
  return num(draft.currentDailyMg) > LABEL_MAX_DAILY_MG;
}

/** The input's dose times that are well formed and not repeated: the ones a drop order can name. */
export function validTimes(input: TaperInput): string[] {
  return input.doseTimes.filter((time, i, all) => isDoseTime(time) && all.indexOf(time) === i);
}

/** Rows whose time is blank, malformed or repeated. */
export function faultyTimes(draft: Draft): Set<number> {
  return new Set(
    draft.doseTimes.flatMap((d, i) => (!isDoseTime(d.time) || draft.doseTimes.some((other, j) => j !== i && other.time === d.time) ? [i] : [])),
  );
}

// ---- Changes ----

export function setField<K extends keyof Draft>(draft: Draft, key: K, value: Draft[K]): Draft {
  return { ...draft, [key]: value };
}

export function setDoseTime(draft: Draft, key: string, change: Partial<DoseTimeDraft>): Draft {
  return { ...draft, doseTimes: draft.doseTimes.map((x) => (x.key === key ? { ...x, ...change } : x)) };
}

/** A new row under `key`, at the first spare time not yet used. */
export function addDoseTime(draft: Draft, key: string): Draft {
  const used = new Set(draft.doseTimes.map((d) => d.time));
  const time = SPARE_TIMES.find((s) => !used.has(s)) ?? '';
  return { ...draft, doseTimes: [...draft.doseTimes, { key, time, weight: '1' }] };
}

export function removeDoseTime(draft: Draft, index: number): Draft {
  return { ...draft, doseTimes: draft.doseTimes.filter((_, i) => i !== index) };
}

/** Weighted split with the latest dose twice the others. */
export function moreAtNight(draft: Draft): Draft {
  const latest = clockOrder(draft.doseTimes).at(-1);
  return {
    ...draft,
    splitKind: 'weighted',
    doseTimes: draft.doseTimes.map((x, i) => ({ ...x, weight: i === latest && draft.doseTimes.length > 1 ? '2' : '1' })),
  };
}

export function addFormulation(draft: Draft, kind: 'tablet' | 'liquid', key: string): Draft {
  const added: FormulationDraft = kind === 'tablet' ? { key, kind, strengthMg: 10, scored: false } : { key, kind, mgPerMl: 1, minMeasurableMl: 0.5 };
  return { ...draft, formulations: [...draft.formulations, added] };
}

/** A product as the advisor names it, added to the list. */
export function addProduct(draft: Draft, f: Formulation, key: string): Draft {
  return { ...draft, formulations: [...draft.formulations, { key, ...f }] };
}

export function updateFormulation(draft: Draft, key: string, change: (f: FormulationDraft) => FormulationDraft): Draft {
  return { ...draft, formulations: draft.formulations.map((f) => (f.key === key ? change(f) : f)) };
}

export function removeFormulation(draft: Draft, index: number): Draft {
  return { ...draft, formulations: draft.formulations.filter((_, i) => i !== index) };
}

// ---- Errors ----

/**
 * Server errors for a path (exact, or everything under it with `nested`; an 'input.' prefix is accepted)
 * plus the engine's message when it names the path.
 */
export function errorsAt(
  fieldErrors: Record<string, string[]> | undefined,
  engine: { field?: string; message?: string },
  path: string,
  nested = false,
): string[] | undefined {
  const out: string[] = [];
  for (const [key, messages] of Object.entries(fieldErrors ?? {})) {
    const bare = key.startsWith('input.') ? key.slice('input.'.length) : key;
    if (bare === path || (nested && bare.startsWith(`${path}.`))) out.push(...messages);
  }
  const { field, message } = engine;
  if (message && field !== undefined && (field === path || (nested && field.startsWith(`${path}.`)))) out.push(message);
  return out.length > 0 ? [...new Set(out)] : undefined;
}

/** The errors without the engine's message, when that message is shown on the fields instead. */
export function serverOnly(errors: string[] | undefined, engineMessage: string | undefined): string[] | undefined {
  const rest = errors?.filter((e) => e !== engineMessage) ?? [];
  return rest.length > 0 ? rest : undefined;
}

/** The choices of a select with the current value among them, in order. */
export function optionsWith(list: readonly number[], value: number): number[] {
  return [...new Set([...list, value])].sort((a, b) => a - b);
}
