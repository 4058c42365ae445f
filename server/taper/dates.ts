// Calendar-date arithmetic on ISO dates (YYYY-MM-DD), free of time zones.
import { addDays as addDaysFns, differenceInCalendarDays, formatISO, parseISO } from 'date-fns';

export function addDays(isoDate: string, days: number): string {
  return formatISO(addDaysFns(parseISO(isoDate), days), { representation: 'date' });
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: string, to: string): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

export function isIsoDate(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && formatISO(parseISO(value), { representation: 'date' }) === value;
}
