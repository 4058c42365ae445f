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

// The reasons single sign-on refuses someone (server/auth/oidc.ts), as the sign-in page says them.
const ssoRefusalMessage: Partial<Record<string, 'ssoUnverified' | 'ssoUnknown' | 'ssoDisabled'>> = {
  'sso-unverified': 'ssoUnverified',
  'sso-unknown': 'ssoUnknown',
  'sso-disabled': 'ssoDisabled',
};

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Auth');
  return { title: t('metaTitle') };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await currentSession();
  if (session.status === 'signed-in') redirect(homePathFor(session.user.role));

  const query = await searchParams;
  const t = await getTranslations('Auth');
  // Failed single sign-on comes back here with ?error=...: our own refusals (server/auth/index.ts) have a
  // message each; Auth.js's errors get one general message, their details staying on the server.
  const ssoFailed = query.error !== undefined;
  const ssoRefusal = typeof query.error === 'string' ? ssoRefusalMessage[query.error] : undefined;
  return (
    <PublicShell>
      <PageTitle subtitle={t('subtitle')}>{t('title')}</PageTitle>
      <div className="flex flex-col gap-4">
        {query.expired === '1' && <Notice tone="info">{t('expiredNotice')}</Notice>}
        {ssoFailed && (
          <Notice tone="error" role="alert" title={ssoRefusal ? t('ssoRefusedTitle') : undefined}>
            {t(ssoRefusal ?? 'ssoFailed')}
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
