// zod inputs for a person's own password, and the administrator's staff accounts, with the messages shown beside each field.
import { z } from 'zod';
import { ek, type ErrorKey } from '~/i18n/error-keys';
import { emailSchema, personNameSchema, timeZoneSchema, uuidSchema } from '~/lib/validation';
import { professions } from '~/lib/enums';
import { locales } from '~/lib/i18n/locales';
import { passwordSchema } from '~/lib/accounts/password';
import { type Profession } from '~/lib/accounts/profession';

const professionSchema = z.enum(professions, { error: ek('accounts.professionChoice') });

/**
 * What makes a staff account's profession and prescribing right valid: a clinician has a profession,
 * an administrator (or a patient) has none and may not prescribe. As field errors, before the
 * database's check constraints would refuse the same.
 */
export function staffRightsIssues(v: { role: string; profession?: Profession | null; mayPrescribe?: boolean }): { path: 'profession' | 'mayPrescribe'; message: ErrorKey }[] {
  const issues: { path: 'profession' | 'mayPrescribe'; message: ErrorKey }[] = [];
  if (v.role === 'clinician' && !v.profession) issues.push({ path: 'profession', message: ek('accounts.professionRequired') });
  if (v.role !== 'clinician' && v.profession) issues.push({ path: 'profession', message: ek('accounts.adminNoProfession') });
  if (v.role !== 'clinician' && v.mayPrescribe) issues.push({ path: 'mayPrescribe', message: ek('accounts.prescribeCliniciansOnly') });
  return issues;
}

/** The language a person reads the app in. */
export const setLocaleInput = z.strictObject({ locale: z.enum(locales, { error: ek('accounts.languageChoice') }) });

export const changePasswordInput = z.strictObject({
  currentPassword: z.string().min(1, ek('accounts.currentPasswordRequired')).max(256),
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
