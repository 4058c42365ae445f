// Asking for a password reset link by email.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PublicShell } from '~/app/_components/app-shell';
import { PageTitle } from '~/app/_components/ui';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { ForgotPasswordForm } from './forgot-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('PasswordReset');
  return { title: t('forgotMetaTitle') };
}

export default async function ForgotPasswordPage() {
  const t = await getTranslations('PasswordReset');
  return (
    <PublicShell>
      <PageTitle subtitle={t('forgotIntro')}>{t('forgotTitle')}</PageTitle>
      <TRPCReactProvider>
        <ForgotPasswordForm />
      </TRPCReactProvider>
    </PublicShell>
  );
}
