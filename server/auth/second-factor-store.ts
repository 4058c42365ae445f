// Checking and spending a second-factor code: used by password sign-in, the second step of a single
// sign-on session, and re-authentication. Each accepted code is spent with one conditional update, so two
// requests racing with the same code cannot both pass.
import 'server-only';
import { and, eq, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { DbOrTx } from '~/db';
import { recoveryCodes, userTotp } from '~/db/schema';
import { decryptSecret, hashRecoveryCode, looksLikeTotpCode, normaliseRecoveryCode, verifyTotp } from './totp';

export type PassedFactor = 'totp' | 'recovery';

/**
 * The authenticator's key, or null when it cannot be decrypted: AUTH_SECRET changed since it was set up.
 * Its codes are then refused (recovery codes still work, and an administrator can reset it); logged
 * without the account.
 */
export function readableSecret(stored: string): string | null {
  try {
    return decryptSecret(stored);
  } catch {
    console.error('[auth] an authenticator key cannot be decrypted: AUTH_SECRET changed since it was set up');
    return null;
  }
}

/** Whether the account has a confirmed authenticator (an enrolment under way does not count). */
export async function hasSecondFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ userId: userTotp.userId })
    .from(userTotp)
    .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)))
    .limit(1);
  return Boolean(row);
}

/**
 * Accepts a code from the account's authenticator (six digits, once, within the clock skew) or one of its
 * unused recovery codes, and spends it. Null when it is neither.
 */
export async function consumeSecondFactor(db: DbOrTx, userId: string, code: string, now: Date = new Date()): Promise<PassedFactor | null> {
  if (looksLikeTotpCode(code)) {
    const [row] = await db
      .select({ secretEncrypted: userTotp.secretEncrypted, lastStep: userTotp.lastStep })
      .from(userTotp)
      .where(and(eq(userTotp.userId, userId), isNotNull(userTotp.confirmedAt)))
      .limit(1);
    if (!row?.secretEncrypted) return null;
    const secret = readableSecret(row.secretEncrypted);
    if (secret === null) return null;
    const step = await verifyTotp(secret, code, row.lastStep, now);
    if (step === null) return null;
    // Taken only if no request took this step (or a later one) meanwhile.
    const [taken] = await db
      .update(userTotp)
      .set({ lastStep: step })
      .where(and(eq(userTotp.userId, userId), or(isNull(userTotp.lastStep), lt(userTotp.lastStep, step))))
      .returning({ userId: userTotp.userId });
    return taken ? 'totp' : null;
  }
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return null;
  const [spent] = await db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, hashRecoveryCode(normalised)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id });
  return spent ? 'recovery' : null;
}
