// The engine's warnings on a plan (renal impairment, a dose above the label maximum, a long schedule,
// cuts above the cap with the prescriber's acceptance, doses that are hard to take).
import { getTranslations } from 'next-intl/server';
import { Notice } from '~/app/_components/ui';
import type { Warning } from '~/lib/taper/types';

export async function PlanWarnings({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const t = await getTranslations('Plan');
  const tc = await getTranslations('Common');
  const text = (w: Warning) => {
    switch (w.code) {
      case 'renal-impairment':
        return t('warnings.renal', { level: tc(`renal.${w.renalFunction}`) });
      case 'above-label-maximum':
        return t('warnings.highDose', { mg: w.maxDailyMg, reason: w.reason });
      case 'long-schedule':
        return t('warnings.long', { steps: w.steps });
      case 'cut-above-cap': {
        const cuts = w.cuts.map((c) => t('warnings.cutItem', { number: c.index + 1, from: c.fromMg, to: c.toMg, percent: c.percent })).join('; ');
        return (
          <>
            <span className="block">{t('warnings.aboveCap', { count: w.cuts.length, cap: w.capPercent, cuts })}</span>
            <span className="mt-1 block font-semibold">
              {w.acceptance ? t('warnings.aboveCapAccepted', { name: w.acceptance.byName, reason: w.acceptance.reason }) : t('warnings.aboveCapUnaccepted')}
            </span>
          </>
        );
      }
      case 'many-pieces':
        return t('warnings.manyPieces', { count: w.steps.length, max: w.maxPieces });
      case 'large-volume':
        return t('warnings.largeVolume', { count: w.steps.length, max: w.maxMl });
    }
  };
  return (
    <div className="mb-4 flex flex-col gap-2">
      {warnings.map((w) => (
        <Notice key={w.code} tone="warning">
          {text(w)}
        </Notice>
      ))}
    </div>
  );
}
