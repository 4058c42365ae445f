// Wall-clock times in a person's own time zone: when 19:00 is for them today, and when their quiet hours
// end. Correct across daylight-saving changes: a time the clocks skip happens at the first minute after the
// gap, and a time they repeat happens once (its first occurrence).
import { TZDate } from '@date-fns/tz';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;

export function isClockTime(value: string): boolean {
  return HHMM.test(value);
}

/** Minutes after midnight of an 'HH:MM' time. */
export function clockMinutes(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new Error(`not a clock time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

/** The date ('YYYY-MM-DD') and the minutes after midnight the clock shows in `timeZone` at `now`. */
export function localClock(timeZone: string, now: Date): { date: string; minutes: number } {
  const local = new TZDate(now.getTime(), timeZone);
  const date = `${String(local.getFullYear()).padStart(4, '0')}-${String(local.getMonth() + 1).padStart(2, '0')}-${String(local.getDate()).padStart(2, '0')}`;
  return { date, minutes: local.getHours() * 60 + local.getMinutes() };
}

/**
 * The instant at which the clock in `timeZone` first shows `hhmm` on `isoDate`, or, when the clocks skip
 * that time (spring forward), the first instant after the gap.
 */
export function zonedInstant(timeZone: string, isoDate: string, hhmm: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = clockMinutes(hhmm);
  // Start from UTC's reading of that wall time and correct by the zone's offset; twice covers an offset change in between.
  let guess = Date.UTC(y, m - 1, d, Math.floor(target / 60), target % 60);
  for (let i = 0; i < 2; i++) {
    const offsetMinutes = -new TZDate(guess, timeZone).getTimezoneOffset();
    guess = Date.UTC(y, m - 1, d, Math.floor(target / 60), target % 60) - offsetMinutes * 60_000;
  }
  // An ambiguous time (fall back) has two instants: take the earlier one.
  const earlier = guess - 60 * 60_000;
  const atEarlier = localClock(timeZone, new Date(earlier));
  if (atEarlier.date === isoDate && atEarlier.minutes === target) return new Date(earlier);
  const at = localClock(timeZone, new Date(guess));
  if (at.date === isoDate && at.minutes === target) return new Date(guess);
  // Skipped by a spring-forward gap: the first minute after it on that day.
  for (let t = guess - 3 * 60 * 60_000; t <= guess + 3 * 60 * 60_000; t += 60_000) {
    const c = localClock(timeZone, new Date(t));
    if (c.date === isoDate && c.minutes > target) return new Date(t);
  }
  return new Date(guess);
}

/**
 * When non-urgent notices may go out again, if `now` falls in the quiet hours ('HH:MM' to 'HH:MM' in the
 * person's zone; they may span midnight); null when it does not, or when there are no quiet hours.
 */
export function quietUntil(now: Date, timeZone: string, start: string | null, end: string | null): Date | null {
  if (!start || !end || start === end) return null;
  const { date, minutes } = localClock(timeZone, now);
  const s = clockMinutes(start);
  const e = clockMinutes(end);
  const inside = s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e;
  if (!inside) return null;
  // Ends today when it ends later in the day than now, otherwise tomorrow.
  const endDate = minutes < e ? date : nextDate(date);
  return zonedInstant(timeZone, endDate, end);
}

function nextDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}
