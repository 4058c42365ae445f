'use client';
// A code for a session that began without one (single sign-on whose provider did not vouch for a second factor).
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { TextField } from '~/app/_components/fields';
import { Button, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

export function PassTwoStepForm({ home }: { home: string }) {
  const t = useTranslations('TwoStep');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const pass = useMutation(trpc.account.twoStep.pass.mutationOptions());
  const [error, setError] = useState<FormError | null>(null);
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = String(new FormData(event.currentTarget).get('code') ?? '');
    setBusy(true);
    setError(null);
    try {
      await pass.mutateAsync({ code });
    } catch (caught) {
      setError(formErrorFrom(caught, tc('errorGeneric'), network));
      setBusy(false);
      return;
    }
    router.replace(home);
    router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4">
      <TextField label={t('verifyLabel')} hint={t('codeHint')} name="code" autoComplete="one-time-code" autoCapitalize="off" spellCheck={false} maxLength={32} required autoFocus error={error?.fieldErrors.code} />
      <p className="text-sm text-slate-700">{t('useRecovery')}</p>
      <div role="alert">{error && <Notice tone="error">{error.message}</Notice>}</div>
      <Button type="submit" disabled={busy}>{busy ? t('working') : t('verifySubmit')}</Button>
    </form>
  );
}
