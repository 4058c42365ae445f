// zod inputs for notes and their corrections, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { noteVisibilities } from '~/lib/enums';
import { ek } from '~/i18n/error-keys';

export const NOTE_MAX_LENGTH = 4000;

export const createNoteInput = z
  .strictObject({
    patientId: uuidSchema,
    body: z.string().trim().min(1, ek('notes.bodyMissing')).max(NOTE_MAX_LENGTH, ek('validation.atMostChars')),
    visibility: z.enum(noteVisibilities, ek('notes.visibility')),
    correctsNoteId: uuidSchema.optional(),
    planId: uuidSchema.optional(),
    planVersion: versionNumberSchema.optional(),
    alertId: uuidSchema.optional(),
    weeklyReviewId: uuidSchema.optional(),
    mdtItemId: uuidSchema.optional(),
  })
  .refine((v) => (v.planId === undefined) === (v.planVersion === undefined), {
    message: ek('notes.planLinkIncomplete'),
    path: ['planVersion'],
  });
