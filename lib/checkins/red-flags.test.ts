// Unit tests for the red-flag rules: every reported question, every vital-sign limit, every pattern with its
// boundaries, gaps and plateaus, and the date handling.
import { describe, expect, it } from 'vitest';
import { detectRedFlags, isUrgent, redFlagPatternCodes, redFlagRank, redFlagVitalCodes } from './red-flags';
import { AGITATION, PAIN, RUN, SLEEP_HOURS, SLEEP_QUALITY, VITALS } from './thresholds';
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

describe('escalating pain, rising: a run that never falls, up 2 or more, today at least 7', () => {
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

  // Changed rule: one day without a check-in inside the run no longer breaks it (it did when three
  // consecutive check-ins were required).
  it('fires across one day without a check-in, with the days that have one as evidence', () => {
    const flags = detectRedFlags(day(TODAY, { pain: 9 }), [day('2026-03-07', { pain: 4 }), day('2026-03-09', { pain: 6 })]);
    expect(flags).toEqual([
      {
        code: 'escalating-pain',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-07', value: 4, measure: 'pain' },
          { date: '2026-03-09', value: 6, measure: 'pain' },
          { date: TODAY, value: 9, measure: 'pain' },
        ],
      },
    ]);
  });

  it('fires across one day with pain left blank, when three days have a score', () => {
    const recent = [day('2026-03-07', { pain: 5 }), day('2026-03-08', { pain: undefined }), day('2026-03-09', { pain: 6 })];
    expect(codes(day(TODAY, { pain: 9 }), recent)).toEqual(['escalating-pain']);
  });

  it('does not fire on two scored days around a blank one: a pattern needs three days with a score', () => {
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-08', { pain: undefined }), day('2026-03-09', { pain: 6 })])).toEqual([]);
  });

  it('does not fire across two missing days in a row (no check-in, or left blank)', () => {
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-06', { pain: 4 }), day('2026-03-07', { pain: 5 })])).toEqual([]);
    const blanks = [day('2026-03-06', { pain: 4 }), day('2026-03-07', { pain: 5 }), day('2026-03-08', { pain: undefined }), day('2026-03-09', { pain: undefined })];
    expect(codes(day(TODAY, { pain: 8 }), blanks)).toEqual([]);
    // One check-in missing and the next left blank is two missing days too.
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-06', { pain: 4 }), day('2026-03-07', { pain: 5 }), day('2026-03-09', { pain: undefined })])).toEqual([]);
  });

  // Changed rule: plateaus are part of a rise (5, 5, 6, 7, 7, 8 escalates); before, each day had to be
  // strictly higher than the one before.
  it('fires through plateaus: 5, 5, 6, 7, 7, 8', () => {
    const values = [5, 5, 6, 7, 7];
    const recent = values.map((pain, i) => day(`2026-03-0${i + 5}`, { pain }));
    const flags = detectRedFlags(day(TODAY, { pain: 8 }), recent);
    expect(flags.map((f) => f.code)).toEqual(['escalating-pain']);
    expect(flags[0]?.evidence.map((e) => e.value)).toEqual([5, 5, 6, 7, 7, 8]);
  });

  it('fires when a day only equals the one before, as long as the whole run rises by 2', () => {
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 6 }), day('2026-03-09', { pain: 6 })])).toEqual(['escalating-pain']);
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 6 }), day('2026-03-09', { pain: 8 })])).toEqual(['escalating-pain']);
  });

  it('does not fire on a plateau that rises by only 1 overall', () => {
    expect(codes(day(TODAY, { pain: 7 }), [day('2026-03-08', { pain: 6 }), day('2026-03-09', { pain: 7 })])).toEqual([]);
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 8 }), day('2026-03-09', { pain: 8 })])).toEqual([]);
  });

  it('reads the run only back to its last fall: 9, 4, 5, 7 fires from 4; 4, 6, 8, 7 does not', () => {
    const flags = detectRedFlags(day(TODAY, { pain: 7 }), [day('2026-03-07', { pain: 9 }), day('2026-03-08', { pain: 4 }), day('2026-03-09', { pain: 5 })]);
    expect(flags[0]?.evidence.map((e) => e.date)).toEqual(['2026-03-08', '2026-03-09', TODAY]);
    expect(codes(day(TODAY, { pain: 7 }), [day('2026-03-07', { pain: 4 }), day('2026-03-08', { pain: 6 }), day('2026-03-09', { pain: 8 })])).toEqual([]);
  });

  it('fires at exactly 7 and a rise of exactly 2 (the boundaries are included)', () => {
    expect(PAIN).toMatchObject({ risingTo: 7, minRise: 2 });
    expect(codes(day(TODAY, { pain: 7 }), [day('2026-03-08', { pain: 5 }), day('2026-03-09', { pain: 6 })])).toEqual(['escalating-pain']);
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

  // Changed rule: plateaus count (see pain).
  it('fires through a plateau: 7, 7, 9', () => {
    const recent = [day('2026-03-08', { anxiety: 7 }), day('2026-03-09', { anxiety: 7 })];
    expect(codes(day(TODAY, { anxiety: 9 }), recent)).toEqual(['escalating-agitation']);
  });

  it('fires across one missed day, not across two', () => {
    expect(codes(day(TODAY, { restlessness: 8 }), [day('2026-03-07', { anxiety: 5 }), day('2026-03-09', { anxiety: 6 })])).toEqual(['escalating-agitation']);
    expect(codes(day(TODAY, { restlessness: 8 }), [day('2026-03-06', { anxiety: 5 }), day('2026-03-07', { anxiety: 6 })])).toEqual([]);
  });

  it('does not fire when it falls on the way', () => {
    const recent = [day('2026-03-08', { anxiety: 5 }), day('2026-03-09', { anxiety: 8 })];
    expect(codes(day(TODAY, { anxiety: 7 }), recent)).toEqual([]);
  });

  it('does not fire when today is below 7', () => {
    const recent = [day('2026-03-08', { anxiety: 3 }), day('2026-03-09', { anxiety: 5 })];
    expect(codes(day(TODAY, { anxiety: 6 }), recent)).toEqual([]);
  });
});

describe('escalating insomnia: sleep hours falling by 2 h down to 4 h, or sleep quality at most 2 on three days', () => {
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

  it('does not fire on poor sleep quality when one day is 3, or two days in a row are missing', () => {
    expect(codes(day(TODAY, { sleepQuality: 1 }), [day('2026-03-08', { sleepQuality: 3 }), day('2026-03-09', { sleepQuality: 1 })])).toEqual([]);
    expect(codes(day(TODAY, { sleepQuality: 1 }), [day('2026-03-06', { sleepQuality: 1 }), day('2026-03-07', { sleepQuality: 1 })])).toEqual([]);
  });

  // Changed rule: one missed day inside the run no longer breaks it.
  it('fires on poor sleep quality across one missed day', () => {
    expect(codes(day(TODAY, { sleepQuality: 1 }), [day('2026-03-07', { sleepQuality: 1 }), day('2026-03-09', { sleepQuality: 1 })])).toEqual(['escalating-insomnia']);
  });

  it('fires on hours falling with plateaus (7, 6, 6, 4) and across one missed day', () => {
    const recent = [day('2026-03-07', {}, { sleepHours: 7 }), day('2026-03-08', {}, { sleepHours: 6 }), day('2026-03-09', {}, { sleepHours: 6 })];
    expect(codes(day(TODAY, {}, { sleepHours: 4 }), recent)).toEqual(['escalating-insomnia']);
    expect(codes(day(TODAY, {}, { sleepHours: 4 }), [day('2026-03-07', {}, { sleepHours: 6 }), day('2026-03-09', {}, { sleepHours: 5 })])).toEqual(['escalating-insomnia']);
  });

  it('does not fire on hours falling by less than 2 h overall, or rising on the way', () => {
    expect(SLEEP_HOURS).toMatchObject({ fallingTo: 4, minFall: 2 });
    expect(codes(day(TODAY, {}, { sleepHours: 4 }), [day('2026-03-08', {}, { sleepHours: 5.5 }), day('2026-03-09', {}, { sleepHours: 5 })])).toEqual([]);
    expect(codes(day(TODAY, {}, { sleepHours: 4 }), [day('2026-03-08', {}, { sleepHours: 5 }), day('2026-03-09', {}, { sleepHours: 7 })])).toEqual([]);
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

describe('persistently severe: pain or agitation 9 or more, sleep 3 h or less, on three days', () => {
  it('fires on pain at least 9 on three days, even falling, with the days as evidence', () => {
    expect(PAIN.severeFrom).toBe(9);
    const flags = detectRedFlags(day(TODAY, { pain: 9 }), [day('2026-03-08', { pain: 10 }), day('2026-03-09', { pain: 9 })]);
    expect(flags).toEqual([
      {
        code: 'escalating-pain',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-08', value: 10, measure: 'pain' },
          { date: '2026-03-09', value: 9, measure: 'pain' },
          { date: TODAY, value: 9, measure: 'pain' },
        ],
      },
    ]);
  });

  it('fires across one missed day, not across two, and not when a day is below 9', () => {
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-07', { pain: 9 }), day('2026-03-09', { pain: 10 })])).toEqual(['escalating-pain']);
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-06', { pain: 9 }), day('2026-03-07', { pain: 10 })])).toEqual([]);
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-08', { pain: 10 }), day('2026-03-09', { pain: 8 })])).toEqual([]);
  });

  it('does not fire when today is below 9 after severe days, nor on two severe days only', () => {
    expect(codes(day(TODAY, { pain: 8 }), [day('2026-03-08', { pain: 9 }), day('2026-03-09', { pain: 9 })])).toEqual([]);
    expect(codes(day(TODAY, { pain: 9 }), [day('2026-03-09', { pain: 10 })])).toEqual([]);
  });

  it('gives one pain flag, with the longer run as evidence, when it both rose and stayed severe', () => {
    const recent = [day('2026-03-07', { pain: 6 }), day('2026-03-08', { pain: 9 }), day('2026-03-09', { pain: 9 })];
    const flags = detectRedFlags(day(TODAY, { pain: 10 }), recent);
    expect(flags.map((f) => f.code)).toEqual(['escalating-pain']);
    expect(flags[0]?.evidence.map((e) => e.value)).toEqual([6, 9, 9, 10]);
  });

  it('fires on agitation at least 9 on three days', () => {
    expect(AGITATION.severeFrom).toBe(9);
    const recent = [day('2026-03-08', { restlessness: 9 }), day('2026-03-09', { anxiety: 10 })];
    expect(codes(day(TODAY, { anxiety: 9 }), recent)).toEqual(['escalating-agitation']);
    expect(codes(day(TODAY, { anxiety: 9 }), [day('2026-03-08', { restlessness: 9 }), day('2026-03-09', { anxiety: 8, restlessness: 8 })])).toEqual([]);
  });

  it('fires on 3 h of sleep or less on three days, steady or not', () => {
    expect(SLEEP_HOURS.severeAtMost).toBe(3);
    const recent = [day('2026-03-08', {}, { sleepHours: 2 }), day('2026-03-09', {}, { sleepHours: 3 })];
    expect(detectRedFlags(day(TODAY, {}, { sleepHours: 3 }), recent)).toEqual([
      {
        code: 'escalating-insomnia',
        kind: 'pattern',
        evidence: [
          { date: '2026-03-08', value: 2, measure: 'sleepHours' },
          { date: '2026-03-09', value: 3, measure: 'sleepHours' },
          { date: TODAY, value: 3, measure: 'sleepHours' },
        ],
      },
    ]);
    expect(codes(day(TODAY, {}, { sleepHours: 3 }), [day('2026-03-08', {}, { sleepHours: 3.5 }), day('2026-03-09', {}, { sleepHours: 3 })])).toEqual([]);
  });

  it('reads sleep quality 2 as staying poor, 3 as not', () => {
    expect(SLEEP_QUALITY.poorAtMost).toBe(2);
    expect(codes(day(TODAY, { sleepQuality: 2 }), [day('2026-03-08', { sleepQuality: 2 }), day('2026-03-09', { sleepQuality: 2 })])).toEqual(['escalating-insomnia']);
    expect(codes(day(TODAY, { sleepQuality: 3 }), [day('2026-03-08', { sleepQuality: 2 }), day('2026-03-09', { sleepQuality: 2 })])).toEqual([]);
  });
});

describe('vital signs entered today: each limit its own urgent flag, with the value as evidence', () => {
  const vitalsDay = (v: Partial<Pick<CheckInFacts, 'heartRate' | 'systolic' | 'diastolic'>>) => day(TODAY, {}, v);

  it.each([
    ['high-heart-rate', { heartRate: VITALS.heartRateAbove + 1 }, 'heartRate', 121],
    ['low-heart-rate', { heartRate: VITALS.heartRateBelow - 1 }, 'heartRate', 49],
    ['high-systolic', { systolic: VITALS.systolicFrom }, 'systolic', 180],
    ['low-systolic', { systolic: VITALS.systolicBelow - 1 }, 'systolic', 89],
    ['high-diastolic', { diastolic: VITALS.diastolicFrom }, 'diastolic', 110],
  ] as const)('%s, at its first value beyond the limit', (code, v, measure, value) => {
    const flags = detectRedFlags(vitalsDay(v), []);
    expect(flags).toEqual([{ code, kind: 'vital', evidence: [{ date: TODAY, value, measure }] }]);
    expect(isUrgent(flags)).toBe(true);
  });

  it('does not fire at the last value within each limit', () => {
    expect(codes(vitalsDay({ heartRate: 120 }), [])).toEqual([]);
    expect(codes(vitalsDay({ heartRate: 50 }), [])).toEqual([]);
    expect(codes(vitalsDay({ systolic: 179 }), [])).toEqual([]);
    expect(codes(vitalsDay({ systolic: 90 }), [])).toEqual([]);
    expect(codes(vitalsDay({ diastolic: 109 }), [])).toEqual([]);
  });

  it('does not fire when nothing was entered', () => {
    expect(codes(vitalsDay({ heartRate: null, systolic: null, diastolic: null }), [])).toEqual([]);
  });

  it('reads only today: a high pressure on an earlier day is not re-raised today', () => {
    expect(codes(day(TODAY), [day('2026-03-09', {}, { systolic: 200, heartRate: 140 })])).toEqual([]);
  });

  it('raises each crossed limit, in a fixed order', () => {
    expect(redFlagVitalCodes).toEqual(['high-heart-rate', 'low-heart-rate', 'high-systolic', 'low-systolic', 'high-diastolic']);
    expect(codes(vitalsDay({ diastolic: 120, systolic: 200, heartRate: 130 }), [])).toEqual(['high-heart-rate', 'high-systolic', 'high-diastolic']);
  });
});

describe('dates and order', () => {
  const rising = [day('2026-03-09', { pain: 6 }), day('2026-03-01', { pain: 1 }), day('2026-03-08', { pain: 4 })];

  it('takes recent check-ins in any order', () => {
    expect(codes(day(TODAY, { pain: 8 }), rising)).toEqual(['escalating-pain']);
    expect(codes(day(TODAY, { pain: 8 }), [...rising].reverse())).toEqual(['escalating-pain']);
  });

  it('looks back 7 days', () => {
    expect(RUN).toEqual({ lookbackDays: 7, minDays: 3, maxGapDays: 1 });
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

  it('puts the vital signs between the questions and the patterns', () => {
    const recent = [day('2026-03-08', { pain: 5 }), day('2026-03-09', { pain: 6 })];
    const today = day(TODAY, { pain: 7 }, { redFlags: ['seizure'], systolic: 85 });
    expect(detectRedFlags(today, recent).map((f) => [f.code, f.kind])).toEqual([['seizure', 'reported'], ['low-systolic', 'vital'], ['escalating-pain', 'pattern']]);
  });
});

describe('redFlagRank', () => {
  it('orders stored codes as detectRedFlags lists them, unknown codes last', () => {
    const codes = ['escalating-pain', 'mystery', 'high-systolic', 'seizure', 'hallucinations'];
    expect([...codes].sort((a, b) => redFlagRank(a) - redFlagRank(b))).toEqual(['hallucinations', 'seizure', 'high-systolic', 'escalating-pain', 'mystery']);
  });
});
