'use client';
// The new password typed twice; once set, every session has ended, so the way on is the sign-in page.
import { useMutation } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { useState, type FormEvent } from 'react';
import { NewPasswordFields, newPasswordFrom } from '~/app/_components/fields';
import { Button, ButtonLink, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('PasswordReset');
  const network = useNetworkWords();
  const trpc = useTRPC();
  const reset = useMutation(trpc.account.resetPassword.mutationOptions());
  const [done, setDone] = useState(false);
  const [error, setError] = useState<FormError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { password, confirmPassword, error: mismatch } = newPasswordFrom(event.currentTarget, t('mismatch'));
    setError(mismatch);
    if (mismatch) return;
    try {
      await reset.mutateAsync({ token, password, confirmPassword });
      setDone(true);
    } catch (caught) {
      const formError = formErrorFrom(caught, t('resetFailed'), network);
      // A token problem has no field on this form; its message explains what happened to the link.
      const tokenMessage = formError.fieldErrors.token?.[0];
      setError(tokenMessage ? { ...formError, message: tokenMessage } : formError);
    }
  }

  if (done) {
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success" role="status" title={t('doneTitle')}>{t('done')}</Notice>
        <ButtonLink href="/sign-in" className="w-full">{t('goToSignIn')}</ButtonLink>
      </div>
    );
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4">
      <NewPasswordFields
        email={email}
        names={{ password: 'password', confirm: 'confirmPassword' }}
        labels={{ password: t('password'), hint: t('passwordHint'), confirm: t('confirmPassword') }}
        errors={error?.fieldErrors}
      />
      <div>
        <div role="alert">{error && <div className="mb-4"><Notice tone="error">{error.message}</Notice></div>}</div>
        <Button type="submit" disabled={reset.isPending} className="w-full">
          {reset.isPending ? t('submitting') : t('submit')}
        </Button>
      </div>
    </form>
  );
}
