import { getTranslations } from 'next-intl/server';
import { PublicShell } from './_components/app-shell';
import { ButtonLink, PageTitle } from './_components/ui';

export default async function NotFound() {
  const t = await getTranslations('Errors');
  return (
    <PublicShell>
      <PageTitle subtitle={t('notFoundBody')}>{t('notFoundTitle')}</PageTitle>
      <ButtonLink href="/">{t('goHome')}</ButtonLink>
    </PublicShell>
  );
}
