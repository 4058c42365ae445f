// Calendar-date helpers: ISO dates that do not exist are refused, not thrown on.
import { addDays as addDaysFns, differenceInCalendarDays, formatISO, isValid, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from '~/lib/dates';

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
