// zod inputs for marking milestones seen, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema } from '~/lib/validation';

export const markSeenInput = z.strictObject({
  patientId: uuidSchema,
  milestoneIds: z.array(uuidSchema).min(1, 'Choose at least one milestone.').max(100, 'At most 100 at a time.'),
});
