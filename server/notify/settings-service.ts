// A person's own notification settings: read (with the defaults when never saved) and changed, with an audit
// event in the same transaction. Patients set patient settings, clinicians clinician settings, everyone the
// channels and quiet hours; a setting that is not theirs is refused with a message on its field.
import 'server-only';
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db, DbOrTx } from '~/db';
import { notificationSettings, users } from '~/db/schema';
import { CLINICIAN_FIELDS, PATIENT_FIELDS, type updateNotificationSettingsInput } from '~/lib/notify/inputs';
import { writeAudit, type Actor } from '~/server/audit';
import type { ErrorKey } from '~/i18n/errors';
import { AppError } from '~/server/errors';
import { loadRecipients, type NotificationSettings } from './settings';

export type SettingsRole = Actor['role'];

export interface MySettings {
  role: SettingsRole;
  /** The zone every time here is in. */
  timeZone: string;
  settings: NotificationSettings;
}

async function current(db: DbOrTx, userId: string): Promise<{ timeZone: string; settings: NotificationSettings }> {
  const recipient = (await loadRecipients(db, [userId])).get(userId);
  if (!recipient) throw new AppError('NOT_FOUND', 'patients.accountNotFound');
  return { timeZone: recipient.timeZone, settings: recipient.settings };
}

export async function getMySettings(db: DbOrTx, actor: Actor): Promise<MySettings> {
  return { role: actor.role, ...(await current(db, actor.id)) };
}

const notYours: Record<SettingsRole, { fields: readonly string[]; message: ErrorKey }[]> = {
  patient: [{ fields: CLINICIAN_FIELDS, message: 'notify.cliniciansOnly' }],
  clinician: [{ fields: PATIENT_FIELDS, message: 'notify.patientsOnly' }],
  admin: [
    { fields: CLINICIAN_FIELDS, message: 'notify.cliniciansOnly' },
    { fields: PATIENT_FIELDS, message: 'notify.patientsOnly' },
  ],
};

export async function updateMySettings(db: Db, actor: Actor, input: z.output<typeof updateNotificationSettingsInput>): Promise<MySettings> {
  const fieldErrors: Record<string, ErrorKey[]> = {};
  for (const { fields, message } of notYours[actor.role]) {
    for (const field of fields) if (input[field as keyof typeof input] !== undefined) fieldErrors[field] = [message];
  }
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError('BAD_REQUEST', 'notify.notYourSettings', fieldErrors);
  }
  return db.transaction(async (tx) => {
    // The person's row, locked, so two saves at once apply one after the other.
    await tx.select({ id: users.id }).from(users).where(eq(users.id, actor.id)).for('update');
    const { timeZone, settings: before } = await current(tx, actor.id);
    const changes = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<NotificationSettings>;
    const after: NotificationSettings = { ...before, ...changes };
    const now = new Date();
    await tx
      .insert(notificationSettings)
      .values({ userId: actor.id, ...after, updatedAt: now })
      .onConflictDoUpdate({ target: notificationSettings.userId, set: { ...after, updatedAt: now } });
    const changed = (Object.keys(after) as (keyof NotificationSettings)[]).filter((key) => after[key] !== before[key]);
    await writeAudit(tx, actor, {
      action: 'notification_settings.update',
      entityType: 'notification_settings',
      entityId: actor.id,
      patientId: actor.role === 'patient' ? actor.id : null,
      before: Object.fromEntries(changed.map((key) => [key, before[key]])),
      after: Object.fromEntries(changed.map((key) => [key, after[key]])),
    });
    return { role: actor.role, timeZone, settings: after };
  });
}
