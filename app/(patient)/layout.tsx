// The patient area's frame: only signed-in patients get in; others are sent to sign in or refused. Each page
// also readies the phone for the offline check-in and sends check-ins kept on it (OfflineKeeper).
import type { ReactNode } from 'react';
import { AppShell } from '~/app/_components/app-shell';
import { ClientMessages } from '~/app/_components/client-messages';
import { OfflineKeeper } from '~/app/_components/offline/offline-keeper';
import { requireUser } from '~/app/_lib/session';

export default async function PatientLayout({ children }: { children: ReactNode }) {
  const user = await requireUser('patient');
  return (
    <ClientMessages area="(patient)">
      <AppShell user={user}>
        <OfflineKeeper userId={user.id} timeZone={user.timeZone} />
        {children}
      </AppShell>
    </ClientMessages>
  );
}
