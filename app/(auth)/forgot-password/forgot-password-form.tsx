'use client';
// The email field, then the one answer the server gives for every address.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { TextField } from '~/app/_components/fields';
import { Button, ButtonLink, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

export function ForgotPasswordForm() {
  const t = useTranslations('PasswordReset');
  const network = useNetworkWords();
  const trpc = useTRPC();
  const request = useMutation(trpc.account.requestPasswordReset.mutationOptions());
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const email = String(new FormData(event.currentTarget).get('email') ?? '');
    setError(null);
    try {
      await request.mutateAsync({ email });
      setSent(true);
    } catch (caught) {
      setError(formErrorFrom(caught, t('failed'), network));
    }
  }

  if (sent) {
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success" role="status" title={t('sentTitle')}>{t('sent')}</Notice>
        <ButtonLink href="/sign-in" variant="secondary" className="w-full sm:w-auto">{t('backToSignIn')}</ButtonLink>
      </div>
    );
  }

  return (
    <div className="flex flex-col gap-4">
      <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4 rounded-xl border border-slate-200 bg-white p-5 shadow-sm">
        <TextField label={t('email')} name="email" type="email" autoComplete="email" required error={error?.fieldErrors.email} />
        <div>
          <div role="alert">{error && <div className="mb-4"><Notice tone="error">{error.message}</Notice></div>}</div>
          <Button type="submit" disabled={request.isPending} className="w-full">
            {request.isPending ? t('sending') : t('send')}
          </Button>
        </div>
      </form>
      <ButtonLink href="/sign-in" variant="secondary" className="w-full sm:w-auto">{t('backToSignIn')}</ButtonLink>
    </div>
  );
}
