// The frame of the pages for people signing in or accepting an invite: only their messages reach the browser.
import type { ReactNode } from 'react';
import { ClientMessages } from '~/app/_components/client-messages';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return <ClientMessages area="(auth)">{children}</ClientMessages>;
}
