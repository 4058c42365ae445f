// The signed-in person's own account: their details, their notification settings, a new password, and ending
// every session.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { Card, PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { ChangePasswordForm } from './change-password-form';
import { NotificationSettingsForm } from './notification-settings';
import { SignOutEverywhere } from './sign-out-everywhere';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Account');
  return { title: t('metaTitle') };
}

export default async function AccountPage() {
  // The layout has already checked; this is the same cached session read, not a second query.
  const user = await requireUser();
  const t = await getTranslations('Account');
  const tc = await getTranslations('Common');
  const tn = await getTranslations('NotifySettings');
  const notificationSettings = await (await serverApi()).notificationSettings.get();
  return (
    <>
      <PageTitle>{t('title')}</PageTitle>
      <div className="flex flex-col gap-6">
        <Card title={t('detailsTitle')}>
          <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-700">{t('name')}</dt>
            <dd className="break-words text-slate-900">{user.name}</dd>
            <dt className="font-medium text-slate-700">{t('email')}</dt>
            <dd className="break-all text-slate-900">{user.email}</dd>
            <dt className="font-medium text-slate-700">{t('role')}</dt>
            <dd className="text-slate-900">{tc(`roles.${user.role}`)}</dd>
            <dt className="font-medium text-slate-700">{t('timeZone')}</dt>
            <dd className="break-words text-slate-900">{user.timeZone}</dd>
          </dl>
          <p className="mt-4 text-sm text-slate-700">{t('detailsHint')}</p>
        </Card>
        <Card title={tn('title')}>
          <NotificationSettingsForm initial={notificationSettings} />
        </Card>
        <Card title={t('changePasswordTitle')}>
          <ChangePasswordForm email={user.email} />
        </Card>
        <Card title={t('signOutEverywhereTitle')}>
          <SignOutEverywhere />
        </Card>
      </div>
    </>
  );
}
