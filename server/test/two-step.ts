// Two-step sign-in for tests: an account given an authenticator (and recovery codes) straight in the
// database, an enrolment under way, and the code an authenticator shows now.
import { generateSync } from 'otplib';
import type { Db } from '~/db';
import { recoveryCodes, userTotp } from '~/db/schema';
import { encryptSecret, hashRecoveryCode, newRecoveryCodes, newTotpSecret, normaliseRecoveryCode } from '~/server/auth/totp';

/** The code the authenticator with `secret` shows at `at`. */
export function totpNow(secret: string, at: Date = new Date()): string {
  return generateSync({ secret, epoch: Math.floor(at.getTime() / 1000) });
}

/** A confirmed authenticator and ten recovery codes for the account. */
export async function giveAuthenticator(db: Db, userId: string, secret: string = newTotpSecret()): Promise<{ secret: string; codes: string[] }> {
  const codes = newRecoveryCodes();
  await db.insert(userTotp).values({ userId, secretEncrypted: encryptSecret(secret), confirmedAt: new Date() });
  await db.insert(recoveryCodes).values(codes.map((code) => ({ userId, codeHash: hashRecoveryCode(normaliseRecoveryCode(code) ?? code) })));
  return { secret, codes };
}

/** An enrolment under way (the secret shown, not yet confirmed). */
export async function startEnrolment(db: Db, userId: string): Promise<string> {
  const secret = newTotpSecret();
  await db.insert(userTotp).values({ userId, pendingSecretEncrypted: encryptSecret(secret), pendingSince: new Date() });
  return secret;
}
