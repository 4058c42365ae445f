// zod inputs for notes and their corrections, with the messages shown beside each field.
import { z } from 'zod';
import { uuidSchema, versionNumberSchema } from '~/lib/validation';
import { noteVisibilities } from '~/lib/enums';

export const NOTE_MAX_LENGTH = 4000;

export const createNoteInput = z
  .strictObject({
    patientId: uuidSchema,
    body: z.string().trim().min(1, 'Write the note.').max(NOTE_MAX_LENGTH, `Use at most ${NOTE_MAX_LENGTH} characters.`),
    visibility: z.enum(noteVisibilities, 'Choose who can read this note.'),
    correctsNoteId: uuidSchema.optional(),
    planId: uuidSchema.optional(),
    planVersion: versionNumberSchema.optional(),
    alertId: uuidSchema.optional(),
    weeklyReviewId: uuidSchema.optional(),
    mdtItemId: uuidSchema.optional(),
  })
  .refine((v) => (v.planId === undefined) === (v.planVersion === undefined), {
    message: 'A link to a plan names both the plan and its version.',
    path: ['planVersion'],
  });
