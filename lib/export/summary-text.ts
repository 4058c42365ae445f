// The summary's sentences, the same on the page and in the PDF: a step's doses, a plan warning, a goal, a
// rescue medication's limits. Plain functions of the words (server/export/words.ts) and the summary, with no
// catalogue of their own, so the page component can be rendered anywhere (the exports e2e renders it).
import type { SummaryGoal, SummaryStep, SummarySupport, SummaryWarning } from '~/lib/export/summary';
import type { createTranslator } from 'use-intl/core';
import type { Messages } from '~/i18n/messages';

/** What the sentences need of the reader's words (server/export/words.ts makes them for a language). */
export interface SummaryWords {
  t: ReturnType<typeof createTranslator<Messages, 'SummaryPdf'>>;
  date: (isoDate: string) => string;
  shortDate: (isoDate: string) => string;
  dayMonth: (isoDate: string) => string;
  num: (n: number) => string;
  redFlag: (code: string) => string;
}

/** A yes/no choice of a message's select. */
export const yesNo = (value: boolean) => (value ? 'yes' : 'no');

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
