// The clinician's notifications: urgent alerts, escalations and messages about their patients, newest first.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '~/app/_components/ui';
import { requireUser } from '~/app/_lib/session';
import { serverApi } from '~/app/_trpc/server';
import { NotificationList } from './notification-list';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Notifications');
  return { title: t('title') };
}

export default async function NotificationsPage() {
  const me = await requireUser('clinician');
  const api = await serverApi();
  const items = await api.notifications.list({ limit: 100 });
  const t = await getTranslations('Notifications');
  return (
    <>
      <PageTitle subtitle={t('subtitle')}>{t('title')}</PageTitle>
      <NotificationList items={items} timeZone={me.timeZone} />
    </>
  );
}
