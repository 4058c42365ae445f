// The frame of one patient's record for the care team: access to the record, and a sub-navigation between its parts.
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { NavLink } from '~/app/_components/nav-link';
import { serverApi } from '~/app/_trpc/server';
import { loadRecord } from './load-record';

export default async function PatientRecordLayout({ children, params }: { children: ReactNode; params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  // Checked here too, outside any loading boundary: a page that streams (trends has a loading state) has
  // sent its 200 before its own check could answer 403, so a refused record must be refused in the frame.
  await loadRecord(patientId);
  const t = await getTranslations('Common.nav');
  const tv = await getTranslations('Conversation');
  // Whether the patient wrote something nobody on the team has opened: shown on every page of the record.
  const { unread } = await (await serverApi()).conversation.status({ patientId });
  const base = `/clinician/patients/${patientId}`;
  return (
    <>
      <nav aria-label={t('recordSections')} className="no-print mb-4 border-b border-slate-200">
        <div className="flex gap-1 overflow-x-auto pb-1">
          <NavLink href={base} exact className="whitespace-nowrap">{t('overview')}</NavLink>
          <NavLink href={`${base}/plan`} className="whitespace-nowrap">{t('patientPlan')}</NavLink>
          <NavLink href={`${base}/trends`} className="whitespace-nowrap">{t('trends')}</NavLink>
          <NavLink href={`${base}/review`} className="whitespace-nowrap">{t('weeklyReview')}</NavLink>
          <NavLink href={`${base}/notes`} className="whitespace-nowrap">
            {tv('navLabel')}
            {unread && ' '}
            {unread && <span className="ml-2 inline-block rounded-full bg-amber-100 px-2 py-0.5 text-sm font-semibold text-amber-950">{tv('unreadMessage')}</span>}
          </NavLink>
          <NavLink href={`${base}/goals`} className="whitespace-nowrap">{t('goals')}</NavLink>
          <NavLink href={`${base}/summary`} className="whitespace-nowrap">{t('summary')}</NavLink>
        </div>
      </nav>
      {children}
    </>
  );
}
