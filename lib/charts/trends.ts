// The geometry of the trends chart: planned dose as steps and dose taken on a mg axis, scores on a 0–10 axis, criteria bands and event markers, day by day.
import type { ScoreKey } from '~/lib/checkins/types';
import { addDays } from '~/lib/dates';
import type { DayPoint } from '~/lib/trends/series';
import { dayAxis, dayAxisTicks, linearScale, PLOT, round1, zeroBasedTicks, type AxisTick } from './scale';
import { brokenLinePath, dotsPath, stepPath, type Point, type Segment } from './step-path';

export const SCORE_TICKS = [0, 2, 4, 6, 8, 10] as const;

/** Above this many days a dot per day would merge into a smear: the lines carry the data (and the table every value). */
export const MAX_DAYS_WITH_DOTS = 120;

export interface TrendsChartInput<K extends string = string> {
  from: string;
  to: string;
  today: string;
  days: readonly Pick<DayPoint, 'date' | 'plannedMg' | 'takenMg' | 'scores'>[];
  metrics: readonly ScoreKey[];
  bands: readonly { key: ScoreKey; from: number; to: number }[];
  markers: readonly { date: string; kind: K }[];
}

export interface Series {
  /** The line through the points, broken where a day has no value. */
  line: string;
  /** Each value as a dot; empty when the period has too many days for dots. */
  dots: string;
  points: number;
}

export interface TrendsChartModel<K extends string = string> {
  days: number;
  xTicks: AxisTick[];
  mgTicks: { value: number; y: number }[];
  scoreTicks: { value: number; y: number }[];
  planned: { path: string; segments: Segment[] };
  taken: Series;
  scores: { key: ScoreKey; series: Series }[];
  bands: { key: ScoreKey; y1: number; y2: number }[];
  /** One marker per kind and day: several events of a kind on one day share it (the events list names each). */
  markers: { date: string; kind: K; x: number }[];
  /** The dotted line for today, when the period reaches past it (the planned dose after it is still to come). */
  today: { x: number } | null;
}

function series(points: (Point | null)[], withDots: boolean): Series {
  const present = points.filter((p): p is Point => p !== null);
  return { line: brokenLinePath(points), dots: withDots ? dotsPath(present) : '', points: present.length };
}

/** The trends chart for a period, or null when it has nothing to draw (no planned dose, no dose taken, no score): the empty state. */
export function trendsChartModel<K extends string>(input: TrendsChartInput<K>): TrendsChartModel<K> | null {
  const days = [...input.days].filter((d) => input.from <= d.date && d.date <= input.to).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  const hasValue = days.some((d) => d.plannedMg !== null || d.takenMg !== null || input.metrics.some((k) => d.scores[k] !== undefined));
  if (!hasValue) return null;

  const axis = dayAxis(input.from, input.to);
  // A tenth of headroom: the planned dose would otherwise run along the plot's top edge, where score 10 also is.
  const mgTicks = zeroBasedTicks(1.1 * Math.max(0, ...days.flatMap((d) => [d.plannedMg ?? 0, d.takenMg ?? 0])));
  const mg = linearScale([0, mgTicks.at(-1) ?? 1], [PLOT.height, 0]);
  const score = linearScale([0, 10], [PLOT.height, 0]);
  const withDots = axis.days <= MAX_DAYS_WITH_DOTS;

  // Consecutive days with the same planned dose make one segment, so the path has a corner only where the dose changes.
  const planned: Segment[] = [];
  for (const d of days) {
    if (d.plannedMg === null) continue;
    const x1 = round1(axis.edge(d.date));
    const x2 = round1(axis.edge(addDays(d.date, 1)));
    const y = round1(mg(d.plannedMg));
    const last = planned.at(-1);
    if (last && last.x2 === x1 && last.y === y) last.x2 = x2;
    else planned.push({ x1, x2, y });
  }

  const at = (d: (typeof days)[number], value: number | null | undefined, y: (v: number) => number): Point | null =>
    value === null || value === undefined ? null : { x: axis.mid(d.date), y: y(Math.max(0, value)) };
  const markers = [...new Map(input.markers.filter((m) => input.from <= m.date && m.date <= input.to).map((m) => [`${m.date} ${m.kind}`, m])).values()];

  return {
    days: axis.days,
    xTicks: dayAxisTicks(axis),
    mgTicks: mgTicks.map((value) => ({ value, y: round1(mg(value)) })),
    scoreTicks: SCORE_TICKS.map((value) => ({ value, y: round1(score(value)) })),
    planned: { path: stepPath(planned), segments: planned },
    taken: series(days.map((d) => at(d, d.takenMg, mg)), withDots),
    scores: input.metrics.map((key) => ({ key, series: series(days.map((d) => at(d, d.scores[key], (v) => score(Math.min(10, v)))), withDots) })),
    bands: input.bands
      .filter((b) => input.metrics.includes(b.key))
      .map((b) => {
        const lo = Math.max(0, Math.min(10, Math.min(b.from, b.to)));
        const hi = Math.max(0, Math.min(10, Math.max(b.from, b.to)));
        return { key: b.key, y1: round1(score(hi)), y2: round1(score(lo)) };
      }),
    markers: markers.map((m) => ({ date: m.date, kind: m.kind, x: round1(axis.mid(m.date)) })),
    today: input.today >= input.from && input.today < input.to ? { x: round1(axis.mid(input.today)) } : null,
  };
}
