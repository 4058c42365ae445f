// The geometry of the dose chart and the line pieces every chart shares: step paths, broken lines, dots, a plan's steps on a day axis.
import { addDays } from '~/lib/dates';
import { dayAxis, dayAxisTicks, linearScale, PLOT, round1, zeroBasedTicks, type AxisTick, type DayAxis } from './scale';

export interface Segment {
  x1: number;
  x2: number;
  y: number;
}

export interface Point {
  x: number;
  y: number;
}

const n = (value: number) => String(round1(value));

/**
 * One path through level segments, in order: a vertical riser joins a segment that starts where the last
 * one ended, and a gap starts a new piece.
 */
export function stepPath(segments: readonly Segment[]): string {
  let d = '';
  let last: Segment | undefined;
  for (const s of segments) {
    if (last && round1(last.x2) === round1(s.x1)) {
      if (round1(last.y) !== round1(s.y)) d += `V${n(s.y)}`;
    } else {
      d += `M${n(s.x1)} ${n(s.y)}`;
    }
    d += `H${n(s.x2)}`;
    last = s;
  }
  return d;
}

/** Straight lines through the points of each run; a null between two points breaks the line there. */
export function brokenLinePath(points: readonly (Point | null)[]): string {
  let d = '';
  let drawing = false;
  for (const p of points) {
    if (!p) {
      drawing = false;
      continue;
    }
    d += `${drawing ? 'L' : 'M'}${n(p.x)} ${n(p.y)}`;
    drawing = true;
  }
  return d;
}

/** A zero-length piece at each point: with a round or square line cap, each one draws as a dot of the line's width. */
export function dotsPath(points: readonly Point[]): string {
  return points.map((p) => `M${n(p.x)} ${n(p.y)}h0`).join('');
}

/** What the dose chart needs of a step. */
export interface StepLike {
  index: number;
  startDate: string;
  /** Inclusive. */
  endDate: string;
  days: number;
  dailyMg: number;
}

export interface DoseSegment extends Segment {
  /** 'before' is the current dose ahead of the first step, drawn as long as the first step. */
  kind: 'before' | 'step';
  index: number;
  startDate: string;
  endDate: string;
  mg: number;
}

export interface DoseChartModel {
  axis: Pick<DayAxis, 'from' | 'to' | 'days'>;
  segments: DoseSegment[];
  path: string;
  xTicks: AxisTick[];
  yTicks: { value: number; y: number }[];
  /** The step running today, as a band across the plot's height. */
  running: { index: number; x1: number; x2: number } | null;
  /** Today, when it falls inside the drawn days. */
  today: { date: string; x: number } | null;
}

/**
 * The dose chart: the current dose as a lead-in as long as the first step, then each step from its first day
 * to the end of its last, on a mg axis from 0. Null when there are no steps: the chart's empty state.
 */
export function doseChartModel(steps: readonly StepLike[], currentDailyMg: number, today?: string): DoseChartModel | null {
  const first = steps[0];
  const last = steps.at(-1);
  if (!first || !last) return null;
  const from = addDays(first.startDate, -Math.max(1, first.days));
  const axis = dayAxis(from, last.endDate);
  const yTicks = zeroBasedTicks(Math.max(currentDailyMg, ...steps.map((s) => s.dailyMg)));
  const top = yTicks.at(-1) ?? 1;
  const y = linearScale([0, top], [PLOT.height, 0]);
  const clampX = (x: number) => Math.min(PLOT.width, Math.max(0, x));

  const segments: DoseSegment[] = [
    { kind: 'before', index: -1, startDate: from, endDate: addDays(first.startDate, -1), mg: currentDailyMg, x1: 0, x2: round1(axis.edge(first.startDate)), y: round1(y(currentDailyMg)) },
    ...steps.map((s) => ({
      kind: 'step' as const,
      index: s.index,
      startDate: s.startDate,
      endDate: s.endDate,
      mg: s.dailyMg,
      // A plan's steps follow each other; clamping keeps a malformed one (ending before it starts) inside the plot.
      x1: round1(clampX(axis.edge(s.startDate))),
      x2: round1(clampX(axis.edge(addDays(s.endDate, 1)))),
      y: round1(y(s.dailyMg)),
    })),
  ];
  const inside = today !== undefined && from <= today && today <= last.endDate;
  const runningStep = today !== undefined && first.startDate <= today ? steps.find((s) => s.startDate <= today && today <= s.endDate) : undefined;
  const running = runningStep ? segments.find((s) => s.kind === 'step' && s.index === runningStep.index) : undefined;

  return {
    axis: { from: axis.from, to: axis.to, days: axis.days },
    segments,
    path: stepPath(segments),
    xTicks: dayAxisTicks(axis),
    yTicks: yTicks.map((value) => ({ value, y: round1(y(value)) })),
    running: running ? { index: running.index, x1: running.x1, x2: running.x2 } : null,
    today: inside ? { date: today, x: round1(axis.mid(today)) } : null,
  };
}
