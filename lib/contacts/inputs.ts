// zod inputs for phone numbers: the clinic's contacts and escalation window, and a patient's own numbers.
import { z } from 'zod';
import { ek, type ErrorKey } from '~/i18n/error-keys';
import { emailSchema, uuidSchema } from '~/lib/validation';
import { normalizePhone, PHONE_MAX_DIGITS, PHONE_MAX_LENGTH, PHONE_MIN_DIGITS, phoneProblemMessages } from './phone';

/**
 * An optional phone number: empty means none (null); anything else must be a phone number, and comes out
 * in its stored form (E.164 when it carries a country code, else as typed with digits and spaces).
 */
export const optionalPhoneSchema = z
  .string(ek('patients.phoneOrEmpty'))
  .max(PHONE_MAX_LENGTH, ek('validation.atMostChars'))
  .transform((typed, ctx) => {
    if (typed.trim() === '') return null;
    const checked = normalizePhone(typed);
    if (checked.ok) return checked.value;
    // The digit counts go with the issue (its params) for the message to name.
    ctx.issues.push({ code: 'custom', message: phoneProblemMessages[checked.problem], input: typed, params: { minimum: PHONE_MIN_DIGITS, maximum: PHONE_MAX_DIGITS } });
    return z.NEVER;
  });

/** An optional name beside a number (a crisis line, an on-call contact): empty means none. */
const optionalNameSchema = z
  .string(ek('patients.nameOrEmpty'))
  .trim()
  .max(200, ek('validation.atMostChars'))
  .transform((v) => (v === '' ? null : v));

const optionalEmailSchema = z.union([z.string().trim().length(0).transform(() => null), emailSchema], { error: ek('patients.emailOrEmpty') });

export const ESCALATION_MIN_MINUTES = 1;
export const ESCALATION_MAX_MINUTES = 720;
// The message writes out ESCALATION_MIN_MINUTES and ESCALATION_MAX_MINUTES (1 to 720): a type or whole-number check has no bounds to give it.
const escalationMessage = ek('patients.escalationMinutes');

type Issues = { issues: z.core.$ZodRawIssue[] };

/** A name and a number that make sense only together: each missing half is named on its own field. */
function bothOrNeither(ctx: Issues, value: Record<string, unknown>, name: string, phone: string, messages: { name: ErrorKey; phone: ErrorKey }) {
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
      name: ek('patients.contacts.crisisLineName'),
      phone: ek('patients.contacts.crisisLinePhone'),
    }),
  );

const emergencyContactMessages = {
  name: ek('patients.contacts.emergencyContactName'),
  phone: ek('patients.contacts.emergencyContactPhone'),
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
