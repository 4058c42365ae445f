// The message provider for one part of the app, with only the namespaces i18n/client-namespaces.ts lists.
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { clientNamespaces, type ClientArea } from '~/i18n/client-namespaces';

export async function ClientMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  const all = await getMessages();
  const messages = Object.fromEntries(clientNamespaces[area].map((namespace) => [namespace, all[namespace]]));
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}
