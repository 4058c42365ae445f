// The transactional outbox: a notice is written with its deliveries and their jobs in the transaction that
// made it necessary, so nothing goes out for a change that rolled back and nothing is lost while a channel is down.
import 'server-only';
import { inArray } from 'drizzle-orm';
import type { Tx } from '~/db';
import { QUEUES, sendJob } from '~/db/jobs';
import { notificationDeliveries, notifications } from '~/db/schema';
import type { notificationKinds } from '~/lib/enums';
import type { Channel } from './settings';

export type NotificationKind = (typeof notificationKinds)[number];

export interface NewNotice {
  /** A user, or (only for the clinic's on-call contact) an email address. */
  recipient: { userId: string } | { email: string };
  /** The patient the notice is about; null for a digest or a test. */
  patientId: string | null;
  kind: NotificationKind;
  alertId?: string | null;
  round?: number;
  /** A path inside the app ('/clinician/patients/…'). */
  link: string;
  /** Unique across all notices: writing the same notice twice is a no-op. */
  dedupeKey: string;
  /** Channels to deliver on besides the in-app list (none: in-app only). */
  channels: readonly Channel[];
  /** Quiet hours: not delivered before this. */
  notBefore?: Date | null;
}

/**
 * Writes the notices (skipping those written before), their deliveries and one delivery job each, in the
 * caller's transaction. Returns the ids of the notices written now.
 */
export async function enqueueNotifications(tx: Tx, notices: readonly NewNotice[]): Promise<string[]> {
  if (notices.length === 0) return [];
  const rows = await tx
    .insert(notifications)
    .values(
      notices.map((n) => ({
        recipientId: 'userId' in n.recipient ? n.recipient.userId : null,
        recipientEmail: 'email' in n.recipient ? n.recipient.email : null,
        patientId: n.patientId,
        kind: n.kind,
        alertId: n.alertId ?? null,
        round: n.round ?? 0,
        link: n.link,
        dedupeKey: n.dedupeKey,
      })),
    )
    .onConflictDoNothing({ target: notifications.dedupeKey })
    .returning({ id: notifications.id, dedupeKey: notifications.dedupeKey });
  if (rows.length === 0) return [];
  const byKey = new Map(notices.map((n) => [n.dedupeKey, n]));
  const deliveries = rows.flatMap((row) => {
    const notice = byKey.get(row.dedupeKey);
    if (!notice) return [];
    const channels = 'email' in notice.recipient ? notice.channels.filter((c) => c === 'email') : notice.channels;
    return channels.map((channel) => ({ notificationId: row.id, patientId: notice.patientId, channel, notBefore: notice.notBefore ?? null }));
  });
  if (deliveries.length > 0) {
    const written = await tx
      .insert(notificationDeliveries)
      .values(deliveries)
      .returning({ id: notificationDeliveries.id, notBefore: notificationDeliveries.notBefore });
    for (const delivery of written) {
      await sendJob(tx, QUEUES.deliver.name, { deliveryId: delivery.id }, delivery.notBefore ? { startAfter: delivery.notBefore } : {});
    }
  }
  return rows.map((r) => r.id);
}

/** The notices written for these dedupe keys (to tell a test or a caller what went out). */
export async function noticeIdsByKey(tx: Tx, keys: readonly string[]): Promise<string[]> {
  if (keys.length === 0) return [];
  const rows = await tx.select({ id: notifications.id }).from(notifications).where(inArray(notifications.dedupeKey, [...keys]));
  return rows.map((r) => r.id);
}
