// Password sign-in: throttling per account and per IP (kept in the database), and an audit of every attempt.
import { and, count, eq, gt, inArray, ne } from 'drizzle-orm';
import type { Db } from '~/db';
import { signInAttempts, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { dummyPasswordHash, isHashingBusy, verifyPassword } from './password';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: 'patient' | 'clinician' | 'admin'; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'throttled' | 'busy' };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

// Attempts still being checked count as failures: that is what keeps parallel guesses within the limit.
const countsAgainst = inArray(signInAttempts.outcome, ['pending', 'failure']);

async function otherRecentFailures(
  db: Db,
  column: typeof signInAttempts.email | typeof signInAttempts.ip,
  value: string,
  since: Date,
  ownAttemptId: number,
) {
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(column, value), countsAgainst, gt(signInAttempts.createdAt, since), ne(signInAttempts.id, ownAttemptId)));
  return row?.n ?? 0;
}

/**
 * Checks a password sign-in. The attempt is recorded as pending BEFORE the failures are counted, so of
 * any number of simultaneous guesses at most MAX_FAILURES_PER_ACCOUNT reach the password check: each
 * one counts every attempt recorded before it. Throttled attempts do not extend the lock-out.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const ip = input.ip.slice(0, 64) || 'unknown';
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);

  const [attempt] = await db.insert(signInAttempts).values({ email, ip, outcome: 'pending', createdAt: now }).returning({ id: signInAttempts.id });
  if (!attempt) throw new Error('sign-in attempt not recorded');

  const [byAccount, byIp] = await Promise.all([
    otherRecentFailures(db, signInAttempts.email, email, since, attempt.id),
    otherRecentFailures(db, signInAttempts.ip, ip, since, attempt.id),
  ]);
  const throttled = byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP;

  let user: (typeof users.$inferSelect) | undefined;
  let passwordOk = false;
  let busy = false;
  if (!throttled) {
    [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    // Verify against a dummy hash when there is no usable account, so timing does not reveal which emails exist.
    try {
      passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password.slice(0, 256));
    } catch (error) {
      // Too many password checks at once: this one was not checked, so it is recorded as refused (like a
      // throttled attempt, it does not count against the account or the address).
      if (!isHashingBusy(error)) throw error;
      busy = true;
    }
  }
  const succeeded = !throttled && !busy && passwordOk && !!user && !!user.passwordHash && !user.disabledAt;
  const outcome = throttled || busy ? 'throttled' : succeeded ? 'success' : 'failure';

  await db.transaction(async (tx) => {
    await tx.update(signInAttempts).set({ outcome, userId: user?.id ?? null }).where(eq(signInAttempts.id, attempt.id));
    await writeAudit(tx, user ? { id: user.id } : null, {
      action: succeeded ? 'auth.sign_in' : throttled || busy ? 'auth.sign_in_throttled' : 'auth.sign_in_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      patientId: user?.role === 'patient' ? user.id : null,
      after: { method: 'password', ip, ...(busy ? { busy: true } : {}) },
    });
  });

  if (throttled) return { ok: false, reason: 'throttled' };
  if (busy) return { ok: false, reason: 'busy' };
  if (!succeeded || !user) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
