// Auth.js v5: password sign-in (and optional OIDC single sign-on), short JWT sessions checked
// against the database on every request through currentUser().
import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { cache } from 'react';
import { z } from 'zod';
import { getDb } from '~/db';
import { writeAudit } from '~/server/audit';
import { env, oidcConfigured } from '~/server/env';
import { UNSTORABLE_TEXT } from '~/lib/validation';
import { authSecret } from './secret';
import { checkSession, endSession, sessionClaimsSchema, startSession, type SessionState } from './session';
import { isBackgroundRequest } from './idle';
import { clientAddress } from './ip';
import { findOidcAccount } from './oidc';
import { signInWithPassword } from './sign-in';

class ThrottledSignin extends CredentialsSignin {
  code = 'throttled';
}
/** Too many password checks at once (server/auth/password.ts): try again in a moment. */
class BusySignin extends CredentialsSignin {
  code = 'busy';
}
/** An email no account can have (a NUL or half an emoji): said so, before it reaches the database. */
class UnusableEmailSignin extends CredentialsSignin {
  code = 'unusable-email';
}

const credentialsInput = z.object({ email: z.string().max(320), password: z.string().max(256) });

const providers: NextAuthConfig['providers'] = [
  Credentials({
    credentials: { email: { type: 'email' }, password: { type: 'password' } },
    async authorize(raw, request) {
      const parsed = credentialsInput.safeParse(raw);
      if (!parsed.success) return null;
      if (UNSTORABLE_TEXT.test(parsed.data.email)) throw new UnusableEmailSignin();
      const result = await signInWithPassword(await getDb(), { ...parsed.data, ip: clientAddress(request.headers) });
      if (!result.ok) {
        if (result.reason === 'throttled') throw new ThrottledSignin();
        if (result.reason === 'busy') throw new BusySignin();
        return null;
      }
      return { id: result.user.id, email: result.user.email, name: result.user.name, sv: result.user.sessionVersion, sid: result.sessionId };
    },
  }),
];

if (oidcConfigured) {
  providers.push({
    id: 'oidc',
    name: env.AUTH_OIDC_NAME,
    type: 'oidc',
    issuer: env.AUTH_OIDC_ISSUER,
    clientId: env.AUTH_OIDC_CLIENT_ID,
    clientSecret: env.AUTH_OIDC_CLIENT_SECRET,
  });
}


/** Built on first request, not at import, so `next build` needs no secret. */
function authConfig(): NextAuthConfig {
  return {
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_MINUTES * 60, updateAge: 15 * 60 },
  useSecureCookies: env.NODE_ENV === 'production',
  pages: { signIn: '/sign-in', error: '/sign-in' },
  providers,
  // Auth.js would print whole errors (with stacks and inputs); log only the kind of error.
  logger: {
    error(error) {
      // A wrong password is an expected outcome, already audited; class names are minified, so use `type`.
      const type = (error as { type?: string }).type ?? 'Error';
      if (type !== 'CredentialsSignin') console.error(`[auth] ${type}`);
    },
    warn() {},
    debug() {},
  },
  callbacks: {
    async signIn({ account, profile }) {
      if (account?.provider !== 'oidc') return true;
      const db = await getDb();
      const user = await findOidcAccount(db, profile?.email, profile?.email_verified);
      await db.transaction(async (tx) => {
        await writeAudit(tx, user ? { id: user.id } : null, {
          action: user ? 'auth.sign_in' : 'auth.sign_in_failed',
          entityType: 'user',
          entityId: user?.id ?? null,
          patientId: user?.role === 'patient' ? user.id : null,
          after: { method: 'oidc' },
        });
      });
      return Boolean(user);
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === 'oidc') {
        const db = await getDb();
        const found = await findOidcAccount(db, profile?.email, profile?.email_verified);
        if (!found) return null;
        return { uid: found.id, sv: found.sessionVersion, sid: await startSession(db, found.id, 'oidc') };
      }
      if (user) {
        const { sv, sid } = user as { sv?: unknown; sid?: unknown };
        // Keep only what is needed: no name or email in the cookie. Without a session id it never works.
        return { uid: user.id, sv: typeof sv === 'number' ? sv : -1, sid: typeof sid === 'string' ? sid : '' };
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, uid: token.uid, sv: token.sv, sid: token.sid, user: undefined } as unknown as typeof session;
    },
  },
  events: {
    // Signing out ends the session on the server too: a copy of the cookie is refused from now on. Should
    // the database be out of reach, Auth.js still clears the cookie and logs "[auth] SignOutError" (above).
    async signOut(message) {
      if (!('token' in message)) return;
      const claims = sessionClaimsSchema.pick({ uid: true, sid: true }).safeParse(message.token);
      if (claims.success) await endSession(await getDb(), claims.data);
    },
  },
  };
}

export const { handlers, auth, signOut } = NextAuth(() => authConfig());


/** The signed-in user for this request, checked against the database (once per request). */
export const currentSession = cache(async (): Promise<SessionState> => {
  const session = await auth();
  if (!session) return { status: 'anonymous' };
  const claims = sessionClaimsSchema.safeParse(session);
  if (!claims.success) return { status: 'expired' };
  return checkSession(await getDb(), claims.data, { background: isBackgroundRequest(await headers()) });
});

/** A request id for log and audit correlation, set by proxy.ts. */
export async function requestId(): Promise<string | undefined> {
  return (await headers()).get('x-request-id') ?? undefined;
}
