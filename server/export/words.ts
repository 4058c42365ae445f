// The words, dates and numbers of the summary PDF and the export downloads in the reader's language, from the
// message catalogues (messages/<locale>/exports.json: SummaryPdf, ExportDownloads). use-intl/core, not next-intl:
// scripts and tests draw the PDF outside a request.
import 'server-only';
import { createTranslator } from 'use-intl/core';
import { formats } from '~/i18n/formats';
import { messagesFor } from '~/i18n/messages';
import { calendarDate } from '~/lib/dates';
import { formatDate, formatShortDate } from '~/lib/export/summary';
import type { Locale } from '~/lib/i18n/locales';

// The messages are fixed and every one is drawn by the tests in both languages: a message that cannot be
// formatted is a fault of the code, so it fails the document rather than printing a key on a clinical page.
const failOnError = (error: Error) => {
  throw error;
};

/** The day's date as the UTC calendar shows it: plan and check-in days are calendar days, not instants. */
function dateParts(locale: Locale, isoDate: string, options: Intl.DateTimeFormatOptions): string | null {
  const d = calendarDate(isoDate);
  if (Number.isNaN(d.getTime())) return null;
  return new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' })
    .formatToParts(d)
    // "mié, 10 feb" in a table cell reads better without the comma, as the English "Wed 10 Feb" has none.
    .map((p) => (p.type === 'literal' ? p.value.replace(/,\s*/, ' ') : p.value))
    .join('');
}

/** The summary PDF's translator and formatters for one reader. */
export function summaryPdfWords(locale: Locale) {
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'SummaryPdf', formats, onError: failOnError });
  const codes = messagesFor(locale).SummaryPdf.redFlags.codes;
  type RedFlagKey = keyof typeof codes;
  const decimal = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: false });
  // English keeps the app's own day format ("7 Feb 2027", "Sun 7 Feb"), the one the print page, the CSV's
  // neighbours and the tests use; other languages take their own from Intl ("7 feb 2027", "dom 7 feb").
  const english = locale === 'en';
  return {
    locale,
    t,
    /** "7 Feb 2027", "7 feb 2027". */
    date: (isoDate: string) => (english ? formatDate(isoDate) : (dateParts(locale, isoDate, { day: 'numeric', month: 'short', year: 'numeric' }) ?? isoDate)),
    /** "Sun 7 Feb", "dom 7 feb": a day in the 28-day table, where the year is in the heading. */
    shortDate: (isoDate: string) => (english ? formatShortDate(isoDate) : (dateParts(locale, isoDate, { weekday: 'short', day: 'numeric', month: 'short' }) ?? isoDate)),
    /** "7 Feb", "7 feb": the chart's day labels. */
    dayMonth: (isoDate: string) => (english ? formatShortDate(isoDate).slice(4) : (dateParts(locale, isoDate, { day: 'numeric', month: 'short' }) ?? isoDate)),
    /** A dose or a measured value: at most two decimals, the reader's decimal sign ("27.5", "27,5"), no grouping. */
    num: (n: number) => decimal.format(Math.round(n * 100) / 100),
    /** A red flag's words; a code this catalogue does not know is shown as it is rather than dropped. */
    redFlag: (code: string) => (Object.hasOwn(codes, code) ? t(`redFlags.codes.${code as RedFlagKey}`) : code),
  };
}

export type SummaryPdfWords = ReturnType<typeof summaryPdfWords>;

/** The export downloads' refusals in the reader's language. */
export function downloadTranslator(locale: Locale) {
  return createTranslator({ locale, messages: messagesFor(locale), namespace: 'ExportDownloads', formats });
}

export type { SummaryWords } from '~/lib/export/summary-text';
