// Opening a password reset link: the new-password form, or why the link no longer works and a way to ask again.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PublicShell } from '~/app/_components/app-shell';
import { ButtonLink, Card, PageTitle } from '~/app/_components/ui';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { serverApi } from '~/app/_trpc/server';
import type { ResetState } from '~/server/accounts/password-reset';
import { ResetPasswordForm } from './reset-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('PasswordReset');
  // The token is in the URL: no referrer, so it never leaves in a Referer header.
  return { title: t('resetMetaTitle'), referrer: 'no-referrer' };
}

async function inspect(token: string): Promise<ResetState> {
  try {
    return await (await serverApi()).account.inspectPasswordReset({ token });
  } catch (error) {
    // A malformed token fails input validation: to the person it is simply a link that does not work.
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return { status: 'invalid' };
    throw error;
  }
}

export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const reset = await inspect(token);
  const t = await getTranslations('PasswordReset');

  if (reset.status !== 'valid') {
    const copy = {
      expired: { title: t('expiredTitle'), body: t('expiredBody') },
      used: { title: t('usedTitle'), body: t('usedBody') },
      invalid: { title: t('invalidTitle'), body: t('invalidBody') },
    }[reset.status];
    return (
      <PublicShell>
        <PageTitle subtitle={copy.body}>{copy.title}</PageTitle>
        <div className="flex flex-col gap-3 sm:flex-row">
          <ButtonLink href="/forgot-password" className="w-full sm:w-auto">{t('askAgain')}</ButtonLink>
          <ButtonLink href="/sign-in" variant="secondary" className="w-full sm:w-auto">{t('goToSignIn')}</ButtonLink>
        </div>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <PageTitle subtitle={t('resetIntro')}>{t('resetTitle')}</PageTitle>
      <Card>
        <TRPCReactProvider>
          <ResetPasswordForm token={token} email={reset.email} />
        </TRPCReactProvider>
      </Card>
    </PublicShell>
  );
}
