// Calendar-date helpers: ISO dates that do not exist are refused, not thrown on.
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate } from './dates';

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
