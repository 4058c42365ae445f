// zod inputs for adding a patient, their profile and care team, and their account, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { emailSchema, personNameSchema, timeZoneSchema, uuidSchema } from '~/lib/validation';
import { locales } from '~/lib/i18n/locales';
import { renalFunctionCategories } from '~/lib/enums';

const dateOfBirthSchema = z.iso
  .date({ error: ek('patients.dateOfBirthFormat'), abort: true })
  .refine((d) => d >= '1900-01-01' && d <= new Date().toISOString().slice(0, 10), ek('patients.dateOfBirthPast'));

export const addPatientInput = z.strictObject({
  name: personNameSchema,
  email: emailSchema,
  timeZone: timeZoneSchema,
  /** The language the patient reads: their invite email and, from the start, their pages. */
  locale: z.enum(locales, { error: ek('patients.language') }).default('en'),
  hasIntrathecalPump: z.boolean(),
  dateOfBirth: dateOfBirthSchema.optional(),
  conditions: z.string().trim().max(500, ek('validation.atMostChars')).default(''),
  renalFunction: z.enum(renalFunctionCategories).default('unknown'),
});

export const updatePatientProfileInput = z.strictObject({
  patientId: uuidSchema,
  dateOfBirth: dateOfBirthSchema.nullable(),
  conditions: z.string().trim().max(500, ek('validation.atMostChars')),
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
  reason: z.string().trim().min(3, ek('patients.disableReason')).max(500, ek('validation.atMostChars')),
});
