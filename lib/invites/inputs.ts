// zod inputs for opening and accepting an invitation, with the messages shown beside each field.
import { z } from 'zod';
import { passwordSchema } from '~/lib/accounts/password';

const tokenSchema = z.string().min(20, 'This invitation link is not valid.').max(100, 'This invitation link is not valid.');

export const inviteInspectInput = z.strictObject({ token: tokenSchema });

export const acceptInviteInput = z
  .strictObject({ token: tokenSchema, password: passwordSchema, confirmPassword: z.string().max(256) })
  .refine((v) => v.password === v.confirmPassword, { message: 'The two passwords do not match.', path: ['confirmPassword'] });
