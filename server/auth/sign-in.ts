// Password sign-in: throttling (kept in the database) that holds guessers back without locking the
// owner out, a notice to the owner when a limit trips, a server-side session, and an audit of every attempt.
//
// The limits (all counted from `sign_in_attempts`; an attempt refused by a limit is recorded as
// 'throttled' and counts towards none of them, so waiting always ends a lock):
// - One account from one address (IPv4, or an IPv6 /64): 5 failures are free; after the n-th failure
//   (n >= 5) that pair waits 1 minute × 2^(n−5) from its latest failure, at most 1 hour. Failures count
//   over the last 24 hours and since the pair's last successful sign-in.
// - One account from all addresses: 50 failures within an hour put the whole account on hold for 5 minutes
//   after the latest failure. Addresses this account signed in from within 30 days are exempt, so an
//   attacker with many addresses cannot keep the owner out of their usual devices.
// - One address across all accounts (password spraying): 30 failures within 15 minutes hold that address.
// When a failure trips the first two (the pair reaches 5 failures, or the account 50), the account's
// owner is emailed that sign-in attempts were blocked: at most once an hour, and only when mail is set up.
import 'server-only';
import { and, count, eq, gt, inArray, isNull, lt, max, ne, or, sql } from 'drizzle-orm';
import type { Db } from '~/db';
import { signInAttempts, userSessions, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { sendSignInBlockedMail } from '~/server/mail';
import { appOrigin } from '~/server/origin';
import { throttleKey } from './ip';
import { dummyPasswordHash, isHashingBusy, verifyPassword } from './password';
import { consumeSecondFactor, hasSecondFactor, type PassedFactor } from './second-factor-store';
import { startSession } from './session';

const MINUTE = 60 * 1000;
const HOUR = 60 * MINUTE;

export const THROTTLE = {
  /** Failures of one account from one address before that pair has to wait. */
  pairFreeFailures: 5,
  pairFirstDelayMs: MINUTE,
  pairMaxDelayMs: HOUR,
  pairWindowMs: 24 * HOUR,
  /** Failures of one account from all addresses within the window that put the account on hold. */
  accountCeiling: 50,
  accountWindowMs: HOUR,
  accountDelayMs: 5 * MINUTE,
  /** An address with a successful sign-in to the account this recently is exempt from the account hold. */
  knownAddressMs: 30 * 24 * HOUR,
  /** Failures from one address across all accounts within the window that hold that address. */
  addressCeiling: 30,
  addressWindowMs: 15 * MINUTE,
  /** At most one "attempts were blocked" email per account within this time. */
  noticeEveryMs: HOUR,
} as const;

export type ThrottleLimit = 'address' | 'account-address' | 'account';

export type SignInResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string; role: 'patient' | 'clinician' | 'admin'; sessionVersion: number };
      /** The new session's id, for its JWT. */
      sessionId: string;
    }
  /**
   * 'code-needed': the password was right and the account has a second factor; ask for a code and send
   * the password again with it. 'invalid-code': the code was wrong, reused or spent (a failure that counts).
   */
  | { ok: false; reason: 'invalid' | 'busy' | 'code-needed' | 'invalid-code' }
  | { ok: false; reason: 'throttled'; limit: ThrottleLimit; retryAfterMs: number };

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The wait of an (account, address) pair after `failures` failures, from its latest failure. */
export function pairDelayMs(failures: number): number {
  if (failures < THROTTLE.pairFreeFailures) return 0;
  const doublings = Math.min(failures - THROTTLE.pairFreeFailures, 30);
  return Math.min(THROTTLE.pairFirstDelayMs * 2 ** doublings, THROTTLE.pairMaxDelayMs);
}

// Attempts still being checked count as failures: that is what keeps parallel guesses within the limits.
const countsAgainst = inArray(signInAttempts.outcome, ['pending', 'failure']);

interface Counts {
  pairFailures: number;
  pairLastFailure: Date | null;
  accountFailures: number;
  accountLastFailure: Date | null;
  knownAddress: boolean;
  addressFailures: number;
}

const asDate = (v: unknown): Date | null => (v == null ? null : v instanceof Date ? v : new Date(String(v)));

/** Everything the limits need, from the email index (two queries) and the address index (one), excluding this attempt. */
async function countFailures(db: Db, email: string, key: string, now: Date, ownAttemptId: number): Promise<Counts> {
  const ago = (ms: number) => new Date(now.getTime() - ms);
  const notOwn = ne(signInAttempts.id, ownAttemptId);
  const lastPairSuccess = db
    .select({ at: max(signInAttempts.createdAt) })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), eq(signInAttempts.ip, key), eq(signInAttempts.outcome, 'success'), gt(signInAttempts.createdAt, ago(THROTTLE.knownAddressMs))));
  const byAddress = db
    .select({ n: count() })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.ip, key), countsAgainst, gt(signInAttempts.createdAt, ago(THROTTLE.addressWindowMs)), notOwn));
  const [[success], [address]] = await Promise.all([lastPairSuccess, byAddress]);
  const lastSuccess = asDate(success?.at);
  // The pair window (24 h) holds the account window (1 h): one pass over the email's recent failures.
  const pairWindowStart = ago(THROTTLE.pairWindowMs);
  const pairSince = lastSuccess && lastSuccess > pairWindowStart ? lastSuccess : pairWindowStart;
  const hourAgo = ago(THROTTLE.accountWindowMs);
  // Built with the column operators, so the times are sent as the column maps them (postgres.js takes no Date in raw SQL).
  const inPair = and(eq(signInAttempts.ip, key), gt(signInAttempts.createdAt, pairSince));
  const inHour = gt(signInAttempts.createdAt, hourAgo);
  const [account] = await db
    .select({
      pairFailures: sql<number>`count(*) filter (where ${inPair})::int`,
      pairLastFailure: sql<Date | string | null>`max(${signInAttempts.createdAt}) filter (where ${inPair})`,
      accountFailures: sql<number>`count(*) filter (where ${inHour})::int`,
      accountLastFailure: sql<Date | string | null>`max(${signInAttempts.createdAt}) filter (where ${inHour})`,
    })
    .from(signInAttempts)
    .where(and(eq(signInAttempts.email, email), countsAgainst, gt(signInAttempts.createdAt, pairWindowStart), notOwn));
  return {
    pairFailures: Number(account?.pairFailures ?? 0),
    pairLastFailure: asDate(account?.pairLastFailure),
    accountFailures: Number(account?.accountFailures ?? 0),
    accountLastFailure: asDate(account?.accountLastFailure),
    knownAddress: lastSuccess !== null,
    addressFailures: Number(address?.n ?? 0),
  };
}

/** Which limit holds this attempt back, and for how long; null when none does. */
function holdingLimit(c: Counts, now: Date): { limit: ThrottleLimit; retryAfterMs: number } | null {
  const until = (from: Date | null, ms: number) => (from ? from.getTime() + ms - now.getTime() : 0);
  if (c.addressFailures >= THROTTLE.addressCeiling) return { limit: 'address', retryAfterMs: THROTTLE.addressWindowMs };
  const pairWait = until(c.pairLastFailure, pairDelayMs(c.pairFailures));
  if (c.pairFailures >= THROTTLE.pairFreeFailures && pairWait > 0) return { limit: 'account-address', retryAfterMs: pairWait };
  const accountWait = until(c.accountLastFailure, THROTTLE.accountDelayMs);
  if (c.accountFailures >= THROTTLE.accountCeiling && !c.knownAddress && accountWait > 0) return { limit: 'account', retryAfterMs: accountWait };
  return null;
}

/**
 * Checks a password sign-in. The attempt is recorded as pending BEFORE the failures are counted, so of
 * any number of simultaneous guesses from one address at most `pairFreeFailures` reach the password
 * check: each one counts every attempt recorded before it. `ip` is the client's address as read by
 * `clientAddress` (server/auth/ip.ts); the audit keeps it, throttling counts by its `throttleKey`.
 */
export async function signInWithPassword(
  db: Db,
  input: { email: string; password: string; ip: string; code?: string },
  now: Date = new Date(),
  /**
   * 'reauth': a signed-in person proves it is them again before changing their sign-in factors. The same
   * checks and limits; no session is started, and the audit says so.
   */
  purpose: 'sign-in' | 'reauth' = 'sign-in',
): Promise<SignInResult> {
  const email = normaliseEmail(input.email).slice(0, 320);
  const ip = input.ip.slice(0, 64) || 'unknown';
  const key = throttleKey(ip);

  const [attempt] = await db.insert(signInAttempts).values({ email, ip: key, outcome: 'pending', createdAt: now }).returning({ id: signInAttempts.id });
  if (!attempt) throw new Error('sign-in attempt not recorded');

  const counts = await countFailures(db, email, key, now, attempt.id);
  const held = holdingLimit(counts, now);

  let user: (typeof users.$inferSelect) | undefined;
  let passwordOk = false;
  let busy = false;
  if (!held) {
    [user] = await db.select().from(users).where(eq(users.email, email)).limit(1);
    // Verify against a dummy hash when there is no usable account, so timing does not reveal which emails exist.
    try {
      passwordOk = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password.slice(0, 256));
    } catch (error) {
      // Too many password checks at once: this one was not checked, so it is recorded as refused (like a
      // held attempt, it does not count against the account or the address).
      if (!isHashingBusy(error)) throw error;
      busy = true;
    }
  }
  const passwordAccepted = !held && !busy && passwordOk && !!user && !!user.passwordHash && !user.disabledAt;
  // The second step: an account with an authenticator needs a code from it (or a recovery code) as well.
  // Asked only once the password is right, so it reveals nothing a wrong password would not.
  let factor: PassedFactor | null = null;
  let codeNeeded = false;
  let codeRejected = false;
  if (passwordAccepted && user && (await hasSecondFactor(db, user.id))) {
    const code = input.code?.trim();
    if (!code) codeNeeded = true;
    else {
      factor = await consumeSecondFactor(db, user.id, code, now);
      codeRejected = factor === null;
    }
  }
  const succeeded = passwordAccepted && !codeNeeded && !codeRejected;
  const outcome = held || busy ? 'throttled' : codeNeeded ? 'code-needed' : succeeded ? 'success' : 'failure';
  // This failure makes a limit hold from now on: the owner hears of it.
  const trips =
    outcome === 'failure' &&
    (counts.pairFailures + 1 >= THROTTLE.pairFreeFailures || counts.accountFailures + 1 >= THROTTLE.accountCeiling);

  const { sessionId, notify } = await db.transaction(async (tx) => {
    await tx.update(signInAttempts).set({ outcome, userId: user?.id ?? null }).where(eq(signInAttempts.id, attempt.id));
    const sid = succeeded && user && purpose === 'sign-in' ? await startSession(tx, user.id, 'password', now, factor) : null;
    const prefix = purpose === 'sign-in' ? 'auth.sign_in' : 'auth.reauth';
    await writeAudit(tx, user ? { id: user.id } : null, {
      action: succeeded ? prefix : held || busy ? `${prefix}_throttled` : codeNeeded ? `${prefix}_code_asked` : `${prefix}_failed`,
      entityType: 'user',
      entityId: user?.id ?? null,
      patientId: user?.role === 'patient' ? user.id : null,
      after: {
        method: 'password',
        ip,
        ...(held ? { limit: held.limit } : {}),
        ...(busy ? { busy: true } : {}),
        ...(sid ? { session: sid } : {}),
        ...(factor ? { secondFactor: factor } : {}),
        ...(codeRejected ? { secondFactor: 'refused' } : {}),
      },
    });
    let to: { email: string; locale: string } | null = null;
    if (trips && user && !user.disabledAt) {
      // Claimed with one conditional update, so parallel failures send one email, not one each.
      const [claimed] = await tx
        .update(users)
        .set({ signInNoticeAt: now })
        .where(and(eq(users.id, user.id), or(isNull(users.signInNoticeAt), lt(users.signInNoticeAt, new Date(now.getTime() - THROTTLE.noticeEveryMs)))))
        .returning({ email: users.email, locale: users.locale });
      if (claimed) {
        to = claimed;
        await writeAudit(tx, { id: user.id }, {
          action: 'auth.sign_in_notice',
          entityType: 'user',
          entityId: user.id,
          patientId: user.role === 'patient' ? user.id : null,
          after: { ip },
        });
      }
    }
    return { sessionId: sid, notify: to };
  });

  // Not awaited: the answer must not take longer when an account exists (and mail never throws).
  if (notify) void sendSignInBlockedMail({ to: notify.email, locale: notify.locale, link: `${appOrigin()}/sign-in` });

  if (held) return { ok: false, reason: 'throttled', ...held };
  if (busy) return { ok: false, reason: 'busy' };
  if (codeNeeded) return { ok: false, reason: 'code-needed' };
  if (codeRejected) return { ok: false, reason: 'invalid-code' };
  if (!succeeded || !user || (purpose === 'sign-in' && !sessionId)) return { ok: false, reason: 'invalid' };
  return {
    ok: true,
    user: { id: user.id, email: user.email, name: user.name, role: user.role, sessionVersion: user.sessionVersion },
    sessionId: sessionId ?? '',
  };
}

export type SecondStepResult =
  | { ok: true; factor: PassedFactor }
  | { ok: false; reason: 'invalid-code' }
  | { ok: false; reason: 'throttled'; limit: ThrottleLimit; retryAfterMs: number };

/**
 * The second step of a session that began without one (single sign-on whose provider did not vouch for a
 * second factor, for an account that has an authenticator): a code is checked under the same limits as a
 * password, counted against the account's email and the address, and the session is marked as passed.
 */
export async function passSecondStep(
  db: Db,
  input: { user: { id: string; email: string; role: string }; sessionId: string; code: string; ip: string },
  now: Date = new Date(),
): Promise<SecondStepResult> {
  const email = normaliseEmail(input.user.email);
  const ip = input.ip.slice(0, 64) || 'unknown';
  const key = throttleKey(ip);
  const [attempt] = await db.insert(signInAttempts).values({ email, ip: key, outcome: 'pending', userId: input.user.id, createdAt: now }).returning({ id: signInAttempts.id });
  if (!attempt) throw new Error('sign-in attempt not recorded');
  const held = holdingLimit(await countFailures(db, email, key, now, attempt.id), now);
  const factor = held ? null : await consumeSecondFactor(db, input.user.id, input.code.trim(), now);
  await db.transaction(async (tx) => {
    await tx.update(signInAttempts).set({ outcome: held ? 'throttled' : factor ? 'success' : 'failure' }).where(eq(signInAttempts.id, attempt.id));
    if (factor) {
      await tx
        .update(userSessions)
        .set({ secondFactor: factor })
        .where(and(eq(userSessions.id, input.sessionId), eq(userSessions.userId, input.user.id), isNull(userSessions.revokedAt)));
    }
    await writeAudit(tx, { id: input.user.id }, {
      action: held ? 'auth.second_step_throttled' : factor ? 'auth.second_step' : 'auth.second_step_failed',
      entityType: 'user',
      entityId: input.user.id,
      patientId: input.user.role === 'patient' ? input.user.id : null,
      after: { ip, session: input.sessionId, ...(factor ? { secondFactor: factor } : {}), ...(held ? { limit: held.limit } : {}) },
    });
  });
  if (held) return { ok: false, reason: 'throttled', ...held };
  return factor ? { ok: true, factor } : { ok: false, reason: 'invalid-code' };
}
