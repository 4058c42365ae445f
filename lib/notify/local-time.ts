// Wall-clock times in a person's own time zone: when 19:00 is for them today, and when their quiet hours
// end. Correct across daylight-saving changes: a time the clocks skip happens at the first minute after the
// gap, and a time they repeat happens once (its first occurrence).
//
// Read through Intl.DateTimeFormat (the zone database the browser and Node ship), one formatter kept per
// zone. @date-fns/tz's TZDate was used before: it misreads zones whose offset has seconds (Africa/Monrovia
// until 1972 was 44 min 30 s behind UTC, and TZDate put its clocks 89 minutes off) and it is several times
// slower, which counts when the reminder job reads thousands of patients' clocks every minute.

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function isClockTime(value: string): boolean {
  return HHMM.test(value);
}

/** Minutes after midnight of an 'HH:MM' time. */
export function clockMinutes(hhmm: string): number {
  const match = HHMM.exec(hhmm);
  if (!match) throw new Error(`not a clock time: ${hhmm}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/**
 * The wall clock in `timeZone` at instant `t` (ms, whole seconds), read as if it were a UTC time: the
 * difference to `t` is the zone's offset then.
 */
function wallAsUtc(timeZone: string, t: number): number {
  const fields = { year: 0, month: 1, day: 1, hour: 0, minute: 0, second: 0 };
  for (const part of formatFor(timeZone).formatToParts(t)) {
    if (part.type in fields) fields[part.type as keyof typeof fields] = Number(part.value);
  }
  return utcOf(fields.year, fields.month, fields.day, fields.hour * 60 + fields.minute, fields.second);
}

/** Date.UTC that reads years 0-99 as they are (Date.UTC takes them for 1900-1999). */
function utcOf(year: number, month: number, day: number, minutes: number, seconds = 0): number {
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return date.getTime() + minutes * MINUTE_MS + seconds * 1000;
}

function isoOf(utcMs: number): string {
  const d = new Date(utcMs);
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** The zone's offset from UTC at instant `t`, in ms (positive east of Greenwich). */
function offsetAt(timeZone: string, t: number): number {
  const whole = Math.floor(t / 1000) * 1000;
  return wallAsUtc(timeZone, whole) - whole;
}

/** The date ('YYYY-MM-DD') and the minutes after midnight the clock shows in `timeZone` at `now`. */
export function localClock(timeZone: string, now: Date): { date: string; minutes: number } {
  const wall = wallAsUtc(timeZone, Math.floor(now.getTime() / 1000) * 1000);
  const dayStart = Math.floor(wall / DAY_MS) * DAY_MS;
  return { date: isoOf(dayStart), minutes: Math.floor((wall - dayStart) / MINUTE_MS) };
}

/**
 * Every instant at which the clock in `timeZone` shows `hhmm` on `isoDate`, earliest first: one on most
 * days, two when the clocks go back over it, none when they skip it.
 */
export function zonedInstants(timeZone: string, isoDate: string, hhmm: string): Date[] {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = utcOf(y, m, d, clockMinutes(hhmm));
  // The offsets a day either side cover any change in between (zones change their offset at most once
  // in two days); each gives a candidate, kept when the clock really shows that time then.
  const offsets = new Set([offsetAt(timeZone, wall - DAY_MS), offsetAt(timeZone, wall), offsetAt(timeZone, wall + DAY_MS)]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const t = wall - offset;
    // Within the minute: an offset with seconds puts the minute's start a few seconds into the instant's minute.
    if (Math.floor(wallAsUtc(timeZone, t) / MINUTE_MS) === wall / MINUTE_MS) found.add(t);
  }
  return [...found].sort((a, b) => a - b).map((t) => new Date(t));
}

/**
 * The instant at which the clock in `timeZone` first shows `hhmm` on `isoDate`, or, when the clocks skip
 * that time (spring forward), the first instant after the gap.
 */
export function zonedInstant(timeZone: string, isoDate: string, hhmm: string): Date {
  const [first] = zonedInstants(timeZone, isoDate, hhmm);
  if (first) return first;
  // Skipped: the clock jumps over the wall time somewhere between reading it with the offset after the
  // change (an instant before the gap) and with the offset before it (an instant after the gap). The first
  // second whose clock reads past the wall time is the end of the gap.
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const wall = utcOf(y, m, d, clockMinutes(hhmm));
  const before = offsetAt(timeZone, wall - DAY_MS);
  const after = offsetAt(timeZone, wall + DAY_MS);
  let lo = Math.floor((wall - Math.max(before, after)) / 1000); // clock before the wall time
  let hi = Math.ceil((wall - Math.min(before, after)) / 1000); // clock past it
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallAsUtc(timeZone, mid * 1000) > wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi * 1000);
}

/**
 * When non-urgent notices may go out again, if `now` falls in the quiet hours ('HH:MM' to 'HH:MM' in the
 * person's zone; they may span midnight); null when it does not, or when there are no quiet hours.
 * Always later than `now`: in an hour the clocks repeat, the end is its next occurrence.
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
  const ends = zonedInstants(timeZone, endDate, end).filter((t) => t.getTime() > now.getTime());
  return ends[0] ?? zonedInstant(timeZone, endDate, end);
}

/** The ISO date after `isoDate`. */
function nextDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  return isoOf(utcOf(y, m, d, 0) + DAY_MS);
}
