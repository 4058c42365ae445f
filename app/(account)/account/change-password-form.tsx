'use client';
// Changing one's password, then signing in again with it, because the change ends every session.
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { NewPasswordFields, TextField } from '~/app/_components/fields';
import { Button, ButtonLink, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

type Outcome = 'changed' | 'changed-sign-in-again';

export function ChangePasswordForm({ email }: { email: string }) {
  const t = useTranslations('Account');
  const network = useNetworkWords();
  const tc = useTranslations('Common');
  const trpc = useTRPC();
  const router = useRouter();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<FormError | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const data = new FormData(form);
    const currentPassword = String(data.get('currentPassword') ?? '');
    const newPassword = String(data.get('newPassword') ?? '');
    const confirmNewPassword = String(data.get('confirmNewPassword') ?? '');
    setError(null);
    setOutcome(null);
    if (newPassword !== confirmNewPassword) {
      setError({ message: t('mismatch'), fieldErrors: { confirmNewPassword: [t('mismatch')] } });
      return;
    }
    setPending(true);
    try {
      await change.mutateAsync({ currentPassword, newPassword });
    } catch (caught) {
      setError(formErrorFrom(caught, tc('errorGeneric'), network));
      setPending(false);
      return;
    }
    form.reset();
    // The server bumped the session version, so this browser's session is dead too: get a fresh one.
    let renewed = false;
    try {
      const result = await signIn('credentials', { email, password: newPassword, redirect: false });
      renewed = Boolean(result && !result.error);
    } catch {
      renewed = false;
    }
    setOutcome(renewed ? 'changed' : 'changed-sign-in-again');
    setPending(false);
    if (renewed) router.refresh();
  }

  return (
    <form method="post" onSubmit={onSubmit} className="flex flex-col gap-4">
      <p className="text-slate-700">{t('changePasswordIntro')}</p>
      <TextField
        label={t('currentPassword')}
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={error?.fieldErrors.currentPassword}
      />
      {/* The email beside the new password lets password managers update the right account's password. */}
      <NewPasswordFields
        email={email}
        names={{ password: 'newPassword', confirm: 'confirmNewPassword' }}
        labels={{ password: t('newPassword'), hint: t('newPasswordHint'), confirm: t('confirmNewPassword') }}
        errors={error?.fieldErrors}
      />
      <div className="flex flex-col">
        <div role="alert">{error && <div className="mb-4"><Notice tone="error">{error.message}</Notice></div>}</div>
        <div role="status">
          {outcome === 'changed' && <div className="mb-4"><Notice tone="success">{t('passwordChanged')}</Notice></div>}
          {outcome === 'changed-sign-in-again' && (
            <div className="mb-4">
              <Notice tone="warning">
                <p>{t('passwordChangedSignInAgain')}</p>
                <ButtonLink href="/sign-in" className="mt-3">{t('signInAgain')}</ButtonLink>
              </Notice>
            </div>
          )}
        </div>
        <Button type="submit" disabled={pending} className="w-full sm:w-auto sm:self-start">
          {pending ? t('changePasswordSubmitting') : t('changePasswordSubmit')}
        </Button>
      </div>
    </form>
  );
}
