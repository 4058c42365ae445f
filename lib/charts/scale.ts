// Scales and ticks for the charts drawn on the server: a calendar-day axis, a value axis, and round numbers for both.
import { addDays, daysBetween } from '~/lib/dates';

/**
 * The plot's own coordinates. The svg stretches them to whatever box it is given (preserveAspectRatio none,
 * strokes drawn at their own width), so a point at x is always x/10 % across, whatever the screen.
 */
export const PLOT = { width: 1000, height: 1000 } as const;

/** One decimal is a tenth of a thousandth of the plot: finer than any screen shows, and short markup. */
export const round1 = (n: number) => Math.round(n * 10) / 10;

/** Maps a domain onto a range, linearly. A domain of zero width maps everything to the range's start. */
export function linearScale(domain: readonly [number, number], range: readonly [number, number]): (value: number) => number {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  return (value) => (span === 0 ? r0 : r0 + ((value - d0) / span) * (r1 - r0));
}

/** The smallest of 1, 2, 2.5, 5 × 10^k that splits `span` into at most `maxTicks` steps. */
export function niceStep(span: number, maxTicks: number): number {
  if (!(span > 0) || !(maxTicks >= 1)) return 1;
  const raw = span / maxTicks;
  const power = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * power >= raw - 1e-12) return m * power;
  return 10 * power;
}

/** Ticks from 0 up to the first round number at or above `max`; the last tick is the axis's top. */
export function zeroBasedTicks(max: number, maxTicks = 5): number[] {
  // Nothing above zero to show (only scores, no dose): a plain 0 to 1 axis rather than fifths of a mg.
  if (!(max > 0) || !Number.isFinite(max)) return [0, 1];
  const top = max;
  const step = niceStep(top, maxTicks);
  const count = Math.ceil(top / step - 1e-9);
  // Multiplying, not adding, keeps 0.1-steps free of float drift (0.30000000000000004).
  return Array.from({ length: count + 1 }, (_, i) => Number((i * step).toPrecision(12)));
}

/**
 * A run of calendar days, `from` to `to` inclusive, each a band of equal width. A day's events (a dose, a score,
 * a review) sit at the middle of its band; a step starts at its first day's left edge.
 */
export interface DayAxis {
  from: string;
  to: string;
  days: number;
  /** The left edge of a day's band; the day after `to` gives the right edge of the plot. */
  edge(date: string): number;
  /** The middle of a day's band. */
  mid(date: string): number;
}

export function dayAxis(from: string, to: string): DayAxis {
  const days = Math.max(1, daysBetween(from, to) + 1);
  const x = linearScale([0, days], [0, PLOT.width]);
  return {
    from,
    to,
    days,
    edge: (date) => x(daysBetween(from, date)),
    mid: (date) => x(daysBetween(from, date) + 0.5),
  };
}

/** Tick spacings in days, then in months: days for a fortnight (every 3 or 4 on a phone), weeks for a season, months beyond. */
const DAY_STEPS = [1, 2, 3, 4, 7, 14] as const;
const MONTH_STEPS = [1, 2, 3, 6, 12] as const;

const mondayOnOrAfter = (date: string) => {
  // 1970-01-05 was a Monday; daysBetween counts on the UTC calendar.
  const offset = ((daysBetween('1970-01-05', date) % 7) + 7) % 7;
  return offset === 0 ? date : addDays(date, 7 - offset);
};

function monthTicks(from: string, to: string, months: number): string[] {
  const ticks: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7)) - 1;
  if (from.slice(8) !== '01') month += 1;
  for (;;) {
    year += Math.floor(month / 12);
    month %= 12;
    if (month % months === 0) {
      const date = `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-01`;
      if (date > to) break;
      ticks.push(date);
    }
    month += 1;
  }
  return ticks;
}

/**
 * At most `maxTicks` dates between `from` and `to` (inclusive) at a regular, readable spacing: every 1 to 4 days
 * from the first, Mondays a week or two apart, or the first of every 1, 2, 3, 6 or 12 months.
 */
export function dayTicks(from: string, to: string, maxTicks: number): string[] {
  const days = daysBetween(from, to) + 1;
  if (days < 1 || maxTicks < 1) return [];
  for (const step of DAY_STEPS) {
    const ticks: string[] = [];
    for (let date = step < 7 ? from : mondayOnOrAfter(from); date <= to; date = addDays(date, step)) ticks.push(date);
    if (ticks.length <= maxTicks && ticks.length > 0) return ticks;
  }
  for (const months of MONTH_STEPS) {
    const ticks = monthTicks(from, to, months);
    if (ticks.length <= maxTicks && ticks.length > 0) return ticks;
  }
  // Longer than a dozen years: the first day alone (no chart here spans that long).
  return [from];
}

export interface AxisTick {
  date: string;
  x: number;
  /** Shown on a narrow chart (a phone) and on a wide one: a narrow chart has room for fewer labels. */
  narrow: boolean;
  wide: boolean;
}

/** The date ticks of a narrow and a wide chart in one list, each labelled with where it shows. */
export function dayAxisTicks(axis: DayAxis, narrowMax = 4, wideMax = 8): AxisTick[] {
  const narrow = new Set(dayTicks(axis.from, axis.to, narrowMax));
  const wide = new Set(dayTicks(axis.from, axis.to, wideMax));
  return [...new Set([...narrow, ...wide])]
    .sort()
    .map((date) => ({ date, x: round1(axis.mid(date)), narrow: narrow.has(date), wide: wide.has(date) }));
}
