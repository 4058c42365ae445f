// The in-app side of notifications: a person's own list and unread count, marking read; who an alert
// reached and how; and, for administrators, the deliveries that failed for good.
import 'server-only';
import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { QUEUES, sendJob } from '~/db/jobs';
import { alerts, notificationDeliveries, notifications, users } from '~/db/schema';
import type { deliveryStatuses } from '~/lib/enums';
import type { listNotificationsInput, markNotificationsReadInput } from '~/lib/notify/inputs';
import { writeAudit, type Actor } from '~/server/audit';
import { AppError } from '~/server/errors';

/** The patient a notice is about, by name: shown only to its recipient, behind sign-in. */
const patientName = sql<string | null>`(select u.name from ${users} u where u.id = ${notifications.patientId})`;

export async function listMyNotifications(db: DbOrTx, userId: string, input: z.output<typeof listNotificationsInput>) {
  return db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      patientId: notifications.patientId,
      patientName,
      alertId: notifications.alertId,
      round: notifications.round,
      alertAcknowledgedAt: alerts.acknowledgedAt,
      link: notifications.link,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
    })
    .from(notifications)
    .leftJoin(alerts, eq(alerts.id, notifications.alertId))
    .where(and(eq(notifications.recipientId, userId), input.unreadOnly ? isNull(notifications.readAt) : undefined))
    .orderBy(desc(notifications.createdAt))
    .limit(input.limit);
}

export async function unreadNotificationCount(db: DbOrTx, userId: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(notifications).where(and(eq(notifications.recipientId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/** Marks the caller's own notices read (others' ids are ignored: they match nothing). */
export async function markNotificationsRead(db: Db, actor: Actor, input: z.output<typeof markNotificationsReadInput>, now = new Date()) {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(notifications)
      .set({ readAt: now })
      .where(and(eq(notifications.recipientId, actor.id), isNull(notifications.readAt), 'ids' in input ? inArray(notifications.id, input.ids) : undefined))
      .returning({ id: notifications.id });
    if (rows.length > 0) await writeAudit(tx, actor, { action: 'notification.read', entityType: 'notification', after: { count: rows.length } });
    return { marked: rows.length };
  });
}

/** Who an alert's notices went to, on which channel, whether delivered, round by round. */
export async function alertNotificationHistory(db: DbOrTx, patientId: string, alertId: string) {
  const rows = await db
    .select({
      id: notifications.id,
      kind: notifications.kind,
      round: notifications.round,
      recipientName: users.name,
      recipientEmail: notifications.recipientEmail,
      createdAt: notifications.createdAt,
      readAt: notifications.readAt,
      channel: notificationDeliveries.channel,
      status: notificationDeliveries.status,
      attempts: notificationDeliveries.attempts,
      deliveredAt: notificationDeliveries.deliveredAt,
      lastError: notificationDeliveries.lastError,
    })
    .from(notifications)
    .leftJoin(users, eq(users.id, notifications.recipientId))
    .leftJoin(notificationDeliveries, eq(notificationDeliveries.notificationId, notifications.id))
    .where(and(eq(notifications.alertId, alertId), eq(notifications.patientId, patientId)))
    .orderBy(notifications.round, notifications.createdAt, users.name);
  type Entry = {
    id: string; kind: string; round: number; recipient: string; onCall: boolean; createdAt: Date; readAt: Date | null;
    deliveries: { channel: 'email' | 'push'; status: (typeof deliveryStatuses)[number]; attempts: number; deliveredAt: Date | null; lastError: string | null }[];
  };
  const byNotice = new Map<string, Entry>();
  for (const row of rows) {
    let entry = byNotice.get(row.id);
    if (!entry) {
      entry = {
        id: row.id, kind: row.kind, round: row.round, recipient: row.recipientName ?? row.recipientEmail ?? '', onCall: !row.recipientName,
        createdAt: row.createdAt, readAt: row.readAt, deliveries: [],
      };
      byNotice.set(row.id, entry);
    }
    if (row.channel && row.status) entry.deliveries.push({ channel: row.channel, status: row.status, attempts: row.attempts ?? 0, deliveredAt: row.deliveredAt, lastError: row.lastError });
  }
  return [...byNotice.values()];
}

/** Deliveries that failed for good, newest first: what an administrator should look into (no patient data). */
export async function listFailedDeliveries(db: DbOrTx, limit = 100) {
  return db
    .select({
      id: notificationDeliveries.id,
      channel: notificationDeliveries.channel,
      kind: notifications.kind,
      recipientName: users.name,
      recipientEmail: sql<string | null>`coalesce(${users.email}, ${notifications.recipientEmail})`,
      attempts: notificationDeliveries.attempts,
      lastError: notificationDeliveries.lastError,
      createdAt: notificationDeliveries.createdAt,
      lastAttemptAt: notificationDeliveries.lastAttemptAt,
    })
    .from(notificationDeliveries)
    .innerJoin(notifications, eq(notifications.id, notificationDeliveries.notificationId))
    .leftJoin(users, eq(users.id, notifications.recipientId))
    .where(eq(notificationDeliveries.status, 'failed'))
    .orderBy(desc(notificationDeliveries.createdAt))
    .limit(limit);
}

/** An administrator sends a failed delivery again (after fixing SMTP, say): back in the outbox with a new job. */
export async function retryDelivery(db: Db, actor: Actor, deliveryId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(notificationDeliveries)
      .set({ status: 'pending', lastError: null })
      .where(and(eq(notificationDeliveries.id, deliveryId), eq(notificationDeliveries.status, 'failed')))
      .returning({ id: notificationDeliveries.id, patientId: notificationDeliveries.patientId });
    if (!row) throw new AppError('NOT_FOUND', 'notify.deliveryNotFailed');
    await sendJob(tx, QUEUES.deliver.name, { deliveryId: row.id });
    await writeAudit(tx, actor, { action: 'notification.retry', entityType: 'notification_delivery', entityId: row.id, patientId: row.patientId });
    return { ok: true as const };
  });
}
