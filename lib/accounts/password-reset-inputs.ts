// zod inputs for asking for a password reset link and using it, with the messages shown beside each field.
import { z } from 'zod';
import { passwordSchema } from '~/lib/accounts/password';
import { emailSchema } from '~/lib/validation';

const tokenSchema = z.string().min(20, 'This reset link is not valid.').max(100, 'This reset link is not valid.');

export const requestPasswordResetInput = z.strictObject({ email: emailSchema });

export const inspectPasswordResetInput = z.strictObject({ token: tokenSchema });

export const resetPasswordInput = z
  .strictObject({ token: tokenSchema, password: passwordSchema, confirmPassword: z.string().max(256) })
  .refine((v) => v.password === v.confirmPassword, { message: 'The two passwords do not match.', path: ['confirmPassword'] });
