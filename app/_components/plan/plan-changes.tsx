// What changed between two plan versions, in the same clinical words for the patient and the care team.
import { useFormatter, useTranslations, type createTranslator, type Messages } from 'next-intl';
import { useId } from 'react';
import { formatDay, formatDayRange } from '~/lib/dates';
import { type TaperFormatter } from '~/app/_components/taper/schedule-table';
import type { PlanChange, PlanChangeKind, SplitShares } from '~/lib/taper/diff';
import type { Formulation, Strategy } from '~/lib/taper/types';

export type PlanTranslator = ReturnType<typeof createTranslator<Messages, 'Plan'>>;

type Group = 'doses' | 'steps' | 'limits' | 'timing' | 'products';

const groupOf: Record<PlanChangeKind, Group> = {
  dose: 'doses',
  endDate: 'doses',
  startDate: 'steps',
  currentDose: 'steps',
  stepDays: 'steps',
  stepLength: 'steps',
  stepCount: 'steps',
  cutKind: 'limits',
  cutMg: 'limits',
  cutPercent: 'limits',
  minCut: 'limits',
  maxCut: 'limits',
  maxCutPercent: 'limits',
  slowFactor: 'limits',
  target: 'limits',
  stopAt: 'limits',
  followUp: 'limits',
  highDoseReason: 'limits',
  doseTimes: 'timing',
  split: 'timing',
  dropOrder: 'timing',
  formulationAdded: 'products',
  formulationRemoved: 'products',
};

const groups: readonly Group[] = ['doses', 'steps', 'limits', 'timing', 'products'];

export function formulationText(f: Formulation, t: PlanTranslator): string {
  return f.kind === 'tablet'
    ? t('changes.tablet', { strength: f.strengthMg, scored: f.scored ? 'yes' : 'no' })
    : t('changes.liquid', { mgPerMl: f.mgPerMl, per5: f.mgPerMl * 5, minMl: f.minMeasurableMl });
}

function strategyText(s: Strategy, t: PlanTranslator): string {
  return s.kind === 'fixed'
    ? t('changes.fixedCut', { mg: s.mgPerStep })
    : t('changes.percentCut', { percent: s.percent, min: s.minCutMg, max: s.maxCutMg });
}

function splitText(s: SplitShares, t: PlanTranslator, format: TaperFormatter): string {
  if (s.kind === 'even') return t('changes.splitEven');
  return t('changes.splitWeighted', { shares: format.list(s.shares.map(({ time, share }) => t('changes.splitShare', { time, share }))) });
}

function orderText(times: readonly string[], t: PlanTranslator): string {
  return times.length === 0 ? t('changes.dropOrderNone') : times.join(t('changes.dropOrderThen'));
}

/** One change as a sentence. Dates are calendar days, formatted on the UTC calendar. */
export function changeText(c: PlanChange, t: PlanTranslator, format: TaperFormatter): string {
  const day = (iso: string) => formatDay(iso, format);
  switch (c.kind) {
    case 'dose': {
      const doses = { before: t('changes.dailyDose', { mg: c.beforeMg }), after: t('changes.dailyDose', { mg: c.afterMg }) };
      if (c.to === null) return t('changes.doseFrom', { from: day(c.from), ...doses });
      if (c.to === c.from) return t('changes.doseDay', { date: day(c.from), ...doses });
      // Rendered after a client query, so Node's and the browser's spacing of a range's dash cannot clash in hydration.
      return t('changes.doseRange', { range: formatDayRange(c.from, c.to, format), ...doses });
    }
    case 'endDate':
    case 'startDate':
      return t(`changes.${c.kind}`, { before: day(c.before), after: day(c.after) });
    case 'stepLength':
      return t('changes.stepLength', { number: c.index + 1, before: c.before, after: c.after });
    case 'cutKind':
      return t('changes.cutKind', { before: strategyText(c.before, t), after: strategyText(c.after, t) });
    case 'target':
      return t('changes.target', { before: t('changes.targetDose', { mg: c.before }), after: t('changes.targetDose', { mg: c.after }) });
    case 'stopAt': {
      const stop = (mg: number | null) => (mg === null ? t('changes.stopAtDefault') : t('changes.stopAtMg', { mg }));
      return t('changes.stopAt', { before: stop(c.before), after: stop(c.after) });
    }
    case 'doseTimes':
      return t('changes.doseTimes', { before: format.list(c.before), after: format.list(c.after) });
    case 'split':
      return t('changes.split', { before: splitText(c.before, t, format), after: splitText(c.after, t, format) });
    case 'dropOrder':
      return t('changes.dropOrder', { before: orderText(c.before, t), after: orderText(c.after, t) });
    case 'highDoseReason':
      if (c.before === null) return t('changes.highDoseReasonAdded', { after: c.after ?? '' });
      if (c.after === null) return t('changes.highDoseReasonRemoved', { before: c.before });
      return t('changes.highDoseReason', { before: c.before, after: c.after });
    case 'formulationAdded':
    case 'formulationRemoved':
      return t(`changes.${c.kind}`, { product: formulationText(c.formulation, t) });
    case 'currentDose':
    case 'stepDays':
    case 'stepCount':
    case 'cutMg':
    case 'cutPercent':
    case 'minCut':
    case 'maxCut':
    case 'maxCutPercent':
    case 'slowFactor':
    case 'followUp':
      return t(`changes.${c.kind}`, { before: c.before, after: c.after });
  }
}

/**
 * The changes grouped under short headings (doses by date first: what to take when). No client-only
 * hooks, so it renders on either side of the boundary.
 */
export function PlanChangeList({ changes, headingLevel = 3 }: { changes: readonly PlanChange[]; headingLevel?: 3 | 4 }) {
  const t = useTranslations('Plan');
  const format = useFormatter();
  const id = useId();
  if (changes.length === 0) return <p className="text-slate-700">{t('changes.none')}</p>;
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  return (
    <div className="flex flex-col gap-3">
      {groups.map((group) => {
        const items = changes.filter((c) => groupOf[c.kind] === group);
        if (items.length === 0) return null;
        const headingId = `${id}-${group}`;
        return (
          <section key={group} aria-labelledby={headingId}>
            <Heading id={headingId} className="font-semibold text-slate-900">{t(`changes.groups.${group}`)}</Heading>
            <ul className="mt-1 list-disc pl-5">
              {items.map((c, i) => (
                <li key={i}>{changeText(c, t, format)}</li>
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}
