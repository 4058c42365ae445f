// Each person's Web Push subscriptions (one per browser that turned notifications on): adding, removing and
// listing their own, the worker's view of where to send, and a test notice to every device of the caller's.
import 'server-only';
import { createECDH } from 'node:crypto';
import { and, asc, count, eq, ne, sql } from 'drizzle-orm';
import { createTranslator } from 'use-intl/core';
import { z } from 'zod';
import type { DbOrTx } from '~/db';
import { pushSubscriptions, users } from '~/db/schema';
import { ek, type ErrorKey } from '~/i18n/errors';
import { messagesFor } from '~/i18n/messages';
import { defaultLocale, isLocale } from '~/lib/i18n/locales';
import { writeAudit, type Actor } from '~/server/audit';
import { env } from '~/server/env';
import { AppError } from '~/server/errors';
import { sendPush, vapidKeys } from './push';

/** Devices one account may receive notifications on; turning on one more replaces the longest unused. */
export const MAX_DEVICES_PER_USER = 20;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * Where the push service is. Push services are public https addresses; the server posts to them, so an
 * address inside the server's own network (localhost, an IP address, a name with no dot) is refused. Tests
 * run a push service on the loopback address.
 */
function endpointProblem(value: string): ErrorKey | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'notify.push.notAddress';
  }
  if (url.username || url.password) return 'notify.push.credentials';
  const testing = env.NODE_ENV === 'test';
  if (testing && LOOPBACK.has(url.hostname) && (url.protocol === 'https:' || url.protocol === 'http:')) return null;
  if (url.protocol !== 'https:') return 'notify.push.https';
  const host = url.hostname;
  const ipLiteral = /^\d{1,3}(\.\d{1,3}){3}$/.test(host) || host.startsWith('[');
  if (ipLiteral || !host.includes('.') || host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) {
    return 'notify.push.notPublic';
  }
  return null;
}

/** URL-safe base64 as browsers give it (PushSubscription.toJSON()), padding tolerated and dropped. */
function base64url(bytes: number, messages: { missing: ErrorKey; format: ErrorKey }) {
  const chars = Math.ceil((bytes * 4) / 3);
  return z
    .string(messages.missing)
    .trim()
    .transform((v) => v.replace(/=+$/, ''))
    .refine((v) => new RegExp(`^[A-Za-z0-9_-]{${chars}}$`).test(v), messages.format);
}

function isCurvePoint(key: string): boolean {
  const bytes = Buffer.from(key, 'base64url');
  if (bytes.length !== 65 || bytes[0] !== 0x04) return false;
  try {
    // Refused unless it is a point on P-256: a key nothing could be encrypted for is refused now, not at each send.
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    ecdh.computeSecret(bytes);
    return true;
  } catch {
    return false;
  }
}

export const subscribePushInput = z.strictObject({
  endpoint: z
    .string(ek('notify.push.addressMissing'))
    .trim()
    .min(1, ek('notify.push.addressMissing'))
    .max(2048, ek('notify.push.addressTooLong'))
    .superRefine((value, ctx) => {
      const problem = endpointProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    }),
  // The lengths in the messages are these byte counts (65 and 16).
  p256dh: base64url(65, { missing: 'notify.push.p256dhMissing', format: 'notify.push.p256dhFormat' }).refine(isCurvePoint, ek('notify.push.p256dhNotOnCurve')),
  auth: base64url(16, { missing: 'notify.push.authMissing', format: 'notify.push.authFormat' }),
  label: z.string().trim().max(100, ek('notify.push.deviceNameTooLong')).default(''),
});

export const unsubscribePushInput = z
  .strictObject({
    id: z.uuid(ek('notify.push.deviceId')).optional(),
    endpoint: z.string().trim().min(1).max(2048, ek('notify.push.addressTooLong')).optional(),
  })
  .refine((v) => (v.id === undefined) !== (v.endpoint === undefined), ek('notify.push.whichDevice'));

/** Only the push service's origin goes into the audit log: the rest of the address is a capability. */
function originOf(endpoint: string): string {
  try {
    return new URL(endpoint).origin;
  } catch {
    return 'unknown';
  }
}

const patientIdOf = (actor: Pick<Actor, 'id' | 'role'>) => (actor.role === 'patient' ? actor.id : null);

/**
 * Turns notifications on for a browser: adds its subscription, or updates it when the browser subscribes
 * again. An address that was another account's (someone else signed in on this browser before) moves to the caller.
 */
export async function subscribe(db: DbOrTx, actor: Actor, input: z.output<typeof subscribePushInput>): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const [previous] = await tx
      .select({ id: pushSubscriptions.id, userId: pushSubscriptions.userId })
      .from(pushSubscriptions)
      .where(eq(pushSubscriptions.endpoint, input.endpoint))
      .for('update');
    const [others] = await tx
      .select({ n: count() })
      .from(pushSubscriptions)
      .where(and(eq(pushSubscriptions.userId, actor.id), ne(pushSubscriptions.endpoint, input.endpoint)));
    if ((others?.n ?? 0) >= MAX_DEVICES_PER_USER) {
      const [oldest] = await tx
        .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, label: pushSubscriptions.label })
        .from(pushSubscriptions)
        .where(and(eq(pushSubscriptions.userId, actor.id), ne(pushSubscriptions.endpoint, input.endpoint)))
        .orderBy(sql`coalesce(${pushSubscriptions.lastDeliveredAt}, ${pushSubscriptions.createdAt})`, asc(pushSubscriptions.id))
        .limit(1);
      if (oldest) {
        await tx.delete(pushSubscriptions).where(eq(pushSubscriptions.id, oldest.id));
        await writeAudit(tx, actor, {
          action: 'push.unsubscribe', entityType: 'push_subscription', entityId: oldest.id, patientId: patientIdOf(actor),
          before: { origin: originOf(oldest.endpoint), label: oldest.label }, after: { reason: 'replaced by a newer device' },
        });
      }
    }
    const [row] = await tx
      .insert(pushSubscriptions)
      .values({ userId: actor.id, endpoint: input.endpoint, p256dh: input.p256dh, auth: input.auth, label: input.label })
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { userId: actor.id, p256dh: input.p256dh, auth: input.auth, label: input.label },
      })
      .returning({ id: pushSubscriptions.id });
    if (!row) throw new AppError('UNAVAILABLE', 'notify.push.notSaved');
    await writeAudit(tx, actor, {
      action: 'push.subscribe', entityType: 'push_subscription', entityId: row.id, patientId: patientIdOf(actor),
      after: { origin: originOf(input.endpoint), label: input.label, ...(previous && previous.userId !== actor.id ? { fromAnotherAccount: true } : {}) },
    });
    return { id: row.id };
  });
}

const NOT_YOURS = 'notify.push.notYourDevice';

/** Turns notifications off for one of the caller's own devices (by its id, or this browser's push address). */
export async function unsubscribe(db: DbOrTx, actor: Actor, input: z.output<typeof unsubscribePushInput>): Promise<{ ok: true }> {
  return db.transaction(async (tx) => {
    const which = input.id !== undefined ? eq(pushSubscriptions.id, input.id) : eq(pushSubscriptions.endpoint, input.endpoint ?? '');
    const [removed] = await tx
      .delete(pushSubscriptions)
      .where(and(which, eq(pushSubscriptions.userId, actor.id)))
      .returning({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, label: pushSubscriptions.label });
    // Someone else's device gets the same answer as no device: nothing tells the caller it exists.
    if (!removed) throw new AppError('NOT_FOUND', NOT_YOURS);
    await writeAudit(tx, actor, {
      action: 'push.unsubscribe', entityType: 'push_subscription', entityId: removed.id, patientId: patientIdOf(actor),
      before: { origin: originOf(removed.endpoint), label: removed.label },
    });
    return { ok: true as const };
  });
}

export interface PushDevice {
  id: string;
  label: string;
  /** The browser compares it with its own subscription to tell "this device". Only ever shown to its owner. */
  endpoint: string;
  createdAt: Date;
  lastDeliveredAt: Date | null;
}

/** The caller's own devices, oldest first. */
export async function listDevices(db: DbOrTx, userId: string): Promise<PushDevice[]> {
  return db
    .select({ id: pushSubscriptions.id, label: pushSubscriptions.label, endpoint: pushSubscriptions.endpoint, createdAt: pushSubscriptions.createdAt, lastDeliveredAt: pushSubscriptions.lastDeliveredAt })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
}

export interface PushSubscriptionTarget {
  id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
}

/** Where to send a user's push notices: every subscription of theirs (none when they never turned push on). */
export async function pushTargets(db: DbOrTx, userId: string): Promise<PushSubscriptionTarget[]> {
  return db
    .select({ id: pushSubscriptions.id, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, userId))
    .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
}

/**
 * Forgets a subscription the push service says is gone (404/410: the browser unsubscribed or was reset),
 * with an audit event by the system. Returns whether it was still there.
 */
export async function forgetSubscription(db: DbOrTx, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [removed] = await tx
      .delete(pushSubscriptions)
      .where(eq(pushSubscriptions.id, id))
      .returning({ userId: pushSubscriptions.userId, endpoint: pushSubscriptions.endpoint, label: pushSubscriptions.label });
    if (!removed) return false;
    const [owner] = await tx.select({ role: users.role }).from(users).where(eq(users.id, removed.userId));
    await writeAudit(tx, null, {
      action: 'push.forget', entityType: 'push_subscription', entityId: id, patientId: owner?.role === 'patient' ? removed.userId : null,
      before: { userId: removed.userId, origin: originOf(removed.endpoint), label: removed.label }, after: { reason: 'gone at the push service' },
    });
    return true;
  });
}

/** Notes that a notice reached the push service for this subscription (shown as "last notification"). */
export async function markPushDelivered(db: DbOrTx, id: string, at: Date): Promise<void> {
  await db.update(pushSubscriptions).set({ lastDeliveredAt: at }).where(eq(pushSubscriptions.id, id));
}

export interface TestResult {
  id: string;
  label: string;
  ok: boolean;
  /** The push service no longer knows this device: it was removed from the list. */
  removed: boolean;
}

/**
 * Sends "Taperline test notification" to each of the caller's devices at once and says, per device, whether
 * the push service took it. Devices the push service no longer knows are removed.
 */
export async function sendTestNotification(db: DbOrTx, actor: Actor): Promise<{ devices: TestResult[] }> {
  if (!vapidKeys()) throw new AppError('BAD_REQUEST', 'notify.push.notSetUp');
  const [me] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, actor.id));
  const locale = isLocale(me?.locale) ? me.locale : defaultLocale;
  const t = createTranslator({ locale, messages: messagesFor(locale), namespace: 'Push' });
  const payload = { title: t('testTitle'), body: t('testBody'), url: '/account', tag: 'taperline-test' };
  const devices = await db
    .select({ id: pushSubscriptions.id, label: pushSubscriptions.label, endpoint: pushSubscriptions.endpoint, p256dh: pushSubscriptions.p256dh, auth: pushSubscriptions.auth })
    .from(pushSubscriptions)
    .where(eq(pushSubscriptions.userId, actor.id))
    .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
  const results = await Promise.all(
    devices.map(async (device): Promise<TestResult> => {
      const sent = await sendPush(device, payload, { ttlSeconds: 10 * 60 });
      if (sent.ok) {
        await markPushDelivered(db, device.id, new Date());
        return { id: device.id, label: device.label, ok: true, removed: false };
      }
      if (sent.gone) await forgetSubscription(db, device.id);
      else console.warn(`[push] test notification not delivered (request ${actor.requestId ?? '-'}): ${sent.error}`);
      return { id: device.id, label: device.label, ok: false, removed: sent.gone };
    }),
  );
  // A mutation like any other: on the record, with counts only.
  await writeAudit(db, actor, {
    action: 'push.test', entityType: 'user', entityId: actor.id, patientId: patientIdOf(actor),
    after: { devices: results.length, delivered: results.filter((r) => r.ok).length, removed: results.filter((r) => r.removed).length },
  });
  return { devices: results };
}
