'use client';
// Shows why a plan change was refused; for a conflict, offers to load the other person's version.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button, Notice } from '~/app/_components/ui';
import type { FormError } from '~/app/_lib/errors';

export function PlanError({ error }: { error: FormError | null }) {
  const t = useTranslations('Plan');
  const router = useRouter();
  const [reloaded, setReloaded] = useState(false);
  if (reloaded) return <Notice tone="info" role="status">{t('conflictAfterReload')}</Notice>;
  if (!error) return null;
  if (error.code === 'CONFLICT') {
    return (
      <Notice tone="warning" title={t('conflictTitle')}>
        <p>{error.message}</p>
        <Button
          variant="secondary"
          className="mt-2"
          onClick={() => {
            setReloaded(true);
            router.refresh();
          }}
        >
          {t('conflictReload')}
        </Button>
      </Notice>
    );
  }
  return <Notice tone="error">{error.message}</Notice>;
}
