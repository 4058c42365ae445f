// The frame of the offline check-in shell: the app's name and the page, nothing of the person signed in (no
// name, no menu), since this page is kept in the phone's cache for when there is no connection.
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { ClientMessages } from '~/app/_components/client-messages';

export default async function OfflineLayout({ children }: { children: ReactNode }) {
  const t = await getTranslations('Common');
  return (
    <ClientMessages area="(offline)">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto max-w-4xl px-4 py-3">
          <p className="text-xl font-bold text-brand-700">{t('appName')}</p>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-4xl px-4 py-6">{children}</main>
      <footer className="mx-auto max-w-4xl px-4 pb-8 text-sm text-slate-700">{t('notMedicalAdvice')}</footer>
    </ClientMessages>
  );
}
