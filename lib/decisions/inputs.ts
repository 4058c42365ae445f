// zod inputs for a step-end decision, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';

export const recordDecisionInput = z.strictObject({
  patientId: uuidSchema,
  planId: uuidSchema,
  expectedVersion: versionNumberSchema,
  decision: z.enum(['advance', 'hold', 'slow', 'step-back', 'pause']),
  reason: z.string().trim().min(3, ek('plans.reasonRequired')).max(1000),
  /** For hold: days to add to the step (default its length); for slow and step back: how much smaller the cuts get. */
  days: z.number().int().min(1).max(90).optional(),
  percent: z.number().int().min(5).max(50).default(25),
  /** A prescriber's reason for accepting cuts above the cap that a slow or a step back leaves. */
  aboveCapReason: z.string().trim().max(1000).refine((s) => s === '' || s.length >= 3, ek('plans.aboveCapReasonShort')).optional(),
});
