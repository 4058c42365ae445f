'use client';
// The check-in form as the offline shell shows it: for the patient the phone's offline store names, on
// today's date in their time zone, with no plan (the shell holds none) and no weekly questions.
import { useFormatter, useTranslations } from 'next-intl';
import Link from 'next/link';
import { useEffect, useState } from 'react';
import { getOwner, type OfflineOwner } from '~/app/_components/offline/pending-store';
import { offlineShellReady } from '~/app/_components/offline/prepare';
import { Notice, PageTitle } from '~/app/_components/ui';
import { CheckInForm } from '~/app/(patient)/patient/check-in/check-in-form';
import type { CheckInDay, UrgentContacts } from '~/app/(patient)/patient/check-in/types';
import { localDate } from '~/lib/dates';

export function OfflineCheckIn({ contacts, emergencyNumber }: { contacts: UrgentContacts; emergencyNumber: string | null }) {
  const t = useTranslations('CheckIn');
  const format = useFormatter();
  // undefined while the phone's store is read; null when no patient has readied this phone (or it was wiped).
  const [owner, setOwner] = useState<OfflineOwner | null | undefined>(undefined);
  useEffect(() => {
    offlineShellReady();
    getOwner().then(setOwner, () => setOwner(null));
  }, []);

  if (owner === undefined) return null;
  if (owner === null) {
    return (
      <>
        <PageTitle>{t('title')}</PageTitle>
        <Notice tone="warning">{t('offline.shellNotReady')}</Notice>
        {/* '/' sends each person where they belong, or to sign in. */}
        <Link href="/" className="mt-4 inline-flex min-h-12 items-center rounded-lg bg-brand-700 px-5 text-lg font-semibold text-white hover:bg-brand-800">{t('offline.shellHome')}</Link>
      </>
    );
  }
  const today = localDate(owner.timeZone, new Date());
  const day: CheckInDay = { today, plannedDoses: [], planStatus: null, existing: null, screenersDue: false };
  const todayLabel = format.dateTime(new Date(`${today}T00:00:00Z`), { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
  return <CheckInForm patientId={owner.userId} day={day} todayLabel={todayLabel} careTeam={null} contacts={contacts} emergencyNumber={emergencyNumber} shell />;
}
