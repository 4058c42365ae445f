// The languages of the app: every message catalogue exists in each (i18n/catalogue.test.ts).
export const locales = ['en', 'es'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

/** Each language's name in itself: what a chooser shows, whatever the page's language. */
export const localeNames: Record<Locale, string> = { en: 'English', es: 'Español' };

/** The cookie that keeps a language chosen before signing in (and, after, the account's). Not health data. */
export const LOCALE_COOKIE = 'taperline-locale';

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}
