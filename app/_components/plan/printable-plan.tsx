// The printable schedule page body, shared by the patient's and the care team's print views.
import { getTranslations } from 'next-intl/server';
import { PrintButton } from '~/app/_components/print-button';
import { PrintableSchedule } from '~/app/_components/taper/printable-schedule';
import { ButtonLink, EmptyState } from '~/app/_components/ui';
import type { TaperStep, Warning } from '~/lib/taper/types';

export async function PrintablePlan({ patientName, plan, today, careTeam, backHref }: {
  patientName: string;
  plan: { version: number; steps: TaperStep[]; warnings: Warning[] } | null;
  today: string;
  careTeam: { name: string; discipline: string }[];
  backHref: string;
}) {
  const t = await getTranslations('Plan');
  const tc = await getTranslations('Common');
  if (!plan) return <EmptyState title={t('none')} />;
  const names = careTeam.map((m) => `${m.name} (${tc(`disciplines.${m.discipline as 'prescriber'}`)})`).join(', ');
  return (
    <div className="flex flex-col gap-4">
      <div className="no-print flex flex-wrap gap-3">
        <PrintButton label={t('printNow')} />
        <ButtonLink href={backHref} variant="secondary">{t('backToPlan')}</ButtonLink>
      </div>
      <PrintableSchedule patientName={patientName} planVersion={plan.version} printedOn={today} steps={plan.steps} careTeamContact={names} warnings={plan.warnings} />
    </div>
  );
}
