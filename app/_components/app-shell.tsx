// The frame of every signed-in page: header with navigation for the role, and the main landmark.
import Link from 'next/link';
import { LocaleLinks } from './locale-links';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { serverApi } from '~/app/_trpc/server';
import type { SessionUser } from '~/server/auth/session';
import { NavLink } from './nav-link';
import { SignOutButton } from './sign-out-button';

export async function AppShell({ user, children, wide = false }: { user: SessionUser; children: ReactNode; wide?: boolean }) {
  const t = await getTranslations('Common');
  const home = user.role === 'patient' ? '/patient' : user.role === 'clinician' ? '/clinician' : '/admin';
  const homeLabel = user.role === 'patient' ? t('home') : user.role === 'clinician' ? t('myPatients') : t('admin');
  // Read on every page a clinician opens: a new urgent alert shows in the header at the next navigation.
  const unread = user.role === 'clinician' ? await (await serverApi()).notifications.unreadCount() : 0;
  const tn = await getTranslations('Notifications');
  const tr = await getTranslations('ReadAudit');
  // A patient's pages are all their own data, rendered per request: prefetched, every page view on a phone
  // fetched the six other sections twice over its connection and rendered them on the server, for the one
  // the patient may follow. Their links fetch on the tap. Staff desks keep Next's prefetch.
  const prefetch = user.role === 'patient' ? false : undefined;
  return (
    <>
      <header className="no-print border-b border-slate-200 bg-white">
        <div className={`mx-auto flex flex-wrap items-center justify-between gap-3 px-4 py-3 ${wide ? 'max-w-6xl' : 'max-w-4xl'}`}>
          <Link href={home} prefetch={prefetch} className="inline-flex min-h-11 items-center text-xl font-bold text-brand-700">{t('appName')}</Link>
          <nav aria-label={t('appName')} className="flex flex-wrap items-center gap-2">
            <NavLink prefetch={prefetch} href={home} exact within={user.role === 'clinician' ? ['/clinician/patients'] : []}>{homeLabel}</NavLink>
            {user.role === 'clinician' && <NavLink prefetch={prefetch} href="/clinician/mdt">{t('nav.mdt')}</NavLink>}
            {user.role === 'admin' && <NavLink prefetch={prefetch} href="/admin/read-audit">{tr('admin.nav')}</NavLink>}
            {user.role === 'clinician' && (
              <NavLink prefetch={prefetch} href="/clinician/notifications">
                {tn('nav')}
                {unread > 0 && (
                  <span data-testid="unread-count" className="ml-1.5 inline-flex min-w-6 items-center justify-center rounded-full bg-red-700 px-1.5 text-sm font-bold text-white">
                    {unread}
                    <span className="sr-only"> {tn('unread').toLowerCase()}</span>
                  </span>
                )}
              </NavLink>
            )}
            <NavLink prefetch={prefetch} href="/account">{t('account')}</NavLink>
            <span className="hidden text-sm text-slate-700 sm:inline">{t('signedInAs', { name: user.name })}</span>
            <SignOutButton variant="ghost" />
          </nav>
        </div>
        {user.role === 'patient' && (
          <nav aria-label={t('nav.patientSections')} className="border-t border-slate-100">
            <div className="mx-auto flex max-w-4xl flex-wrap gap-1 px-2 py-1 text-base">
              <NavLink prefetch={prefetch} href="/patient/check-in" className="whitespace-nowrap">{t('nav.checkIn')}</NavLink>
              <NavLink prefetch={prefetch} href="/patient/plan" className="whitespace-nowrap">{t('nav.plan')}</NavLink>
              <NavLink prefetch={prefetch} href="/patient/trends" className="whitespace-nowrap">{t('nav.trends')}</NavLink>
              <NavLink prefetch={prefetch} href="/patient/notes" className="whitespace-nowrap">{t('nav.notes')}</NavLink>
              <NavLink prefetch={prefetch} href="/patient/goals" className="whitespace-nowrap">{t('nav.goals')}</NavLink>
              <NavLink prefetch={prefetch} href="/patient/reviews" className="whitespace-nowrap">{t('nav.reviews')}</NavLink>
            </div>
          </nav>
        )}
      </header>
      <main id="main" className={`mx-auto px-4 py-6 ${wide ? 'max-w-6xl' : 'max-w-4xl'}`}>{children}</main>
      <footer className={`no-print mx-auto px-4 pb-8 text-sm text-slate-700 ${wide ? 'max-w-6xl' : 'max-w-4xl'}`}>{t('notMedicalAdvice')}</footer>
    </>
  );
}

/** The frame of pages for people who are not signed in. */
export async function PublicShell({ children }: { children: ReactNode }) {
  const t = await getTranslations('Common');
  return (
    <>
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-md flex-wrap items-start justify-between gap-x-4 gap-y-2 px-4 py-3">
          <div>
            <Link href="/" className="text-xl font-bold text-brand-700">{t('appName')}</Link>
            <p className="text-sm text-slate-700">{t('tagline')}</p>
          </div>
          {/* Before signing in, the language of this device; signing in keeps it for the account. */}
          <LocaleLinks />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-md px-4 py-8">{children}</main>
    </>
  );
}
