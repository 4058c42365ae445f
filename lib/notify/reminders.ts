// When a patient's daily check-in reminder, their "your dose changes tomorrow" notice and a clinician's daily
// digest are due, for an explicit `now`: the job that writes them runs every minute, and may have been down.
import { addDays } from '~/lib/dates';
import type { DoseAtTime } from '~/lib/taper/types';
import { clockMinutes, localClock, zonedInstant } from './local-time';

/**
 * How long after its time a patient's reminder may still go out: two hours. The job runs every minute, so
 * normally the reminder goes out in the minute it is due; the grace covers a worker that was restarted or
 * down for a while. Past it the reminder is dropped rather than sent late (a 19:00 reminder never arrives at
 * midnight), and a day's reminder never goes out on the next local day, when that day's check-in is over.
 */
export const REMINDER_GRACE_MINUTES = 120;

/** The dose-change notice goes out at the patient's reminder time, or at this time when reminders are off. */
export const DOSE_CHANGE_FALLBACK_TIME = '18:00';

export interface Due {
  /** The person's local date the notice is for (its dedupe key names it). */
  localDate: string;
  /** The instant it became due. */
  dueAt: Date;
}

/**
 * Whether a daily notice at the wall time `time` is due at `now`: from that time on the person's current
 * local date for `graceMinutes` (the rest of that local day when `graceMinutes` is null).
 */
export function dailyDue(now: Date, timeZone: string, time: string, graceMinutes: number | null = REMINDER_GRACE_MINUTES): Due | null {
  const { date } = localClock(timeZone, now);
  const dueAt = zonedInstant(timeZone, date, time);
  const late = now.getTime() - dueAt.getTime();
  if (late < 0) return null;
  if (graceMinutes !== null && late >= graceMinutes * 60_000) return null;
  return { localDate: date, dueAt };
}

/** The daily check-in reminder due now, if any (none when the patient turned reminders off). */
export function checkInReminderDue(now: Date, timeZone: string, reminderTime: string | null): Due | null {
  return reminderTime ? dailyDue(now, timeZone, reminderTime) : null;
}

/** The wall time of the dose-change notice: the patient's reminder time, or 18:00 when reminders are off. */
export function doseChangeTime(reminderTime: string | null): string {
  return reminderTime ?? DOSE_CHANGE_FALLBACK_TIME;
}

/**
 * The dose-change notice due now, if any: on the local day before a step starts (`stepStartDates` are the
 * plan's step start dates), at `doseChangeTime`, while the patient wants these notices.
 */
export function doseChangeDue(
  now: Date,
  timeZone: string,
  settings: { reminderTime: string | null; doseChangeEnabled: boolean },
  stepStartDates: readonly string[],
): (Due & { stepStartDate: string }) | null {
  if (!settings.doseChangeEnabled) return null;
  const due = dailyDue(now, timeZone, doseChangeTime(settings.reminderTime));
  if (!due) return null;
  const tomorrow = addDays(due.localDate, 1);
  return stepStartDates.includes(tomorrow) ? { ...due, stepStartDate: tomorrow } : null;
}

/**
 * A clinician's daily digest due now, if any: from their digest time to the end of their local day. Late is
 * still useful here (the digest is counts read at delivery), unlike a patient's check-in reminder.
 */
export function digestDue(now: Date, timeZone: string, settings: { digest: 'none' | 'daily'; digestTime: string }): Due | null {
  return settings.digest === 'daily' ? dailyDue(now, timeZone, settings.digestTime, null) : null;
}

/**
 * Channels for a notice about one local day, deferred by quiet hours: kept when the quiet hours end on that
 * day; dropped (the notice stays in the app only) when they end on a later day, because "time for today's
 * check-in" or "your plan changes tomorrow" read the next morning would be wrong.
 */
export function sameDayDelivery<C>(delivery: { channels: C[]; notBefore: Date | null }, timeZone: string, localDate: string): { channels: C[]; notBefore: Date | null } {
  if (!delivery.notBefore) return delivery;
  const dayEnds = zonedInstant(timeZone, addDays(localDate, 1), '00:00');
  return delivery.notBefore.getTime() < dayEnds.getTime() ? delivery : { channels: [], notBefore: null };
}

/** Whether the wall time `time` falls inside the quiet hours (for the settings page's warning). */
export function isInQuietHours(time: string, quietStart: string | null, quietEnd: string | null): boolean {
  if (!quietStart || !quietEnd || quietStart === quietEnd) return false;
  const t = clockMinutes(time);
  const s = clockMinutes(quietStart);
  const e = clockMinutes(quietEnd);
  return s < e ? t >= s && t < e : t >= s || t < e;
}

interface StepDoses {
  startDate: string;
  dailyMg: number;
  doses: readonly Pick<DoseAtTime, 'time' | 'mg'>[];
}

function sameDoses(a: StepDoses['doses'], b: StepDoses['doses']): boolean {
  const given = (doses: StepDoses['doses']) => doses.filter((d) => d.mg > 0).map((d) => `${d.time}=${d.mg}`).join(',');
  return given(a) === given(b);
}

/**
 * The step that starts on `date` when it changes what the patient takes: a different amount at some dose
 * time than the step before (for the first step, a different daily dose than before the taper). A step
 * that only carries on the same doses (a held step re-dated) is no change to announce.
 */
export function stepChangingOn<S extends StepDoses>(steps: readonly S[], currentDailyMg: number, date: string): S | null {
  const i = steps.findIndex((s) => s.startDate === date);
  const step = steps[i];
  if (!step) return null;
  const before = i > 0 ? steps[i - 1] : undefined;
  const changes = before ? !sameDoses(before.doses, step.doses) : step.dailyMg !== currentDailyMg;
  return changes ? step : null;
}

/** Dedupe keys: one check-in reminder per patient and local date; one dose-change notice per plan version and step; one digest a day. */
export const reminderKeys = {
  checkIn: (patientId: string, localDate: string) => `check-in:${patientId}:${localDate}`,
  doseChange: (planId: string, version: number, stepStartDate: string) => `dose:${planId}:${version}:${stepStartDate}`,
  digest: (userId: string, localDate: string) => `digest:${userId}:${localDate}`,
};
