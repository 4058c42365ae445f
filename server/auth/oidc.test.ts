// Single sign-on against a real OpenID provider on the loopback: the ID token it issues decides who gets in,
// each refusal is audited with its reason, and its amr/acr reach the session as a second factor only when
// the operator counts them.
import { and, desc, eq } from 'drizzle-orm';
import * as oauth from 'oauth4webapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '~/db';
import { auditEvents, userSessions } from '~/db/schema';
import { NO_OIDC_MFA_CLAIMS, parseOidcMfaClaims } from '~/lib/auth/oidc-second-factor';
import { setUserDisabled } from '~/server/accounts/service';
import { makeUser, openTestDb, uniqueEmail } from '~/server/test/db';
import { startTestOidcProvider, TEST_OIDC_ACR_VALUES, type TestOidcProvider } from '~/server/test/oidc-provider';
import { findOidcAccount, refuseOidcSignIn, startOidcSession } from './oidc';

const REDIRECT_URI = 'http://localhost:3999/api/auth/callback/oidc';

let h: DbHandle;
let provider: TestOidcProvider;
const people = {
  mfa: uniqueEmail('sso-mfa'),
  password: uniqueEmail('sso-password'),
  loa2: uniqueEmail('sso-loa2'),
  unverified: uniqueEmail('sso-unverified'),
  silent: uniqueEmail('sso-silent'),
};

beforeAll(async () => {
  h = await openTestDb();
  provider = await startTestOidcProvider({
    redirectUris: [REDIRECT_URI],
    accounts: [
      { email: people.mfa, emailVerified: true, amr: ['pwd', 'otp', 'mfa'] },
      { email: people.password, emailVerified: true, amr: ['pwd'] },
      { email: people.loa2, emailVerified: true, amr: ['pwd'], acr: TEST_OIDC_ACR_VALUES[1] },
      { email: people.unverified, emailVerified: false },
      { email: people.silent },
    ],
  });
});
afterAll(async () => {
  await provider.close();
  await h.close();
});

/** Cookies kept like a browser's (every path: only one provider is talked to). */
class CookieJar {
  private cookies = new Map<string, string>();
  take(response: Response) {
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (pair && eq > 0) this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/**
 * What Auth.js does, with the library it uses (oauth4webapi): discovery, an authorization request with PKCE,
 * state and nonce, the provider's login page answered for `email`, the code exchanged at the token endpoint
 * and the ID token validated. Returns the ID token's claims.
 */
async function signInAtProvider(email: string) {
  const issuer = new URL(provider.issuer);
  const as = await oauth.processDiscoveryResponse(issuer, await oauth.discoveryRequest(issuer, { [oauth.allowInsecureRequests]: true }));
  const client: oauth.Client = { client_id: provider.clientId };
  const verifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const authorize = new URL(as.authorization_endpoint ?? '');
  for (const [k, v] of Object.entries({
    client_id: provider.clientId,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: 'openid profile email',
    code_challenge: await oauth.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  })) authorize.searchParams.set(k, v);

  const jar = new CookieJar();
  let url = authorize.toString();
  let form: URLSearchParams | undefined;
  for (let hop = 0; hop < 10 && !url.startsWith(REDIRECT_URI); hop++) {
    const response = await fetch(url, {
      redirect: 'manual',
      method: form ? 'POST' : 'GET',
      headers: { cookie: jar.header(), ...(form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}) },
      body: form?.toString(),
    });
    jar.take(response);
    form = undefined;
    const location = response.headers.get('location');
    if (location) {
      url = new URL(location, url).toString();
      continue;
    }
    // The login page: answer it with the account's email.
    const html = await response.text();
    const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`unexpected page from the provider (${response.status}): ${html.slice(0, 300)}`);
    url = new URL(action, url).toString();
    form = new URLSearchParams({ email });
  }
  const params = oauth.validateAuthResponse(as, client, new URL(url), state);
  const tokens = await oauth.processAuthorizationCodeResponse(
    as,
    client,
    await oauth.authorizationCodeGrantRequest(as, client, oauth.ClientSecretBasic(provider.clientSecret), params, REDIRECT_URI, verifier, {
      [oauth.allowInsecureRequests]: true,
    }),
    { expectedNonce: nonce, requireIdToken: true },
  );
  const claims = oauth.getValidatedIdTokenClaims(tokens);
  if (!claims) throw new Error('the provider sent no ID token');
  return claims;
}

async function lastAudit(action: string, entityId?: string) {
  const [row] = await h.db
    .select()
    .from(auditEvents)
    .where(entityId ? and(eq(auditEvents.action, action), eq(auditEvents.entityId, entityId)) : eq(auditEvents.action, action))
    .orderBy(desc(auditEvents.id))
    .limit(1);
  return row;
}

describe('the loopback provider', () => {
  it('publishes discovery over http on 127.0.0.1 with the code flow, PKCE and the claims the app reads', async () => {
    const response = await fetch(`${provider.issuer}/.well-known/openid-configuration`);
    expect(response.status).toBe(200);
    const discovery = (await response.json()) as Record<string, unknown>;
    expect(discovery.issuer).toBe(provider.issuer);
    expect(discovery.response_types_supported).toContain('code');
    expect(discovery.code_challenge_methods_supported).toContain('S256');
    expect(discovery.claims_supported).toEqual(expect.arrayContaining(['email', 'email_verified', 'acr', 'amr']));
  });

  it("puts the account's email, email_verified, amr and acr in the ID token", async () => {
    expect(await signInAtProvider(people.mfa)).toMatchObject({ email: people.mfa, email_verified: true, amr: ['pwd', 'otp', 'mfa'] });
    expect(await signInAtProvider(people.loa2)).toMatchObject({ email: people.loa2, acr: TEST_OIDC_ACR_VALUES[1] });
    const silent = await signInAtProvider(people.silent);
    expect(silent.email).toBe(people.silent);
    expect(silent).not.toHaveProperty('email_verified');
  });
});

describe('findOidcAccount', () => {
  it('admits an enabled account by a verified email in any case', async () => {
    const user = await makeUser(h.db, 'clinician');
    const found = await findOidcAccount(h.db, { email: user.email.toUpperCase(), email_verified: true });
    expect(found.ok && found.user.id).toBe(user.id);
  });

  it('refuses an email the provider did not verify, or left unsaid, before looking for any account', async () => {
    const user = await makeUser(h.db, 'clinician');
    expect(await findOidcAccount(h.db, { email: user.email, email_verified: false })).toEqual({ ok: false, reason: 'unverified' });
    expect(await findOidcAccount(h.db, { email: user.email })).toEqual({ ok: false, reason: 'unverified' });
    expect(await findOidcAccount(h.db, { email: user.email, email_verified: 'true' })).toEqual({ ok: false, reason: 'unverified' });
    expect(await findOidcAccount(h.db, { email_verified: true })).toEqual({ ok: false, reason: 'unverified' });
    expect(await findOidcAccount(h.db, null)).toEqual({ ok: false, reason: 'unverified' });
  });

  it('refuses unknown emails and disabled accounts, each with its reason', async () => {
    expect(await findOidcAccount(h.db, { email: uniqueEmail('stranger'), email_verified: true })).toEqual({ ok: false, reason: 'unknown' });
    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    await setUserDisabled(h.db, { id: admin.id, role: 'admin' }, { userId: user.id, disabled: true });
    expect(await findOidcAccount(h.db, { email: user.email, email_verified: true })).toMatchObject({ ok: false, reason: 'disabled' });
  });
});

// Each test makes its own account and takes the provider's ID token for one of the provider's people, with
// the email swapped for the account's: the amr, acr and email_verified are the provider's own.
describe('signing in with the real provider', () => {
  const mfaSetting = parseOidcMfaClaims('amr:mfa acr:' + TEST_OIDC_ACR_VALUES[1]);

  it("records the provider's second factor on the session when the operator counts it, and audits the sign-in", async () => {
    const user = await makeUser(h.db, 'clinician');
    const claims = { ...(await signInAtProvider(people.mfa)), email: user.email };
    expect(await refuseOidcSignIn(h.db, claims, '127.0.0.1')).toBeNull();
    const started = await startOidcSession(h.db, claims, mfaSetting, '127.0.0.1');
    expect(started).toMatchObject({ user: { id: user.id }, secondFactor: 'oidc-mfa' });
    const [session] = await h.db.select().from(userSessions).where(eq(userSessions.id, started?.sessionId ?? ''));
    expect(session).toMatchObject({ userId: user.id, method: 'oidc', secondFactor: 'oidc-mfa' });
    expect((await lastAudit('auth.sign_in', user.id))?.after).toEqual({ method: 'oidc', ip: '127.0.0.1', session: started?.sessionId, secondFactor: 'oidc-mfa' });
  });

  it('counts an accepted acr as a second factor too', async () => {
    const user = await makeUser(h.db, 'clinician');
    const claims = { ...(await signInAtProvider(people.loa2)), email: user.email };
    expect((await startOidcSession(h.db, claims, mfaSetting, '127.0.0.1'))?.secondFactor).toBe('oidc-mfa');
  });

  it('records no second factor for a password alone, nor for any claim when the operator counts none', async () => {
    const user = await makeUser(h.db, 'clinician');
    const passwordOnly = { ...(await signInAtProvider(people.password)), email: user.email };
    const plain = await startOidcSession(h.db, passwordOnly, mfaSetting, '127.0.0.1');
    expect(plain?.secondFactor).toBeNull();
    const [session] = await h.db.select().from(userSessions).where(eq(userSessions.id, plain?.sessionId ?? ''));
    expect(session?.secondFactor).toBeNull();

    const withMfa = { ...(await signInAtProvider(people.mfa)), email: user.email };
    expect((await startOidcSession(h.db, withMfa, NO_OIDC_MFA_CLAIMS, '127.0.0.1'))?.secondFactor).toBeNull();
  });

  it("refuses the provider's unverified and unsaid emails and audits why, without naming an account", async () => {
    const unverified = await signInAtProvider(people.unverified);
    expect(unverified.email_verified).toBe(false);
    expect(await refuseOidcSignIn(h.db, unverified, '127.0.0.1')).toBe('unverified');
    expect(await refuseOidcSignIn(h.db, await signInAtProvider(people.silent), '127.0.0.1')).toBe('unverified');
    const audit = await lastAudit('auth.sign_in_failed');
    expect(audit).toMatchObject({ actorId: null, entityId: null, after: { method: 'oidc', reason: 'unverified', ip: '127.0.0.1' } });
    expect(await startOidcSession(h.db, unverified, mfaSetting, '127.0.0.1')).toBeNull();
  });

  it('refuses an unknown email, and a disabled account (audited against that account), starting no session', async () => {
    const stranger = await signInAtProvider(people.password);
    expect(await refuseOidcSignIn(h.db, stranger, '127.0.0.1')).toBe('unknown');
    expect((await lastAudit('auth.sign_in_failed'))?.after).toMatchObject({ reason: 'unknown' });

    const admin = await makeUser(h.db, 'admin');
    const user = await makeUser(h.db, 'clinician');
    await setUserDisabled(h.db, { id: admin.id, role: 'admin' }, { userId: user.id, disabled: true });
    const claims = { ...(await signInAtProvider(people.mfa)), email: user.email };
    expect(await refuseOidcSignIn(h.db, claims, '127.0.0.1')).toBe('disabled');
    expect(await lastAudit('auth.sign_in_failed', user.id)).toMatchObject({ actorId: null, after: { method: 'oidc', reason: 'disabled' } });
    expect(await startOidcSession(h.db, claims, mfaSetting, '127.0.0.1')).toBeNull();
    expect(await h.db.select().from(userSessions).where(eq(userSessions.userId, user.id))).toEqual([]);
  });
});
