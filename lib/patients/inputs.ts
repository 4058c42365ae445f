// zod inputs for adding a patient, their profile and care team, and their account, with the messages shown beside each field.
import { z } from 'zod';
import { emailSchema, personNameSchema, timeZoneSchema, uuidSchema } from '~/lib/validation';
import { locales } from '~/lib/i18n/locales';
import { renalFunctionCategories } from '~/lib/enums';

const dateOfBirthSchema = z.iso
  .date({ error: 'Enter the date of birth as YYYY-MM-DD.', abort: true })
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), 'Enter a date of birth in the past.');

export const addPatientInput = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  timeZone: timeZoneSchema,
  /** The language the patient reads: their invite email and, from the start, their pages. */
  locale: z.enum(locales, { error: 'Choose a language from the list.' }).default('en'),
  hasIntrathecalPump: z.boolean(),
  dateOfBirth: dateOfBirthSchema.optional(),
  conditions: z.string().trim().max(500, 'Use at most 500 characters.').default(''),
  renalFunction: z.enum(renalFunctionCategories).default('unknown'),
});

export const updatePatientProfileInput = z.strictObject({
  patientId: uuidSchema,
  dateOfBirth: dateOfBirthSchema.nullable(),
  conditions: z.string().trim().max(500, 'Use at most 500 characters.'),
  renalFunction: z.enum(renalFunctionCategories),
  hasIntrathecalPump: z.boolean(),
  timeZone: timeZoneSchema,
});

// No discipline: a member's discipline comes from their account (see disciplineFor).
export const addCareTeamMemberInput = z.strictObject({
  patientId: uuidSchema,
  clinicianEmail: emailSchema,
  mayEditPlan: z.boolean(),
});

export const updateCareTeamMemberInput = z.strictObject({
  patientId: uuidSchema,
  clinicianId: uuidSchema,
  mayEditPlan: z.boolean(),
});

export const removeCareTeamMemberInput = z.strictObject({ patientId: uuidSchema, clinicianId: uuidSchema });

export const setPatientAccountDisabledInput = z.strictObject({
  patientId: uuidSchema,
  disabled: z.boolean(),
  reason: z.string().trim().min(3, 'Say why, for the record (for example “moved to another clinic”).').max(500, 'Use at most 500 characters.'),
});
