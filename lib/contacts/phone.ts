// Phone numbers: checking what people type, storing one form of it, showing it readably, and tel: links.
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';
import { ek, type ErrorKey } from '~/i18n/error-keys';

export type { CountryCode };

/** Short numbers are real numbers too: crisis lines (116 123, 988) and emergency numbers (999, 112). */
export const PHONE_MIN_DIGITS = 3;
/** E.164: at most 15 digits, country code included. */
export const PHONE_MAX_DIGITS = 15;
/** Typed text beyond this is not a phone number, however it is spaced. */
export const PHONE_MAX_LENGTH = 40;

export type PhoneProblem = 'characters' | 'plus' | 'too-short' | 'too-long' | 'international';

export type PhoneCheck = { ok: true; value: string } | { ok: false; problem: PhoneProblem };

/**
 * What a person is told beside the field, for each problem (keys of the server's messages): the digit counts
 * are the message's {minimum} and {maximum}, PHONE_MIN_DIGITS and PHONE_MAX_DIGITS.
 */
export const phoneProblemMessages: Record<PhoneProblem, ErrorKey> = {
  characters: ek('patients.phone.characters'),
  plus: ek('patients.phone.plus'),
  'too-short': ek('patients.phone.tooShort'),
  'too-long': ek('patients.phone.tooLong'),
  international: ek('patients.phone.international'),
};

// Separators people type between groups of digits; each run of them becomes one space.
const SEPARATORS = /[\s\-.()/\u00a0\u2010-\u2015]+/g;
const ALLOWED = /^\+?[0-9 ]*$/;

/**
 * The stored form of a typed phone number. A number with its country code (`+44 …` or `0044 …`) must be a
 * real number of that country and is stored in E.164 (`+442079460958`). A number without one is stored in
 * E.164 when `defaultCountry` is given and the number is a real number there; otherwise it is kept as typed,
 * with only digits and single spaces (short numbers such as `116 123` or `988` stay like that).
 */
export function normalizePhone(typed: string, defaultCountry?: CountryCode): PhoneCheck {
  const spaced = typed.replace(SEPARATORS, ' ').trim();
  if (!ALLOWED.test(spaced)) return { ok: false, problem: /^[0-9 +]*$/.test(spaced) ? 'plus' : 'characters' };
  const digits = spaced.replace(/\D/g, '');
  if (digits.length < PHONE_MIN_DIGITS) return { ok: false, problem: 'too-short' };
  // The "00" international prefix counts toward the length only as the + it stands for.
  const international = spaced.startsWith('+') || spaced.startsWith('00');
  const significant = spaced.startsWith('00') ? digits.slice(2) : digits;
  if (significant.length > PHONE_MAX_DIGITS) return { ok: false, problem: 'too-long' };
  if (international) {
    const parsed = parsePhoneNumberFromString(`+${significant}`);
    return parsed?.isValid() ? { ok: true, value: parsed.number } : { ok: false, problem: 'international' };
  }
  if (defaultCountry) {
    const parsed = parsePhoneNumberFromString(spaced, defaultCountry);
    if (parsed?.isValid()) return { ok: true, value: parsed.number };
  }
  return { ok: true, value: spaced };
}

/** The country of a number stored in E.164, if it names one. */
export function phoneCountry(stored: string | null | undefined): CountryCode | undefined {
  if (!stored?.startsWith('+')) return undefined;
  return parsePhoneNumberFromString(stored)?.country;
}

/** A stored number as people read it: grouped the way its country writes numbers, or as it was typed. */
export function formatPhone(stored: string): string {
  if (stored.startsWith('+')) {
    const parsed = parsePhoneNumberFromString(stored);
    if (parsed?.isValid()) return parsed.formatInternational();
  }
  return stored;
}

/**
 * The `tel:` link of a stored number, or null when it is not one a phone can dial. Only digits and a
 * leading + ever reach the link, whatever the stored text holds.
 */
export function telHref(stored: string | null | undefined): string | null {
  if (!stored) return null;
  const trimmed = stored.trim();
  if (!/^\+?[0-9][0-9 ]*$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) return null;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

/** A number ready for a screen: what to show, and where a tap goes. */
export interface DialableNumber {
  display: string;
  href: string;
}

/** The number as a screen shows it, or null when there is none or it cannot be dialled (no empty links). */
export function dialable(stored: string | null | undefined): DialableNumber | null {
  const href = telHref(stored);
  return stored && href ? { display: formatPhone(stored), href } : null;
}
