'use client';
// One milestone in words, for the celebration banner and the milestones list.
import { useFormatter, useTranslations } from 'next-intl';
import type { MilestoneView } from '~/server/milestones/service';

export function MilestoneText({ milestone }: { milestone: Pick<MilestoneView, 'details'> }) {
  const t = useTranslations('Milestones');
  const format = useFormatter();
  const day = (iso: string) => format.dateTime(new Date(`${iso}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' });
  const d = milestone.details;
  switch (d.kind) {
    case 'step-completed':
      return <>{t('kinds.step-completed', { mg: d.dailyMg })}</>;
    case 'week-without-red-flags':
      return <>{t('kinds.week-without-red-flags', { from: day(d.from), to: day(d.to) })}</>;
    case 'halfway-to-target':
      return <>{t('kinds.halfway-to-target')}</>;
    case 'taper-completed':
      return <>{t('kinds.taper-completed')}</>;
    case 'goal-achieved':
      return <>{t('kinds.goal-achieved', { title: d.title })}</>;
  }
}

export function MilestoneList({ milestones }: { milestones: MilestoneView[] }) {
  const t = useTranslations('Milestones');
  const format = useFormatter();
  if (milestones.length === 0) return <p className="text-slate-700">{t('empty')}</p>;
  return (
    <ul className="flex flex-col divide-y divide-slate-200">
      {milestones.map((m) => (
        <li key={m.id} className="flex flex-col gap-0.5 py-3 first:pt-0 last:pb-0">
          <span className="font-medium text-slate-900"><MilestoneText milestone={m} /></span>
          <time dateTime={m.achievedOn} className="text-sm text-slate-700">
            {format.dateTime(new Date(`${m.achievedOn}T00:00:00Z`), { dateStyle: 'medium', timeZone: 'UTC' })}
          </time>
        </li>
      ))}
    </ul>
  );
}
