// The front door: send each person to their home, or to sign in.
import { redirect } from 'next/navigation';
import { currentSession } from '~/server/auth';
import { homePathFor } from './_lib/session';

export default async function Index() {
  const session = await currentSession();
  if (session.status === 'signed-in') redirect(homePathFor(session.user.role));
  redirect(session.status === 'expired' ? '/session-expired' : '/sign-in');
}
