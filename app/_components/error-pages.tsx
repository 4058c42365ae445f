// The words of the 403 and 404 pages, without a frame: the root pages put them in the public frame, an area
// whose layout already gives the header and the one main landmark (the clinician's) shows them inside its own.
import { getTranslations } from 'next-intl/server';
import { ButtonLink, PageTitle } from './ui';

export async function ForbiddenMessage({ home = '/' }: { home?: string }) {
  const t = await getTranslations('Errors');
  return (
    <>
      <PageTitle subtitle={t('forbiddenBody')}>{t('forbiddenTitle')}</PageTitle>
      <ButtonLink href={home}>{t('goHome')}</ButtonLink>
    </>
  );
}

export async function NotFoundMessage({ home = '/' }: { home?: string }) {
  const t = await getTranslations('Errors');
  return (
    <>
      <PageTitle subtitle={t('notFoundBody')}>{t('notFoundTitle')}</PageTitle>
      <ButtonLink href={home}>{t('goHome')}</ButtonLink>
    </>
  );
}
