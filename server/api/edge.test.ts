// The API's edge: what is refused from headers, URL and byte count alone (the production server is
// exercised over HTTP by reliability/edge.test.ts).
import { describe, expect, it } from 'vitest';
import {
  batchCalls, bodyTooLarge, CROSS_SITE_MESSAGE, edgeLocale, isJson, isSameOrigin, MAX_BATCH_CALLS, MAX_TRPC_BODY_BYTES, NOT_JSON_MESSAGE, readBodyWithin,
  TOO_MANY_CALLS_MESSAGE, trpcRefusal, trpcRefusalResponse,
} from './edge';

const base = 'http://portal.test';
const h = (headers: Record<string, string>) => new Headers({ host: 'portal.test', ...headers });

describe('isSameOrigin', () => {
  it('lets the app’s own pages through, by Origin and by Sec-Fetch-Site', () => {
    expect(isSameOrigin(h({ origin: 'http://portal.test', 'sec-fetch-site': 'same-origin' }), undefined)).toBe(true);
    expect(isSameOrigin(h({ origin: 'https://portal.test' }), undefined)).toBe(true); // TLS ended at a proxy: the host decides
    expect(isSameOrigin(h({ origin: 'http://PORTAL.test' }), undefined)).toBe(true);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-origin' }), undefined)).toBe(true);
    // Not a browser (no Origin, no Sec-Fetch-Site): it carries nobody's cookies by a browser's doing.
    expect(isSameOrigin(h({}), undefined)).toBe(true);
    // A proxy that rewrites Host says where the request was for.
    expect(isSameOrigin(new Headers({ host: 'app:3000', 'x-forwarded-host': 'portal.test', origin: 'https://portal.test' }), undefined)).toBe(true);
  });

  it('refuses other sites, sibling subdomains, opaque origins and nonsense', () => {
    expect(isSameOrigin(h({ origin: 'https://evil.example' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: 'http://portal.test:8080' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: 'http://portal.test.evil.example' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: 'null' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: 'not a url' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ origin: 'file://portal.test' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'cross-site' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-site' }), undefined)).toBe(false);
    // The browser's own word wins over an Origin that looks right.
    expect(isSameOrigin(h({ 'sec-fetch-site': 'cross-site', origin: 'http://portal.test' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'same-site', origin: 'http://portal.test' }), undefined)).toBe(false);
    expect(isSameOrigin(h({ 'sec-fetch-site': 'something-new' }), undefined)).toBe(false);
  });

  it('with APP_URL, only that origin (scheme and port included)', () => {
    const appUrl = 'https://taper.example.org';
    expect(isSameOrigin(h({ origin: 'https://taper.example.org' }), appUrl)).toBe(true);
    expect(isSameOrigin(h({ origin: 'http://taper.example.org' }), appUrl)).toBe(false);
    expect(isSameOrigin(new Headers({ host: 'taper.example.org', origin: 'http://portal.test' }), appUrl)).toBe(false);
    expect(isSameOrigin(h({ origin: 'http://portal.test' }), appUrl)).toBe(false);
  });
});

describe('isJson', () => {
  it('takes application/json with parameters, in any case, and nothing else', () => {
    expect(isJson('application/json')).toBe(true);
    expect(isJson('Application/JSON; charset=utf-8')).toBe(true);
    for (const t of [null, '', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain', 'application/octet-stream', 'application/jsonx', 'text/json']) {
      expect([t, isJson(t)]).toEqual([t, false]);
    }
  });
});

describe('batchCalls', () => {
  it('counts the procedures a URL names, encoded commas too', () => {
    expect(batchCalls('/api/trpc/account.me', '/api/trpc')).toBe(1);
    expect(batchCalls('/api/trpc/a,b,c', '/api/trpc')).toBe(3);
    expect(batchCalls('/api/trpc/a%2Cb%2cc,d', '/api/trpc')).toBe(4);
  });
});

describe('trpcRefusal', () => {
  const post = (path: string, headers: Record<string, string>) => new Request(`${base}/api/trpc/${path}`, { method: 'POST', headers: h(headers), body: '{}' });
  const refusal = (req: Request) => trpcRefusal(req, '/api/trpc', undefined);

  it(`refuses a batch of more than ${MAX_BATCH_CALLS} calls, reads and changes alike`, () => {
    const paths = (n: number) => Array.from({ length: n }, () => 'checkins.day').join(',');
    expect(refusal(new Request(`${base}/api/trpc/${paths(MAX_BATCH_CALLS)}?batch=1`))).toBeNull();
    expect(refusal(new Request(`${base}/api/trpc/${paths(MAX_BATCH_CALLS + 1)}?batch=1`))).toEqual({ code: 'BAD_REQUEST', message: TOO_MANY_CALLS_MESSAGE });
    expect(refusal(post(`${paths(500)}?batch=1`, { 'content-type': 'application/json' }))?.code).toBe('BAD_REQUEST');
  });

  it('refuses changes from another site or not in JSON; reads are not asked', () => {
    expect(refusal(post('invites.accept', { 'content-type': 'application/json' }))).toBeNull();
    expect(refusal(post('invites.accept', { 'content-type': 'application/json', origin: 'https://evil.example' }))).toEqual({ code: 'FORBIDDEN', message: CROSS_SITE_MESSAGE });
    expect(refusal(post('invites.accept', { 'content-type': 'application/x-www-form-urlencoded' }))).toEqual({ code: 'FORBIDDEN', message: NOT_JSON_MESSAGE });
    expect(refusal(post('invites.accept', { 'content-type': 'text/plain', origin: 'http://portal.test' }))?.code).toBe('FORBIDDEN');
    expect(refusal(post('invites.accept', {}))?.code).toBe('FORBIDDEN');
    expect(refusal(new Request(`${base}/api/trpc/account.me`, { headers: { origin: 'https://evil.example' } }))).toBeNull();
  });

  it('refuses a body declared too large before anything else', () => {
    const big = post('invites.accept', { 'content-type': 'application/json', 'content-length': String(MAX_TRPC_BODY_BYTES + 1) });
    expect(refusal(big)?.code).toBe('PAYLOAD_TOO_LARGE');
    expect(refusal(post('invites.accept', { 'content-type': 'application/json', 'content-length': String(MAX_TRPC_BODY_BYTES) }))).toBeNull();
    expect(refusal(post('invites.accept', { 'content-type': 'application/json', 'content-length': 'lots' }))?.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers in tRPC’s error shape, as the app’s client reads it', async () => {
    const res = trpcRefusalResponse(bodyTooLarge(1024), 'en');
    expect(res.status).toBe(413);
    expect(res.headers.get('connection')).toBe('close');
    expect(res.headers.get('cache-control')).toContain('no-store');
    expect(await res.json()).toEqual({ error: { json: { message: 'This request is too large: at most 1 KB.', code: -32013, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 } } } });
    expect(trpcRefusalResponse({ code: 'FORBIDDEN', message: CROSS_SITE_MESSAGE }, 'en').status).toBe(403);
    const es = trpcRefusalResponse({ code: 'BAD_REQUEST', message: TOO_MANY_CALLS_MESSAGE }, 'es');
    expect(es.status).toBe(400);
    expect(((await es.json()) as { error: { json: { message: string } } }).error.json.message).toBe(`Demasiadas llamadas en una sola solicitud: como máximo ${MAX_BATCH_CALLS}.`);
  });

  it('writes a refusal in the device’s language: the language cookie first, then Accept-Language', () => {
    expect(edgeLocale(new Headers({ 'accept-language': 'es-MX,es;q=0.9' }))).toBe('es');
    expect(edgeLocale(new Headers({ 'accept-language': 'es', cookie: 'a=b; taperline-locale=en' }))).toBe('en');
    expect(edgeLocale(new Headers({ cookie: 'taperline-locale=es' }))).toBe('es');
    expect(edgeLocale(new Headers())).toBe('en');
  });
});

describe('readBodyWithin', () => {
  /** A chunked body of `chunks` × 64 KB that counts how many chunks were pulled from it. */
  function chunked(chunks: number) {
    const pulled = { n: 0 };
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled.n === chunks) return controller.close();
        pulled.n += 1;
        controller.enqueue(new Uint8Array(64 * 1024).fill(120));
      },
    });
    return { req: new Request(`${base}/api/trpc/x`, { method: 'POST', body, duplex: 'half' } as RequestInit), pulled };
  }

  it('returns the whole body within the limit', async () => {
    const { req } = chunked(4);
    expect((await readBodyWithin(req, 256 * 1024))?.byteLength).toBe(256 * 1024);
    expect(await readBodyWithin(new Request(`${base}/x`, { method: 'POST', body: 'hello' }), 5)).toEqual(new TextEncoder().encode('hello'));
  });

  it('stops reading a chunked body as soon as it passes the limit (160 MB sent, 320 KB read)', async () => {
    const { req, pulled } = chunked(2_560);
    expect(await readBodyWithin(req, 256 * 1024)).toBeNull();
    // The stream may read one chunk ahead of the reader; nothing like the 2,560 offered.
    expect(pulled.n).toBeLessThanOrEqual(6);
  });

  it('refuses a declared length over the limit without reading at all', async () => {
    const { req: streamed, pulled } = chunked(8);
    const req = new Request(streamed, { headers: { 'content-length': String(8 * 64 * 1024) } });
    expect(await readBodyWithin(req, 256 * 1024)).toBeNull();
    expect(pulled.n).toBeLessThanOrEqual(1);
  });
});
