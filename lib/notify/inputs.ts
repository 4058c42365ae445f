// zod inputs of notifications: the in-app list, an alert's history, the administrator's delivery view, and
// a person's own notification settings, with the messages shown beside each field. Every field
// is optional: what is left out keeps its saved value. Which fields a person may set depends on their role
// (PATIENT_FIELDS, CLINICIAN_FIELDS): checked by the service, which knows who is asking.
import { z } from 'zod';
import { digestFrequencies } from '~/lib/enums';
import { ek, type ErrorKey } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';
import { isClockTime } from './local-time';

const clockTime = (message: ErrorKey) => z.string().trim().refine(isClockTime, message);

export const updateNotificationSettingsInput = z
  .strictObject({
    emailEnabled: z.boolean().optional(),
    pushEnabled: z.boolean().optional(),
    quietStart: clockTime(ek('notify.quietStartTime')).nullable().optional(),
    quietEnd: clockTime(ek('notify.quietEndTime')).nullable().optional(),
    /** Patients: null turns the daily check-in reminder off. */
    reminderTime: clockTime(ek('notify.reminderTime')).nullable().optional(),
    doseChangeEnabled: z.boolean().optional(),
    /** Clinicians. */
    urgentEnabled: z.boolean().optional(),
    messagesEnabled: z.boolean().optional(),
    digest: z.enum(digestFrequencies, { error: ek('notify.digest') }).optional(),
    digestTime: clockTime(ek('notify.digestTime')).optional(),
  })
  .superRefine((v, ctx) => {
    // Quiet hours are a start and an end together, or none: the one missing gets the message.
    if (v.quietStart === undefined && v.quietEnd === undefined) return;
    const start = v.quietStart ?? null;
    const end = v.quietEnd ?? null;
    if (start && !end) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: ek('notify.quietEndToo') });
    if (end && !start) ctx.addIssue({ code: 'custom', path: ['quietStart'], message: ek('notify.quietStartToo') });
    if (start && end && start === end) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: ek('notify.quietSame') });
  });

export type UpdateNotificationSettingsInput = z.input<typeof updateNotificationSettingsInput>;

/** Settings only a patient has, and only a clinician has; everyone has the channels and the quiet hours. */
export const PATIENT_FIELDS = ['reminderTime', 'doseChangeEnabled'] as const;
export const CLINICIAN_FIELDS = ['urgentEnabled', 'messagesEnabled', 'digest', 'digestTime'] as const;


export const listNotificationsInput = z.strictObject({
  unreadOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
});

export const markNotificationsReadInput = z.union([
  z.strictObject({ ids: z.array(uuidSchema).min(1, ek('notify.chooseNotification')).max(200, ek('notify.atMostAtOnce')) }),
  z.strictObject({ all: z.literal(true) }),
]);

export const alertNotificationsInput = z.strictObject({ patientId: uuidSchema, alertId: uuidSchema });

export const retryDeliveryInput = z.strictObject({ deliveryId: uuidSchema });
