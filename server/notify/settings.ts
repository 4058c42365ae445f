// Each person's notification settings (defaults when they never saved any), and what they mean for one notice:
// the channels it goes out on and when.
import 'server-only';
import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { notificationSettings, users } from '~/db/schema';
import type { notificationChannels } from '~/lib/enums';
import { quietUntil } from '~/lib/notify/local-time';

export type Channel = (typeof notificationChannels)[number];
export type NotificationSettings = Omit<typeof notificationSettings.$inferSelect, 'userId' | 'updatedAt'>;

export const DEFAULT_SETTINGS: NotificationSettings = {
  emailEnabled: true,
  pushEnabled: true,
  urgentEnabled: true,
  messagesEnabled: true,
  digest: 'none',
  digestTime: '07:30',
  reminderTime: '19:00',
  doseChangeEnabled: true,
  quietStart: null,
  quietEnd: null,
};

export interface Recipient {
  userId: string;
  timeZone: string;
  settings: NotificationSettings;
}

/** The settings and time zone of each user (defaults for those who never saved settings). */
export async function loadRecipients(db: DbOrTx, userIds: readonly string[]): Promise<Map<string, Recipient>> {
  const ids = [...new Set(userIds)];
  const result = new Map<string, Recipient>();
  if (ids.length === 0) return result;
  const people = await db.select({ id: users.id, timeZone: users.timeZone }).from(users).where(inArray(users.id, ids));
  const saved = await db.select().from(notificationSettings).where(inArray(notificationSettings.userId, ids));
  const byUser = new Map(saved.map((row) => [row.userId, row]));
  for (const person of people) {
    const row = byUser.get(person.id);
    const settings: NotificationSettings = row
      ? { ...DEFAULT_SETTINGS, ...Object.fromEntries(Object.entries(row).filter(([key]) => key !== 'userId' && key !== 'updatedAt')) }
      : DEFAULT_SETTINGS;
    result.set(person.id, { userId: person.id, timeZone: person.timeZone, settings });
  }
  return result;
}

/**
 * The channels a notice goes out on for this person, and when. Urgent notices ignore quiet hours, and a
 * forced one (a prescriber's urgent alert) ignores the opt-outs too: it always goes out by email and push.
 */
export function deliveryFor(recipient: Recipient, options: { urgent: boolean; forced?: boolean }, now = new Date()): { channels: Channel[]; notBefore: Date | null } {
  const { settings } = recipient;
  const channels: Channel[] = [];
  if (options.forced || settings.emailEnabled) channels.push('email');
  if (options.forced || settings.pushEnabled) channels.push('push');
  const notBefore = options.urgent ? null : quietUntil(now, recipient.timeZone, settings.quietStart, settings.quietEnd);
  return { channels, notBefore };
}
