'use client';
// The words of the error page and its two ways on, without a frame (see error-pages.tsx). Plain elements and
// the button classes, not ui.tsx and next/link: the root error page loads it on every page, and after a
// failure a full load is the surer way home anyway.
import { useTranslations } from 'next-intl';
import { buttonClass } from './button-classes';

export function ErrorMessage({ reset, home = '/' }: { reset: () => void; home?: string }) {
  const t = useTranslations('Errors');
  return (
    <>
      <h1 className="text-2xl font-bold">{t('errorTitle')}</h1>
      <p className="mt-2 text-slate-700">{t('errorBody')}</p>
      <div className="mt-4 flex gap-3">
        <button type="button" className={buttonClass('primary')} onClick={reset}>{t('tryAgain')}</button>
        {/* A plain link: a full load on purpose, see above. */}
        <a href={home} className={buttonClass('secondary')}>{t('goHome')}</a>
      </div>
    </>
  );
}
