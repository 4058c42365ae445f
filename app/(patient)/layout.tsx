// The patient area's frame: only signed-in patients get in; others are sent to sign in or refused.
import type { ReactNode } from 'react';
import { AppShell } from '~/app/_components/app-shell';
import { ClientMessages } from '~/app/_components/client-messages';
import { requireUser } from '~/app/_lib/session';

export default async function PatientLayout({ children }: { children: ReactNode }) {
  const user = await requireUser('patient');
  return (
    <ClientMessages area="(patient)">
      <AppShell user={user}>{children}</AppShell>
    </ClientMessages>
  );
}
