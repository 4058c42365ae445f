// What changed between two versions of a plan, as change items with numbers and ISO dates (no words): the pages say them.
import { addDays } from '~/lib/dates';
import { dropRank, stopAtMgOf, tableFor } from './engine';
import type { Formulation, Split, Strategy, TaperInput, TaperStep } from './types';

/** The part of a step a by-date comparison reads. `cutMg` gives the dose before the first step. */
export type DoseStep = Pick<TaperStep, 'startDate' | 'endDate' | 'dailyMg' | 'cutMg'>;

/** One period (inclusive ISO dates) over which both schedules keep the same daily doses. */
export interface DoseRow {
  from: string;
  to: string;
  beforeMg: number;
  afterMg: number;
  changed: boolean;
}

/** A weighted split as each dose time's share of the day's dose (0 to 1), so 1:1:2 and 2:2:4 read the same. */
export type SplitShares = { kind: 'even' } | { kind: 'weighted'; shares: { time: string; share: number }[] };

/**
 * One change a reader needs to know about. `before` is the older version, `after` the newer. Step
 * `index` is 0-based as in `TaperStep`. A `dose` item with `to: null` runs on past both schedules' ends.
 */
export type PlanChange =
  | { kind: 'dose'; from: string; to: string | null; beforeMg: number; afterMg: number }
  | { kind: 'endDate'; before: string; after: string }
  | { kind: 'startDate'; before: string; after: string }
  | { kind: 'currentDose'; before: number; after: number }
  | { kind: 'stepDays'; before: number; after: number }
  | { kind: 'stepLength'; index: number; before: number; after: number }
  | { kind: 'stepCount'; before: number; after: number }
  | { kind: 'cutKind'; before: Strategy; after: Strategy }
  | { kind: 'cutMg'; before: number; after: number }
  | { kind: 'cutPercent'; before: number; after: number }
  | { kind: 'minCut'; before: number; after: number }
  | { kind: 'maxCut'; before: number; after: number }
  | { kind: 'maxCutPercent'; before: number; after: number }
  | { kind: 'slowFactor'; before: number; after: number }
  | { kind: 'target'; before: number; after: number }
  /** `null`: the engine's default threshold (when no resolver for it was given). */
  | { kind: 'stopAt'; before: number | null; after: number | null }
  | { kind: 'followUp'; before: number; after: number }
  | { kind: 'doseTimes'; before: string[]; after: string[] }
  | { kind: 'split'; before: SplitShares; after: SplitShares }
  | { kind: 'dropOrder'; before: string[]; after: string[] }
  | { kind: 'highDoseReason'; before: string | null; after: string | null }
  | { kind: 'formulationAdded'; formulation: Formulation }
  | { kind: 'formulationRemoved'; formulation: Formulation };

export type PlanChangeKind = PlanChange['kind'];

export interface PlanDiff {
  changes: PlanChange[];
}

export interface PlanSnapshot {
  input: TaperInput;
  steps: TaperStep[];
}

/**
 * How to read fields an older version leaves out. The engine owns these defaults; without a resolver an
 * absent stop threshold is reported as "the default", and an absent drop order as the documented one.
 */
export interface DiffDefaults {
  stopAtMg?: (input: TaperInput) => number;
  dropOrder?: (input: TaperInput) => string[];
}

// Doses and settings are decimals like 2.5 or 0.75; sums of them may differ in the last bits.
const same = (x: number, y: number) => Math.abs(x - y) < 1e-9;

/** The daily dose on `date`: the last step begun by then (so the last step's dose continues), else the dose before the first. */
function doseOn(steps: readonly DoseStep[], startMg: number, date: string): number {
  let mg = startMg;
  for (const step of steps) {
    if (step.startDate > date) break;
    mg = step.dailyMg;
  }
  return mg;
}

function byStart(steps: readonly DoseStep[]): DoseStep[] {
  return [...steps].sort((x, y) => (x.startDate < y.startDate ? -1 : x.startDate > y.startDate ? 1 : 0));
}

/** The dose taken before a schedule begins: the first step's dose plus its cut. */
function startMgOf(steps: readonly DoseStep[]): number | undefined {
  const first = steps[0];
  return first ? first.dailyMg + first.cutMg : undefined;
}

/**
 * The two schedules' daily doses side by side over the union of their dates (the first start to the last
 * end), one row per period in which neither changes. Before its first step a schedule gives the dose
 * before it (`startMg`, or the first step's dose plus its cut); after its last step, the last step's dose.
 */
export function compareDoses(
  before: readonly DoseStep[],
  after: readonly DoseStep[],
  startMg: { before?: number; after?: number } = {},
): DoseRow[] {
  const a = byStart(before);
  const b = byStart(after);
  const aStart = startMg.before ?? startMgOf(a);
  const bStart = startMg.after ?? startMgOf(b);
  if (aStart === undefined || bStart === undefined) return [];
  const all = [...a, ...b];
  const first = all.reduce((min, s) => (s.startDate < min ? s.startDate : min), all[0]?.startDate ?? '');
  const last = all.reduce((max, s) => (s.endDate > max ? s.endDate : max), all[0]?.endDate ?? '');
  if (!first || !last) return [];
  const starts = [...new Set([first, ...all.flatMap((s) => [s.startDate, addDays(s.endDate, 1)])])].filter((d) => d >= first && d <= last).sort();
  const rows: DoseRow[] = [];
  starts.forEach((from, i) => {
    const next = starts[i + 1];
    const to = next === undefined ? last : addDays(next, -1);
    const beforeMg = doseOn(a, aStart, from);
    const afterMg = doseOn(b, bStart, from);
    const previous = rows.at(-1);
    if (previous && same(previous.beforeMg, beforeMg) && same(previous.afterMg, afterMg)) previous.to = to;
    else rows.push({ from, to, beforeMg, afterMg, changed: !same(beforeMg, afterMg) });
  });
  return rows;
}

function doseChanges(a: PlanSnapshot, b: PlanSnapshot): PlanChange[] {
  const rows = compareDoses(a.steps, b.steps, { before: a.input.currentDailyMg, after: b.input.currentDailyMg });
  // The last row reaches both schedules' ends, where each keeps its last dose: a difference there lasts.
  return rows.flatMap((row, i) =>
    row.changed ? [{ kind: 'dose', from: row.from, to: i === rows.length - 1 ? null : row.to, beforeMg: row.beforeMg, afterMg: row.afterMg } as const] : [],
  );
}

function stepChanges(a: PlanSnapshot, b: PlanSnapshot): PlanChange[] {
  const out: PlanChange[] = [];
  const aEnd = a.steps.at(-1)?.endDate;
  const bEnd = b.steps.at(-1)?.endDate;
  if (aEnd && bEnd && aEnd !== bEnd) out.push({ kind: 'endDate', before: aEnd, after: bEnd });
  if (a.input.startDate !== b.input.startDate) out.push({ kind: 'startDate', before: a.input.startDate, after: b.input.startDate });
  if (!same(a.input.currentDailyMg, b.input.currentDailyMg)) out.push({ kind: 'currentDose', before: a.input.currentDailyMg, after: b.input.currentDailyMg });
  if (a.input.stepDays !== b.input.stepDays) out.push({ kind: 'stepDays', before: a.input.stepDays, after: b.input.stepDays });
  // A step of the same dose that got longer or shorter, when no change of step length or follow-up explains it.
  const lengthOf = (p: PlanSnapshot, final: boolean) => (final ? followUpOf(p.input) : p.input.stepDays);
  for (let i = 0; i < Math.min(a.steps.length, b.steps.length); i++) {
    const sa = a.steps[i];
    const sb = b.steps[i];
    if (!sa || !sb || sa.days === sb.days || !same(sa.dailyMg, sb.dailyMg)) continue;
    const aFinal = i === a.steps.length - 1;
    const bFinal = i === b.steps.length - 1;
    if (aFinal !== bFinal) continue;
    const expectedA = lengthOf(a, aFinal);
    const expectedB = lengthOf(b, bFinal);
    if (sa.days === expectedA && sb.days === expectedB && expectedA !== expectedB) continue;
    out.push({ kind: 'stepLength', index: i, before: sa.days, after: sb.days });
  }
  if (a.steps.length !== b.steps.length) out.push({ kind: 'stepCount', before: a.steps.length, after: b.steps.length });
  return out;
}

function strategyChanges(x: Strategy, y: Strategy): PlanChange[] {
  if (x.kind === 'fixed' && y.kind === 'fixed') {
    return same(x.mgPerStep, y.mgPerStep) ? [] : [{ kind: 'cutMg', before: x.mgPerStep, after: y.mgPerStep }];
  }
  if (x.kind === 'percent' && y.kind === 'percent') {
    const out: PlanChange[] = [];
    if (!same(x.percent, y.percent)) out.push({ kind: 'cutPercent', before: x.percent, after: y.percent });
    if (!same(x.minCutMg, y.minCutMg)) out.push({ kind: 'minCut', before: x.minCutMg, after: y.minCutMg });
    if (!same(x.maxCutMg, y.maxCutMg)) out.push({ kind: 'maxCut', before: x.maxCutMg, after: y.maxCutMg });
    return out;
  }
  return [{ kind: 'cutKind', before: x, after: y }];
}

function followUpOf(input: TaperInput): number {
  return input.followUpDays ?? input.stepDays;
}

/** The documented default (types.ts): midday times first, then the first, so the last (night) dose is kept longest. */
function documentedDropOrder(input: TaperInput): string[] {
  const times = input.doseTimes;
  if (times.length < 2) return [];
  return [...times.slice(1, -1), ...times.slice(0, 1), ...times.slice(-1)];
}

export function splitShares(split: Split, doseTimes: readonly string[]): SplitShares {
  if (split.kind === 'even') return { kind: 'even' };
  const weights = doseTimes.map((_, i) => split.weights[i] ?? 0);
  const total = weights.reduce((sum, w) => sum + w, 0);
  // Equal weights are an even split in all but name.
  if (total <= 0 || weights.every((w) => same(w, weights[0] ?? 0))) return { kind: 'even' };
  return { kind: 'weighted', shares: doseTimes.map((time, i) => ({ time, share: (weights[i] ?? 0) / total })) };
}

function sameShares(x: SplitShares, y: SplitShares): boolean {
  if (x.kind === 'even' || y.kind === 'even') return x.kind === y.kind;
  return x.shares.length === y.shares.length && x.shares.every((s, i) => s.time === y.shares[i]?.time && same(s.share, y.shares[i]?.share ?? Number.NaN));
}

const sameList = (x: readonly string[], y: readonly string[]) => x.length === y.length && x.every((v, i) => v === y[i]);

function limitChanges(a: TaperInput, b: TaperInput, defaults: DiffDefaults): PlanChange[] {
  const out: PlanChange[] = [...strategyChanges(a.strategy, b.strategy)];
  if (!same(a.maxCutPercent, b.maxCutPercent)) out.push({ kind: 'maxCutPercent', before: a.maxCutPercent, after: b.maxCutPercent });
  const slowA = a.slowFactor ?? 1;
  const slowB = b.slowFactor ?? 1;
  if (!same(slowA, slowB)) out.push({ kind: 'slowFactor', before: slowA, after: slowB });
  if (!same(a.targetDailyMg, b.targetDailyMg)) out.push({ kind: 'target', before: a.targetDailyMg, after: b.targetDailyMg });
  // The stop threshold means something only for a plan that stops.
  if (a.targetDailyMg === 0 || b.targetDailyMg === 0) {
    const stopOf = (input: TaperInput) => input.stopAtMg ?? defaults.stopAtMg?.(input) ?? null;
    const stopA = stopOf(a);
    const stopB = stopOf(b);
    const differs = stopA === null || stopB === null ? stopA !== stopB : !same(stopA, stopB);
    if (differs) out.push({ kind: 'stopAt', before: stopA, after: stopB });
  }
  // Both absent: the follow-up follows the step length, and a change of that is already said.
  if (a.followUpDays !== undefined || b.followUpDays !== undefined) {
    if (followUpOf(a) !== followUpOf(b)) out.push({ kind: 'followUp', before: followUpOf(a), after: followUpOf(b) });
  }
  const reasonOf = (input: TaperInput) => input.highDoseReason?.trim() || null;
  if (reasonOf(a) !== reasonOf(b)) out.push({ kind: 'highDoseReason', before: reasonOf(a), after: reasonOf(b) });
  return out;
}

function timingChanges(a: TaperInput, b: TaperInput, defaults: DiffDefaults): PlanChange[] {
  const out: PlanChange[] = [];
  if (!sameList(a.doseTimes, b.doseTimes)) out.push({ kind: 'doseTimes', before: a.doseTimes, after: b.doseTimes });
  const splitA = splitShares(a.split, a.doseTimes);
  const splitB = splitShares(b.split, b.doseTimes);
  if (!sameShares(splitA, splitB)) out.push({ kind: 'split', before: splitA, after: splitB });
  // Both absent: the default order follows the dose times, whose change is already said.
  if (a.dropOrder !== undefined || b.dropOrder !== undefined) {
    // The engine's reading of an order, given or not (a partial order is completed by the default one).
    const orderOf = (input: TaperInput) => defaults.dropOrder?.(input) ?? input.dropOrder ?? documentedDropOrder(input);
    const orderA = orderOf(a);
    const orderB = orderOf(b);
    if (!sameList(orderA, orderB)) out.push({ kind: 'dropOrder', before: orderA, after: orderB });
  }
  return out;
}

function formulationKey(f: Formulation): string {
  return f.kind === 'tablet' ? `tablet:${f.strengthMg}:${f.scored}` : `liquid:${f.mgPerMl}:${f.minMeasurableMl}`;
}

/** Products in one version and not the other, counted so a duplicate entry is not lost. */
function productChanges(a: readonly Formulation[], b: readonly Formulation[]): PlanChange[] {
  const left = new Map<string, Formulation[]>();
  for (const f of a) left.set(formulationKey(f), [...(left.get(formulationKey(f)) ?? []), f]);
  const added: PlanChange[] = [];
  for (const f of b) {
    const match = left.get(formulationKey(f));
    if (match && match.length > 0) match.pop();
    else added.push({ kind: 'formulationAdded', formulation: f });
  }
  const removed: PlanChange[] = [...left.values()].flat().map((formulation) => ({ kind: 'formulationRemoved', formulation }));
  return [...added, ...removed];
}

/**
 * What changed from version `a` to version `b`, in the order a reader needs it: doses by date, then the
 * steps, then the cuts and limits, the dose times, and the products. Fields an older version lacks are
 * read as their defaults, so a version saved before a field existed does not show a change of meaning.
 */
/** The engine's own defaults: what an absent stop threshold or drop order means when the schedule is made. */
export const engineDefaults: DiffDefaults = {
  stopAtMg: (input) => stopAtMgOf(tableFor(input), input),
  dropOrder: (input) => dropRank(input).map((i) => input.doseTimes[i] ?? '').filter(Boolean),
};

export function diffPlans(a: PlanSnapshot, b: PlanSnapshot, defaults: DiffDefaults = engineDefaults): PlanDiff {
  return {
    changes: [
      ...doseChanges(a, b),
      ...stepChanges(a, b),
      ...limitChanges(a.input, b.input, defaults),
      ...timingChanges(a.input, b.input, defaults),
      ...productChanges(a.input.formulations, b.input.formulations),
    ],
  };
}
