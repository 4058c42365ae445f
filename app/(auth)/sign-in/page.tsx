// The sign-in page: email and password, and single sign-on when the clinic has configured it.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { redirect } from 'next/navigation';
import { PublicShell } from '~/app/_components/app-shell';
import { Notice, PageTitle } from '~/app/_components/ui';
import { homePathFor } from '~/app/_lib/session';
import { currentSession } from '~/server/auth';
import { env, oidcConfigured } from '~/server/env';
import { SignInForm } from './sign-in-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth');
  return { title: t('metaTitle') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await currentSession();
  if (session.status === 'signed-in') redirect(homePathFor(session.user.role));

  const query = await searchParams;
  const t = await getTranslations('Auth');
  // Auth.js sends failed single sign-on back here with ?error=...; its details stay on the server.
  const ssoFailed = query.error !== undefined;
  return (
    <PublicShell>
      <PageTitle subtitle={t('subtitle')}>{t('title')}</PageTitle>
      <div className="flex flex-col gap-4">
        {query.expired === '1' && <Notice tone="info">{t('expiredNotice')}</Notice>}
        {ssoFailed && (
          <Notice tone="error" role="alert">
            {t('ssoFailed')}
          </Notice>
        )}
        <SignInForm oidcName={oidcConfigured ? env.AUTH_OIDC_NAME : null} />
        <div className="flex flex-col gap-2 text-sm text-slate-700">
          <p>
            <Link href="/forgot-password" className="font-medium text-brand-700 underline underline-offset-2">{t('forgotPassword')}</Link>
          </p>
          <p>{t('noAccount')}</p>
        </div>
      </div>
    </PublicShell>
  );
}
