// zod inputs of two-step sign-in (an authenticator app and recovery codes), with the messages shown beside each field.
import { z } from 'zod';
import { ek } from '~/i18n/error-keys';

/** Six digits from the app (spaces allowed, as apps show them), or a recovery code (xxxxx-xxxxx). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, ek('auth.twoStep.codeRequired'))
  .max(32, ek('auth.twoStep.codeTooLong'));

/** Six digits only: confirming a new authenticator needs a code from it, not a recovery code. */
export const totpCodeSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, ek('auth.twoStep.appCode')));

const passwordField = z.string().min(1, ek('auth.passwordRequired')).max(256);

/** Proving it is you before changing your sign-in factors: the password, and a code when you already have an authenticator. */
export const twoStepReauthInput = z.strictObject({ password: passwordField, code: secondFactorCodeSchema.optional() });

export const confirmTwoStepInput = z.strictObject({ code: totpCodeSchema });

export const passTwoStepInput = z.strictObject({ code: secondFactorCodeSchema });

export const resetTwoStepInput = z.strictObject({ userId: z.uuid(ek('accounts.accountId')) });
