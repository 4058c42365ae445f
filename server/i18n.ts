// The server's own words (emails, push notifications) in the reader's language, from the message catalogues.
import { createTranslator } from 'use-intl/core';
import { formats } from '~/i18n/formats';
import { messagesFor } from '~/i18n/messages';
import { defaultLocale, isLocale, type Locale } from '~/lib/i18n/locales';

/** The translator of the `Mail` messages for a reader; an unknown or missing language reads English. */
export function mailTranslator(locale: string | null | undefined) {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  return createTranslator({ locale: lang, messages: messagesFor(lang), namespace: 'Mail', formats });
}

/** A date and time as a reader of `locale` writes it, in UTC, said so (emails go to any time zone). */
export function mailDateTime(date: Date, locale: string | null | undefined): string {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  return `${new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(date)} UTC`;
}

/** The translator of texts the server writes into a record (`Stored`), in the language of whom it is about. */
export function storedTranslator(locale: string | null | undefined) {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  return createTranslator({ locale: lang, messages: messagesFor(lang), namespace: 'Stored', formats });
}
