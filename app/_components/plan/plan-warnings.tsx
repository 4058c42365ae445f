// The engine's warnings on a plan (renal impairment, a dose above the label maximum, a long schedule).
import { getTranslations } from 'next-intl/server';
import { Notice } from '~/app/_components/ui';
import type { Warning } from '~/server/taper/types';

export async function PlanWarnings({ warnings }: { warnings: Warning[] }) {
  if (warnings.length === 0) return null;
  const t = await getTranslations('Plan');
  const tc = await getTranslations('Common');
  return (
    <div className="mb-4 flex flex-col gap-2">
      {warnings.map((w) => (
        <Notice key={w.code} tone="warning">
          {w.code === 'renal-impairment'
            ? t('warnings.renal', { level: tc(`renal.${w.renalFunction}`) })
            : w.code === 'above-label-maximum'
              ? t('warnings.highDose', { mg: w.maxDailyMg, reason: w.reason })
              : t('warnings.long', { steps: w.steps })}
        </Notice>
      ))}
    </div>
  );
}
