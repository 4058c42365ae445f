import { describe, expect, it } from 'vitest';
import { compareTriageRows, NOT_REVIEWED_DAYS, triageRow, type TriageFacts } from './row';

// Noon UTC on 10 March 2026: the same date in London.
const now = new Date('2026-03-10T12:00:00Z');

function facts(over: Partial<TriageFacts> = {}): TriageFacts {
  return {
    patientId: 'p1', name: 'Ada', timeZone: 'Europe/London', hasIntrathecalPump: false, alerts: null, lastCheckIn: null, spasticity: null,
    planId: null, planStatus: null, pausedOn: null, steps: null, currentDailyMg: null, decided: null, weeklyReviewAt: null, mdtReviewAt: null,
    ...over,
  };
}

const steps = [
  { index: 0, startDate: '2026-03-01', endDate: '2026-03-11', days: 11, dailyMg: 40 },
  { index: 1, startDate: '2026-03-12', endDate: '2026-03-25', days: 14, dailyMg: 35 },
];
const running = { planId: 'plan', planStatus: 'active', steps, currentDailyMg: 45, lastCheckIn: { day: '2026-03-10', at: '2026-03-10T08:00:00Z' } };

describe('triageRow', () => {
  it('a patient with no plan and no data: nothing to do, never reviewed', () => {
    const row = triageRow(facts(), now);
    expect(row).toMatchObject({ reason: 'none', planStatus: null, currentDailyMg: null, stepNumber: null, decisionDue: false, lastReviewedOn: null, notReviewedForTwoWeeks: true });
    expect(row.spasticity).toHaveLength(14);
    expect(row.spasticity.every((v) => v === null)).toBe(true);
  });

  it('puts urgent alerts first, then a due decision, then warnings, then a missed check-in', () => {
    expect(triageRow(facts({ ...running, alerts: { urgent: 1, warnings: 1, info: 0, lastAt: null } }), now).reason).toBe('urgent');
    expect(triageRow(facts({ ...running }), now)).toMatchObject({ reason: 'decision-due', decisionDue: true, stepNumber: 1, stepDay: 10, stepEndsOn: '2026-03-11', currentDailyMg: 40 });
    expect(triageRow(facts({ ...running, decided: [[0, '2026-03-11']], alerts: { urgent: 0, warnings: 2, info: 0, lastAt: null } }), now).reason).toBe('warning');
    expect(triageRow(facts({ ...running, decided: [[0, '2026-03-11']], lastCheckIn: { day: '2026-03-08', at: '2026-03-08T08:00:00Z' } }), now)).toMatchObject({ reason: 'missed-check-in', daysSinceCheckIn: 2 });
  });

  it('keeps a due decision under an urgent row, and no decision is due for a decision taken on this end date', () => {
    expect(triageRow(facts({ ...running, alerts: { urgent: 1, warnings: 0, info: 0, lastAt: null } }), now).decisionDue).toBe(true);
    // A decision on the step's earlier end (before a hold moved it) does not count.
    expect(triageRow(facts({ ...running, decided: [[0, '2026-03-04']] }), now).decisionDue).toBe(true);
    expect(triageRow(facts({ ...running, decided: [[0, '2026-03-11']] }), now).decisionDue).toBe(false);
  });

  it('a paused plan holds its step and day count, with no decision due', () => {
    const row = triageRow(facts({ ...running, planStatus: 'paused', pausedOn: '2026-03-05' }), now);
    expect(row).toMatchObject({ stepNumber: 1, stepDay: 5, decisionDue: false });
  });

  it('shows the last 14 days of spasticity, oldest first, ending on the patient’s today', () => {
    const row = triageRow(facts({ spasticity: { '2026-03-10': 6, '2026-02-25': 3, '2026-02-24': 9 } }), now);
    expect(row.spasticity[13]).toBe(6);
    expect(row.spasticity[0]).toBe(3);
    expect(row.spasticity).not.toContain(9);
  });

  it('is reviewed until newer data arrives, and flags two weeks without a review', () => {
    const reviewed = triageRow(facts({ ...running, weeklyReviewAt: '2026-03-10T09:00:00Z' }), now);
    expect(reviewed).toMatchObject({ reviewed: true, lastReviewedOn: '2026-03-10', notReviewedForTwoWeeks: false });
    const stale = triageRow(facts({ ...running, weeklyReviewAt: new Date('2026-03-10T07:00:00Z') }), now);
    expect(stale.reviewed).toBe(false);
    // 14 days (NOT_REVIEWED_DAYS) before today.
    const old = triageRow(facts({ mdtReviewAt: '2026-02-24T12:00:00Z' }), now);
    expect(NOT_REVIEWED_DAYS).toBe(14);
    expect(old).toMatchObject({ lastReviewedOn: '2026-02-24', notReviewedForTwoWeeks: true });
  });

  it('orders rows by reason, then urgent count, then name', () => {
    const rows = [
      triageRow(facts({ patientId: 'b', name: 'Bea' }), now),
      triageRow(facts({ patientId: 'c', name: 'Cy', alerts: { urgent: 1, warnings: 0, info: 0, lastAt: null } }), now),
      triageRow(facts({ patientId: 'd', name: 'Di', alerts: { urgent: 3, warnings: 0, info: 0, lastAt: null } }), now),
      triageRow(facts({ patientId: 'a', name: 'Al' }), now),
    ].sort(compareTriageRows);
    expect(rows.map((r) => r.name)).toEqual(['Di', 'Cy', 'Al', 'Bea']);
  });

  it('marks red flags raised on the patient’s own today, open or acknowledged, and says when once all are acknowledged', () => {
    const alerts = (redFlags: [string, string | null][]) => ({ urgent: 0, warnings: 0, info: 0, lastAt: null, redFlags });
    // 12:00 UTC on 10 March is 01:00 on 11 March in Auckland: 23:30 there on the 10th was yesterday.
    const auckland = { timeZone: 'Pacific/Auckland' };
    expect(triageRow(facts({ ...auckland, alerts: alerts([['2026-03-10T10:30:00Z', null]]) }), now).redFlagToday).toBeNull();
    expect(triageRow(facts({ ...auckland, alerts: alerts([['2026-03-10T11:30:00Z', null]]) }), now).redFlagToday).toEqual({ count: 1, open: 1, acknowledgedAt: null });
    const two = alerts([['2026-03-10T08:00:00Z', '2026-03-10T08:20:00Z'], ['2026-03-10T09:00:00Z', null]]);
    expect(triageRow(facts({ alerts: two }), now).redFlagToday).toEqual({ count: 2, open: 1, acknowledgedAt: null });
    const both = alerts([['2026-03-10T08:00:00Z', '2026-03-10T11:05:00Z'], ['2026-03-10T09:00:00Z', '2026-03-10T08:20:00Z']]);
    expect(triageRow(facts({ alerts: both }), now).redFlagToday).toEqual({ count: 2, open: 0, acknowledgedAt: new Date('2026-03-10T11:05:00Z') });
    expect(triageRow(facts({ alerts: { urgent: 0, warnings: 0, info: 0, lastAt: null } }), now).redFlagToday).toBeNull();
  });
});
