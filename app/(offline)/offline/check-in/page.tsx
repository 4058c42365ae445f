// The offline shell of the check-in: what the service worker (public/sw.js) keeps and shows at
// /patient/check-in when the phone has no connection. It holds NO patient data: no name, no plan, no earlier
// answers, no care team; only the form's words in the patient's language and the clinic's numbers (the
// clinic's phone, the crisis line, the emergency number), the same for every patient. Who is checking in
// and their time zone come from the phone's own offline store (app/_components/offline/) when it is shown.
// Only a signed-in patient with a record and no pump gets it (anyone else is refused, and nothing is cached).
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { notFound } from 'next/navigation';
import { serverApi } from '~/app/_trpc/server';
import { dialable } from '~/lib/contacts/phone';
import { env } from '~/server/env';
import { requireOwnRecord } from '~/app/(patient)/patient/_guard';
import type { UrgentContacts } from '~/app/(patient)/patient/check-in/types';
import { OfflineCheckIn } from './offline-check-in';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('CheckIn');
  return { title: t('metaTitle') };
}

export default async function OfflineCheckInShell() {
  const { record } = await requireOwnRecord();
  if (!record || record.patient.hasIntrathecalPump) notFound();
  const clinic = await (await serverApi()).clinic.contacts();
  const crisisLine = dialable(clinic.crisisLinePhone);
  // The clinic's number, not the patient's own care-team number: that one is part of their record.
  const contacts: UrgentContacts = {
    careTeam: dialable(clinic.clinicPhone),
    crisisLine: crisisLine && clinic.crisisLineName ? { ...crisisLine, name: clinic.crisisLineName } : null,
  };
  return (
    // The worker caches this page only when it finds this mark: a sign-in page or an error is never kept.
    <div data-offline-shell="" className="mx-auto max-w-2xl">
      <OfflineCheckIn contacts={contacts} emergencyNumber={env.EMERGENCY_NUMBER ?? null} />
    </div>
  );
}
