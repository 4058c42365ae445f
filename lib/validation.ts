// zod pieces shared by several inputs, with the messages people see next to the field (keys of the server's
// catalogue, i18n/errors.ts, written in the reader's language when they leave the server).
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';

/**
 * Text PostgreSQL cannot store as sent: a NUL character (text columns refuse it), or half of a surrogate
 * pair (a broken emoji, which would be stored changed). Refused wherever text comes in.
 */
export const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(320, ek('validation.emailTooLong'))
  .pipe(z.email(ek('validation.emailInvalid')));

export const personNameSchema = z
  .string()
  .trim()
  .min(1, ek('validation.nameRequired'))
  .max(200, ek('validation.atMostChars'));

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
  .refine(isTimeZone, ek('validation.timeZone'));

export const uuidSchema = z.uuid(ek('validation.identifier'));

/** A stored version number (a PostgreSQL integer): larger ones would fail in the database, not here. */
export const versionNumberSchema = z.number(ek('validation.version')).int(ek('validation.version')).min(1, ek('validation.version')).max(2_147_483_647, ek('validation.version'));

/** The input of every call that names only a patient (their tier proves the caller's access to them). */
export const patientIdInput = z.strictObject({ patientId: uuidSchema });
