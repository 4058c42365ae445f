// The rule for a new password: long enough, not too long, and not one of the commonest.
import { z } from 'zod';
import { commonPasswords } from './common-passwords';

export const passwordSchema = z
  .string()
  .min(8, 'Use at least 8 characters.')
  .max(128, 'Use at most 128 characters.')
  .refine((p) => !commonPasswords.has(p.toLowerCase()), 'This password is too common. Choose another one.');
