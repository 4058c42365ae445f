// The root layout: language, the few messages every page needs (each area's layout adds its own), and the
// skip link. The tRPC React provider is not here: it sits in the layouts and pages whose components use its
// hooks, so the rest (sign-in, the check-in) do not load React Query.
import type { Metadata, Viewport } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { headers } from 'next/headers';
import type { ReactNode } from 'react';
import { ClientMessages } from './_components/client-messages';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Taperline', template: '%s · Taperline' },
  description: 'A shared portal for tapering oral baclofen, for patients and their care team.',
  robots: { index: false, follow: false },
};

export const viewport: Viewport = { width: 'device-width', initialScale: 1, themeColor: '#115e59' };

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Reading the request makes every page dynamic, which the per-request CSP nonce needs.
  await headers();
  const locale = await getLocale();
  const t = await getTranslations('Common');
  return (
    <html lang={locale}>
      <body className="min-h-screen">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded focus:bg-white focus:px-4 focus:py-2">
          {t('skipToContent')}
        </a>
        <ClientMessages area="root">{children}</ClientMessages>
      </body>
    </html>
  );
}
