// The language of this request: a signed-in person's own (their account), else the one chosen on this
// device before signing in (a cookie), else the browser's Accept-Language, else English.
import 'server-only';
import { cookies, headers } from 'next/headers';
import { currentSession } from '~/server/auth';
import { LOCALE_COOKIE, type Locale } from '~/lib/i18n/locales';
import { negotiateLocale } from '~/lib/i18n/negotiate';

export async function requestLocale(): Promise<Locale> {
  try {
    const session = await currentSession();
    if (session.status === 'signed-in' && session.user.locale) return session.user.locale;
  } catch {
    // The database out of reach: the page that says so is still shown in the browser's language.
  }
  const [h, c] = await Promise.all([headers(), cookies()]);
  return negotiateLocale(h.get('accept-language'), c.get(LOCALE_COOKIE)?.value);
}
