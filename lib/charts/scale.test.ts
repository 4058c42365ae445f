// Round numbers and readable date ticks for the server-drawn charts.
import { describe, expect, it } from 'vitest';
import { dayAxis, dayAxisTicks, dayTicks, linearScale, niceStep, zeroBasedTicks } from './scale';

describe('linearScale', () => {
  it('maps the domain onto the range, flipped when the range is', () => {
    const y = linearScale([0, 40], [1000, 0]);
    expect(y(0)).toBe(1000);
    expect(y(40)).toBe(0);
    expect(y(10)).toBe(750);
  });

  it('maps a domain of no width to the range’s start', () => {
    expect(linearScale([5, 5], [0, 1000])(5)).toBe(0);
  });
});

describe('niceStep and zeroBasedTicks', () => {
  it('picks 1, 2, 2.5 or 5 times a power of ten', () => {
    expect(niceStep(30, 5)).toBe(10);
    expect(niceStep(25, 5)).toBe(5);
    expect(niceStep(80, 5)).toBe(20);
    expect(niceStep(11, 5)).toBe(2.5);
    expect(niceStep(0.4, 5)).toBe(0.1);
  });

  it('starts at 0 and ends at or above the largest value', () => {
    expect(zeroBasedTicks(30)).toEqual([0, 10, 20, 30]);
    expect(zeroBasedTicks(27.5)).toEqual([0, 10, 20, 30]);
    expect(zeroBasedTicks(25)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(zeroBasedTicks(0.3)).toEqual([0, 0.1, 0.2, 0.3]);
  });

  it('gives an axis to a chart whose values are all 0', () => {
    expect(zeroBasedTicks(0)).toEqual([0, 1]);
  });
});

describe('dayTicks', () => {
  it('marks every other day of a fortnight', () => {
    expect(dayTicks('2026-03-01', '2026-03-14', 8)).toEqual(['2026-03-01', '2026-03-03', '2026-03-05', '2026-03-07', '2026-03-09', '2026-03-11', '2026-03-13']);
  });

  it('marks every fourth day of a fortnight on a phone', () => {
    expect(dayTicks('2026-03-01', '2026-03-14', 4)).toEqual(['2026-03-01', '2026-03-05', '2026-03-09', '2026-03-13']);
  });

  it('marks Mondays across three months', () => {
    const ticks = dayTicks('2026-01-01', '2026-03-31', 8);
    expect(ticks[0]).toBe('2026-01-05');
    expect(ticks.every((d) => new Date(`${d}T00:00:00Z`).getUTCDay() === 1)).toBe(true);
    expect(ticks.length).toBeLessThanOrEqual(8);
  });

  it('marks the first of the month across a year', () => {
    expect(dayTicks('2026-01-15', '2027-01-14', 8)).toEqual(['2026-03-01', '2026-05-01', '2026-07-01', '2026-09-01', '2026-11-01', '2027-01-01']);
  });

  it('gives one tick to a chart of one day', () => {
    expect(dayTicks('2026-03-01', '2026-03-01', 4)).toEqual(['2026-03-01']);
  });
});

describe('dayAxisTicks', () => {
  it('says which ticks a narrow chart shows and which only a wide one does', () => {
    const ticks = dayAxisTicks(dayAxis('2026-03-01', '2026-03-14'));
    expect(ticks.filter((t) => t.narrow).length).toBeLessThanOrEqual(4);
    expect(ticks.filter((t) => t.wide).length).toBeLessThanOrEqual(8);
    expect(ticks.map((t) => t.date)).toEqual([...ticks.map((t) => t.date)].sort());
    // A day's tick sits at the middle of its band: the first of 14 days at 1/28 of the width.
    expect(ticks[0]?.x).toBeCloseTo(1000 / 28, 1);
  });
});
