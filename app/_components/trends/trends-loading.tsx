// What the trends page shows while a period is being read: the page's title and a plain status line.
import { getTranslations } from 'next-intl/server';
import { PageTitle } from '~/app/_components/ui';

export async function TrendsLoading({ patient }: { patient: boolean }) {
  const t = await getTranslations('Trends');
  return (
    <>
      <PageTitle>{patient ? t('myTitle') : t('title')}</PageTitle>
      <p role="status" className="rounded-lg bg-slate-50 px-4 py-6 text-slate-800">{t('loading')}</p>
    </>
  );
}
