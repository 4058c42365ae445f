// Opening an invitation link: who it is for and a password form, or why the link no longer works.
import { TRPCError } from '@trpc/server';
import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { PublicShell } from '~/app/_components/app-shell';
import { ButtonLink, Card, PageTitle } from '~/app/_components/ui';
import { TRPCReactProvider } from '~/app/_trpc/client';
import { serverApi } from '~/app/_trpc/server';
import type { InviteState } from '~/server/invites/service';
import { AcceptInviteForm } from './accept-invite-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('Invite');
  // The token is in the URL: no referrer, so it never leaves in a Referer header.
  return { title: t('metaTitle'), referrer: 'no-referrer' };
}

async function inspect(token: string): Promise<InviteState> {
  try {
    return await (await serverApi()).invites.inspect({ token });
  } catch (error) {
    // A malformed token fails input validation: to the person it is simply a link that does not work.
    if (error instanceof TRPCError && error.code === 'BAD_REQUEST') return { status: 'invalid' };
    throw error;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await inspect(token);
  const t = await getTranslations('Invite');
  const tc = await getTranslations('Common');

  if (invite.status !== 'valid') {
    const copy = {
      expired: { title: t('expiredTitle'), body: t('expiredBody') },
      used: { title: t('usedTitle'), body: t('usedBody') },
      invalid: { title: t('invalidTitle'), body: t('invalidBody') },
    }[invite.status];
    return (
      <PublicShell>
        <PageTitle subtitle={copy.body}>{copy.title}</PageTitle>
        <ButtonLink href="/sign-in" className="w-full sm:w-auto">{t('goToSignIn')}</ButtonLink>
      </PublicShell>
    );
  }

  return (
    <PublicShell>
      <PageTitle subtitle={t('intro')}>{t('title')}</PageTitle>
      <div className="flex flex-col gap-4">
        <Card title={t('accountTitle')}>
          <dl className="grid grid-cols-1 gap-x-4 gap-y-2 sm:grid-cols-[auto_1fr]">
            <dt className="font-medium text-slate-700">{t('name')}</dt>
            <dd className="break-words text-slate-900">{invite.name}</dd>
            <dt className="font-medium text-slate-700">{t('email')}</dt>
            <dd className="break-all text-slate-900">{invite.email}</dd>
            <dt className="font-medium text-slate-700">{t('role')}</dt>
            <dd className="text-slate-900">{tc(`roles.${invite.role}`)}</dd>
          </dl>
        </Card>
        <Card title={t('passwordTitle')}>
          <TRPCReactProvider>
            <AcceptInviteForm token={token} email={invite.email} />
          </TRPCReactProvider>
        </Card>
      </div>
    </PublicShell>
  );
}
