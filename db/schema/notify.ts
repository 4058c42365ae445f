// Notifications: the in-app list and the outbox the worker drains (one delivery per notification and
// channel), each person's notification settings, their Web Push subscriptions, and the clinic's contacts.
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { deliveryStatuses, digestFrequencies, notificationChannels, notificationKinds } from '../../lib/enums';
import { alerts } from './checkins';
import { users } from './users';

export { deliveryStatuses, digestFrequencies, notificationChannels, notificationKinds };

export const notificationKind = pgEnum('notification_kind', notificationKinds);
export const notificationChannel = pgEnum('notification_channel', notificationChannels);
export const deliveryStatus = pgEnum('delivery_status', deliveryStatuses);
export const digestFrequency = pgEnum('digest_frequency', digestFrequencies);

/**
 * One notice to one person (a user, or the clinic's on-call address). Written in the transaction that made
 * it necessary, with its deliveries; the dedupe key makes writing it twice (a second instance, a retried
 * job) a no-op. Carries no health data: the app shows the details behind sign-in.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** Null only for the clinic's on-call contact, reached by email at `recipientEmail`. */
    recipientId: uuid('recipient_id').references(() => users.id),
    recipientEmail: text('recipient_email'),
    /** The patient the notice is about (a patient's own reminders name themselves); null for a digest or a test. */
    patientId: uuid('patient_id'),
    kind: notificationKind('kind').notNull(),
    alertId: uuid('alert_id').references(() => alerts.id),
    /** 0 for the first notice of an alert; 1, 2, ... for each escalation round. */
    round: smallint('round').notNull().default(0),
    /** A path inside the app the notice links to. */
    link: text('link').notNull(),
    dedupeKey: text('dedupe_key').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Read in the app by its recipient. */
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_key').on(t.dedupeKey),
    index('notifications_recipient_idx').on(t.recipientId, t.createdAt),
    index('notifications_unread_idx').on(t.recipientId).where(sql`${t.readAt} is null`),
    index('notifications_alert_idx').on(t.alertId),
    index('notifications_patient_idx').on(t.patientId),
    check('notifications_has_recipient', sql`${t.recipientId} is not null or ${t.recipientEmail} is not null`),
  ],
);

/** The outbox: one row per notification and channel, delivered by the worker with retries. */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    notificationId: uuid('notification_id').notNull().references(() => notifications.id),
    patientId: uuid('patient_id'),
    channel: notificationChannel('channel').notNull(),
    status: deliveryStatus('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The kind of failure only (a connection refused, a rejected address): never a message's content. */
    lastError: text('last_error'),
    /** Not before this time (quiet hours); the job is scheduled for it. */
    notBefore: timestamp('not_before', { withTimezone: true }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('notification_deliveries_one_per_channel').on(t.notificationId, t.channel),
    index('notification_deliveries_failed_idx').on(t.createdAt).where(sql`${t.status} = 'failed'`),
  ],
);

/**
 * A person's notification settings; no row means the defaults. Times are 'HH:MM' in the person's own
 * time zone (users.time_zone).
 */
export const notificationSettings = pgTable(
  'notification_settings',
  {
    userId: uuid('user_id').primaryKey().references(() => users.id),
    emailEnabled: boolean('email_enabled').notNull().default(true),
    pushEnabled: boolean('push_enabled').notNull().default(true),
    /** Clinicians: urgent alerts of their patients (prescribers on the team get them whatever this says). */
    urgentEnabled: boolean('urgent_enabled').notNull().default(true),
    /** Clinicians: a message from a patient on their team. */
    messagesEnabled: boolean('messages_enabled').notNull().default(true),
    /** Clinicians: a daily count of what waits for them, or none. */
    digest: digestFrequency('digest').notNull().default('none'),
    digestTime: text('digest_time').notNull().default('07:30'),
    /** Patients: the daily check-in reminder, null when turned off. */
    reminderTime: text('reminder_time').default('19:00'),
    /** Patients: "your dose changes tomorrow". */
    doseChangeEnabled: boolean('dose_change_enabled').notNull().default(true),
    /** Non-urgent notices wait until the quiet hours end; both null means none. */
    quietStart: text('quiet_start'),
    quietEnd: text('quiet_end'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('notification_settings_quiet_both', sql`(${t.quietStart} is null) = (${t.quietEnd} is null)`),
  ],
);

/** A browser's Web Push subscription (RFC 8030 endpoint and the RFC 8291 keys to encrypt for it). */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id').notNull().references(() => users.id),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** A label the person recognises ("Chrome on Android"), from the browser. */
    label: text('label').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastDeliveredAt: timestamp('last_delivered_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
);

/** The clinic's contacts and escalation rule, set by an administrator: one row (id 1). */
export const clinicSettings = pgTable(
  'clinic_settings',
  {
    id: smallint('id').primaryKey().default(1),
    /** The number patients tap on the urgent screen (the care team's or the clinic's). */
    clinicPhone: text('clinic_phone'),
    onCallName: text('on_call_name'),
    onCallEmail: text('on_call_email'),
    onCallPhone: text('on_call_phone'),
    /** Shown with the self-harm question and on the urgent screen. */
    crisisLineName: text('crisis_line_name'),
    crisisLinePhone: text('crisis_line_phone'),
    /** Minutes an urgent alert may stay unacknowledged before the prescribers and on-call are notified again. */
    escalationMinutes: integer('escalation_minutes').notNull().default(30),
    updatedBy: uuid('updated_by').references(() => users.id),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check('clinic_settings_single_row', sql`${t.id} = 1`),
    check('clinic_settings_escalation_range', sql`${t.escalationMinutes} between 1 and 720`),
  ],
);

/**
 * One conversation per patient (notes and plan comments in one thread): when the patient last wrote, and
 * when a team member last opened it. Unread for the team while the first is later than the second.
 */
export const patientConversations = pgTable('patient_conversations', {
  patientId: uuid('patient_id').primaryKey().references(() => users.id),
  lastPatientMessageAt: timestamp('last_patient_message_at', { withTimezone: true }),
  teamReadAt: timestamp('team_read_at', { withTimezone: true }),
  teamReadBy: uuid('team_read_by').references(() => users.id),
});
