'use client';
// The error under a versioned MDT save: on a conflict (someone saved first) it offers to load their version.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { Button, Notice } from '~/app/_components/ui';
import type { FormError } from '~/app/_lib/errors';

export function ConflictAlert({ error, fields = [] }: {
  error: FormError | null;
  /** Fields that show their own error: an error on one of them is not repeated here. */
  fields?: readonly string[];
}) {
  const t = useTranslations('Mdt');
  const router = useRouter();
  const shownOnField = fields.some((k) => error?.fieldErrors[k]);
  return (
    <div role="alert">
      {error && !shownOnField && (
        <Notice tone="error">
          {error.message}
          {error.code === 'CONFLICT' && (
            <div className="mt-2"><Button variant="secondary" onClick={() => router.refresh()}>{t('conflictReload')}</Button></div>
          )}
        </Notice>
      )}
    </div>
  );
}
