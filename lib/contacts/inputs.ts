// zod inputs for phone numbers: the clinic's contacts and escalation window, and a patient's own numbers.
import { z } from 'zod';
import { emailSchema, uuidSchema } from '~/lib/validation';
import { normalizePhone, PHONE_MAX_LENGTH, phoneProblemMessages } from './phone';

/**
 * An optional phone number: empty means none (null); anything else must be a phone number, and comes out
 * in its stored form (E.164 when it carries a country code, else as typed with digits and spaces).
 */
export const optionalPhoneSchema = z
  .string('Enter a phone number, or leave it empty.')
  .max(PHONE_MAX_LENGTH, `Use at most ${PHONE_MAX_LENGTH} characters.`)
  .transform((typed, ctx) => {
    if (typed.trim() === '') return null;
    const checked = normalizePhone(typed);
    if (checked.ok) return checked.value;
    ctx.issues.push({ code: 'custom', message: phoneProblemMessages[checked.problem], input: typed });
    return z.NEVER;
  });

/** An optional name beside a number (a crisis line, an on-call contact): empty means none. */
const optionalNameSchema = z
  .string('Enter a name, or leave it empty.')
  .trim()
  .max(200, 'Use at most 200 characters.')
  .transform((v) => (v === '' ? null : v));

const optionalEmailSchema = z.union([z.string().trim().length(0).transform(() => null), emailSchema], { error: 'Enter a valid email address, or leave it empty.' });

export const ESCALATION_MIN_MINUTES = 1;
export const ESCALATION_MAX_MINUTES = 720;
const escalationMessage = `Enter a whole number of minutes from ${ESCALATION_MIN_MINUTES} to ${ESCALATION_MAX_MINUTES} (12 hours).`;

type Issues = { issues: z.core.$ZodRawIssue[] };

/** A name and a number that make sense only together: each missing half is named on its own field. */
function bothOrNeither(ctx: Issues, value: Record<string, unknown>, name: string, phone: string, messages: { name: string; phone: string }) {
  const hasName = value[name] !== null && value[name] !== undefined;
  const hasPhone = value[phone] !== null && value[phone] !== undefined;
  if (hasName && !hasPhone) ctx.issues.push({ code: 'custom', message: messages.phone, path: [phone], input: value[phone] });
  if (hasPhone && !hasName) ctx.issues.push({ code: 'custom', message: messages.name, path: [name], input: value[name] });
}

export const updateClinicSettingsInput = z
  .strictObject({
    clinicPhone: optionalPhoneSchema,
    onCallName: optionalNameSchema,
    onCallEmail: optionalEmailSchema,
    onCallPhone: optionalPhoneSchema,
    crisisLineName: optionalNameSchema,
    crisisLinePhone: optionalPhoneSchema,
    escalationMinutes: z
      .number(escalationMessage)
      .int(escalationMessage)
      .min(ESCALATION_MIN_MINUTES, escalationMessage)
      .max(ESCALATION_MAX_MINUTES, escalationMessage),
  })
  .superRefine((v, ctx) =>
    bothOrNeither(ctx, v, 'crisisLineName', 'crisisLinePhone', {
      name: 'Enter the crisis line’s name too, so patients know whom they are calling.',
      phone: 'Enter the crisis line’s number too, or clear its name.',
    }),
  );

const emergencyContactMessages = {
  name: 'Enter the emergency contact’s name too, or clear their number.',
  phone: 'Enter the emergency contact’s number too, or clear their name.',
};

const ownContactFields = {
  patientId: uuidSchema,
  phone: optionalPhoneSchema,
  emergencyContactName: optionalNameSchema,
  emergencyContactPhone: optionalPhoneSchema,
};

/** The patient's own numbers, as the patient edits them (their care team's number is the team's to set). */
export const updateOwnContactsInput = z
  .strictObject(ownContactFields)
  .superRefine((v, ctx) => bothOrNeither(ctx, v, 'emergencyContactName', 'emergencyContactPhone', emergencyContactMessages));

/** A patient's numbers as their care team edits them: the patient's own, and the number the patient calls for the team. */
export const updatePatientContactsInput = z
  .strictObject({ ...ownContactFields, careTeamPhone: optionalPhoneSchema })
  .superRefine((v, ctx) => bothOrNeither(ctx, v, 'emergencyContactName', 'emergencyContactPhone', emergencyContactMessages));
