'use client';
// Choosing the language before sign-in, for this device (a cookie, kept for the account when signing in).
// No React Query here: the public pages load without it.
import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { LOCALE_COOKIE, localeNames, locales, type Locale } from '~/lib/i18n/locales';

/** Remembers the language on this device for a year (sign-in page, and after a change on the account page). */
export function rememberLocale(locale: Locale) {
  document.cookie = `${LOCALE_COOKIE}=${locale}; path=/; max-age=${365 * 24 * 3600}; samesite=lax`;
}

/** The language chosen on this device before signing in, if any: the sign-in form saves it to the account. */
export function chosenLocale(): Locale | null {
  const found = document.cookie.split('; ').find((c) => c.startsWith(`${LOCALE_COOKIE}=`))?.split('=')[1];
  return (locales as readonly string[]).includes(found ?? '') ? (found as Locale) : null;
}

/** Saves the language for the account just signed in to (one plain call: these pages load no React Query). */
export async function saveAccountLocale(locale: Locale): Promise<void> {
  try {
    await fetch('/api/trpc/account.setLocale', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: { locale } }) });
  } catch {
    // The page's language is still the device's; the account page can save it.
  }
}

/** Links to the other languages, each named in its own language (sign-in and other public pages). */
export function LocaleLinks() {
  const t = useTranslations('Common');
  const current = useLocale();
  const router = useRouter();
  return (
    <nav aria-label={t('languageNav')} className="flex flex-wrap gap-3 text-sm">
      {locales.map((locale) =>
        locale === current ? (
          <span key={locale} aria-current="true" lang={locale} className="font-semibold text-slate-900">
            {localeNames[locale]}
          </span>
        ) : (
          <button
            key={locale}
            type="button"
            lang={locale}
            className="font-medium text-brand-700 underline underline-offset-2"
            onClick={() => {
              rememberLocale(locale);
              router.refresh();
            }}
          >
            {localeNames[locale]}
          </button>
        ),
      )}
    </nav>
  );
}

