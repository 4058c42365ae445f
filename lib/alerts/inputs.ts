// zod inputs for listing and acknowledging alerts, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema } from '~/lib/validation';

export const listAlertsInput = z.strictObject({ patientId: uuidSchema, open: z.boolean().default(false) });

export const acknowledgeAlertInput = z.strictObject({
  patientId: uuidSchema,
  alertId: uuidSchema,
  note: z.string().trim().min(2, 'Say what was done (for example “Phoned the patient; advised urgent care”).').max(1000, 'Use at most 1000 characters.'),
});
