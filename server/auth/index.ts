// Auth.js v5: password sign-in (and optional OIDC single sign-on), short JWT sessions checked
// against the database on every request through currentUser().
import 'server-only';
import NextAuth, { CredentialsSignin, type NextAuthConfig } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { headers } from 'next/headers';
import { cache } from 'react';
import { z } from 'zod';
import { getDb } from '~/db';
import { env, oidcConfigured, oidcMfaClaims } from '~/server/env';
import { UNSTORABLE_TEXT } from '~/lib/validation';
import { authSecret } from './secret';
import { checkSession, endSession, sessionClaimsSchema, type SessionState } from './session';
import { isBackgroundRequest } from './idle';
import { readSessionToken } from './session-token';
import { clientAddress } from './ip';
import { refuseOidcSignIn, startOidcSession } from './oidc';
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

/** The password was right; the account's second factor is asked for (the form then sends both again). */
class CodeNeededSignin extends CredentialsSignin {
  code = 'code-needed';
}
/** The code was wrong, already used, or a spent recovery code. */
class InvalidCodeSignin extends CredentialsSignin {
  code = 'invalid-code';
}

const credentialsInput = z.object({ email: z.string().max(320), password: z.string().max(256), code: z.string().max(64).optional() });

const providers: NextAuthConfig['providers'] = [
  Credentials({
    credentials: { email: { type: 'email' }, password: { type: 'password' }, code: { type: 'text' } },
    async authorize(raw, request) {
      const parsed = credentialsInput.safeParse(raw);
      if (!parsed.success) return null;
      if (UNSTORABLE_TEXT.test(parsed.data.email)) throw new UnusableEmailSignin();
      const result = await signInWithPassword(await getDb(), { ...parsed.data, ip: clientAddress(request.headers) });
      if (!result.ok) {
        if (result.reason === 'throttled') throw new ThrottledSignin();
        if (result.reason === 'busy') throw new BusySignin();
        if (result.reason === 'code-needed') throw new CodeNeededSignin();
        if (result.reason === 'invalid-code') throw new InvalidCodeSignin();
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
    // PKCE binds the code to this browser, state the callback to its request, nonce the ID token to both.
    checks: ['pkce', 'state', 'nonce'],
  });
}


/** Session cookies are `__Secure-` prefixed and Secure in production (Auth.js names the cookie after this). */
const useSecureCookies = env.NODE_ENV === 'production';

/** Built on first request, not at import, so `next build` needs no secret. */
function authConfig(): NextAuthConfig {
  return {
  secret: authSecret(),
  trustHost: true,
  session: { strategy: 'jwt', maxAge: env.SESSION_MAX_AGE_MINUTES * 60, updateAge: 15 * 60 },
  useSecureCookies,
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
      // A refusal goes back to the sign-in page with its reason, which says it in plain words (audited).
      const refusal = await refuseOidcSignIn(await getDb(), profile, clientAddress(await headers()));
      return refusal ? `/sign-in?error=sso-${refusal}` : true;
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === 'oidc') {
        // `profile` holds the ID token's claims: email, email_verified, and amr/acr for the second factor.
        const started = await startOidcSession(await getDb(), profile, oidcMfaClaims, clientAddress(await headers()));
        if (!started) return null;
        return { uid: started.user.id, sv: started.user.sessionVersion, sid: started.sessionId };
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

// No `auth()`: requests read their session through currentSession below.
export const { handlers, signOut } = NextAuth(() => authConfig());


/**
 * The signed-in user for this request, checked against the database (once per request). The token is read
 * from the session cookie as Auth.js's `auth()` reads it (server/auth/session-token.ts), without its cost.
 */
export const currentSession = cache(async (): Promise<SessionState> => {
  const requestHeaders = await headers();
  const token = await readSessionToken(requestHeaders.get('cookie'), { secret: authSecret(), secureCookie: useSecureCookies });
  if (!token) return { status: 'anonymous' };
  const claims = sessionClaimsSchema.safeParse(token);
  if (!claims.success) return { status: 'expired' };
  return checkSession(await getDb(), claims.data, { background: isBackgroundRequest(requestHeaders) });
});

/** A request id for log and audit correlation, set by proxy.ts. */
export async function requestId(): Promise<string | undefined> {
  return (await headers()).get('x-request-id') ?? undefined;
}
