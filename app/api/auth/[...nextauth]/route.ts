// Auth.js endpoints (sign-in, sign-out, session, CSRF), behind a body-size limit. Auth.js's own protocol
// (its CSRF token, its redirects) is left as it is.
import { randomUUID } from 'node:crypto';
import { NextRequest } from 'next/server';
import { authTooLargeResponse, edgeLocale, MAX_AUTH_BODY_BYTES, readBodyWithin } from '~/server/api/edge';
import { handlers } from '~/server/auth';
import { env } from '~/server/env';

// The proxy does not run here (proxy.ts: it would take in the whole body, up to 10 MB, before this handler
// could refuse it), so these are the headers it would set. Auth.js's only page here is its sign-out
// confirmation: no scripts, inline styles, a form posting back to this origin.
function authCsp(): string {
  const oidcOrigin = env.AUTH_OIDC_ISSUER ? new URL(env.AUTH_OIDC_ISSUER).origin : '';
  return `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'${oidcOrigin ? ` ${oidcOrigin}` : ''}; frame-ancestors 'none'; base-uri 'none'`;
}

function withHeaders(res: Response): Response {
  const requestId = randomUUID();
  // Auth.js's redirects can be immutable responses: copy rather than set in place.
  const out = new Response(res.body, res);
  out.headers.set('Cache-Control', 'private, no-store, max-age=0');
  out.headers.set('Content-Security-Policy', authCsp());
  out.headers.set('X-Request-Id', requestId);
  return out;
}

export async function GET(req: NextRequest): Promise<Response> {
  return withHeaders(await handlers.GET(req));
}

export async function POST(req: NextRequest): Promise<Response> {
  // Counted while read, refused (413) as soon as it passes the limit, before Auth.js parses it or a
  // password is hashed.
  const body = await readBodyWithin(req, MAX_AUTH_BODY_BYTES);
  if (!body) return withHeaders(authTooLargeResponse(edgeLocale(req.headers)));
  return withHeaders(await handlers.POST(new NextRequest(req.url, { method: 'POST', headers: req.headers, body: body as BodyInit, signal: req.signal })));
}
