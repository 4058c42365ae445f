// The language of a page for someone not signed in: the one they chose on this device, else the best match
// of the browser's Accept-Language, else English.
import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { defaultLocale, isLocale, locales, type Locale } from './locales';

export function negotiateLocale(acceptLanguage: string | null | undefined, chosen?: string | null): Locale {
  if (isLocale(chosen)) return chosen;
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage ?? '' } }).languages().filter((l) => l !== '*');
  try {
    const found = match(requested, [...locales], defaultLocale);
    return isLocale(found) ? found : defaultLocale;
  } catch {
    // A malformed language tag: the default, never an error page.
    return defaultLocale;
  }
}
