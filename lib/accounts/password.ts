// The rule for a new password: long enough, not too long, and not one of the commonest.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';
import { commonPasswords } from './common-passwords';

export const passwordSchema = z
  .string()
  .min(8, ek('auth.passwordTooShort'))
  .max(128, ek('validation.atMostChars'))
  .refine((p) => !commonPasswords.has(p.toLowerCase()), ek('auth.passwordTooCommon'));
