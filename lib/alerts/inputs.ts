// zod inputs for listing and acknowledging alerts, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';

export const listAlertsInput = z.strictObject({ patientId: uuidSchema, open: z.boolean().default(false) });

export const acknowledgeAlertInput = z.strictObject({
  patientId: uuidSchema,
  alertId: uuidSchema,
  note: z.string().trim().min(2, ek('alerts.ackNote')).max(1000, ek('validation.atMostChars')),
});
