// zod inputs for opening and accepting an invitation, with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { passwordSchema } from '~/lib/accounts/password';

const tokenSchema = z.string().min(20, ek('invites.linkMalformed')).max(100, ek('invites.linkMalformed'));

export const inviteInspectInput = z.strictObject({ token: tokenSchema });

export const acceptInviteInput = z
  .strictObject({ token: tokenSchema, password: passwordSchema, confirmPassword: z.string().max(256) })
  .refine((v) => v.password === v.confirmPassword, { message: ek('auth.passwordsDiffer'), path: ['confirmPassword'] });
