// The taper engine's refusals in the reader's language, in the browser. The engine (lib/taper) names each
// one by a key of the taper catalogue with its values, as the server words it (i18n/errors.ts); only that
// small catalogue ships here, never the server's whole.
import { createTranslator } from 'use-intl/core';
import type { TaperError } from '~/lib/taper/types';
import { defaultLocale, isLocale, type Locale } from '~/lib/i18n/locales';
import taperEn from '~/messages/en/errors/taper.json';
import taperEs from '~/messages/es/errors/taper.json';

const catalogues: Record<Locale, Record<string, unknown>> = { en: { taper: taperEn }, es: { taper: taperEs } };

const translators = new Map<Locale, ReturnType<typeof createTranslator>>();

/** An engine refusal's words in a language (English for a language the app does not have). */
export function engineErrorText(error: TaperError, locale: string): string {
  const lang: Locale = isLocale(locale) ? locale : defaultLocale;
  let t = translators.get(lang);
  // Compiled messages under Next.js (next.config.mjs), ICU strings under tests: the translator takes either.
  if (!t) translators.set(lang, (t = createTranslator({ locale: lang, messages: catalogues[lang] })));
  const { key, values } = typeof error.text === 'string' ? { key: error.text, values: undefined } : error.text;
  return (t as (k: string, v?: Record<string, unknown>) => string)(key, values);
}
