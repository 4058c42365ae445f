// The care team's section of a plan's supports (physiotherapy, stretching, rescue medication ...), on the clinician's plan page.
import { getTranslations } from 'next-intl/server';
import { Card } from '~/app/_components/ui';
import { serverApi } from '~/app/_trpc/server';
import type { PlanStatus } from '~/server/plans/service';
import { AdjunctsPanel } from './adjuncts-panel';

export async function AdjunctsSection({ patientId, planId, planStatus, canEdit }: { patientId: string; planId: string; planStatus: PlanStatus; canEdit: boolean }) {
  const t = await getTranslations('Adjuncts');
  const { today, adjuncts } = await (await serverApi()).adjuncts.list({ patientId, planId });
  const open = planStatus !== 'completed' && planStatus !== 'stopped';
  return (
    <div id="supports" className="scroll-mt-4">
      <Card title={t('title')}>
        <p className="mb-4 max-w-3xl text-slate-700">{t('intro')}</p>
        <AdjunctsPanel patientId={patientId} planId={planId} today={today} adjuncts={adjuncts} canEdit={canEdit} planOpen={open} planStatus={planStatus} />
      </Card>
    </div>
  );
}
