// The HTTP edge of the API: what is refused from the headers, the URL and the byte count alone, before a
// body is parsed, a session looked up or a password hashed (app/api/trpc and app/api/auth route handlers).
import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import superjson from 'superjson';
import { ek, em, renderError, type ErrorText } from '~/i18n/errors';
import { LOCALE_COOKIE, type Locale } from '~/lib/i18n/locales';
import { negotiateLocale } from '~/lib/i18n/negotiate';
import { MAX_BATCH_CALLS } from './batch-limit';

export { MAX_BATCH_CALLS };

/**
 * The largest tRPC request body. The app's biggest inputs (a plan with its formulations, a 4,000-character
 * note, ten of them batched) stay far below; one anonymous 200 MB request had taken the server from
 * 374 MB to 935 MB.
 */
export const MAX_TRPC_BODY_BYTES = 256 * 1024;
/** Auth.js's forms (email, password, CSRF token, callback URL; an identity provider's posted tokens) are small. */
export const MAX_AUTH_BODY_BYTES = 32 * 1024;

export interface EdgeRefusal {
  code: Extract<TRPC_ERROR_CODE_KEY, 'BAD_REQUEST' | 'FORBIDDEN' | 'PAYLOAD_TOO_LARGE'>;
  /** Written in the language of the request's device (no session is looked up here): edgeLocale. */
  message: ErrorText;
}

export const bodyTooLarge = (limit: number): EdgeRefusal => ({
  code: 'PAYLOAD_TOO_LARGE',
  message: em('edge.tooLarge', { kb: Math.round(limit / 1024) }),
});
export const CROSS_SITE_MESSAGE = ek('edge.crossSite');
export const NOT_JSON_MESSAGE = ek('edge.notJson');
export const TOO_MANY_CALLS_MESSAGE = em('edge.tooManyCalls', { max: MAX_BATCH_CALLS });

/**
 * The language of a request the edge refuses, from its headers alone: the language cookie (which also follows
 * a signed-in account's choice), else Accept-Language.
 */
export function edgeLocale(headers: Headers): Locale {
  const cookie = headers.get('cookie')?.split(/;\s*/).find((c) => c.startsWith(`${LOCALE_COOKIE}=`))?.slice(LOCALE_COOKIE.length + 1);
  return negotiateLocale(headers.get('accept-language'), cookie);
}

/** The body is bigger than `limit` by its own declaration (chunked bodies are counted while read). */
export function declaredTooLarge(headers: Headers, limit: number): boolean {
  const declared = headers.get('content-length');
  return declared !== null && !(Number(declared) <= limit);
}

/** How many procedures the URL names (`/api/trpc/a,b,c?batch=1`); encoded commas count too. */
export function batchCalls(pathname: string, endpoint: string): number {
  return pathname.slice(endpoint.length).split(/,|%2c/i).length;
}

function hostOf(origin: string): string | null {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}

/**
 * Whether a state-changing request comes from the app's own pages. Browsers say where a request comes
 * from (`Sec-Fetch-Site`, and `Origin` on every POST); a request without either is not a browser's, so it
 * carries no victim's cookies and is let through (scripts, the test suites). The app's own origin is
 * `APP_URL` when set, else the request's own host (or the host a proxy forwarded it for).
 */
export function isSameOrigin(headers: Headers, appUrl: string | undefined): boolean {
  const site = headers.get('sec-fetch-site');
  if (site === 'cross-site' || site === 'same-site') return false;
  const origin = headers.get('origin');
  if (origin === null) return site === null || site === 'same-origin' || site === 'none';
  if (appUrl) return origin === new URL(appUrl).origin;
  const host = hostOf(origin);
  if (host === null) return false; // 'null' (a sandboxed frame, a data: page) or nonsense
  const own = [headers.get('host'), headers.get('x-forwarded-host')?.split(',')[0]?.trim()].filter((h): h is string => Boolean(h));
  return own.some((h) => h.toLowerCase() === host);
}

/** JSON, with or without parameters (`application/json; charset=utf-8`); media types are case-insensitive. */
export function isJson(contentType: string | null): boolean {
  return contentType?.split(';', 1)[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * What the tRPC endpoint refuses before reading anything: a body declared too big, a batch of too many
 * calls (reads too), and a POST (every mutation) from another site or in anything but JSON, the only
 * type the app's own client sends (a form post or a cross-site one cannot be JSON without the browser
 * asking first, which it is never granted).
 */
export function trpcRefusal(req: Request, endpoint: string, appUrl: string | undefined): EdgeRefusal | null {
  if (req.method === 'POST' && declaredTooLarge(req.headers, MAX_TRPC_BODY_BYTES)) return bodyTooLarge(MAX_TRPC_BODY_BYTES);
  if (batchCalls(new URL(req.url).pathname, endpoint) > MAX_BATCH_CALLS) return { code: 'BAD_REQUEST', message: TOO_MANY_CALLS_MESSAGE };
  if (req.method === 'POST') {
    if (!isSameOrigin(req.headers, appUrl)) return { code: 'FORBIDDEN', message: CROSS_SITE_MESSAGE };
    if (!isJson(req.headers.get('content-type'))) return { code: 'FORBIDDEN', message: NOT_JSON_MESSAGE };
  }
  return null;
}

/**
 * The body, read while counting: null as soon as it passes `limit` (the rest is never read). A chunked
 * body declares no length, so counting is what bounds it.
 */
export async function readBodyWithin(req: Request, limit: number): Promise<Uint8Array | null> {
  if (declaredTooLarge(req.headers, limit)) return null;
  if (!req.body) return new Uint8Array(0);
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

/** A copy of `req` with the body already read (what the handlers behind the edge parse). */
export function withBody(req: Request, body: Uint8Array | undefined): Request {
  return new Request(req.url, { method: req.method, headers: req.headers, body: body as BodyInit | undefined, signal: req.signal });
}

const noStore = { 'Cache-Control': 'private, no-store, max-age=0' };

/**
 * A refusal in tRPC's error shape (superjson on the wire, as this API's formatter sends it), so the app's
 * client shows its message like any other error. A refused body also closes the connection: the server
 * does not read the rest of it.
 */
export function trpcRefusalResponse(refusal: EdgeRefusal, locale: Locale): Response {
  const httpStatus = getHTTPStatusCodeFromError(new TRPCError({ code: refusal.code }));
  const shape = { message: renderError(refusal.message, locale), code: TRPC_ERROR_CODES_BY_KEY[refusal.code], data: { code: refusal.code, httpStatus } };
  return new Response(JSON.stringify({ error: superjson.serialize(shape) }), {
    status: httpStatus,
    headers: { 'Content-Type': 'application/json', ...noStore, ...(refusal.code === 'PAYLOAD_TOO_LARGE' ? { Connection: 'close' } : {}) },
  });
}

/** Auth.js's endpoints get a plain JSON refusal: they are not tRPC. */
export function authTooLargeResponse(locale: Locale): Response {
  return Response.json({ message: renderError(bodyTooLarge(MAX_AUTH_BODY_BYTES).message, locale) }, { status: 413, headers: { ...noStore, Connection: 'close' } });
}
