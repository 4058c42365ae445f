// Rescue medication's limits on a local date: days used, past its maximum days or its follow-up date, what to alert.
import { addDays, daysBetween } from '~/lib/dates';

/**
 * Rescue medication is a short course by design: a benzodiazepine or muscle relaxant taken for weeks risks
 * swapping one dependence for another, which is what the taper is trying to end. So the software caps the
 * maximum at 30 days; the team chooses the real limit, usually much shorter, within it.
 */
export const RESCUE_MAX_DAYS = 30;
/**
 * The follow-up falls no later than this many days after the course's last allowed day: a review that comes
 * later than two weeks after the course should have ended is no longer a follow-up of that course.
 */
export const FOLLOW_UP_GRACE_DAYS = 14;

export const rescueAlertReasons = ['past-max-days', 'past-follow-up'] as const;
export type RescueAlertReason = (typeof rescueAlertReasons)[number];

export interface RescueCourse {
  startedOn: string;
  stoppedOn: string | null;
  maxDays: number;
  followUpOn: string;
}

export interface RescueState {
  /** Local days taken so far, the start and the last day (today, or the stop date if earlier) included. */
  daysUsed: number;
  maxDays: number;
  /** The last day of the course within its maximum (start + maxDays − 1). */
  lastAllowedDay: string;
  /** Days left within the maximum, never below 0. */
  daysLeft: number;
  followUpOn: string;
  notStarted: boolean;
  stopped: boolean;
  /** Used on more days than its maximum. */
  pastMaxDays: boolean;
  /** Still in use on a day after its follow-up date. */
  pastFollowUp: boolean;
  /** The reasons the care team is alerted for, in a fixed order. */
  alerts: RescueAlertReason[];
}

/** The latest date the follow-up may be set to for a course of `maxDays` from `startedOn`. */
export function latestFollowUp(startedOn: string, maxDays: number): string {
  return addDays(startedOn, maxDays - 1 + FOLLOW_UP_GRACE_DAYS);
}

/**
 * The course as it stands on `today` (the patient's local date). A stop date counts only once it has come:
 * a course stopped today or earlier ends on its stop date; a stop recorded after the limits still ran past
 * them, so it still alerts (the team hears of it once, whenever it was recorded).
 */
export function rescueState(course: RescueCourse, today: string): RescueState {
  const lastAllowedDay = addDays(course.startedOn, course.maxDays - 1);
  const notStarted = today < course.startedOn;
  const stopped = course.stoppedOn !== null && course.stoppedOn <= today;
  const lastUsedDay = course.stoppedOn !== null && course.stoppedOn < today ? course.stoppedOn : today;
  const daysUsed = notStarted ? 0 : daysBetween(course.startedOn, lastUsedDay) + 1;
  const pastMaxDays = daysUsed > course.maxDays;
  const pastFollowUp = !notStarted && lastUsedDay > course.followUpOn;
  const alerts: RescueAlertReason[] = [];
  if (pastMaxDays) alerts.push('past-max-days');
  if (pastFollowUp) alerts.push('past-follow-up');
  return {
    daysUsed,
    maxDays: course.maxDays,
    lastAllowedDay,
    daysLeft: Math.max(0, course.maxDays - daysUsed),
    followUpOn: course.followUpOn,
    notStarted,
    stopped,
    pastMaxDays,
    pastFollowUp,
    alerts,
  };
}

/**
 * Once per course, reason and limit: the same overrun never alerts twice, but when the team changes a limit
 * (a longer course, a later follow-up) and the course runs past the new one, that is news and alerts again.
 */
export function rescueDedupeKey(therapyId: string, reason: RescueAlertReason, limit: { maxDays: number; followUpOn: string }): string {
  return `rescue:${therapyId}:${reason}:${reason === 'past-max-days' ? limit.maxDays : limit.followUpOn}`;
}
