// zod inputs for the trends chart, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { uuidSchema } from '~/lib/validation';
import { scoreKeys } from '~/lib/checkins/types';
import { trendRanges } from '~/lib/trends/series';

export const getTrendsInput = z.strictObject({
  patientId: uuidSchema,
  range: z.enum(trendRanges, { error: ek('checkins.trendRange') }),
  metrics: z
    .array(z.enum(scoreKeys, { error: ek('checkins.trendScore') }))
    .min(1, ek('checkins.trendNoScore'))
    .max(scoreKeys.length)
    .transform((keys) => [...new Set(keys)])
    .optional(),
});
