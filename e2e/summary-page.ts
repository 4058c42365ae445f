// Helpers for the clinical summary page's specs: its words for a spec that renders the component itself (a
// fixture record, not one in the app's database), and a check that its table fits the screen or the paper.
// The page takes its words from server/export/words.ts, which imports 'server-only' and so cannot load in the
// test runner: these come from the same catalogues, with the same day formats (English the app's own, other
// languages Intl's, as words.ts says).
import { expect, type Page } from '@playwright/test';
import type { Messages } from 'next-intl';
import { createTranslator } from 'use-intl/core';
import type { SummaryPageTranslator, SummaryWords } from '~/app/_components/clinical-summary';
import { formats } from '~/i18n/formats';
import { calendarDate } from '~/lib/dates';
import { formatDate, formatShortDate } from '~/lib/export/summary';
import type { Locale } from '~/lib/i18n/locales';
import exportsEn from '../messages/en/exports.json' with { type: 'json' };
import exportsEs from '../messages/es/exports.json' with { type: 'json' };

const catalogues: Record<Locale, Pick<Messages, 'Exports' | 'SummaryPdf'>> = { en: exportsEn, es: exportsEs };

function dateParts(locale: Locale, isoDate: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })
    .formatToParts(calendarDate(isoDate))
    .map((p) => (p.type === 'literal' ? p.value.replace(/,\s*/, ' ') : p.value))
    .join('');
}

/** What the summary page hands the component for a reader of `locale`. */
export function summaryWords(locale: Locale): { words: SummaryWords; t: SummaryPageTranslator } {
  // Only the two namespaces the component reads are loaded; the translators never look outside them.
  const messages = catalogues[locale] as Messages;
  const t = createTranslator({ locale, messages, namespace: 'SummaryPdf', formats });
  const codes = messages.SummaryPdf.redFlags.codes;
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
  const english = locale === 'en';
  const words: SummaryWords = {
    t,
    date: (d) => (english ? formatDate(d) : dateParts(locale, d, { day: 'numeric', month: 'short', year: 'numeric' })),
    shortDate: (d) => (english ? formatShortDate(d) : dateParts(locale, d, { weekday: 'short', day: 'numeric', month: 'short' })),
    dayMonth: (d) => (english ? formatShortDate(d).slice(4) : dateParts(locale, d, { day: 'numeric', month: 'short' })),
    num: (n) => decimal.format(Math.round(n * 100) / 100),
    redFlag: (code) => (Object.hasOwn(codes, code) ? t(`redFlags.codes.${code as keyof typeof codes}`) : code),
  };
  return { words, t: createTranslator({ locale, messages, namespace: 'Exports.summaryPage', formats }) };
}

// A4's printable width in CSS pixels (96 an inch): 210 mm less the summary's 12 mm margins on each side.
export const A4_PRINT_WIDTH = Math.floor(((210 - 2 * 12) / 25.4) * 96);

/** The check-ins table fits its box (no sideways scroll) and no column heading runs out of its cell. */
export async function expectTableFits(page: Page) {
  const fit = await page.locator('article.clinical-summary table').evaluate((table) => ({
    scrolls: table.parentElement ? table.parentElement.scrollWidth > table.parentElement.clientWidth : false,
    cut: [...table.querySelectorAll('thead th')].filter((th) => th.scrollWidth > th.clientWidth).map((th) => th.textContent),
  }));
  expect(fit).toEqual({ scrolls: false, cut: [] });
}
