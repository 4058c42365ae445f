// zod inputs of notifications: the in-app list, an alert's history, the administrator's delivery view, and
// a person's own notification settings, with the messages shown beside each field. Every field
// is optional: what is left out keeps its saved value. Which fields a person may set depends on their role
// (PATIENT_FIELDS, CLINICIAN_FIELDS): checked by the service, which knows who is asking.
import { z } from 'zod';
import { digestFrequencies } from '~/lib/enums';
import { uuidSchema } from '~/lib/validation';
import { isClockTime } from './local-time';

const clockTime = (message: string) => z.string().trim().refine(isClockTime, message);

export const updateNotificationSettingsInput = z
  .strictObject({
    emailEnabled: z.boolean().optional(),
    pushEnabled: z.boolean().optional(),
    quietStart: clockTime('Enter the time the quiet hours start, as HH:MM (for example 22:00).').nullable().optional(),
    quietEnd: clockTime('Enter the time the quiet hours end, as HH:MM (for example 07:00).').nullable().optional(),
    /** Patients: null turns the daily check-in reminder off. */
    reminderTime: clockTime('Enter the reminder time as HH:MM (for example 19:00).').nullable().optional(),
    doseChangeEnabled: z.boolean().optional(),
    /** Clinicians. */
    urgentEnabled: z.boolean().optional(),
    messagesEnabled: z.boolean().optional(),
    digest: z.enum(digestFrequencies, { error: 'Choose no digest or a daily digest.' }).optional(),
    digestTime: clockTime('Enter the digest time as HH:MM (for example 07:30).').optional(),
  })
  .superRefine((v, ctx) => {
    // Quiet hours are a start and an end together, or none: the one missing gets the message.
    if (v.quietStart === undefined && v.quietEnd === undefined) return;
    const start = v.quietStart ?? null;
    const end = v.quietEnd ?? null;
    if (start && !end) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'Enter when the quiet hours end too, or clear both times.' });
    if (end && !start) ctx.addIssue({ code: 'custom', path: ['quietStart'], message: 'Enter when the quiet hours start too, or clear both times.' });
    if (start && end && start === end) ctx.addIssue({ code: 'custom', path: ['quietEnd'], message: 'The quiet hours must end at a different time than they start.' });
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
  z.strictObject({ ids: z.array(uuidSchema).min(1, 'Choose at least one notification.').max(200, 'At most 200 at a time.') }),
  z.strictObject({ all: z.literal(true) }),
]);

export const alertNotificationsInput = z.strictObject({ patientId: uuidSchema, alertId: uuidSchema });

export const retryDeliveryInput = z.strictObject({ deliveryId: uuidSchema });
