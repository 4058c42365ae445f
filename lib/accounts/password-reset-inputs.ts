// zod inputs for asking for a password reset link and using it, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { passwordSchema } from '~/lib/accounts/password';
import { emailSchema } from '~/lib/validation';

const tokenSchema = z.string().min(20, ek('accounts.resetLink.malformed')).max(100, ek('accounts.resetLink.malformed'));

export const requestPasswordResetInput = z.strictObject({ email: emailSchema });

export const inspectPasswordResetInput = z.strictObject({ token: tokenSchema });

export const resetPasswordInput = z
  .strictObject({ token: tokenSchema, password: passwordSchema, confirmPassword: z.string().max(256) })
  .refine((v) => v.password === v.confirmPassword, { message: ek('auth.passwordsDiffer'), path: ['confirmPassword'] });
