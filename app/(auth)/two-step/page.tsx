// The second step a session can owe before it reaches anything (server/auth/session.ts pendingSecondFactor):
// setting up an authenticator where the clinic requires one, or a code where single sign-on passed none.
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { PublicShell } from '~/app/_components/app-shell';
import { SignOutButton } from '~/app/_components/sign-out-button';
import { TwoStepSettings } from '~/app/_components/two-step/two-step-settings';
import { Card, PageTitle } from '~/app/_components/ui';
import { homePathFor } from '~/app/_lib/session';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { serverApi } from '~/app/_trpc/server';
import { currentSession } from '~/server/auth';
import { PassTwoStepForm } from './pass-two-step-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('TwoStep');
  return { title: t('metaTitle') };
}

export default async function TwoStepPage() {
  const session = await currentSession();
  if (session.status === 'anonymous') redirect('/sign-in');
  if (session.status === 'expired') redirect('/session-expired');
  const pending = session.user.pendingSecondFactor;
  const home = homePathFor(session.user.role);
  if (!pending) redirect(home);
  const t = await getTranslations('TwoStep');
  const status = pending === 'enrol' ? await (await serverApi()).account.twoStep.status() : null;
  return (
    <PublicShell>
      <PageTitle subtitle={pending === 'enrol' ? t('enrolIntro') : t('verifyIntro')}>{t('pageTitle')}</PageTitle>
      <div className="flex flex-col gap-4">
        <Card>
          <TRPCReactProvider>{status ? <TwoStepSettings state={status} afterEnrol={home} /> : <PassTwoStepForm home={home} />}</TRPCReactProvider>
        </Card>
        <div>
          <SignOutButton />
        </div>
      </div>
    </PublicShell>
  );
}
