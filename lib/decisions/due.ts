// When a step decision is due: one rule, read by the triage list and by the step's decision panel alike.
import { daysBetween } from '~/lib/dates';

/** A decision is due in the last two days of a running step (and after its end, while nobody has decided). */
export const DECISION_WINDOW_DAYS = 2;

/**
 * Whether a decision on the step ending `stepEndDate` is due on `today`: inside the window (fewer than
 * DECISION_WINDOW_DAYS days left, or past the end) and not yet decided for that end date. A decision that
 * moved the step's end (a hold) does not count for the new end: a new decision is due near it.
 */
export function isDecisionDue(today: string, stepEndDate: string, decidedForThisEnd: boolean): boolean {
  return !decidedForThisEnd && daysBetween(today, stepEndDate) < DECISION_WINDOW_DAYS;
}
