'use client';
// Shows why a plan change was refused (for a conflict, offers to load the other person's version), and the
// live regions every plan form puts under its fields.
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type ReactNode } from 'react';
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

/**
 * The live regions under a plan form: the refusal (role="alert", a conflict with its reload) and the saved
 * notice (role="status"). `attempt` changes with each send, so each refusal is shown afresh.
 */
export function PlanFeedback({ error, attempt, saved }: { error: FormError | null; attempt: number; saved?: ReactNode }) {
  return (
    <>
      <div role="alert">
        <PlanError key={attempt} error={error} />
      </div>
      <div role="status">{saved && <Notice tone="success">{saved}</Notice>}</div>
    </>
  );
}
