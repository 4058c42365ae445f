// Calendar-date helpers: ISO dates that do not exist are refused, not thrown on.
import { addDays as addDaysFns, differenceInCalendarDays, formatISO, isValid, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, formatInstant, isIsoDate } from '~/lib/dates';

describe('isIsoDate', () => {
  it('accepts real calendar days, leap days included', () => {
    for (const d of ['2026-11-24', '2028-02-29', '2026-12-31', '2026-01-01']) expect(isIsoDate(d)).toBe(true);
  });

  it('refuses days that do not exist, without throwing', () => {
    for (const d of ['2026-02-30', '2026-02-29', '2026-13-01', '2026-00-10', '2026-04-31', '2026-11-00']) expect(isIsoDate(d)).toBe(false);
  });

  it('refuses other shapes', () => {
    for (const d of ['2026-1-5', '26-11-24', '2026-11-24T00:00:00Z', '', ' 2026-11-24']) expect(isIsoDate(d)).toBe(false);
  });
});

describe('addDays and daysBetween', () => {
  it('cross months, years and the leap day', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(daysBetween('2026-11-24', '2027-11-24')).toBe(365);
  });
});

describe('against date-fns', () => {
  // The reference: date-fns on the local calendar, which is what these helpers replaced for speed.
  const refAdd = (d: string, n: number) => formatISO(addDaysFns(parseISO(d), n), { representation: 'date' });
  const refBetween = (a: string, b: string) => differenceInCalendarDays(parseISO(b), parseISO(a));
  const isoDay = fc.date({ min: new Date('1800-01-01T00:00:00Z'), max: new Date('2200-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));

  it('addDays gives the same day as date-fns', () => {
    fc.assert(fc.property(isoDay, fc.integer({ min: -40_000, max: 40_000 }), (d, n) => addDays(d, n) === refAdd(d, n)), { numRuns: 2000 });
  });

  it('daysBetween gives the same count as date-fns', () => {
    fc.assert(fc.property(isoDay, isoDay, (a, b) => daysBetween(a, b) === refBetween(a, b)), { numRuns: 2000 });
  });

  it('isIsoDate agrees with a parse-and-format round trip', () => {
    const candidate = fc.tuple(fc.integer({ min: 1000, max: 2999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`);
    fc.assert(fc.property(candidate, (s) => {
      const parsed = parseISO(s);
      return isIsoDate(s) === (isValid(parsed) && formatISO(parsed, { representation: 'date' }) === s);
    }), { numRuns: 3000 });
  });

  it('throws on a date that is not one, as before', () => {
    expect(() => addDays('not a date', 1)).toThrow(RangeError);
  });
});

describe('formatInstant', () => {
  const winter = new Date('2026-01-15T13:05:00Z');
  const summer = new Date('2026-07-15T13:05:00Z');
  // What next-intl's formatter does with the options: Intl for the reader's locale.
  const intl = (locale: string) => ({ dateTime: (at: Date, options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, options).format(at) });
  const en = intl('en');
  const es = intl('es');

  it('says the zone the time is told in, with its summer time, in the reader’s language', () => {
    // ICU puts a narrow no-break space before AM/PM in newer versions.
    expect(formatInstant(winter, 'Europe/Madrid', en)).toMatch(/^Jan 15, 2026, 2:05\sPM GMT\+1$/u);
    expect(formatInstant(summer, 'Europe/Madrid', en)).toMatch(/^Jul 15, 2026, 3:05\sPM GMT\+2$/u);
    expect(formatInstant(winter, 'America/New_York', en)).toMatch(/^Jan 15, 2026, 8:05\sAM EST$/u);
    expect(formatInstant(winter, 'Europe/Madrid', es)).toBe('15 ene 2026, 14:05 CET');
    expect(formatInstant(summer, 'Europe/Madrid', es)).toBe('15 jul 2026, 15:05 CEST');
  });

  it('tells the same instant on each viewer’s clock', () => {
    expect(formatInstant(winter, 'UTC', en)).toMatch(/1:05\sPM UTC$/u);
    expect(formatInstant(winter, 'Asia/Tokyo', es)).toMatch(/^15 ene 2026, 22:05 GMT\+9$/u);
  });
});
