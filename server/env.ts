// The environment, read once and validated: a bad value fails at start with a message that says which.
import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';
import { parseOidcMfaClaims, type OidcMfaClaims } from '~/lib/auth/oidc-second-factor';

const optionalUrl = z.url().optional();

export const env = createEnv({
  server: {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: optionalUrl,
    PGLITE_DIR: z.string().min(1).optional(),
    /** PostgreSQL only: connections in the pool of each app process. */
    DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(1000).default(10),
    /** PostgreSQL only: seconds a connection attempt may take before the request fails as retryable (503). */
    DATABASE_CONNECT_TIMEOUT: z.coerce.number().min(1).max(300).default(5),
    AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)').optional(),
    /**
     * Public base URL of the portal (e.g. https://taper.example-clinic.org): the only source of links the
     * server hands out (invites, emails). Required in production; see `appOrigin`.
     */
    APP_URL: z
      .url()
      .refine((v) => /^https?:\/\//i.test(v), 'APP_URL must start with https:// (or http:// for a local demo).')
      .optional(),
    /** The port `next start` / `next dev` listens on; only for the development fallback of APP_URL. */
    PORT: z.coerce.number().int().min(1).max(65535).optional(),
    /** Session lifetime in minutes; every request still checks the account against the database. */
    SESSION_MAX_AGE_MINUTES: z.coerce.number().int().min(5).max(7 * 24 * 60).default(12 * 60),
    /**
     * Minutes a clinician's or administrator's session may go without a request from its user before it
     * ends (server/auth/idle.ts); the browser warns two minutes before. Patients' sessions have no idle limit.
     */
    STAFF_IDLE_MINUTES: z.coerce.number().int().min(5).max(240).default(30),
    /** smtp://user:pass@host:port or smtps://…: email for invites, sign-in notices and notifications. */
    SMTP_URL: z.string().regex(/^smtps?:\/\//i, 'SMTP_URL starts with smtp:// or smtps://').optional(),
    /**
     * 'on': this process also runs the background worker (pg-boss: notifications, escalations, reminders,
     * sweeps). 'off' for app instances when `npm run worker` runs apart.
     */
    WORKER: z.enum(['on', 'off']).default('on'),
    /** PostgreSQL only: connections of the worker's own pool (pg-boss). */
    JOBS_POOL_MAX: z.coerce.number().int().min(1).max(100).default(4),
    /** Seconds between a worker's polls for new deliveries. */
    JOBS_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(1),
    MAIL_FROM: z.string().min(3).default('Taperline <no-reply@localhost>'),
    AUTH_OIDC_ISSUER: optionalUrl,
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default('Single sign-on'),
    /**
     * Two-step sign-in (a TOTP authenticator) for clinicians and administrators: 'required' or 'optional'.
     * Unset: required on a PostgreSQL server in production, optional on the embedded demo and in development.
     * Patients may always turn it on for themselves; it is never required of them.
     */
    STAFF_TWO_STEP: z.enum(['required', 'optional']).optional(),
    /**
     * The identity provider's claims that count as a second factor: `amr:<value>` and `acr:<value>` entries,
     * separated by spaces or commas (e.g. `amr:mfa acr:phr`). Unset: none does.
     */
    AUTH_OIDC_MFA_CLAIMS: z
      .string()
      .optional()
      .superRefine((value, ctx) => {
        try {
          parseOidcMfaClaims(value);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: error instanceof Error ? error.message : 'AUTH_OIDC_MFA_CLAIMS is not valid.' });
        }
      }),
    /** The emergency number shown on the patient's urgent-care screen (e.g. 999, 911, 112). */
    EMERGENCY_NUMBER: z.string().trim().regex(/^[0-9+ ]{2,15}$/, 'EMERGENCY_NUMBER is digits, like 112 or 911.').optional(),
    /**
     * `1` when the app sits behind reverse proxies (load balancers) that append the client's address to
     * X-Forwarded-For. Without it the header is ignored and the socket's peer address is used.
     */
    TRUST_PROXY: z.enum(['0', '1']).default('0'),
    /**
     * With TRUST_PROXY=1: how many trusted proxies append to X-Forwarded-For. The client's address is the
     * entry this many places from the right (1: the address the one proxy in front of the app saw).
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    /**
     * Web Push (VAPID, RFC 8292): the application server's key pair, both or neither, as printed by
     * `npx web-push generate-vapid-keys`. Without them the embedded demo makes its own; a PostgreSQL
     * server has no push (email still works).
     */
    VAPID_PUBLIC_KEY: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{87}$/, 'VAPID_PUBLIC_KEY is the public key in URL-safe base64 (87 characters), as printed by npx web-push generate-vapid-keys.')
      .optional(),
    VAPID_PRIVATE_KEY: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_-]{43}$/, 'VAPID_PRIVATE_KEY is the private key in URL-safe base64 (43 characters), as printed by npx web-push generate-vapid-keys.')
      .optional(),
    /** Who push services may contact about this server: a mailto: address or an https: URL. */
    VAPID_SUBJECT: z
      .string()
      .trim()
      .refine((v) => /^mailto:[^\s@]+@[^\s@]+$/i.test(v) || /^https:\/\/[^\s/]+/i.test(v), 'VAPID_SUBJECT must be a mailto: address or an https: URL.')
      .optional(),
  },
  client: {},
  experimental__runtimeEnv: {},
  emptyStringAsUndefined: true,
  // Next's build imports server modules; the running server validates for real.
  skipValidation: process.env.SKIP_ENV_VALIDATION === '1',
});

// A production server without APP_URL would have to take links from the request's Host or
// X-Forwarded-Host, which any client can set: refuse to start instead. `next build` runs with
// NODE_ENV=production too but builds no links, so it needs no APP_URL.
const building = process.env.NEXT_PHASE === 'phase-production-build';
if (env.NODE_ENV === 'production' && !env.APP_URL && !building && process.env.SKIP_ENV_VALIDATION !== '1') {
  throw new Error(
    'APP_URL is required in production: the public address of Taperline (e.g. APP_URL=https://taper.example-clinic.org). ' +
      'Links in invites and emails are built from it, never from request headers.',
  );
}

/** STAFF_TWO_STEP, or its default: required on a PostgreSQL server in production, optional elsewhere. */
export function twoStepRequirement(setting: 'required' | 'optional' | undefined, nodeEnv: string, databaseUrl: string | undefined): boolean {
  return setting ? setting === 'required' : nodeEnv === 'production' && Boolean(databaseUrl);
}
/** Whether clinicians and administrators must pass a second factor (see STAFF_TWO_STEP). */
export const staffTwoStepRequired = twoStepRequirement(env.STAFF_TWO_STEP, env.NODE_ENV, env.DATABASE_URL);

export const oidcConfigured = Boolean(env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET);
if (!oidcConfigured && (env.AUTH_OIDC_ISSUER || env.AUTH_OIDC_CLIENT_ID || env.AUTH_OIDC_CLIENT_SECRET)) {
  throw new Error('Single sign-on needs all three of AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET.');
}

/** What counts as a second factor in an identity provider's ID token (AUTH_OIDC_MFA_CLAIMS). */
export const oidcMfaClaims: OidcMfaClaims = parseOidcMfaClaims(env.AUTH_OIDC_MFA_CLAIMS);

if (Boolean(env.VAPID_PUBLIC_KEY) !== Boolean(env.VAPID_PRIVATE_KEY)) {
  throw new Error('Web Push needs both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY, or neither (npx web-push generate-vapid-keys prints a pair).');
}

/**
 * The VAPID subject: VAPID_SUBJECT, else the public https address of the portal, else a placeholder
 * address (push services accept it; they use it only to contact the operator).
 */
export function vapidSubject(): string {
  if (env.VAPID_SUBJECT) return env.VAPID_SUBJECT;
  if (env.APP_URL && /^https:/i.test(env.APP_URL)) return new URL(env.APP_URL).origin;
  return 'mailto:admin@localhost';
}
