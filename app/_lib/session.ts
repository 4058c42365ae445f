// Page guards: who is signed in, and the redirects or 403 for everyone else. Procedures check again.
import 'server-only';
import { forbidden, redirect } from 'next/navigation';
import { currentSession } from '~/server/auth';
import type { SessionUser } from '~/server/auth/session';

export function homePathFor(role: SessionUser['role']): string {
  return role === 'patient' ? '/patient' : role === 'clinician' ? '/clinician' : '/admin';
}

/** The signed-in user, or a redirect to sign-in (or the session-expired page). */
export async function requireUser(...roles: SessionUser['role'][]): Promise<SessionUser> {
  const session = await currentSession();
  if (session.status === 'anonymous') redirect('/sign-in');
  if (session.status === 'expired') redirect('/session-expired');
  // A session that owes its second step reaches nothing until it is passed.
  if (session.user.pendingSecondFactor) redirect('/two-step');
  if (roles.length > 0 && !roles.includes(session.user.role)) forbidden();
  return session.user;
}
