// Unit tests for the red-flag rules: every reported question, every pattern, and the date handling.
import { describe, expect, it } from 'vitest';
import { detectRedFlags, isUrgent, redFlagPatternCodes } from './red-flags';
import { redFlagCodes, type CheckInFacts, type ScoreKey } from './types';

const TODAY = '2026-03-10';

/** A calm, unremarkable day: nothing near any threshold. */
function day(localDate: string, scores: Partial<Record<ScoreKey, number>> = {}, more: Partial<CheckInFacts> = {}): CheckInFacts {
  return {
    localDate,
    scores: { spasticity: 3, sleepQuality: 7, restlessness: 2, anxiety: 2, pain: 2, ...scores },
    sleepHours: 7.5,
    dosesPlanned: 3,
    dosesMissed: 0,
    redFlags: [],
    ...more,
  };
}

const codes = (today: CheckInFacts, recent: CheckInFacts[]) => detectRedFlags(today, recent).map((f) => f.code);

describe('a calm day', () => {
  it('raises nothing, and is not urgent', () => {
    const recent = [day('2026-03-08'), day('2026-03-09'), day('2026-03-07')];
    const flags = detectRedFlags(day(TODAY), recent);
    expect(flags).toEqual([]);
    expect(isUrgent(flags)).toBe(false);
  });

  it('raises nothing for a first check-in with no history', () => {
    expect(detectRedFlags(day(TODAY), [])).toEqual([]);
  });
});

describe('reported red flags: each question answered yes is its own urgent flag', () => {
  it.each(redFlagCodes)('%s', (code) => {
    const flags = detectRedFlags(day(TODAY, {}, { redFlags: [code] }), []);
    expect(flags).toEqual([{ code, kind: 'reported', evidence: [{ date: TODAY, value: true, measure: 'reported' }] }]);
    expect(isUrgent(flags)).toBe(true);
  });

  it('covers all ten questions', () => {
    expect(redFlagCodes).toHaveLength(10);
  });

  it('lists several in the fixed question order, once each, even if given out of order or twice', () => {
    const today = day(TODAY, {}, { redFlags: ['self-harm-thoughts', 'hallucinations', 'seizure', 'hallucinations'] });
    expect(codes(today, [])).toEqual(['hallucinations', 'seizure', 'self-harm-thoughts']);
  });

  it('reads only today: a yes on an earlier day is not re-raised today', () => {
    expect(codes(day(TODAY), [day('2026-03-09', {}, { redFlags: ['confusion'] })])).toEqual([]);
  });
});

describe('escalating pain: strictly rising over 3 consecutive days, today at least 7', () => {
  const recent = [day('2026-03-08', { pain: 4 }), day('2026-03-09', { pain: 6 })];

  it('fires, with each day and its score as evidence', () => {
    const flags = detectRedFlags(day(TODAY, { pain: 7 }), recent);
    expect(flags).toEqual([
      {
        code: 'escalating-pain',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-08', value: 4, measure: 'pain' },
          { date: '2026-03-09', value: 6, measure: 'pain' },
          { date: TODAY, value: 7, measure: 'pain' },
        ],
      },
    ]);
    expect(isUrgent(flags)).toBe(true);
  });

  it('does not fire when a day in the run has no check-in', () => {
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-07', { pain: 4 }), day('2026-03-09', { pain: 6 })])).toEqual([]);
  });

  it('does not fire when a day in the run left pain blank', () => {
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-08', { pain: undefined }), day('2026-03-09', { pain: 6 })])).toEqual([]);
  });

  it('does not fire when a day only equals the one before (not strictly rising)', () => {
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 6 }), day('2026-03-09', { pain: 6 })])).toEqual([]);
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 6 }), day('2026-03-09', { pain: 8 })])).toEqual([]);
  });

  it('does not fire when it rises but today is below 7', () => {
    expect(codes(day(TODAY, { pain: 6 }), [day('2026-03-08', { pain: 2 }), day('2026-03-09', { pain: 4 })])).toEqual([]);
  });

  it('does not fire on a high but falling run', () => {
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 10 }), day('2026-03-09', { pain: 9 })])).toEqual([]);
  });
});

describe('escalating agitation: the same rule on max(restlessness, anxiety)', () => {
  it('fires, taking the higher of the two each day', () => {
    const recent = [day('2026-03-08', { restlessness: 5, anxiety: 2 }), day('2026-03-09', { restlessness: 3, anxiety: 6 })];
    const flags = detectRedFlags(day(TODAY, { restlessness: 7, anxiety: 1 }), recent);
    expect(flags).toEqual([
      {
        code: 'escalating-agitation',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-08', value: 5, measure: 'agitation' },
          { date: '2026-03-09', value: 6, measure: 'agitation' },
          { date: TODAY, value: 7, measure: 'agitation' },
        ],
      },
    ]);
  });

  it('uses whichever of the two was answered when the other is blank', () => {
    const recent = [day('2026-03-08', { restlessness: undefined, anxiety: 4 }), day('2026-03-09', { restlessness: 6, anxiety: undefined })];
    expect(codes(day(TODAY, { restlessness: 8 }), recent)).toEqual(['escalating-agitation']);
  });

  it('does not fire when a day left both blank', () => {
    const recent = [day('2026-03-08', { restlessness: undefined, anxiety: undefined }), day('2026-03-09', { restlessness: 6 })];
    expect(codes(day(TODAY, { restlessness: 8 }), recent)).toEqual([]);
  });

  it('does not fire when a day is missing', () => {
    expect(codes(day(TODAY, { anxiety: 9 }), [day('2026-03-09', { anxiety: 6 })])).toEqual([]);
  });

  it('does not fire when not strictly rising', () => {
    const recent = [day('2026-03-08', { anxiety: 7 }), day('2026-03-09', { anxiety: 7 })];
    expect(codes(day(TODAY, { anxiety: 9 }), recent)).toEqual([]);
  });

  it('does not fire when today is below 7', () => {
    const recent = [day('2026-03-08', { anxiety: 3 }), day('2026-03-09', { anxiety: 5 })];
    expect(codes(day(TODAY, { anxiety: 6 }), recent)).toEqual([]);
  });
});

describe('escalating insomnia: falling sleep hours down to 4 h, or sleep quality at most 2 three days running', () => {
  it('fires on hours strictly falling with today at most 4 h', () => {
    const recent = [day('2026-03-08', {}, { sleepHours: 6 }), day('2026-03-09', {}, { sleepHours: 5 })];
    expect(detectRedFlags(day(TODAY, {}, { sleepHours: 4 }), recent)).toEqual([
      {
        code: 'escalating-insomnia',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-08', value: 6, measure: 'sleepHours' },
          { date: '2026-03-09', value: 5, measure: 'sleepHours' },
          { date: TODAY, value: 4, measure: 'sleepHours' },
        ],
      },
    ]);
  });

  it('does not fire on falling hours when today is above 4 h', () => {
    const recent = [day('2026-03-08', {}, { sleepHours: 7 }), day('2026-03-09', {}, { sleepHours: 6 })];
    expect(codes(day(TODAY, {}, { sleepHours: 4.5 }), recent)).toEqual([]);
  });

  it('does not fire on short but not strictly falling hours', () => {
    const recent = [day('2026-03-08', {}, { sleepHours: 5 }), day('2026-03-09', {}, { sleepHours: 4 })];
    expect(codes(day(TODAY, {}, { sleepHours: 4 }), recent)).toEqual([]);
  });

  it('does not fire on falling hours when a day is missing or hours were not given', () => {
    expect(codes(day(TODAY, {}, { sleepHours: 3 }), [day('2026-03-09', {}, { sleepHours: 5 })])).toEqual([]);
    expect(codes(day(TODAY, {}, { sleepHours: 3 }), [day('2026-03-08', {}, { sleepHours: null }), day('2026-03-09', {}, { sleepHours: 5 })])).toEqual([]);
  });

  it('fires on sleep quality at most 2 on three consecutive days, even without a trend', () => {
    const recent = [day('2026-03-08', { sleepQuality: 2 }), day('2026-03-09', { sleepQuality: 1 })];
    expect(detectRedFlags(day(TODAY, { sleepQuality: 2 }), recent)).toEqual([
      {
        code: 'escalating-insomnia',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-08', value: 2, measure: 'sleepQuality' },
          { date: '2026-03-09', value: 1, measure: 'sleepQuality' },
          { date: TODAY, value: 2, measure: 'sleepQuality' },
        ],
      },
    ]);
  });

  it('does not fire on poor sleep quality when one day is 3, or a day is missing', () => {
    expect(codes(day(TODAY, { sleepQuality: 1 }), [day('2026-03-08', { sleepQuality: 3 }), day('2026-03-09', { sleepQuality: 1 })])).toEqual([]);
    expect(codes(day(TODAY, { sleepQuality: 1 }), [day('2026-03-07', { sleepQuality: 1 }), day('2026-03-09', { sleepQuality: 1 })])).toEqual([]);
  });

  it('raises one flag carrying both sets of evidence when both rules hold', () => {
    const recent = [day('2026-03-08', { sleepQuality: 2 }, { sleepHours: 5 }), day('2026-03-09', { sleepQuality: 2 }, { sleepHours: 4 })];
    const flags = detectRedFlags(day(TODAY, { sleepQuality: 0 }, { sleepHours: 2 }), recent);
    expect(flags).toHaveLength(1);
    expect(flags[0]?.evidence.map((e) => `${e.measure}:${e.value}`)).toEqual([
      'sleepHours:5', 'sleepHours:4', 'sleepHours:2', 'sleepQuality:2', 'sleepQuality:2', 'sleepQuality:0',
    ]);
  });
});

describe('dates and order', () => {
  const rising = [day('2026-03-09', { pain: 6 }), day('2026-03-01', { pain: 1 }), day('2026-03-08', { pain: 4 })];

  it('takes recent check-ins in any order', () => {
    expect(codes(day(TODAY, { pain: 8 }), rising)).toEqual(['escalating-pain']);
    expect(codes(day(TODAY, { pain: 8 }), [...rising].reverse())).toEqual(['escalating-pain']);
  });

  it('ignores check-ins older than 7 days: a run that ended 8+ days ago is not today\'s', () => {
    // The same two days fire for a today right after them; 8 and 9 days later they are outside the look-back.
    const old = [day('2026-03-01', { pain: 4 }), day('2026-03-02', { pain: 6 })];
    expect(codes(day('2026-03-03', { pain: 8 }), old)).toEqual(['escalating-pain']);
    expect(codes(day(TODAY, { pain: 8 }), old)).toEqual([]);
  });

  it('ignores a copy of today and anything dated after today in `recent`', () => {
    const recent = [day('2026-03-08', { pain: 4 }), day('2026-03-09', { pain: 6 }), day(TODAY, { pain: 10 }), day('2026-03-11', { pain: 10 })];
    expect(detectRedFlags(day(TODAY, { pain: 5 }), recent)).toEqual([]);
  });

  it('for a date given twice, the last one given wins', () => {
    const recent = [day('2026-03-08', { pain: 4 }), day('2026-03-09', { pain: 9 }), day('2026-03-09', { pain: 6 })];
    expect(codes(day(TODAY, { pain: 8 }), recent)).toEqual(['escalating-pain']);
    expect(codes(day(TODAY, { pain: 8 }), [...recent].reverse())).toEqual([]);
  });

  it('crosses a month end', () => {
    const recent = [day('2026-02-27', { pain: 5 }), day('2026-02-28', { pain: 6 })];
    expect(codes(day('2026-03-01', { pain: 7 }), recent)).toEqual(['escalating-pain']);
  });
});

describe('several reasons at once', () => {
  it('lists the reported questions first, then the patterns in their fixed order', () => {
    const recent = [
      day('2026-03-08', { pain: 5, anxiety: 5, sleepQuality: 1 }),
      day('2026-03-09', { pain: 6, anxiety: 6, sleepQuality: 1 }),
    ];
    const today = day(TODAY, { pain: 7, anxiety: 8, sleepQuality: 1 }, { redFlags: ['high-fever'] });
    expect(codes(today, recent)).toEqual(['high-fever', ...redFlagPatternCodes]);
    expect(detectRedFlags(today, recent).map((f) => f.kind)).toEqual(['reported', 'pattern', 'pattern', 'pattern']);
  });
});
