// zod inputs for a plan's stop-go criteria, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { criteriaFieldsSchema } from '~/lib/criteria/types';

export const getCriteriaInput = z.strictObject({ patientId: uuidSchema, planId: uuidSchema });

export const updateCriteriaInput = z.strictObject({
  patientId: uuidSchema,
  planId: uuidSchema,
  expectedVersion: versionNumberSchema,
  // Checked field by field here; between fields and criteria by the service, whose messages name the values.
  criteria: criteriaFieldsSchema,
  reason: z.string().trim().min(3, ek('criteria.reasonRequired')).max(1000),
});
