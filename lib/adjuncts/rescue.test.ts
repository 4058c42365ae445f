// Rescue medication's limits: worked examples and properties over any course and any day.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '~/lib/dates';
import { latestFollowUp, RESCUE_MAX_DAYS, rescueState, type RescueCourse } from './rescue';

const course = (over: Partial<RescueCourse> = {}): RescueCourse => ({ startedOn: '2026-03-01', stoppedOn: null, maxDays: 5, followUpOn: '2026-03-06', ...over });

describe('rescueState', () => {
  it('counts the start day and today, both included', () => {
    expect(rescueState(course(), '2026-03-01')).toMatchObject({ daysUsed: 1, daysLeft: 4, lastAllowedDay: '2026-03-05', alerts: [] });
    expect(rescueState(course(), '2026-03-05')).toMatchObject({ daysUsed: 5, daysLeft: 0, pastMaxDays: false, alerts: [] });
  });

  it('is past its maximum on the day after its last allowed day', () => {
    expect(rescueState(course(), '2026-03-06')).toMatchObject({ daysUsed: 6, pastMaxDays: true, pastFollowUp: false, alerts: ['past-max-days'] });
  });

  it('is past its follow-up when still in use the day after the follow-up date', () => {
    expect(rescueState(course({ maxDays: 10 }), '2026-03-06').alerts).toEqual([]);
    expect(rescueState(course({ maxDays: 10 }), '2026-03-07')).toMatchObject({ pastMaxDays: false, pastFollowUp: true, alerts: ['past-follow-up'] });
    expect(rescueState(course(), '2026-03-07').alerts).toEqual(['past-max-days', 'past-follow-up']);
  });

  it('stops counting on the stop date: stopped within its limits, it never alerts', () => {
    const stopped = course({ stoppedOn: '2026-03-04' });
    expect(rescueState(stopped, '2026-04-30')).toMatchObject({ daysUsed: 4, stopped: true, alerts: [] });
  });

  it('still alerts for a stop recorded after the limits had passed', () => {
    expect(rescueState(course({ stoppedOn: '2026-03-09' }), '2026-03-20')).toMatchObject({ daysUsed: 9, alerts: ['past-max-days', 'past-follow-up'] });
  });

  it('has used no days before its start', () => {
    expect(rescueState(course(), '2026-02-27')).toMatchObject({ notStarted: true, daysUsed: 0, daysLeft: 5, alerts: [] });
  });

  it('bounds the follow-up at two weeks after the last allowed day', () => {
    expect(latestFollowUp('2026-03-01', 5)).toBe('2026-03-19');
  });
});

const isoDay = fc.integer({ min: 0, max: 3000 }).map((n) => addDays('2024-01-01', n));

describe('rescueState properties', () => {
  const courses = fc
    .record({ startedOn: isoDay, maxDays: fc.integer({ min: 1, max: RESCUE_MAX_DAYS }), stopAfter: fc.option(fc.integer({ min: 0, max: 60 })), followAfter: fc.integer({ min: 0, max: 45 }) })
    .map(({ startedOn, maxDays, stopAfter, followAfter }) => ({
      startedOn,
      maxDays,
      stoppedOn: stopAfter === null ? null : addDays(startedOn, stopAfter),
      followUpOn: addDays(startedOn, followAfter),
    }));

  it('days used never exceed the days from start to today, and never fall below zero', () => {
    fc.assert(
      fc.property(courses, fc.integer({ min: -10, max: 120 }), (c, offset) => {
        const today = addDays(c.startedOn, offset);
        const s = rescueState(c, today);
        expect(s.daysUsed).toBeGreaterThanOrEqual(0);
        expect(s.daysUsed).toBeLessThanOrEqual(Math.max(0, offset + 1));
        // Within the maximum, used and left add up to it; past it, nothing is left.
        if (s.pastMaxDays) expect(s.daysLeft).toBe(0);
        else expect(s.daysUsed + s.daysLeft).toBe(c.maxDays);
      }),
    );
  });

  it('never counts past the stop date, so a course stopped within its limits never alerts, on any later day', () => {
    fc.assert(
      fc.property(courses, fc.integer({ min: 0, max: 400 }), (c, later) => {
        if (c.stoppedOn === null) return;
        const today = addDays(c.stoppedOn, later);
        const s = rescueState(c, today);
        expect(s.daysUsed).toBe(daysBetween(c.startedOn, c.stoppedOn) + 1);
        const within = s.daysUsed <= c.maxDays && c.stoppedOn <= c.followUpOn;
        expect(s.alerts.length === 0).toBe(within);
      }),
    );
  });

  it('once past a limit, stays past it on every later day (an alert is never withdrawn by time)', () => {
    fc.assert(
      fc.property(courses, fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 90 }), (c, a, b) => {
        const first = rescueState(c, addDays(c.startedOn, a));
        const then = rescueState(c, addDays(c.startedOn, a + b));
        for (const reason of first.alerts) expect(then.alerts).toContain(reason);
        expect(then.daysUsed).toBeGreaterThanOrEqual(first.daysUsed);
      }),
    );
  });

  it('is past its maximum exactly when used on more days than allowed', () => {
    fc.assert(
      fc.property(courses, fc.integer({ min: 0, max: 90 }), (c, offset) => {
        const s = rescueState({ ...c, stoppedOn: null }, addDays(c.startedOn, offset));
        expect(s.pastMaxDays).toBe(offset + 1 > c.maxDays);
        expect(s.pastFollowUp).toBe(addDays(c.startedOn, offset) > c.followUpOn);
      }),
    );
  });
});
