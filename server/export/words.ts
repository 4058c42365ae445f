// The words, dates and numbers of the summary PDF and the export downloads in the reader's language, from the
// message catalogues (messages/<locale>/exports.json: SummaryPdf, ExportDownloads). use-intl/core, not next-intl:
// scripts and tests draw the PDF outside a request.
import 'server-only';
import { createTranslator } from 'use-intl/core';
import { formats } from '~/i18n/formats';
import { messagesFor } from '~/i18n/messages';
import { calendarDate } from '~/lib/dates';
import { formatDate, formatShortDate, type SummaryGoal, type SummaryStep, type SummarySupport, type SummaryWarning } from '~/lib/export/summary';
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

/** A yes/no choice of a message's select. */
export const yesNo = (value: boolean) => (value ? 'yes' : 'no');

/** What the summary's texts need of the words: the page and the PDF say the same things. */
export type SummaryWords = Pick<SummaryPdfWords, 't' | 'date' | 'shortDate' | 'dayMonth' | 'num' | 'redFlag'>;

export function stepText(w: SummaryWords, step: SummaryStep): string {
  const doses = step.doses.map((d) => w.t('plan.dose', { time: d.time, mg: w.num(d.mg) })).join(', ') || w.t('plan.noDoses');
  const mg = w.num(step.dailyMg);
  return step.droppedTimes.length
    ? w.t('plan.stepDosesDropped', { mg, doses, times: step.droppedTimes.join(', ') })
    : w.t('plan.stepDoses', { mg, doses });
}

/** A plan warning in the reader's words, from the engine's warning (the summary's `text` is English). */
export function warningText(w: SummaryWords, warning: SummaryWarning): string {
  const d = warning.detail;
  switch (d.code) {
    case 'renal-impairment':
      return w.t('warnings.renal', { level: w.t(`renal.${d.renalFunction}`) });
    case 'above-label-maximum':
      return w.t('warnings.aboveLabelMaximum', { mg: w.num(d.maxDailyMg), reason: d.reason });
    case 'long-schedule':
      return w.t('warnings.longSchedule', { steps: String(d.steps) });
    case 'cut-above-cap': {
      const cuts = d.cuts.map((c) => w.t('warnings.cut', { number: String(c.index + 1), from: w.num(c.fromMg), to: w.num(c.toMg), percent: w.num(c.percent) })).join('; ');
      const head = w.t('warnings.aboveCap', { count: d.cuts.length, cap: w.num(d.capPercent), cuts });
      const tail = d.acceptance ? w.t('warnings.accepted', { name: d.acceptance.byName, reason: d.acceptance.reason }) : w.t('warnings.notAccepted');
      return `${head} ${tail}`;
    }
    case 'many-pieces':
      return w.t('warnings.manyPieces', { count: d.steps.length, max: w.num(d.maxPieces) });
    case 'large-volume':
      return w.t('warnings.largeVolume', { count: d.steps.length, max: w.num(d.maxMl) });
  }
}

export function goalText(w: SummaryWords, g: SummaryGoal): string {
  const withUnit = (value: number, unit: string) => (unit ? `${w.num(value)} ${unit}` : w.num(value));
  const target = g.targetText || (g.targetValue === null ? '' : withUnit(g.targetValue, g.targetUnit));
  const p = g.latestProgress;
  const progress = p ? [p.value === null ? '' : withUnit(p.value, g.targetUnit), p.note].filter((part) => part.trim() !== '').join('; ') : '';
  return w.t('goals.item', {
    title: g.title,
    status: w.t(`goals.status.${g.status}`),
    target: target || w.t('goals.targetNotSet'),
    due: yesNo(g.dueOn !== null),
    dueOn: g.dueOn ? w.date(g.dueOn) : '',
    progress: yesNo(p !== null),
    progressOn: p ? w.date(p.recordedOn) : '',
    progressText: progress || w.t('goals.progressRecorded'),
  });
}

/** Rescue medication's limits in a sentence: the course's day, its stop criteria and its follow-up. */
export function rescueText(w: SummaryWords, rescue: NonNullable<SummarySupport['rescue']>): string {
  const { maxDays, dayNumber, lastAllowedDay } = rescue;
  const parts = [
    maxDays === null
      ? w.t('supports.rescue.noMaxDays')
      : dayNumber === null
        ? w.t('supports.rescue.notStarted', { max: maxDays })
        : lastAllowedDay
          ? w.t('supports.rescue.dayOfLastAllowed', { day: String(dayNumber), max: maxDays, lastDay: w.date(lastAllowedDay) })
          : w.t('supports.rescue.dayOf', { day: String(dayNumber), max: maxDays }),
    rescue.stopCriteria ? w.t('supports.rescue.stopCriteria', { criteria: rescue.stopCriteria }) : w.t('supports.rescue.noStopCriteria'),
    rescue.followUpOn ? w.t('supports.rescue.followUp', { date: w.date(rescue.followUpOn) }) : w.t('supports.rescue.noFollowUp'),
  ];
  return `${parts.join('; ')}.${rescue.pastLimits ? ` ${w.t('supports.rescue.pastLimits')}` : ''}`;
}
