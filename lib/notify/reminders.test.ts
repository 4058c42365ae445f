// When reminders, dose-change notices and digests are due, for explicit instants, across daylight-saving
// changes; and a property: run every minute, a reminder is due from its time for the grace, on its own day only.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '~/lib/testing/property-runs';
import { localClock, zonedInstant } from './local-time';
import {
  checkInReminderDue, dailyDue, digestDue, doseChangeDue, isInQuietHours, REMINDER_GRACE_MINUTES, reminderKeys, sameDayDelivery, stepChangingOn,
} from './reminders';

const at = (iso: string) => new Date(iso);
const london = 'Europe/London';
const newYork = 'America/New_York';

describe('checkInReminderDue', () => {
  it('is due from the reminder time for two hours, then not', () => {
    expect(checkInReminderDue(at('2026-01-15T18:59:00Z'), london, '19:00')).toBeNull();
    expect(checkInReminderDue(at('2026-01-15T19:00:00Z'), london, '19:00')).toEqual({ localDate: '2026-01-15', dueAt: at('2026-01-15T19:00:00Z') });
    expect(checkInReminderDue(at('2026-01-15T20:59:59Z'), london, '19:00')?.localDate).toBe('2026-01-15');
    expect(checkInReminderDue(at('2026-01-15T21:00:00Z'), london, '19:00')).toBeNull();
    expect(checkInReminderDue(at('2026-01-15T23:30:00Z'), london, '19:00')).toBeNull();
    expect(REMINDER_GRACE_MINUTES).toBe(120);
  });

  it('is never due when reminders are off', () => {
    expect(checkInReminderDue(at('2026-01-15T19:00:00Z'), london, null)).toBeNull();
  });

  it('follows the patient’s clock across the change in London and New York', () => {
    // 19:00 in London is 19:00Z before the March change and 18:00Z after it.
    expect(checkInReminderDue(at('2026-03-28T19:00:00Z'), london, '19:00')?.localDate).toBe('2026-03-28');
    expect(checkInReminderDue(at('2026-03-29T18:00:00Z'), london, '19:00')?.localDate).toBe('2026-03-29');
    expect(checkInReminderDue(at('2026-03-29T17:59:00Z'), london, '19:00')).toBeNull();
    // 19:00 in New York is 00:00Z the next UTC day before its March change, 23:00Z after it.
    expect(checkInReminderDue(at('2026-03-08T00:00:00Z'), newYork, '19:00')?.localDate).toBe('2026-03-07');
    expect(checkInReminderDue(at('2026-03-08T23:00:00Z'), newYork, '19:00')?.localDate).toBe('2026-03-08');
    expect(checkInReminderDue(at('2026-11-02T00:00:00Z'), newYork, '19:00')?.localDate).toBe('2026-11-01');
  });

  it('sends a reminder set in the hour the clocks skip at the end of the gap, and one in the repeated hour once, at its first occurrence', () => {
    expect(checkInReminderDue(at('2026-03-29T01:00:00Z'), london, '01:30')).toEqual({ localDate: '2026-03-29', dueAt: at('2026-03-29T01:00:00Z') });
    expect(checkInReminderDue(at('2026-10-25T00:30:00Z'), london, '01:30')?.dueAt).toEqual(at('2026-10-25T00:30:00Z'));
    // The second 01:30 (GMT) is within the grace of the first: still the same reminder, the same key.
    expect(checkInReminderDue(at('2026-10-25T01:30:00Z'), london, '01:30')?.dueAt).toEqual(at('2026-10-25T00:30:00Z'));
  });

  it('does not send yesterday’s reminder after midnight, even within the grace', () => {
    expect(checkInReminderDue(at('2026-01-15T23:30:00Z'), london, '23:30')?.localDate).toBe('2026-01-15');
    expect(checkInReminderDue(at('2026-01-16T00:10:00Z'), london, '23:30')).toBeNull();
  });
});

describe('doseChangeDue', () => {
  const on = { reminderTime: '19:00', doseChangeEnabled: true };

  it('is due the local day before a step starts, at the reminder time', () => {
    expect(doseChangeDue(at('2026-01-14T19:05:00Z'), london, on, ['2026-01-01', '2026-01-15'])).toEqual({
      localDate: '2026-01-14', dueAt: at('2026-01-14T19:00:00Z'), stepStartDate: '2026-01-15',
    });
    expect(doseChangeDue(at('2026-01-13T19:05:00Z'), london, on, ['2026-01-15'])).toBeNull();
    expect(doseChangeDue(at('2026-01-15T19:05:00Z'), london, on, ['2026-01-15'])).toBeNull();
  });

  it('goes out at 18:00 when reminders are off, and never when the patient turned these notices off', () => {
    expect(doseChangeDue(at('2026-01-14T18:00:00Z'), london, { reminderTime: null, doseChangeEnabled: true }, ['2026-01-15'])?.dueAt).toEqual(at('2026-01-14T18:00:00Z'));
    expect(doseChangeDue(at('2026-01-14T17:59:00Z'), london, { reminderTime: null, doseChangeEnabled: true }, ['2026-01-15'])).toBeNull();
    expect(doseChangeDue(at('2026-01-14T19:00:00Z'), london, { reminderTime: '19:00', doseChangeEnabled: false }, ['2026-01-15'])).toBeNull();
  });

  it('is due the evening before a step that starts on the day the clocks change', () => {
    // The step starts on Sunday 8 March in New York; the notice goes out at 19:00 EST on Saturday (00:00Z).
    expect(doseChangeDue(at('2026-03-08T00:00:00Z'), newYork, on, ['2026-03-08'])?.stepStartDate).toBe('2026-03-08');
    // And the step starting the day after the change: 19:00 EDT on the Sunday (23:00Z).
    expect(doseChangeDue(at('2026-03-08T23:00:00Z'), newYork, on, ['2026-03-09'])?.stepStartDate).toBe('2026-03-09');
  });
});

describe('digestDue', () => {
  it('is due from the digest time to the end of the clinician’s day, only when they chose a daily digest', () => {
    const daily = { digest: 'daily' as const, digestTime: '07:30' };
    expect(digestDue(at('2026-07-15T06:29:00Z'), london, daily)).toBeNull();
    expect(digestDue(at('2026-07-15T06:30:00Z'), london, daily)?.localDate).toBe('2026-07-15');
    expect(digestDue(at('2026-07-15T22:59:00Z'), london, daily)?.localDate).toBe('2026-07-15');
    expect(digestDue(at('2026-07-15T23:00:00Z'), london, daily)).toBeNull();
    expect(digestDue(at('2026-07-15T12:00:00Z'), london, { digest: 'none', digestTime: '07:30' })).toBeNull();
  });
});

describe('dailyDue', () => {
  it('can have no grace at all (the rest of the day) or a grace of its own', () => {
    expect(dailyDue(at('2026-01-15T19:30:00Z'), london, '19:00', 30)).toBeNull();
    expect(dailyDue(at('2026-01-15T19:29:00Z'), london, '19:00', 30)?.localDate).toBe('2026-01-15');
  });
});

describe('sameDayDelivery', () => {
  it('keeps a delivery deferred to later the same day, and keeps a notice for the next day in the app only', () => {
    const day = { channels: ['email', 'push'], notBefore: at('2026-01-15T21:00:00Z') };
    expect(sameDayDelivery(day, london, '2026-01-15')).toEqual(day);
    expect(sameDayDelivery({ channels: ['email'], notBefore: null }, london, '2026-01-15')).toEqual({ channels: ['email'], notBefore: null });
    expect(sameDayDelivery({ channels: ['email', 'push'], notBefore: at('2026-01-16T07:00:00Z') }, london, '2026-01-15')).toEqual({ channels: [], notBefore: null });
    // Midnight is the next day: 23:59 is still the same day, in the zone's own midnight (BST here).
    expect(sameDayDelivery({ channels: ['push'], notBefore: at('2026-07-15T22:59:00Z') }, london, '2026-07-15').channels).toEqual(['push']);
    expect(sameDayDelivery({ channels: ['push'], notBefore: at('2026-07-15T23:00:00Z') }, london, '2026-07-15').channels).toEqual([]);
  });
});

describe('isInQuietHours', () => {
  it('tells whether a time falls in the quiet hours, over midnight too', () => {
    expect(isInQuietHours('19:00', '21:00', '07:00')).toBe(false);
    expect(isInQuietHours('22:00', '21:00', '07:00')).toBe(true);
    expect(isInQuietHours('06:59', '21:00', '07:00')).toBe(true);
    expect(isInQuietHours('07:00', '21:00', '07:00')).toBe(false);
    expect(isInQuietHours('13:00', '12:00', '14:00')).toBe(true);
    expect(isInQuietHours('13:00', null, null)).toBe(false);
  });
});

describe('stepChangingOn', () => {
  const step = (startDate: string, dailyMg: number, doses: [string, number][]) => ({ startDate, dailyMg, doses: doses.map(([time, mg]) => ({ time, mg })) });
  const steps = [
    step('2026-01-01', 25, [['08:00', 10], ['14:00', 5], ['22:00', 10]]),
    step('2026-01-15', 20, [['08:00', 5], ['14:00', 5], ['22:00', 10]]),
    step('2026-01-29', 20, [['08:00', 5], ['14:00', 5], ['22:00', 10]]),
    step('2026-02-12', 20, [['08:00', 10], ['14:00', 0], ['22:00', 10]]),
    step('2026-02-26', 0, []),
  ];

  it('finds the step starting that day when it changes what is taken', () => {
    expect(stepChangingOn(steps, 30, '2026-01-01')?.dailyMg).toBe(25);
    expect(stepChangingOn(steps, 30, '2026-01-15')?.dailyMg).toBe(20);
    // Same daily dose at other times is a change; the same doses again is not.
    expect(stepChangingOn(steps, 30, '2026-01-29')).toBeNull();
    expect(stepChangingOn(steps, 30, '2026-02-12')?.startDate).toBe('2026-02-12');
    expect(stepChangingOn(steps, 30, '2026-02-26')?.dailyMg).toBe(0);
    expect(stepChangingOn(steps, 30, '2026-01-02')).toBeNull();
    // A first step at the dose the patient already takes is no change.
    expect(stepChangingOn(steps, 25, '2026-01-01')).toBeNull();
  });
});

describe('reminderKeys', () => {
  it('name the patient and their local date, the plan version and step, or the clinician and their date', () => {
    expect(reminderKeys.checkIn('p1', '2026-01-15')).toBe('check-in:p1:2026-01-15');
    expect(reminderKeys.doseChange('plan1', 4, '2026-01-15')).toBe('dose:plan1:4:2026-01-15');
    expect(reminderKeys.digest('c1', '2026-01-15')).toBe('digest:c1:2026-01-15');
  });
});

describe('run every minute', () => {
  const zones = ['Europe/London', 'America/New_York', 'Australia/Sydney', 'Australia/Lord_Howe', 'America/Havana', 'Asia/Kolkata', 'Pacific/Chatham', 'UTC'];
  // Dates around the 2026 changes of these zones and ordinary ones.
  const dates = ['2026-01-15', '2026-03-08', '2026-03-09', '2026-03-29', '2026-04-05', '2026-07-15', '2026-09-27', '2026-10-04', '2026-10-25', '2026-11-01'];

  it('a reminder is due in one unbroken stretch of at most the grace, starting at its time, for its own local date only', () => {
    fc.assert(
      fc.property(fc.constantFrom(...zones), fc.constantFrom(...dates), fc.integer({ min: 0, max: 1439 }), (zone, date, minute) => {
        const time = `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
        const dueAt = zonedInstant(zone, date, time).getTime();
        const dueMinutes: number[] = [];
        for (let t = dueAt - 3600_000; t <= dueAt + 3 * 3600_000; t += 60_000) {
          const due = checkInReminderDue(new Date(t), zone, time);
          if (due) expect(due.localDate).toBe(localClock(zone, new Date(t)).date);
          if (due?.localDate === date) dueMinutes.push(t);
        }
        expect(dueMinutes[0]).toBe(dueAt);
        expect(dueMinutes.length).toBeLessThanOrEqual(REMINDER_GRACE_MINUTES);
        // Unbroken: every minute from the first to the last.
        expect(dueMinutes.at(-1)).toBe(dueAt + (dueMinutes.length - 1) * 60_000);
      }),
      { numRuns: propertyRuns(100) },
    );
  });
});
