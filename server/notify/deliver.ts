// Delivers one outbox row (a notice on one channel): claims it so that no other worker sends it too, sends
// it, and records delivered, skipped or failed. A failure before the last attempt throws, and pg-boss
// retries the job with backoff.
import 'server-only';
import { and, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '~/db';
import { notificationDeliveries, notifications, users } from '~/db/schema';
import { env } from '~/server/env';
import { sendMail } from '~/server/mail/transport';
import { appOrigin } from '~/server/origin';
import { noticeMessage, type DigestCounts, type NoticeMessage } from './messages';
import type { NotificationKind } from './outbox';

export type ChannelResult = { status: 'delivered' } | { status: 'skipped'; reason: string } | { status: 'failed'; error: string };

export interface PushSender {
  (db: Db, userId: string, message: NoticeMessage & { url: string; urgent: boolean; tag: string }): Promise<ChannelResult>;
}

export interface DeliverOptions {
  /** The last attempt pg-boss will make: a failure is recorded as final. */
  final: boolean;
  now?: Date;
  smtpUrl?: string;
  push?: PushSender;
  digestCounts?: (db: Db, userId: string) => Promise<DigestCounts>;
}

export type DeliverOutcome = 'delivered' | 'skipped' | 'failed' | 'retrying' | 'not-claimed';

/**
 * A claim older than this is taken to be from a worker that died mid-send: longer than any send takes
 * (SMTP times out within 25 s), shorter than the job's expiry, after which pg-boss retries it.
 */
const STALE_CLAIM_MS = 90_000;

/** Thrown to make pg-boss retry; the message is the kind of failure only. */
export class DeliveryRetry extends Error {
  override name = 'DeliveryRetry';
}

export async function deliverNotice(db: Db, deliveryId: string, options: DeliverOptions): Promise<DeliverOutcome> {
  const now = options.now ?? new Date();
  const [claimed] = await db
    .update(notificationDeliveries)
    .set({ status: 'sending', claimedAt: now, lastAttemptAt: now, attempts: sql`${notificationDeliveries.attempts} + 1` })
    .where(
      and(
        eq(notificationDeliveries.id, deliveryId),
        or(
          inArray(notificationDeliveries.status, ['pending', 'retrying']),
          and(eq(notificationDeliveries.status, 'sending'), lt(notificationDeliveries.claimedAt, new Date(now.getTime() - STALE_CLAIM_MS))),
        ),
      ),
    )
    .returning();
  if (!claimed) {
    const [row] = await db.select({ status: notificationDeliveries.status }).from(notificationDeliveries).where(eq(notificationDeliveries.id, deliveryId));
    // Another worker is sending it right now: try again later, in case that worker dies.
    if (row?.status === 'sending') throw new DeliveryRetry('in-progress');
    return 'not-claimed';
  }
  const [notice] = await db
    .select({
      kind: notifications.kind, link: notifications.link, round: notifications.round, recipientId: notifications.recipientId,
      recipientEmail: notifications.recipientEmail, userEmail: users.email, userLocale: users.locale, disabledAt: users.disabledAt,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(notifications.id, claimed.notificationId));
  let result: ChannelResult;
  try {
    result = notice ? await send(db, claimed.channel, notice, options) : { status: 'skipped', reason: 'notice-missing' };
  } catch (error) {
    result = { status: 'failed', error: (error as { code?: string }).code ?? (error as Error).name ?? 'error' };
  }
  if (result.status === 'delivered') {
    await db.update(notificationDeliveries).set({ status: 'delivered', deliveredAt: new Date(), lastError: null }).where(eq(notificationDeliveries.id, deliveryId));
    return 'delivered';
  }
  if (result.status === 'skipped') {
    await db.update(notificationDeliveries).set({ status: 'skipped', lastError: result.reason }).where(eq(notificationDeliveries.id, deliveryId));
    return 'skipped';
  }
  const status = options.final ? 'failed' : 'retrying';
  await db.update(notificationDeliveries).set({ status, lastError: result.error.slice(0, 200) }).where(eq(notificationDeliveries.id, deliveryId));
  if (status === 'retrying') throw new DeliveryRetry(result.error);
  console.error(`[notify] delivery ${deliveryId} failed for good: ${result.error}`);
  return 'failed';
}

interface NoticeRow {
  kind: NotificationKind;
  link: string;
  round: number;
  recipientId: string | null;
  recipientEmail: string | null;
  userEmail: string | null;
  /** The recipient account's language; an address with no account reads English. */
  userLocale: string | null;
  disabledAt: Date | null;
}

async function send(db: Db, channel: 'email' | 'push', notice: NoticeRow, options: DeliverOptions): Promise<ChannelResult> {
  if (notice.recipientId && notice.disabledAt) return { status: 'skipped', reason: 'account-disabled' };
  const url = `${appOrigin()}${notice.link}`;
  const digest = notice.kind === 'digest' && notice.recipientId && options.digestCounts ? await options.digestCounts(db, notice.recipientId) : undefined;
  const message = noticeMessage(notice.kind, url, { round: notice.round, digest }, notice.userLocale);
  if (channel === 'email') {
    const to = notice.userEmail ?? notice.recipientEmail;
    if (!to) return { status: 'skipped', reason: 'no-address' };
    const smtpUrl = options.smtpUrl ?? env.SMTP_URL;
    if (!smtpUrl) return { status: 'skipped', reason: 'smtp-not-configured' };
    await sendMail({ to, subject: message.subject, text: message.text }, smtpUrl);
    return { status: 'delivered' };
  }
  if (!notice.recipientId) return { status: 'skipped', reason: 'no-account' };
  if (!options.push) return { status: 'skipped', reason: 'push-not-configured' };
  const urgent = notice.kind === 'urgent-alert' || notice.kind === 'alert-escalation';
  return options.push(db, notice.recipientId, { ...message, url, urgent, tag: notice.kind });
}
