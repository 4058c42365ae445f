// Password sign-in: throttling per account and per IP (kept in the database), and an audit of every attempt.
import { and, count, eq, gt } from 'drizzle-orm';
import type { Db } from '~/db';
import { signInAttempts, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { dummyPasswordHash, verifyPassword } from './password';

export const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

export type SignInResult =
  | { ok: true; user: { id: string; email: string; name: string; role: 'patient' | 'clinician' | 'admin'; sessionVersion: number } }
  | { ok: false; reason: 'invalid' | 'throttled' };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

async function recentFailures(db: Db, column: typeof signInAttempts.email | typeof signInAttempts.ip, value: string, since: Date) {
  const [row] = await db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(column, value), eq(signInAttempts.succeeded, false), gt(signInAttempts.createdAt, since)));
  return row?.n ?? 0;
}

export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string },
  now: Date = new Date(),
): Promise<SignInResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const ip = input.ip.slice(0, 64) || 'unknown';
  const since = new Date(now.getTime() - THROTTLE_WINDOW_MS);

  const [byAccount, byIp] = await Promise.all([
    recentFailures(db, signInAttempts.email, email, since),
    recentFailures(db, signInAttempts.ip, ip, since),
  ]);
  const throttled = byAccount >= MAX_FAILURES_PER_ACCOUNT || byIp >= MAX_FAILURES_PER_IP;

  let user: (typeof users.$inferSelect) | undefined;
  let passwordOk = false;
  if (!throttled) {
    [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    // Verify against a dummy hash when there is no usable account, so timing does not reveal which emails exist.
    passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password.slice(0, 256));
  }
  const succeeded = !throttled && passwordOk && !!user && !!user.passwordHash && !user.disabledAt;

  await db.transaction(async (tx) => {
    await tx.insert(signInAttempts).values({ email, ip, succeeded, userId: user?.id ?? null, createdAt: now });
    await writeAudit(tx, user ? { id: user.id } : null, {
      action: succeeded ? 'auth.sign_in' : throttled ? 'auth.sign_in_throttled' : 'auth.sign_in_failed',
      entityType: 'user',
      entityId: user?.id ?? null,
      patientId: user?.role === 'patient' ? user.id : null,
      after: { method: 'password', ip },
    });
  });

  if (throttled) return { ok: false, reason: 'throttled' };
  if (!succeeded || !user) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
  };
}
