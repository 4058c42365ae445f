'use client';
// Setting the first password from an invitation, then signing straight in with it.
import { useMutation } from '@tanstack/react-query';
import { signIn } from 'next-auth/react';
import { useLocale, useTranslations } from 'next-intl';
import { saveAccountLocale } from '~/app/_components/locale-links';
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { NewPasswordFields, newPasswordFrom } from '~/app/_components/fields';
import { Button, ButtonLink, Notice } from '~/app/_components/ui';
import { formErrorFrom, type FormError } from '~/app/_lib/errors';
import { useNetworkWords } from '~/app/_components/form/network-words';
import { useTRPC } from '~/app/_trpc/client';

type Phase = 'idle' | 'saving' | 'signing-in' | 'signed-in' | 'sign-in-failed';

export function AcceptInviteForm({ token, email }: { token: string; email: string }) {
  const t = useTranslations('Invite');
  const network = useNetworkWords();
  const locale = useLocale();
  const trpc = useTRPC();
  const router = useRouter();
  const accept = useMutation(trpc.invites.accept.mutationOptions());
  const [phase, setPhase] = useState<Phase>('idle');
  const [error, setError] = useState<FormError | null>(null);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const { password, confirmPassword, error: mismatch } = newPasswordFrom(event.currentTarget, t('mismatch'));
    setError(mismatch);
    if (mismatch) return;
    setPhase('saving');
    let accountEmail = email;
    try {
      accountEmail = (await accept.mutateAsync({ token, password, confirmPassword })).email;
    } catch (caught) {
      const formError = formErrorFrom(caught, t('failed'), network);
      // A token problem has no field on this form; its message explains what happened to the link.
      const tokenMessage = formError.fieldErrors.token?.[0];
      setError(tokenMessage ? { ...formError, message: tokenMessage } : formError);
      setPhase('idle');
      return;
    }
    setPhase('signing-in');
    try {
      const result = await signIn('credentials', { email: accountEmail, password, redirect: false });
      if (!result || result.error) {
        setPhase('sign-in-failed');
        return;
      }
    } catch {
      setPhase('sign-in-failed');
      return;
    }
    // A new account reads the app in the language this page was shown in (chosen, or the browser's).
    await saveAccountLocale(locale);
    setPhase('signed-in');
    router.replace('/');
    router.refresh();
  }

  if (phase === 'sign-in-failed') {
    // The password is set and the link is spent; the only way on is the sign-in page.
    return (
      <div className="flex flex-col gap-4">
        <Notice tone="success" role="status">{t('passwordSetSignIn')}</Notice>
        <ButtonLink href="/sign-in" className="w-full">{t('goToSignIn')}</ButtonLink>
      </div>
    );
  }

  const busy = phase !== 'idle';
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
        <Button type="submit" disabled={busy} className="w-full">
          {phase === 'saving' ? t('submitting') : phase === 'idle' ? t('submit') : t('signingIn')}
        </Button>
      </div>
    </form>
  );
}
