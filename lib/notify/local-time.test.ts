// Wall-clock times across daylight-saving changes: London and New York at both changes, Sydney (southern
// hemisphere, changes in April and October), Lord Howe (a 30-minute change), Havana (a change at midnight),
// Monrovia before 1972 (an offset with seconds); then properties against Intl.DateTimeFormat for random
// instants in every zone the runtime knows.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '~/lib/testing/property-runs';
import { clockMinutes, isClockTime, localClock, quietUntil, zonedInstant, zonedInstants } from './local-time';

const at = (iso: string) => new Date(iso);
const iso = (d: Date | null) => d?.toISOString() ?? null;

// The reference: Intl's own reading, with another locale and other options than the code's.
const referenceFormats = new Map<string, Intl.DateTimeFormat>();
function reference(timeZone: string, t: number): { date: string; minutes: number } {
  let format = referenceFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    referenceFormats.set(timeZone, format);
  }
  const p = Object.fromEntries(format.formatToParts(new Date(t)).map((x) => [x.type, x.value]));
  return { date: `${String(p.year).padStart(4, '0')}-${p.month}-${p.day}`, minutes: Number(p.hour) * 60 + Number(p.minute) };
}

const hhmm = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

describe('clock times', () => {
  it('accepts HH:MM from 00:00 to 23:59 only', () => {
    for (const ok of ['00:00', '07:05', '19:00', '23:59']) expect(isClockTime(ok)).toBe(true);
    for (const bad of ['24:00', '7:05', '19:60', '19:00:00', ' 19:00', '', '1900', '19.00']) expect(isClockTime(bad)).toBe(false);
    expect(clockMinutes('19:30')).toBe(1170);
    expect(() => clockMinutes('25:00')).toThrow();
  });
});

describe('localClock', () => {
  it('reads the date and time in the person’s zone, also when their date differs from UTC’s', () => {
    expect(localClock('Europe/London', at('2026-01-15T19:00:00Z'))).toEqual({ date: '2026-01-15', minutes: 19 * 60 });
    expect(localClock('Europe/London', at('2026-07-15T19:00:00Z'))).toEqual({ date: '2026-07-15', minutes: 20 * 60 });
    expect(localClock('America/New_York', at('2026-01-16T03:30:00Z'))).toEqual({ date: '2026-01-15', minutes: 22 * 60 + 30 });
    expect(localClock('Australia/Sydney', at('2026-01-15T14:00:00Z'))).toEqual({ date: '2026-01-16', minutes: 60 });
    expect(localClock('Asia/Kolkata', at('2026-01-15T19:00:00Z'))).toEqual({ date: '2026-01-16', minutes: 30 });
  });

  it('follows London’s clocks through both changes of 2026', () => {
    expect(localClock('Europe/London', at('2026-03-29T00:59:00Z'))).toEqual({ date: '2026-03-29', minutes: 59 });
    expect(localClock('Europe/London', at('2026-03-29T01:00:00Z'))).toEqual({ date: '2026-03-29', minutes: 120 });
    expect(localClock('Europe/London', at('2026-10-25T00:59:00Z'))).toEqual({ date: '2026-10-25', minutes: 119 });
    expect(localClock('Europe/London', at('2026-10-25T01:00:00Z'))).toEqual({ date: '2026-10-25', minutes: 60 });
  });

  it('follows New York’s and Sydney’s clocks through their changes', () => {
    expect(localClock('America/New_York', at('2026-03-08T06:59:00Z'))).toEqual({ date: '2026-03-08', minutes: 119 });
    expect(localClock('America/New_York', at('2026-03-08T07:00:00Z'))).toEqual({ date: '2026-03-08', minutes: 180 });
    expect(localClock('America/New_York', at('2026-11-01T05:59:00Z'))).toEqual({ date: '2026-11-01', minutes: 119 });
    expect(localClock('America/New_York', at('2026-11-01T06:00:00Z'))).toEqual({ date: '2026-11-01', minutes: 60 });
    // Sydney: summer time ends on 5 April (03:00 back to 02:00) and starts on 4 October (02:00 on to 03:00).
    expect(localClock('Australia/Sydney', at('2026-04-04T15:59:00Z'))).toEqual({ date: '2026-04-05', minutes: 179 });
    expect(localClock('Australia/Sydney', at('2026-04-04T16:00:00Z'))).toEqual({ date: '2026-04-05', minutes: 120 });
    expect(localClock('Australia/Sydney', at('2026-10-03T15:59:00Z'))).toEqual({ date: '2026-10-04', minutes: 119 });
    expect(localClock('Australia/Sydney', at('2026-10-03T16:00:00Z'))).toEqual({ date: '2026-10-04', minutes: 180 });
  });

  // The library this replaced (TZDate) put Monrovia's clocks 89 minutes off here.
  it('reads a zone whose offset had seconds (Monrovia, 44 min 30 s behind UTC until 1972)', () => {
    expect(localClock('Africa/Monrovia', at('1971-06-01T12:44:30Z'))).toEqual({ date: '1971-06-01', minutes: 12 * 60 });
    expect(localClock('Africa/Monrovia', at('1971-06-01T12:44:29Z'))).toEqual({ date: '1971-06-01', minutes: 11 * 60 + 59 });
  });
});

describe('zonedInstant', () => {
  it('gives 19:00 in winter and in summer in each zone', () => {
    expect(iso(zonedInstant('Europe/London', '2026-01-15', '19:00'))).toBe('2026-01-15T19:00:00.000Z');
    expect(iso(zonedInstant('Europe/London', '2026-07-15', '19:00'))).toBe('2026-07-15T18:00:00.000Z');
    expect(iso(zonedInstant('America/New_York', '2026-01-15', '19:00'))).toBe('2026-01-16T00:00:00.000Z');
    expect(iso(zonedInstant('America/New_York', '2026-07-15', '19:00'))).toBe('2026-07-15T23:00:00.000Z');
    expect(iso(zonedInstant('Australia/Sydney', '2026-01-15', '19:00'))).toBe('2026-01-15T08:00:00.000Z');
    expect(iso(zonedInstant('Australia/Sydney', '2026-07-15', '19:00'))).toBe('2026-07-15T09:00:00.000Z');
  });

  it('gives 19:00 on the days the clocks change, and the days either side', () => {
    const cases: [string, string, string][] = [
      ['Europe/London', '2026-03-28', '2026-03-28T19:00:00.000Z'],
      ['Europe/London', '2026-03-29', '2026-03-29T18:00:00.000Z'],
      ['Europe/London', '2026-10-24', '2026-10-24T18:00:00.000Z'],
      ['Europe/London', '2026-10-25', '2026-10-25T19:00:00.000Z'],
      ['America/New_York', '2026-03-07', '2026-03-08T00:00:00.000Z'],
      ['America/New_York', '2026-03-08', '2026-03-08T23:00:00.000Z'],
      ['America/New_York', '2026-10-31', '2026-10-31T23:00:00.000Z'],
      ['America/New_York', '2026-11-01', '2026-11-02T00:00:00.000Z'],
      ['Australia/Sydney', '2026-04-04', '2026-04-04T08:00:00.000Z'],
      ['Australia/Sydney', '2026-04-05', '2026-04-05T09:00:00.000Z'],
      ['Australia/Sydney', '2026-10-03', '2026-10-03T09:00:00.000Z'],
      ['Australia/Sydney', '2026-10-04', '2026-10-04T08:00:00.000Z'],
    ];
    for (const [zone, date, expected] of cases) expect([zone, date, iso(zonedInstant(zone, date, '19:00'))]).toEqual([zone, date, expected]);
  });

  it('moves a time the clocks skip to the first minute after the gap', () => {
    // London: 01:00 GMT becomes 02:00 BST, so 01:00 to 01:59 never show; 02:00 does, at the same instant.
    expect(zonedInstants('Europe/London', '2026-03-29', '01:30')).toEqual([]);
    expect(iso(zonedInstant('Europe/London', '2026-03-29', '01:30'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('Europe/London', '2026-03-29', '01:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('Europe/London', '2026-03-29', '02:00'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(zonedInstant('Europe/London', '2026-03-29', '00:59'))).toBe('2026-03-29T00:59:00.000Z');
    // New York: 02:00 EST becomes 03:00 EDT.
    expect(iso(zonedInstant('America/New_York', '2026-03-08', '02:30'))).toBe('2026-03-08T07:00:00.000Z');
    // Sydney: 02:00 AEST becomes 03:00 AEDT.
    expect(iso(zonedInstant('Australia/Sydney', '2026-10-04', '02:30'))).toBe('2026-10-03T16:00:00.000Z');
    // Havana changes at midnight: the day starts at 01:00.
    expect(iso(zonedInstant('America/Havana', '2026-03-08', '00:30'))).toBe('2026-03-08T05:00:00.000Z');
    expect(localClock('America/Havana', zonedInstant('America/Havana', '2026-03-08', '00:00'))).toEqual({ date: '2026-03-08', minutes: 60 });
  });

  it('gives a time the clocks repeat at its first occurrence, and both through zonedInstants', () => {
    expect(zonedInstants('Europe/London', '2026-10-25', '01:30').map(iso)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-25T01:30:00.000Z']);
    expect(iso(zonedInstant('Europe/London', '2026-10-25', '01:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedInstants('America/New_York', '2026-11-01', '01:30').map(iso)).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z']);
    expect(zonedInstants('Australia/Sydney', '2026-04-05', '02:30').map(iso)).toEqual(['2026-04-04T15:30:00.000Z', '2026-04-04T16:30:00.000Z']);
    // Lord Howe Island goes back by half an hour (02:00 +11 to 01:30 +10:30): the earlier of the two, not the later.
    expect(iso(zonedInstant('Australia/Lord_Howe', '2026-04-05', '01:45'))).toBe('2026-04-04T14:45:00.000Z');
    expect(zonedInstants('Australia/Lord_Howe', '2026-04-05', '01:45').map(iso)).toEqual(['2026-04-04T14:45:00.000Z', '2026-04-04T15:15:00.000Z']);
    // Not a repeated time: one instant.
    expect(zonedInstants('Europe/London', '2026-10-25', '02:30').map(iso)).toEqual(['2026-10-25T02:30:00.000Z']);
  });

  it('handles an offset with seconds and a date before 100 AD', () => {
    expect(iso(zonedInstant('Africa/Monrovia', '1971-06-01', '12:00'))).toBe('1971-06-01T12:44:30.000Z');
    expect(iso(zonedInstant('UTC', '0050-03-01', '10:00'))).toBe('0050-03-01T10:00:00.000Z');
  });
});

describe('quietUntil', () => {
  const london = 'Europe/London';

  it('is null without quiet hours, with equal start and end, and outside them', () => {
    expect(quietUntil(at('2026-01-15T23:00:00Z'), london, null, null)).toBeNull();
    expect(quietUntil(at('2026-01-15T23:00:00Z'), london, '22:00', null)).toBeNull();
    expect(quietUntil(at('2026-01-15T23:00:00Z'), london, '22:00', '22:00')).toBeNull();
    expect(quietUntil(at('2026-01-15T12:00:00Z'), london, '22:00', '07:00')).toBeNull();
    expect(quietUntil(at('2026-01-15T16:00:00Z'), london, '13:00', '15:00')).toBeNull();
  });

  it('ends later the same day for daytime quiet hours', () => {
    expect(iso(quietUntil(at('2026-01-15T14:00:00Z'), london, '13:00', '15:00'))).toBe('2026-01-15T15:00:00.000Z');
    expect(iso(quietUntil(at('2026-01-15T13:00:00Z'), london, '13:00', '15:00'))).toBe('2026-01-15T15:00:00.000Z');
    expect(quietUntil(at('2026-01-15T15:00:00Z'), london, '13:00', '15:00')).toBeNull();
  });

  it('spans midnight: from the evening to the next morning, and from after midnight to that morning', () => {
    expect(iso(quietUntil(at('2026-01-15T22:00:00Z'), london, '22:00', '07:00'))).toBe('2026-01-16T07:00:00.000Z');
    expect(iso(quietUntil(at('2026-01-15T23:30:00Z'), london, '22:00', '07:00'))).toBe('2026-01-16T07:00:00.000Z');
    expect(iso(quietUntil(at('2026-01-16T06:59:00Z'), london, '22:00', '07:00'))).toBe('2026-01-16T07:00:00.000Z');
    expect(quietUntil(at('2026-01-16T07:00:00Z'), london, '22:00', '07:00')).toBeNull();
    expect(quietUntil(at('2026-01-15T21:59:00Z'), london, '22:00', '07:00')).toBeNull();
  });

  it('spans midnight across the clocks changing: eight hours of quiet in spring, ten in autumn, in each zone', () => {
    // London, 22:00-07:00: spring forward that night ends the quiet at 07:00 BST (06:00Z); fall back at 07:00 GMT.
    expect(iso(quietUntil(at('2026-03-28T22:30:00Z'), london, '22:00', '07:00'))).toBe('2026-03-29T06:00:00.000Z');
    expect(iso(quietUntil(at('2026-10-24T22:00:00Z'), london, '22:00', '07:00'))).toBe('2026-10-25T07:00:00.000Z');
    // New York: 07:00 EDT (11:00Z) after spring forward, 07:00 EST (12:00Z) after fall back.
    expect(iso(quietUntil(at('2026-03-08T04:00:00Z'), 'America/New_York', '22:00', '07:00'))).toBe('2026-03-08T11:00:00.000Z');
    expect(iso(quietUntil(at('2026-11-01T03:00:00Z'), 'America/New_York', '22:00', '07:00'))).toBe('2026-11-01T12:00:00.000Z');
    // Sydney: the April change ends summer time (07:00 AEST = 21:00Z), the October one starts it (07:00 AEDT = 20:00Z).
    expect(iso(quietUntil(at('2026-04-04T12:00:00Z'), 'Australia/Sydney', '22:00', '07:00'))).toBe('2026-04-04T21:00:00.000Z');
    expect(iso(quietUntil(at('2026-10-03T12:00:00Z'), 'Australia/Sydney', '22:00', '07:00'))).toBe('2026-10-03T20:00:00.000Z');
  });

  it('ends at the first minute after the gap when the end is a time the clocks skip', () => {
    expect(iso(quietUntil(at('2026-03-29T00:30:00Z'), london, '23:00', '01:30'))).toBe('2026-03-29T01:00:00.000Z');
    // Started in the gap: 02:10 BST is inside 01:30-06:00 (the clock is past the start).
    expect(iso(quietUntil(at('2026-03-29T01:10:00Z'), london, '01:30', '06:00'))).toBe('2026-03-29T05:00:00.000Z');
  });

  it('never ends in the past when the clocks repeat the hour the quiet ends in', () => {
    // 23:00-01:30 on the night London goes back: 01:15 BST ends at 01:30 BST; at 01:45 BST it is over; the clock
    // shows 01:15 again (GMT) and that is quiet again until 01:30 GMT, not 01:30 BST, an hour before.
    expect(iso(quietUntil(at('2026-10-25T00:15:00Z'), london, '23:00', '01:30'))).toBe('2026-10-25T00:30:00.000Z');
    expect(quietUntil(at('2026-10-25T00:45:00Z'), london, '23:00', '01:30')).toBeNull();
    expect(iso(quietUntil(at('2026-10-25T01:15:00Z'), london, '23:00', '01:30'))).toBe('2026-10-25T01:30:00.000Z');
  });
});

// Every zone the runtime knows, and instants near the 2026 changes of zones that have them, where mistakes live.
const zones = Intl.supportedValuesOf('timeZone');
const changingZones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Havana', 'America/Santiago', 'Pacific/Chatham', 'Europe/Berlin'];

/** The instants (whole hours before which the offset differs) at which each zone changed its clocks in 2026. */
function changesOf(zone: string): number[] {
  const found: number[] = [];
  const offset = (t: number) => {
    const r = reference(zone, t);
    const [y, m, d] = r.date.split('-').map(Number) as [number, number, number];
    return Date.UTC(y, m - 1, d) + r.minutes * 60_000 - t;
  };
  let previous = offset(Date.UTC(2026, 0, 1));
  for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 15 * 60_000) {
    const now = offset(t);
    if (now !== previous) found.push(t);
    previous = now;
  }
  return found;
}
const changes = changingZones.flatMap((zone) => changesOf(zone).map((t) => ({ zone, t })));

const anyInstant = fc.record({ zone: fc.constantFrom(...zones), t: fc.integer({ min: Date.UTC(1900, 0, 1), max: Date.UTC(2100, 0, 1) }) });
const nearChange = fc
  .record({ change: fc.constantFrom(...changes), delta: fc.integer({ min: -26 * 3600, max: 26 * 3600 }) })
  .map(({ change, delta }) => ({ zone: change.zone, t: change.t + delta * 1000 }));
const instant = fc.oneof(anyInstant, nearChange);
const clockTime = fc.integer({ min: 0, max: 1439 }).map(hhmm);

describe('properties against Intl.DateTimeFormat', () => {
  it('found the 2026 changes the examples are about', () => {
    expect(changes.filter((c) => c.zone === 'Europe/London').map((c) => new Date(c.t).toISOString())).toEqual(['2026-03-29T01:00:00.000Z', '2026-10-25T01:00:00.000Z']);
    expect(changes.length).toBeGreaterThanOrEqual(14);
  });

  it('localClock reads what Intl reads, for any instant in any zone', () => {
    fc.assert(
      fc.property(instant, ({ zone, t }) => {
        expect(localClock(zone, new Date(t))).toEqual(reference(zone, t));
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('zonedInstant lands on the wall time asked for (its first occurrence), or right after the gap that skips it', () => {
    fc.assert(
      fc.property(instant, clockTime, ({ zone, t }, time) => {
        const date = reference(zone, t).date;
        const wall = clockMinutes(time);
        const result = zonedInstant(zone, date, time).getTime();
        const shown = reference(zone, result);
        if (shown.date === date && shown.minutes === wall) {
          // The first occurrence: half an hour, an hour or two earlier the clock did not show it already.
          for (const earlier of [30, 60, 120]) expect(reference(zone, result - earlier * 60_000)).not.toEqual(shown);
        } else {
          // Skipped: a second before, the clock was short of the wall time; now it is past it.
          const before = reference(zone, result - 1000);
          expect(before.date < date || (before.date === date && before.minutes < wall)).toBe(true);
          expect(shown.date > date || (shown.date === date && shown.minutes > wall)).toBe(true);
          expect(zonedInstants(zone, date, time)).toEqual([]);
        }
      }),
      { numRuns: propertyRuns(1000) },
    );
  });

  it('quietUntil is null exactly outside the quiet hours; inside, it is later than now and the quiet holds until then', () => {
    fc.assert(
      fc.property(instant, clockTime, clockTime, ({ zone, t }, start, end) => {
        const now = new Date(t);
        const result = quietUntil(now, zone, start, end);
        const { minutes } = reference(zone, t);
        const s = clockMinutes(start);
        const e = clockMinutes(end);
        const inside = s !== e && (s < e ? minutes >= s && minutes < e : minutes >= s || minutes < e);
        expect(result !== null).toBe(inside);
        if (!result) return;
        expect(result.getTime()).toBeGreaterThan(t);
        // At most a day away (plus a changed hour), the clock then shows the end or has just jumped past it,
        // and a minute before it was still quiet.
        expect(result.getTime() - t).toBeLessThanOrEqual(26 * 3600_000);
        const atEnd = reference(zone, result.getTime());
        const minuteBefore = reference(zone, result.getTime() - 60_000).minutes;
        if (atEnd.minutes !== e) expect(reference(zone, result.getTime() - 1000).minutes).not.toBe(e);
        if (result.getTime() - 60_000 > t) expect(s < e ? minuteBefore >= s && minuteBefore < e : minuteBefore >= s || minuteBefore < e).toBe(true);
      }),
      { numRuns: propertyRuns(1000) },
    );
  });
});
