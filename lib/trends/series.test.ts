// Unit tests of the trends series: planned dose from the version in force, taken dose, adherence, weeks, bands and range bounds.
import { describe, expect, it } from 'vitest';
import { defaultCriteria } from '../criteria/evaluate';
import type { Criterion } from '../criteria/types';
import { addDays } from '~/lib/dates';
import type { TaperStep } from '../taper/types';
import {
  adherence, criteriaBands, daySeries, plannedOn, rangeBounds, scheduleVersions, takenOf, weeklyAverages, type CheckInRecord, type PlanVersionFacts,
} from './series';

/** Steps of `days` days from `start`, one per daily dose given, each with `doses` dose times. */
function steps(start: string, days: number, dailies: number[], doses = 3): TaperStep[] {
  return dailies.map((mg, i) => ({
    index: i,
    startDate: addDays(start, i * days),
    endDate: addDays(start, (i + 1) * days - 1),
    days,
    dailyMg: mg,
    cutMg: 0,
    doses: Array.from({ length: doses }, (_, k) => ({ time: `0${k + 6}:00`, mg: mg / doses, take: [] })),
    notes: [],
  }));
}

const v = (over: Partial<PlanVersionFacts> & Pick<PlanVersionFacts, 'status' | 'effectiveFrom'>): PlanVersionFacts => ({
  planId: 'p1', version: 1, action: 'activate', steps: steps('2026-03-01', 7, [25, 20, 15]), ...over,
});

const taken = (mgs: (number | null)[]) => mgs.map((mg) => (mg === null ? { takenMg: null, status: 'missed' as const } : { takenMg: mg, status: 'taken' as const }));

describe('the planned dose', () => {
  it('follows the steps of the running version, holds the last step after the end, and is empty before the first step', () => {
    const schedule = [v({ status: 'active', effectiveFrom: '2026-03-01' })];
    expect(plannedOn(schedule, '2026-02-28')).toBeNull();
    expect(plannedOn(schedule, '2026-03-01')).toEqual({ mg: 25, doses: 3 });
    expect(plannedOn(schedule, '2026-03-08')).toEqual({ mg: 20, doses: 3 });
    expect(plannedOn(schedule, '2026-03-21')).toEqual({ mg: 15, doses: 3 });
    expect(plannedOn(schedule, '2026-04-30')).toEqual({ mg: 15, doses: 3 });
  });

  it('uses the version in force each day: an adjustment changes the days from when it was saved, not before', () => {
    const schedule = [
      v({ status: 'active', effectiveFrom: '2026-03-01', version: 4 }),
      // Saved on 10 March: from then on the plan steps back to 25 mg.
      v({ status: 'active', effectiveFrom: '2026-03-10', version: 5, action: 'step-back', steps: steps('2026-03-01', 9, [25, 25, 20]) }),
    ];
    expect(plannedOn(schedule, '2026-03-09')).toEqual({ mg: 20, doses: 3 });
    expect(plannedOn(schedule, '2026-03-10')).toEqual({ mg: 25, doses: 3 });
  });

  it('holds the step the plan paused on, even when a step is edited during the pause', () => {
    const schedule = [
      v({ status: 'active', effectiveFrom: '2026-03-01', version: 4 }),
      v({ status: 'paused', effectiveFrom: '2026-03-06', version: 5, action: 'pause' }),
      v({ status: 'paused', effectiveFrom: '2026-03-12', version: 6, action: 'edit-step' }),
    ];
    expect(plannedOn(schedule, '2026-03-10')).toEqual({ mg: 25, doses: 3 });
    expect(plannedOn(schedule, '2026-03-20')).toEqual({ mg: 25, doses: 3 });
  });

  it('ends with a stop or completion, and ignores drafts and plans that never ran', () => {
    const versions = [
      v({ planId: 'never', status: 'draft', effectiveFrom: '2026-02-01', action: 'create' }),
      v({ planId: 'never', status: 'stopped', effectiveFrom: '2026-02-02', action: 'stop' }),
      v({ status: 'proposed', effectiveFrom: '2026-02-20', action: 'propose' }),
      v({ status: 'active', effectiveFrom: '2026-03-01' }),
      v({ status: 'stopped', effectiveFrom: '2026-03-15', action: 'stop' }),
    ];
    const schedule = scheduleVersions(versions);
    expect(schedule.map((s) => s.status)).toEqual(['active', 'stopped']);
    expect(plannedOn(schedule, '2026-03-14')).toEqual({ mg: 20, doses: 3 });
    expect(plannedOn(schedule, '2026-03-15')).toBeNull();
  });

  it('takes a plan entered after it began at its word: days before it was saved follow its steps', () => {
    const schedule = [v({ status: 'active', effectiveFrom: '2026-03-20' })];
    expect(plannedOn(schedule, '2026-03-02')).toEqual({ mg: 25, doses: 3 });
  });
});

describe('the taken dose', () => {
  it('sums what was taken, counts missed doses as 0 and is unknown when nothing was recorded', () => {
    expect(takenOf(taken([10, null, 7.5]))).toEqual({ takenMg: 17.5, taken: 2, missed: 1 });
    expect(takenOf(taken([null, null]))).toEqual({ takenMg: 0, taken: 0, missed: 2 });
    expect(takenOf([])).toEqual({ takenMg: null, taken: 0, missed: 0 });
  });
});

describe('series, adherence and weeks', () => {
  const versions = [v({ status: 'active', effectiveFrom: '2026-03-01' })];
  const checkIns: CheckInRecord[] = [
    { localDate: '2026-03-01', doses: taken([10, 10, 5]), scores: { spasticity: 4, sleepQuality: 6 }, redFlags: [] },
    { localDate: '2026-03-02', doses: taken([10, null, 5]), scores: { spasticity: 6, sleepQuality: 4 }, redFlags: ['hallucinations'] },
    // Scores only: doses not recorded that day.
    { localDate: '2026-03-04', doses: [], scores: { spasticity: 5, sleepQuality: null }, redFlags: [] },
    { localDate: '2026-03-09', doses: taken([10, 5, 5]), scores: { spasticity: 7 }, redFlags: [] },
  ];
  const days = daySeries('2026-03-01', '2026-03-10', versions, checkIns, ['spasticity', 'sleepQuality']);

  it('has one point per day with the plan, the dose taken and the chosen scores', () => {
    expect(days).toHaveLength(10);
    expect(days[0]).toEqual({
      date: '2026-03-01', plannedMg: 25, plannedDoses: 3, takenMg: 25, checkedIn: true, dosesTaken: 3, dosesMissed: 0, scores: { spasticity: 4, sleepQuality: 6 }, redFlags: [],
    });
    expect(days[1]).toMatchObject({ takenMg: 15, dosesMissed: 1, redFlags: ['hallucinations'] });
    expect(days[2]).toMatchObject({ date: '2026-03-03', checkedIn: false, takenMg: null, scores: {} });
    expect(days[3]).toMatchObject({ takenMg: null, scores: { spasticity: 5 } });
    expect(days[8]).toMatchObject({ plannedMg: 20, takenMg: 20 });
  });

  it('counts adherence as doses taken of doses planned, up to today, without guessing unrecorded doses', () => {
    const a = adherence(days, '2026-03-09');
    // 9 days × 3 planned doses; taken 3 + 2 + 3; missed 1; the rest unrecorded.
    expect(a).toEqual({ plannedDoses: 27, takenDoses: 8, missedDoses: 1, unrecordedDoses: 18, percentTaken: 30, plannedMgOnRecordedDays: 70, takenMgOnRecordedDays: 60 });
    expect(adherence([], '2026-03-09').percentTaken).toBeNull();
  });

  it('averages weeks ending today over the days that have values', () => {
    const weeks = weeklyAverages(days, '2026-03-09', ['spasticity', 'sleepQuality']);
    expect(weeks.map((w) => [w.start, w.end, w.days])).toEqual([['2026-03-01', '2026-03-02', 2], ['2026-03-03', '2026-03-09', 7]]);
    expect(weeks[0]).toMatchObject({ checkIns: 2, plannedMg: 25, takenMg: 20, scores: { spasticity: 5, sleepQuality: 5 }, redFlagDays: 1, percentTaken: 83 });
    expect(weeks[1]).toMatchObject({ checkIns: 2, takenMg: 20, scores: { spasticity: 6 }, redFlagDays: 0 });
    expect(weeks[1]?.plannedMg).toBe(23.6);
    // A week without any dose recorded has no adherence figure (not 0%).
    const quiet = weeklyAverages(daySeries('2026-03-01', '2026-03-07', versions, [checkIns[2] as CheckInRecord], []), '2026-03-07', []);
    expect(quiet.map((w) => [w.checkIns, w.percentTaken])).toEqual([[1, null]]);
  });
});

describe('criteria bands', () => {
  it('shades the range each score criterion watches on the chosen metrics only', () => {
    const criteria: Criterion[] = defaultCriteria();
    const bands = criteriaBands(criteria, ['spasticity', 'sleepQuality']);
    expect(bands.length).toBeGreaterThan(0);
    for (const b of bands) {
      expect(['spasticity', 'sleepQuality']).toContain(b.key);
      expect(b.from).toBeLessThanOrEqual(b.to);
      if (b.comparator === '>=' || b.comparator === '>') expect([b.from, b.to]).toEqual([b.threshold, 10]);
      else expect([b.from, b.to]).toEqual([0, b.threshold]);
    }
    expect(criteriaBands(criteria, ['nausea']).filter((b) => b.key !== 'nausea')).toEqual([]);
  });
});

describe('range bounds', () => {
  const versions = [v({ status: 'active', effectiveFrom: '2026-03-01' })];
  it('ends the fixed ranges today', () => {
    expect(rangeBounds('2w', '2026-03-20', versions, null)).toEqual({ from: '2026-03-07', to: '2026-03-20' });
    expect(rangeBounds('3m', '2026-03-20', versions, null)).toEqual({ from: '2025-12-20', to: '2026-03-20' });
  });
  it('runs the whole taper from its first step or check-in to the end of the schedule', () => {
    expect(rangeBounds('all', '2026-03-10', versions, null)).toEqual({ from: '2026-03-01', to: '2026-03-21' });
    expect(rangeBounds('all', '2026-03-10', versions, '2026-02-25')).toEqual({ from: '2026-02-25', to: '2026-03-21' });
    expect(rangeBounds('all', '2026-04-10', versions, null)).toEqual({ from: '2026-03-01', to: '2026-04-10' });
    expect(rangeBounds('all', '2026-04-10', [], null)).toEqual({ from: '2026-04-10', to: '2026-04-10' });
  });
});
