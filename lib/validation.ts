// zod pieces shared by several inputs, with the messages people see next to the field.
import { z } from 'zod';

/**
 * Text PostgreSQL cannot store as sent: a NUL character (text columns refuse it), or half of a surrogate
 * pair (a broken emoji, which would be stored changed). Refused wherever text comes in.
 */
export const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, 'That email is too long.')
  .pipe(z.email('Enter a valid email address.'));

export const personNameSchema = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(200, 'Use at most 200 characters.');

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return value.length > 0;
  } catch {
    return false;
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .max(64)
  .refine(isTimeZone, 'Choose a time zone from the list (for example Europe/London).');

export const uuidSchema = z.uuid('Not a valid identifier.');

/** A stored version number (a PostgreSQL integer): larger ones would fail in the database, not here. */
export const versionNumberSchema = z.number('Not a valid version.').int('Not a valid version.').min(1, 'Not a valid version.').max(2_147_483_647, 'Not a valid version.');

/** The input of every call that names only a patient (their tier proves the caller's access to them). */
export const patientIdInput = z.strictObject({ patientId: uuidSchema });
