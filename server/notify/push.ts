// The Web Push channel: the server's VAPID keys, and sending one encrypted notice to one browser subscription.
import 'server-only';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import webpush from 'web-push';
import { env, vapidSubject } from '~/server/env';

export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  subject: string;
}

export interface PushTarget {
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** What a notice shows: no health data, only words that say there is something to see and where. */
export interface PushPayload {
  title: string;
  body: string;
  /** A path inside the app ('/clinician/alerts'): the notification opens it on click. */
  url: string;
  /** Notices with the same tag replace each other on the device. */
  tag?: string;
}

export type PushResult = { ok: true } | { ok: false; gone: boolean; error: string };

const KEY_FILE = 'vapid-keys.json';
const PUBLIC_KEY = /^[A-Za-z0-9_-]{87}$/;
const PRIVATE_KEY = /^[A-Za-z0-9_-]{43}$/;
/** A push service that does not answer within this many milliseconds counts as a failed attempt. */
const SEND_TIMEOUT_MS = 10_000;
/** How long a push service keeps a notice for a device that is offline, unless the caller says otherwise. */
const DEFAULT_TTL_SECONDS = 24 * 60 * 60;

export interface VapidSource {
  publicKey?: string;
  privateKey?: string;
  subject: string;
  /** Set on a PostgreSQL server: keys are never generated there (several app servers would disagree). */
  databaseUrl?: string;
  /** The embedded database's folder: the generated keys are kept beside it. */
  pgliteDir?: string;
}

/**
 * The keys from `source`: the configured pair; else, for the embedded database only, a pair generated once
 * and kept in a file only its owner can read beside the database folder (as server/auth/secret.ts keeps the
 * session secret); else null: push is off on a PostgreSQL server until keys are set.
 */
export function loadVapidKeys(source: VapidSource): VapidKeys | null {
  if (source.publicKey && source.privateKey) return { publicKey: source.publicKey, privateKey: source.privateKey, subject: source.subject };
  if (source.databaseUrl) return null;
  const dir = path.resolve(/*turbopackIgnore: true*/ path.dirname(source.pgliteDir ?? './.data/pglite'));
  const file = path.join(dir, KEY_FILE);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const generated = webpush.generateVAPIDKeys();
    writeFileSync(file, JSON.stringify({ publicKey: generated.publicKey, privateKey: generated.privateKey }), { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  let stored: unknown;
  try {
    stored = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    stored = null;
  }
  const { publicKey, privateKey } = (stored ?? {}) as { publicKey?: unknown; privateKey?: unknown };
  if (typeof publicKey !== 'string' || typeof privateKey !== 'string' || !PUBLIC_KEY.test(publicKey) || !PRIVATE_KEY.test(privateKey)) {
    throw new Error(`The Web Push keys in ${file} are unreadable. Delete the file to make new ones (devices will need to turn notifications on again).`);
  }
  return { publicKey, privateKey, subject: source.subject };
}

let cached: VapidKeys | null | undefined;

/** The server's VAPID keys, or null when push is not set up (PostgreSQL without VAPID_* keys): said once in the log. */
export function vapidKeys(): VapidKeys | null {
  if (cached !== undefined) return cached;
  cached = loadVapidKeys({
    publicKey: env.VAPID_PUBLIC_KEY,
    privateKey: env.VAPID_PRIVATE_KEY,
    subject: vapidSubject(),
    databaseUrl: env.DATABASE_URL,
    pgliteDir: env.PGLITE_DIR,
  });
  if (cached === null) {
    console.warn(
      '[push] Web Push notifications are off: set VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (make a pair with: npx web-push generate-vapid-keys) ' +
        'and optionally VAPID_SUBJECT (mailto: or https:), then restart. Email notifications still work.',
    );
  }
  return cached;
}

/** The kind of a failure, for the outbox's last_error and the logs: a status code or an error's name, never content. */
function failureKind(error: unknown): { gone: boolean; error: string } {
  if (error instanceof webpush.WebPushError) {
    return { gone: error.statusCode === 404 || error.statusCode === 410, error: `HTTP ${error.statusCode}` };
  }
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[A-Z0-9_]{2,40}$/.test(code)) return { gone: false, error: code };
  const name = (error as { name?: unknown } | null)?.name;
  return { gone: false, error: typeof name === 'string' && /^[A-Za-z]{1,40}$/.test(name) ? name : 'Error' };
}

/**
 * Sends one notice to one subscription, encrypted for it (RFC 8291, aes128gcm) and signed with the server's
 * VAPID key. `gone` means the push service no longer knows the subscription (404/410): the caller forgets it.
 */
export async function sendPush(
  subscription: PushTarget,
  payload: PushPayload,
  options: { urgent?: boolean; ttlSeconds?: number } = {},
): Promise<{ ok: true } | { ok: false; gone: boolean; error: string }> {
  if (!payload.url.startsWith('/') || payload.url.startsWith('//')) throw new TypeError('A push notice links to a path inside the app.');
  const keys = vapidKeys();
  if (!keys) return { ok: false, gone: false, error: 'not-configured' };
  const body = JSON.stringify({ title: payload.title, body: payload.body, url: payload.url, ...(payload.tag ? { tag: payload.tag } : {}) });
  try {
    await webpush.sendNotification({ endpoint: subscription.endpoint, keys: { p256dh: subscription.p256dh, auth: subscription.auth } }, body, {
      vapidDetails: { subject: keys.subject, publicKey: keys.publicKey, privateKey: keys.privateKey },
      TTL: Math.max(0, Math.round(options.ttlSeconds ?? DEFAULT_TTL_SECONDS)),
      urgency: options.urgent ? 'high' : 'normal',
      contentEncoding: 'aes128gcm',
      timeout: SEND_TIMEOUT_MS,
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, ...failureKind(error) };
  }
}
