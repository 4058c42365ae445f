import { getTranslations } from 'next-intl/server';
import { PublicShell } from './_components/app-shell';
import { ButtonLink, PageTitle } from './_components/ui';

export default async function Forbidden() {
  const t = await getTranslations('Errors');
  return (
    <PublicShell>
      <PageTitle subtitle={t('forbiddenBody')}>{t('forbiddenTitle')}</PageTitle>
      <ButtonLink href="/">{t('goHome')}</ButtonLink>
    </PublicShell>
  );
}
