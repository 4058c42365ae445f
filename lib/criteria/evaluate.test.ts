// Unit tests for the stop-go evaluator: worked examples per metric and comparator, window edges, the schema.
import { describe, expect, it } from 'vitest';
import type { CheckInFacts, ScoreKey } from '../checkins/types';
import { alertSeverity, defaultCriteria, evaluateCriteria, recommend } from './evaluate';
import { isErrorKey, renderError, type ErrorValues } from '~/i18n/errors';
import { criteriaProblems, criteriaSchema, criterionSchema, type Criterion, type Fired } from './types';

const AS_OF = '2026-05-14';
/** No red flag during the step. */
const NO_FLAGS = { redFlags: [] };

function day(localDate: string, scores: Partial<Record<ScoreKey, number>> = {}, more: Partial<CheckInFacts> = {}): CheckInFacts {
  return { localDate, scores, sleepHours: 7, dosesPlanned: 3, dosesMissed: 0, redFlags: [], ...more };
}

function criterion(over: Partial<Criterion>): Criterion {
  return {
    id: 'c1',
    label: 'Test criterion',
    metric: { kind: 'score', key: 'spasticity' },
    comparator: '>=',
    threshold: 7,
    windowDays: 7,
    minDays: 3,
    action: 'hold',
    ...over,
  };
}

/** The dates matched by one criterion, or null when it did not fire. */
function matchedDates(c: Criterion, checkIns: CheckInFacts[], baseline: Partial<Record<ScoreKey, number>> = {}): string[] | null {
  const fired = evaluateCriteria([c], checkIns, AS_OF, baseline);
  return fired[0] ? fired[0].matched.map((m) => m.date) : null;
}

describe('a worked example: a hard week against the default criteria', () => {
  // Spasticity climbs after a cut; sleep suffers; one day is skipped and doses are missed twice.
  const week = [
    day('2026-05-08', { spasticity: 5, sleepQuality: 6 }),
    day('2026-05-09', { spasticity: 7, sleepQuality: 3 }, { dosesMissed: 1 }),
    day('2026-05-10', { spasticity: 8, sleepQuality: 2 }),
    // 2026-05-11: no check-in
    day('2026-05-12', { spasticity: 8, sleepQuality: 3 }, { dosesMissed: 2 }),
    day('2026-05-13', { spasticity: 6, sleepQuality: 5 }),
    day('2026-05-14', { spasticity: 8, sleepQuality: 2 }),
  ];
  const fired = evaluateCriteria(defaultCriteria(), week, AS_OF, {});

  it('fires hold (spasticity ≥ 7 on 4 days) and slow (sleep ≤ 3 on 4 days), not step-back (≥ 8 on 3 of 5 needed)', () => {
    expect(fired.map((f) => f.criterionId)).toEqual(['default-spasticity-hold', 'default-sleep-slow']);
    expect(fired[0]).toEqual({
      criterionId: 'default-spasticity-hold',
      label: 'Spasticity 7 or more on 3 of the last 7 days: hold the current step',
      action: 'hold',
      windowStart: '2026-05-08',
      windowEnd: '2026-05-14',
      matched: [
        { date: '2026-05-09', value: 7 },
        { date: '2026-05-10', value: 8 },
        { date: '2026-05-12', value: 8 },
        { date: '2026-05-14', value: 8 },
      ],
    });
  });

  it('recommends slowing, because of the sleep criterion', () => {
    const rec = recommend(fired, NO_FLAGS);
    expect(rec.recommendation).toBe('slow');
    expect(rec.because.map((f) => f.criterionId)).toEqual(['default-sleep-slow']);
  });
});

describe('defaultCriteria', () => {
  it('passes the schema, with the agreed stable ids', () => {
    const criteria = defaultCriteria();
    expect(criteriaSchema.parse(criteria)).toEqual(criteria);
    expect(criteria.map((c) => c.id)).toEqual([
      'default-spasticity-hold',
      'default-sleep-slow',
      'default-no-checkin-notify',
      'default-spasticity-step-back',
      'default-missed-doses-notify',
    ]);
  });

  it('holds the agreed rules', () => {
    const byId = new Map(defaultCriteria().map((c) => [c.id, c]));
    expect(byId.get('default-spasticity-hold')).toMatchObject({ metric: { kind: 'score', key: 'spasticity' }, comparator: '>=', threshold: 7, minDays: 3, windowDays: 7, action: 'hold' });
    expect(byId.get('default-sleep-slow')).toMatchObject({ metric: { kind: 'score', key: 'sleepQuality' }, comparator: '<=', threshold: 3, minDays: 4, windowDays: 7, action: 'slow' });
    expect(byId.get('default-no-checkin-notify')).toMatchObject({ metric: { kind: 'noCheckIn' }, minDays: 3, windowDays: 3, action: 'notify' });
    expect(byId.get('default-spasticity-step-back')).toMatchObject({ metric: { kind: 'score', key: 'spasticity' }, comparator: '>=', threshold: 8, minDays: 5, windowDays: 7, action: 'step-back' });
    expect(byId.get('default-missed-doses-notify')).toMatchObject({ metric: { kind: 'dosesMissed' }, comparator: '>=', threshold: 1, minDays: 3, windowDays: 7, action: 'notify' });
  });

  it('returns a fresh copy each time, so one plan editing its list cannot change another\'s', () => {
    const a = defaultCriteria();
    const first = a[0];
    if (first) first.threshold = 9;
    expect(defaultCriteria()[0]?.threshold).toBe(7);
  });
});

describe('each metric, each comparator', () => {
  it('score ≥: equal to the threshold counts', () => {
    const c = criterion({ comparator: '>=', threshold: 7, minDays: 2 });
    expect(matchedDates(c, [day('2026-05-12', { spasticity: 7 }), day('2026-05-13', { spasticity: 6 }), day('2026-05-14', { spasticity: 9 })])).toEqual(['2026-05-12', '2026-05-14']);
  });

  it('score >: equal to the threshold does not count', () => {
    const c = criterion({ comparator: '>', threshold: 7, minDays: 2 });
    expect(matchedDates(c, [day('2026-05-12', { spasticity: 7 }), day('2026-05-13', { spasticity: 8 }), day('2026-05-14', { spasticity: 9 })])).toEqual(['2026-05-13', '2026-05-14']);
    expect(matchedDates(c, [day('2026-05-12', { spasticity: 7 }), day('2026-05-13', { spasticity: 7 }), day('2026-05-14', { spasticity: 9 })])).toBeNull();
  });

  it('score ≤ on a higher-is-better score (sleep quality): equal counts', () => {
    const c = criterion({ metric: { kind: 'score', key: 'sleepQuality' }, comparator: '<=', threshold: 3, minDays: 2 });
    expect(matchedDates(c, [day('2026-05-13', { sleepQuality: 3 }), day('2026-05-14', { sleepQuality: 1 })])).toEqual(['2026-05-13', '2026-05-14']);
  });

  it('score <: equal does not count', () => {
    const c = criterion({ metric: { kind: 'score', key: 'mood' }, comparator: '<', threshold: 3, minDays: 2 });
    expect(matchedDates(c, [day('2026-05-13', { mood: 3 }), day('2026-05-14', { mood: 2 })])).toBeNull();
    expect(matchedDates(c, [day('2026-05-13', { mood: 2.5 }), day('2026-05-14', { mood: 2 })])).toEqual(['2026-05-13', '2026-05-14']);
  });

  it('score: a day that left the score blank does not count either way', () => {
    const c = criterion({ minDays: 2 });
    expect(matchedDates(c, [day('2026-05-13', { pain: 9 }), day('2026-05-14', { spasticity: 9 })])).toBeNull();
  });

  it('score: reads only the criterion\'s own score', () => {
    const c = criterion({ metric: { kind: 'score', key: 'spasmFrequency' }, comparator: '>=', threshold: 3, minDays: 1 });
    expect(matchedDates(c, [day('2026-05-14', { spasticity: 10, spasmFrequency: 2 })])).toBeNull();
    expect(matchedDates(c, [day('2026-05-14', { spasticity: 0, spasmFrequency: 3 })])).toEqual(['2026-05-14']);
  });

  it('sleep hours <, and a day with hours not given does not count', () => {
    const c = criterion({ metric: { kind: 'sleepHours' }, comparator: '<', threshold: 5, minDays: 2 });
    const days = [day('2026-05-12', {}, { sleepHours: 4.5 }), day('2026-05-13', {}, { sleepHours: null }), day('2026-05-14', {}, { sleepHours: 5 })];
    expect(matchedDates(c, days)).toBeNull();
    expect(matchedDates(c, [...days, day('2026-05-11', {}, { sleepHours: 0 })])).toEqual(['2026-05-11', '2026-05-12']);
  });

  it('doses missed >', () => {
    const c = criterion({ metric: { kind: 'dosesMissed' }, comparator: '>', threshold: 1, minDays: 1, action: 'notify' });
    expect(matchedDates(c, [day('2026-05-13', {}, { dosesMissed: 1 }), day('2026-05-14', {}, { dosesMissed: 0 })])).toBeNull();
    expect(evaluateCriteria([c], [day('2026-05-13', {}, { dosesMissed: 2 })], AS_OF, {})[0]?.matched).toEqual([{ date: '2026-05-13', value: 2 }]);
  });

  it('change from baseline ≥: the score minus the baseline, as the matched value', () => {
    const c = criterion({ metric: { kind: 'changeFromBaseline', key: 'spasticity' }, comparator: '>=', threshold: 3, minDays: 2 });
    const days = [day('2026-05-12', { spasticity: 7 }), day('2026-05-13', { spasticity: 6 }), day('2026-05-14', { spasticity: 8 })];
    const fired = evaluateCriteria([c], days, AS_OF, { spasticity: 4 });
    expect(fired[0]?.matched).toEqual([{ date: '2026-05-12', value: 3 }, { date: '2026-05-14', value: 4 }]);
    // The same scores against a higher baseline are a smaller change.
    expect(matchedDates(c, days, { spasticity: 5 })).toBeNull();
  });

  it('change from baseline ≤ on a higher-is-better score: a fall of 2 or more', () => {
    const c = criterion({ metric: { kind: 'changeFromBaseline', key: 'mood' }, comparator: '<=', threshold: -2, minDays: 1 });
    expect(evaluateCriteria([c], [day('2026-05-14', { mood: 4 })], AS_OF, { mood: 6 })[0]?.matched).toEqual([{ date: '2026-05-14', value: -2 }]);
    expect(matchedDates(c, [day('2026-05-14', { mood: 5 })], { mood: 6 })).toBeNull();
  });

  it('change from baseline: skips days when the baseline or the score is missing', () => {
    const c = criterion({ metric: { kind: 'changeFromBaseline', key: 'pain' }, comparator: '>=', threshold: 1, minDays: 1 });
    expect(matchedDates(c, [day('2026-05-14', { pain: 9 })], {})).toBeNull();
    expect(matchedDates(c, [day('2026-05-14', { pain: 9 })], { spasticity: 0 })).toBeNull();
    expect(matchedDates(c, [day('2026-05-14', { spasticity: 9 })], { pain: 0 })).toBeNull();
  });

  it('change from baseline: decimals compare as a person reads them (6 − 4.9 is 1.1, not 1.0999…)', () => {
    // A baseline is often an average, so it has decimals; in floating point 6 - 4.9 is 1.0999999999999996.
    const c = criterion({ metric: { kind: 'changeFromBaseline', key: 'pain' }, comparator: '>=', threshold: 1.1, minDays: 1 });
    expect(evaluateCriteria([c], [day('2026-05-14', { pain: 6 })], AS_OF, { pain: 4.9 })[0]?.matched).toEqual([{ date: '2026-05-14', value: 1.1 }]);
  });
});

describe('no check-in', () => {
  const c = criterion({ metric: { kind: 'noCheckIn' }, comparator: '>=', threshold: 1, windowDays: 3, minDays: 3, action: 'notify' });

  it('fires after 3 days without a check-in, with value 1 on each', () => {
    const fired = evaluateCriteria([c], [day('2026-05-11')], AS_OF, {});
    expect(fired[0]).toMatchObject({ windowStart: '2026-05-12', windowEnd: AS_OF, matched: [
      { date: '2026-05-12', value: 1 }, { date: '2026-05-13', value: 1 }, { date: '2026-05-14', value: 1 },
    ] });
  });

  it('does not fire when any day in the window has a check-in, even one with nothing filled in', () => {
    expect(matchedDates(c, [day('2026-05-13')])).toBeNull();
    expect(matchedDates(c, [day('2026-05-14', {}, { sleepHours: null })])).toBeNull();
  });

  it('counts days before the first check-in as missing (a patient who has not started is not checking in)', () => {
    expect(matchedDates(c, [])).toEqual(['2026-05-12', '2026-05-13', '2026-05-14']);
    // Only check-ins after asOf: the window is still empty.
    expect(matchedDates(c, [day('2026-05-15'), day('2026-05-16')])).toEqual(['2026-05-12', '2026-05-13', '2026-05-14']);
  });

  it('≤ 0 counts the days with a check-in instead', () => {
    const checkedIn = criterion({ metric: { kind: 'noCheckIn' }, comparator: '<=', threshold: 0, windowDays: 3, minDays: 2, action: 'go' });
    expect(matchedDates(checkedIn, [day('2026-05-12'), day('2026-05-14')])).toEqual(['2026-05-12', '2026-05-14']);
  });
});

describe('the window: the windowDays calendar days ending on asOf', () => {
  const c = criterion({ windowDays: 7, minDays: 1 });

  it('includes asOf itself', () => {
    expect(matchedDates(c, [day('2026-05-14', { spasticity: 9 })])).toEqual(['2026-05-14']);
  });

  it('includes its first day, asOf − (windowDays − 1)', () => {
    expect(matchedDates(c, [day('2026-05-08', { spasticity: 9 })])).toEqual(['2026-05-08']);
  });

  it('excludes asOf − windowDays', () => {
    expect(matchedDates(c, [day('2026-05-07', { spasticity: 9 })])).toBeNull();
  });

  it('excludes days after asOf', () => {
    expect(matchedDates(c, [day('2026-05-15', { spasticity: 9 })])).toBeNull();
  });

  it('a 1-day window is asOf alone', () => {
    const one = criterion({ windowDays: 1, minDays: 1 });
    expect(evaluateCriteria([one], [day('2026-05-14', { spasticity: 9 })], AS_OF, {})[0]).toMatchObject({ windowStart: AS_OF, windowEnd: AS_OF });
    expect(matchedDates(one, [day('2026-05-13', { spasticity: 9 })])).toBeNull();
  });

  it('crosses a month end and a leap day', () => {
    const leap = evaluateCriteria([c], [day('2028-02-29', { spasticity: 9 })], '2028-03-02', {});
    expect(leap[0]).toMatchObject({ windowStart: '2028-02-25', windowEnd: '2028-03-02', matched: [{ date: '2028-02-29', value: 9 }] });
  });

  it('refuses an asOf that is not a date', () => {
    expect(() => evaluateCriteria([c], [], '2026-5-14', {})).toThrow(RangeError);
    expect(() => evaluateCriteria([c], [], '2026-02-30', {})).toThrow(RangeError);
  });
});

describe('minDays', () => {
  const c = criterion({ windowDays: 7, minDays: 3 });
  const high = (d: string) => day(d, { spasticity: 8 });

  it('fires when exactly met', () => {
    expect(matchedDates(c, [high('2026-05-08'), high('2026-05-11'), high('2026-05-14')])).toHaveLength(3);
  });

  it('does not fire one day short', () => {
    expect(matchedDates(c, [high('2026-05-08'), high('2026-05-14'), day('2026-05-11', { spasticity: 6 })])).toBeNull();
    // A third high day just outside the window does not make up the count.
    expect(matchedDates(c, [high('2026-05-07'), high('2026-05-08'), high('2026-05-14')])).toBeNull();
  });
});

describe('one check-in per date: the last one given wins', () => {
  const c = criterion({ minDays: 2 });

  it('a later correction replaces an earlier check-in for the same day', () => {
    const first = [day('2026-05-13', { spasticity: 8 }), day('2026-05-14', { spasticity: 9 })];
    expect(matchedDates(c, first)).toEqual(['2026-05-13', '2026-05-14']);
    expect(matchedDates(c, [...first, day('2026-05-14', { spasticity: 3 })])).toBeNull();
  });

  it('a day sent twice is counted once', () => {
    const twice = [day('2026-05-14', { spasticity: 9 }), day('2026-05-14', { spasticity: 9 })];
    expect(matchedDates(c, twice)).toBeNull();
    expect(evaluateCriteria([criterion({ minDays: 1 })], twice, AS_OF, {})[0]?.matched).toHaveLength(1);
  });

  it('the last one given wins whatever the order of the other dates', () => {
    const list = [day('2026-05-14', { spasticity: 3 }), day('2026-05-13', { spasticity: 8 }), day('2026-05-14', { spasticity: 9 })];
    expect(matchedDates(c, list)).toEqual(['2026-05-13', '2026-05-14']);
  });
});

describe('several criteria', () => {
  it('returns the fired ones in the order given, with their own windows', () => {
    const criteria = [
      criterion({ id: 'a', windowDays: 2, minDays: 1 }),
      criterion({ id: 'b', metric: { kind: 'score', key: 'pain' }, minDays: 1 }),
      criterion({ id: 'c', windowDays: 7, minDays: 1, action: 'urgent' }),
    ];
    const fired = evaluateCriteria(criteria, [day('2026-05-10', { spasticity: 9 })], AS_OF, {});
    expect(fired.map((f) => [f.criterionId, f.action, f.windowStart])).toEqual([['c', 'urgent', '2026-05-08']]);
  });

  it('returns nothing for no criteria', () => {
    expect(evaluateCriteria([], [day(AS_OF, { spasticity: 10 })], AS_OF, {})).toEqual([]);
  });
});

function fired(id: string, action: Fired['action']): Fired {
  return { criterionId: id, label: id, action, windowStart: '2026-05-08', windowEnd: AS_OF, matched: [] };
}

describe('recommend', () => {
  it('says go, because of nothing, when nothing fired', () => {
    expect(recommend([], NO_FLAGS)).toEqual({ recommendation: 'go', because: [], safety: [] });
  });

  it('takes the most cautious: step-back over slow over hold over go', () => {
    const all = [fired('g', 'go'), fired('h', 'hold'), fired('s', 'slow'), fired('b', 'step-back')];
    expect(recommend(all, NO_FLAGS).recommendation).toBe('step-back');
    expect(recommend([...all].reverse(), NO_FLAGS).recommendation).toBe('step-back');
    expect(recommend([fired('h', 'hold'), fired('s', 'slow'), fired('g', 'go')], NO_FLAGS).recommendation).toBe('slow');
    expect(recommend([fired('g', 'go'), fired('h', 'hold')], NO_FLAGS).recommendation).toBe('hold');
    expect(recommend([fired('g', 'go')], NO_FLAGS)).toEqual({ recommendation: 'go', because: [fired('g', 'go')], safety: [] });
  });

  it('gives as reasons every fired criterion that asked for exactly the recommendation, in order', () => {
    const list = [fired('h1', 'hold'), fired('s', 'slow'), fired('h2', 'hold')];
    expect(recommend(list, NO_FLAGS).because.map((f) => f.criterionId)).toEqual(['s']);
    expect(recommend([fired('h1', 'hold'), fired('h2', 'hold')], NO_FLAGS).because.map((f) => f.criterionId)).toEqual(['h1', 'h2']);
  });

  it('is not moved by notify, which is never a reason', () => {
    expect(recommend([fired('n', 'notify')], NO_FLAGS)).toEqual({ recommendation: 'go', because: [], safety: [] });
    expect(recommend([fired('h', 'hold'), fired('n', 'notify')], NO_FLAGS)).toEqual({ recommendation: 'hold', because: [fired('h', 'hold')], safety: [] });
  });

  // Changed rule: an urgent criterion used to leave the recommendation at 'go'; now it holds at least.
  it('never says go after an urgent criterion fired: hold, with the criterion as a safety reason', () => {
    expect(recommend([fired('u', 'urgent'), fired('n', 'notify')], NO_FLAGS)).toEqual({
      recommendation: 'hold',
      because: [],
      safety: [{ kind: 'urgent-criterion', fired: fired('u', 'urgent') }],
    });
    // A 'go' criterion does not outweigh it.
    expect(recommend([fired('g', 'go'), fired('u', 'urgent')], NO_FLAGS).recommendation).toBe('hold');
  });

  it('never says go after a red flag during the step: hold, with each flag and its date, oldest first', () => {
    const redFlags = [{ code: 'high-systolic', date: '2026-05-12' }, { code: 'seizure', date: '2026-05-03' }, { code: 'high-systolic', date: '2026-05-12' }];
    expect(recommend([], { redFlags })).toEqual({
      recommendation: 'hold',
      because: [],
      safety: [{ kind: 'red-flag', code: 'seizure', date: '2026-05-03' }, { kind: 'red-flag', code: 'high-systolic', date: '2026-05-12' }],
    });
  });

  it('keeps a more cautious step criterion, with both its reasons and the safety reasons', () => {
    const list = [fired('s', 'slow'), fired('u', 'urgent')];
    expect(recommend(list, { redFlags: [{ code: 'hallucinations', date: '2026-05-10' }] })).toEqual({
      recommendation: 'slow',
      because: [fired('s', 'slow')],
      safety: [{ kind: 'red-flag', code: 'hallucinations', date: '2026-05-10' }, { kind: 'urgent-criterion', fired: fired('u', 'urgent') }],
    });
    expect(recommend([fired('b', 'step-back')], { redFlags: [{ code: 'seizure', date: '2026-05-10' }] }).recommendation).toBe('step-back');
    // A hold criterion and a red flag: hold, because of both.
    expect(recommend([fired('h', 'hold')], { redFlags: [{ code: 'seizure', date: '2026-05-10' }] })).toMatchObject({ recommendation: 'hold', because: [fired('h', 'hold')] });
  });
});

describe('alertSeverity', () => {
  it.each([
    ['urgent', 'urgent'],
    ['step-back', 'warning'],
    ['slow', 'warning'],
    ['hold', 'warning'],
    ['notify', 'info'],
    ['go', null],
  ] as const)('%s → %s', (action, severity) => {
    expect(alertSeverity(action)).toBe(severity);
  });
});

/** A zod issue's message in a language: its key, with its values (a custom issue's params, a bound's minimum or maximum). */
function issueText(issue: { message: string; params?: unknown; minimum?: unknown; maximum?: unknown }, locale = 'en'): string {
  if (!isErrorKey(issue.message)) return issue.message;
  const values: ErrorValues = { ...(issue.params as ErrorValues | undefined) };
  if (typeof issue.minimum === 'number') values.minimum = issue.minimum;
  if (typeof issue.maximum === 'number') values.maximum = issue.maximum;
  return renderError({ key: issue.message, values }, locale);
}

describe('criterionSchema and criteriaSchema', () => {
  const valid = criterion({});
  const messages = (input: unknown) => {
    const r = criterionSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${issueText(i)}`);
  };

  it('accepts a valid criterion and trims its text', () => {
    expect(criterionSchema.parse({ ...valid, id: '  c1 ', label: ' Spasticity high ' })).toEqual({ ...valid, label: 'Spasticity high' });
  });

  it('refuses minDays above the window, with a message on minDays', () => {
    expect(messages({ ...valid, windowDays: 3, minDays: 4 })).toEqual(['minDays: The number of days can be at most the window (3 days).']);
  });

  it('refuses windows outside 1–28 days and fractional days', () => {
    expect(messages({ ...valid, windowDays: 29 })).toEqual(['windowDays: The window is 1 to 28 days.']);
    expect(messages({ ...valid, windowDays: 0, minDays: 1 })).toContain('windowDays: The window is 1 to 28 days.');
    expect(messages({ ...valid, windowDays: 7.5 })).toEqual(['windowDays: The window is a whole number of days.']);
    expect(messages({ ...valid, minDays: 0 })).toEqual(['minDays: The criterion needs at least 1 day.']);
  });

  it('refuses thresholds outside the metric\'s scale, naming the scale', () => {
    expect(messages({ ...valid, threshold: 11 })).toEqual(['threshold: The spasticity score goes from 0 to 10: choose a threshold in that range.']);
    expect(messages({ ...valid, metric: { kind: 'score', key: 'spasmFrequency' }, threshold: 5 })).toEqual([
      'threshold: The spasm frequency score goes from 0 to 4: choose a threshold in that range.',
    ]);
    expect(messages({ ...valid, metric: { kind: 'sleepHours' }, comparator: '<', threshold: 25 })).toHaveLength(1);
    expect(messages({ ...valid, metric: { kind: 'changeFromBaseline', key: 'pain' }, comparator: '<=', threshold: -3 })).toEqual([]);
    expect(messages({ ...valid, metric: { kind: 'changeFromBaseline', key: 'pain' }, threshold: -11 })).toHaveLength(1);
    expect(messages({ ...valid, threshold: Number.NaN })).toHaveLength(1);
  });

  it('refuses a rule no day could meet, or every day would', () => {
    expect(messages({ ...valid, comparator: '>', threshold: 10 })).toEqual(['threshold: The spasticity score is never > 10: this criterion could never be met.']);
    expect(messages({ ...valid, metric: { kind: 'dosesMissed' }, comparator: '<', threshold: 0 })).toHaveLength(1);
    expect(messages({ ...valid, metric: { kind: 'score', key: 'sleepQuality' }, comparator: '<=', threshold: 10 })).toEqual([
      'threshold: The sleep quality score is always <= 10: every day would meet it.',
    ]);
    expect(messages({ ...valid, metric: { kind: 'noCheckIn' }, comparator: '>=', threshold: 0 })).toHaveLength(1);
  });

  it('refuses unknown metrics, scores, comparators and actions with a plain message', () => {
    expect(messages({ ...valid, metric: { kind: 'bloodPressure' } })).toEqual(['metric.kind: Choose what the criterion measures.']);
    expect(messages({ ...valid, metric: { kind: 'score', key: 'fatigue' } })).toEqual(['metric.key: Choose one of the check-in scores.']);
    expect(messages({ ...valid, comparator: '==' })).toEqual(['comparator: Choose a comparison: ≥, ≤, > or <.']);
    expect(messages({ ...valid, action: 'stop' })).toEqual(['action: Choose an action: go, hold, slow, step back, urgent or notify.']);
    expect(messages({ ...valid, id: '  ' })).toEqual(['id: Give the criterion an id.']);
    expect(messages({ ...valid, label: '' })).toEqual(['label: Describe the criterion in a few words.']);
  });

  it('a list: at most 30, ids unique (the repeat is pointed at)', () => {
    const many = Array.from({ length: 31 }, (_, i) => criterion({ id: `c${i}` }));
    expect(criteriaSchema.safeParse(many.slice(0, 30)).success).toBe(true);
    const tooMany = criteriaSchema.safeParse(many);
    expect(tooMany.success ? [] : tooMany.error.issues.map((i) => issueText(i))).toEqual(['A plan has at most 30 criteria.']);
    const dup = criteriaSchema.safeParse([criterion({ id: 'a' }), criterion({ id: 'b' }), criterion({ id: 'a' })]);
    expect(dup.success ? [] : dup.error.issues.map((i) => [i.path.join('.'), issueText(i)])).toEqual([['2.id', 'Two criteria share the id "a": each needs its own.']]);
    // Ids are compared after trimming, so " a" repeats "a".
    expect(criteriaSchema.safeParse([criterion({ id: 'a' }), criterion({ id: ' a' })]).success).toBe(false);
    expect(criteriaSchema.parse([])).toEqual([]);
  });

  it('words the checks between fields in each language, with their values; the list’s problems carry their paths', () => {
    const problems = criteriaProblems([criterion({ id: 'a', threshold: 6.5, comparator: '>', metric: { kind: 'sleepHours' } }), criterion({ id: 'a', windowDays: 1, minDays: 2 })]);
    expect(problems.map((p) => [p.path.join('.'), renderError(p.text, 'en'), renderError(p.text, 'es')])).toEqual([
      ['1.minDays', 'The number of days can be at most the window (1 day).', 'El número de días puede ser como máximo el periodo (1 día).'],
      ['1.id', 'Two criteria share the id "a": each needs its own.', 'Dos criterios comparten el identificador “a”: cada uno necesita el suyo.'],
    ]);
    const never = criteriaProblems([criterion({ metric: { kind: 'changeFromBaseline', key: 'strengthMobility' }, comparator: '<', threshold: -10 })]);
    expect(never.map((p) => renderError(p.text, 'en'))).toEqual(['The change in strength and mobility from baseline is never < -10: this criterion could never be met.']);
    const range = criteriaProblems([criterion({ metric: { kind: 'sleepHours' }, threshold: 24.5 })]);
    expect(range.map((p) => renderError(p.text, 'es'))).toEqual(['Horas de sueño: los valores van de 0 a 24; elija un umbral dentro de ese intervalo.']);
  });
});
