// zod inputs for a person's own password, and the administrator's staff accounts, with the messages shown beside each field.
import { z } from 'zod';
import { emailSchema, personNameSchema, timeZoneSchema, uuidSchema } from '~/lib/validation';
import { professions } from '~/lib/enums';
import { locales } from '~/lib/i18n/locales';
import { passwordSchema } from '~/lib/accounts/password';
import { type Profession } from '~/lib/accounts/profession';

const professionSchema = z.enum(professions, { error: 'Choose a profession from the list.' });

/**
 * What makes a staff account's profession and prescribing right valid: a clinician has a profession,
 * an administrator (or a patient) has none and may not prescribe. As field errors, before the
 * database's check constraints would refuse the same.
 */
export function staffRightsIssues(v: { role: string; profession?: Profession | null; mayPrescribe?: boolean }): { path: 'profession' | 'mayPrescribe'; message: string }[] {
  const issues: { path: 'profession' | 'mayPrescribe'; message: string }[] = [];
  if (v.role === 'clinician' && !v.profession) issues.push({ path: 'profession', message: 'Choose the clinician’s profession.' });
  if (v.role !== 'clinician' && v.profession) issues.push({ path: 'profession', message: 'Only clinicians have a profession: administrators do not see patients.' });
  if (v.role !== 'clinician' && v.mayPrescribe) issues.push({ path: 'mayPrescribe', message: 'Only clinicians may prescribe.' });
  return issues;
}

/** The language a person reads the app in. */
export const setLocaleInput = z.strictObject({ locale: z.enum(locales, { error: 'Choose a language from the list.' }) });

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, 'Enter your current password.').max(256),
  newPassword: passwordSchema,
});

export const createStaffInput = z
  .strictObject({
    name: personNameSchema,
    email: emailSchema,
    timeZone: timeZoneSchema,
    role: z.enum(['clinician', 'admin']).default('clinician'),
    profession: professionSchema.nullable().optional(),
    mayPrescribe: z.boolean().default(false),
  })
  .superRefine((v, ctx) => {
    for (const issue of staffRightsIssues(v)) ctx.addIssue({ code: 'custom', ...issue, path: [issue.path] });
  });

export const updateClinicianInput = z.strictObject({ userId: uuidSchema, profession: professionSchema, mayPrescribe: z.boolean() });

export const setUserDisabledInput = z.strictObject({ userId: uuidSchema, disabled: z.boolean() });

export const reissueStaffInviteInput = z.strictObject({ userId: uuidSchema });
