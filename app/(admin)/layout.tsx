// The administration area's frame: only signed-in administrators get in; others are sent to sign in or refused.
import type { ReactNode } from 'react';
import { AppShell } from '~/app/_components/app-shell';
import { ClientMessages } from '~/app/_components/client-messages';
import { StaffIdleWarning } from '~/app/_components/staff-idle-warning';
import { requireUser } from '~/app/_lib/session';
import { TRPCReactProvider } from '~/app/_trpc/client';

export default async function AdminLayout({ children }: { children: ReactNode }) {
  const user = await requireUser('admin');
  return (
    <ClientMessages area="(admin)">
      <AppShell user={user} wide>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </AppShell>
      <StaffIdleWarning />
    </ClientMessages>
  );
}
