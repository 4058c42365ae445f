// The frame of the account pages, open to every signed-in role.
import type { ReactNode } from 'react';
import { AppShell } from '~/app/_components/app-shell';
import { ClientMessages } from '~/app/_components/client-messages';
import { StaffIdleWarning } from '~/app/_components/staff-idle-warning';
import { requireUser } from '~/app/_lib/session';
import { TRPCReactProvider } from '~/app/_trpc/client';

export default async function AccountLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <ClientMessages area="(account)">
      <AppShell user={user}>
        <TRPCReactProvider>{children}</TRPCReactProvider>
      </AppShell>
      <StaffIdleWarning />
    </ClientMessages>
  );
}
