'use client';
// Shown when a page fails to render; no error details reach the browser.
import { useTranslations } from 'next-intl';
import { Button, ButtonLink } from './_components/ui';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('Errors');
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-8">
      <h1 className="text-2xl font-bold">{t('errorTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('errorBody')}</p>
      <div className="mt-4 flex gap-3">
        <Button onClick={reset}>{t('tryAgain')}</Button>
        <ButtonLink href="/" variant="secondary">{t('goHome')}</ButtonLink>
      </div>
    </main>
  );
}
