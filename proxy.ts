// Runs before every page and auth request: a per-request CSP nonce, a request id, and no caching of
// responses that may hold health data. Not an auth boundary: every page and procedure checks for itself.
import { NextResponse, type NextRequest } from 'next/server';

function contentSecurityPolicy(nonce: string): string {
  const dev = process.env.NODE_ENV !== 'production';
  const oidcOrigin = (() => {
    try {
      return process.env.AUTH_OIDC_ISSUER ? new URL(process.env.AUTH_OIDC_ISSUER).origin : '';
    } catch {
      return '';
    }
  })();
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    // React and Next set inline style attributes; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? ' ws:' : ''}`,
    // The Web Push service worker (/sw.js). Without it workers fall back to script-src, where 'strict-dynamic' ignores 'self'.
    "worker-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    `form-action 'self'${oidcOrigin ? ` ${oidcOrigin}` : ''}`,
    "object-src 'none'",
  ].join('; ');
}

export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  const requestId = crypto.randomUUID();

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-request-id', requestId);
  // The page being rendered, for the read audit (set here, so a client cannot name another).
  requestHeaders.set('x-page-path', request.nextUrl.pathname);
  // Next reads the CSP from the request to put the nonce on its own scripts.
  requestHeaders.set('content-security-policy', csp);

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', csp);
  response.headers.set('Cache-Control', 'private, no-store, max-age=0');
  response.headers.set('X-Request-Id', requestId);
  return response;
}

export const config = {
  matcher: [
    // Everything except the static build output, public files (the icons, the web app manifest, the service
    // worker: next.config.mjs gives it its own headers), the tRPC endpoint and Auth.js's.
    // Both endpoints set no-store and the request id themselves. The tRPC endpoint answers JSON (no scripts
    // for a CSP nonce to guard) and is the hot path: the proxy's request rewriting was a measurable share of
    // every API call's time. And where the proxy runs, Next takes in a request's whole body (up to 10 MB)
    // before the route sees it, so neither endpoint could refuse an oversized body before reading it.
    { source: '/((?!_next/static|_next/image|favicon.ico|icon.svg|apple-icon.png|robots.txt|sw.js|manifest.webmanifest|icons/|api/trpc|api/auth).*)' },
  ],
};
