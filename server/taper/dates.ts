// Calendar-date arithmetic on ISO dates (YYYY-MM-DD), free of time zones.
import { addDays as addDaysFns, differenceInCalendarDays, formatISO, isValid, parseISO } from 'date-fns';

export function addDays(isoDate: string, days: number): string {
  return formatISO(addDaysFns(parseISO(isoDate), days), { representation: 'date' });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  // A day that does not exist (2026-02-30) parses to an invalid date, which formatISO would throw on.
  const parsed = parseISO(value);
  return isValid(parsed) && formatISO(parsed, { representation: 'date' }) === value;
}
