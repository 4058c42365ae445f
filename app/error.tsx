'use client';
// Shown when a page fails to render; no error details reach the browser. As the root error boundary its
// script loads on every page, so it uses plain elements and the button classes, not ui.tsx and next/link
// (about 4 KB gzip); after a failure a full load is the surer way home anyway.
import { useTranslations } from 'next-intl';
import { buttonClass } from './_components/button-classes';

export default function ErrorPage({ reset }: { error: Error; reset: () => void }) {
  const t = useTranslations('Errors');
  return (
    <main id="main" className="mx-auto max-w-md px-4 py-8">
      <h1 className="text-2xl font-bold">{t('errorTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('errorBody')}</p>
      <div className="mt-4 flex gap-3">
        <button type="button" className={buttonClass('primary')} onClick={reset}>{t('tryAgain')}</button>
        {/* eslint-disable-next-line @next/next/no-html-link-for-pages -- a full load on purpose, see above */}
        <a href="/" className={buttonClass('secondary')}>{t('goHome')}</a>
      </div>
    </main>
  );
}
