// zod inputs for marking milestones seen, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';

export const markSeenInput = z.strictObject({
  patientId: uuidSchema,
  milestoneIds: z.array(uuidSchema).min(1, ek('milestones.chooseOne')).max(100, ek('milestones.atMostAtATime')),
});
