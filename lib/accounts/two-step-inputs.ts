// zod inputs of two-step sign-in (an authenticator app and recovery codes), with the messages shown beside each field.
import { z } from 'zod';

/** Six digits from the app (spaces allowed, as apps show them), or a recovery code (xxxxx-xxxxx). */
export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(1, 'Enter the code from your authenticator app, or a recovery code.')
  .max(32, 'That is not a code from your authenticator app or a recovery code.');

/** Six digits only: confirming a new authenticator needs a code from it, not a recovery code. */
export const totpCodeSchema = z
  .string()
  .trim()
  .transform((v) => v.replace(/\s+/g, ''))
  .pipe(z.string().regex(/^\d{6}$/, 'Enter the 6-digit code your authenticator app shows.'));

const passwordField = z.string().min(1, 'Enter your password.').max(256);

/** Proving it is you before changing your sign-in factors: the password, and a code when you already have an authenticator. */
export const twoStepReauthInput = z.strictObject({ password: passwordField, code: secondFactorCodeSchema.optional() });

export const confirmTwoStepInput = z.strictObject({ code: totpCodeSchema });

export const passTwoStepInput = z.strictObject({ code: secondFactorCodeSchema });

export const resetTwoStepInput = z.strictObject({ userId: z.uuid('Not a valid account.') });
