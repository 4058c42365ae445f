// The message provider for one part of the app, with only the namespaces i18n/client-namespaces.ts lists.
import { NextIntlClientProvider } from 'next-intl';
import { getMessages } from 'next-intl/server';
import type { ReactNode } from 'react';
import { clientNamespaces, type ClientArea } from '~/i18n/client-namespaces';

export async function ClientMessages({ area, children }: { area: ClientArea; children: ReactNode }) {
  const all = await getMessages();
  const messages: Record<string, unknown> = {};
  for (const name of clientNamespaces[area]) {
    const [namespace, ...part] = name.split('.') as [keyof typeof all, ...string[]];
    if (part.length === 0) {
      messages[namespace] = all[namespace];
      continue;
    }
    // `CheckIn.offline`: only that branch, under the same keys, so a component's translator for that part finds it.
    let from: unknown = all[namespace];
    let into = (messages[namespace] ??= {}) as Record<string, unknown>;
    part.forEach((key, i) => {
      from = (from as Record<string, unknown> | undefined)?.[key];
      if (i === part.length - 1) into[key] = from;
      else into = (into[key] ??= {}) as Record<string, unknown>;
    });
  }
  return <NextIntlClientProvider messages={messages}>{children}</NextIntlClientProvider>;
}

/**
 * A layout that gives one page of a part its own messages: a patient page sends the namespaces its
 * components use, not those of every patient page (the provider nearest a component is the one it reads).
 */
export function messagesLayout(area: ClientArea) {
  return function MessagesLayout({ children }: { children: ReactNode }) {
    return <ClientMessages area={area}>{children}</ClientMessages>;
  };
}
