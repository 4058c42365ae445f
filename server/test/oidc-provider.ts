// A real OpenID Connect provider on the loopback for tests (the `oidc-provider` package): single sign-on is
// proven against it, not a mock. Its login page picks one of the configured accounts by email; consent is
// granted at once (the app is the provider's only, first-party client).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider, { type Configuration, type KoaContextWithOIDC } from 'oidc-provider';

export interface TestOidcAccount {
  email: string;
  /** The provider's `email_verified` claim; left out of the tokens when undefined. */
  emailVerified?: boolean;
  name?: string;
  /** Authentication methods (RFC 8176) the provider says it used, e.g. ['pwd', 'otp', 'mfa']. */
  amr?: string[];
  acr?: string;
}

export interface TestOidcProvider {
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  close: () => Promise<void>;
}

export const TEST_OIDC_ACR_VALUES = ['urn:taperline:test:loa:1', 'urn:taperline:test:loa:2'];

const page = (title: string, body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><main><h1>${title}</h1>${body}</main></body></html>`;

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = '';
  for await (const chunk of req) {
    body += String(chunk);
    if (body.length > 10_000) break;
  }
  return new URLSearchParams(body);
}

/**
 * Starts the provider on 127.0.0.1 (`port` 0 picks a free one). `redirectUris` are the client's callback
 * URLs (Auth.js: `<app>/api/auth/callback/oidc`).
 */
export async function startTestOidcProvider(options: {
  port?: number;
  accounts: TestOidcAccount[];
  redirectUris: string[];
  clientId?: string;
  clientSecret?: string;
}): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'taperline-test';
  const clientSecret = options.clientSecret ?? 'taperline-test-secret-taperline-test-secret';
  const accounts = new Map(options.accounts.map((a) => [a.email.toLowerCase(), a]));

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `http://127.0.0.1:${port}`;

  const configuration: Configuration = {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: options.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    // Signed cookies of the provider's own; a test provider needs no secret kept anywhere.
    cookies: { keys: ['taperline-test-oidc-cookie-key'] },
    // acr and amr come with the openid scope, as a real provider sends them in every ID token.
    claims: { iss: null, sid: null, openid: ['sub', 'acr', 'amr', 'auth_time'], email: ['email', 'email_verified'], profile: ['name'] },
    // The email claims go into the ID token itself (Auth.js reads the profile from it).
    conformIdTokenClaims: false,
    acrValues: TEST_OIDC_ACR_VALUES,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    async findAccount(_ctx, id) {
      const account = accounts.get(id);
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return {
            sub: id,
            email: account.email,
            ...(account.emailVerified === undefined ? {} : { email_verified: account.emailVerified }),
            ...(account.name ? { name: account.name } : {}),
          };
        },
      };
    },
    // The only client is first-party: consent is given without asking.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, result, provider } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const grantId = result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) {
        const found = await provider.Grant.find(grantId);
        if (found) return found;
      }
      const grant = new provider.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
    // No consent screen and no remembered login: each test's sign-in asks for the account again.
    ttl: { Session: 60 * 60, Interaction: 60 * 60, Grant: 60 * 60, AccessToken: 60 * 60, IdToken: 60 * 60, AuthorizationCode: 60 },
  };
  const provider = new Provider(issuer, configuration);
  // oidc-provider logs server errors to the console on its own; keep the output of tests readable.
  provider.on('server_error', (_ctx, error) => console.error(`[test-oidc] ${error.message}`));
  const callback = provider.callback();

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, submit: boolean) {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) throw new Error('interaction mismatch');
    if (details.prompt.name !== 'login') {
      // Consent is granted by loadExistingGrant; anything else ends the interaction as the provider decides.
      await provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
      return;
    }
    let problem = '';
    if (submit) {
      const form = await readForm(req);
      const email = (form.get('email') ?? '').trim().toLowerCase();
      const account = accounts.get(email);
      if (account) {
        await provider.interactionFinished(
          req,
          res,
          { login: { accountId: email, remember: false, ...(account.amr ? { amr: account.amr } : {}), ...(account.acr ? { acr: account.acr } : {}) } },
          { mergeWithLastSubmission: false },
        );
        return;
      }
      problem = '<p role="alert">No such account at this test provider.</p>';
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(
      page(
        'Test identity provider',
        `${problem}<form method="post" action="/interaction/${escapeHtml(uid)}/login">` +
          '<label for="email">Email</label> <input id="email" name="email" type="email" required autocomplete="off"> ' +
          '<button type="submit">Continue</button></form>',
      ),
    );
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', issuer);
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(url.pathname);
    if (!match?.[1]) {
      void callback(req, res);
      return;
    }
    interaction(req, res, match[1], Boolean(match[2]) && req.method === 'POST').catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(400, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page('Sign-in failed', `<p>${escapeHtml(error instanceof Error ? error.message : 'error')}</p>`));
    });
  });

  return {
    issuer,
    port,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
