// zod inputs for the trends chart, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema } from '~/lib/validation';
import { scoreKeys } from '~/lib/checkins/types';
import { trendRanges } from '~/lib/trends/series';

export const getTrendsInput = z.strictObject({
  patientId: uuidSchema,
  range: z.enum(trendRanges, { error: 'Choose a range: 2 weeks, 3 months or the whole taper.' }),
  metrics: z
    .array(z.enum(scoreKeys, { error: 'Choose one of the check-in scores.' }))
    .min(1, 'Choose at least one score.')
    .max(scoreKeys.length)
    .transform((keys) => [...new Set(keys)])
    .optional(),
});
