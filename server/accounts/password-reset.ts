// Password reset by email: a single-use link (hashed like invites), throttled, that sets a new password and ends every session.
//
// Whoever asks gets the same answer whether or not an account has that address; only the mailbox learns
// more. A link goes out only to an enabled account that already has a password (an invited person who
// never set one uses their invitation), and at most RESET_LIMITS.perAccount times an hour per account
// and RESET_LIMITS.perAddress times an hour from one address (IPv4, or an IPv6 /64). The address limit
// counts links sent, not requests: a request for an unknown address sends nothing and stores nothing.
import 'server-only';
import { and, count, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db, DbOrTx } from '~/db';
import { passwordResets, users } from '~/db/schema';
import { writeAudit } from '~/server/audit';
import { throttleKey } from '~/server/auth/ip';
import { hashPassword } from '~/server/auth/password';
import { normaliseEmail } from '~/server/auth/sign-in';
import type { ErrorKey } from '~/i18n/error-keys';
import { AppError, requireRow } from '~/server/errors';
import { hashInviteToken, newInviteToken } from '~/server/invites/tokens';
import { sendPasswordResetMail, type PasswordResetMail } from '~/server/mail';

const MINUTE = 60 * 1000;

export const RESET_LIMITS = {
  lifetimeMs: 30 * MINUTE,
  windowMs: 60 * MINUTE,
  perAccount: 3,
  perAddress: 10,
  /**
   * Every answer takes at least this long: a request for a real account writes two rows and an audit
   * event, one for an unknown address only reads, and the difference must not tell them apart.
   */
  minAnswerMs: 250,
} as const;

export interface ResetRequestOptions {
  now?: Date;
  /** Sends the email after the transaction committed (tests point it at their SMTP server). */
  send?: (mail: PasswordResetMail) => Promise<boolean>;
  minAnswerMs?: number;
}

/** The one answer to every request, whatever happened. */
export const RESET_REQUESTED = { ok: true as const };

type Outcome = { sent: false; reason: 'unknown' | 'disabled' | 'no-password' | 'account-limit' | 'address-limit' } | { sent: true; mail: PasswordResetMail };

/**
 * Asks for a reset link for `email`. `ip` is the client's address (server/auth/ip.ts clientAddress): the
 * audit keeps it, the throttle counts by its throttleKey. The email is sent after the commit and not
 * awaited, so a slow mail server cannot tell an existing account apart either.
 */
export async function requestPasswordReset(
  db: Db,
  input: { email: string; ip: string; origin: string; requestId?: string },
  options: ResetRequestOptions = {},
): Promise<typeof RESET_REQUESTED> {
  const started = Date.now();
  const now = options.now ?? new Date();
  const ip = input.ip.slice(0, 64) || 'unknown';
  const key = throttleKey(ip);
  const email = normaliseEmail(input.email);

  const outcome = await db.transaction(async (tx): Promise<Outcome> => {
    // Locked, so parallel requests for one account are counted one after the other.
    const [user] = await tx
      .select({ id: users.id, email: users.email, locale: users.locale, role: users.role, disabledAt: users.disabledAt, hasPassword: sql<boolean>`${users.passwordHash} is not null` })
      .from(users)
      .where(eq(users.email, email))
      .for('update');
    if (!user) return { sent: false, reason: 'unknown' };
    const windowStart = new Date(now.getTime() - RESET_LIMITS.windowMs);
    let refused: Exclude<Outcome, { sent: true }>['reason'] | null = null;
    if (user.disabledAt) refused = 'disabled';
    else if (!user.hasPassword) refused = 'no-password';
    else {
      const [byAccount] = await tx
        .select({ n: count() })
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, user.id), gt(passwordResets.createdAt, windowStart)));
      const [byAddress] = await tx
        .select({ n: count() })
        .from(passwordResets)
        .where(and(eq(passwordResets.requestIp, key), gt(passwordResets.createdAt, windowStart)));
      if (Number(byAccount?.n ?? 0) >= RESET_LIMITS.perAccount) refused = 'account-limit';
      else if (Number(byAddress?.n ?? 0) >= RESET_LIMITS.perAddress) refused = 'address-limit';
    }
    const audit = { action: 'account.request_password_reset', entityType: 'user', entityId: user.id, patientId: user.role === 'patient' ? user.id : null };
    const actor = { id: user.id, requestId: input.requestId };
    if (refused) {
      await writeAudit(tx, actor, { ...audit, after: { ip, sent: false, reason: refused } });
      return { sent: false, reason: refused };
    }
    const { token, tokenHash } = newInviteToken();
    const expiresAt = new Date(now.getTime() + RESET_LIMITS.lifetimeMs);
    const [row] = await tx.insert(passwordResets).values({ tokenHash, userId: user.id, expiresAt, createdAt: now, requestIp: key }).returning({ id: passwordResets.id });
    requireRow(row);
    await writeAudit(tx, actor, { ...audit, after: { ip, sent: true, expiresAt: expiresAt.toISOString() } });
    return { sent: true, mail: { to: user.email, link: resetLink(input.origin, token), expiresAt, locale: user.locale } };
  });

  // Not awaited (see above); sendMail never throws.
  if (outcome.sent) void (options.send ?? sendPasswordResetMail)(outcome.mail);
  const wait = (options.minAnswerMs ?? RESET_LIMITS.minAnswerMs) - (Date.now() - started);
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  return RESET_REQUESTED;
}

export function resetLink(origin: string, token: string): string {
  return `${origin.replace(/\/$/, '')}/reset-password/${token}`;
}

export type ResetState = { status: 'valid'; email: string } | { status: 'expired' | 'used' | 'invalid' };

export async function inspectPasswordReset(db: DbOrTx, token: string, now: Date = new Date()): Promise<ResetState> {
  const [row] = await db
    .select({ usedAt: passwordResets.usedAt, expiresAt: passwordResets.expiresAt, email: users.email, disabledAt: users.disabledAt })
    .from(passwordResets)
    .innerJoin(users, eq(users.id, passwordResets.userId))
    .where(eq(passwordResets.tokenHash, hashInviteToken(token)))
    .limit(1);
  if (!row || row.disabledAt) return { status: 'invalid' };
  if (row.usedAt) return { status: 'used' };
  if (row.expiresAt <= now) return { status: 'expired' };
  return { status: 'valid', email: row.email };
}

const refusals = {
  expired: 'accounts.resetLink.expired',
  used: 'accounts.resetLink.used',
  invalid: 'accounts.resetLink.invalid',
} as const satisfies Record<string, ErrorKey>;

/**
 * Sets the new password from a link: once, ending every session of the account (the session version moves
 * on), and spending the account's other links. Like accepting an invite, the token is checked before the
 * password is hashed, and claimed again in the transaction for clicks that pass together.
 */
export async function resetPassword(
  db: Db,
  input: { token: string; password: string },
  meta: { requestId?: string } = {},
  now: Date = new Date(),
): Promise<{ email: string }> {
  const before = await inspectPasswordReset(db, input.token, now);
  if (before.status !== 'valid') throw new AppError('BAD_REQUEST', refusals[before.status], { token: [refusals[before.status]] });
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(passwordResets)
      .set({ usedAt: now })
      .where(and(eq(passwordResets.tokenHash, hashInviteToken(input.token)), isNull(passwordResets.usedAt), gt(passwordResets.expiresAt, now)))
      .returning({ id: passwordResets.id, userId: passwordResets.userId });
    if (!claimed) {
      const state = await inspectPasswordReset(tx, input.token, now);
      const reason = state.status === 'valid' ? 'invalid' : state.status;
      throw new AppError('BAD_REQUEST', refusals[reason], { token: [refusals[reason]] });
    }
    const [user] = await tx
      .update(users)
      .set({ passwordHash, updatedAt: now, sessionVersion: sql`${users.sessionVersion} + 1` })
      .where(and(eq(users.id, claimed.userId), isNull(users.disabledAt)))
      .returning({ id: users.id, email: users.email, role: users.role });
    if (!user) throw new AppError('BAD_REQUEST', refusals.invalid, { token: [refusals.invalid] });
    await tx.update(passwordResets).set({ usedAt: now }).where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.usedAt)));
    await writeAudit(tx, { id: user.id, requestId: meta.requestId }, {
      action: 'account.reset_password',
      entityType: 'user',
      entityId: user.id,
      patientId: user.role === 'patient' ? user.id : null,
      after: { via: 'email-link', reset: claimed.id },
    });
    return { email: user.email };
  });
}
