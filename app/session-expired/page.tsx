import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PublicShell } from '../_components/app-shell';
import { ButtonLink, PageTitle } from '../_components/ui';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Errors');
  return { title: t('expiredTitle') };
}

export default async function SessionExpired() {
  const t = await getTranslations('Errors');
  return (
    <PublicShell>
      <PageTitle subtitle={t('expiredBody')}>{t('expiredTitle')}</PageTitle>
      <ButtonLink href="/sign-in?expired=1">{t('signInAgain')}</ButtonLink>
    </PublicShell>
  );
}
