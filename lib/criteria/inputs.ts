// zod inputs for a plan's stop-go criteria, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { criteriaSchema } from '~/lib/criteria/types';

export const getCriteriaInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema });

export const updateCriteriaInput = z.strictObject({
  patientId: uuidSchema,
  planId: uuidSchema,
  expectedVersion: versionNumberSchema,
  criteria: criteriaSchema,
  reason: z.string().trim().min(3, 'Give a reason: the team sees it.').max(1000),
});
