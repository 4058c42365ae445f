'use client';
// Why the last send failed, above the send button: the message, errors no field shows, a reload when the
// day has moved on, and, with a warning sign ticked, to get help now rather than wait for the send.
import { useTranslations } from 'next-intl';
import type { Ref } from 'react';
import { Notice } from '~/app/_components/ui';
import { bigSecondary } from './section';

/** Failure of the last send, as the patient needs it: can they just retry, and what to say. */
export interface Failure {
  message: string;
  retry: boolean;
  reload: boolean;
}

export function SendFailure({ failure, unplaced, redFlagsTicked, emergency, emergencyNumber, summaryRef }: {
  failure: Failure | null;
  /** Messages of errors that no field shows. */
  unplaced: string[];
  redFlagsTicked: boolean;
  emergency: string;
  emergencyNumber: string | null;
  summaryRef: Ref<HTMLDivElement>;
}) {
  const t = useTranslations('CheckIn');
  return (
    <div role="alert" ref={summaryRef} tabIndex={-1} className="flex flex-col gap-3">
      {failure && (
        <Notice tone="error" title={t('errors.title')}>
          <p>{failure.message}</p>
          {unplaced.length > 0 && (
            <ul className="mt-1 list-disc pl-6">
              {unplaced.map((message, i) => <li key={i}>{message}</li>)}
            </ul>
          )}
          {failure.reload && (
            <button type="button" className={`${bigSecondary} mt-3`} onClick={() => window.location.reload()}>{t('reload')}</button>
          )}
        </Notice>
      )}
      {failure && redFlagsTicked && (
        <div className="rounded-lg bg-red-700 p-4 font-semibold text-white">
          <p>{t('errors.redFlagsUnsent', { emergency })}</p>
          {emergencyNumber && (
            <a href={`tel:${emergencyNumber.replace(/\s/g, '')}`} className="mt-3 flex min-h-12 items-center justify-center rounded-lg bg-white px-4 text-xl font-bold text-red-800">
              {t('urgent.call', { number: emergencyNumber })}
            </a>
          )}
        </div>
      )}
    </div>
  );
}
